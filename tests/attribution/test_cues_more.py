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


@pytest.mark.parametrize(
    ("sentence", "content", "source"),
    [
        (
            "Radio Valmor reported on Monday, enrolment had fallen to 40 percent.",
            "enrolment had fallen",
            "Radio Valmor",
        ),
        ("Police said on Monday, three people were hurt in the blast.", "three people were hurt", "Police"),
        ("The premier noted on Monday, the victims were all unvaccinated.", "victims were all", "premier"),
    ],
)
def test_a_cue_and_a_comma_before_the_clause_it_reports(extract, sentence, content, source) -> None:
    report = extract(sentence)
    claim = claim_about(report, content)
    assert chain_names(report, claim) == [source], describe(report)
    assert claim.cue is not None


def test_a_cue_after_another_cues_clause_is_not_its_content(extract) -> None:
    report = extract("City prosecutors charged the driver with manslaughter, they said on Sunday.")
    assert [c.text for c in attributed(report)] == ["City prosecutors charged the driver with manslaughter"], describe(
        report
    )


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        ("The seismology institute recorded 611 aftershocks as of Saturday evening.", "611 aftershocks"),
        ("The health ministry reported 45 new cases on Monday.", "45 new cases"),
        ("Police confirmed two deaths in the crash.", "two deaths"),
    ],
)
def test_a_figure_reported_as_an_object_is_a_claim(extract, sentence, figure) -> None:
    report = extract(sentence)
    [claim] = attributed(report)
    assert claim.text.startswith(figure), describe(report)
    assert claim.cue is not None


def test_a_reported_object_without_a_figure_is_no_claim(extract) -> None:
    report = extract("The health ministry reported the outbreak on Monday.")
    assert attributed(report) == [], describe(report)


@pytest.mark.parametrize(
    ("sentence", "content", "source"),
    [
        (
            "In a situation report of the Disaster Council, the tremor damaged 143 buildings.",
            "the tremor damaged 143 buildings",
            "Disaster Council",
        ),
        ("In the ministry's annual report, exports fell by a third.", "exports fell by a third", "ministry"),
    ],
)
def test_a_sentence_opened_by_a_sources_document_is_according_to_it(extract, sentence, content, source) -> None:
    report = extract(sentence)
    claim = claim_about(report, content)
    assert claim.text == content
    assert claim.kind.value == "according_to"
    assert chain_names(report, claim) == [source], describe(report)
    assert claim.chain[0].medium == "report"


def test_a_document_of_no_one_named_is_no_attribution(extract) -> None:
    report = extract("In a report published on Monday, prices rose.")
    assert attributed(report) == [], describe(report)


def test_a_refusal_inside_a_relayed_paragraph_is_not_inherited(extract) -> None:
    report = extract(
        "Two ferries sank near Valmor, the Coastal Herald reported. The operator declined to comment. "
        "A spokesman for the port did not respond to a request for comment. Divers searched the bay overnight."
    )
    for words in ("declined to comment", "request for comment"):
        assert claim_about(report, words).kind.value == "unattributed", describe(report)
    assert claim_about(report, "Divers searched").kind.value == "inherited"
