"""Requests, refusals and how a named source is found (real model)."""

from __future__ import annotations

import pytest

from tests.attribution.reading import attributed, chain_names, claim_about, describe, evidence


@pytest.mark.parametrize(
    "sentence",
    [
        "The harbour master urged the ministry to reconsider the closure.",
        "Both unions urged the fines be waived.",
        "The mayor called on both sides to stop the strike.",
        "Residents called for calm after the flood.",
        "The council asked that the vote be delayed.",
    ],
)
def test_a_request_or_a_call_is_no_claim(extract, sentence) -> None:
    report = extract(sentence)
    assert attributed(report) == [], describe(report)


def test_a_warning_is_still_a_claim(extract) -> None:
    report = extract("The harbour master warned that the pier would collapse.")
    assert chain_names(report, claim_about(report, "pier would collapse")) == ["harbour master"], describe(report)


def test_a_surname_resolved_to_the_full_name_is_explicit(extract) -> None:
    report = extract(
        "Coach Ana Ribeiro said the match was hard. Ribeiro conceded that her side needed to work on some things."
    )
    claim = claim_about(report, "needed to work")
    assert chain_names(report, claim) == ["Ana Ribeiro"], describe(report)
    assert evidence(claim) == ["explicit"]


def test_a_pronoun_is_still_coreference(extract) -> None:
    report = extract("Coach Ana Ribeiro said the match was hard. She conceded that her side needed to work on it.")
    assert evidence(claim_about(report, "needed to work")) == ["coreference"], describe(report)
