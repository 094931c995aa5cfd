"""POST /api/v1/articles/<id>/reanalyse/: the web's Re-analyse, with the web's roles."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from newsverify.articles.models import Article, ArticleStatus
from tests.factories import ArticleFactory


def url(article: Article) -> str:
    return f"/api/v1/articles/{article.pk}/reanalyse/"


@pytest.fixture
def stuck(db) -> Article:  # type: ignore[no-untyped-def]
    started = timezone.now() - datetime.timedelta(hours=2)
    return ArticleFactory(status=ArticleStatus.ANALYSING, analysis_started_at=started, analysis_attempts=2)


@pytest.mark.parametrize("who", ["editor_api", "factchecker_api"])
def test_either_newsroom_role_queues_a_stuck_article_again(who, stuck, request, django_capture_on_commit_callbacks):
    client = request.getfixturevalue(who)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(url(stuck))
    assert response.status_code == 202, response.json()
    body = response.json()
    assert body["article"]["status"] == ArticleStatus.QUEUED and body["article"]["analysis_attempts"] == 0
    assert "Queued for a fresh analysis" in body["detail"]
    assert len(callbacks) == 1, "sent to the broker once, after commit"
    stuck.refresh_from_db()
    assert stuck.status == ArticleStatus.QUEUED


def test_a_user_without_a_role_is_refused(outsider_api, stuck):
    response = outsider_api.post(url(stuck))
    assert response.status_code == 403
    stuck.refresh_from_db()
    assert stuck.status == ArticleStatus.ANALYSING


def test_anonymous_is_refused(stuck):
    assert APIClient().post(url(stuck)).status_code == 401


def test_a_missing_article_is_404(editor_api, db):
    assert editor_api.post("/api/v1/articles/987654/reanalyse/").status_code == 404


def test_submitting_still_needs_the_editor_role(factchecker_api):
    response = factchecker_api.post("/api/v1/articles/", {"text": "Officials said so."}, format="json")
    assert response.status_code == 403
    assert "Editor role" in response.json()["detail"]
