"""The project's settings as a developer runs them (DEBUG on: plain static files, no HTTPS redirect).

pytest-django still runs every test with DEBUG False; the production path has its own test
(tests/test_settings.py runs `check --deploy` with a production environment).
"""

import os

os.environ.setdefault("DEBUG", "1")

from newsverify.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
