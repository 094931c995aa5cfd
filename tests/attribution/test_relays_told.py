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


@pytest.mark.parametrize(
    "text",
    [
        "In a Valmor Times report, Dr Ana Ribeiro, a retail expert, said the shops refill the shelves every night.",
        "In the Coastal Herald's report, Ana Ribeiro said the shops refill the shelves every night.",
    ],
)
def test_in_an_outlets_report_makes_the_outlet_the_relay(extract, text) -> None:
    report = extract(text)
    claim = claim_about(report, "refill the shelves")
    assert chain_names(report, claim)[0] == "Ana Ribeiro", describe(report)
    assert chain_names(report, claim)[-1] in ("Valmor Times", "Coastal Herald")
    assert len(claim.chain) == 2


@pytest.mark.parametrize("name", ["Valmor Press", "Ostra Kiel", "Baltic Wire"])
def test_remarks_to_a_news_service_relay_through_the_agency_it_names(extract, name) -> None:
    report = extract(
        f'In remarks to the {name} news service, Ivo Brandt noted, "We have never had queues this long at the clinics."'
    )
    claim = claim_about(report, "queues this long")
    assert chain_names(report, claim) == ["Ivo Brandt", name], describe(report)
    assert next(s for s in report.sources if s.name == name).type.value == "news_agency"


@pytest.mark.parametrize("site", ["Herald.co.uk", "Valmornews.com"])
def test_a_report_of_a_news_web_address_relays_its_speaker(extract, site) -> None:
    report = extract(f"In a {site} report, Ana Ribeiro, a port economist, said the docks close at night.")
    claim = claim_about(report, "docks close")
    assert chain_names(report, claim) == ["Ana Ribeiro", site], describe(report)


def test_a_web_address_without_a_news_word_is_no_outlet(extract) -> None:
    report = extract("Ostrafarm.com said on Monday that its profits had doubled.")
    source = next(s for s in report.sources if s.name == "Ostrafarm.com")
    assert source.type.value not in ("news_outlet", "news_agency"), describe(report)


def test_as_quoted_by_after_a_quote_of_several_sentences_relays_the_whole_quote(extract) -> None:
    report = extract(
        'Harbour master Ivo Brandt warned of delays, saying "The cranes are old. Two of them broke in May. '
        'We need new ones before the winter", as quoted by the Valmor Gazette.'
    )
    claim = claim_about(report, "cranes are old")
    assert chain_names(report, claim) == ["Ivo Brandt", "Valmor Gazette"], describe(report)
    assert not any(c.kind.value == "according_to" for c in report.claims), describe(report)
