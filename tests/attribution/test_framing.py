"""Framing: a paragraph or an article relayed from a news organisation passes that relay on to
the sentences that carry no cue of their own (real model)."""

from __future__ import annotations

from tests.attribution.reading import chain_names, claim_about, describe, evidence

CITED_PARAGRAPH = (
    "Talks between the two ports collapsed on Monday, Reuters cited Interfax report. "
    "Dock workers walked out at dawn. The harbour master said that no ships would sail."
)


def test_an_uncued_sentence_in_a_cited_report_paragraph_is_inherited(extract) -> None:
    report = extract(CITED_PARAGRAPH)
    claim = claim_about(report, "Dock workers")
    assert claim.kind.value == "inherited"
    assert claim.cue is None
    assert chain_names(report, claim) == ["Interfax", "Reuters"]
    assert evidence(claim) == ["context", "context"]
    assert all(h.mention is None for h in claim.chain)


def test_the_framing_cue_itself_is_explicit(extract) -> None:
    report = extract(CITED_PARAGRAPH)
    claim = claim_about(report, "Talks")
    assert claim.kind.value == "indirect"
    assert claim.text == "Talks between the two ports collapsed on Monday"
    assert chain_names(report, claim) == ["Interfax", "Reuters"]
    assert evidence(claim) == ["explicit", "explicit"]


def test_a_source_quoted_inside_a_relayed_paragraph_gets_the_relays_as_context(extract) -> None:
    report = extract(CITED_PARAGRAPH)
    claim = claim_about(report, "no ships")
    assert claim.kind.value == "indirect"
    assert chain_names(report, claim)[-2:] == ["Interfax", "Reuters"]
    assert evidence(claim) == ["explicit", "context", "context"]


ONE_OUTLET_ARTICLE = (
    "The Varna shipyard laid off 400 workers, the Coastal Herald reported. The yard "
    "had lost three contracts this year.\n\n"
    "The union leader Stefan Ivanov said that a strike was likely.\n\n"
    "Orders fell by half since January, the Coastal Herald added.\n\n"
    "A spokesman said that the yard would stay open."
)


def test_an_article_built_from_one_outlet_carries_it_as_context(extract) -> None:
    report = extract(ONE_OUTLET_ARTICLE)
    later = claim_about(report, "strike")
    assert chain_names(report, later) == ["Stefan Ivanov", "Coastal Herald"]
    assert evidence(later) == ["explicit", "context"]
    last = claim_about(report, "stay open")
    assert chain_names(report, last)[-1] == "Coastal Herald"
    assert last.chain[-1].evidence.value == "context"


def test_an_uncued_sentence_after_a_cue_in_its_paragraph_is_inherited(extract) -> None:
    report = extract(ONE_OUTLET_ARTICLE)
    claim = claim_about(report, "three contracts")
    assert claim.kind.value == "inherited"
    assert chain_names(report, claim) == ["Coastal Herald"]
    assert evidence(claim) == ["context"]


def test_a_single_relayed_paragraph_does_not_frame_the_next_one(extract) -> None:
    report = extract(
        "The Varna shipyard laid off 400 workers, the Coastal Herald reported.\n\nOrders fell by half since January."
    )
    claim = claim_about(report, "Orders")
    assert claim.kind.value == "unattributed"
    assert claim.depth == 0


def test_a_paragraph_framed_by_a_person_does_not_make_its_facts_inherited(extract) -> None:
    report = extract("Officials in Korvo said that the dam was safe. The water level rose overnight.")
    claim = claim_about(report, "water level")
    assert claim.kind.value == "unattributed"
    assert claim.chain == ()


def test_a_sentence_about_the_relay_itself_is_not_inherited(extract) -> None:
    report = extract(
        "The dam at Korvo burst overnight, Reuters cited Interfax report. Reuters did not name its sources."
    )
    claim = claim_about(report, "did not name")
    assert claim.kind.value == "unattributed", describe(report)


def test_a_sentence_about_the_relay_by_description_is_not_inherited(extract) -> None:
    report = extract(
        "The dam at Korvo burst overnight, Reuters cited Interfax report. The agency did not name its sources."
    )
    claim = claim_about(report, "did not name")
    assert claim.kind.value == "unattributed", describe(report)


def test_a_wire_dateline_makes_the_agency_the_relay_of_the_article(extract) -> None:
    report = extract(
        "VALMOR, March 3 (Reuters) - The port was closed on Monday, officials said. Ships waited offshore.",
        publisher="Evening Ledger",
    )
    said = claim_about(report, "port was closed")
    assert chain_names(report, said) == ["officials", "Reuters"], describe(report)
    uncued = claim_about(report, "Ships waited")
    assert uncued.kind.value == "inherited"
    assert chain_names(report, uncued) == ["Reuters"]


def test_a_speech_act_according_to_an_outlet_keeps_the_actor_as_origin(extract) -> None:
    report = extract("The mayor blamed the contractor for the delay, according to the Coastal Herald.")
    claim = claim_about(report, "blamed")
    assert claim.kind.value == "according_to"
    assert chain_names(report, claim) == ["mayor", "Coastal Herald"]


def test_a_wire_dateline_after_the_headline_still_credits_the_agency(extract) -> None:
    report = extract(
        "Port strike halts exports as talks stall\n\n"
        "VALMOR, March 3 (Reuters) - Dock workers stayed out for a third day, union leader Ana Ribeiro said.",
        publisher="Evening Ledger",
    )
    said = claim_about(report, "stayed out")
    assert chain_names(report, said) == ["Ana Ribeiro", "Reuters"], describe(report)
    assert not any("VALMOR" in c.text for c in report.claims)


def test_a_headline_the_parser_misreads_is_still_the_publishers_statement(extract) -> None:
    report = extract("Port strike halts grain exports as talks stall\n\nThe port has been shut since Monday.")
    headline = claim_about(report, "Port strike halts")
    assert headline.kind.value == "unattributed"


def test_an_interview_with_an_outlet_does_not_frame_the_paragraph_around_it(extract) -> None:
    report = extract(
        "The safety board said it would send a team to Valmor. Its chair, Ana Ribeiro, told the Coastal Herald "
        "on Monday that close calls had become frequent."
    )
    assert chain_names(report, claim_about(report, "send a team")) == ["safety board"], describe(report)
    assert chain_names(report, claim_about(report, "close calls"))[-1] == "Coastal Herald"


def test_wire_copy_relays_what_the_agency_took_from_others_too(extract) -> None:
    report = extract(
        "VALMOR, March 3 (Reuters) - Interfax news agency quoted Deputy Minister Ivo Brandt as saying the deficit "
        "would not grow. The ministry said in a statement that no decision had been made.",
        publisher="Evening Ledger",
    )
    assert chain_names(report, claim_about(report, "deficit")) == ["Ivo Brandt", "Interfax", "Reuters"], describe(
        report
    )
    assert chain_names(report, claim_about(report, "no decision")) == ["ministry", "Reuters"]


def test_an_interview_frames_what_its_speaker_goes_on_to_say(extract) -> None:
    report = extract(
        "The harbour master, Ivo Brandt, told the Coastal Herald that the port would reopen on Friday. He said the "
        "cranes were repaired. Union leader Ana Ribeiro said the strike would go on."
    )
    assert chain_names(report, claim_about(report, "cranes")) == ["Ivo Brandt", "Coastal Herald"], describe(report)
    assert chain_names(report, claim_about(report, "strike")) == ["Ana Ribeiro"]


def test_an_outlet_reporting_its_own_figure_does_not_relay_the_claim_before_it(extract) -> None:
    report = extract(
        "Some 37 ships were waiting to load, the port authority said. Local broadcaster NTV reported that 45 "
        "vessels were anchored offshore."
    )
    assert chain_names(report, claim_about(report, "37 ships")) == ["port authority"], describe(report)
    assert chain_names(report, claim_about(report, "45")) == ["NTV"]
