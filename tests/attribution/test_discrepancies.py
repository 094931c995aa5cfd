"""Number discrepancies: different sources, different figures, one quantity of one event
(real model)."""

from __future__ import annotations

from tests.attribution.reading import claim_about, describe

EXPLOSION = "A gas explosion hit a bakery in Varnsdorf on Monday. "


def test_different_figures_from_different_sources_are_grouped(extract) -> None:
    report = extract(
        EXPLOSION + "The fire brigade said that four people were injured. Regional police said that nine people were "
        "injured. A hospital spokesman said 11 people had been hurt."
    )
    assert len(report.discrepancies) == 1, describe(report)
    group = report.discrepancies[0]
    assert group.about == "people injured"
    assert group.values == ("four", "nine", "11")
    expected = [claim_about(report, w).id for w in ("four people", "nine people", "11 people")]
    assert list(group.claims) == expected


def test_a_vague_figure_disagrees_with_a_count(extract) -> None:
    report = extract(
        EXPLOSION
        + "The fire brigade said that several people were injured. Regional police said that six people were injured."
    )
    assert [(d.about, d.values) for d in report.discrepancies] == [("people injured", ("several", "six"))]


def test_the_same_figure_from_two_sources_is_no_discrepancy(extract) -> None:
    report = extract(
        EXPLOSION
        + "The fire brigade said that four people were injured. Regional police said that four people were injured."
    )
    assert report.discrepancies == ()


def test_different_quantities_are_not_compared(extract) -> None:
    report = extract(
        EXPLOSION
        + "The fire brigade said that four people were injured. Regional police said that two people were killed."
    )
    assert report.discrepancies == (), describe(report)


def test_each_quantity_is_compared_on_its_own(extract) -> None:
    report = extract(
        EXPLOSION + "The fire brigade said that four people were injured and 30 homes were damaged. "
        "Regional police said that 12 homes were damaged."
    )
    assert len(report.discrepancies) == 1, describe(report)
    assert report.discrepancies[0].values == ("30", "12")
    assert "people injured" not in report.discrepancies[0].about


def test_one_source_revising_its_own_figure_is_not_a_discrepancy_between_sources(extract) -> None:
    report = extract(
        EXPLOSION + "The fire brigade said that four people were injured. The fire brigade later said that nine people "
        "were injured."
    )
    assert report.discrepancies == ()


def test_the_same_quantity_about_events_in_different_places_is_not_compared(extract) -> None:
    report = extract(
        EXPLOSION + "The fire brigade said that four people were injured.\n\n"
        "A flood hit the town of Lommel on Thursday. Belgian police said that nine people were injured."
    )
    assert report.discrepancies == (), describe(report)


def test_a_later_paragraph_about_the_same_event_is_compared(extract) -> None:
    report = extract(
        EXPLOSION + "The fire brigade said that four people were injured.\n\n"
        "The Varnsdorf mayor said that nine people were injured in the explosion on Monday."
    )
    assert [d.values for d in report.discrepancies] == [("four", "nine")]


def test_a_paragraph_that_follows_the_event_to_another_place_is_still_the_event(extract) -> None:
    report = extract(
        EXPLOSION + "The fire brigade said that four people were injured.\n\n"
        "The bakery supplied shops in the town of Rumburk, police said.\n\n"
        "A doctor at Rumburk hospital said that nine people were injured."
    )
    assert [d.values for d in report.discrepancies] == [("four", "nine")], describe(report)


def test_the_same_place_on_different_days_is_not_one_event(extract) -> None:
    report = extract(
        EXPLOSION + "The fire brigade said that four people were injured.\n\n"
        "A fire broke out at a school in Varnsdorf on Friday. Regional police said that nine people were injured."
    )
    assert report.discrepancies == (), describe(report)


def test_the_publishers_own_figures_are_not_compared(extract) -> None:
    report = extract(EXPLOSION + "Four people were injured. Regional police said that nine people were injured.")
    assert claim_about(report, "Four people").kind.value == "unattributed"
    assert report.discrepancies == (), describe(report)


def test_digits_and_words_for_the_same_number_agree(extract) -> None:
    report = extract(
        EXPLOSION
        + "The fire brigade said that 4 people were injured. Regional police said that four people were injured."
    )
    assert report.discrepancies == ()


def test_thousands_separators_do_not_make_a_discrepancy(extract) -> None:
    report = extract(
        EXPLOSION + "The fire brigade said that 1,200 people were evacuated. "
        "Regional police said that 1200 people were evacuated."
    )
    assert report.discrepancies == ()


def test_a_death_toll_is_compared_with_a_count_of_the_dead(extract) -> None:
    report = extract(
        EXPLOSION + "The fire brigade said that at least 12 people were killed. "
        "Regional police said the death toll had risen to 15."
    )
    assert len(report.discrepancies) == 1, describe(report)
    assert report.discrepancies[0].values == ("12", "15")


def test_two_events_in_one_paragraph_are_not_compared(extract) -> None:
    report = extract(
        "On Monday a gas explosion hit a bakery in Varnsdorf, and the fire brigade said that four people were injured. "
        "On Friday a fire hit a school in Lommel, and police said that nine people were injured."
    )
    assert report.discrepancies == (), describe(report)


def test_died_and_killed_are_one_quantity(extract) -> None:
    report = extract(
        EXPLOSION + "The fire brigade said two people died. Regional police said that three people were killed."
    )
    assert [(d.about, d.values) for d in report.discrepancies] == [("people killed", ("two", "three"))]


def test_dozens_disagrees_with_a_small_count(extract) -> None:
    report = extract(
        EXPLOSION
        + "The fire brigade said dozens of people were injured. Regional police said that 14 people were injured."
    )
    assert len(report.discrepancies) == 1, describe(report)
    assert report.discrepancies[0].about == "people injured"


def test_one_is_a_figure_when_it_counts_people(extract) -> None:
    report = extract(
        EXPLOSION + "The fire brigade said one person was killed. Regional police said that two people were killed."
    )
    assert [(d.about, d.values) for d in report.discrepancies] == [("people killed", ("one", "two"))]


def test_a_subset_of_the_injured_is_not_a_second_figure(extract) -> None:
    report = extract(
        EXPLOSION + "The fire brigade said that four people were injured, two of them seriously. "
        "Regional police said that four people were injured."
    )
    assert report.discrepancies == (), describe(report)


def test_a_percentage_is_not_compared_with_a_count(extract) -> None:
    report = extract(
        EXPLOSION + "The fire brigade said 40 percent of the homes were damaged. "
        "Regional police said that 12 homes were damaged."
    )
    assert report.discrepancies == (), describe(report)


def test_put_the_number_at_is_a_claimed_figure(extract) -> None:
    report = extract(
        "A flood hit Hallberg on Tuesday. A spokesman for the Interior Ministry said that 12 people had been taken to "
        "hospital. Hospital officials, however, put the number at 20."
    )
    claim = claim_about(report, "number at 20")
    assert claim.kind.value != "unattributed"
    assert len(report.discrepancies) == 1, describe(report)


def test_the_number_put_at_a_figure_is_the_number_just_counted(extract) -> None:
    report = extract(
        EXPLOSION + "The fire brigade said that four people were injured. Regional police put the number at nine."
    )
    assert [(d.about, d.values) for d in report.discrepancies] == [("people injured", ("four", "nine"))]


def test_the_number_put_at_a_figure_with_nothing_counted_before_is_no_discrepancy(extract) -> None:
    report = extract(EXPLOSION + "Regional police put the number at nine. The fire brigade said the fire was out.")
    assert report.discrepancies == (), describe(report)


def test_the_number_of_injured_put_at_a_figure(extract) -> None:
    report = extract(
        EXPLOSION
        + "Three people were injured, the fire brigade said. The town council later put the number of injured "
        "at five."
    )
    assert [(d.about, d.values) for d in report.discrepancies] == [("people injured", ("Three", "five"))], describe(
        report
    )
