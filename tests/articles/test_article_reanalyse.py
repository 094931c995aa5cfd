import json
import re

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
    assert 'id="analysis-poll"' in response.content.decode(), "the page starts polling again"


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


# -- the current reading stays on the page until the new one is stored ----------------------------


@pytest.fixture
def analysed(db):  # type: ignore[no-untyped-def]
    from newsverify.articles.services import analysis_store
    from tests.reports import TEXT, small_report

    article = ArticleFactory(text=TEXT, publisher="Example Times")
    return analysis_store(article_id=article.pk, report=small_report())


def detail(article) -> str:  # type: ignore[no-untyped-def]
    return reverse("article_detail", args=[article.pk])


def test_while_reanalysing_the_page_keeps_its_highlights_and_polls_only_a_notice(editor_client, analysed, monkeypatch):
    # In production the service's commit sends the analysis before the page answers; the test's
    # own transaction never commits, so the send runs at once (to a broker that takes it and keeps
    # nothing), else the page says "waiting for the queue".
    monkeypatch.setattr("newsverify.articles.recovery._publish", lambda article_id: True)
    monkeypatch.setattr(
        "newsverify.articles.services.transaction.on_commit", lambda callback, using=None, robust=False: callback()
    )
    response = editor_client.post(url(analysed), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="analysis")
    body = response.content.decode()
    assert 'class="claim depth-3"' in body, "the highlights stay"
    assert "Re-analysing…" in body
    opening = body.split(">", 1)[0]
    assert "hx-trigger" not in opening, "the text and panel are not swapped by the polls"
    assert re.search(r'<span id="analysis-status"[^>]*>[^<]*<span id="analysis-poll"', body), "only the notice polls"
    assert 'hx-preserve="true"' in body, "the chain panel is kept through the swap"


def test_while_reanalysing_an_open_claim_stays_open(editor_client, analysed):
    analysed.status = ArticleStatus.QUEUED
    analysed.save()
    drones = analysed.claims.get(text="three drones were intercepted")
    body = editor_client.get(drones.get_absolute_url()).content.decode()
    assert f'data-claim="{drones.pk}"' in body
    assert "Re-analysing… this chain is the current reading" in body
    assert 'class="claim depth-3 is-open"' in body


def test_the_notice_polls_until_the_new_reading_is_stored(editor_client, analysed):
    analysed.status = ArticleStatus.ANALYSING
    analysed.save()
    poll = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "analysis-poll"}
    response = editor_client.get(detail(analysed), {"poll": "1"}, **poll)
    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith('<span id="analysis-poll"'), "only the poller again"
    assert "<mark" not in response.content.decode(), "the current reading is not sent again"

    analysed.status = ArticleStatus.DONE
    analysed.save()
    response = editor_client.get(detail(analysed), {"poll": "2"}, **poll)
    assert response.status_code == 286, "polling stops"
    assert response["HX-Retarget"] == "#analysis" and response["HX-Reswap"] == "outerHTML"
    assert json.loads(response["HX-Trigger-After-Settle"]) == {"analysisStored": {}}, (
        "the open panel fetches itself again"
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="analysis"') and 'class="claim depth-3"' in body


def test_the_chain_panel_listens_for_the_new_reading(editor_client, analysed):
    drones = analysed.claims.get(text="three drones were intercepted")
    panel = editor_client.get(drones.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert f'hx-get="{drones.get_absolute_url()}" hx-trigger="analysisStored from:body"' in panel
    page = editor_client.get(detail(analysed)).content.decode()
    assert f'hx-get="{detail(analysed)}" hx-trigger="analysisStored from:body"' in page
