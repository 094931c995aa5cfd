"""Pronouns and descriptions resolved to the right entity: a name inside a quotation is not the
speaker of a later "she"; "they" takes a group that can speak, from the parse; a title matches
its holder (and an equivalent title), not the holder of another office (real model; invented
sentences)."""

from __future__ import annotations

import pytest

from newsverify.attribution.sources import EntityRegistry, MentionInfo
from newsverify.attribution.types import SourceType
from tests.attribution.reading import chain_names, claim_about, describe, evidence


@pytest.mark.parametrize(
    "text",
    [
        'Mayor Ana Ribeiro thanked the crews: "Marta Kowalski led the repair team. Everyone worked hard." '
        "She added that the road would reopen on Friday.",
        'Ana Ribeiro, the mayor, said the road was safe. "I trust what Marta Kowalski told the council." '
        "She added that the road would reopen on Friday.",
        'Ana Ribeiro spoke to the council on Monday: "Marta Kowalski will chair the inquiry." '
        "Later she said that the road would reopen on Friday.",
    ],
)
def test_a_name_inside_a_quotation_is_not_the_speaker_of_a_later_pronoun(extract, text) -> None:
    report = extract(text)
    claim = claim_about(report, "reopen on Friday")
    assert chain_names(report, claim) == ["Ana Ribeiro"], describe(report)


def test_inside_a_quotation_the_names_there_count() -> None:
    """The registry's rule on its own: a pronoun inside the quotation may take a name in it."""
    quote = (10, 60)
    registry = EntityRegistry(quote_at=lambda pos: quote if quote[0] <= pos < quote[1] else None)
    speaker = MentionInfo("name", SourceType.PERSON, name="Ana Ribeiro", person_words=("ana", "ribeiro"))
    quoted = MentionInfo("name", SourceType.PERSON, name="Marta Kowalski", person_words=("marta", "kowalski"))
    ana, _ = registry.resolve(speaker, "Ana Ribeiro", 0)
    marta, _ = registry.resolve(quoted, "Marta Kowalski", 20)
    she = MentionInfo("pronoun", SourceType.OTHER, head_lower="she")
    inside, _ = registry.resolve(she, "she", 40)
    outside, _ = registry.resolve(she, "she", 80)
    assert inside is marta
    assert outside is ana


@pytest.mark.parametrize(
    ("text", "words", "group"),
    [
        ("State prosecutors charged the driver with murder, they said on Sunday.", "murder", "State prosecutors"),
        (
            "The shops were reluctant to ration bread, according to a report from Valmor Radio in which "
            "they said they had no plans to do so.",
            "no plans",
            "shops",
        ),
        ("Local retailers raised prices on Monday, they told reporters.", "prices", "Local retailers"),
    ],
)
def test_they_is_the_speaking_group_named_before_it_in_its_sentence(extract, text, words, group) -> None:
    report = extract(text)
    claim = claim_about(report, words)
    assert chain_names(report, claim)[0] == group, describe(report)
    assert evidence(claim)[0] == "explicit"


def test_they_in_the_next_sentence_is_the_main_subject_not_the_content_subject(extract) -> None:
    report = extract("Police said protesters threw stones at the station. They said two officers were hurt.")
    claim = claim_about(report, "two officers")
    assert chain_names(report, claim) == ["Police"], describe(report)


def test_they_is_not_a_group_that_was_only_spoken_about(extract) -> None:
    report = extract(
        "The Valmor Rail Company said on Monday that it would cut services. Two soldiers were killed in "
        "the attack, they said."
    )
    claim = claim_about(report, "soldiers")
    assert chain_names(report, claim) != ["soldiers"], describe(report)


def test_an_equivalent_title_is_the_same_office(extract) -> None:
    report = extract(
        "Valmor's Foreign Secretary Ivo Brandt said the talks would resume. "
        "The foreign minister said that a deal was near."
    )
    assert chain_names(report, claim_about(report, "deal was near")) == ["Ivo Brandt"], describe(report)


def test_a_qualified_title_is_not_the_holder_of_another_office(extract) -> None:
    report = extract(
        "Finance Minister Lena Ortiz said taxes would rise. Foreign Minister Ivo Brandt said the talks had failed. "
        "The finance minister said that the budget was balanced."
    )
    assert chain_names(report, claim_about(report, "budget")) == ["Lena Ortiz"], describe(report)


def test_a_conjunct_subject_is_a_candidate_and_an_outlet_name_can_be_his_surname(extract) -> None:
    report = extract(
        "Two contenders, Senator Ana Ribeiro and Ivo Reuters, quit the contest. Reuters backed "
        'his old opponent, Joe Barros. "Last spring," he said, "I joined this contest to win it."'
    )
    assert chain_names(report, claim_about(report, "joined this contest")) == ["Ivo Reuters"], describe(report)


def test_an_outlet_told_something_stays_the_outlet(extract) -> None:
    report = extract("Ivo Bloomberg ran for mayor. Marta Kowalski told Bloomberg the deal was off.")
    claim = claim_about(report, "deal was off")
    assert chain_names(report, claim) == ["Marta Kowalski", "Bloomberg"], describe(report)


@pytest.mark.parametrize(
    "first",
    [
        "Mayor Ana Ribeiro of Lisbon said the port would reopen.",
        "Ana Ribeiro, the mayor of Lisbon, said the port would reopen.",
        "Lisbon Mayor Ana Ribeiro said the port would reopen.",
    ],
)
def test_a_title_tied_to_another_place_is_another_holder(extract, first) -> None:
    report = extract(first + " The Porto mayor said that the strike would continue.")
    assert chain_names(report, claim_about(report, "port would reopen")) == ["Ana Ribeiro"], describe(report)
    assert chain_names(report, claim_about(report, "strike")) != ["Ana Ribeiro"], describe(report)


def test_a_title_tied_to_the_same_place_is_the_holder(extract) -> None:
    report = extract(
        "Mayor Ana Ribeiro of Lisbon said the port would reopen. The Lisbon mayor said that the strike would continue."
    )
    assert chain_names(report, claim_about(report, "strike")) == ["Ana Ribeiro"], describe(report)


@pytest.mark.parametrize(
    "second",
    [
        "The two sides said they would meet again next week.",
        "Both sides said that they would meet again next week.",
        "The two parties said they would meet again next week.",
    ],
)
def test_the_two_sides_are_credited_to_the_first_named_of_the_pair(extract, second) -> None:
    report = extract(
        "Talks between the Valmor Rail Company and the Ostra Transport Union broke down on Monday. " + second
    )
    claim = claim_about(report, "meet again")
    assert chain_names(report, claim) == ["Valmor Rail Company"], describe(report)
    assert evidence(claim) == ["coreference"]


def test_two_people_of_a_kind_are_not_a_pair_named_before(extract) -> None:
    report = extract("The Valmor Rail Company raised fares on Monday. Two workers said the trains were unsafe.")
    claim = claim_about(report, "unsafe")
    assert report.source(claim.chain[0].source).type.value == "anonymous", describe(report)


@pytest.mark.parametrize(
    ("text", "group"),
    [
        (
            "Police said the road was closed. The Valmor Rail Company cancelled trains on Monday. "
            "They said the line would reopen on Friday.",
            "Police",
        ),
        (
            "Residents said the water was brown. The Ostra Water Board tested it on Monday. "
            "They said the line would reopen on Friday.",
            "Residents",
        ),
    ],
)
def test_they_prefers_a_group_named_by_a_plural_to_an_institution(extract, text, group) -> None:
    report = extract(text)
    assert chain_names(report, claim_about(report, "reopen on Friday")) == [group], describe(report)


def test_they_is_an_institution_when_no_group_is_near(extract) -> None:
    report = extract("The Valmor Rail Company said fares would rise. They said the line would reopen on Friday.")
    assert chain_names(report, claim_about(report, "reopen on Friday")) == ["Valmor Rail Company"], describe(report)
