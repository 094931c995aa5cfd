"""Each claim and hop carries a confidence from how it was found (``confidence.py``): the basis
is read off the finished drafts, the value from the calibration tables (real model)."""

from __future__ import annotations

import pytest

from newsverify.attribution.confidence import CLAIM_TABLE, DEFAULT, HOP_TABLE, confidence_of
from tests.attribution.reading import claim_about, report_errors


def bases(report, claim):
    return report.extra["confidence_basis"][claim.id]


def test_an_explicit_cue_with_a_named_source(extract) -> None:
    report = extract("Mayor Ana Ribeiro said that the tunnel would open in May.")
    claim = claim_about(report, "the tunnel would open")

    assert bases(report, claim) == ["indirect", ["named"]]
    assert claim.confidence == CLAIM_TABLE["indirect"]
    assert [h.confidence for h in claim.chain] == [HOP_TABLE["named"]]


def test_a_resolved_pronoun_is_less_sure_than_the_name(extract) -> None:
    report = extract("Mayor Ana Ribeiro spoke on Monday. She said that tolls would rise in June.")
    claim = claim_about(report, "tolls would rise")

    assert bases(report, claim)[1] == ["pronoun"]
    assert claim.chain[0].confidence == HOP_TABLE["pronoun"] < HOP_TABLE["named"]


def test_a_carried_frame_gives_context_hops_and_an_inherited_claim(extract) -> None:
    report = extract("The river burst its banks overnight, the Valmor Gazette reported. Water flooded three villages.")
    claim = claim_about(report, "Water flooded")

    assert bases(report, claim) == ["inherited", ["context_relay"]]
    assert claim.confidence == CLAIM_TABLE["inherited"]
    assert claim.chain[0].confidence == HOP_TABLE["context_relay"] < HOP_TABLE["named"]


def test_a_quote_that_continues_the_speaker(extract) -> None:
    report = extract(
        '"The blaze started in the kitchen," fire chief Marta Kowalski said.\n\n'
        '"Nobody was hurt, and the crews were quick."'
    )
    claim = claim_about(report, "Nobody was hurt")

    assert bases(report, claim) == ["continued_quote", ["continued_quote"]]
    assert claim.confidence == CLAIM_TABLE["continued_quote"]


def test_an_anonymous_source(extract) -> None:
    report = extract("A senior official, speaking on condition of anonymity, said the talks had failed.")
    claim = claim_about(report, "the talks had failed")

    assert bases(report, claim)[1] == ["anonymous"]
    assert claim.chain[0].confidence == HOP_TABLE["anonymous"]


def test_the_publishers_own_sentence_has_no_confidence_and_the_json_carries_it(extract) -> None:
    text = "The bridge opened in 1990. Engineer Pia Laine said the bridge was safe."
    report = extract(text)
    own = claim_about(report, "opened in 1990")
    data = report.to_dict()

    assert own.confidence is None
    assert report_errors(report, text) == []
    said = next(c for c in data["claims"] if c["text"] == "the bridge was safe")
    assert said["confidence"] == CLAIM_TABLE["indirect"]
    assert said["chain"][0]["confidence"] == HOP_TABLE["named"]


@pytest.mark.parametrize(
    ("table", "basis", "expected"),
    [({"x": 1.7}, "x", 1.0), ({"x": -0.2}, "x", 0.0), ({"x": 0.456}, "x", 0.46), ({}, "x", DEFAULT), ({}, None, None)],
)
def test_a_confidence_is_in_zero_to_one_and_unknown_bases_get_the_default(table, basis, expected) -> None:
    assert confidence_of(table, basis) == expected


def test_the_tables_hold_shares() -> None:
    assert all(0.0 <= v <= 1.0 for v in [*HOP_TABLE.values(), *CLAIM_TABLE.values()])
