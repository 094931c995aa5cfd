"""Cue finding and text layout on hand-built input: no trained model, milliseconds per test.

The ``Doc`` objects below carry the words, heads, dependency labels, tags and lemmas a parser
would give, so ``cues.find_in_sentence`` is tested apart from the parser's mistakes.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from newsverify.attribution.cues import find_in_sentence
from newsverify.attribution.segment import QuoteIndex, chunks, paragraphs, quotes

# A blank English vocabulary: lexical attributes (lower case, punctuation) but no trained model.
VOCAB = spacy.blank("en").vocab


def make_doc(rows: list[tuple[str, bool, int, str, str, str, str]]) -> Doc:
    """One sentence from rows of (word, space after, head index, dep, pos, tag, lemma)."""
    words, spaces, heads, deps, pos, tags, lemmas = (list(col) for col in zip(*rows, strict=True))
    return Doc(
        VOCAB,
        words=words,
        spaces=spaces,
        heads=heads,
        deps=deps,
        pos=pos,
        tags=tags,
        lemmas=lemmas,
        sent_starts=[True] + [False] * (len(words) - 1),
    )


def find(doc: Doc):
    text = doc.text
    qidx = QuoteIndex(quotes(text, paragraphs(text)))
    sent = next(iter(doc.sents))
    return text, find_in_sentence(sent, 0, text, qidx)


def find_paragraph(doc: Doc):
    """As ``find``, for a sentence that opens its paragraph (where a speaker's label can stand)."""
    text = doc.text
    qidx = QuoteIndex(quotes(text, paragraphs(text)))
    return text, find_in_sentence(doc[:], 0, text, qidx, paragraph_end=len(text))


def spans(text: str, pairs: list[tuple[int, int]]) -> list[str]:
    return [text[s:e] for s, e in pairs]


SAID_THAT = [
    ("Miriam", True, 1, "compound", "PROPN", "NNP", "Miriam"),
    ("Osei", True, 2, "nsubj", "PROPN", "NNP", "Osei"),
    ("said", True, 2, "ROOT", "VERB", "VBD", "say"),
    ("that", True, 7, "mark", "SCONJ", "IN", "that"),
    ("the", True, 5, "det", "DET", "DT", "the"),
    ("bridge", True, 7, "nsubj", "NOUN", "NN", "bridge"),
    ("would", True, 7, "aux", "AUX", "MD", "would"),
    ("reopen", False, 2, "ccomp", "VERB", "VB", "reopen"),
    (".", False, 2, "punct", "PUNCT", ".", "."),
]


def test_it_reads_x_said_that_y() -> None:
    text, found = find(make_doc(SAID_THAT))
    assert len(found) == 1
    item = found[0]
    assert item.cue_kind == "verb"
    assert text[item.cue[0] : item.cue[1]] == "said"
    assert spans(text, item.content) == ["the bridge would reopen"]
    assert item.source is not None and item.source.span.text == "Miriam Osei"
    assert item.cited == [] and item.recipient is None and item.relay is None


INVERTED = [
    ("The", True, 1, "det", "DET", "DT", "the"),
    ("bridge", True, 3, "nsubj", "NOUN", "NN", "bridge"),
    ("will", True, 3, "aux", "AUX", "MD", "will"),
    ("reopen", False, 7, "ccomp", "VERB", "VB", "reopen"),
    (",", True, 7, "punct", "PUNCT", ",", ","),
    ("Miriam", True, 6, "compound", "PROPN", "NNP", "Miriam"),
    ("Osei", True, 7, "nsubj", "PROPN", "NNP", "Osei"),
    ("said", False, 7, "ROOT", "VERB", "VBD", "say"),
    (".", False, 7, "punct", "PUNCT", ".", "."),
]


def test_it_reads_y_comma_x_said() -> None:
    text, found = find(make_doc(INVERTED))
    assert len(found) == 1
    item = found[0]
    assert text[item.cue[0] : item.cue[1]] == "said"
    assert spans(text, item.content) == ["The bridge will reopen"]
    assert item.source is not None and item.source.span.text == "Miriam Osei"


def test_it_reads_y_comma_said_x() -> None:
    rows = [
        ("The", True, 1, "det", "DET", "DT", "the"),
        ("bridge", True, 3, "nsubj", "NOUN", "NN", "bridge"),
        ("will", True, 3, "aux", "AUX", "MD", "will"),
        ("reopen", False, 5, "ccomp", "VERB", "VB", "reopen"),
        (",", True, 5, "punct", "PUNCT", ",", ","),
        ("said", True, 5, "ROOT", "VERB", "VBD", "say"),
        ("Miriam", True, 7, "compound", "PROPN", "NNP", "Miriam"),
        ("Osei", False, 5, "nsubj", "PROPN", "NNP", "Osei"),
        (".", False, 5, "punct", "PUNCT", ".", "."),
    ]
    text, found = find(make_doc(rows))
    assert [spans(text, f.content) for f in found] == [["The bridge will reopen"]]
    assert found[0].source is not None and found[0].source.span.text == "Miriam Osei"


def test_it_reads_the_content_before_the_comma_when_the_parser_left_it_unattached() -> None:
    """'<content>, Reuters reported.' parsed with the content as an adverbial clause, not ccomp."""
    rows = [
        ("Fuel", True, 1, "compound", "NOUN", "NN", "fuel"),
        ("prices", True, 2, "nsubj", "NOUN", "NNS", "price"),
        ("rose", False, 5, "advcl", "VERB", "VBD", "rise"),
        (",", True, 5, "punct", "PUNCT", ",", ","),
        ("Reuters", True, 5, "nsubj", "PROPN", "NNP", "Reuters"),
        ("reported", False, 5, "ROOT", "VERB", "VBD", "report"),
        (".", False, 5, "punct", "PUNCT", ".", "."),
    ]
    text, found = find(make_doc(rows))
    assert len(found) == 1
    assert found[0].source is not None and found[0].source.span.text == "Reuters"
    assert spans(text, found[0].content) == ["Fuel prices rose"]


ACCORDING = [
    ("According", True, 8, "prep", "VERB", "VBG", "accord"),
    ("to", True, 0, "prep", "ADP", "IN", "to"),
    ("Miriam", True, 3, "compound", "PROPN", "NNP", "Miriam"),
    ("Osei", False, 1, "pobj", "PROPN", "NNP", "Osei"),
    (",", True, 8, "punct", "PUNCT", ",", ","),
    ("the", True, 6, "det", "DET", "DT", "the"),
    ("bridge", True, 8, "nsubj", "NOUN", "NN", "bridge"),
    ("will", True, 8, "aux", "AUX", "MD", "will"),
    ("reopen", False, 8, "ROOT", "VERB", "VB", "reopen"),
    (".", False, 8, "punct", "PUNCT", ".", "."),
]


def test_it_reads_according_to_x_y() -> None:
    text, found = find(make_doc(ACCORDING))
    assert len(found) == 1
    item = found[0]
    assert item.cue_kind == "according_to"
    assert text[item.cue[0] : item.cue[1]] == "According to"
    assert spans(text, item.content) == ["the bridge will reopen"]
    assert item.source is not None and item.source.span.text == "Miriam Osei"


QUOTED = [
    ("Miriam", True, 1, "compound", "PROPN", "NNP", "Miriam"),
    ("Osei", True, 2, "nsubj", "PROPN", "NNP", "Osei"),
    ("said", False, 2, "ROOT", "VERB", "VBD", "say"),
    (":", True, 2, "punct", "PUNCT", ":", ":"),
    ('"', False, 8, "punct", "PUNCT", "``", '"'),
    ("The", True, 6, "det", "DET", "DT", "the"),
    ("bridge", True, 8, "nsubj", "NOUN", "NN", "bridge"),
    ("will", True, 8, "aux", "AUX", "MD", "will"),
    ("reopen", False, 2, "ccomp", "VERB", "VB", "reopen"),
    (".", False, 8, "punct", "PUNCT", ".", "."),
    ('"', False, 8, "punct", "PUNCT", "''", '"'),
]


def test_it_takes_a_quote_after_the_cue_as_the_content() -> None:
    text, found = find(make_doc(QUOTED))
    assert text == 'Miriam Osei said: "The bridge will reopen."'
    assert len(found) == 1
    item = found[0]
    assert spans(text, item.content) == ["The bridge will reopen."]
    assert item.quote is not None and text[item.quote.start : item.quote.end] == '"The bridge will reopen."'


def test_a_refusal_to_comment_is_no_relation() -> None:
    rows = [
        ("The", True, 1, "det", "DET", "DT", "the"),
        ("port", True, 2, "nsubj", "NOUN", "NN", "port"),
        ("declined", True, 2, "ROOT", "VERB", "VBD", "decline"),
        ("to", True, 4, "aux", "PART", "TO", "to"),
        ("comment", False, 2, "xcomp", "VERB", "VB", "comment"),
        (".", False, 2, "punct", "PUNCT", ".", "."),
    ]
    _, found = find(make_doc(rows))
    assert found == []


def test_a_citing_participle_is_recorded_as_a_cited_source() -> None:
    rows = [
        ("Reuters", True, 1, "nsubj", "PROPN", "NNP", "Reuters"),
        ("reported", False, 1, "ROOT", "VERB", "VBD", "report"),
        (",", True, 1, "punct", "PUNCT", ",", ","),
        ("citing", True, 1, "advcl", "VERB", "VBG", "cite"),
        ("Interfax", False, 3, "dobj", "PROPN", "NNP", "Interfax"),
        (",", True, 1, "punct", "PUNCT", ",", ","),
        ("that", True, 8, "mark", "SCONJ", "IN", "that"),
        ("prices", True, 8, "nsubj", "NOUN", "NNS", "price"),
        ("rose", False, 1, "ccomp", "VERB", "VBD", "rise"),
        (".", False, 1, "punct", "PUNCT", ".", "."),
    ]
    text, found = find(make_doc(rows))
    assert len(found) == 1
    item = found[0]
    assert text[item.cue[0] : item.cue[1]] == "reported"
    assert spans(text, item.content) == ["prices rose"]
    assert [ref.span.text for ref in item.cited] == ["Interfax"]


# A transcript quoted whole: the quotation mark opens the paragraph, before the speaker's label;
# the small model often tags a capitalised surname as a verb.
QUOTED_TRANSCRIPT = [
    ('"', False, 1, "punct", "PUNCT", "``", '"'),
    ("RIBEIRO", False, 1, "ROOT", "VERB", "VBN", "ribeiro"),
    (":", True, 1, "punct", "PUNCT", ":", ":"),
    ("The", True, 4, "det", "DET", "DT", "the"),
    ("tunnel", True, 6, "nsubj", "NOUN", "NN", "tunnel"),
    ("will", True, 6, "aux", "AUX", "MD", "will"),
    ("open", True, 6, "ROOT", "VERB", "VB", "open"),
    ("in", True, 6, "prep", "ADP", "IN", "in"),
    ("May", False, 7, "pobj", "PROPN", "NNP", "May"),
    (".", False, 6, "punct", "PUNCT", ".", "."),
]


def test_a_speakers_label_after_the_quotation_mark_of_a_quoted_transcript() -> None:
    text, found = find_paragraph(make_doc(QUOTED_TRANSCRIPT))
    labels = [f for f in found if f.cue_kind == "label"]
    assert len(labels) == 1
    assert labels[0].source is not None and labels[0].source.span.text == "RIBEIRO"
    assert spans(text, labels[0].content) == ["The tunnel will open in May."]


def test_a_title_case_word_tagged_as_a_verb_is_no_speakers_label() -> None:
    rows = [
        ("Revised", True, 0, "ROOT", "VERB", "VBN", "revise"),
        (":", True, 0, "punct", "PUNCT", ":", ":"),
        ("the", True, 3, "det", "DET", "DT", "the"),
        ("timetable", True, 4, "nsubj", "NOUN", "NN", "timetable"),
        ("starts", True, 4, "ROOT", "VERB", "VBZ", "start"),
        ("in", True, 4, "prep", "ADP", "IN", "in"),
        ("May", False, 5, "pobj", "PROPN", "NNP", "May"),
        (".", False, 4, "punct", "PUNCT", ".", "."),
    ]
    _, found = find_paragraph(make_doc(rows))
    assert [f for f in found if f.cue_kind == "label"] == []


# --- segment: paragraphs, chunks, quotes (plain text, no parse) ------------------------------


def test_paragraphs_split_at_blank_lines_and_at_lines_that_end_sentences() -> None:
    text = "First line one.\nSecond line.\n\n  Third para.  \n"
    paras = paragraphs(text)
    assert [text[p.start : p.end] for p in paras] == ["First line one.", "Second line.", "Third para."]
    assert [p.index for p in paras] == [0, 1, 2]


def test_hard_wrapped_lines_are_one_paragraph() -> None:
    text = "This is a hard\nwrapped paragraph that goes\non for lines and ends.\n\nNext."
    assert [text[p.start : p.end] for p in paragraphs(text)] == [
        "This is a hard\nwrapped paragraph that goes\non for lines and ends.",
        "Next.",
    ]


@pytest.mark.parametrize("byline", ["By Pia Laine", "By PIA LAINE and Omar Salas", "By Pia Laine, Omar Salas"])
def test_a_byline_line_is_never_wrapped_into_the_headline(byline) -> None:
    text = f"Tunnel to open in May\n{byline}\nWork on the northern approach began"
    assert [text[p.start : p.end] for p in paragraphs(text)] == [
        "Tunnel to open in May",
        byline,
        "Work on the northern approach began",
    ]


def test_a_line_starting_with_by_inside_wrapped_prose_stays_wrapped() -> None:
    text = "The plan was approved\nBy a wide margin the council\nvoted for the new budget"
    assert len(paragraphs(text)) == 1


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n", "\t \r\n \n"])
def test_blank_text_has_no_paragraphs(text) -> None:
    assert paragraphs(text) == []


def test_paragraphs_handle_crlf() -> None:
    text = "One.\r\n\r\nTwo.\r\n"
    assert [text[p.start : p.end] for p in paragraphs(text)] == ["One.", "Two."]


def quoted(text: str) -> list[tuple[str, str, bool]]:
    return [
        (text[q.start : q.end], text[q.inner_start : q.inner_end], q.closed) for q in quotes(text, paragraphs(text))
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "It is fine." Then left.', [('"It is fine."', "It is fine.", True)]),
        ("He said \u201cIt is fine.\u201d", [("\u201cIt is fine.\u201d", "It is fine.", True)]),
        ("He said ''It is fine.'' ok", [("''It is fine.''", "It is fine.", True)]),
        ("``Old style,'' he said.", [("``Old style,''", "Old style,", True)]),
        ('He said "It is fine.\u201d', [('"It is fine.\u201d', "It is fine.", True)]),
        ("He said \u00abIt is fine.\u00bb", [("\u00abIt is fine.\u00bb", "It is fine.", True)]),
        ("It's the 90' mark, isn't it", []),
    ],
    ids=["straight", "typographic", "apostrophes", "backticks", "mismatched", "guillemets", "apostrophes-only"],
)
def test_quotes_of_every_kind(text, expected) -> None:
    assert quoted(text) == expected


def test_a_quote_runs_over_two_paragraphs_when_the_next_opens_with_a_mark() -> None:
    text = 'He said "It is fine.\n\n"And more." The end.'
    assert quoted(text) == [('"It is fine.\n\n"And more."', 'It is fine.\n\n"And more.', True)]


def test_an_unclosed_quote_ends_with_its_paragraph() -> None:
    text = 'He said "It is fine.\n\nNo quote here.'
    assert quoted(text) == [('"It is fine.', "It is fine.", False)]


def test_quote_index_finds_quotes_around_and_next_to_an_offset() -> None:
    text = 'A "one two three." B "four five six." C'
    index = QuoteIndex(quotes(text, paragraphs(text)))
    first, second = index.quotes
    assert index.containing(first.start + 1) is first
    assert index.containing(text.index("B")) is None
    assert index.starting_after(text.index("B"), len(text)) is second
    assert index.ending_before(text.index("C"), lower=0) is second
    assert index.overlapping(0, len(text)) == [first, second]


def test_chunks_cut_long_paragraphs_at_sentence_ends() -> None:
    text = "Sentence one is here. " * 400
    pieces = chunks(text, 0, len(text), limit=1000)
    assert all(e - s <= 1000 for s, e in pieces)
    assert all(text[s:e].endswith(".") and text[s:e].startswith("Sentence") for s, e in pieces)
    assert "".join(text[s:e] + " " for s, e in pieces) == text


def test_chunks_cut_a_line_without_spaces_anywhere() -> None:
    text = "a" * 12000
    assert chunks(text, 0, len(text), limit=5000) == [(0, 5000), (5000, 10000), (10000, 12000)]


def test_chunks_leave_a_short_paragraph_whole_but_stripped() -> None:
    text = "  Short paragraph.  "
    assert chunks(text, 0, len(text)) == [(2, 18)]
