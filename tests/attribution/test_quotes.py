"""Direct quotes: cue before, inside or after; several sentences; continuations; quote marks
of every kind (real model)."""

from __future__ import annotations

import pytest

from tests.attribution.reading import attributed, chain_names, claim_about, describe, evidence


def test_a_quote_of_several_sentences_after_the_cue_is_one_direct_claim(extract) -> None:
    report = extract(
        'Fire chief Marta Kowalski said: "The blaze started in the kitchen. It spread to the roof within minutes. '
        'Nobody was hurt."'
    )
    claim = claim_about(report, "blaze")
    assert claim.kind.value == "direct"
    assert claim.text == "The blaze started in the kitchen. It spread to the roof within minutes. Nobody was hurt."
    assert chain_names(report, claim) == ["Marta Kowalski"]
    assert len(attributed(report)) == 1


def test_a_quote_before_the_cue(extract) -> None:
    report = extract(
        '"The blaze started in the kitchen. It spread to the roof within minutes," fire chief Marta Kowalski said.'
    )
    claim = claim_about(report, "blaze")
    assert claim.kind.value == "direct"
    assert claim.text == "The blaze started in the kitchen. It spread to the roof within minutes"
    assert chain_names(report, claim) == ["Marta Kowalski"]


def test_a_cue_inside_an_unquoted_sentence_reports_the_sentence_around_it(extract) -> None:
    report_text = "Fire chief Marta Kowalski spoke at the scene. The blaze, she said, was the worst in a decade."
    report = extract(report_text)
    claim = claim_about(report, "worst")
    assert claim.kind.value == "indirect"
    assert claim.text == "The blaze, she said, was the worst in a decade"
    assert chain_names(report, claim) == ["Marta Kowalski"]
    assert evidence(claim) == ["coreference"]
    attribution = next(a for a in report.attributions if a.id == claim.attribution)
    assert attribution.source is not None and attribution.source.text == "she"
    assert [report_text[s:e] for s, e in attribution.content.fragments] == ["The blaze", "was the worst in a decade"]


def test_a_quote_split_by_its_cue_keeps_both_halves(extract) -> None:
    report = extract(
        'Fire chief Marta Kowalski arrived at noon. "The blaze," she said, "started in the kitchen of the old mill."'
    )
    claim = claim_about(report, "kitchen")
    assert claim.kind.value == "direct"
    assert "The blaze" in claim.text
    assert chain_names(report, claim) == ["Marta Kowalski"]
    attribution = next(a for a in report.attributions if a.id == claim.attribution)
    text = 'Fire chief Marta Kowalski arrived at noon. "The blaze," she said, "started in the kitchen of the old mill."'
    assert [text[s:e] for s, e in attribution.content.fragments] == [
        "The blaze",
        "started in the kitchen of the old mill.",
    ]


def test_a_following_quote_with_no_cue_continues_the_speaker(extract) -> None:
    report = extract(
        'Fire chief Marta Kowalski arrived at noon. "The blaze started in the kitchen," she said. '
        '"It spread to the roof within minutes."'
    )
    claims = attributed(report)
    assert all(chain_names(report, c) == ["Marta Kowalski"] for c in claims), describe(report)
    assert all(c.kind.value == "direct" for c in claims)
    joined = " ".join(c.text for c in claims)
    assert "The blaze started in the kitchen" in joined
    assert "It spread to the roof within minutes." in joined


def test_a_quote_in_the_next_paragraph_continues_the_speaker(extract) -> None:
    report = extract(
        'Engineer Lena Petrova said: "The dam was built in 1962 and never repaired."\n\n'
        '"We warned the council three times and nothing happened."'
    )
    claim = claim_about(report, "warned the council")
    assert claim.kind.value == "direct"
    assert chain_names(report, claim) == ["Lena Petrova"]
    # No cue and no name in its sentence: the speaker is carried from the quote before (context).
    assert evidence(claim) == ["context"]


def test_a_quote_running_over_two_paragraphs_is_one_claim(extract) -> None:
    text = (
        'Fire chief Marta Kowalski said: "The blaze started in the kitchen.\n\n'
        '"It spread to the roof within minutes, and the crews could not reach it."'
    )
    report = extract(text)
    claim = claim_about(report, "The blaze started")
    assert "crews could not reach it" in claim.text
    assert claim.kind.value == "direct"
    assert chain_names(report, claim) == ["Marta Kowalski"]


@pytest.mark.parametrize(
    "quoted",
    [
        "\u201cThe blaze started in the kitchen and spread fast.\u201d",  # typographic
        '"The blaze started in the kitchen and spread fast."',  # straight
        '"The blaze started in the kitchen and spread fast.\u201d',  # mismatched
        "\u201cThe blaze started in the kitchen and spread fast.\u201c",  # opener used as closer
        "''The blaze started in the kitchen and spread fast.''",  # double apostrophes
        "\u00abThe blaze started in the kitchen and spread fast.\u00bb",  # guillemets
    ],
    ids=["typographic", "straight", "mismatched", "two-openers", "apostrophes", "guillemets"],
)
def test_it_reads_every_kind_of_quote_mark(extract, quoted) -> None:
    report = extract(f"Fire chief Marta Kowalski said, {quoted}")
    claim = claim_about(report, "blaze")
    assert claim.kind.value == "direct"
    assert claim.text == "The blaze started in the kitchen and spread fast."
    assert chain_names(report, claim) == ["Marta Kowalski"]


def test_an_unclosed_quote_ends_with_its_paragraph(extract) -> None:
    report = extract('Fire chief Marta Kowalski said, "We will rebuild the mill.\n\nThe town council met on Friday.')
    claim = claim_about(report, "rebuild")
    assert claim.text == "We will rebuild the mill."
    assert claim.kind.value == "direct"
    assert not any("council" in c.text for c in attributed(report))


def test_a_paraphrase_with_a_quoted_fragment_is_mixed(extract) -> None:
    report = extract('Engineer Lena Petrova said the repairs would only "buy a few more years" for the dam.')
    claim = claim_about(report, "repairs")
    assert claim.kind.value == "mixed"
    assert claim.text == 'the repairs would only "buy a few more years" for the dam'
    assert chain_names(report, claim) == ["Lena Petrova"]


def test_a_scare_quote_does_not_make_a_claim_direct(extract) -> None:
    report = extract('Engineer Lena Petrova said the "temporary" repairs had lasted for forty years.')
    claim = claim_about(report, "repairs")
    assert claim.kind.value == "mixed"
    assert chain_names(report, claim) == ["Lena Petrova"]


def test_a_labelling_verb_joined_to_a_said_clause(extract) -> None:
    report = extract(
        'Fire chief Marta Kowalski said the blaze started in the kitchen and called it "a tragedy for the whole town".'
    )
    first = claim_about(report, "kitchen")
    second = claim_about(report, "tragedy")
    assert first.text == "the blaze started in the kitchen"
    assert chain_names(report, first) == ["Marta Kowalski"]
    assert chain_names(report, second) == ["Marta Kowalski"]


def test_a_quote_of_several_paragraphs_with_the_cue_at_its_end(extract) -> None:
    report = extract(
        "Engineer Lena Petrova spoke to the council.\n\n"
        '"The dam was built in 1962. Nobody has repaired it since.\n\n'
        '"We warned the council three times and nothing happened," she said.'
    )
    claim = claim_about(report, "built in 1962")
    assert "We warned the council three times" in claim.text
    assert claim.kind.value == "direct"
    assert chain_names(report, claim) == ["Lena Petrova"]


def test_a_quoted_question_keeps_its_speaker(extract) -> None:
    report = extract('"Why was the dam not inspected?" asked Lena Petrova.')
    claim = claim_about(report, "inspected")
    assert claim.text == "Why was the dam not inspected?"
    assert chain_names(report, claim) == ["Lena Petrova"]


def test_german_style_low_high_quotes(extract) -> None:
    report = extract("\u201eThe tunnel is safe and will open in May,\u201c Mayor Ana Ribeiro said.")
    claim = claim_about(report, "tunnel")
    assert claim.kind.value == "direct"
    assert claim.text == "The tunnel is safe and will open in May"


@pytest.mark.parametrize(
    "text",
    [
        "\u2018The tunnel is safe and will open in May,\u2019 Mayor Ana Ribeiro said.",
        "Mayor Ana Ribeiro said: \u2018The tunnel is safe and will open in May.\u2019",
    ],
    ids=["before-cue", "after-cue"],
)
def test_british_single_quotes_make_a_direct_quote(extract, text) -> None:
    report = extract(text)
    claim = claim_about(report, "tunnel")
    assert claim.kind.value == "direct"
    assert chain_names(report, claim) == ["Ana Ribeiro"]


def test_describe_as_with_a_quoted_label_is_mixed(extract) -> None:
    report = extract('Mayor Ana Ribeiro described the delay as "regrettable but unavoidable".')
    claim = claim_about(report, "regrettable")
    assert claim.kind.value == "mixed"
    assert chain_names(report, claim) == ["Ana Ribeiro"]


def test_call_with_a_quoted_label_is_mixed(extract) -> None:
    report = extract('Mayor Ana Ribeiro called the tunnel "the safest in Europe".')
    claim = claim_about(report, "safest")
    assert claim.kind.value == "mixed"
    assert claim.cue is not None and claim.cue.text == "called"
    assert chain_names(report, claim) == ["Ana Ribeiro"]


def test_a_quote_that_mentions_someone_elses_words_goes_on_from_the_quote_before(extract) -> None:
    text = (
        'Fire chief Marta Kowalski was angry. "The owner ignored us for years," she said. "He is not as careful as '
        'he says he is. He never fixed the wiring."'
    )
    report = extract(text)
    # The next quote is a claim of its own (see test_quotes_split.py), carried from this one.
    assert claim_about(report, "ignored us").text == "The owner ignored us for years"
    assert "He never fixed the wiring." in claim_about(report, "never fixed").text
    assert chain_names(report, claim_about(report, "never fixed")) == ["Marta Kowalski"], describe(report)


def test_a_long_quote_that_mentions_words_in_passing_is_still_a_claim(extract) -> None:
    report = extract('"He is not as careful as he says he is, and he never fixed the wiring," Marta Kowalski said.')
    claim = claim_about(report, "never fixed the wiring")
    assert claim.kind.value == "direct"
    assert chain_names(report, claim) == ["Marta Kowalski"], describe(report)


@pytest.mark.parametrize("dash", ["\u2015", "\u2014"])
def test_lines_of_quotes_signed_with_a_dash_each_have_their_speaker(extract, dash) -> None:
    report = extract(
        f"\u201cThe tunnel was a mistake. It cost too much.\u201d {dash} Pia Laine\n"
        f"\u201cThe tunnel saves me an hour a day.\u201d {dash} Omar Salas\n"
    )
    assert chain_names(report, claim_about(report, "cost too much")) == ["Pia Laine"], describe(report)
    assert chain_names(report, claim_about(report, "saves me an hour")) == ["Omar Salas"]


def test_apostrophes_do_not_close_a_british_quote(extract) -> None:
    report = extract("\u2018The ministry\u2019s plan won\u2019t work,\u2019 Mayor Ana Ribeiro said.")
    claim = claim_about(report, "plan won")
    assert claim.text == "The ministry\u2019s plan won\u2019t work"
    assert claim.kind.value == "direct"


def test_single_quotes_inside_a_double_quote_are_part_of_it(extract) -> None:
    report = extract('"He told me \u2018no\u2019 and walked off," Mayor Ana Ribeiro said.')
    claim = claim_about(report, "walked off")
    assert claim.text == "He told me \u2018no\u2019 and walked off" and claim.kind.value == "direct"
