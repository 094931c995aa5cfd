"""The article page asks "is it done?" soon after an upload (within 250 ms), then less often; a poll while
the analysis runs sends back only the poller, never the text or the reading; a finished article is
never polled."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from newsverify.articles.models import ArticleStatus
from newsverify.articles.services import analysis_store
from newsverify.articles.views import POLL_DELAYS_MS
from tests.factories import ArticleFactory
from tests.reports import TEXT, small_report

POLL = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "analysis-poll"}


def url(article) -> str:  # type: ignore[no-untyped-def]
    return reverse("article_detail", args=[article.pk])


def poller(body: str) -> tuple[int, str, str]:
    """(delay in ms, poll number, what the page shows) of the page's poller."""
    pattern = r'<span id="analysis-poll" hidden hx-get="[^"?]+\?poll=(\d+)&amp;shown=([^"]*)"'
    found = re.search(pattern + r' hx-trigger="load delay:(\d+)ms"', body)
    assert found, body[:500]
    return int(found.group(3)), found.group(1), found.group(2)


def test_the_first_question_comes_soon_and_later_ones_back_off(editor_client, db):
    article = ArticleFactory(
        status=ArticleStatus.ANALYSING, analysis_started_at=timezone.now(), text="Officials said it rained. " * 400
    )
    delay, attempt, shown = poller(editor_client.get(url(article)).content.decode())
    assert (delay, attempt, shown) == (POLL_DELAYS_MS[0], "1", "analysing")
    delays = [delay]
    for _ in range(len(POLL_DELAYS_MS) + 2):
        response = editor_client.get(url(article), {"poll": attempt, "shown": shown}, **POLL)
        assert response.status_code == 200
        body = response.content.decode()
        assert len(body) < 400, "a poll while pending is the poller alone, not the text"
        delay, attempt, shown = poller(body)
        delays.append(delay)
    assert delays[0] <= 250 and delays[-1] == max(POLL_DELAYS_MS) == 2000
    assert delays == sorted(delays), "the waits only grow"
    assert sum(delays[:4]) < 2000, "four questions in the time the page used to wait for one"


def test_a_first_analysis_whose_bar_changed_gets_its_bar_again(editor_client, db):
    article = ArticleFactory(
        status=ArticleStatus.ANALYSING, analysis_started_at=timezone.now(), text="Officials said it rained."
    )
    response = editor_client.get(url(article), {"poll": "2", "shown": "queued"}, **POLL)
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#analysis" and response["HX-Reswap"] == "outerHTML"
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="analysis"') and "Analysing" in body
    assert poller(body) == (POLL_DELAYS_MS[2], "3", "analysing"), "and it goes on polling, backed off"


def test_a_pending_poll_costs_a_few_queries_whatever_the_article(editor_client, django_assert_max_num_queries, db):
    article = ArticleFactory(status=ArticleStatus.QUEUED, enqueued_at=timezone.now(), text="Officials said so. " * 5000)
    editor_client.get(url(article), {"poll": "1", "shown": "queued"}, **POLL)
    with django_assert_max_num_queries(3) as queries:
        editor_client.get(url(article), {"poll": "1", "shown": "queued"}, **POLL)
    (article_query,) = [query["sql"] for query in queries.captured_queries if "articles_article" in query["sql"]]
    assert '"articles_article"."text"' not in article_query, "the text stays in the database"


@pytest.fixture
def analysed(db):  # type: ignore[no-untyped-def]
    return analysis_store(article_id=ArticleFactory(text=TEXT).pk, report=small_report())


def test_a_finished_article_is_never_polled(editor_client, analysed):
    page = editor_client.get(url(analysed)).content.decode()
    assert "analysis-poll" not in page and 'hx-trigger="every' not in page
    drones = analysed.claims.get(text="three drones were intercepted")
    assert "analysis-poll" not in editor_client.get(drones.get_absolute_url()).content.decode()


def test_a_reanalysis_poll_never_sends_the_reading_again(editor_client, analysed):
    analysed.status, analysed.analysis_started_at = ArticleStatus.ANALYSING, timezone.now()
    analysed.save()
    page = editor_client.get(url(analysed)).content.decode()
    assert poller(page)[:2] == (POLL_DELAYS_MS[0], "1")
    for shown in ("analysing", "queued", ""):
        body = editor_client.get(url(analysed), {"poll": "1", "shown": shown}, **POLL).content.decode()
        assert body.lstrip().startswith('<span id="analysis-poll"')
        assert "<mark" not in body and "three drones" not in body
