from __future__ import annotations

import pytest

from newsverify.exports.claimreview import ClaimNotReviewed, claim_review
from newsverify.exports.selectors import claim_for_export
from newsverify.review.services import claim_set_verdict
from tests.exports.conftest import is_russian_defence_ministry
from tests.exports.schemaorg import validate

EVIDENCE = "https://example.org/evidence/drones"


@pytest.fixture
def reviewed_claim(drones_claim, factchecker):  # type: ignore[no-untyped-def]
    claim_set_verdict(claim=drones_claim, by=factchecker, verdict="misattributed", evidence_url=EVIDENCE)
    return claim_for_export(claim_id=drones_claim.pk)


def test_it_validates_against_the_schema_org_vocabulary(reviewed_claim):
    data = claim_review(reviewed_claim, base_url="https://newsverify.example")
    assert data["@context"] == "https://schema.org"
    assert validate(data, expected=("ClaimReview",)) == []


def test_it_describes_the_claim_its_chain_and_the_verdict(reviewed_claim, seed_article, settings):
    settings.NEWSVERIFY_CLAIM_URL_BASE = "https://checks.example.org/nv/"
    data = claim_review(reviewed_claim, base_url="http://10.0.0.7:8000")
    assert data["claimReviewed"] == "three drones were intercepted"
    # The published URL comes from the configuration, not from whatever host the request used.
    assert data["url"] == f"https://checks.example.org/nv/articles/{seed_article.pk}/claims/{reviewed_claim.pk}/"
    assert "reviewBody" not in data, "no note, no reviewBody"
    assert data["reviewRating"]["alternateName"] == "Misattributed"
    assert (
        data["reviewRating"]["worstRating"] <= data["reviewRating"]["ratingValue"] <= data["reviewRating"]["bestRating"]
    )
    item = data["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"]["@type"] == "Organization"
    assert is_russian_defence_ministry(item["author"]["name"])
    assert item["firstAppearance"]["publisher"]["name"] == "TASS"
    assert [work["publisher"]["name"] for work in item["appearance"]] == ["TASS", "CNN", "Example Times"]
    assert item["appearance"][-1]["url"] == "https://example.com/news/ceasefire"


def test_a_verdict_schema_validator_catches_a_wrong_type(reviewed_claim):
    data = claim_review(reviewed_claim, base_url="https://newsverify.example")
    data["reviewRating"]["ratingValue"] = None
    data["itemReviewed"]["author"] = "TASS"
    problems = validate(data, expected=("ClaimReview",))
    assert any("ratingValue" in problem for problem in problems)
    assert any("itemReviewed.author" in problem for problem in problems)


def test_it_refuses_a_claim_without_a_verdict(drones_claim):
    with pytest.raises(ClaimNotReviewed):
        claim_review(claim_for_export(claim_id=drones_claim.pk))


def test_the_reviewers_note_is_the_review_body(drones_claim, factchecker):
    note = "The ministry never said so; TASS quoted an unnamed official."
    claim_set_verdict(claim=drones_claim, by=factchecker, verdict="misattributed", evidence_url=EVIDENCE, note=note)
    data = claim_review(claim_for_export(claim_id=drones_claim.pk))
    assert data["reviewBody"] == note
    assert validate(data, expected=("ClaimReview",)) == []


def test_the_claim_url_base_defaults_to_the_site_url(reviewed_claim, settings):
    from django.conf import settings as live

    assert live.NEWSVERIFY_CLAIM_URL_BASE == live.NEWSVERIFY_SITE_URL
