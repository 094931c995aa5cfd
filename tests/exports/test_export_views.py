from __future__ import annotations

import json

from django.urls import reverse

from newsverify.review.services import claim_set_verdict
from tests.factories import ClaimFactory


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


def test_it_serves_a_claimreview_with_absolute_urls(client, factchecker):
    claim = ClaimFactory()
    claim_set_verdict(claim=claim, by=factchecker, verdict="disputed", evidence_url="https://example.org/e")
    client.force_login(factchecker)
    response = client.get(reverse("export_claimreview", args=[claim.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    data = json.loads(response.content)
    assert data["url"] == f"http://testserver{claim.get_absolute_url()}"
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
