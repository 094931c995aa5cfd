"""The project's settings as a developer runs them (DEBUG on: plain static files, no HTTPS redirect).

pytest-django still runs every test with DEBUG False; the production path has its own test
(tests/test_settings.py runs `check --deploy` with a production environment).
"""

import os

os.environ.setdefault("DEBUG", "1")

from newsverify.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Rate-limit counters live in the cache. Tests keep them in memory, cleared per test where they
# matter, so a run never writes into (or flushes) the Redis a developer or CI broker uses; the Redis
# cache itself is exercised by tests/test_cache.py.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "newsverify-tests"}}
