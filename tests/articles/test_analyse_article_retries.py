"""Transient database errors are retried; when retries run out the article says so.

The engine stays real everywhere else; here only the storing step is made to fail, because a
database outage cannot be produced on demand inside a test.
"""

import pytest
from django.db import OperationalError

from newsverify.articles import services
from newsverify.articles.models import ArticleStatus
from newsverify.articles.tasks import analyse_article
from newsverify.celery import app
from tests.factories import ArticleFactory


@pytest.fixture
def article(db):  # type: ignore[no-untyped-def]
    return ArticleFactory(status=ArticleStatus.QUEUED)


def failing(times: int, calls: list[int]):  # type: ignore[no-untyped-def]
    real = services.article_analyse

    def analyse(*, article):  # type: ignore[no-untyped-def]
        calls.append(article.pk)
        if len(calls) <= times:
            raise OperationalError("server closed the connection unexpectedly")
        return real(article=article)

    return analyse


def test_the_worker_is_configured_for_late_acks_and_one_task_at_a_time():
    assert app.conf.task_acks_late is True
    assert app.conf.worker_prefetch_multiplier == 1


def test_a_transient_error_is_retried_and_then_succeeds(article, monkeypatch, nlp):
    calls: list[int] = []
    monkeypatch.setattr(services, "article_analyse", failing(2, calls))
    analyse_article.apply(args=[article.pk])
    article.refresh_from_db()
    assert len(calls) == 3
    assert article.status == ArticleStatus.DONE


def test_when_retries_run_out_the_failure_is_recorded(article, monkeypatch):
    calls: list[int] = []
    monkeypatch.setattr(services, "article_analyse", failing(99, calls))
    result = analyse_article.apply(args=[article.pk])
    article.refresh_from_db()
    assert len(calls) == analyse_article.max_retries + 1
    assert isinstance(result.result, OperationalError)
    assert article.status == ArticleStatus.FAILED
    assert "The database was unavailable during the analysis, even after retrying" in article.failure_reason
