"""Faults for the engine inside a test worker (``running_worker(include="tests.worker_faults")``).

Imported by the worker at start, never by the app: in each pool process it wraps the engine's entry
point so a test can slow every analysis down (``NEWSVERIFY_TEST_ENGINE_DELAY`` seconds, so a worker
can be killed mid-article) and make poison articles out of its own texts. The engine's code is
unchanged, and the worker's main process never imports it (as in production).

- a text containing ``POISON-CRASH`` kills the process analysing it (as a segfault or the
  out-of-memory killer would), every time;
- a text containing ``POISON-HANG`` never finishes (the soft time limit stops it);
- a text containing ``FAULT-DB-DROP`` loses its database connection in the middle of its first
  store, after the claims and hops are written in the store's transaction and before it commits
  (PostgreSQL terminates the connection's backend, as a database restart or failover does). The
  number of claims the transaction had written is left in ``NEWSVERIFY_TEST_FAULT_DIR``.
"""

from __future__ import annotations

import logging
import os
import signal
import time
from typing import Any

from celery import signals

logger = logging.getLogger(__name__)

DELAY = float(os.environ.get("NEWSVERIFY_TEST_ENGINE_DELAY", "0"))
FAULT_DIR = os.environ.get("NEWSVERIFY_TEST_FAULT_DIR", "")


@signals.worker_process_init.connect
def _wrap_the_engine(**kwargs: object) -> None:
    import newsverify.attribution

    engine = newsverify.attribution.extract_chains

    def extract_chains_with_faults(text: str, *args: Any, **kwargs: Any) -> Any:
        if "POISON-CRASH" in text:
            logger.warning("tests.worker_faults: killing this process (pid %s) mid-analysis", os.getpid())
            os.kill(os.getpid(), signal.SIGKILL)
        if "POISON-HANG" in text:
            time.sleep(3600)
        if DELAY:
            time.sleep(DELAY)
        return engine(text, *args, **kwargs)

    newsverify.attribution.extract_chains = extract_chains_with_faults


@signals.worker_process_init.connect
def _wrap_the_store(**kwargs: object) -> None:
    from pathlib import Path

    from django.db import connection

    from newsverify.articles import analysis_store
    from newsverify.review.models import Claim

    # The discrepancies are written last but the article's update: the claims, mentions and hops are in
    # (the count below sends what the store holds for its one statement on PostgreSQL first).
    store_discrepancies = analysis_store._discrepancies_write

    def store_discrepancies_with_faults(article: Any, *args: Any, **kwargs: Any) -> Any:
        marker = Path(FAULT_DIR) / f"dropped-{article.pk}"
        if FAULT_DIR and "FAULT-DB-DROP" in article.text and not marker.exists():
            written = Claim.objects.filter(article=article).count()
            marker.write_text(str(written))
            logger.warning(
                "tests.worker_faults: dropping the database connection mid-store (%d claims written)", written
            )
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")
        return store_discrepancies(article, *args, **kwargs)

    analysis_store._discrepancies_write = store_discrepancies_with_faults
