import sys

from newsverify.attribution.cli import main

sys.exit(main())
