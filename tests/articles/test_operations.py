"""Operations: the load balancers' health check, worker heartbeats, the staff's queue page, and
analysis logs that name their article."""

from __future__ import annotations

import datetime
import io
import logging
import logging.config
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from newsverify.articles import operations
from newsverify.articles.models import ArticleStatus, WorkerHeartbeat
from newsverify.articles.tasks import analyse_article
from newsverify.celery import app
from tests.factories import ArticleFactory, UserFactory


@pytest.fixture
def staff(db):  # type: ignore[no-untyped-def]
    return UserFactory(username="ops-staff", is_staff=True)


def beat(name: str = "celery@worker-1", *, ago: float = 0) -> WorkerHeartbeat:
    operations.worker_heartbeat_record(name=name, pid=4242, concurrency=2, started_at=timezone.now())
    WorkerHeartbeat.objects.filter(name=name).update(last_seen=timezone.now() - datetime.timedelta(seconds=ago))
    return WorkerHeartbeat.objects.get(name=name)


# --- /health/ ------------------------------------------------------------------------------------


def test_health_is_200_with_the_database_the_broker_and_a_live_worker(client, db):
    beat()
    response = client.get("/health/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == {"Database(alias='default')", "Broker()", "WorkerAlive()"}
    assert set(body.values()) == {"OK"}
    assert "no-cache" in response["Cache-Control"]


def test_health_needs_no_login_and_no_rate_limit_applies(client, db):
    beat()
    for _ in range(40):  # past the anonymous API rate and the login page's
        assert client.get("/health/", HTTP_ACCEPT="text/plain").status_code == 200


def test_health_is_500_when_no_worker_has_sent_a_heartbeat_lately(client, db):
    beat(ago=3 * settings.NEWSVERIFY_WORKER_HEARTBEAT_INTERVAL + 1)
    response = client.get("/health/", HTTP_ACCEPT="application/json")
    assert response.status_code == 500
    assert "No analysis worker has sent a heartbeat lately" in response.json()["WorkerAlive()"]


def test_health_names_no_broker_address_or_password_when_the_broker_is_down(client, db, monkeypatch):
    beat()
    monkeypatch.setattr(settings, "CELERY_BROKER_CONNECTION_TIMEOUT", 1)
    previous = (app.conf.broker_url, app.conf.broker_transport_options)
    app.conf.broker_url, app.conf.broker_transport_options = "redis://:hunter2-secret@127.0.0.1:9/0", {}
    app.close()
    try:
        response = client.get("/health/", HTTP_ACCEPT="application/json")
        html = client.get("/health/", HTTP_ACCEPT="text/html").content.decode()
    finally:
        app.conf.broker_url, app.conf.broker_transport_options = previous
        app.close()
    assert response.status_code == 500
    assert response.json()["Broker()"] == "Unavailable: The broker is unreachable"
    for text in (response.content.decode(), html):
        for secret in ("hunter2", "127.0.0.1:9", "redis://", settings.SECRET_KEY):
            assert secret not in text


def test_health_is_never_redirected_to_https():
    assert any(re.match(pattern, "health/") for pattern in settings.SECURE_REDIRECT_EXEMPT)


# --- heartbeats ----------------------------------------------------------------------------------


def test_a_worker_is_alive_while_its_heartbeat_is_fresh_and_gone_after_three_intervals(db):
    interval = settings.NEWSVERIFY_WORKER_HEARTBEAT_INTERVAL
    beat("celery@fresh", ago=interval)
    beat("celery@silent", ago=3 * interval + 1)
    assert [worker.name for worker in operations.workers_alive()] == ["celery@fresh"]
    operations.worker_heartbeat_remove(name="celery@fresh")
    assert operations.workers_alive() == []


def test_the_worker_bootstep_records_and_removes_its_heartbeat(db, monkeypatch):
    from django.db import connections

    from newsverify.celery import worker_heartbeat

    closed: list[bool] = []
    # The worker's main process closes its connection after each beat (pool processes fork from it);
    # here that would close the test's own transaction.
    monkeypatch.setattr(connections, "close_all", lambda: closed.append(True))

    worker_heartbeat(name="celery@bootstep", concurrency=3, started_at=timezone.now())
    row = WorkerHeartbeat.objects.get(name="celery@bootstep")
    assert row.concurrency == 3 and row.pid > 0
    worker_heartbeat(name="celery@bootstep", concurrency=0, started_at=None)
    assert not WorkerHeartbeat.objects.filter(name="celery@bootstep").exists()
    assert closed == [True, True]


# --- the staff's queue and workers page --------------------------------------------------------


def test_the_queue_page_says_why_an_article_is_slow(client, staff):
    beat("celery@alive")
    beat("celery@gone", ago=3600)
    old = ArticleFactory(title="The oldest one waiting", status=ArticleStatus.QUEUED, enqueued_at=timezone.now())
    type(old).objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=30))
    ArticleFactory(title="A newer one", status=ArticleStatus.QUEUED)
    ArticleFactory(title="Being read", status=ArticleStatus.ANALYSING, analysis_started_at=timezone.now())
    ArticleFactory(title="Broken <b>one</b>", status=ArticleStatus.FAILED, failure_reason="The engine failed <script>")
    client.force_login(staff)
    response = client.get(reverse("pipeline_status"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<strong>2</strong> queued (1 waiting for the queue to be reachable)" in page
    assert "<strong>1</strong> analysing" in page and "<strong>1</strong> failed" in page
    assert f'Oldest waiting: <a href="{old.get_absolute_url()}">The oldest one waiting</a>, uploaded 30' in page
    assert "Workers alive: 1 (2 processes)" in page
    assert "celery@gone" in page and "silent (stopped or killed)" in page
    assert "Being read" in page
    assert "The engine failed &lt;script&gt;" in page and "<script>" not in page.split("<main")[1]
    assert f'href="{reverse("pipeline_status")}"' in page, "linked from the staff nav"


def test_the_queue_page_polls_a_fragment(client, staff):
    client.force_login(staff)
    response = client.get(reverse("pipeline_status"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith('<div id="pipeline-status"')


def test_the_queue_page_is_for_staff_only(client, editor, factchecker):
    url = reverse("pipeline_status")
    assert client.get(url).status_code == 302  # to the login page
    for user in (editor, factchecker):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert f'href="{url}"' not in client.get(reverse("article_list")).content.decode()


# --- logs ----------------------------------------------------------------------------------------


def test_every_line_logged_during_an_analysis_names_its_article(db, monkeypatch, nlp):
    from newsverify.articles import services

    article = ArticleFactory(text="The mayor said the bridge would reopen on Monday.", status=ArticleStatus.QUEUED)
    stream = io.StringIO()
    config = {
        **settings.LOGGING,
        "handlers": {"console": {**settings.LOGGING["handlers"]["console"], "stream": stream}},
    }
    config["handlers"]["console"]["class"] = "logging.StreamHandler"
    engine = services.article_analyse

    def analyse_and_log(*, article):  # type: ignore[no-untyped-def]
        logging.getLogger("some.library").warning("a line from a library")
        return engine(article=article)

    monkeypatch.setattr(services, "article_analyse", analyse_and_log)
    logging.config.dictConfig(config)
    try:
        analyse_article.apply(args=[article.pk])
        logging.getLogger("elsewhere").info("after the analysis")
    finally:
        logging.config.dictConfig(settings.LOGGING)
    lines = stream.getvalue().splitlines()
    during = [line for line in lines if "after the analysis" not in line]
    assert len(during) >= 3, lines  # the library's line, the timings, "analysed and stored"
    assert all(f" article={article.pk} " in line for line in during), lines
    assert any(f"Article {article.pk} timings: parse " in line for line in during)
    assert "article=" not in next(line for line in lines if "after the analysis" in line)
