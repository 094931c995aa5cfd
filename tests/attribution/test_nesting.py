"""Nesting: what belongs inside a speaker's content and what stands beside it (real model)."""

from __future__ import annotations

import pytest

from tests.attribution.reading import chain_names, claim_about, describe


def test_a_contrasting_aside_with_a_named_actor_is_not_the_speakers(extract) -> None:
    report = extract(
        "Ana Ribeiro, the head of the Tarsk school board, said lessons at every school in the district would "
        "be suspended, while Ivo Brandt, the Valmor board's head, also closed the libraries."
    )
    claim = claim_about(report, "would be suspended")
    assert "libraries" not in claim.text, describe(report)
    assert chain_names(report, claim) == ["Ana Ribeiro"]


def test_a_contrasting_report_is_its_own_and_not_nested(extract) -> None:
    report = extract("The army said it had taken the town, while the rebels claimed they still held the bridge.")
    assert chain_names(report, claim_about(report, "taken the town")) == ["army"], describe(report)
    assert chain_names(report, claim_about(report, "held the bridge")) == ["rebels"]


def test_a_contrast_without_a_named_actor_stays_in_the_content(extract) -> None:
    report = extract("The minister said prices would rise while wages stayed flat.")
    assert claim_about(report, "prices would rise").text == "prices would rise while wages stayed flat"


def test_who_after_according_to_is_the_according_to_source(extract) -> None:
    report = extract("The fire began at 10:39 a.m. local time, according to police, who said officers arrived later.")
    began = claim_about(report, "fire began")
    assert "arrived" not in began.text, describe(report)
    assert chain_names(report, began) == ["police"]
    assert chain_names(report, claim_about(report, "officers arrived")) == ["police"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Mayor Ana Ribeiro and Governor Ivo Brandt said they believe the bridge will reopen in May.", "Ana Ribeiro"),
        ("The Valmor port authority said it expects the bridge to reopen in May.", "Valmor port authority"),
    ],
)
def test_a_pronoun_that_is_the_speaker_adds_no_hop(extract, text, speaker) -> None:
    report = extract(text)
    claim = claim_about(report, "bridge")
    assert chain_names(report, claim) == [speaker], describe(report)


def test_a_pronoun_that_cannot_be_the_speaker_keeps_its_hop(extract) -> None:
    report = extract("Ana Ribeiro said they believe the bridge will reopen in May.")
    assert len(claim_about(report, "bridge").chain) == 2, describe(report)


def test_a_report_set_against_the_speakers_by_despite_is_not_nested_under_it(extract) -> None:
    report = extract(
        "The ministry said the port was safe, despite the dockers' union claiming that two cranes had collapsed."
    )
    assert claim_about(report, "port was safe").text == "the port was safe", describe(report)
    assert chain_names(report, claim_about(report, "cranes had collapsed")) == ["dockers' union"], describe(report)


def test_a_cue_inside_a_quote_with_its_own_speaker_inside_stays_a_cue(extract) -> None:
    report = extract('"The mayor told us the port would reopen," the harbour pilot said.')
    assert len(report.attributions) == 2, describe(report)


def test_a_participle_going_on_with_the_speakers_finding_is_no_claim_of_its_own(extract) -> None:
    report = extract(
        "The Ostra Geological Institute found that the river rose two metres in a week, indicating the dam "
        "upstream was full."
    )
    attributed = [c for c in report.claims if c.kind.value != "unattributed"]
    assert len(attributed) == 1 and "river rose" in attributed[0].text, describe(report)
    assert chain_names(report, attributed[0]) == ["Ostra Geological Institute"]
