"""The Celery app. Configuration comes from Django settings (the CELERY_* names)."""

from __future__ import annotations

import functools
import gc
import logging
import os
import time
from pathlib import Path

from celery import Celery, bootsteps, signals
from kombu.transport import TRANSPORT_ALIASES

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsverify.settings")

# ``filesystem://`` (the embedded broker) is kombu's filesystem transport with each message written
# whole before a worker can read it (newsverify/broker.py). kombu resolves a URL's scheme through
# this table whenever a connection is made, so every process that loads the app (the web's, the
# worker's) and every broker URL it is later pointed at get the same transport.
TRANSPORT_ALIASES["filesystem"] = "newsverify.broker:Transport"

app = Celery("newsverify")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger(__name__)


@app.on_after_configure.connect
def _create_filesystem_broker_folders(sender: Celery, **kwargs: object) -> None:
    # kombu's filesystem transport expects its folders to exist; both the web process (which
    # publishes) and the worker (which consumes) pass through here before touching the broker.
    if not str(sender.conf.broker_url).startswith("filesystem://"):
        return
    options = sender.conf.broker_transport_options or {}
    for key in ("data_folder_in", "data_folder_out", "control_folder"):
        if options.get(key):
            Path(options[key]).mkdir(parents=True, exist_ok=True)


@signals.worker_process_init.connect
def _load_language_model(**kwargs: object) -> None:
    # Each worker process loads spaCy once, before its first task, so the first article is not
    # slowed by a model load. get_nlp() is cached per process; a failure here is not fatal, the
    # task reports it on the article instead.
    from django.conf import settings

    from newsverify.attribution import get_nlp

    started = time.monotonic()
    try:
        get_nlp(settings.NEWSVERIFY_SPACY_MODEL)
    except Exception:
        logger.exception("Could not load the spaCy model %r", settings.NEWSVERIFY_SPACY_MODEL)
        return
    # The model is hundreds of thousands of long-lived objects: moved out of the collector's sight,
    # each full garbage collection no longer walks them (it halved the store's time on a 735-claim
    # article, benchmarks/analysis_store.py).
    gc.freeze()
    logger.info(
        "Loaded spaCy model %r in %.1fs (once for this worker process)",
        settings.NEWSVERIFY_SPACY_MODEL,
        time.monotonic() - started,
    )


@signals.task_prerun.connect
@signals.task_postrun.connect
def _close_old_database_connections(task: object = None, **kwargs: object) -> None:
    # Between two tasks a pool process treats its database connections as Django does between two
    # requests: one that failed (a database restarted, a connection dropped mid-store) or outlived
    # DATABASE_CONN_MAX_AGE is closed, and the next task's first query checks the one it reuses
    # (DATABASE_CONN_HEALTH_CHECKS). Celery's own fixup would close every connection after every task
    # instead (settings.CELERY_DB_REUSE_MAX says it not to): a new database session per analysis.
    # A task run in place (``apply()``, eager) is left alone: its caller owns the connection.
    if getattr(getattr(task, "request", None), "is_eager", False):
        return
    from django.db import close_old_connections

    close_old_connections()


class RecoverySweep(bootsteps.StartStopStep):
    """Every worker sweeps for articles that lost their analysis (articles/recovery.py), on its own timer.

    No extra process to deploy or forget: any number of workers may sweep at once, each change is a
    conditional update that one of them wins. The sweep runs in the worker's main process, between
    messages, and closes its database connection afterwards so the pool processes forked later never
    share it.
    """

    requires = {"celery.worker.components:Timer"}

    def __init__(self, worker: object, **kwargs: object) -> None:
        super().__init__(worker, **kwargs)
        self.timer_entry: object | None = None

    def start(self, worker: object) -> None:
        from django.conf import settings

        self.timer_entry = worker.timer.call_repeatedly(  # type: ignore[attr-defined]
            settings.NEWSVERIFY_RECOVERY_INTERVAL, recovery_sweep
        )

    def stop(self, worker: object) -> None:
        if self.timer_entry is not None:
            self.timer_entry.cancel()  # type: ignore[attr-defined]
            self.timer_entry = None


def recovery_sweep() -> None:
    from django.db import connections

    from newsverify.articles.recovery import articles_recover

    try:
        done = articles_recover()
        if done:
            logger.info(
                "Recovery sweep: %d requeued, %d failed, %d sent, %d re-sent, %d still waiting for the broker",
                len(done.requeued),
                len(done.failed),
                len(done.sent),
                len(done.resent),
                done.unsent,
            )
    except Exception:
        logger.exception("The recovery sweep failed; it runs again at the next interval")
    finally:
        connections.close_all()


class Heartbeat(bootsteps.StartStopStep):
    """Every worker records that it is alive (articles.WorkerHeartbeat) for /health/ and the staff's
    operations page, every NEWSVERIFY_WORKER_HEARTBEAT_INTERVAL seconds from its main process, and
    removes its row when it stops cleanly (a killed one goes stale instead)."""

    requires = {"celery.worker.components:Timer"}

    def __init__(self, worker: object, **kwargs: object) -> None:
        super().__init__(worker, **kwargs)
        self.timer_entry: object | None = None

    def start(self, worker: object) -> None:
        from django.conf import settings
        from django.utils import timezone

        beat = functools.partial(
            worker_heartbeat,
            name=worker.hostname,  # type: ignore[attr-defined]
            concurrency=int(getattr(worker, "concurrency", 1) or 1),
            started_at=timezone.now(),
        )
        beat()
        self.timer_entry = worker.timer.call_repeatedly(  # type: ignore[attr-defined]
            settings.NEWSVERIFY_WORKER_HEARTBEAT_INTERVAL, beat
        )

    def stop(self, worker: object) -> None:
        if self.timer_entry is not None:
            self.timer_entry.cancel()  # type: ignore[attr-defined]
            self.timer_entry = None
        worker_heartbeat(name=worker.hostname, concurrency=0, started_at=None)  # type: ignore[attr-defined]


def worker_heartbeat(*, name: str, concurrency: int, started_at: object) -> None:
    """Record (or, with ``started_at`` None, remove) this worker's heartbeat; never fatal."""
    from django.db import connections

    from newsverify.articles import operations

    try:
        if started_at is None:
            operations.worker_heartbeat_remove(name=name)
        else:
            operations.worker_heartbeat_record(
                name=name,
                pid=os.getpid(),
                concurrency=concurrency,
                started_at=started_at,  # type: ignore[arg-type]
            )
    except Exception:
        logger.exception("Could not record the worker's heartbeat; it tries again at the next interval")
    finally:
        connections.close_all()


app.steps["worker"].add(RecoverySweep)
app.steps["worker"].add(Heartbeat)
