"""How the analysis pipeline is doing: worker heartbeats, the queue seen by staff, the health checks.

- Each worker's main process records a heartbeat (``worker_heartbeat_record``) every
  ``NEWSVERIFY_WORKER_HEARTBEAT_INTERVAL`` seconds (a bootstep in ``newsverify/celery.py``) and
  removes it when it stops cleanly; a worker silent for three intervals is counted as gone.
- ``pipeline_overview`` is what the staff's operations page shows: queued (and waiting for the
  queue), analysing, failed, the oldest waiting article, the broker's queue length and the workers.
- ``Broker`` and ``WorkerAlive`` are django-health-check checks for the load balancers' ``/health/``
  (with its ``Database`` check). Their messages name no host, URL or credential.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass, field

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db.models import Count
from django.utils import timezone
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable

from newsverify.articles.models import Article, ArticleStatus, WorkerHeartbeat
from newsverify.articles.recovery import queue_length


def heartbeat_stale_after() -> datetime.timedelta:
    return datetime.timedelta(seconds=3 * settings.NEWSVERIFY_WORKER_HEARTBEAT_INTERVAL)


def worker_heartbeat_record(*, name: str, pid: int, concurrency: int, started_at: datetime.datetime) -> None:
    WorkerHeartbeat.objects.update_or_create(
        name=name[:300],
        defaults={"pid": pid, "concurrency": concurrency, "started_at": started_at, "last_seen": timezone.now()},
    )


def worker_heartbeat_remove(*, name: str) -> None:
    WorkerHeartbeat.objects.filter(name=name[:300]).delete()


def workers_alive(*, now: datetime.datetime | None = None) -> list[WorkerHeartbeat]:
    since = (now or timezone.now()) - heartbeat_stale_after()
    return list(WorkerHeartbeat.objects.filter(last_seen__gte=since))


def worker_free_for(article: Article, *, now: datetime.datetime | None = None) -> bool:
    """Whether a live worker process is free to take this queued article now: the processes the live
    workers run outnumber the analyses under way and the articles queued before it."""
    processes = sum(worker.concurrency for worker in workers_alive(now=now))
    if not processes:
        return False
    busy = Article.objects.filter(status=ArticleStatus.ANALYSING).count()
    ahead = Article.objects.filter(status=ArticleStatus.QUEUED, enqueued_at__lt=article.enqueued_at).count()
    return busy + ahead < processes


@dataclass(frozen=True)
class PipelineOverview:
    queued: int
    waiting_for_queue: int
    analysing: int
    failed: int
    done: int
    oldest_waiting: Article | None
    running: list[Article]
    recent_failures: list[Article]
    broker_queue: int | None
    workers: list[WorkerHeartbeat]
    stale_workers: list[WorkerHeartbeat] = field(default_factory=list)

    @property
    def processes_alive(self) -> int:
        return sum(worker.concurrency for worker in self.workers)


def pipeline_overview(*, now: datetime.datetime | None = None) -> PipelineOverview:
    """The queue and the workers as an editor needs them to know why an article is slow."""
    now = now or timezone.now()
    counts = dict(Article.objects.values_list("status").annotate(n=Count("pk")).order_by())
    waiting = Article.objects.filter(status=ArticleStatus.QUEUED)
    light = ("pk", "title", "status", "created_at", "enqueued_at", "analysis_started_at", "analysis_attempts")
    since = now - heartbeat_stale_after()
    heartbeats = list(WorkerHeartbeat.objects.all())
    return PipelineOverview(
        queued=counts.get(ArticleStatus.QUEUED, 0),
        waiting_for_queue=waiting.filter(enqueued_at__isnull=True).count(),
        analysing=counts.get(ArticleStatus.ANALYSING, 0),
        failed=counts.get(ArticleStatus.FAILED, 0),
        done=counts.get(ArticleStatus.DONE, 0),
        oldest_waiting=waiting.only(*light).order_by("created_at", "pk").first(),
        running=list(
            Article.objects.filter(status=ArticleStatus.ANALYSING).only(*light).order_by("analysis_started_at")[:50]
        ),
        recent_failures=list(
            Article.objects.filter(status=ArticleStatus.FAILED)
            .only(*light, "failure_reason", "updated_at")
            .order_by("-updated_at")[:10]
        ),  # fmt: skip
        broker_queue=queue_length(),
        workers=[worker for worker in heartbeats if worker.last_seen >= since],
        stale_workers=[worker for worker in heartbeats if worker.last_seen < since],
    )


@dataclasses.dataclass
class Broker(HealthCheck):
    """The analysis queue's broker accepts a connection (Redis, RabbitMQ, or the embedded one)."""

    def run(self) -> None:
        from newsverify.celery import app

        try:
            with app.connection_for_write() as connection:
                connection.ensure_connection(max_retries=1, timeout=settings.CELERY_BROKER_CONNECTION_TIMEOUT)
        except Exception as exc:  # kombu raises many kinds; none of their texts is shown
            raise ServiceUnavailable("The broker is unreachable") from exc


@dataclasses.dataclass
class WorkerAlive(HealthCheck):
    """At least one analysis worker has sent its heartbeat within three intervals."""

    async def run(self) -> None:
        # In the request's own thread and database connection (never a pool thread's, left open).
        if not await sync_to_async(workers_alive)():
            raise ServiceUnavailable("No analysis worker has sent a heartbeat lately")
