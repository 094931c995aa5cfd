import pytest
from django.test import Client
from django.urls import reverse

from newsverify.articles.models import ArticleStatus
from tests.factories import ArticleFactory


@pytest.fixture
def failed(db):  # type: ignore[no-untyped-def]
    return ArticleFactory(status=ArticleStatus.FAILED, failure_reason="Boom.")


def url(article) -> str:  # type: ignore[no-untyped-def]
    return reverse("article_reanalyse", args=[article.pk])


def test_it_rejects_get(editor_client, failed):
    assert editor_client.get(url(failed)).status_code == 405


def test_it_requires_login(client, failed):
    assert client.post(url(failed)).status_code == 302


def test_a_user_without_a_role_gets_403(client, outsider, failed):
    client.force_login(outsider)
    assert client.post(url(failed)).status_code == 403
    failed.refresh_from_db()
    assert failed.status == ArticleStatus.FAILED


def test_it_queues_the_article_again(editor_client, failed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        response = editor_client.post(url(failed), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="analysis")
    failed.refresh_from_db()
    assert response.status_code == 200
    assert failed.status == ArticleStatus.QUEUED
    assert failed.failure_reason == ""
    assert len(callbacks) == 1
    assert 'hx-trigger="every 2s"' in response.content.decode(), "the page starts polling again"


def test_htmx_posts_need_the_csrf_token(editor, failed):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(url(failed), HTTP_HX_REQUEST="true")
    assert response.status_code == 403
    failed.refresh_from_db()
    assert failed.status == ArticleStatus.FAILED

    client.get(reverse("article_detail", args=[failed.pk]))
    token = client.cookies["csrftoken"].value
    response = client.post(url(failed), HTTP_HX_REQUEST="true", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200
    failed.refresh_from_db()
    assert failed.status == ArticleStatus.QUEUED


def test_a_csrf_failure_explains_itself(editor, failed):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(url(failed))
    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()
