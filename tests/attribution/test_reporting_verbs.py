"""Reporting verbs: who said what, in every tense and word order (real model)."""

from __future__ import annotations

import pytest

from tests.attribution.reading import attributed, chain_names, claim_about, describe, evidence

# (sentence, content, cue, source)
VERB_CASES = [
    (
        "Miriam Osei said that the bridge would reopen in March.",
        "the bridge would reopen in March",
        "said",
        "Miriam Osei",
    ),
    ("Miriam Osei says the bridge will reopen in March.", "the bridge will reopen in March", "says", "Miriam Osei"),
    ("Miriam Osei has said the bridge will reopen in March.", "the bridge will reopen in March", "said", "Miriam Osei"),
    (
        "Miriam Osei had said the bridge would reopen in March.",
        "the bridge would reopen in March",
        "said",
        "Miriam Osei",
    ),
    (
        "Harbour master Tomas Lindqvist told reporters the ferry had been delayed by fog.",
        "the ferry had been delayed by fog",
        "told",
        "Tomas Lindqvist",
    ),
    (
        "Mayor Ana Ribeiro noted that the budget had doubled since 2019.",
        "the budget had doubled since 2019",
        "noted",
        "Ana Ribeiro",
    ),
    ("Finance chief Paulo Mendes added that taxes would not rise.", "taxes would not rise", "added", "Paulo Mendes"),
    (
        "The Lakeside Gazette reported that the cannery would close.",
        "the cannery would close",
        "reported",
        "Lakeside Gazette",
    ),
    (
        "Professor Ingrid Halvorsen wrote that the glacier was shrinking faster than expected.",
        "the glacier was shrinking faster than expected",
        "wrote",
        "Ingrid Halvorsen",
    ),
    ("Activist Dario Feld claimed that the vote had been rigged.", "the vote had been rigged", "claimed", "Dario Feld"),
    (
        "Police chief Sandra Okoye confirmed that two suspects had been arrested.",
        "two suspects had been arrested",
        "confirmed",
        "Sandra Okoye",
    ),
    (
        "Economist Rafael Duarte estimated that the storm caused $40 million in damage.",
        "the storm caused $40 million in damage",
        "estimated",
        "Rafael Duarte",
    ),
    ("Engineer Lena Petrova warned that the dam could fail.", "the dam could fail", "warned", "Lena Petrova"),
    ("Senator Hugo Blanc denied that he had taken any bribes.", "he had taken any bribes", "denied", "Hugo Blanc"),
    ("Senator Hugo Blanc has denied that he took any bribes.", "he took any bribes", "denied", "Hugo Blanc"),
]


@pytest.mark.parametrize(
    ("sentence", "content", "cue", "source"), VERB_CASES, ids=[c[2] + ":" + c[0][:30] for c in VERB_CASES]
)
def test_it_reads_a_reporting_verb_with_a_that_clause(extract, sentence, content, cue, source) -> None:
    report = extract(sentence)
    claim = claim_about(report, content)
    assert claim.text == content, describe(report)
    assert claim.kind.value == "indirect"
    assert claim.cue is not None and claim.cue.text == cue
    assert chain_names(report, claim) == [source]
    assert evidence(claim) == ["explicit"]
    assert claim.depth == 1


@pytest.mark.parametrize(
    "sentence",
    [
        "The bridge will reopen in March, Miriam Osei said.",
        "The bridge will reopen in March, said Miriam Osei.",
        "The bridge will reopen in March, Miriam Osei says.",
        "The bridge will reopen in March, Miriam Osei told reporters.",
    ],
)
def test_it_reads_a_cue_after_its_content(extract, sentence) -> None:
    report = extract(sentence)
    claim = claim_about(report, "reopen")
    assert claim.text == "The bridge will reopen in March"
    assert claim.kind.value == "indirect"
    assert chain_names(report, claim) == ["Miriam Osei"]


def test_it_reads_a_passive_quoted_as_saying(extract) -> None:
    report = extract("Miriam Osei was quoted as saying that the bridge would reopen in March.")
    claim = claim_about(report, "bridge")
    assert claim.text == "the bridge would reopen in March"
    assert claim.kind.value == "indirect"
    assert claim.cue is not None and claim.cue.text == "quoted"
    assert chain_names(report, claim) == ["Miriam Osei"]


def test_it_reads_an_inverted_cue_after_a_short_content(extract) -> None:
    report = extract("Water flooded three villages near the Korvo dam, the Lakeside Gazette reported on Tuesday.")
    claim = claim_about(report, "Water flooded")
    assert claim.text == "Water flooded three villages near the Korvo dam"
    assert chain_names(report, claim) == ["Lakeside Gazette"]


def test_it_reads_a_cue_with_a_time_phrase_before_the_clause(extract) -> None:
    report = extract("The Harbour Authority said on Monday that cargo volumes had fallen by a third.")
    claim = claim_about(report, "cargo")
    assert claim.text == "cargo volumes had fallen by a third"
    assert chain_names(report, claim) == ["Harbour Authority"]


def test_it_reads_an_inverted_cue_followed_by_a_time_phrase(extract) -> None:
    report = extract("Water flooded three villages near the dam at Korvo, the Lakeside Gazette reported on Tuesday.")
    claim = claim_about(report, "Water flooded")
    assert claim.text == "Water flooded three villages near the dam at Korvo"
    assert claim.kind.value == "indirect"
    assert chain_names(report, claim) == ["Lakeside Gazette"]


def test_it_reads_two_claims_of_one_speaker_joined_by_and(extract) -> None:
    report = extract("Coach Bruno Salas said the team was tired and added that two players were injured.")
    first = claim_about(report, "tired")
    second = claim_about(report, "two players")
    assert first.text == "the team was tired"
    assert second.text == "two players were injured"
    assert chain_names(report, first) == chain_names(report, second) == ["Bruno Salas"]


def test_it_keeps_each_speaker_for_each_sentence(extract) -> None:
    report = extract(
        "Mayor Ana Ribeiro said the tunnel would open in May. Engineer Lena Petrova said the tunnel was unsafe."
    )
    assert chain_names(report, claim_about(report, "open in May")) == ["Ana Ribeiro"]
    assert chain_names(report, claim_about(report, "unsafe")) == ["Lena Petrova"]
    assert len(attributed(report)) == 2


@pytest.mark.parametrize(
    ("sentence", "content"),
    [
        ("Reuters reported that prices rose.", "prices rose"),
        ("Officials said that it rained.", "it rained"),
        ("The mayor said that she resigned.", "she resigned"),
    ],
)
def test_a_short_that_clause_leaves_that_out_of_the_content(extract, sentence, content) -> None:
    report = extract(sentence)
    claims = [c for c in report.claims if c.kind.value != "unattributed"]
    assert [c.text for c in claims] == [content], describe(report)


def test_a_report_of_a_statement_nests_the_speaker_inside_the_relay(extract) -> None:
    report = extract("Reuters reported that Mayor Ana Ribeiro said the tunnel was safe.")
    claim = claim_about(report, "tunnel")
    assert claim.text == "the tunnel was safe"
    assert chain_names(report, claim) == ["Ana Ribeiro", "Reuters"]
    inner = next(a for a in report.attributions if a.id == claim.attribution)
    assert inner.parent is not None
    outer = next(a for a in report.attributions if a.id == inner.parent)
    assert outer.source is not None and outer.source.text == "Reuters"


def test_three_levels_of_reporting(extract) -> None:
    report = extract("Mayor Ana Ribeiro told Reuters that the minister had said the tunnel was safe.")
    claim = claim_about(report, "tunnel")
    assert chain_names(report, claim) == ["minister", "Ana Ribeiro", "Reuters"]
    assert claim.depth == 3


def test_a_cue_inside_a_relative_clause_keeps_source_and_cue_out_of_the_content(extract) -> None:
    report = extract("The tunnel, which Mayor Ana Ribeiro said would open in May, is still closed.")
    claim = claim_about(report, "open in May")
    assert "said" not in claim.text and "Ribeiro" not in claim.text, claim.text
    assert chain_names(report, claim) == ["Ana Ribeiro"]
    attribution = next(a for a in report.attributions if a.id == claim.attribution)
    assert attribution.content.fragments[0] == (0, len("The tunnel")), "the antecedent stays in the content"


def test_a_percent_sign_at_the_end_stays_with_its_figure(extract) -> None:
    report = extract("The regulator said the rise was closer to 10%.")
    assert [c.text for c in report.claims] == ["the rise was closer to 10%"]


def test_a_reporting_verb_the_tagger_took_for_a_noun_is_still_a_cue(extract) -> None:
    # "the Coastal Herald show": the tagger reads a TV show; the subject and the clause say otherwise.
    report = extract("Documents obtained by the Coastal Herald show that the mayor knew of the cracks.")
    assert [c.text for c in attributed(report)] == ["the mayor knew of the cracks"], describe(report)


@pytest.mark.parametrize("raising", ["is reported to have told aides", "is said to have warned"])
def test_the_subject_of_is_said_to_have_is_the_speaker(extract, raising) -> None:
    report = extract(f"Minister Ivo Brandt {raising} that the port would close.")
    assert chain_names(report, claim_about(report, "port would close")) == ["Ivo Brandt"], describe(report)


def test_of_two_subjects_the_one_before_the_cue_is_the_speaker(extract) -> None:
    # The parser gives "said" both "migrants" and "the coast guard" as subjects.
    report = extract(
        "At least 30 migrants drowned when their boat capsized off Valmor on Wednesday, the coast guard said."
    )
    claim = claim_about(report, "drowned")
    assert claim.text.startswith("At least 30 migrants drowned")
    assert chain_names(report, claim) == ["coast guard"], describe(report)


def test_a_clause_the_parser_read_as_a_noun_phrase_after_said(extract) -> None:
    report = extract("The General Staff, citing preliminary data, said the depot supplied fuel to the front.")
    claim = claim_about(report, "depot supplied fuel")
    assert claim.text == "the depot supplied fuel to the front", describe(report)
    source = report.source(claim.chain[-1].source)
    assert (source.name, source.type.value) == ("General Staff", "government_body")


def test_said_with_a_plain_object_is_no_claim(extract) -> None:
    report = extract("The minister said a prayer for the victims.")
    assert attributed(report) == [], describe(report)
