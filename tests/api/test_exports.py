from __future__ import annotations

import csv
import io

from rdflib import Graph

from newsverify.review.services import claim_set_verdict
from tests.factories import ClaimFactory, HopFactory


def test_claimreview_needs_a_verdict(editor_api, factchecker, settings):
    settings.NEWSVERIFY_CLAIM_URL_BASE = "https://checks.example.org"
    claim = ClaimFactory()
    HopFactory(claim=claim)
    response = editor_api.get(f"/api/v1/claims/{claim.pk}/claimreview/")
    assert response.status_code == 409
    assert "no verdict" in response.json()["detail"]
    claim_set_verdict(claim=claim, by=factchecker, verdict="false", evidence_url="https://example.org/e")
    data = editor_api.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()
    assert data["@type"] == "ClaimReview"
    assert data["reviewRating"]["alternateName"] == "False"
    assert data["url"] == f"https://checks.example.org{claim.get_absolute_url()}", "the same URL as the web's export"


def test_prov_comes_as_json_and_turtle(editor_api):
    claim = ClaimFactory()
    HopFactory(claim=claim)
    assert "entity" in editor_api.get(f"/api/v1/claims/{claim.pk}/prov/").json()
    response = editor_api.get(f"/api/v1/claims/{claim.pk}/prov/turtle/")
    assert response["Content-Type"].startswith("text/turtle")
    assert len(Graph().parse(data=response.content.decode(), format="turtle")) > 5


def test_csv_of_claims_filtered_by_article(editor_api):
    claim = ClaimFactory()
    ClaimFactory()
    response = editor_api.get("/api/v1/claims/export.csv/", {"article": claim.article_id})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [int(row["claim_id"]) for row in rows] == [claim.pk]
    assert editor_api.get("/api/v1/claims/export.csv/", {"review_status": "bogus"}).status_code == 400


def test_exports_need_a_newsroom_role(outsider_api):
    claim = ClaimFactory()
    assert outsider_api.get(f"/api/v1/claims/{claim.pk}/prov/").status_code == 403
