"""Two attributions in one sentence, each with its own figure: a fronted "A according to X, B by
Y", and a figure recorded by someone in the passive (real model)."""

from __future__ import annotations

import pytest

from tests.attribution.reading import chain_names, claim_about, describe


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        (
            "A strong tremor shook Varnsdorf on Monday. Magnitude 5.8 according to the Czech Seismic Office, "
            "it was measured as magnitude 6.1 by the European Seismic Centre.",
            "Czech Seismic Office",
            "European Seismic Centre",
        ),
        (
            "Floods cut off the valley on Friday. Nine dead according to the regional police, "
            "the toll was recorded as eleven by the Red Cross.",
            "regional police",
            "Red Cross",
        ),
    ],
)
def test_a_fronted_phrase_is_the_according_to_content_and_the_clause_after_is_not(extract, text, first, second) -> None:
    report = extract(text)
    fronted = next(c for c in report.claims if c.kind.value == "according_to")
    assert "," not in fronted.text and first not in fronted.text, describe(report)
    assert any(first in name or name in first for name in chain_names(report, fronted)), describe(report)
    if "recorded" in text:
        recorded = claim_about(report, "recorded as eleven")
        assert chain_names(report, recorded) == ["Red Cross"], describe(report)


def test_an_according_to_phrase_after_a_clause_keeps_the_whole_clause(extract) -> None:
    report = extract("Prices will rise by 4 percent next year according to the central bank, its governor said.")
    claim = next(c for c in report.claims if c.kind.value == "according_to")
    assert "Prices will rise" in claim.text, describe(report)


def test_a_figure_recorded_by_a_named_agent_is_its_claim(extract) -> None:
    report = extract("The quake was recorded as magnitude 6.4 by the Valmor Geological Survey.")
    claim = claim_about(report, "recorded as magnitude 6.4")
    assert claim.text.startswith("The quake was recorded"), describe(report)
    assert "Survey" not in claim.text
    assert chain_names(report, claim) == ["Valmor Geological Survey"], describe(report)


def test_a_passive_without_a_figure_is_no_recorded_claim(extract) -> None:
    report = extract("The meeting was recorded by the Valmor Broadcasting Service.")
    assert all(c.kind.value == "unattributed" for c in report.claims), describe(report)


def test_two_magnitudes_from_two_sources_in_one_sentence_disagree(extract) -> None:
    report = extract(
        "A strong earthquake struck Varnsdorf on Monday night. Magnitude 6.1 according to the Czech Seismic "
        "Office, it was recorded as magnitude 6.3 by the European Seismic Centre."
    )
    assert [d.values for d in report.discrepancies] == [("6.1", "6.3")], describe(report)
