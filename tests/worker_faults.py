"""Faults for the engine inside a test worker (``running_worker(include="tests.worker_faults")``).

Imported by the worker at start, never by the app: in each pool process it wraps the engine's entry
point so a test can slow every analysis down (``NEWSVERIFY_TEST_ENGINE_DELAY`` seconds, so a worker
can be killed mid-article) and make poison articles out of its own texts. The engine's code is
unchanged, and the worker's main process never imports it (as in production).

- a text containing ``POISON-CRASH`` kills the process analysing it (as a segfault or the
  out-of-memory killer would), every time;
- a text containing ``POISON-HANG`` never finishes (the soft time limit stops it).
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
