"""Discrepancies need the same quantity, the same event and the same direction of the action: the
dead counted as a state ("140 were dead") or by the act ("killed twelve"), measures ("magnitude
6.3"), but not what each side says it downed, nor deaths in one crash against another, nor a
threshold in a definition (real model; invented sentences)."""

from __future__ import annotations

import pytest

from newsverify.attribution import numbers
from tests.attribution.reading import describe

ATTACK = "A bomb hit an army base in Valmor on Monday. "


@pytest.mark.parametrize(
    "text",
    [
        ATTACK
        + "Rebel spokesman Ivo Brandt said 140 were dead. Governor Lena Ortiz said the attack had killed twelve.",
        ATTACK + "Rebel spokesman Ivo Brandt said 190 people were dead. Governor Lena Ortiz said that 40 people died.",
        ATTACK + "Governor Lena Ortiz said 14 people are missing. Police said that 30 people were missing.",
    ],
)
def test_a_state_of_the_counted_is_a_quantity(extract, text) -> None:
    report = extract(text)
    assert len(report.discrepancies) == 1, describe(report)


@pytest.mark.parametrize(
    "text",
    [
        "An earthquake struck Valmor on Wednesday. The Valmor Seismic Institute said the quake had a magnitude "
        "of 6.3. The Ostrian Geological Survey said it was recorded as magnitude 6.4.",
        "An earthquake struck Valmor on Wednesday. The Ostrian Geological Survey said it was recorded as magnitude "
        "6.4. According to the Valmor Times, the earthquake, at 6.1, was the strongest in years.",
    ],
)
def test_a_measure_is_compared(extract, text) -> None:
    report = extract(text)
    assert [d.about for d in report.discrepancies] == ["earthquake magnitude"], describe(report)


@pytest.mark.parametrize(
    "text",
    [
        "The Valmor army said it downed 20 Ostrian drones overnight. "
        "The Ostrian defence ministry said it had downed 15 Valmor drones.",
        "The Valmor army said it shot down 20 drones overnight. The Ostrian army said that it shot down 15 drones.",
        "The Valmor army said its forces destroyed 12 tanks on Monday. "
        "The Ostrian army said its troops had destroyed 30 tanks on Monday.",
    ],
)
def test_what_each_side_says_it_did_is_not_compared(extract, text) -> None:
    report = extract(text)
    assert report.discrepancies == (), describe(report)


def test_a_figure_with_no_agent_is_still_compared(extract) -> None:
    report = extract(
        "The Valmor army said it shot down 20 drones overnight. The Ostrian defence ministry said 15 drones were "
        "shot down."
    )
    assert len(report.discrepancies) == 1, describe(report)


def test_deaths_in_one_crash_are_not_compared_with_deaths_in_another(extract) -> None:
    report = extract(
        "A bus crashed near Valmor on Monday. Police said 12 people were killed. "
        "A second bus crashed near Ostra on Tuesday. Officials said 4 people were killed."
    )
    assert report.discrepancies == (), describe(report)


def test_a_sentence_without_place_or_day_is_about_the_event_just_named(extract) -> None:
    report = extract(
        "A bus crashed near Valmor on Monday. Police said 12 people were killed. Officials said 4 were killed."
    )
    assert len(report.discrepancies) == 1, describe(report)


def test_a_threshold_is_not_a_count(nlp) -> None:
    doc = nlp("The group counts shootings where four or more people are killed.")
    four = next(t for t in doc if t.lower_ == "four")
    assert numbers._figure(four, 0) is None
    doc = nlp("Police said four people were killed.")
    four = next(t for t in doc if t.lower_ == "four")
    figure = numbers._figure(four, 0)
    assert figure is not None and figure.quantity == "people killed"


def test_the_agent_of_a_count_is_read_from_the_parse(nlp) -> None:
    doc = nlp("The army said it downed 20 drones.")
    twenty = next(t for t in doc if t.text == "20")
    assert numbers._agent(twenty) == numbers.SELF
    doc = nlp("The ministry said rebels destroyed 20 trucks.")
    twenty = next(t for t in doc if t.text == "20")
    assert numbers._agent(twenty) == "rebels"
    doc = nlp("The ministry said 20 trucks were destroyed.")
    twenty = next(t for t in doc if t.text == "20")
    assert numbers._agent(twenty) == ""
