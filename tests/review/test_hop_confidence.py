"""The engine's confidence in the chain panel, and the lowest-confidence open hop checked first."""

import pytest

from newsverify.review.models import Evidence, confidence_level
from newsverify.review.selectors import claim_weakest_open_hop
from newsverify.review.services import hop_confirm
from newsverify.sources.models import SourceType
from tests.factories import ClaimFactory, HopFactory, SourceFactory

EVIDENCE = "https://tass.example/news/123"


def test_the_lowest_confidence_open_hop_is_checked_first(db, factchecker):
    claim = ClaimFactory(depth=3)
    context = HopFactory(claim=claim, position=0, evidence=Evidence.CONTEXT, confidence=0.6)
    pronoun = HopFactory(claim=claim, position=1, evidence=Evidence.COREFERENCE, confidence=0.52)
    named = HopFactory(claim=claim, position=2, evidence=Evidence.EXPLICIT, confidence=0.96)

    assert claim_weakest_open_hop(claim) == pronoun
    hop_confirm(hop=pronoun, by=factchecker, evidence_url=EVIDENCE)
    assert claim_weakest_open_hop(claim) == context
    hop_confirm(hop=context, by=factchecker, evidence_url=EVIDENCE)
    assert claim_weakest_open_hop(claim) == named


def test_equal_confidence_falls_back_to_evidence_then_anonymity(db):
    claim = ClaimFactory(depth=2)
    HopFactory(claim=claim, position=0, evidence=Evidence.EXPLICIT, confidence=0.78)
    anonymous = HopFactory(
        claim=claim,
        position=1,
        evidence=Evidence.EXPLICIT,
        confidence=0.78,
        source=SourceFactory(type=SourceType.ANONYMOUS),
    )

    assert claim_weakest_open_hop(claim) == anonymous


def test_hops_stored_before_confidence_keep_the_evidence_order(db):
    claim = ClaimFactory(depth=2)
    HopFactory(claim=claim, position=0, evidence=Evidence.EXPLICIT)
    inferred = HopFactory(claim=claim, position=1, evidence=Evidence.CONTEXT)

    assert claim_weakest_open_hop(claim) == inferred


@pytest.mark.parametrize(
    ("value", "word"), [(0.96, "high"), (0.85, "high"), (0.84, "medium"), (0.6, "medium"), (0.24, "low"), (None, "")]
)
def test_confidence_in_words(value, word):
    assert confidence_level(value) == word


def test_the_panel_shows_each_hops_confidence_and_names_the_one_to_check_first(factchecker_client, drones):
    for hop, value in zip(drones.hops.order_by("position"), [0.96, 0.24, 0.72], strict=True):
        hop.confidence = value
        hop.save(update_fields=["confidence"])

    body = factchecker_client.get(drones.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()

    assert '<span class="confidence confidence-high"' in body
    assert "confidence 0.96 · high" in body and "confidence 0.24 · low" in body and "confidence 0.72 · medium" in body
    assert f'weakest open hop: <a href="#hop-{drones.pk}-1">TASS</a> (confidence 0.24, low: check it first)' in body


def test_the_panel_of_hops_stored_before_shows_no_confidence(factchecker_client, drones):
    body = factchecker_client.get(drones.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()

    assert "confidence-" not in body and "check it first" not in body
    assert "Weakest open hop" in body
