"""Cues and contents the parser hides, on hand-built parses of sentences written for these tests
(issue 7, categories 3 and 7): each parse below is the misreading the rule repairs."""

from __future__ import annotations

from tests.attribution.test_cues_handbuilt import find, make_doc, spans

# The radio reported three shops in the port were damaged. ("shops" parsed as the object)
OBJECT_AS_SUBJECT = [
    ("The", True, 1, "det", "DET", "DT", "the"),
    ("radio", True, 2, "nsubj", "NOUN", "NN", "radio"),
    ("reported", True, 2, "ROOT", "VERB", "VBD", "report"),
    ("three", True, 4, "nummod", "NUM", "CD", "three"),
    ("shops", True, 2, "dobj", "NOUN", "NNS", "shop"),
    ("in", True, 4, "prep", "ADP", "IN", "in"),
    ("the", True, 7, "det", "DET", "DT", "the"),
    ("port", True, 5, "pobj", "NOUN", "NN", "port"),
    ("were", True, 9, "auxpass", "AUX", "VBD", "be"),
    ("damaged", False, 2, "ccomp", "VERB", "VBN", "damage"),
    (".", False, 2, "punct", "PUNCT", ".", "."),
]

# Police told reporters the port was shut. (the object of "told" is whom it was said to)
TOLD_REPORTERS = [
    ("Police", True, 1, "nsubj", "NOUN", "NNS", "police"),
    ("told", True, 1, "ROOT", "VERB", "VBD", "tell"),
    ("reporters", True, 1, "dobj", "NOUN", "NNS", "reporter"),
    ("the", True, 4, "det", "DET", "DT", "the"),
    ("port", True, 6, "nsubjpass", "NOUN", "NN", "port"),
    ("was", True, 6, "auxpass", "AUX", "VBD", "be"),
    ("shut", False, 1, "ccomp", "VERB", "VBN", "shut"),
    (".", False, 1, "punct", "PUNCT", ".", "."),
]

# The mayor announced classes in all schools, public and private, would be closed.
# ("would be closed" parsed as a second verb of "announced", with no "and")
CLAUSE_AS_CONJUNCT = [
    ("The", True, 1, "det", "DET", "DT", "the"),
    ("mayor", True, 2, "nsubj", "NOUN", "NN", "mayor"),
    ("announced", True, 2, "ROOT", "VERB", "VBD", "announce"),
    ("classes", True, 2, "dobj", "NOUN", "NNS", "class"),
    ("in", True, 3, "prep", "ADP", "IN", "in"),
    ("all", True, 6, "det", "DET", "DT", "all"),
    ("schools", False, 4, "pobj", "NOUN", "NNS", "school"),
    (",", True, 6, "punct", "PUNCT", ",", ","),
    ("public", True, 6, "amod", "ADJ", "JJ", "public"),
    ("and", True, 8, "cc", "CCONJ", "CC", "and"),
    ("private", False, 8, "conj", "ADJ", "JJ", "private"),
    (",", True, 14, "punct", "PUNCT", ",", ","),
    ("would", True, 14, "aux", "AUX", "MD", "would"),
    ("be", True, 14, "auxpass", "AUX", "VB", "be"),
    ("closed", False, 2, "conj", "VERB", "VBN", "close"),
    (".", False, 2, "punct", "PUNCT", ".", "."),
]

# The mayor announced the plan and would resign in May. (a second act of the speaker's own)
SECOND_ACT = [
    ("The", True, 1, "det", "DET", "DT", "the"),
    ("mayor", True, 2, "nsubj", "NOUN", "NN", "mayor"),
    ("announced", True, 2, "ROOT", "VERB", "VBD", "announce"),
    ("the", True, 4, "det", "DET", "DT", "the"),
    ("plan", True, 2, "dobj", "NOUN", "NN", "plan"),
    ("and", True, 2, "cc", "CCONJ", "CC", "and"),
    ("would", True, 7, "aux", "AUX", "MD", "would"),
    ("resign", True, 2, "conj", "VERB", "VB", "resign"),
    ("in", True, 7, "prep", "ADP", "IN", "in"),
    ("May", False, 8, "pobj", "PROPN", "NNP", "May"),
    (".", False, 2, "punct", "PUNCT", ".", "."),
]


def test_an_object_right_before_a_subjectless_clause_is_its_subject() -> None:
    text, found = find(make_doc(OBJECT_AS_SUBJECT))
    [item] = found
    assert spans(text, item.content) == ["three shops in the port were damaged"]
    assert item.source is not None and item.source.span.text == "The radio"


def test_the_object_of_a_telling_verb_stays_out_of_the_content() -> None:
    text, found = find(make_doc(TOLD_REPORTERS))
    [item] = found
    assert spans(text, item.content) == ["the port was shut"]


def test_a_clause_the_parser_joined_to_the_cue_without_and_is_the_content() -> None:
    text, found = find(make_doc(CLAUSE_AS_CONJUNCT))
    [item] = found
    assert spans(text, item.content) == ["classes in all schools, public and private, would be closed"]
    assert item.source is not None and item.source.span.text == "The mayor"


def test_a_second_act_joined_by_and_is_no_content() -> None:
    _, found = find(make_doc(SECOND_ACT))
    assert found == []
