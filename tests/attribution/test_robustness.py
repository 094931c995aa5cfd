"""The engine never raises and always returns valid offsets, whatever the text (real model)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.attribution.reading import report_errors

QUOTE_MARKS = ['"', "'", "''", "``", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e", "\u201f"]
WORDS = [
    "said",
    "told",
    "according",
    "to",
    "as",
    "per",
    "citing",
    "quoted",
    "Reuters",
    "Mayor",
    "Ana",
    "Ribeiro",
    "he",
    "she",
    "it",
    "they",
    "the",
    "agency",
    "ministry",
    "that",
    "four",
    "people",
    "were",
    "injured",
    "14",
    "declined",
    "comment",
    "in",
    "a",
    "post",
    "on",
    "Telegram",
    ",",
    ".",
    ":",
    "?",
    "!",
    "\u2014",
    "-",
    "(",
    ")",
    "\n",
    "\n\n",
    " ",
    "\t",
    "\r\n",
]
SCRIPTS = [
    "\u041c\u0438\u043d\u0438\u0441\u0442\u0435\u0440\u0441\u0442\u0432\u043e",  # Cyrillic
    "\u0642\u0627\u0644 \u0627\u0644\u0645\u062a\u062d\u062f\u062b",  # Arabic
    "\u5916\u4ea4\u90e8\u8868\u793a",  # Chinese
    "\u0938\u0930\u0915\u093e\u0930 \u0928\u0947 \u0915\u0939\u093e",  # Devanagari
    "\U0001f4f0\U0001f525",  # emoji (outside the BMP)
    "e\u0301\u0301",  # stacked combining marks
    "\u200b\u200d\ufeff",  # zero-width characters
]

pieces = st.one_of(st.sampled_from(QUOTE_MARKS), st.sampled_from(WORDS), st.sampled_from(SCRIPTS))
composed = st.lists(pieces, max_size=60).map(lambda parts: " ".join(parts))
wild = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
control = st.text(
    alphabet=st.characters(min_codepoint=0, max_codepoint=0x20)
    | st.sampled_from([q for q in QUOTE_MARKS if len(q) == 1]),
    max_size=80,
)
mixed = st.lists(st.one_of(composed, wild, control), min_size=1, max_size=3).map("\n".join)

ROBUST = settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])


PUBLISHER = "Reuters"  # one of the words above: it must never appear in a chain


def check(extract, text: str, publisher: str | None = PUBLISHER) -> None:
    report = extract(text, publisher=publisher)
    assert report_errors(report, text) == []


@ROBUST
@given(text=wild)
def test_it_survives_any_text(extract, text) -> None:
    check(extract, text)


@ROBUST
@given(text=composed)
def test_it_survives_news_words_and_unbalanced_quotes(extract, text) -> None:
    check(extract, text)


@ROBUST
@given(text=mixed)
def test_it_survives_control_characters_and_other_scripts(extract, text) -> None:
    check(extract, text)


@pytest.mark.parametrize("text", ["", " ", "\n\n\n", "\t \r\n \u00a0 \u2003"])
def test_blank_text_gives_an_empty_report(extract, text) -> None:
    report = extract(text)
    assert report.claims == () and report.sources == () and report.attributions == () and report.discrepancies == ()
    assert report.to_dict()["format"] == "newsverify.chains/1"


def test_nul_and_control_characters(extract) -> None:
    text = "Mayor Ana Ribeiro said\x00 that the tunnel\x07 would open\x1b[0m in May.\x0c\x0b\x7f \x85\u2028Done."
    check(extract, text)


def test_a_claim_survives_control_characters_around_it(extract) -> None:
    text = "\x00\x01\x02\nMayor Ana Ribeiro said that the tunnel would open in May.\n\x03\x04"
    report = extract(text)
    assert report_errors(report, text) == []
    assert [c.text for c in report.claims if c.kind.value != "unattributed"] == ["the tunnel would open in May"]


def test_unbalanced_quotes_everywhere(extract) -> None:
    text = '"\u201c\u201d"\n\n\u00ab She said "it is \u201d late.\n\n"\n"Only an opener. \u201e\u201f\'\'``'
    check(extract, text)


@pytest.mark.slow
def test_a_single_line_of_one_megabyte_without_spaces(extract) -> None:
    text = "x" * 1_000_000
    report = extract(text)
    assert report_errors(report, text) == []


PARAGRAPH = (
    'Mayor Ana Ribeiro said that the tunnel would open in May. "It is ready," she said. '
    "According to the Harbour Authority, cargo volumes fell by a third, and four people were injured. "
)


@pytest.mark.slow
@pytest.mark.parametrize("separator", ["\n\n", ""], ids=["paragraphs", "one-line"])
def test_one_megabyte_of_news_finishes_with_valid_offsets(extract, separator) -> None:
    """About 80 to 100 s each on a laptop CPU: the whole megabyte goes through the parser."""
    unit = PARAGRAPH + separator
    text = unit * (1_000_000 // len(unit))
    report = extract(text)
    assert report_errors(report, text) == []
    said = [c for c in report.claims if c.text == "the tunnel would open in May"]
    assert len(said) == text.count("the tunnel would open in May")


NEWS = {
    "publisher-relays": "The Evening Ledger reported that the dam would hold, citing engineer Pia Laine.",
    "publisher-cited": "Cargo volumes fell by a third, Reuters reported, citing the Evening Ledger.",
    "nested": "The Lakeside Gazette reported that Mayor Ana Ribeiro said the tunnel would open in May.",
    "pronoun": "Mayor Ana Ribeiro spoke on Monday. She said that tolls would rise. "
    "\u201cWe have no choice,\u201d she added.",
    "framed": "Water flooded three villages, Reuters reported. Rescuers reached them by boat.\n\nThe river rose.",
    "quote-split": '"The blaze," fire chief Marta Kowalski said, "started in the kitchen."',
}


@pytest.mark.parametrize("name", list(NEWS))
def test_the_report_holds_together_on_news_sentences(extract, name) -> None:
    check(extract, NEWS[name], publisher="Evening Ledger")
