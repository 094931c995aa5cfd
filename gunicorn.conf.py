"""gunicorn's settings for newsverify, read from the working directory (`gunicorn newsverify.wsgi`).

Threads: a page waiting for an analysis holds its poll on the server for up to
NEWSVERIFY_POLL_WAIT_SECONDS (articles/changes.py), mostly asleep. With gunicorn's default sync
worker each such page would take a whole worker process for that long, and four open pages would
stop a four-worker site; a thread per request lets each process hold many of them. Each thread
keeps its own database connection (DATABASE_CONN_MAX_AGE): size the database's connection limit to
workers x threads. Command-line options (--workers, --threads) override these.
"""

import os

worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
# A sync worker is killed past this; a threaded one only when its process stops answering.
timeout = 30
