"""One quote by one speaker with one cue is one attribution, whose content covers every part:
the halves of a split quote, the quotes after a partly quoted sentence, a question before its
cue, and a quote signed with a dash (real model; sentences written for these tests)."""

from __future__ import annotations

import pytest

from newsverify.attribution import ChainReport
from newsverify.attribution.types import Attribution
from tests.attribution.reading import describe


def top_level(report: ChainReport) -> list[Attribution]:
    return [a for a in report.attributions if a.parent is None]


def parts(text: str, attribution: Attribution) -> list[str]:
    content = attribution.content
    spans = content.fragments or ((content.start, content.end),)
    return [text[s:e] for s, e in spans]


def the_one_about(report: ChainReport, words: str) -> Attribution:
    found = [a for a in top_level(report) if words in a.content.text]
    assert len(found) == 1, describe(report)
    return found[0]


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        (
            '"I like the harbour plan," Mayor Ana Ribeiro said, but "when it comes to money, the plan has '
            'a history of overruns."',
            "harbour plan",
            "when it comes to money, the plan has a history of overruns.",
        ),
        (
            'The harbour plan "has no money left," Mayor Ana Ribeiro said, and still "has no support from the voters."',
            "no money left",
            "has no support from the voters.",
        ),
    ],
    ids=["but", "and-still"],
)
def test_the_second_half_of_a_split_quote_is_the_same_attribution(extract, text, first, second) -> None:
    report = extract(text)
    attribution = the_one_about(report, first)
    assert parts(text, attribution)[-1] == second, describe(report)
    assert attribution.cue is not None and attribution.cue.text == "said"
    assert attribution.source is not None and attribution.source.text == "Mayor Ana Ribeiro"
    assert len(top_level(report)) == 1, describe(report)


def test_a_quote_after_a_partly_quoted_sentence_goes_on_with_its_attribution(extract) -> None:
    text = (
        '"I have respect for the design" of the new bridge, engineer Lena Petrova said. '
        '"It is more detailed than the old one. But I have concerns about the cost."'
    )
    report = extract(text)
    attribution = the_one_about(report, "respect for the design")
    assert parts(text, attribution)[-1] == "It is more detailed than the old one. But I have concerns about the cost."
    assert len(top_level(report)) == 1, describe(report)


def test_a_question_before_its_cue_is_the_content_though_the_parser_ends_the_sentence_there(extract) -> None:
    text = '"How many more bridges have to fall in this city?" Mayor Ana Ribeiro asked. "The north one fell last year."'
    report = extract(text)
    attribution = the_one_about(report, "How many more bridges")
    assert parts(text, attribution) == [
        "How many more bridges have to fall in this city?",
        "The north one fell last year.",
    ], describe(report)
    assert attribution.source is not None and attribution.source.text == "Mayor Ana Ribeiro"


@pytest.mark.parametrize(
    "signature",
    ["\u201d\u2015 Maria Lopez", "\u201d \u2015\u00a0Maria Lopez", "\u201d \u2015 Maria Lopez"],
    ids=["dash-glued-to-quote", "no-break-space", "spaces"],
)
def test_a_quote_signed_with_a_dash_names_its_source(extract, signature) -> None:
    quote = "\u201cThe coach must stop blaming the referees for every loss."
    text = f"Readers wrote in after the match.\n{quote}{signature}\n"
    report = extract(text)
    attribution = the_one_about(report, "blaming the referees")
    assert attribution.source is not None and attribution.source.text == "Maria Lopez", describe(report)
    assert attribution.cue is not None and attribution.cue.text == "\u2015"


def test_a_new_quote_after_a_full_stop_is_not_a_split_half(extract) -> None:
    text = '"The roads are bad," Mayor Ana Ribeiro said. Then the council voted, and "nobody asked the drivers."'
    report = extract(text)
    first = the_one_about(report, "roads are bad")
    assert parts(text, first) == ["The roads are bad"], describe(report)


@pytest.mark.parametrize(
    ("text", "source", "cue", "expected"),
    [
        (
            "A union of pilots endorsed the mayor on Friday.",
            "A union of pilots endorsed the mayor",
            "endorsed",
            "A union of pilots",
        ),
        (
            "said Mr. Burns (a view shared by the council",
            "Mr. Burns (a view shared by the council",
            "said",
            "Mr. Burns",
        ),
        ("Rep. Ana Ribeiro (D-Ore.) said", "Rep. Ana Ribeiro (D-Ore.)", "said", "Rep. Ana Ribeiro (D-Ore.)"),
    ],
    ids=["over-the-cue", "unclosed-aside", "closed-aside-kept"],
)
def test_a_source_phrase_stops_short_of_its_cue_and_of_an_unclosed_aside(text, source, cue, expected) -> None:
    from newsverify.attribution.analysis import _clipped

    start = text.index(source)
    at = text.index(cue)
    s, e = _clipped(text, start, start + len(source), (at, at + len(cue)))
    assert text[s:e] == expected
