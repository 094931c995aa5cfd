"""Medium and what is no claim at all: the headline, the rate in "per transaction" (real model)."""

from __future__ import annotations

import pytest

from tests.attribution.reading import attributed, chain_names, claim_about, describe


@pytest.mark.parametrize(
    "headline",
    [
        "Minister says ferry fares will rise",
        "Harbour Authority urges ships to stay in port",
        "Court rules strike unlawful",
    ],
)
def test_a_headline_states_no_claim(extract, headline) -> None:
    report = extract(f"{headline}\n\nThe ferry company said on Monday that fares would rise by a tenth.")
    assert claim_about(report, headline).kind.value == "unattributed", describe(report)
    assert [c.text for c in attributed(report)] == ["fares would rise by a tenth"]


def test_a_first_line_that_ends_like_a_sentence_is_no_headline(extract) -> None:
    report = extract("The minister said fares would rise.\n\nThe ferry company said it had not been told.")
    assert chain_names(report, claim_about(report, "fares would rise")) == ["minister"], describe(report)


@pytest.mark.parametrize(
    "sentence",
    [
        "Shops cut the limit to two packs per transaction on Sunday.",
        "The council will charge ten euros per person for the ferry.",
        "Each household may order one box per week, the rules say nothing more.",
    ],
)
def test_a_rate_with_per_is_no_attribution(extract, sentence) -> None:
    report = extract(sentence)
    assert not any(c.kind.value == "according_to" for c in report.claims), describe(report)


def test_per_with_a_named_source_is_according_to(extract) -> None:
    report = extract("Fares will rise by a tenth in May, per the Coastal Herald.")
    claim = claim_about(report, "Fares will rise")
    assert claim.kind.value == "according_to"
    assert chain_names(report, claim) == ["Coastal Herald"], describe(report)


@pytest.mark.parametrize(
    ("sentence", "medium"),
    [
        ('Her mother, Ana Ribeiro, said on TV, "She did not mean to drive on the wrong side of the road."', "TV"),
        ('On live television Ivo Brandt said, "The old name will never come back to this place."', "television"),
        ("The mayor said at a rally that the bridge would open in May.", "rally"),
        ("Halvard Shipping, in its March 8 media release, reported that many ports were still closed.", "release"),
    ],
)
def test_the_medium_is_filled_in(extract, sentence, medium) -> None:
    report = extract(sentence)
    [claim] = attributed(report)
    assert any(h.medium and medium in h.medium for h in claim.chain), describe(report)


@pytest.mark.parametrize(
    "sentence",
    [
        "He won in the north, according to projections by Radio Valmor.",
        "He won in the north, according to Radio Valmor's projections.",
    ],
)
def test_projections_are_their_authors_with_the_document_as_medium(extract, sentence) -> None:
    report = extract(sentence)
    claim = claim_about(report, "won in the north")
    assert chain_names(report, claim) == ["Radio Valmor"], describe(report)
    assert claim.chain[0].medium is not None and "projections" in claim.chain[0].medium
