"""Relays: "according to", "citing", "quoted X as saying", "cited Y report", "told CNN", and the
medium a source spoke through (real model)."""

from __future__ import annotations

import pytest

from tests.attribution.reading import attributed, chain_names, claim_about, describe, evidence


def test_according_to_makes_the_named_source_the_origin(extract) -> None:
    report = extract("According to the Harbour Authority, cargo volumes fell by a third.")
    claim = claim_about(report, "cargo")
    assert claim.text == "cargo volumes fell by a third"
    assert claim.kind.value == "according_to"
    assert claim.cue is not None and claim.cue.text == "According to"
    assert chain_names(report, claim) == ["Harbour Authority"]
    assert evidence(claim) == ["explicit"]


def test_according_to_after_the_content(extract) -> None:
    report = extract("Cargo volumes fell by a third, according to the Harbour Authority.")
    claim = claim_about(report, "Cargo")
    assert claim.text == "Cargo volumes fell by a third"
    assert claim.kind.value == "according_to"
    assert chain_names(report, claim) == ["Harbour Authority"]


def test_as_per_a_report_names_its_author_with_the_report_as_medium(extract) -> None:
    report = extract("As per the Harbour Authority report, cargo volumes fell by a third.")
    claim = claim_about(report, "cargo")
    assert claim.kind.value == "according_to"
    assert claim.cue is not None and claim.cue.text == "As per"
    assert chain_names(report, claim) == ["Harbour Authority"]
    assert claim.chain[0].medium == "report"


@pytest.mark.parametrize(
    "sentence",
    [
        "Cargo volumes fell by a third, the Lakeside Gazette reported, citing the Harbour Authority.",
        "The Lakeside Gazette, citing the Harbour Authority, reported that cargo volumes fell by a third.",
    ],
)
def test_citing_puts_the_cited_source_before_the_relay(extract, sentence) -> None:
    report = extract(sentence)
    claim = claim_about(report, "argo volumes fell by a third")
    assert claim.kind.value == "indirect"
    assert claim.cue is not None and claim.cue.text == "reported"
    assert chain_names(report, claim) == ["Harbour Authority", "Lakeside Gazette"]
    assert evidence(claim) == ["explicit", "explicit"]
    assert claim.depth == 2


def test_quoted_as_saying_makes_the_quoted_person_the_origin(extract) -> None:
    report = extract("Reuters quoted Mayor Ana Ribeiro as saying that the tunnel would open in May.")
    claim = claim_about(report, "tunnel")
    assert claim.text == "the tunnel would open in May"
    assert chain_names(report, claim) == ["Ana Ribeiro", "Reuters"]
    assert report.source(claim.chain[1].source).type.value == "news_agency"


def test_quoted_as_saying_with_a_direct_quote(extract) -> None:
    report = extract('Reuters quoted Mayor Ana Ribeiro as saying, "The tunnel will open in May, whatever happens."')
    claim = claim_about(report, "tunnel")
    assert claim.kind.value == "direct"
    assert claim.text == "The tunnel will open in May, whatever happens."
    assert chain_names(report, claim) == ["Ana Ribeiro", "Reuters"]


def test_passive_quoted_by_an_agency_as_saying(extract) -> None:
    report = extract("The port director was quoted by Reuters as saying the tunnel would open in May.")
    claim = claim_about(report, "tunnel")
    assert claim.text == "the tunnel would open in May"
    names = chain_names(report, claim)
    assert names[-1] == "Reuters" and len(names) == 2, describe(report)


def test_cited_report_makes_the_report_author_the_origin(extract) -> None:
    report = extract("The dam at Korvo burst overnight, Reuters cited Interfax report.")
    claim = claim_about(report, "dam")
    assert claim.text == "The dam at Korvo burst overnight"
    assert claim.cue is not None and claim.cue.text == "cited"
    assert chain_names(report, claim) == ["Interfax", "Reuters"]
    assert [report.source(h.source).type.value for h in claim.chain] == ["news_agency", "news_agency"]


def test_cited_report_that_said_keeps_the_citing_outlet(extract) -> None:
    report = extract("The Lakeside Gazette cited a Harbour Authority report that said cargo volumes fell by a third.")
    claim = claim_about(report, "cargo")
    assert claim.text == "cargo volumes fell by a third"
    assert chain_names(report, claim) == ["Harbour Authority", "Lakeside Gazette"]


def test_told_a_news_outlet_makes_the_outlet_a_relay(extract) -> None:
    report = extract("Mayor Ana Ribeiro told the BBC that the tunnel would open in May.")
    claim = claim_about(report, "tunnel")
    assert chain_names(report, claim) == ["Ana Ribeiro", "BBC"]
    assert report.source(claim.chain[1].source).type.value == "news_outlet"
    assert claim.depth == 2


def test_told_reporters_adds_no_relay(extract) -> None:
    report = extract("Mayor Ana Ribeiro told reporters that the tunnel would open in May.")
    claim = claim_about(report, "tunnel")
    assert chain_names(report, claim) == ["Ana Ribeiro"]
    assert claim.depth == 1


def test_an_interview_with_an_outlet_makes_it_a_relay_with_interview_medium(extract) -> None:
    report = extract("Mayor Ana Ribeiro said in an interview with Al Jazeera that the tunnel would open in May.")
    claim = claim_about(report, "tunnel")
    assert claim.text == "the tunnel would open in May"
    assert chain_names(report, claim) == ["Ana Ribeiro", "Al Jazeera"]
    assert "interview" in {h.medium for h in claim.chain}


def test_in_a_statement_is_the_medium(extract) -> None:
    report = extract("The Transport Ministry said in a statement that the tunnel would open in May.")
    claim = claim_about(report, "tunnel")
    assert claim.text == "the tunnel would open in May"
    assert chain_names(report, claim) == ["Transport Ministry"]
    assert claim.chain[0].medium == "statement"


@pytest.mark.parametrize(
    ("sentence", "medium"),
    [
        ("Mayor Ana Ribeiro said in a post on Telegram that the tunnel would open in May.", "post on Telegram"),
        ("Mayor Ana Ribeiro said in a Telegram post that the tunnel would open in May.", "Telegram post"),
    ],
)
def test_a_post_on_a_platform_is_the_medium(extract, sentence, medium) -> None:
    report = extract(sentence)
    claim = claim_about(report, "tunnel")
    assert chain_names(report, claim) == ["Ana Ribeiro"]
    assert claim.chain[0].medium == medium


def test_a_post_on_a_platform_does_not_leave_that_in_the_content(extract) -> None:
    report = extract("Mayor Ana Ribeiro said in a post on Telegram that the tunnel would open in May.")
    assert claim_about(report, "tunnel").text == "the tunnel would open in May"


def test_a_medium_at_the_end_of_a_sentence_has_no_full_stop(extract) -> None:
    report = extract("The tunnel would open in May, Mayor Ana Ribeiro wrote in a post on X.")
    claim = claim_about(report, "tunnel")
    assert claim.chain[0].medium == "post on X"


def test_a_public_post_is_not_relayed_by_the_framing_outlet(extract) -> None:
    text = (
        "The Korvo dam burst overnight, the Lakeside Gazette reported. Power lines "
        "were cut, the Lakeside Gazette added. "
        "Mayor Ana Ribeiro said in a Telegram post that the tunnel would stay closed."
    )
    report = extract(text)
    claim = claim_about(report, "tunnel")
    assert chain_names(report, claim) == ["Ana Ribeiro"], describe(report)


def test_citing_between_the_cue_and_its_clause(extract) -> None:
    report = extract("Reuters reported, citing Interfax, that fuel prices rose sharply.")
    claim = claim_about(report, "fuel prices")
    assert claim.text == "fuel prices rose sharply"
    assert chain_names(report, claim) == ["Interfax", "Reuters"]


@pytest.mark.parametrize(
    ("sentence", "outlet"),
    [
        ("Speaking to Reuters, Mayor Ana Ribeiro said that the tunnel would open in May.", "Reuters"),
        ("In comments to AFP, Mayor Ana Ribeiro said that the tunnel would open in May.", "AFP"),
    ],
    ids=["speaking-to", "in-comments-to"],
)
def test_speaking_to_an_outlet_makes_it_a_relay(extract, sentence, outlet) -> None:
    report = extract(sentence)
    claim = claim_about(report, "tunnel")
    assert chain_names(report, claim) == ["Ana Ribeiro", outlet]


def test_quoting_participle_between_cue_and_clause(extract) -> None:
    report = extract("The Coastal Herald reported, quoting police, that two men had been arrested.")
    claim = claim_about(report, "two men")
    assert claim.text == "two men had been arrested"
    assert chain_names(report, claim) == ["police", "Coastal Herald"]


def test_according_to_an_outlet_which_cited_a_source(extract) -> None:
    report = extract("According to the Coastal Herald, which cited police sources, two men had been arrested.")
    claim = claim_about(report, "two men")
    assert claim.text == "two men had been arrested"
    names = chain_names(report, claim)
    assert len(names) == 2 and names[-1] == "Coastal Herald", describe(report)


def test_passive_cited_by_an_agency_as_saying(extract) -> None:
    report = extract("Mayor Ana Ribeiro was cited by Reuters as saying that the tunnel would open in May.")
    claim = claim_about(report, "tunnel")
    assert claim.text == "the tunnel would open in May"
    assert chain_names(report, claim) == ["Ana Ribeiro", "Reuters"]


def test_a_note_to_clients_is_the_medium(extract) -> None:
    report = extract("Analysts at Nordbank said in a note to clients that rates would stay high.")
    claim = claim_about(report, "rates")
    assert claim.text == "rates would stay high"
    assert claim.chain[0].medium is not None and claim.chain[0].medium.startswith("note")


def test_analysts_at_a_bank_keep_the_bank_in_the_source(extract) -> None:
    report = extract("Analysts at Nordbank said in a note to clients that rates would stay high.")
    claim = claim_about(report, "rates")
    source = report.source(claim.chain[0].source)
    assert "Nordbank" in " ".join((source.name, *source.aliases)), describe(report)


def test_told_the_newspaper_resolves_to_the_framing_outlet(extract) -> None:
    report = extract(
        "The Varna shipyard laid off 400 workers, the Coastal Herald reported. "
        '"We had no choice," the yard\'s owner Stefan Ivanov told the newspaper.'
    )
    claim = claim_about(report, "no choice")
    assert claim.kind.value == "direct"
    assert chain_names(report, claim) == ["Stefan Ivanov", "Coastal Herald"]
    assert evidence(claim) == ["explicit", "coreference"]


def test_adding_with_a_quote_continues_the_speaker(extract) -> None:
    report = extract('Mayor Ana Ribeiro said the tunnel was safe, adding: "We have tested every metre of it."')
    first = claim_about(report, "was safe")
    second = claim_about(report, "every metre")
    assert first.text == "the tunnel was safe" and first.kind.value == "indirect"
    assert second.text == "We have tested every metre of it." and second.kind.value == "direct"
    assert chain_names(report, first) == chain_names(report, second) == ["Ana Ribeiro"]


def test_told_a_body_that_is_not_an_outlet_adds_no_relay(extract) -> None:
    report = extract("Mayor Ana Ribeiro told the council that the tunnel would open in May.")
    assert chain_names(report, claim_about(report, "tunnel")) == ["Ana Ribeiro"]


def test_at_a_news_conference_is_the_medium(extract) -> None:
    report = extract("Mayor Ana Ribeiro said at a news conference that the tunnel would open in May.")
    claim = claim_about(report, "tunnel")
    assert claim.chain[0].medium == "news conference"


def test_an_interview_with_a_participle_after_it(extract) -> None:
    report = extract(
        "Mayor Ana Ribeiro said in an interview with the Coastal Herald published on Sunday that the tunnel "
        "would open in May."
    )
    claim = claim_about(report, "tunnel")
    assert claim.kind.value == "indirect"
    assert chain_names(report, claim) == ["Ana Ribeiro", "Coastal Herald"]


def test_told_an_outlets_journalist_makes_the_outlet_a_relay(extract) -> None:
    report = extract("Mayor Ana Ribeiro told the Coastal Herald's Stefan Ivanov that the tunnel would open in May.")
    assert chain_names(report, claim_about(report, "tunnel")) == ["Ana Ribeiro", "Coastal Herald"]


def test_an_op_ed_for_an_outlet(extract) -> None:
    report = extract("Mayor Ana Ribeiro wrote in an op-ed for the Coastal Herald that the tunnel would open in May.")
    claim = claim_about(report, "tunnel")
    assert claim.chain[0].medium == "op-ed"
    assert chain_names(report, claim) == ["Ana Ribeiro", "Coastal Herald"]


def test_a_column_for_an_outlet_names_the_outlet_that_ran_it(extract) -> None:
    report = extract("Ana Ribeiro wrote in a column for the Coastal Herald on Sunday that the tunnel was late.")
    claim = claim_about(report, "tunnel")
    assert claim.chain[0].medium == "column"
    assert chain_names(report, claim) == ["Ana Ribeiro", "Coastal Herald"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The harbour master said in a statement for the first time that the port was shut.",
        "The harbour master said in a hastily arranged video call that the port was shut.",
        "The harbour master said in a statement that was issued late that the port was shut.",
    ],
)
def test_a_that_clause_the_parser_hangs_inside_the_medium_phrase(extract, sentence) -> None:
    report = extract(sentence)
    assert [c.text for c in report.claims] == ["the port was shut"], describe(report)
    assert report.claims[0].kind.value == "indirect"


def test_that_as_the_subject_of_the_reported_clause_stays(extract) -> None:
    report = extract("The harbour master said that was the worst storm in years.")
    assert [c.text for c in report.claims] == ["that was the worst storm in years"]


def test_told_a_news_conference_is_the_medium(extract) -> None:
    report = extract("The tunnel will open in May, Mayor Ana Ribeiro told a news conference.")
    claim = claim_about(report, "tunnel")
    assert chain_names(report, claim) == ["Ana Ribeiro"]
    assert claim.chain[0].medium == "news conference"


def test_the_according_to_phrase_is_not_a_claim_of_its_own(extract) -> None:
    report = extract("According to the Valmor Weather Service, more rain is expected on Wednesday.")
    assert [(c.text, c.kind.value) for c in report.claims] == [("more rain is expected on Wednesday", "according_to")]


def test_a_dateline_is_not_part_of_the_content(extract) -> None:
    report = extract(
        "Valmor: Flooding forced the evacuation of 3,000 people from Hallberg on Tuesday, "
        "the Northern Tribune reported."
    )
    claim = claim_about(report, "Flooding")
    assert claim.text == "Flooding forced the evacuation of 3,000 people from Hallberg on Tuesday"


def test_a_short_outlet_name_told_is_a_coreferent_relay(extract) -> None:
    report = extract(
        "Flooding forced the evacuation of 3,000 people, the Northern Tribune reported. A spokesman for the Interior "
        "Ministry told the Tribune that 12 people had been taken to hospital."
    )
    claim = claim_about(report, "12 people")
    assert chain_names(report, claim)[-1] == "Northern Tribune"
    assert claim.chain[-1].evidence.value in ("coreference", "explicit")


@pytest.mark.parametrize("participle", ["seen", "obtained", "reviewed"])
def test_a_document_an_outlet_had_is_relayed_by_the_outlet(extract, participle) -> None:
    report = extract(
        f"An inspection report {participle} by the Coastal Herald found that the bridge had failed two checks."
    )
    claim = claim_about(report, "failed two checks")
    assert chain_names(report, claim) == ["inspection report", "Coastal Herald"], describe(report)
    assert report.source(claim.chain[0].source).type.value == "document"


def test_a_document_published_by_an_organisation_is_its_own(extract) -> None:
    report = extract("A report published by the Harbour Authority found that the bridge had failed two checks.")
    assert chain_names(report, claim_about(report, "failed two checks")) == ["Harbour Authority"], describe(report)


def test_a_dateline_with_a_horizontal_bar_is_not_content(extract) -> None:
    report = extract("VALMOR \u2015 The tunnel will open in May, city officials said on Friday.")
    assert [c.text for c in attributed(report)] == ["The tunnel will open in May"], describe(report)


def test_writing_in_an_outlet_makes_it_the_relay(extract) -> None:
    report = extract(
        "Writing in the Vedomosti newspaper, former central bank chief Ivo Brandt said prices were out of control."
    )
    claim = claim_about(report, "prices")
    assert chain_names(report, claim) == ["Ivo Brandt", "Vedomosti"], describe(report)
    assert report.source(claim.chain[0].source).type.value == "person"


def test_reported_on_a_day_citing_sources_then_that(extract) -> None:
    report = extract(
        "Bloomberg reported on Monday, citing people familiar with the matter, that the government was preparing a "
        "new tax on exporters."
    )
    claim = claim_about(report, "new tax")
    assert chain_names(report, claim) == ["people familiar with the matter", "Bloomberg"], describe(report)


def test_a_note_from_a_bank_cited_by_a_site(extract) -> None:
    report = extract(
        "According to a note to clients from Nordbank Capital cited by the RBC news site, rates could rise by 200 "
        "basis points."
    )
    claim = claim_about(report, "rates could rise")
    assert chain_names(report, claim) == ["Nordbank Capital", "RBC"], describe(report)
    assert claim.chain[0].medium == "note"


def test_a_short_title_does_not_join_an_outlet_with_another_last_word(extract) -> None:
    report = extract(
        "The Northern Tribune reported that the dam held. A spokesman told the Gazette that 12 people were hurt."
    )
    assert chain_names(report, claim_about(report, "12 people"))[-1] == "Gazette", describe(report)
