"""The API end to end: submit the seed article, let the real engine analyse it, poll, read chains."""

from __future__ import annotations

import pytest

from newsverify.articles.models import Article, ArticleStatus
from newsverify.articles.tasks import analyse_article
from tests.exports.conftest import DRONES, is_russian_defence_ministry
from tests.factories import ArticleFactory

ARTICLES = "/api/v1/articles/"


def _submit_seed(client, seed_text):  # type: ignore[no-untyped-def]
    return client.post(
        ARTICLES,
        {"text": seed_text, "title": "Ceasefire", "publisher": "Example Times", "url": "https://example.com/a"},
        format="json",
    )


def _poll_until_done(client, article_id: int, *, run_worker) -> dict:  # type: ignore[no-untyped-def]
    for _ in range(5):
        body = client.get(f"{ARTICLES}{article_id}/").json()
        if not body["is_pending"]:
            return body
        run_worker(article_id)
    raise AssertionError(f"Article {article_id} still {body['status']}")


def test_submit_poll_and_read_the_chains(editor_api, seed_text, nlp, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        response = _submit_seed(editor_api, seed_text)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["duplicate"] is False
    article_id = body["article"]["id"]
    assert body["article"]["status"] == ArticleStatus.QUEUED
    assert response["Location"].endswith(f"{ARTICLES}{article_id}/")
    assert len(callbacks) == 1, "the analysis is queued once the article is committed"

    # The worker's job, run here: the task function itself, on the real engine.
    done = _poll_until_done(editor_api, article_id, run_worker=analyse_article)
    assert done["status"] == ArticleStatus.DONE
    assert done["engine_version"]
    assert done["counts"]["total"] > 10
    assert done["counts"]["depth_3_or_more"] >= 1

    claims = editor_api.get(f"{ARTICLES}{article_id}/claims/").json()
    assert claims["count"] == done["counts"]["total"]
    drones = next(claim for claim in claims["results"] if claim["text"] == DRONES)
    claim = editor_api.get(f"/api/v1/claims/{drones['id']}/").json()
    assert claim["depth"] == 3
    assert claim["review_status"] == "unreviewed"
    names = [hop["source"]["name"] for hop in claim["chain"]]
    assert is_russian_defence_ministry(names[0])
    assert names[1:] == ["TASS", "CNN"]
    assert [hop["position"] for hop in claim["chain"]] == [0, 1, 2]
    assert claim["chain"][1]["source"]["type"] == "news_agency"
    assert all(hop["evidence"] in {"explicit", "coreference", "context"} for hop in claim["chain"])
    assert claim["chain"][0]["mention"]["text"]

    source = editor_api.get(f"/api/v1/sources/{claim['chain'][1]['source']['id']}/").json()
    assert source["name"] == "TASS"
    assert source["citations"] >= 1
    assert editor_api.get("/api/v1/sources/", {"type": "news_agency"}).json()["count"] >= 1


def test_a_duplicate_returns_the_existing_article(editor_api, seed_text):
    first = _submit_seed(editor_api, seed_text).json()["article"]
    again = _submit_seed(editor_api, "  " + seed_text.replace("\n\n", "\n\n\n") + "\n")
    assert again.status_code == 200
    assert again.json()["duplicate"] is True
    assert again.json()["article"]["id"] == first["id"]
    assert "already submitted" in again.json()["detail"]
    assert Article.objects.count() == 1


def test_it_refuses_bad_input(editor_api):
    assert editor_api.post(ARTICLES, {"text": "   "}, format="json").status_code == 400
    response = editor_api.post(ARTICLES, {"text": "Some text.", "url": "ftp://x"}, format="json")
    assert response.status_code == 400
    assert "url" in response.json()


def test_a_fact_checker_reads_but_cannot_submit(factchecker_api, seed_text):
    assert factchecker_api.get(ARTICLES).status_code == 200
    response = _submit_seed(factchecker_api, seed_text)
    assert response.status_code == 403
    assert "Editor" in response.json()["detail"]
    assert Article.objects.count() == 0


def test_the_list_filters_by_status_and_publisher(editor_api):
    ArticleFactory(publisher="Example Times", status=ArticleStatus.DONE)
    ArticleFactory(publisher="Other Post", status=ArticleStatus.FAILED, failure_reason="The engine failed.")
    failed = editor_api.get(ARTICLES, {"status": "failed"}).json()
    assert [article["publisher"] for article in failed["results"]] == ["Other Post"]
    assert failed["results"][0]["failure_reason"] == "The engine failed."
    assert editor_api.get(ARTICLES, {"publisher": "example"}).json()["count"] == 1
    assert editor_api.get(ARTICLES, {"status": "nonsense"}).status_code == 400


@pytest.mark.parametrize("path", ["/api/v1/articles/999999/", "/api/v1/claims/999999/", "/api/v1/sources/999999/"])
def test_it_404s_for_what_does_not_exist(editor_api, path):
    assert editor_api.get(path).status_code == 404


@pytest.mark.parametrize(
    ("payload", "field", "says"),
    [
        ({"text": "\x01" * 1600}, "text", "control characters"),
        ({"text": "\u200b"}, "text", "no visible text"),
        ({"text": "\u200b\u200c \u2060\n"}, "text", "no visible text"),
        ({"text": 12345}, "text", "Must be a string"),
        ({"text": ["a"]}, "text", "Must be a string"),
        ({"text": "Some text.", "title": 7}, "title", "Must be a string"),
    ],
)
def test_it_refuses_what_the_web_form_refuses(editor_api, payload, field, says):
    response = editor_api.post(ARTICLES, payload, format="json")
    assert response.status_code == 400, response.json()
    assert says in str(response.json()[field])
    assert Article.objects.count() == 0


def test_it_refuses_an_article_over_the_length_limit(editor_api, settings):
    settings.NEWSVERIFY_MAX_ARTICLE_CHARS = 50
    response = editor_api.post(ARTICLES, {"text": "Officials said it rained. " * 3}, format="json")
    assert response.status_code == 400
    assert "the limit is 50" in response.json()["text"]
    assert Article.objects.count() == 0
