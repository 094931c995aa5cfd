"""Relays made hops: the outlet a speaker talks to or that quoted them is the last relay
(real model)."""

from __future__ import annotations

import pytest

from tests.attribution.reading import attributed, chain_names, claim_about, describe


@pytest.mark.parametrize(
    "text",
    [
        'The minister stressed the need for a vote, saying "The hall belongs to everyone and it must stay open", '
        "as quoted by the Valmor Gazette.",
        "President Ivo Brandt said \u2014 as reported by the Valmor Gazette \u2014 "
        '"The hall will stay open to everyone."',
        'President Ivo Brandt said, as quoted by the Valmor Gazette, "The hall will stay open to everyone."',
    ],
    ids=["after-quote", "dashes", "commas"],
)
def test_as_quoted_by_an_outlet_is_the_relay_of_the_cue_beside_it(extract, text) -> None:
    report = extract(text)
    [claim] = attributed(report)
    assert "stay open" in claim.text and "Gazette" not in claim.text, describe(report)
    assert chain_names(report, claim)[-1] == "Valmor Gazette"
    assert claim.kind.value == "direct"


def test_as_reported_by_with_no_other_cue_is_according_to(extract) -> None:
    report = extract("Talks between the ports collapsed on Monday, as reported by Radio Valmor.")
    claim = claim_about(report, "Talks between")
    assert claim.kind.value == "according_to"
    assert chain_names(report, claim) == ["Radio Valmor"], describe(report)
