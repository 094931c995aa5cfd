"""Source types: who a source is, from the words that name it (real model)."""

from __future__ import annotations

import pytest

from tests.attribution.reading import chain_names, claim_about, describe

# (sentence, words of the claim, expected type, expected source name)
TYPE_CASES = [
    # anonymous sources
    (
        "A port official who spoke on condition of anonymity said that the cranes had been sabotaged.",
        "cranes",
        "anonymous",
        None,
    ),
    ("People familiar with the matter said that the merger would be announced next week.", "merger", "anonymous", None),
    ("Residents said that the water had risen within an hour.", "water", "anonymous", None),
    ("Two diplomats briefed on the talks said that the ceasefire would hold.", "ceasefire", "anonymous", None),
    # documents
    ("A study found that the river had warmed by two degrees.", "river", "document", None),
    ("The memo said that staff would be cut.", "staff", "document", None),
    ("A poll showed that most voters backed the plan.", "voters", "document", None),
    # news organisations
    ("The Kestrel News Agency reported that the strike had ended.", "strike", "news_agency", "Kestrel News Agency"),
    ("Reuters reported that the strike had ended.", "strike", "news_agency", "Reuters"),
    ("The Lakeside Gazette reported that the cannery would close.", "cannery", "news_outlet", "Lakeside Gazette"),
    ("The Coastal Herald reported that the cannery would close.", "cannery", "news_outlet", "Coastal Herald"),
    # governments and their bodies
    ("The Finnish government said that the border would stay closed.", "border", "government", None),
    ("Finland said that the border would stay closed.", "border", "government", "Finland"),
    (
        "The Finnish Environment Ministry said that the lake was polluted.",
        "lake",
        "government_body",
        "Finnish Environment Ministry",
    ),
    # companies
    (
        "Halvard Shipping Ltd said that its vessels would avoid the strait.",
        "vessels",
        "company",
        "Halvard Shipping Ltd",
    ),
    ("The Volta Electric company said that prices would rise.", "prices", "company", None),
    # people
    ("Mayor Ana Ribeiro said that the tunnel would open in May.", "tunnel", "person", "Ana Ribeiro"),
    (
        "Halvard Shipping spokeswoman Ines Brandt said that the vessels would avoid the strait.",
        "vessels",
        "person",
        "Ines Brandt",
    ),
    # platforms
    ("Telegram said that the channel had been blocked.", "channel", "platform", "Telegram"),
]


@pytest.mark.parametrize(
    ("sentence", "words", "type_", "name"), TYPE_CASES, ids=[f"{c[2]}:{c[0][:28]}" for c in TYPE_CASES]
)
def test_it_types_the_source(extract, sentence, words, type_, name) -> None:
    report = extract(sentence)
    claim = claim_about(report, words)
    assert claim.depth == 1, describe(report)
    source = report.source(claim.chain[0].source)
    assert source.type.value == type_, describe(report)
    if name is not None:
        assert source.name == name


def test_an_anonymous_source_keeps_its_description_as_written(extract) -> None:
    text = "A port official who spoke on condition of anonymity said that the cranes had been sabotaged."
    report = extract(text)
    attribution = report.attributions[0]
    assert attribution.source is not None
    assert attribution.source.text.startswith("A port official")
    assert text[attribution.source.start : attribution.source.end] == attribution.source.text


@pytest.mark.parametrize(
    ("sentence", "words", "type_"),
    [
        ("The harbour is closed, the port authority said.", "harbour", "government_body"),
        ("Lindholm Robotics said that it would hire 300 workers.", "hire", "company"),
        ("The Daily Meridian reported that the cannery would close.", "cannery", "news_outlet"),
        ("Nordbank said that rates would stay high.", "rates", "company"),
    ],
)
def test_it_types_harder_names(extract, sentence, words, type_) -> None:
    report = extract(sentence)
    claim = claim_about(report, words)
    assert report.source(claim.chain[0].source).type.value == type_


@pytest.mark.parametrize(
    ("sentence", "words", "name"),
    [
        ("Engineer Ines Brandt said that the dam would reopen in May.", "dam", "Ines Brandt"),
        (
            "Engineer Ines Lindqvist noted that the hospital wing had not been inspected since 1998.",
            "wing",
            "Ines Lindqvist",
        ),
        ("Engineer Ana Osei told the Coastal Herald that 40 homes were damaged.", "homes", "Ana Osei"),
    ],
)
def test_an_occupational_title_is_not_part_of_the_name(extract, sentence, words, name) -> None:
    report = extract(sentence)
    source = report.source(claim_about(report, words).chain[0].source)
    assert (source.name, source.type.value) == (name, "person"), describe(report)


def test_a_cited_newspaper_report_names_a_news_outlet(extract) -> None:
    report = extract("The vote had been postponed, Reuters cited Evening Ledger report.")
    claim = claim_about(report, "vote")
    assert [report.source(h.source).type.value for h in claim.chain] == ["news_outlet", "news_agency"]


def test_a_statement_from_a_body_names_the_body_with_statement_as_medium(extract) -> None:
    report = extract("A statement from the Harbour Authority said that the cranes were idle.")
    claim = claim_about(report, "cranes")
    source = report.source(claim.chain[0].source)
    assert (source.name, source.type.value, claim.chain[0].medium) == (
        "Harbour Authority",
        "government_body",
        "statement",
    )


def test_a_possessive_report_owner_is_named_without_the_possessive(extract) -> None:
    report = extract("The Harbour Authority's report showed that cargo volumes fell by a third.")
    claim = claim_about(report, "cargo")
    assert report.source(claim.chain[0].source).name == "Harbour Authority"
    assert claim.chain[0].medium == "report"


@pytest.mark.parametrize("who", ["one docker", "a docker", "another docker"])
def test_an_unnamed_individual_is_anonymous(extract, who) -> None:
    report = extract(f'Officials said the cranes were idle. "There is no work," {who} said.')
    claim = claim_about(report, "no work")
    assert report.source(claim.chain[0].source).type.value == "anonymous"


def test_the_docker_named_before_is_not_anonymous(extract) -> None:
    report = extract('Docker Pia Laine said the cranes were idle. "There is no work," the docker said.')
    first, second = claim_about(report, "cranes"), claim_about(report, "no work")
    assert second.chain[0].source == first.chain[0].source, describe(report)
    assert report.source(second.chain[0].source).type.value == "person"


@pytest.mark.parametrize(
    "sentence",
    [
        "State broadcaster RTV Valmor reported that the dam had burst.",
        "State media reported that the dam had burst.",
    ],
    ids=["named-broadcaster", "state-media"],
)
def test_state_media_are_news_outlets(extract, sentence) -> None:
    report = extract(sentence)
    claim = claim_about(report, "dam")
    assert report.source(claim.chain[0].source).type.value == "news_outlet"


@pytest.mark.parametrize(
    ("sentence", "name", "kind", "described"),
    [
        ("The state news agency VNA said the dam had burst.", "VNA", "news_agency", "state news agency"),
        ("Local broadcaster NTV reported that the dam had burst.", "NTV", "news_outlet", "local broadcaster"),
        ("Data from the analytics firm Cirium show that the dam had burst.", "Cirium", "company", "analytics firm"),
        ("Valmoran carmaker Ostra said that the dam had burst.", "Ostra", "company", "Valmoran carmaker"),
    ],
)
def test_a_name_after_a_description_is_named_and_typed_by_it(extract, sentence, name, kind, described) -> None:
    report = extract(sentence)
    source = report.source(claim_about(report, "dam").chain[0].source)
    assert (source.name, source.type.value) == (name, kind), describe(report)
    assert described in source.aliases


def test_the_description_before_a_name_finds_it_again(extract) -> None:
    report = extract("State broadcaster RTV Valmor said the dam had burst. The broadcaster said 40 homes were flooded.")
    first, second = claim_about(report, "dam"), claim_about(report, "40 homes")
    assert first.chain[0].source == second.chain[0].source
    assert second.chain[0].evidence.value == "coreference"


def test_a_title_before_a_name_is_still_a_person(extract) -> None:
    report = extract("Port spokeswoman Ana Ribeiro said the dam had burst.")
    source = report.source(claim_about(report, "dam").chain[0].source)
    assert (source.name, source.type.value) == ("Ana Ribeiro", "person")


def test_a_source_close_to_the_talks_is_anonymous(extract) -> None:
    report = extract("A source close to the talks said that a deal was near.")
    claim = claim_about(report, "deal")
    assert report.source(claim.chain[0].source).type.value == "anonymous"


def test_figures_released_by_a_ministry_name_the_ministry(extract) -> None:
    report = extract("Figures released by the Transport Ministry on Monday show that traffic fell by a third.")
    claim = claim_about(report, "traffic")
    assert chain_names(report, claim)[0] == "Transport Ministry", describe(report)


def test_an_organisation_for_something_keeps_its_whole_name(extract) -> None:
    report = extract(
        "Thirty people drowned off Valmor on Wednesday, the International Organization for Migration said."
    )
    claim = claim_about(report, "drowned")
    assert chain_names(report, claim) == ["International Organization for Migration"], describe(report)


def test_a_un_agency_is_no_news_agency_and_its_acronym_is_its_name(extract) -> None:
    report = extract(
        "Thirty people drowned off Valmor, the coast guard said. The United Nations refugee agency, UNHCR, said the "
        "deaths showed the need for rescue ships."
    )
    assert chain_names(report, claim_about(report, "drowned")) == ["coast guard"], describe(report)
    source = report.source(claim_about(report, "rescue ships").chain[0].source)
    assert source.name == "UNHCR" and source.type.value != "news_agency"
