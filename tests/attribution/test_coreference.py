"""Coreference: pronouns and descriptions resolved to the entity they mean, and one source id
per real-world source however the article names it (real model)."""

from __future__ import annotations

import pytest

from tests.attribution.reading import attributed, chain_names, claim_about, describe, evidence


def test_he_resolves_to_the_person_named_before(extract) -> None:
    report = extract("Coach Bruno Salas said the team was tired. He said that two players were injured.")
    claim = claim_about(report, "two players")
    assert chain_names(report, claim) == ["Bruno Salas"]
    assert evidence(claim) == ["coreference"]
    assert claim.chain[0].mention is not None and claim.chain[0].mention.text == "He"
    assert len(report.sources) == 1


def test_she_resolves_to_the_person_named_before(extract) -> None:
    report = extract("Fire chief Marta Kowalski said the blaze started in the kitchen. She added that nobody was hurt.")
    claim = claim_about(report, "nobody")
    assert chain_names(report, claim) == ["Marta Kowalski"]
    assert evidence(claim) == ["coreference"]


def test_a_pronoun_takes_the_latest_matching_person(extract) -> None:
    report = extract(
        "Mayor Ana Ribeiro said the tunnel would open in May. Engineer Lena Petrova said it was unsafe. "
        "She said that the concrete had cracked."
    )
    assert chain_names(report, claim_about(report, "concrete")) == ["Lena Petrova"]


def test_a_description_resolves_to_the_agency_named_before(extract) -> None:
    report = extract(
        "The Norwegian Fisheries Agency said on Monday that quotas would be cut. "
        "The agency said that cod stocks had recovered."
    )
    claim = claim_about(report, "cod stocks")
    assert chain_names(report, claim) == ["Norwegian Fisheries Agency"]
    assert evidence(claim) == ["coreference"]
    assert len(report.sources) == 1


def test_the_ministry_resolves_to_the_ministry_named_before(extract) -> None:
    report = extract(
        "The Chilean Ministry of Mining said on Monday that new rules would apply. The "
        "ministry said that exports would rise."
    )
    claim = claim_about(report, "exports")
    assert chain_names(report, claim) == ["Chilean Ministry of Mining"]
    assert evidence(claim) == ["coreference"]


def test_a_description_resolves_to_an_entity_that_was_not_yet_a_source(extract) -> None:
    report = extract(
        "The Norwegian Fisheries Agency published new quotas on Monday. The agency said that cod stocks had recovered."
    )
    claim = claim_about(report, "cod stocks")
    assert chain_names(report, claim) == ["Norwegian Fisheries Agency"]


def test_it_resolves_to_an_organisation(extract) -> None:
    report = extract(
        "Halvard Shipping Ltd said on Monday that it had opened an office in Gdansk. "
        "It said that it would hire 300 workers."
    )
    claim = claim_about(report, "300 workers")
    assert chain_names(report, claim) == ["Halvard Shipping Ltd"]
    assert evidence(claim) == ["coreference"]


def test_it_resolves_to_a_company_without_a_legal_suffix(extract) -> None:
    report = extract(
        "Lindholm Robotics said on Monday that it had opened a factory in Poland. It "
        "said that it would hire 300 workers."
    )
    claim = claim_about(report, "300 workers")
    assert chain_names(report, claim) == ["Lindholm Robotics"]


def test_they_resolves_to_a_group(extract) -> None:
    report = extract("Striking dockers said wages were too low. They said that wages had not risen in five years.")
    claim = claim_about(report, "five years")
    assert chain_names(report, claim) == ["Striking dockers"]
    assert evidence(claim) == ["coreference"]


def test_a_cued_claim_is_never_dropped_when_its_pronoun_is_unresolved(extract) -> None:
    """Whatever the resolution, text that the article attributes must stay in the report."""
    report = extract("They said that wages had not risen in five years.")
    assert any("five years" in c.text for c in report.claims), describe(report)


def test_the_based_company_resolves_to_the_company_named_before(extract) -> None:
    report = extract(
        "Halvard Shipping Ltd said on Monday that it had opened an office in Gdansk. "
        "The Oslo-based company said that it would hire 300 workers."
    )
    claim = claim_about(report, "300 workers")
    assert chain_names(report, claim) == ["Halvard Shipping Ltd"], describe(report)
    assert evidence(claim) == ["coreference"]


# One source per real-world entity: adjective, capital city and "Ministry of" forms of one ministry.
SAME_MINISTRY = [
    pytest.param(
        "The Brazilian Health Ministry said that 40 cases had been confirmed. "
        "The Brasilia Health Ministry later said that the outbreak was contained. "
        "The Brazilian Ministry of Health added that vaccines had arrived.",
        id="brazil-health",
    ),
    pytest.param(
        "The Chilean Mining Ministry said that exports would rise. "
        "The Santiago Mining Ministry later added that copper prices were stable. "
        "The Chilean Ministry of Mining also said that lithium output had doubled.",
        id="chile-mining",
    ),
    pytest.param(
        "The Kenyan Interior Ministry said that the curfew would end. "
        "The Nairobi Interior Ministry later said that roadblocks would stay. "
        "The Kenyan Ministry of Interior added that the border was open.",
        id="kenya-interior",
    ),
    pytest.param(
        "The Kenyan Interior Ministry said that the curfew would end. "
        "The Kenyan Ministry of the Interior added that the border was open.",
        id="kenya-ministry-of-the-interior",
    ),
    pytest.param(
        "Canada's Foreign Ministry said the talks had stalled. The Canadian Foreign "
        "Ministry later said the envoy had been recalled.",
        id="canada-possessive",
    ),
    pytest.param(
        "The Brazilian Health Ministry said that 40 cases had been confirmed. "
        "The Ministry of Health of Brazil later said that the outbreak was contained.",
        id="ministry-of-x-of-country",
    ),
]


@pytest.mark.parametrize("text", SAME_MINISTRY)
def test_one_source_per_ministry_however_it_is_named(extract, text) -> None:
    report = extract(text)
    claims = attributed(report)
    assert len(claims) >= 2
    ids = {c.chain[0].source for c in claims}
    assert len(ids) == 1, describe(report)
    source = report.source(ids.pop())
    assert source.type.value == "government_body"
    assert "Ministry" in source.name


def test_ministries_of_different_countries_stay_apart(extract) -> None:
    report = extract(
        "The Chilean Mining Ministry said that exports would rise. The Peruvian Mining "
        "Ministry said that exports would fall."
    )
    rise = claim_about(report, "rise")
    fall = claim_about(report, "fall")
    assert rise.chain[0].source != fall.chain[0].source


def test_different_ministries_of_one_country_stay_apart(extract) -> None:
    report = extract(
        "The Chilean Mining Ministry said that exports would rise. The Chilean Health "
        "Ministry said that clinics were full."
    )
    assert claim_about(report, "rise").chain[0].source != claim_about(report, "clinics").chain[0].source


def test_a_surname_alone_resolves_to_the_full_name(extract) -> None:
    report = extract("Coach Bruno Salas said the team was tired. Salas said that two players were injured.")
    first = claim_about(report, "tired")
    second = claim_about(report, "two players")
    assert first.chain[0].source == second.chain[0].source
    assert report.source(first.chain[0].source).name == "Bruno Salas"
    assert "Salas" in report.source(first.chain[0].source).aliases


def test_a_surname_the_tagger_takes_for_a_place_still_resolves_to_the_person(extract) -> None:
    report = extract(
        "Engineer Lena Petrova said the dam was unsafe. Petrova said that the concrete had cracked in 2021."
    )
    first = claim_about(report, "unsafe")
    second = claim_about(report, "concrete")
    assert first.chain[0].source == second.chain[0].source


def test_people_who_share_a_surname_stay_apart(extract) -> None:
    report = extract("Lena Petrova said the dam was unsafe. Ivan Petrova said that the dam was sound.")
    assert claim_about(report, "unsafe").chain[0].source != claim_about(report, "sound").chain[0].source


def test_a_title_resolves_to_the_person_who_holds_it(extract) -> None:
    report = extract(
        "Finance Minister Paulo Mendes said that taxes would not rise. The minister added that spending would be cut."
    )
    claim = claim_about(report, "spending")
    assert chain_names(report, claim) == ["Paulo Mendes"]
    assert evidence(claim) == ["coreference"]


def test_an_age_description_resolves_to_the_person(extract) -> None:
    report = extract(
        "Finance Minister Paulo Mendes said that taxes would not rise. "
        "The 58-year-old added that spending would be cut."
    )
    claim = claim_about(report, "spending")
    assert chain_names(report, claim) == ["Paulo Mendes"]


def test_the_company_resolves_to_a_company_named_in_an_apposition(extract) -> None:
    report = extract(
        "Ines Brandt, chief executive of Halvard Shipping Ltd, said the fleet would grow. "
        "The company said later that two ships had been ordered."
    )
    claim = claim_about(report, "two ships")
    assert chain_names(report, claim) == ["Halvard Shipping Ltd"]
    assert chain_names(report, claim_about(report, "fleet")) == ["Ines Brandt"]


def test_a_country_and_its_government_are_one_source(extract) -> None:
    report = extract(
        "Finland said that the border would stay closed. The Finnish government later added that talks would continue."
    )
    assert claim_about(report, "border").chain[0].source == claim_about(report, "talks").chain[0].source
    assert report.source(claim_about(report, "border").chain[0].source).type.value == "government"


def test_a_capital_speaking_is_its_government(extract) -> None:
    report = extract(
        "The Finnish government said that the border would stay closed. Helsinki also said that talks would continue."
    )
    first = claim_about(report, "border").chain[0].source
    second = claim_about(report, "talks").chain[0].source
    assert first == second, describe(report)


def test_the_agency_after_a_news_agency_is_that_agency(extract) -> None:
    report = extract(
        "The Kestrel News Agency reported that the strike had ended. "
        "The agency said that dockers would return on Monday."
    )
    claim = claim_about(report, "dockers")
    assert chain_names(report, claim) == ["Kestrel News Agency"]
    assert evidence(claim) == ["coreference"]


def test_it_after_a_study_by_a_body_is_the_body(extract) -> None:
    report = extract(
        "A study by the Nordic Climate Council found that the lake had warmed. It said that fish stocks had fallen."
    )
    assert chain_names(report, claim_about(report, "fish")) == ["Nordic Climate Council"]
    assert claim_about(report, "lake").chain[0].medium == "study"


def test_a_possessive_pronoun_is_not_a_source_name(extract) -> None:
    report = extract("Mayor Ana Ribeiro said the tunnel was safe. Her office said that it would open in May.")
    source = report.source(claim_about(report, "open in May").chain[0].source)
    assert not source.name.lower().startswith(("her ", "his ", "its ", "their ")), source
    assert "Ribeiro" in source.name
    assert claim_about(report, "open in May").chain[0].evidence == "coreference"


def test_an_organisations_spokeswoman_is_named_after_it_and_found_again(extract) -> None:
    report = extract(
        "The Harbour Authority said the port was shut. Its spokeswoman said ships waited offshore.\n\n"
        "Its spokeswoman added that the port would reopen on Friday."
    )
    first = report.source(claim_about(report, "ships waited").chain[0].source)
    assert "Harbour Authority" in first.name and "spokeswoman" in first.name, first
    assert claim_about(report, "reopen on Friday").chain[0].source == first.id


def test_a_possessive_with_nobody_named_before_keeps_the_words_as_written(extract) -> None:
    report = extract("Their lawyers said the case was weak.")
    assert report.source(claim_about(report, "case was weak").chain[0].source).name == "Their lawyers"


def test_a_headline_speaker_is_the_person_named_in_the_body(extract) -> None:
    report = extract("Mayor says tunnel is safe\n\nMayor Ana Ribeiro said on Monday that the tunnel was safe.")
    # The headline is the publisher's summary (no claim, see test_medium.py); its attribution keeps the speaker.
    headline = next(a for a in report.attributions if "tunnel is safe" in a.content.text)
    body = claim_about(report, "tunnel was safe")
    assert headline.source is not None and headline.source.source_id == body.chain[0].source, describe(report)


@pytest.mark.parametrize("body", ["Valmor Aviation Administration", "Valmor Transport Safety Board"])
def test_the_agency_is_the_public_body_named_in_the_content(extract, body) -> None:
    report = extract(
        f"VALMOR (AP) - The {body} is investigating the near miss, the agency said on Monday.",
        publisher="Evening Ledger",
    )
    claim = claim_about(report, "investigating")
    assert chain_names(report, claim) == [body, "AP"], describe(report)


def test_the_agency_after_a_ministry_and_a_news_agency_is_the_news_agency(extract) -> None:
    report = extract(
        "The Defence Ministry said two drones were shot down, Interfax reported. The agency said one fell on a farm."
    )
    assert chain_names(report, claim_about(report, "fell on a farm")) == ["Interfax"], describe(report)


def test_she_is_not_the_person_already_called_he(extract) -> None:
    report = extract('"He is not as careful as he says he is," she said.')
    outer = claim_about(report, "not as careful")
    assert report.source(outer.chain[0].source).name != "he", describe(report)


def test_a_title_tells_whom_he_and_she_can_mean(extract) -> None:
    report = extract("Mr. Ivo Brandt said the bridge was safe. Ms. Ana Ribeiro said it was not. He said it would open.")
    assert chain_names(report, claim_about(report, "would open")) == ["Ivo Brandt"], describe(report)


def test_a_headline_title_held_by_nobody_in_the_body_stays_as_written(extract) -> None:
    report = extract("Minister says tunnel is safe\n\nMayor Ana Ribeiro said on Monday that the tunnel was safe.")
    headline = next(a for a in report.attributions if "tunnel is safe" in a.content.text)
    assert headline.source is not None and headline.source.source_id is not None
    assert report.source(headline.source.source_id).name == "Minister", describe(report)


def test_the_company_is_the_company_the_story_is_about(extract) -> None:
    report = extract(
        "Lindholm Robotics will cut 2,000 jobs, the company announced on Thursday, as demand slumps. Analysts at "
        "Nordbank wrote in a note that the cuts could save money. The union said it had not been consulted. The "
        "company disputed that account, saying union leaders were briefed on Wednesday."
    )
    for fragment in ("2,000 jobs", "briefed on Wednesday"):
        assert chain_names(report, claim_about(report, fragment)) == ["Lindholm Robotics"], describe(report)
    assert report.source(claim_about(report, "2,000 jobs").chain[0].source).type.value == "company"
