"""Framing must be earned: an outlet frames a paragraph's uncued sentences only when it is named
before them as their source, or closes them by naming whom it took them from (real model)."""

from __future__ import annotations

from tests.attribution.reading import chain_names, claim_about, describe


def test_background_before_a_report_later_in_the_paragraph_is_the_publishers(extract) -> None:
    report = extract(
        "Ana Ribeiro, a former judge, lost her seat in the north. She came third in her own district. "
        "On Monday, the Coastal Herald reported that Ribeiro would leave politics."
    )
    for words in ("lost her seat", "came third"):
        assert claim_about(report, words).kind.value == "unattributed", describe(report)
    assert chain_names(report, claim_about(report, "leave politics")) == ["Coastal Herald"]


def test_an_according_to_closing_the_paragraph_frames_only_its_own_sentence(extract) -> None:
    report = extract(
        "Forty villages were flooded, according to the regional council. Many families fear to return, "
        "according to Radio Valmor."
    )
    flooded = claim_about(report, "Forty villages")
    assert chain_names(report, flooded) == ["regional council"], describe(report)


def test_a_report_that_names_its_source_last_frames_what_came_before(extract) -> None:
    report = extract(
        "Two drones were shot down overnight. A depot near the border was hit. Three warehouses burned, "
        "the Coastal Herald cited a police report."
    )
    hit = claim_about(report, "depot near the border")
    assert hit.kind.value == "inherited", describe(report)
    assert "Coastal Herald" in chain_names(report, hit)


def test_an_outlet_giving_only_its_own_findings_relays_no_one_elses_quotes(extract) -> None:
    report = extract(
        "Ana Ribeiro won the vote in the north, according to projections by Radio Valmor.\n\n"
        "Radio Valmor projected that Ivo Brandt won in the south.\n\n"
        '"I will serve every district," Ivo Brandt said on Wednesday.'
    )
    quote = claim_about(report, "serve every district")
    assert chain_names(report, quote) == ["Ivo Brandt"], describe(report)


def test_an_outlets_own_report_does_not_relay_a_later_named_speaker(extract) -> None:
    report = extract(
        "The Valmor Gazette reported on Monday, the port had reopened. "
        "Mayor Ana Ribeiro said the ships would return within a week."
    )
    assert chain_names(report, claim_about(report, "ships would return")) == ["Ana Ribeiro"], describe(report)
    assert chain_names(report, claim_about(report, "port had reopened")) == ["Valmor Gazette"], describe(report)


def test_an_outlet_that_reports_a_speaker_relays_what_the_speaker_says_next(extract) -> None:
    report = extract(
        "The Valmor Gazette reported that Mayor Ana Ribeiro said the port had reopened. "
        "Ribeiro said the ships would return within a week."
    )
    assert chain_names(report, claim_about(report, "ships would return")) == ["Ana Ribeiro", "Valmor Gazette"], (
        describe(report)
    )
