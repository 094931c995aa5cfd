"""Upload through the view; a real Celery worker process analyses the article; the chains are stored."""

from __future__ import annotations

import os
import time

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.urls import reverse

from newsverify.articles.models import Article, ArticleStatus
from newsverify.articles.services import article_submit
from newsverify.review.models import Claim
from tests.conftest import require_service, tcp_reachable
from tests.factories import UserFactory
from tests.worker import running_worker, worker_log
from tests.worker_probe import OPENED

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def wait_until_analysed(article_id: int, log_dir, timeout: float = 120) -> Article:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        article = Article.objects.get(pk=article_id)
        if not article.is_pending:
            return article
        time.sleep(0.3)
    pytest.fail(f"The worker did not finish article {article_id} in {timeout}s.\n{worker_log(log_dir)}")


def upload_and_wait(client, seed_text: str, log_dir) -> Article:  # type: ignore[no-untyped-def]
    editor = UserFactory(username="integration-editor")
    editor.groups.add(Group.objects.get(name="Editor"))
    client.force_login(editor)
    response = client.post(reverse("article_upload"), {"text": seed_text, "publisher": "Example Times"})
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get()
    assert article.status == ArticleStatus.QUEUED
    return wait_until_analysed(article.pk, log_dir)


def assert_chains_stored(article: Article, log_dir) -> None:  # type: ignore[no-untyped-def]
    assert article.status == ArticleStatus.DONE, f"{article.failure_reason}\n{worker_log(log_dir)}"
    assert article.engine_version
    drones = Claim.objects.get(article=article, text="three drones were intercepted")
    chain = [hop.source.name for hop in drones.hops.order_by("position")]
    assert chain[-2:] == ["TASS", "CNN"], chain
    assert drones.depth == len(chain)
    assert Claim.objects.filter(article=article, depth__gte=2).count() >= 10


def test_a_worker_on_the_embedded_broker_analyses_an_upload(client, seed_text, tmp_path, _test_broker):
    with running_worker(broker_url="filesystem://", broker_dir=_test_broker, log_dir=tmp_path):
        article = upload_and_wait(client, seed_text, tmp_path)
    assert_chains_stored(article, tmp_path)
    full_log = "".join(path.read_text() for path in tmp_path.glob("worker-*.log"))
    assert full_log.count("Loaded spaCy model") == 1, "the worker process loads the model once, before any task"


def test_a_worker_process_keeps_its_database_connection_from_one_analysis_to_the_next(
    seed_text, tmp_path, _test_broker
):
    # Celery's Django fixup would open a new one for every task (a new PostgreSQL session each time).
    with running_worker(
        broker_url="filesystem://", broker_dir=_test_broker, log_dir=tmp_path, include="tests.worker_probe"
    ):
        ids = [
            article_submit(text=f"{seed_text}\n\nCopy {n} for the night desk.", publisher="Example Times", by=None).pk
            for n in range(3)
        ]
        for pk in ids:
            assert wait_until_analysed(pk, tmp_path).status == ArticleStatus.DONE
    full_log = "".join(path.read_text() for path in tmp_path.glob("worker-*.log"))
    assert full_log.count(OPENED) == 1, full_log[-6000:]


@pytest.mark.redis
def test_a_worker_on_redis_analyses_an_upload(client, seed_text, tmp_path):
    redis_url = os.environ.get("REDIS_URL", "")
    require_service(bool(redis_url) and tcp_reachable(redis_url, 6379), "Redis: set REDIS_URL to a reachable Redis")
    with running_worker(broker_url=redis_url, log_dir=tmp_path):
        article = upload_and_wait(client, seed_text, tmp_path)
    assert_chains_stored(article, tmp_path)


@pytest.mark.postgres
@pytest.mark.redis
def test_the_newsroom_stack_postgres_and_redis_analyses_an_upload(client, seed_text, tmp_path):
    require_service(connection.vendor == "postgresql", "PostgreSQL: run with DATABASE_URL=postgres://...")
    redis_url = os.environ.get("REDIS_URL", "")
    require_service(bool(redis_url) and tcp_reachable(redis_url, 6379), "Redis: set REDIS_URL to a reachable Redis")
    with running_worker(broker_url=redis_url, log_dir=tmp_path):
        article = upload_and_wait(client, seed_text, tmp_path)
    assert_chains_stored(article, tmp_path)
    assert Article.objects.filter(content_hash=article.content_hash).count() == 1
