"""Recovery: a delivery claims its article once; the sweep requeues, sends, re-sends and fails what it must."""

from __future__ import annotations

import datetime
import logging

import pytest
from django.core.management import call_command
from django.utils import timezone

from newsverify.articles import recovery
from newsverify.articles.models import Article, ArticleStatus
from newsverify.articles.recovery import article_analysis_start, article_send, articles_recover
from newsverify.articles.services import article_reanalyse, article_submit
from newsverify.articles.tasks import analyse_article
from tests.brokers import publishing_to, unreachable_broker_url
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Article ids handed to the broker, in order (nothing is really published)."""
    published: list[int] = []
    monkeypatch.setattr(analyse_article, "apply_async", lambda args, **kwargs: published.append(args[0]))
    return published


@pytest.fixture
def limits(settings):  # type: ignore[no-untyped-def]
    settings.CELERY_TASK_TIME_LIMIT = 60
    settings.NEWSVERIFY_ANALYSIS_STUCK_AFTER = 90
    settings.NEWSVERIFY_ANALYSIS_MAX_ATTEMPTS = 3
    settings.NEWSVERIFY_RECOVERY_SEND_GRACE = 10
    return settings


def ago(seconds: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(seconds=seconds)


def analysing(started_seconds_ago: float, attempts: int = 1) -> Article:
    return ArticleFactory(
        status=ArticleStatus.ANALYSING, analysis_started_at=ago(started_seconds_ago), analysis_attempts=attempts
    )


# Sending


def test_a_sent_article_is_stamped(sent):
    article = ArticleFactory(status=ArticleStatus.QUEUED)
    assert article_send(article=article) is True
    assert sent == [article.pk]
    article.refresh_from_db()
    assert article.enqueued_at is not None and not article.waiting_for_queue


def test_a_broker_that_refuses_leaves_the_article_waiting_for_the_queue(caplog):
    article = ArticleFactory(status=ArticleStatus.QUEUED)
    with publishing_to(unreachable_broker_url()), caplog.at_level(logging.WARNING):
        assert article_send(article=article) is False
    article.refresh_from_db()
    assert article.status == ArticleStatus.QUEUED and article.waiting_for_queue
    assert f"Article {article.pk} is stored but could not be sent to the broker" in caplog.text


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_submitting_while_the_broker_is_down_keeps_the_article_and_says_so(editor):
    with publishing_to(unreachable_broker_url()):
        article = article_submit(text="Officials said the bridge was closed.", by=editor)
    assert recovery.article_send_refused(article)
    stored = Article.objects.get(pk=article.pk)
    assert stored.status == ArticleStatus.QUEUED and stored.enqueued_at is None


# Claiming an article for a delivery


def test_a_delivery_claims_a_queued_article_and_counts_the_attempt(limits):
    article = ArticleFactory(status=ArticleStatus.QUEUED)
    started = article_analysis_start(article_id=article.pk)
    assert started is not None and started.status == ArticleStatus.ANALYSING
    assert started.analysis_attempts == 1


def test_a_second_delivery_while_it_is_analysed_is_a_duplicate(limits):
    article = analysing(started_seconds_ago=5)
    assert article_analysis_start(article_id=article.pk) is None
    article.refresh_from_db()
    assert article.analysis_attempts == 1


@pytest.mark.parametrize("status", [ArticleStatus.DONE, ArticleStatus.FAILED])
def test_a_delivery_for_a_finished_article_is_a_duplicate(status, limits):
    article = ArticleFactory(status=status, failure_reason="Boom." if status == ArticleStatus.FAILED else "")
    assert article_analysis_start(article_id=article.pk) is None
    assert Article.objects.get(pk=article.pk).status == status


def test_a_redelivery_takes_over_an_article_its_dead_worker_left_analysing(limits):
    article = analysing(started_seconds_ago=61)
    started = article_analysis_start(article_id=article.pk)
    assert started is not None and started.analysis_attempts == 2


def test_past_its_attempts_the_article_fails_with_the_reason(limits):
    article = analysing(started_seconds_ago=61, attempts=3)
    assert article_analysis_start(article_id=article.pk) is None
    article.refresh_from_db()
    assert article.status == ArticleStatus.FAILED
    assert "started 3 times and never finished" in article.failure_reason


def test_the_tasks_own_retry_is_not_a_new_attempt(limits):
    article = analysing(started_seconds_ago=5)
    started = article_analysis_start(article_id=article.pk, retrying=True)
    assert started is not None and started.analysis_attempts == 1


def test_reanalysing_starts_the_count_again(limits):
    article = ArticleFactory(status=ArticleStatus.FAILED, failure_reason="Boom.", analysis_attempts=3)
    article_reanalyse(article=article, by=None)
    article.refresh_from_db()
    assert (article.status, article.analysis_attempts, article.failure_reason) == (ArticleStatus.QUEUED, 0, "")


# The sweep


def test_an_article_stuck_analysing_is_queued_again_and_sent(sent, limits):
    stuck, fresh = analysing(started_seconds_ago=91), analysing(started_seconds_ago=30)
    done = articles_recover()
    assert done.requeued == [stuck.pk] and done.sent == [stuck.pk]
    assert sent == [stuck.pk]
    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert stuck.status == ArticleStatus.QUEUED and stuck.enqueued_at is not None
    assert stuck.analysis_attempts == 1, "the attempt is counted when a delivery starts it"
    assert fresh.status == ArticleStatus.ANALYSING


def test_a_stuck_article_that_used_its_attempts_fails_and_is_not_sent(sent, limits):
    poison = analysing(started_seconds_ago=91, attempts=3)
    done = articles_recover()
    assert done.failed == [poison.pk] and sent == []
    poison.refresh_from_db()
    assert poison.status == ArticleStatus.FAILED
    assert "started 3 times and never finished" in poison.failure_reason
    assert "60-second time limit" in poison.failure_reason


def test_an_article_never_sent_is_sent_once_its_request_had_its_chance(sent, limits):
    old = ArticleFactory(status=ArticleStatus.QUEUED)
    Article.objects.filter(pk=old.pk).update(updated_at=ago(11))
    just_stored = ArticleFactory(status=ArticleStatus.QUEUED)
    assert articles_recover().sent == [old.pk]
    assert sent == [old.pk], "the article stored a moment ago is left to the request sending it"
    assert Article.objects.get(pk=just_stored.pk).waiting_for_queue


def test_while_the_broker_is_down_the_sweep_leaves_them_waiting(limits):
    waiting = [ArticleFactory(status=ArticleStatus.QUEUED) for _ in range(3)]
    Article.objects.update(updated_at=ago(11))
    with publishing_to(unreachable_broker_url()):
        done = articles_recover()
    assert done.sent == [] and done.unsent == 3
    assert all(Article.objects.get(pk=article.pk).waiting_for_queue for article in waiting)


def test_an_article_whose_message_was_lost_is_sent_again_when_the_queue_is_empty(sent, limits, monkeypatch):
    lost = ArticleFactory(status=ArticleStatus.QUEUED, enqueued_at=ago(91))
    recent = ArticleFactory(status=ArticleStatus.QUEUED, enqueued_at=ago(5))
    monkeypatch.setattr(recovery, "queue_length", lambda: 3)
    assert articles_recover().resent == [], "messages are waiting: the article's may be among them"
    monkeypatch.setattr(recovery, "queue_length", lambda: 0)
    assert articles_recover().resent == [lost.pk]
    assert sent == [lost.pk]
    assert Article.objects.get(pk=recent.pk).enqueued_at < Article.objects.get(pk=lost.pk).enqueued_at


def test_two_sweeps_at_once_send_an_article_once(limits, monkeypatch):
    """A second sweeper running while the first is publishing finds the article claimed."""
    stuck = analysing(started_seconds_ago=91)
    published: list[int] = []
    inner: list[recovery.Recovery] = []

    def publish(args, **kwargs):  # type: ignore[no-untyped-def]
        if not inner:
            inner.append(articles_recover())
        published.append(args[0])

    monkeypatch.setattr(analyse_article, "apply_async", publish)
    outer = articles_recover()
    assert published == [stuck.pk]
    assert outer.sent == [stuck.pk] and inner[0].sent == [] and inner[0].requeued == []


def test_the_sweep_finds_the_queue_on_the_embedded_broker(limits):
    assert recovery.queue_length() == 0


def test_is_stuck(limits):
    assert recovery.article_is_stuck(analysing(started_seconds_ago=91))
    assert not recovery.article_is_stuck(analysing(started_seconds_ago=30))
    assert recovery.article_is_stuck(ArticleFactory(status=ArticleStatus.QUEUED, enqueued_at=None))
    assert not recovery.article_is_stuck(ArticleFactory(status=ArticleStatus.QUEUED, enqueued_at=ago(1)))
    assert not recovery.article_is_stuck(ArticleFactory(status=ArticleStatus.DONE))


def test_the_command_runs_one_sweep(sent, limits, capsys):
    stuck = analysing(started_seconds_ago=91)
    call_command("recover_articles")
    assert "1 requeued, 0 failed, 1 sent" in capsys.readouterr().out
    assert sent == [stuck.pk]
