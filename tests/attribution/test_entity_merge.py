"""One source per real-world source however the article writes it: a surname the tagger took for an
organisation, an abbreviation given in parentheses, accents and dots, a name word under a title,
the tail of a long name, an anonymous group named again (real model; invented sentences)."""

from __future__ import annotations

import pytest

from newsverify.attribution.sources import _fold
from tests.attribution.reading import attributed, chain_names, claim_about, describe


def _one_source_for_all(report) -> None:  # type: ignore[no-untyped-def]
    origins = {c.chain[0].source for c in attributed(report) if c.chain}
    assert len(origins) == 1, describe(report)


@pytest.mark.parametrize(
    "text",
    [
        "Darius Okonkwo, of the district council, said the bridge was unsafe. "
        "Okonkwo also alleged the ministry is hiding the inspection results.",
        "Marisol Teixeira, a member of the harbour board, said the cranes were idle. "
        "Teixeira later claimed the port had lost two contracts.",
        "Keld Vinterberg said the vote had been rigged. Vinterberg added that the count would be challenged.",
    ],
)
def test_a_surname_is_the_person_named_before_whatever_the_tagger_calls_it(extract, text) -> None:
    report = extract(text)
    _one_source_for_all(report)
    assert len(attributed(report)) == 2, describe(report)


@pytest.mark.parametrize(
    ("text", "full"),
    [
        (
            "The National Grid Authority (NGA) said power was back in most districts. "
            "The NGA said the fault had been repaired.",
            "National Grid Authority",
        ),
        (
            "The Valmor Institute of Geology and Seismology (Vigeos) reported the quake was shallow. "
            "Vigeos said that 40 aftershocks had been recorded.",
            "Valmor Institute of Geology and Seismology",
        ),
        (
            "The Northern Rail Safety Board (NRSB) said the signals had failed. "
            "According to the NRSB, the train was running late.",
            "Northern Rail Safety Board",
        ),
    ],
)
def test_an_abbreviation_in_parentheses_is_the_organisation_it_follows(extract, text, full) -> None:
    report = extract(text)
    _one_source_for_all(report)
    assert chain_names(report, attributed(report)[-1]) == [full]


def test_an_abbreviation_spells_a_name_the_parse_cut_at_a_comma(extract) -> None:
    report = extract(
        "The opening was opposed by the Valmor Energy, Mining and Water Board (VEMWB), which said the dam "
        "was unsafe. VEMWB said that the permit would be reviewed."
    )
    claim = claim_about(report, "permit")
    assert chain_names(report, claim) == ["Valmor Energy, Mining and Water Board"], describe(report)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Erdoğan", "Erdogan"), ("U.N.", "UN"), ("Müller", "Muller"), ("U.S.", "us"), ("Ostra", "OSTRA")],
)
def test_names_fold_accents_case_and_the_dots_of_an_abbreviation(a, b) -> None:
    assert _fold(a) == _fold(b)


def test_a_name_without_its_accent_is_the_same_person(extract) -> None:
    report = extract(
        "President Tomáš Dvořák said the treaty would be signed. Later Dvorak said that the border would reopen."
    )
    _one_source_for_all(report)


def test_un_with_dots_is_the_united_nations(extract) -> None:
    report = extract("The United Nations said that aid convoys had been stopped. The U.N. said the roads were closed.")
    _one_source_for_all(report)


@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister Hun Vannak said the election would go ahead. Prime Minister Hun said that "
        "observers were welcome.",
        "Sheikh Rashid Al Qasimi said the talks had failed. Sheikh Rashid said that a new round would follow.",
    ],
)
def test_one_word_of_a_name_under_the_same_title_is_that_person(extract, text) -> None:
    report = extract(text)
    _one_source_for_all(report)


def test_one_word_of_a_name_under_another_title_is_not(extract) -> None:
    report = extract(
        "Prime Minister Hun Vannak said the election would go ahead. Senator Hun said that observers were welcome."
    )
    origins = {c.chain[0].source for c in attributed(report)}
    assert len(origins) == 2, describe(report)


def test_the_tail_of_a_long_name_is_the_organisation(extract) -> None:
    report = extract(
        "The Nordic Court of Arbitration ruled on Monday that the contract was void. "
        "The Court of Arbitration said that the fine would stand."
    )
    _one_source_for_all(report)


def test_a_prosecutor_named_beside_the_title_is_a_person(extract) -> None:
    report = extract(
        "The case is being treated as fraud, according to prosecutor Lena Ortiz, the state attorney. "
        "Ortiz said that three banks were involved."
    )
    _one_source_for_all(report)
    assert report.sources[0].type.value == "person", describe(report)


@pytest.mark.parametrize(
    "text",
    [
        "Officials said the road was closed. Later, officials said that it would reopen on Friday.",
        "Critics from across the region said the plan was a ploy. The mayor's critics said that it would fail.",
        "Analysts said prices would rise. Several analysts told reporters that demand was weak.",
    ],
)
def test_an_anonymous_group_is_one_source_in_an_article(extract, text) -> None:
    report = extract(text)
    _one_source_for_all(report)


def test_anonymous_groups_of_different_countries_stay_apart(extract) -> None:
    report = extract(
        "Ukrainian officials said the convoy had been hit. Russian officials said that no convoy had been there."
    )
    origins = {c.chain[0].source for c in attributed(report)}
    assert len(origins) == 2, describe(report)
