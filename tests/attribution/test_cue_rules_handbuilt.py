"""The cue rules of ``CUE_RULES`` on hand-built parses: no trained model, milliseconds per test."""

from __future__ import annotations

from newsverify.attribution.cues import CUE_RULES
from tests.attribution.test_cues_handbuilt import find, make_doc, spans

PER_RATE = [
    ("Shops", True, 1, "nsubj", "NOUN", "NNS", "shop"),
    ("sold", True, 1, "ROOT", "VERB", "VBD", "sell"),
    ("two", True, 3, "nummod", "NUM", "CD", "two"),
    ("packs", True, 1, "dobj", "NOUN", "NNS", "pack"),
    ("per", True, 3, "prep", "ADP", "IN", "per"),
    ("transaction", False, 4, "pobj", "NOUN", "NN", "transaction"),
    (".", False, 1, "punct", "PUNCT", ".", "."),
]

PER_SOURCE = [
    ("Fares", True, 1, "nsubj", "NOUN", "NNS", "fare"),
    ("rose", False, 1, "ROOT", "VERB", "VBD", "rise"),
    (",", True, 1, "punct", "PUNCT", ",", ","),
    ("per", True, 1, "prep", "ADP", "IN", "per"),
    ("the", True, 5, "det", "DET", "DT", "the"),
    ("Herald", False, 3, "pobj", "PROPN", "NNP", "Herald"),
    (".", False, 1, "punct", "PUNCT", ".", "."),
]


def test_the_rules_are_named_and_ordered() -> None:
    names = [rule.name for rule in CUE_RULES]
    assert len(names) == len(set(names))
    assert names.index("according to") < names.index("reporting verb")


def test_per_before_a_bare_noun_is_a_rate_not_a_source() -> None:
    _, found = find(make_doc(PER_RATE))
    assert found == []


def test_per_before_a_determined_noun_is_according_to() -> None:
    text, found = find(make_doc(PER_SOURCE))
    [item] = found
    assert item.cue_kind == "according_to"
    assert spans(text, item.content) == ["Fares rose"]
    assert item.source is not None and item.source.span.text == "the Herald"


# Ana told the Herald, "We will rebuild the mill."
TOLD_OUTLET_QUOTE = [
    ("Ana", True, 1, "nsubj", "PROPN", "NNP", "Ana"),
    ("told", True, 1, "ROOT", "VERB", "VBD", "tell"),
    ("the", True, 3, "det", "DET", "DT", "the"),
    ("Herald", False, 1, "dobj", "PROPN", "NNP", "Herald"),
    (",", True, 1, "punct", "PUNCT", ",", ","),
    ('"', False, 8, "punct", "PUNCT", "``", '"'),
    ("We", True, 8, "nsubj", "PRON", "PRP", "we"),
    ("will", True, 8, "aux", "AUX", "MD", "will"),
    ("rebuild", True, 1, "ccomp", "VERB", "VB", "rebuild"),
    ("the", True, 10, "det", "DET", "DT", "the"),
    ("mill", False, 8, "dobj", "NOUN", "NN", "mill"),
    (".", False, 8, "punct", "PUNCT", ".", "."),
    ('"', False, 8, "punct", "PUNCT", "''", '"'),
]


def test_the_object_of_told_stands_between_cue_and_quote() -> None:
    text, found = find(make_doc(TOLD_OUTLET_QUOTE))
    [item] = found
    assert item.quote is not None
    assert spans(text, item.content) == ["We will rebuild the mill."]
    assert item.recipient is not None and item.recipient.span.text == "the Herald"
