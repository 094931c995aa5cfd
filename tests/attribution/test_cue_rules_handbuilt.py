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


# The mayor has called for closing the pier.
CALLED_FOR_GERUND = [
    ("The", True, 1, "det", "DET", "DT", "the"),
    ("mayor", True, 3, "nsubj", "NOUN", "NN", "mayor"),
    ("has", True, 3, "aux", "AUX", "VBZ", "have"),
    ("called", True, 3, "ROOT", "VERB", "VBN", "call"),
    ("for", True, 3, "prep", "ADP", "IN", "for"),
    ("closing", True, 4, "pcomp", "VERB", "VBG", "close"),
    ("the", True, 7, "det", "DET", "DT", "the"),
    ("pier", False, 5, "dobj", "NOUN", "NN", "pier"),
    (".", False, 3, "punct", "PUNCT", ".", "."),
]

# The union is calling for the harbour master to resign.
CALLING_FOR_TO = [
    ("The", True, 1, "det", "DET", "DT", "the"),
    ("union", True, 3, "nsubj", "NOUN", "NN", "union"),
    ("is", True, 3, "aux", "AUX", "VBZ", "be"),
    ("calling", True, 3, "ROOT", "VERB", "VBG", "call"),
    ("for", True, 9, "mark", "SCONJ", "IN", "for"),
    ("the", True, 7, "det", "DET", "DT", "the"),
    ("harbour", True, 7, "compound", "NOUN", "NN", "harbour"),
    ("master", True, 9, "nsubj", "NOUN", "NN", "master"),
    ("to", True, 9, "aux", "PART", "TO", "to"),
    ("resign", False, 3, "advcl", "VERB", "VB", "resign"),
    (".", False, 3, "punct", "PUNCT", ".", "."),
]


def test_called_for_a_gerund_is_a_demand_with_its_content() -> None:
    text, found = find(make_doc(CALLED_FOR_GERUND))
    [item] = found
    assert text[item.cue[0] : item.cue[1]] == "called"
    assert spans(text, item.content) == ["closing the pier"]
    assert item.source is not None and item.source.span.text == "The mayor"
    assert item.request  # a demand: an attribution, never a claim


def test_calling_for_someone_to_act_is_a_demand_without_its_for() -> None:
    text, found = find(make_doc(CALLING_FOR_TO))
    [item] = found
    assert spans(text, item.content) == ["the harbour master to resign"]
    assert item.source is not None and item.source.span.text == "The union"
    assert item.request
