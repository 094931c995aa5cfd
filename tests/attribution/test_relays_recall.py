"""Relays the speaker's own cue names, made hops (issue 7, category 3), on sentences written for
these tests (real model)."""

from __future__ import annotations

import pytest

from tests.attribution.reading import chain_names, claim_about, describe


@pytest.mark.parametrize(
    ("text", "words", "chain"),
    [
        (
            "The dam was breached in two places, an official was quoted by the state news agency as saying.",
            "breached in two places",
            ["official", "state news agency"],
        ),
        (
            "The ministry said in a statement carried by the Valmor Press agency that the dam had been breached.",
            "the dam had been breached",
            ["ministry", "Valmor Press"],
        ),
        (
            "A spokesman confirmed to the Coastal Herald that the mill would close in May.",
            "the mill would close",
            ["spokesman", "Coastal Herald"],
        ),
        (
            "Economists polled by the Coastal Herald said the central bank would raise rates in March.",
            "raise rates",
            ["Economists", "Coastal Herald"],
        ),
    ],
    ids=["quoted-by-passive-inverted", "statement-carried-by", "confirmed-to", "polled-by"],
)
def test_the_outlet_named_in_the_cue_is_the_last_relay(extract, text, words, chain) -> None:
    report = extract(text)
    claim = claim_about(report, words)
    assert chain_names(report, claim) == chain, describe(report)


def test_explaining_to_reporters_adds_no_hop(extract) -> None:
    report = extract("The mayor explained to reporters that the mill would close in May.")
    claim = claim_about(report, "the mill would close")
    assert chain_names(report, claim) == ["mayor"], describe(report)


def test_two_attributions_told_then_adding_both_relay_through_the_outlet_named_once(extract) -> None:
    report = extract(
        "The bridge is unsafe, officials told state media on Monday, adding that repairs would take a year."
    )
    for words in ("The bridge is unsafe", "repairs would take a year"):
        claim = claim_about(report, words)
        assert chain_names(report, claim) == ["officials", "state media"], describe(report)
        assert [h.evidence.value for h in claim.chain] == ["explicit", "explicit"], describe(report)
