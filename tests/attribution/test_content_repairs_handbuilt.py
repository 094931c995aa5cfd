"""Content repairs on hand-built parses (the parser's mistakes laid out by hand): a clause's
subject taken for the cue's object, a present-tense verb joined to a past-tense cue, and a
fronted "A according to X, B" (see ``test_cues_handbuilt.py`` for the row layout)."""

from __future__ import annotations

from tests.attribution.test_cues_handbuilt import find, make_doc, spans

# "Ana Ribeiro noted rice prices are high, and leaves stalls empty." with "prices" the object of
# "noted", "are" its ccomp without a subject, and "leaves" a conjunct of "noted".
OBJECT_AS_SUBJECT = [
    ("Ana", True, 1, "compound", "PROPN", "NNP", "Ana"),
    ("Ribeiro", True, 2, "nsubj", "PROPN", "NNP", "Ribeiro"),
    ("noted", True, 2, "ROOT", "VERB", "VBD", "note"),
    ("rice", True, 4, "compound", "NOUN", "NN", "rice"),
    ("prices", True, 2, "dobj", "NOUN", "NNS", "price"),
    ("are", True, 2, "ccomp", "AUX", "VBP", "be"),
    ("high", False, 5, "acomp", "ADJ", "JJ", "high"),
    (",", True, 2, "punct", "PUNCT", ",", ","),
    ("and", True, 2, "cc", "CCONJ", "CC", "and"),
    ("leaves", True, 2, "conj", "VERB", "VBZ", "leave"),
    ("stalls", True, 9, "dobj", "NOUN", "NNS", "stall"),
    ("empty", False, 9, "oprd", "ADJ", "JJ", "empty"),
    (".", False, 2, "punct", "PUNCT", ".", "."),
]


def test_an_object_right_before_a_subjectless_clause_is_its_subject() -> None:
    text, found = find(make_doc(OBJECT_AS_SUBJECT))
    assert len(found) == 1
    assert spans(text, found[0].content) == ["rice prices are high, and leaves stalls empty"]


def test_a_past_tense_conjunct_stays_the_speakers() -> None:
    rows = list(OBJECT_AS_SUBJECT)
    rows[9] = ("left", True, 2, "conj", "VERB", "VBD", "leave")
    text, found = find(make_doc(rows))
    assert spans(text, found[0].content) == ["rice prices are high"]


def test_a_clause_with_its_own_subject_keeps_the_object_out() -> None:
    # "Ribeiro told reporters prices are high": "reporters" is whom she told, "prices" the subject
    rows = [
        ("Ribeiro", True, 1, "nsubj", "PROPN", "NNP", "Ribeiro"),
        ("told", True, 1, "ROOT", "VERB", "VBD", "tell"),
        ("reporters", True, 1, "dobj", "NOUN", "NNS", "reporter"),
        ("prices", True, 4, "nsubj", "NOUN", "NNS", "price"),
        ("are", True, 1, "ccomp", "AUX", "VBP", "be"),
        ("high", False, 4, "acomp", "ADJ", "JJ", "high"),
        (".", False, 1, "punct", "PUNCT", ".", "."),
    ]
    text, found = find(make_doc(rows))
    assert spans(text, found[0].content) == ["prices are high"]


# "Nine dead according to police, the toll was put at eleven by medics." as the small model
# parses such sentences: the fragment and the clause both hang on the second verb.
FRONTED = [
    ("Nine", True, 1, "nummod", "NUM", "CD", "nine"),
    ("dead", True, 10, "nsubjpass", "ADJ", "JJ", "dead"),
    ("according", True, 10, "prep", "VERB", "VBG", "accord"),
    ("to", True, 2, "prep", "ADP", "IN", "to"),
    ("police", False, 3, "pobj", "NOUN", "NNS", "police"),
    (",", True, 10, "punct", "PUNCT", ",", ","),
    ("the", True, 7, "det", "DET", "DT", "the"),
    ("toll", True, 10, "nsubjpass", "NOUN", "NN", "toll"),
    ("was", True, 10, "auxpass", "AUX", "VBD", "be"),
    ("finally", True, 10, "advmod", "ADV", "RB", "finally"),
    ("put", True, 10, "ROOT", "VERB", "VBN", "put"),
    ("at", True, 10, "prep", "ADP", "IN", "at"),
    ("eleven", False, 11, "pobj", "NUM", "CD", "eleven"),
    (".", False, 10, "punct", "PUNCT", ".", "."),
]


def test_a_fronted_fragment_is_all_the_according_to_phrase_gives() -> None:
    text, found = find(make_doc(FRONTED))
    according = [f for f in found if f.cue_kind == "according_to"]
    assert [spans(text, f.content) for f in according] == [["Nine dead"]]


def test_without_a_subject_after_the_comma_the_whole_clause_is_the_content() -> None:
    rows = list(FRONTED)
    rows[7] = ("toll", True, 10, "dobj", "NOUN", "NN", "toll")  # no subject of its own after the phrase
    text, found = find(make_doc(rows))
    according = [f for f in found if f.cue_kind == "according_to"]
    assert len(according) == 1 and "toll" in text[according[0].content[-1][0] : according[0].content[-1][1]]


# "The flood killed 40, including, according to medics, nine children." with "children" hung on
# the main verb, as the small model does.
INTERRUPTED = [
    ("The", True, 1, "det", "DET", "DT", "the"),
    ("flood", True, 2, "nsubj", "NOUN", "NN", "flood"),
    ("killed", True, 2, "ROOT", "VERB", "VBD", "kill"),
    ("40", False, 2, "dobj", "NUM", "CD", "40"),
    (",", True, 2, "punct", "PUNCT", ",", ","),
    ("including", False, 2, "prep", "VERB", "VBG", "include"),
    (",", True, 5, "punct", "PUNCT", ",", ","),
    ("according", True, 5, "prep", "VERB", "VBG", "accord"),
    ("to", True, 7, "prep", "ADP", "IN", "to"),
    ("medics", False, 8, "pobj", "NOUN", "NNS", "medic"),
    (",", True, 2, "punct", "PUNCT", ",", ","),
    ("nine", True, 12, "nummod", "NUM", "CD", "nine"),
    ("children", False, 2, "npadvmod", "NOUN", "NNS", "child"),
    (".", False, 2, "punct", "PUNCT", ".", "."),
]


def test_an_according_phrase_after_a_preposition_attributes_that_phrase() -> None:
    text, found = find(make_doc(INTERRUPTED))
    according = [f for f in found if f.cue_kind == "according_to"]
    assert [spans(text, f.content) for f in according] == [["including", "nine children"]]


def test_an_according_phrase_after_a_noun_attributes_the_clause() -> None:
    rows = list(INTERRUPTED)
    rows[5] = ("people", False, 3, "appos", "NOUN", "NNS", "people")  # "killed 40, people, according to ..."
    text, found = find(make_doc(rows))
    according = [f for f in found if f.cue_kind == "according_to"]
    assert len(according) == 1 and "flood" in text[according[0].content[0][0] : according[0].content[-1][1]]


def test_a_verb_of_the_quoted_words_hung_on_the_speaker_outside_is_no_cue() -> None:
    # '"We came knowing it was hard," Brandt said.' with "knowing" parsed as an adverbial of "said"
    rows = [
        ('"', False, 2, "punct", "PUNCT", "``", '"'),
        ("We", True, 2, "nsubj", "PRON", "PRP", "we"),
        ("came", True, 11, "ccomp", "VERB", "VBD", "come"),
        ("knowing", True, 11, "advcl", "VERB", "VBG", "know"),
        ("it", True, 5, "nsubj", "PRON", "PRP", "it"),
        ("was", True, 3, "ccomp", "AUX", "VBD", "be"),
        ("hard", False, 5, "acomp", "ADJ", "JJ", "hard"),
        (",", False, 11, "punct", "PUNCT", ",", ","),
        ('"', True, 11, "punct", "PUNCT", "''", '"'),
        ("Ivo", True, 10, "compound", "PROPN", "NNP", "Ivo"),
        ("Brandt", True, 11, "nsubj", "PROPN", "NNP", "Brandt"),
        ("said", False, 11, "ROOT", "VERB", "VBD", "say"),
        (".", False, 11, "punct", "PUNCT", ".", "."),
    ]
    text, found = find(make_doc(rows))
    assert [text[f.cue[0] : f.cue[1]] for f in found] == ["said"]


def _according_with(participle: tuple[str, str]) -> list[tuple[str, bool, int, str, str, str, str]]:
    """ "According to critics, the plan is a ploy, <participle> the law would lapse." """
    word, lemma = participle
    return [
        ("According", True, 5, "prep", "VERB", "VBG", "accord"),
        ("to", True, 0, "prep", "ADP", "IN", "to"),
        ("critics", False, 1, "pobj", "NOUN", "NNS", "critic"),
        (",", True, 5, "punct", "PUNCT", ",", ","),
        ("it", True, 5, "nsubj", "PRON", "PRP", "it"),
        ("is", True, 5, "ROOT", "AUX", "VBZ", "be"),
        ("a", True, 7, "det", "DET", "DT", "a"),
        ("ploy", False, 5, "attr", "NOUN", "NN", "ploy"),
        (",", True, 5, "punct", "PUNCT", ",", ","),
        (word, True, 5, "advcl", "VERB", "VBG", lemma),
        ("the", True, 11, "det", "DET", "DT", "the"),
        ("law", True, 13, "nsubj", "NOUN", "NN", "law"),
        ("would", True, 13, "aux", "AUX", "MD", "would"),
        ("lapse", False, 9, "ccomp", "VERB", "VB", "lapse"),
        (".", False, 5, "punct", "PUNCT", ".", "."),
    ]


def test_a_gloss_after_the_according_to_content_is_the_writers() -> None:
    text, found = find(make_doc(_according_with(("meaning", "mean"))))
    according = [f for f in found if f.cue_kind == "according_to"]
    assert [spans(text, f.content) for f in according] == [["it is a ploy"]]


def test_another_participle_stays_in_the_according_to_content() -> None:
    text, found = find(make_doc(_according_with(("warning", "warn"))))
    according = [f for f in found if f.cue_kind == "according_to"]
    assert len(according) == 1 and "lapse" in text[according[0].content[0][0] : according[0].content[-1][1]]
