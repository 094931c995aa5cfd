"""News of articles' analyses, for the pages that wait for it (long polls).

A page whose article is being analysed asks "is it done?" and the server holds the question until
the answer changes, at most ``NEWSVERIFY_POLL_WAIT_SECONDS``: it answers within moments of the
analysis being stored instead of at the page's next poll.

- ``articles_changed`` is called by whatever changes an article's analysis state (started, stored,
  failed, requeued or sent by the sweep); once its transaction commits, with a Redis broker, it
  publishes on one channel per article. On the embedded broker there is nothing to tell it with.
- ``articles_change_wait`` holds a request until ``until()`` says the client has something new to
  see, or the time is up. It reads the articles' states (an indexed lookup by primary key, a few
  columns) when Redis says one changed, and once a second besides in case a message was missed;
  without Redis (or when it fails), every ``CHECK_EVERY`` seconds.

The database stays the record: a message only says "look again", so a lost or spurious one costs a
late answer or one extra query, never a wrong one.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import logging
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction

from newsverify.articles.models import Article

if TYPE_CHECKING:
    import redis

logger = logging.getLogger(__name__)

# How often a wait reads the articles' states when nothing tells it of a change: the cost is one
# query by primary key per waiting request per tick, against at most that much added latency.
CHECK_EVERY = 0.04
# With notifications, the states are read again at least this often anyway (a message lost with a
# dropped connection, a change made where nothing publishes it, such as the admin).
CHECK_EVERY_NOTIFIED = 1.0

# What an article's page or a progress bar shows changes only when one of these does.
STATE_FIELDS = ("status", "enqueued_at", "analysis_started_at", "analysed_at")
ArticleState = tuple[str, datetime.datetime | None, datetime.datetime | None, datetime.datetime | None]


def article_state(article: Article) -> ArticleState:
    """The article's analysis state as ``article_states`` reads it, from a row already loaded."""
    return (article.status, article.enqueued_at, article.analysis_started_at, article.analysed_at)


def article_states(article_ids: Iterable[int]) -> dict[int, ArticleState]:
    """The analysis state of each article that exists, by id: one query, by primary key."""
    rows = Article.objects.filter(pk__in=list(article_ids)).order_by().values_list("pk", *STATE_FIELDS)
    return {pk: (status, enqueued, started, analysed) for pk, status, enqueued, started, analysed in rows}


@functools.cache
def _redis(url: str) -> redis.Redis:
    import redis

    # Short timeouts: a request must never hang on a Redis that is gone (it falls back to reading).
    return redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=2, health_check_interval=30)


def _client() -> redis.Redis | None:
    url = settings.NEWSVERIFY_CHANGES_REDIS_URL
    return _redis(url) if url else None


def _channel(client: redis.Redis, article_id: int) -> str:
    # Redis's channels are shared by all its databases: the database and the queue name keep two
    # sites (or two test runs) on one Redis apart.
    db = client.connection_pool.connection_kwargs.get("db", 0)
    return f"newsverify:{db}:{settings.CELERY_TASK_DEFAULT_QUEUE}:article:{article_id}"


def articles_changed(article_ids: Iterable[int]) -> None:
    """Tell those waiting on these articles that their analysis state changed, once the transaction
    in progress commits (at once outside one), so that what they read then is the change."""
    ids = list(article_ids)
    if ids and settings.NEWSVERIFY_CHANGES_REDIS_URL:
        transaction.on_commit(functools.partial(_publish, ids))


def _publish(article_ids: list[int]) -> None:
    # Never raises: the change is stored, and a wait that hears nothing still reads it within
    # CHECK_EVERY_NOTIFIED seconds.
    client = _client()
    if client is None:
        return
    try:
        with client.pipeline(transaction=False) as pipe:
            for article_id in article_ids:
                pipe.publish(_channel(client, article_id), b"")
            pipe.execute()
    except Exception as exc:  # a Redis outage must not fail the analysis that was just stored
        logger.warning("Could not tell the pages waiting on articles %s of their change: %s", article_ids, exc)


class _Listener:
    """Sleeps until one of the articles may have changed: told by Redis, or after a fixed tick."""

    def __init__(self, article_ids: list[int]) -> None:
        self.pubsub = None
        client = _client()
        if client is None:
            return
        try:
            pubsub = client.pubsub(ignore_subscribe_messages=True)
            pubsub.subscribe(*(_channel(client, article_id) for article_id in article_ids))
        except Exception as exc:
            logger.warning("Could not listen for changes to articles %s; reading them instead: %s", article_ids, exc)
            return
        self.pubsub = pubsub

    def sleep(self, seconds: float) -> None:
        """At most ``seconds``; less when a message arrives (or the listener is the tick alone)."""
        if self.pubsub is None:
            time.sleep(min(seconds, CHECK_EVERY))
            return
        try:
            self.pubsub.get_message(timeout=min(seconds, CHECK_EVERY_NOTIFIED))
        except Exception as exc:
            logger.warning("Lost the Redis connection while waiting for an article's change: %s", exc)
            self.close()

    def close(self) -> None:
        if self.pubsub is not None:
            pubsub, self.pubsub = self.pubsub, None
            with contextlib.suppress(Exception):  # closing a connection that may have failed already
                pubsub.close()


def articles_change_wait(
    article_ids: Iterable[int], *, since: dict[int, ArticleState], until: Callable[[], bool], timeout: float
) -> bool:
    """Wait until ``until()`` is true, re-asked each time the articles' states differ from the last seen.

    ``since`` is the states the caller has answered from (``article_states``, or ``article_state`` of
    the rows it loaded); ``until`` reads what it needs again and says whether the client now has
    something new to see. True as soon as it has; False after ``timeout`` seconds without.
    """
    ids = list(article_ids)
    deadline = time.monotonic() + timeout
    listener = _Listener(ids)
    try:
        while True:
            # Read after subscribing: a change made before the subscription is seen here, not missed.
            states = article_states(ids)
            if states != since:
                since = states
                if until():
                    return True
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            listener.sleep(remaining)
    finally:
        listener.close()
