"""Faults with real worker processes: workers killed mid-article, the broker restarted, poison articles.

Every test submits a batch through the API, injects its fault, waits (bounded) for the batch to
settle and prints its counts: tried / done / failed / lost (still pending or gone) / duplicated
(stored more than once, or with a claim twice). The workers run with short time limits (``FAST``)
so that recovery, which waits out the hard time limit in production, happens within the test.
Redis tests start a redis-server of their own on a free port, never the machine's.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection
from django.db.models import Count
from django.utils import timezone
from rest_framework.test import APIClient

from newsverify.articles.models import Article, ArticleStatus
from newsverify.articles.tasks import analyse_article
from newsverify.attribution import extract_chains
from newsverify.review.models import Claim
from tests.api.conftest import token_client
from tests.brokers import PrivateRedis, private_redis
from tests.conftest import require_service
from tests.factories import UserFactory
from tests.worker import running_worker

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

T = TypeVar("T")

# Worker settings for these tests: limits in seconds instead of minutes, a sweep every second.
FAST = {
    "NEWSVERIFY_ANALYSIS_SOFT_TIME_LIMIT": "8",
    "NEWSVERIFY_ANALYSIS_TIME_LIMIT": "10",
    "NEWSVERIFY_ANALYSIS_STUCK_AFTER": "11",
    "NEWSVERIFY_BROKER_VISIBILITY_TIMEOUT": "15",
    "NEWSVERIFY_RECOVERY_INTERVAL": "1",
    "NEWSVERIFY_RECOVERY_SEND_GRACE": "1",
}
# Each analysis lasts at least this long, so "mid-article" is a window a test can hit.
SLOW = {"NEWSVERIFY_TEST_ENGINE_DELAY": "1.5"}
FAULTS = "tests.worker_faults"


@pytest.fixture
def api(db) -> APIClient:  # type: ignore[no-untyped-def]
    editor = UserFactory(username="faults-editor")
    editor.groups.add(Group.objects.get(name="Editor"))
    return token_client(editor)


def worker_env(monkeypatch: pytest.MonkeyPatch, env: dict[str, str]) -> dict[str, str]:
    """``env`` for the worker, and the same time limits for this process: the publisher writes a task's
    limits into its message, and the worker enforces those."""
    monkeypatch.setattr(analyse_article, "soft_time_limit", int(env["NEWSVERIFY_ANALYSIS_SOFT_TIME_LIMIT"]))
    monkeypatch.setattr(analyse_article, "time_limit", int(env["NEWSVERIFY_ANALYSIS_TIME_LIMIT"]))
    monkeypatch.setattr(analyse_article, "_exec_options", None)  # Celery caches them at the first publish
    return env


def copy_of(seed_text: str, n: int, extra: str = "") -> str:
    return f"{seed_text}\n\nThis is copy {n} of the batch, filed by the night desk.{extra}"


def submit(api: APIClient, text: str) -> tuple[int, int, str]:
    """(status code, article id, detail) for one API submission."""
    response = api.post("/api/v1/articles/", {"text": text, "publisher": "Example Times"}, format="json")
    assert response.status_code < 500, response.content[:2000]
    body = response.json()
    return response.status_code, body["article"]["id"], body["detail"]


def logs(log_dir: Path) -> str:
    return "\n".join(path.read_text(errors="replace") for path in sorted(log_dir.glob("worker-*.log")))


def wait_for(condition: Callable[[], T], *, timeout: float, what: str, log_dir: Path) -> T:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    statuses = dict(Article.objects.values_list("pk", "status"))
    pytest.fail(f"Not within {timeout}s: {what}. Articles: {statuses}\n{logs(log_dir)[-6000:]}")


def settled(ids: Iterable[int]) -> Callable[[], bool]:
    ids = list(ids)
    return lambda: (
        not Article.objects.filter(pk__in=ids, status__in=[ArticleStatus.QUEUED, ArticleStatus.ANALYSING]).exists()
    )


def analysing_since(ids: list[int], since: object) -> Callable[[], int | None]:
    return lambda: (
        Article.objects.filter(pk__in=ids, status=ArticleStatus.ANALYSING, analysis_started_at__gt=since)
        .values_list("pk", flat=True)
        .first()
    )


def kill(worker: subprocess.Popen) -> None:  # type: ignore[type-arg]
    """SIGKILL the worker and its pool processes, as a deploy or a dying machine does."""
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait(timeout=10)


def fault_counts(name: str, ids: list[int], log_dir: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, int]:
    stored = Counter(int(pk) for pk in re.findall(r"Article (\d+) analysed and stored", logs(log_dir)))
    statuses = dict(Article.objects.filter(pk__in=ids).values_list("pk", "status"))
    claims_twice = set(
        Claim.objects.filter(article_id__in=ids)
        .values("article_id", "span_start", "span_end", "text")
        .annotate(copies=Count("id"))
        .filter(copies__gt=1)
        .values_list("article_id", flat=True)
    )
    counts = {
        "tried": len(ids),
        "done": sum(status == ArticleStatus.DONE for status in statuses.values()),
        "failed": sum(status == ArticleStatus.FAILED for status in statuses.values()),
        "lost": sum(statuses.get(pk) not in (ArticleStatus.DONE, ArticleStatus.FAILED) for pk in ids),
        "duplicated": sum(stored[pk] > 1 or pk in claims_twice for pk in ids),
    }
    with capsys.disabled():
        print(f"\n[faults] {name}: " + " / ".join(f"{key} {value}" for key, value in counts.items()))
    return counts


def assert_each_stored_once(ids: list[int], log_dir: Path) -> None:
    stored = Counter(int(pk) for pk in re.findall(r"Article (\d+) analysed and stored", logs(log_dir)))
    assert {pk: stored[pk] for pk in ids} == dict.fromkeys(ids, 1), "every article stored exactly once"
    for article in Article.objects.filter(pk__in=ids).annotate(stored_claims=Count("claims")):
        report = extract_chains(article.text, publisher=article.publisher, model=settings.NEWSVERIFY_SPACY_MODEL)
        assert article.stored_claims == len(report.claims) > 10, "the engine's claims, each stored once"


def test_a_worker_killed_mid_article_twice_in_a_batch(api, seed_text, tmp_path, _test_broker, capsys, monkeypatch):
    env = worker_env(monkeypatch, FAST | SLOW)
    ids = [submit(api, copy_of(seed_text, n))[1] for n in range(6)]
    victims = []
    for label, what in (("1", "a first analysis"), ("2", "a second analysis")):
        started = timezone.now()
        with running_worker(
            broker_url="filesystem://",
            broker_dir=_test_broker,
            log_dir=tmp_path,
            env=env,
            include=FAULTS,
            label=label,
        ) as worker:
            victims.append(wait_for(analysing_since(ids, started), timeout=60, what=what, log_dir=tmp_path))
            kill(worker)
    with running_worker(
        broker_url="filesystem://",
        broker_dir=_test_broker,
        log_dir=tmp_path,
        env=env,
        include=FAULTS,
        label="3",
    ):
        wait_for(settled(ids), timeout=120, what="the whole batch", log_dir=tmp_path)
    counts = fault_counts("worker SIGKILLed mid-article twice, embedded broker", ids, tmp_path, capsys)
    assert counts == {"tried": 6, "done": 6, "failed": 0, "lost": 0, "duplicated": 0}
    assert_each_stored_once(ids, tmp_path)
    for victim in victims:
        assert f"Article {victim} was left analysing by a worker that stopped; queued again" in logs(tmp_path)


def test_a_poison_article_fails_with_its_reason_and_never_blocks_the_queue(
    api, seed_text, tmp_path, _test_broker, capsys, monkeypatch
):
    env = FAST | {
        "NEWSVERIFY_ANALYSIS_SOFT_TIME_LIMIT": "5",
        "NEWSVERIFY_ANALYSIS_TIME_LIMIT": "7",
        "NEWSVERIFY_ANALYSIS_STUCK_AFTER": "8",
        "NEWSVERIFY_ANALYSIS_MAX_ATTEMPTS": "2",
    }
    worker_env(monkeypatch, env)
    hang = submit(api, copy_of(seed_text, 0, " POISON-HANG"))[1]
    after_hang = submit(api, copy_of(seed_text, 1))[1]
    crash = submit(api, copy_of(seed_text, 2, " POISON-CRASH"))[1]
    after_crash = [submit(api, copy_of(seed_text, n))[1] for n in (3, 4)]
    ids = [hang, after_hang, crash, *after_crash]
    with running_worker(broker_url="filesystem://", broker_dir=_test_broker, log_dir=tmp_path, env=env, include=FAULTS):
        wait_for(settled(ids), timeout=120, what="the batch with its poison articles", log_dir=tmp_path)
    counts = fault_counts("poison articles (one hangs, one kills its process)", ids, tmp_path, capsys)
    assert counts == {"tried": 5, "done": 3, "failed": 2, "lost": 0, "duplicated": 0}
    hung, crashed = Article.objects.get(pk=hang), Article.objects.get(pk=crash)
    assert "took longer than 5 seconds and was stopped" in hung.failure_reason
    assert "started 2 times and never finished" in crashed.failure_reason
    assert crashed.analysis_attempts == 2
    good = Article.objects.filter(pk__in=[after_hang, *after_crash])
    assert all(article.status == ArticleStatus.DONE for article in good)
    # The articles behind the crashing one were analysed while it was still being retried.
    assert max(article.analysed_at for article in good) < crashed.updated_at


@pytest.mark.redis
def test_the_broker_restarted_mid_batch_loses_nothing(api, seed_text, tmp_path, capsys, monkeypatch):
    require_service(PrivateRedis.available(), "redis-server is not installed (/usr/bin/redis-server)")
    env = worker_env(monkeypatch, FAST | SLOW)
    with (
        private_redis(tmp_path) as redis,
        running_worker(broker_url=redis.url, log_dir=tmp_path, env=env, include=FAULTS),
    ):
        before = [submit(api, copy_of(seed_text, n)) for n in range(4)]
        assert {code for code, _, _ in before} == {201}
        ids = [pk for _, pk, _ in before]
        wait_for(
            lambda: Article.objects.filter(pk__in=ids, status=ArticleStatus.DONE).exists(),
            timeout=60,
            what="a first analysis",
            log_dir=tmp_path,
        )
        redis.stop()
        during = [submit(api, copy_of(seed_text, n)) for n in range(4, 7)]
        assert api.get("/api/v1/articles/").status_code == 200
        time.sleep(2)
        redis.start()  # empty: no persistence, so the messages waiting in it are gone
        ids += [pk for _, pk, _ in during]
        wait_for(settled(ids), timeout=120, what="the batch after the broker came back", log_dir=tmp_path)
    for code, _, detail in during:
        assert code == 202, "saved and said so, never a 500"
        assert "will be analysed automatically when the queue is back" in detail
    counts = fault_counts("Redis killed and restarted empty mid-batch", ids, tmp_path, capsys)
    assert counts == {"tried": 7, "done": 7, "failed": 0, "lost": 0, "duplicated": 0}
    assert_each_stored_once(ids, tmp_path)


@pytest.mark.redis
def test_on_redis_a_killed_workers_message_is_redelivered_after_the_visibility_timeout(
    api, seed_text, tmp_path, capsys, monkeypatch
):
    require_service(PrivateRedis.available(), "redis-server is not installed (/usr/bin/redis-server)")
    # The sweep would wait two minutes: here the redelivery comes from Redis itself.
    env = FAST | {
        "NEWSVERIFY_ANALYSIS_SOFT_TIME_LIMIT": "6",
        "NEWSVERIFY_ANALYSIS_TIME_LIMIT": "7",
        "NEWSVERIFY_BROKER_VISIBILITY_TIMEOUT": "8",
        "NEWSVERIFY_ANALYSIS_STUCK_AFTER": "120",
        "NEWSVERIFY_TEST_ENGINE_DELAY": "1",
    }
    worker_env(monkeypatch, env)
    with private_redis(tmp_path) as redis:
        started = timezone.now()
        with running_worker(broker_url=redis.url, log_dir=tmp_path, env=env, include=FAULTS, label="1") as first:
            ids = [submit(api, copy_of(seed_text, n))[1] for n in range(3)]
            victim = wait_for(analysing_since(ids, started), timeout=60, what="a first analysis", log_dir=tmp_path)
            kill(first)
            killed_at = time.monotonic()
        # Another worker restores messages older than the visibility timeout when it starts.
        time.sleep(max(0.0, killed_at + 9 - time.monotonic()))
        with running_worker(broker_url=redis.url, log_dir=tmp_path, env=env, include=FAULTS, label="2"):
            wait_for(settled(ids), timeout=90, what="the batch after the redelivery", log_dir=tmp_path)
    counts = fault_counts("worker SIGKILLed mid-article, Redis redelivers", ids, tmp_path, capsys)
    assert counts == {"tried": 3, "done": 3, "failed": 0, "lost": 0, "duplicated": 0}
    assert_each_stored_once(ids, tmp_path)
    assert f"Article {victim} was left analysing" not in logs(tmp_path), "Redis redelivered it, not the sweep"


@pytest.mark.postgres
def test_the_database_connection_dropped_mid_store_is_retried_and_shows_nothing_partial(
    api, seed_text, tmp_path, _test_broker, capsys, monkeypatch
):
    require_service(connection.vendor == "postgresql", "PostgreSQL: run with DATABASE_URL=postgres://...")
    faults = tmp_path / "faults"
    faults.mkdir()
    env = worker_env(monkeypatch, FAST | {"NEWSVERIFY_TEST_FAULT_DIR": str(faults)})
    victim = submit(api, copy_of(seed_text, 0, " FAULT-DB-DROP"))[1]
    ids = [victim, *(submit(api, copy_of(seed_text, n))[1] for n in (1, 2))]
    with running_worker(broker_url="filesystem://", broker_dir=_test_broker, log_dir=tmp_path, env=env, include=FAULTS):
        marker = faults / f"dropped-{victim}"
        wait_for(marker.exists, timeout=60, what="the connection dropped mid-store", log_dir=tmp_path)
        # Inside its transaction the store had written the claims; outside it, nothing of them is seen.
        assert int(marker.read_text()) > 10
        assert Claim.objects.filter(article_id=victim).count() == 0, "no partial results visible"
        assert Article.objects.get(pk=victim).status == ArticleStatus.ANALYSING
        wait_for(settled(ids), timeout=120, what="the batch after the retry", log_dir=tmp_path)
    counts = fault_counts("database connection dropped mid-store (PostgreSQL)", ids, tmp_path, capsys)
    assert counts == {"tried": 3, "done": 3, "failed": 0, "lost": 0, "duplicated": 0}
    assert_each_stored_once(ids, tmp_path)
    assert f"article={victim} Article {victim}: the database failed during the analysis" in logs(tmp_path)
