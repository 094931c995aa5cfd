from __future__ import annotations

import csv
import datetime
import io
import json

from django.urls import reverse

from newsverify.review.models import ClaimKind
from newsverify.review.services import claim_assign, claim_set_verdict
from newsverify.sources.models import SourceType
from tests.factories import ArticleFactory, ClaimFactory, HopFactory, SourceFactory


def test_it_requires_login(client, db):
    claim = ClaimFactory()
    response = client.get(reverse("export_claimreview", args=[claim.pk]))
    assert response.status_code == 302


def test_it_forbids_a_user_without_a_role(client, outsider):
    client.force_login(outsider)
    claim = ClaimFactory()
    assert client.get(reverse("export_prov", args=[claim.pk, "json"])).status_code == 403
    assert client.get(reverse("export_claims_csv")).status_code == 403


def test_it_404s_for_a_missing_claim(editor_client):
    assert editor_client.get(reverse("export_claimreview", args=[999999])).status_code == 404


def test_it_refuses_a_claimreview_before_a_verdict(editor_client):
    claim = ClaimFactory()
    response = editor_client.get(reverse("export_claimreview", args=[claim.pk]))
    assert response.status_code == 409
    assert b"no verdict yet" in response.content


def test_it_serves_a_claimreview_with_absolute_urls(client, factchecker, settings):
    settings.NEWSVERIFY_CLAIM_URL_BASE = "https://checks.example.org"
    claim = ClaimFactory()
    claim_set_verdict(claim=claim, by=factchecker, verdict="disputed", evidence_url="https://example.org/e")
    client.force_login(factchecker)
    response = client.get(reverse("export_claimreview", args=[claim.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    data = json.loads(response.content)
    assert data["url"] == f"https://checks.example.org{claim.get_absolute_url()}", "configured, not the request's host"
    assert data["reviewRating"]["alternateName"] == "Disputed"


def test_it_serves_prov_as_turtle_and_json(editor_client):
    claim = ClaimFactory()
    turtle = editor_client.get(reverse("export_prov", args=[claim.pk, "ttl"]))
    assert turtle["Content-Type"].startswith("text/turtle")
    assert b"prov:wasAttributedTo" in turtle.content or b"wasAttributedTo" in turtle.content
    assert editor_client.get(reverse("export_prov", args=[claim.pk, "json"])).json()["prefix"]
    assert editor_client.get(reverse("export_prov", args=[claim.pk, "xml"])).status_code == 404


def test_it_streams_the_csv_of_one_article(editor_client):
    claim = ClaimFactory()
    ClaimFactory()
    response = editor_client.get(reverse("export_claims_csv"), {"article": claim.article_id})
    body = b"".join(response.streaming_content).decode()
    assert response["Content-Disposition"] == f'attachment; filename="article-{claim.article_id}-claims.csv"'
    assert len(body.strip().splitlines()) == 2


def csv_claims(response) -> list[str]:  # type: ignore[no-untyped-def]
    """The claim texts of a streamed CSV, in order."""
    return [row["claim"] for row in csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))]


def test_the_csv_takes_the_review_queue_filters(factchecker_client, editor, factchecker):
    old = ArticleFactory(title="Old story", published_on=datetime.date(2024, 1, 5))
    new = ArticleFactory(title="New story", published_on=datetime.date(2024, 6, 1))
    deep = ClaimFactory(article=new, text="deep new", depth=2, span_start=0, kind=ClaimKind.INDIRECT)
    ClaimFactory(article=new, text="shallow new", depth=1, span_start=20, span_end=30)
    ClaimFactory(article=old, text="deep old", depth=2, span_start=0, kind=ClaimKind.DIRECT)
    disputed = ClaimFactory(article=old, text="disputed old", depth=0, span_start=20, span_end=30)
    HopFactory(claim=deep, position=0, source=SourceFactory(name="officials", type=SourceType.ANONYMOUS))
    claim_set_verdict(claim=disputed, by=factchecker, verdict="disputed", evidence_url="https://example.org/e")
    claim_assign(claim=deep, by=editor, assignee=factchecker)
    url = reverse("export_claims_csv")
    # In the export's order (article, then place in the text), whatever the queue's sort.
    assert csv_claims(factchecker_client.get(url)) == ["deep old", "disputed old", "deep new", "shallow new"]
    assert csv_claims(factchecker_client.get(url, {"depth": "2", "sort": "deepest"})) == ["deep old", "deep new"]
    assert csv_claims(factchecker_client.get(url, {"depth": "2", "kind": "direct"})) == ["deep old"]
    assert csv_claims(factchecker_client.get(url, {"status": "disputed"})) == ["disputed old"]
    assert csv_claims(factchecker_client.get(url, {"source_type": "anonymous"})) == ["deep new"]
    assert csv_claims(factchecker_client.get(url, {"assignee": "me"})) == ["deep new"]
    assert csv_claims(factchecker_client.get(url, {"published_to": "2024-03-01", "page": "2"})) == [
        "deep old",
        "disputed old",
    ]
    # Invalid filters narrow nothing, as in the queue; ?article= still narrows to one article.
    assert len(csv_claims(factchecker_client.get(url, {"depth": "deep"}))) == 4
    response = factchecker_client.get(url, {"article": new.pk, "depth": "2"})
    assert response["Content-Disposition"] == f'attachment; filename="article-{new.pk}-claims.csv"'
    assert csv_claims(response) == ["deep new"]
