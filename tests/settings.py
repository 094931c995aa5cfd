"""The project's settings as a developer runs them (DEBUG on: plain static files, no HTTPS redirect).

pytest-django still runs every test with DEBUG False; the production path has its own test
(tests/test_settings.py runs `check --deploy` with a production environment).
"""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("DEBUG", "1")

from newsverify.settings import *  # noqa: E402,F403

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # One test database file per test run, so two runs at once (two terminals, two checkouts) never
    # share it. A file, not :memory:, so the Celery worker the integration tests start can open it.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"newsverify-test-{os.getpid()}.sqlite3")
    }

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Rate-limit counters live in the cache. Tests keep them in memory, cleared per test where they
# matter, so a run never writes into (or flushes) the Redis a developer or CI broker uses; the Redis
# cache itself is exercised by tests/test_cache.py.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "newsverify-tests"}}

# Stories: the model-free encoder, so the default run never loads torch; the tests that need the
# real model ask for it (tests/stories/test_embeddings.py).
NEWSVERIFY_STORY_EMBEDDINGS = "words"
# Tests have no worker draining the queue (but the integration tests' own): stories' notes are rebuilt
# in the request; tests/stories/test_story_list.py tests the background path.
NEWSVERIFY_STORY_NOTES_IN_BACKGROUND = False

# Polls are answered at once, as a server with the long poll turned off answers them: a test of a
# pending article's page would otherwise wait out the poll's bound. The tests of the wait turn it
# on (tests/articles/test_poll_wait.py, the browser tests of the pages that wait).
NEWSVERIFY_POLL_WAIT_SECONDS = 0
