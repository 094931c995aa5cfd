"""A poll is held on the server until its page has something new to show (the long poll): it answers
as soon as the analysis changes, and after NEWSVERIFY_POLL_WAIT_SECONDS at most when it does not.
Woken by Redis when the broker is Redis, by reading the article's state every 40 ms otherwise."""

from __future__ import annotations

import datetime
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from django.db import connections
from django.urls import reverse
from django.utils import timezone

from newsverify.articles import changes, operations, recovery, services, views
from newsverify.articles.models import Article, ArticleStatus
from newsverify.articles.services import analysis_store
from tests.factories import ArticleFactory
from tests.reports import TEXT, small_report

# Changes are made from another thread, so they must commit; the groups (made by a migration) are restored.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

POLL = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "analysis-poll"}


@contextmanager
def in_thread(change: Callable[[], object], *, after: Callable[[], object]) -> Iterator[None]:
    """``change()`` run in another thread (its own database connection) once ``after()`` returns."""

    def run() -> None:
        after()
        try:
            change()
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    try:
        yield
    finally:
        thread.join()


def later(seconds: float, change: Callable[[], object]):  # type: ignore[no-untyped-def]
    """``change()`` run in another thread after ``seconds``."""
    return in_thread(change, after=lambda: time.sleep(seconds))


@contextmanager
def once_held(monkeypatch: pytest.MonkeyPatch, change: Callable[[], object]) -> Iterator[None]:
    """``change()`` run in another thread as soon as the request starts waiting (not before; at the
    end, if it never does)."""
    waiting = threading.Event()
    wait = changes.articles_change_wait

    def signalled(*args: object, **kwargs: object) -> bool:
        waiting.set()
        return wait(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(changes, "articles_change_wait", signalled)
    with in_thread(change, after=waiting.wait):
        try:
            yield
        finally:
            waiting.set()


def timed(call: Callable[[], object]) -> tuple[object, float]:
    start = time.monotonic()
    result = call()
    return result, time.monotonic() - start


class Asked:
    """An ``until`` that answers ``answer`` and counts how often it was asked."""

    def __init__(self, answer: bool) -> None:
        self.answer, self.times = answer, 0

    def __call__(self) -> bool:
        self.times += 1
        return self.answer


def analysing() -> Article:
    return ArticleFactory(
        status=ArticleStatus.ANALYSING, analysis_started_at=timezone.now(), enqueued_at=timezone.now(), text=TEXT
    )


def test_the_wait_returns_as_soon_as_the_status_changes(settings):
    settings.NEWSVERIFY_CHANGES_REDIS_URL = ""
    article = analysing()
    since = changes.article_states([article.pk])
    fail = lambda: services.article_analysis_fail(article_id=article.pk, reason="The engine stopped.")  # noqa: E731
    asked = Asked(True)
    with later(0.3, fail):
        changed, seconds = timed(
            lambda: changes.articles_change_wait([article.pk], since=since, until=asked, timeout=20)
        )
    assert changed is True
    assert 0.3 <= seconds < 3, "answered once the change was stored, far before the bound"
    assert asked.times == 1, "asked once, when the state changed: not on every read"


def test_the_wait_is_bounded_and_asks_nothing_while_nothing_changes(settings):
    settings.NEWSVERIFY_CHANGES_REDIS_URL = ""
    article = analysing()
    asked = Asked(True)
    since = changes.article_states([article.pk])
    changed, seconds = timed(lambda: changes.articles_change_wait([article.pk], since=since, until=asked, timeout=0.5))
    assert changed is False and 0.5 <= seconds < 3
    assert asked.times == 0


def test_a_change_the_page_does_not_show_keeps_it_waiting(settings):
    settings.NEWSVERIFY_CHANGES_REDIS_URL = ""
    article = ArticleFactory(status=ArticleStatus.QUEUED, enqueued_at=None, text=TEXT)
    since = changes.article_states([article.pk])
    stamp = lambda: Article.objects.filter(pk=article.pk).update(enqueued_at=timezone.now())  # noqa: E731
    asked = Asked(False)
    with later(0.1, stamp):
        changed, seconds = timed(
            lambda: changes.articles_change_wait([article.pk], since=since, until=asked, timeout=1)
        )
    assert changed is False and seconds >= 1
    assert asked.times == 1, "the change was looked at, and the wait went on"


def test_a_poll_is_answered_with_the_reading_as_soon_as_it_is_stored(editor_client, settings):
    settings.NEWSVERIFY_POLL_WAIT_SECONDS = 20
    settings.NEWSVERIFY_CHANGES_REDIS_URL = ""
    article = analysing()
    url = reverse("article_detail", args=[article.pk])
    store = lambda: analysis_store(article_id=article.pk, report=small_report())  # noqa: E731
    with later(0.3, store):
        response, seconds = timed(lambda: editor_client.get(url, {"poll": "1", "shown": "analysing"}, **POLL))
    assert response.status_code == 286, "done: polling stops"
    assert "<mark" in response.content.decode() and response["HX-Retarget"] == "#analysis"
    assert 0.3 <= seconds < 5


def test_a_page_showing_queued_is_told_the_result_not_first_that_the_analysis_started(editor_client, settings):
    settings.NEWSVERIFY_POLL_WAIT_SECONDS = 20
    settings.NEWSVERIFY_CHANGES_REDIS_URL = ""
    article = ArticleFactory(status=ArticleStatus.QUEUED, enqueued_at=timezone.now(), text=TEXT)
    url = reverse("article_detail", args=[article.pk])

    def worker() -> None:  # a free worker: started, and done a moment later
        recovery.article_analysis_start(article_id=article.pk)
        time.sleep(0.15)
        analysis_store(article_id=article.pk, report=small_report())

    with later(0.2, worker):
        response = editor_client.get(url, {"poll": "1", "shown": "queued"}, **POLL)
    assert response.status_code == 286 and "<mark" in response.content.decode(), "one answer, the result"


def test_an_analysis_that_takes_longer_is_shown_analysing_soon_after_it_starts(editor_client, settings):
    settings.NEWSVERIFY_POLL_WAIT_SECONDS = 20
    settings.NEWSVERIFY_CHANGES_REDIS_URL = ""
    article = ArticleFactory(status=ArticleStatus.QUEUED, enqueued_at=timezone.now(), text=TEXT)
    url = reverse("article_detail", args=[article.pk])
    with later(0.2, lambda: recovery.article_analysis_start(article_id=article.pk)):
        response, seconds = timed(lambda: editor_client.get(url, {"poll": "1", "shown": "queued"}, **POLL))
    body = response.content.decode()
    assert response.status_code == 200 and body.lstrip().startswith('<div id="analysis"') and "Analysing" in body
    assert 0.2 + views.STARTED_GRACE_SECONDS <= seconds < 4


def test_the_page_asked_for_as_its_analysis_starts_comes_with_the_result(editor_client, settings, monkeypatch):
    settings.NEWSVERIFY_POLL_WAIT_SECONDS = 20
    settings.NEWSVERIFY_CHANGES_REDIS_URL = ""
    monkeypatch.setattr(views, "STARTED_GRACE_SECONDS", 10)  # however slow this machine is
    article = analysing()
    url = reverse("article_detail", args=[article.pk])
    with once_held(monkeypatch, lambda: analysis_store(article_id=article.pk, report=small_report())):
        response, seconds = timed(lambda: editor_client.get(url))
    body = response.content.decode()
    assert "<mark" in body and "analysis-poll" not in body, "the reading, and nothing to poll for"
    assert seconds < 5


def heartbeat(concurrency: int = 1) -> None:
    now = timezone.now()
    operations.worker_heartbeat_record(name="celery@test", pid=1, concurrency=concurrency, started_at=now)


def test_a_worker_is_free_for_an_article_when_nothing_runs_or_waits_before_it():
    first = ArticleFactory(status=ArticleStatus.QUEUED, enqueued_at=timezone.now(), text=TEXT)
    second = ArticleFactory(status=ArticleStatus.QUEUED, enqueued_at=timezone.now(), text=TEXT + " Second.")
    assert not operations.worker_free_for(first), "no worker alive"
    heartbeat(concurrency=1)
    assert operations.worker_free_for(first) and not operations.worker_free_for(second), "second in line"
    heartbeat(concurrency=2)
    assert operations.worker_free_for(second)
    ArticleFactory(status=ArticleStatus.ANALYSING, analysis_started_at=timezone.now(), text=TEXT + " Third.")
    assert operations.worker_free_for(first) and not operations.worker_free_for(second), "one process busy"


def test_the_page_of_an_article_just_sent_to_a_free_worker_comes_with_the_result(editor_client, settings, monkeypatch):
    settings.NEWSVERIFY_POLL_WAIT_SECONDS = 20
    settings.NEWSVERIFY_CHANGES_REDIS_URL = ""
    monkeypatch.setattr(views, "STARTED_GRACE_SECONDS", 10)
    heartbeat()
    article = ArticleFactory(status=ArticleStatus.QUEUED, enqueued_at=timezone.now(), text=TEXT)

    def worker() -> None:
        recovery.article_analysis_start(article_id=article.pk)
        analysis_store(article_id=article.pk, report=small_report())

    with once_held(monkeypatch, worker):
        body = editor_client.get(reverse("article_detail", args=[article.pk])).content.decode()
    assert "<mark" in body and "analysis-poll" not in body


def test_the_page_of_an_analysis_under_way_for_a_while_is_not_held(editor_client, settings, monkeypatch):
    settings.NEWSVERIFY_POLL_WAIT_SECONDS = 20
    held = []
    monkeypatch.setattr(changes, "articles_change_wait", lambda *args, **kwargs: held.append(kwargs))
    monkeypatch.setattr(views, "STARTED_GRACE_SECONDS", 30)  # the others are well within it
    started = timezone.now() - datetime.timedelta(seconds=31)
    article = ArticleFactory(status=ArticleStatus.ANALYSING, analysis_started_at=started, text=TEXT)
    queued = ArticleFactory(status=ArticleStatus.QUEUED, text=TEXT + " Queued.")  # never sent
    no_worker = ArticleFactory(status=ArticleStatus.QUEUED, enqueued_at=timezone.now(), text=TEXT + " Alone.")
    for pending in (article, queued, no_worker):
        response = editor_client.get(reverse("article_detail", args=[pending.pk]))
        assert "analysis-poll" in response.content.decode()
    assert held == [], "answered at once: it polls"


def test_a_poll_with_nothing_new_is_answered_at_the_bound_and_asks_again_at_once(editor_client, settings):
    settings.NEWSVERIFY_POLL_WAIT_SECONDS = 1
    settings.NEWSVERIFY_CHANGES_REDIS_URL = ""
    article = analysing()
    url = reverse("article_detail", args=[article.pk])
    response, seconds = timed(lambda: editor_client.get(url, {"poll": "1", "shown": "analysing"}, **POLL))
    assert response.status_code == 200 and 1 <= seconds < 4
    body = response.content.decode()
    assert body.lstrip().startswith('<span id="analysis-poll"') and 'hx-trigger="load delay:0ms"' in body
    assert "poll=2" in body and "shown=analysing" in body


def test_a_poll_whose_page_is_behind_is_answered_without_waiting(editor_client, settings):
    settings.NEWSVERIFY_POLL_WAIT_SECONDS = 20
    article = analysing()
    url = reverse("article_detail", args=[article.pk])
    response, seconds = timed(lambda: editor_client.get(url, {"poll": "2", "shown": "queued"}, **POLL))
    assert response["HX-Retarget"] == "#analysis" and "Analysing" in response.content.decode()
    assert seconds < 2, "the page shows 'queued': it is told 'analysing' at once"


def test_the_progress_bar_is_answered_when_its_counts_change(editor_client, settings):
    settings.NEWSVERIFY_POLL_WAIT_SECONDS = 20
    settings.NEWSVERIFY_CHANGES_REDIS_URL = ""
    first, second = analysing(), ArticleFactory(status=ArticleStatus.QUEUED, text=TEXT + " Again.")
    progress = reverse("article_progress")
    ids = f"{first.pk},{second.pk}"
    # The bar a page holds: the counts it shows travel with its poll.
    body = editor_client.get(progress, {"ids": ids, "shown": "9.9.9.9"}, HTTP_HX_REQUEST="true").content.decode()
    assert "shown=0.1.1.0" in body and 'hx-trigger="load delay:0ms"' in body
    store = lambda: analysis_store(article_id=first.pk, report=small_report())  # noqa: E731
    with later(0.3, store):
        response, seconds = timed(
            lambda: editor_client.get(progress, {"ids": ids, "poll": "2", "shown": "0.1.1.0"}, HTTP_HX_REQUEST="true")
        )
    body = response.content.decode()
    assert "<strong>1</strong> done" in body and "shown=1.0.1.0" in body
    assert 0.3 <= seconds < 5


def redis_url() -> str:
    import os

    from tests.conftest import require_service, tcp_reachable

    url = os.environ.get("REDIS_URL", "")
    require_service(bool(url) and tcp_reachable(url, 6379), "Redis: set REDIS_URL to a reachable Redis")
    return url


def test_with_redis_the_worker_s_change_wakes_the_wait_at_once(settings, monkeypatch):
    settings.NEWSVERIFY_CHANGES_REDIS_URL = redis_url()
    # Nothing but the message can wake it: the states are read again only after 60 s otherwise.
    monkeypatch.setattr(changes, "CHECK_EVERY_NOTIFIED", 60)
    article = ArticleFactory(status=ArticleStatus.QUEUED, enqueued_at=timezone.now(), text=TEXT)
    since = changes.article_states([article.pk])
    start = lambda: recovery.article_analysis_start(article_id=article.pk)  # noqa: E731
    with later(0.5, start):
        changed, seconds = timed(
            lambda: changes.articles_change_wait([article.pk], since=since, until=lambda: True, timeout=20)
        )
    assert changed is True and 0.5 <= seconds < 3
    assert Article.objects.get(pk=article.pk).status == ArticleStatus.ANALYSING


def test_without_redis_the_wait_reads_the_state_and_telling_it_never_fails(settings):
    settings.NEWSVERIFY_CHANGES_REDIS_URL = "redis://127.0.0.1:9/0"  # nothing listens there
    article = analysing()
    since = changes.article_states([article.pk])
    fail = lambda: services.article_analysis_fail(article_id=article.pk, reason="The engine stopped.")  # noqa: E731
    with later(0.3, fail):
        changed, seconds = timed(
            lambda: changes.articles_change_wait([article.pk], since=since, until=lambda: True, timeout=20)
        )
    assert changed is True and seconds < 3
    assert Article.objects.get(pk=article.pk).status == ArticleStatus.FAILED, "stored, though nobody was told"
