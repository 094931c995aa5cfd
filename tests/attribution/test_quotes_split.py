"""Quotes cut short or fused: what stands between a cue and its quote, a quote after "X said."
as a claim of its own, a second cue after a quote, quote-only cues (real model)."""

from __future__ import annotations

import pytest

from tests.attribution.reading import attributed, chain_names, claim_about, describe, evidence


@pytest.mark.parametrize(
    "sentence",
    [
        'Ana Ribeiro told the Coastal Herald, "We will rebuild the mill. It is not much to ask."',
        'The mayor told reporters after the hearing "We will rebuild the mill. It is not much to ask."',
        'Mayor Ana Ribeiro said on Wednesday, "We will rebuild the mill. It is not much to ask."',
        'The mayor told the council via a video link: "We will rebuild the mill. It is not much to ask."',
    ],
    ids=["told-outlet", "told-after-adjunct", "said-on-day", "told-via-colon"],
)
def test_an_object_or_adjunct_between_cue_and_quote_keeps_the_whole_quote(extract, sentence) -> None:
    report = extract(sentence)
    claim = claim_about(report, "rebuild the mill")
    assert claim.text == "We will rebuild the mill. It is not much to ask.", describe(report)
    assert claim.kind.value == "direct"


def test_an_aside_between_cue_and_quote_leaves_the_quote_to_the_cue(extract) -> None:
    report = extract(
        "Council leader Ivo Brandt commented on the vote \u2014 which the Gazette called a rare step \u2014 "
        '"However it is presented, the purpose of the delay is to stop the inquiry."'
    )
    claim = claim_about(report, "purpose of the delay")
    assert chain_names(report, claim) == ["Ivo Brandt"], describe(report)


@pytest.mark.parametrize(
    "text",
    [
        '"We knew the bridge was weak," engineer Lena Petrova said. "Nobody listened. The council had other plans."',
        '"We knew the bridge was weak", said engineer Lena Petrova. "Nobody listened. The council had other plans."',
        'Engineer Lena Petrova said: "We knew the bridge was weak." "Nobody listened. The council had other plans."',
    ],
    ids=["said-after", "said-inverted", "said-before"],
)
def test_a_quote_after_the_cued_one_is_a_claim_of_its_own_carried_from_it(extract, text) -> None:
    report = extract(text)
    first = claim_about(report, "bridge was weak")
    assert "Nobody" not in first.text, describe(report)
    assert first.cue is not None
    second = claim_about(report, "Nobody listened")
    assert second.text == "Nobody listened. The council had other plans."
    assert second.cue is None and second.kind.value == "direct"
    assert chain_names(report, second) == ["Lena Petrova"]
    assert evidence(second) == ["context"]


def test_a_second_cue_after_a_quote_takes_the_next_quote(extract) -> None:
    report = extract(
        'Foreign Minister Ivo Brandt said, "As far as I know, this would be the first such case", adding, '
        '"For us, this man is a criminal".'
    )
    first = claim_about(report, "first such case")
    second = claim_about(report, "this man is a criminal")
    assert first is not second, describe(report)
    assert "criminal" not in first.text
    assert chain_names(report, first) == chain_names(report, second) == ["Ivo Brandt"]


@pytest.mark.parametrize(
    "text",
    [
        'Lena Petrova spoke after the vote. "Overall," she continued, "the repairs have held up well."',
        'Lena Petrova spoke after the vote. She continued, "Overall the repairs have held up well."',
    ],
)
def test_continued_sets_off_a_quote(extract, text) -> None:
    report = extract(text)
    claim = claim_about(report, "held up well")
    assert chain_names(report, claim) == ["Lena Petrova"], describe(report)
    assert claim.kind.value == "direct"


def test_continued_without_a_quote_is_no_cue(extract) -> None:
    report = extract("The rescue teams continued to search the rubble on Friday.")
    assert attributed(report) == [], describe(report)


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        (
            'Halvard Shipping released a statement which read, in part, "The ruling raises hard questions for '
            'every port."',
            "Halvard Shipping",
        ),
        (
            "The Harbour Authority issued a statement saying that the port would stay shut until May.",
            "Harbour Authority",
        ),
        ("The county police put out a statement that said two officers had been hurt.", "county police"),
    ],
)
def test_a_statement_put_out_by_a_source_is_that_sources(extract, sentence, source) -> None:
    report = extract(sentence)
    [claim] = attributed(report)
    assert chain_names(report, claim) == [source], describe(report)
    assert claim.chain[0].medium == "statement"


def test_the_quote_after_the_cued_one_stays_in_the_same_attribution(extract) -> None:
    text = '"We knew the bridge was weak," engineer Lena Petrova said. "Nobody listened."'
    report = extract(text)
    first, second = claim_about(report, "bridge was weak"), claim_about(report, "Nobody listened")
    assert first.attribution is not None and first.attribution == second.attribution, describe(report)
    [attribution] = report.attributions
    assert [text[s:e] for s, e in attribution.content.fragments] == ["We knew the bridge was weak", "Nobody listened."]


def test_a_participle_after_the_quote_keeps_the_outlet_spoken_to(extract) -> None:
    report = extract(
        'Ivo Brandt of the University of Tarsk, speaking to the Valmor Gazette, said, "The ruling is clear", '
        'also observing, "there is no common law on this across borders".'
    )
    for words in ("ruling is clear", "no common law"):
        speaker, relay = chain_names(report, claim_about(report, words))
        assert speaker.startswith("Ivo Brandt") and relay == "Valmor Gazette", describe(report)
