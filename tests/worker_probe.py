"""What a test worker's pool processes do with the database (``running_worker(include="tests.worker_probe")``).

Imported by the worker at start, never by the app: each pool process logs every database connection
it opens, so a test can count them.
"""

from __future__ import annotations

import logging
import os

from celery import signals

logger = logging.getLogger(__name__)

OPENED = "tests.worker_probe: database connection opened"


@signals.worker_process_init.connect
def _log_new_connections(**kwargs: object) -> None:
    from django.db.backends.signals import connection_created

    def opened(sender: object, connection: object, **_: object) -> None:
        logger.info("%s in pool process %s", OPENED, os.getpid())

    connection_created.connect(opened, weak=False)
