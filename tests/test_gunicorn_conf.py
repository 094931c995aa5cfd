"""gunicorn reads the project's gunicorn.conf.py: threaded workers, so a poll held on the server
(NEWSVERIFY_POLL_WAIT_SECONDS) takes a thread, not a whole worker process, and ends well before a
worker would be timed out."""

from __future__ import annotations

from pathlib import Path

from gunicorn.app.base import Application

from newsverify import settings as site_settings  # the site's own, not the tests' (which answer polls at once)

ROOT = Path(__file__).resolve().parent.parent


class _Reader(Application):  # type: ignore[misc]
    def init(self, parser, opts, args):  # type: ignore[no-untyped-def]
        return None

    def load(self):  # type: ignore[no-untyped-def]
        return None


def test_gunicorn_runs_threads_and_outlasts_the_poll_wait(monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr("sys.argv", ["gunicorn", "newsverify.wsgi"])
    config = _Reader().cfg
    assert config.worker_class_str == "gthread" and config.threads >= 4
    assert 0 < site_settings.NEWSVERIFY_POLL_WAIT_SECONDS * 2 <= config.timeout, (
        "a held poll ends long before the timeout"
    )
