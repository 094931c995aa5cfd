"""A real `celery worker` process for integration tests, always terminated afterwards."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

from newsverify.celery import app

ROOT = Path(__file__).resolve().parent.parent


def database_url() -> str:
    """The URL of the database this test run uses (the test database, not the configured one)."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        name = str(settings["NAME"])
        assert "memory" not in name, "the worker cannot see an in-memory database"
        return f"sqlite:///{name}"
    if connection.vendor == "postgresql":
        auth = settings["USER"] or ""
        if settings.get("PASSWORD"):
            auth += f":{settings['PASSWORD']}"
        host = settings["HOST"] or "127.0.0.1"
        port = settings["PORT"] or 5432
        return f"postgres://{auth}@{host}:{port}/{settings['NAME']}"
    raise NotImplementedError(connection.vendor)


def reconnect_publisher() -> None:
    """Make this process publish with the current broker settings. Celery keeps its producer pool
    (bound to the first broker it saw) across `app.close()`, so drop it as well."""
    app.close()
    app.amqp._producer_pool = None


@contextmanager
def running_worker(
    *,
    broker_url: str,
    log_dir: Path,
    broker_dir: Path | None = None,
    env: dict[str, str] | None = None,
    include: str = "",
    label: str = "",
) -> Iterator[subprocess.Popen]:
    """Start a worker on ``broker_url`` and point this process's Celery app at the same broker.

    The worker serves only this test session's queue (tests/conftest.py names it), so it never takes
    work from anything else sharing the broker, and its recovery sweep sends to that queue too.
    Yields once the worker reports ready. ``env`` adds settings for the worker, ``include`` a module
    it imports at start (``tests.worker_faults``), ``label`` names its log when a test starts several.
    """
    queue = app.conf.task_default_queue
    assert queue.startswith("test-"), "the session fixture sets a private queue"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DEBUG": "1",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": broker_url,
        "PYTHONUNBUFFERED": "1",
        "NEWSVERIFY_QUEUE": queue,
        **(env or {}),
    }
    if broker_dir is not None:
        env["NEWSVERIFY_BROKER_DIR"] = str(broker_dir)
    log_path = log_dir / f"worker-{queue}{'-' + label if label else ''}.log"
    previous = (app.conf.broker_url, app.conf.broker_transport_options)
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "newsverify.celery",
                "worker",
                "--loglevel=INFO",
                "--concurrency=1",
                "--pool=prefork",
                "-Q",
                queue,
                "-n",
                f"{queue}-{uuid.uuid4().hex[:6]}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                *(["--include", include] if include else []),
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 90
        while "ready." not in log_path.read_text():
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"The Celery worker did not start:\n{log_path.read_text()[-4000:]}")
            time.sleep(0.2)
        app.conf.broker_url = broker_url
        if not broker_url.startswith("filesystem://"):
            app.conf.broker_transport_options = {}
        reconnect_publisher()
        yield process
    finally:
        app.conf.broker_url, app.conf.broker_transport_options = previous
        reconnect_publisher()
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def worker_log(log_dir: Path) -> str:
    return "\n".join(p.read_text()[-3000:] for p in sorted(log_dir.glob("worker-*.log")))
