"""Brokers for fault tests: one that refuses connections, and a private redis-server on a free port."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsverify.celery import app
from tests.worker import reconnect_publisher

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def publishing_to(broker_url: str) -> Iterator[None]:
    """This process publishes tasks to ``broker_url`` for the duration."""
    previous = (app.conf.broker_url, app.conf.broker_transport_options)
    app.conf.broker_url, app.conf.broker_transport_options = broker_url, {}
    reconnect_publisher()
    try:
        yield
    finally:
        app.conf.broker_url, app.conf.broker_transport_options = previous
        reconnect_publisher()


def unreachable_broker_url() -> str:
    """A Redis URL on a port nothing listens on: every connection is refused at once."""
    return f"redis://127.0.0.1:{free_port()}/0"


class PrivateRedis:
    """A redis-server of this test's own (never the machine's 6379), without persistence, that the
    test can stop and start again on the same port."""

    def __init__(self, log_dir: Path) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.log_dir = log_dir
        self.process: subprocess.Popen[bytes] | None = None

    @staticmethod
    def available() -> bool:
        return Path(REDIS_SERVER).exists()

    def start(self) -> None:
        assert self.process is None or self.process.poll() is not None
        log = (self.log_dir / f"redis-{self.port}.log").open("ab")
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not start on port {self.port}") from None
                time.sleep(0.1)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


@contextmanager
def private_redis(log_dir: Path) -> Iterator[PrivateRedis]:
    redis = PrivateRedis(log_dir)
    redis.start()
    try:
        yield redis
    finally:
        redis.stop()
