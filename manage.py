#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsverify.settings")
    # manage.py is the developer's and operator's tool: without a DEBUG setting it runs the
    # local defaults (a development key, SQLite). Production sets DEBUG=0 and a SECRET_KEY
    # explicitly; gunicorn and the Celery workers, which do not pass through here, require them.
    os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
