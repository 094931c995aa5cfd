"""Every stored article gets analysed, once in effect, whatever dies on the way.

Celery promises at-least-once delivery, and not even that when a worker dies on kombu's filesystem
transport (it deletes a message when it reads it) or when Redis restarts without persistence. The
database is the record of what must happen; the broker only carries the news of it:

- ``article_send`` hands an article's analysis to the broker after the article is committed. If the
  broker is down the article stays queued with ``enqueued_at`` null ("waiting for the queue") and the
  caller says so; nothing raises into the request.
- ``article_analysis_start`` is how a delivery claims its article: a queued article, or one left
  *analysing* by a worker that is gone (started longer ago than the hard time limit, which no live
  analysis outlives). A delivery for an article already being analysed, done or failed is a
  duplicate and does nothing, so a redelivered or re-sent message never stores twice. Each start
  counts an attempt; past ``NEWSVERIFY_ANALYSIS_MAX_ATTEMPTS`` starts that never finished, the
  article fails with the reason instead of taking a worker down again (a poison article).
- ``articles_recover`` is the sweep every worker runs on a timer (``newsverify/celery.py``; also
  ``manage.py recover_articles``): it queues again what is stuck *analysing*, sends what was never
  sent, and re-sends what is queued while the broker's queue is empty (its message was lost).

Every change of state is a conditional UPDATE that proceeds only if it changed exactly one row, so
any number of workers can sweep at once and each article is acted on by one of them.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from newsverify.articles.changes import articles_changed
from newsverify.articles.models import Article, ArticleStatus

logger = logging.getLogger(__name__)

# At most this many articles are acted on per rule and sweep, so one sweep stays short.
SWEEP_BATCH = 500


def attempts_exhausted_reason(attempts: int) -> str:
    return (
        f"The analysis was started {attempts} times and never finished: the worker running it stopped each time "
        f"(it was killed, ran out of memory, or passed the {settings.CELERY_TASK_TIME_LIMIT}-second time limit). "
        "The article may be too long or unusual for the engine; split it or re-analyse to try again."
    )


def _publish(article_id: int) -> bool:
    """Hand the task to the broker; False (with a warning) if the broker cannot take it."""
    from newsverify.articles.tasks import analyse_article

    try:
        analyse_article.apply_async(args=[article_id])
    except Exception as exc:  # kombu wraps transport errors differently per broker; none may reach a request.
        logger.warning("Article %s is stored but could not be sent to the broker: %s", article_id, exc)
        return False
    return True


def article_send(*, article: Article) -> bool:
    """Send the article's analysis to the broker, now; True if sent.

    Call it after the article is committed (``transaction.on_commit``). ``enqueued_at`` is stamped
    before publishing and cleared again if publishing fails, so a sweep never sends it a second time
    meanwhile; ``article`` is updated to match.
    """
    stamp = timezone.now()
    Article.objects.filter(pk=article.pk).update(enqueued_at=stamp)
    if _publish(article.pk):
        article.enqueued_at = stamp
        return True
    Article.objects.filter(pk=article.pk, enqueued_at=stamp).update(enqueued_at=None)
    article.enqueued_at = None
    return False


def article_send_refused(article: Article) -> bool:
    """The broker refused this article's analysis just now (the article is kept: say so, never fail).

    False while the send is still pending on an open transaction (it happens at commit).
    """
    return article.waiting_for_queue and not transaction.get_connection().in_atomic_block


WAITING_FOR_QUEUE = (
    "The article is saved, but the analysis queue is unreachable just now; "
    "it will be analysed automatically when the queue is back."
)


def article_analysis_start(*, article_id: int, retrying: bool = False) -> Article | None:
    """Claim the article for this delivery and mark it *analysing*; None when there is nothing to run.

    None for an article that no longer exists, one another delivery is analysing, one already done or
    failed (a duplicate message), and one whose attempts ran out (it is marked failed here).
    ``retrying`` is for the task's own retry after a database error: the article is still marked
    *analysing* by this same task, and a retry is not a new attempt.
    """
    now = timezone.now()
    rows = Article.objects.filter(pk=article_id)
    if retrying:
        rows = rows.filter(status__in=[ArticleStatus.QUEUED, ArticleStatus.ANALYSING])
        changed = rows.update(
            status=ArticleStatus.ANALYSING, failure_reason="", analysis_started_at=now, updated_at=now
        )
        if not changed:
            return None
        articles_changed([article_id])
        return Article.objects.get(pk=article_id)

    abandoned_before = now - datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    rows = rows.filter(
        Q(status=ArticleStatus.QUEUED)
        | Q(status=ArticleStatus.ANALYSING, analysis_started_at__lt=abandoned_before)
        | Q(status=ArticleStatus.ANALYSING, analysis_started_at__isnull=True)
    )
    limit = settings.NEWSVERIFY_ANALYSIS_MAX_ATTEMPTS
    if rows.filter(analysis_attempts__lt=limit).update(
        status=ArticleStatus.ANALYSING,
        failure_reason="",
        analysis_started_at=now,
        analysis_attempts=F("analysis_attempts") + 1,
        updated_at=now,
    ):
        articles_changed([article_id])
        return Article.objects.get(pk=article_id)
    if rows.update(status=ArticleStatus.FAILED, failure_reason=attempts_exhausted_reason(limit), updated_at=now):
        logger.warning("Article %s failed: %d analyses started and none finished", article_id, limit)
        articles_changed([article_id])
        return None
    if Article.objects.filter(pk=article_id).exists():
        logger.info("Article %s is already being analysed, done or failed; this delivery is a duplicate", article_id)
    return None


@dataclass
class Recovery:
    """What one sweep did, by article id."""

    requeued: list[int] = field(default_factory=list)  # stuck analysing, queued again
    failed: list[int] = field(default_factory=list)  # stuck analysing with its attempts used up
    sent: list[int] = field(default_factory=list)  # queued but never sent, now sent
    resent: list[int] = field(default_factory=list)  # queued, its message lost, sent again
    unsent: int = 0  # still waiting: the broker refused them this time

    def __bool__(self) -> bool:
        return bool(self.requeued or self.failed or self.sent or self.resent or self.unsent)


def article_is_stuck(article: Article, *, now: datetime.datetime | None = None) -> bool:
    """Analysing for longer than any live analysis lasts, or stored and not yet handed to the broker."""
    if article.waiting_for_queue:
        return True
    if article.status != ArticleStatus.ANALYSING:
        return False
    stuck_before = (now or timezone.now()) - datetime.timedelta(seconds=settings.NEWSVERIFY_ANALYSIS_STUCK_AFTER)
    return article.analysis_started_at is None or article.analysis_started_at < stuck_before


def queue_length() -> int | None:
    """Messages waiting in the analysis queue, or None if the broker cannot say."""
    from amqp.exceptions import NotFound
    from kombu.exceptions import ChannelError

    from newsverify.celery import app

    try:
        with app.connection_for_read() as connection:
            connection.ensure_connection(max_retries=1)
            declared = connection.default_channel.queue_declare(queue=app.conf.task_default_queue, passive=True)
            return int(declared.message_count)
    except (ChannelError, NotFound):
        return 0  # no such queue (yet, or any more: a broker restarted empty)
    except Exception as exc:
        logger.warning("Could not read the length of the analysis queue: %s", exc)
        return None


def articles_recover(*, now: datetime.datetime | None = None) -> Recovery:
    """One recovery sweep (see the module's docstring). Safe to run from any number of processes at once."""
    done = _articles_recover(now=now or timezone.now())
    articles_changed([*done.requeued, *done.failed, *done.sent, *done.resent])
    return done


def _articles_recover(*, now: datetime.datetime) -> Recovery:
    done = Recovery()
    stuck_before = now - datetime.timedelta(seconds=settings.NEWSVERIFY_ANALYSIS_STUCK_AFTER)
    limit = settings.NEWSVERIFY_ANALYSIS_MAX_ATTEMPTS

    stuck = (
        Article.objects.filter(status=ArticleStatus.ANALYSING)
        .filter(Q(analysis_started_at__lt=stuck_before) | Q(analysis_started_at__isnull=True))
        .order_by("analysis_started_at", "pk")
        .values_list("pk", "analysis_started_at", "analysis_attempts")[:SWEEP_BATCH]
    )
    for pk, started, attempts in list(stuck):
        rows = Article.objects.filter(pk=pk, status=ArticleStatus.ANALYSING)
        rows = rows.filter(analysis_started_at=started) if started else rows.filter(analysis_started_at__isnull=True)
        if attempts >= limit:
            reason = attempts_exhausted_reason(attempts)
            if rows.update(status=ArticleStatus.FAILED, failure_reason=reason, updated_at=now) == 1:
                done.failed.append(pk)
                logger.warning("Article %s failed: %d analyses started and none finished", pk, attempts)
        elif rows.update(status=ArticleStatus.QUEUED, enqueued_at=None, updated_at=now) == 1:
            done.requeued.append(pk)
            logger.warning("Article %s was left analysing by a worker that stopped; queued again", pk)

    # Queued, never sent: the broker was down when it was stored (or the article was just requeued).
    send_before = now - datetime.timedelta(seconds=settings.NEWSVERIFY_RECOVERY_SEND_GRACE)
    unsent = list(
        Article.objects.filter(status=ArticleStatus.QUEUED, enqueued_at__isnull=True)
        .filter(Q(updated_at__lt=send_before) | Q(pk__in=done.requeued))
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    for position, pk in enumerate(unsent):
        stamp = timezone.now()
        if Article.objects.filter(pk=pk, status=ArticleStatus.QUEUED, enqueued_at__isnull=True).update(
            enqueued_at=stamp
        ):
            if _publish(pk):
                done.sent.append(pk)
                continue
            Article.objects.filter(pk=pk, enqueued_at=stamp).update(enqueued_at=None)
            done.unsent = len(unsent) - position
            return done  # the broker is down: the next sweep tries again

    # Queued and sent long ago, but nothing is waiting in the queue: the message is gone (a broker
    # restarted without persistence, or a worker died between taking it and starting it).
    lost = list(
        Article.objects.filter(status=ArticleStatus.QUEUED, enqueued_at__lt=stuck_before)
        .order_by("enqueued_at", "pk")
        .values_list("pk", "enqueued_at")[:SWEEP_BATCH]
    )
    if lost and queue_length() == 0:
        for pk, enqueued_at in lost:
            stamp = timezone.now()
            if Article.objects.filter(pk=pk, status=ArticleStatus.QUEUED, enqueued_at=enqueued_at).update(
                enqueued_at=stamp
            ):
                if not _publish(pk):
                    Article.objects.filter(pk=pk, enqueued_at=stamp).update(enqueued_at=enqueued_at)
                    break
                done.resent.append(pk)
                logger.warning("Article %s was queued but its message was lost; sent again", pk)
    return done
