"""Cues and contents the parser hides, on hand-built parses of sentences written for these tests
(issue 7, categories 3 and 7): each parse below is the misreading the rule repairs."""

from __future__ import annotations

from newsverify.attribution.cues import CUE_RULES, Sentence
from newsverify.attribution.segment import QuoteIndex
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


# The mill burned down, police told the radio, adding that two workers were hurt.
TOLD_THEN_ADDING = [
    ("The", True, 1, "det", "DET", "DT", "the"),
    ("mill", True, 2, "nsubj", "NOUN", "NN", "mill"),
    ("burned", True, 6, "ccomp", "VERB", "VBD", "burn"),
    ("down", False, 2, "prt", "ADP", "RP", "down"),
    (",", True, 6, "punct", "PUNCT", ",", ","),
    ("police", True, 6, "nsubj", "NOUN", "NNS", "police"),
    ("told", True, 6, "ROOT", "VERB", "VBD", "tell"),
    ("the", True, 8, "det", "DET", "DT", "the"),
    ("radio", False, 6, "dobj", "NOUN", "NN", "radio"),
    (",", True, 6, "punct", "PUNCT", ",", ","),
    ("adding", True, 6, "advcl", "VERB", "VBG", "add"),
    ("that", True, 15, "mark", "SCONJ", "IN", "that"),
    ("two", True, 13, "nummod", "NUM", "CD", "two"),
    ("workers", True, 15, "nsubjpass", "NOUN", "NNS", "worker"),
    ("were", True, 15, "auxpass", "AUX", "VBD", "be"),
    ("hurt", False, 10, "ccomp", "VERB", "VBN", "hurt"),
    (".", False, 6, "punct", "PUNCT", ".", "."),
]

# The mill burned down, the mayor said; the governor said the army would help.
# (both clauses, and the mayor's cue, hung on the governor's "said")
SEMICOLON_TWO_CUES = [
    ("The", True, 1, "det", "DET", "DT", "the"),
    ("mill", True, 2, "nsubj", "NOUN", "NN", "mill"),
    ("burned", True, 7, "ccomp", "VERB", "VBD", "burn"),
    ("down", False, 2, "prt", "ADP", "RP", "down"),
    (",", True, 7, "punct", "PUNCT", ",", ","),
    ("the", True, 6, "det", "DET", "DT", "the"),
    ("mayor", True, 7, "nsubj", "NOUN", "NN", "mayor"),
    ("said", False, 11, "ccomp", "VERB", "VBD", "say"),
    (";", True, 11, "punct", "PUNCT", ":", ";"),
    ("the", True, 10, "det", "DET", "DT", "the"),
    ("governor", True, 11, "nsubj", "NOUN", "NN", "governor"),
    ("said", True, 11, "ROOT", "VERB", "VBD", "say"),
    ("the", True, 13, "det", "DET", "DT", "the"),
    ("army", True, 15, "nsubj", "NOUN", "NN", "army"),
    ("would", True, 15, "aux", "AUX", "MD", "would"),
    ("help", False, 11, "ccomp", "VERB", "VB", "help"),
    (".", False, 11, "punct", "PUNCT", ".", "."),
]


def _reattached(rows, changes: dict[int, tuple[int, str]]):
    """The same words with some tokens hung elsewhere (another parse the model gives)."""
    out = list(rows)
    for index, (head, dep) in changes.items():
        word, space, _, _, pos, tag, lemma = out[index]
        out[index] = (word, space, head, dep, pos, tag, lemma)
    return out


# Fares rose in May, the bank said, and the minister said the strike was to blame.
SET_OFF_THEN_JOINED_CUE = [
    ("Fares", True, 1, "nsubj", "NOUN", "NNS", "fare"),
    ("rose", True, 1, "ROOT", "VERB", "VBD", "rise"),
    ("in", True, 1, "prep", "ADP", "IN", "in"),
    ("May", False, 2, "pobj", "PROPN", "NNP", "May"),
    (",", True, 7, "punct", "PUNCT", ",", ","),
    ("the", True, 6, "det", "DET", "DT", "the"),
    ("bank", True, 7, "nsubj", "NOUN", "NN", "bank"),
    ("said", False, 1, "parataxis", "VERB", "VBD", "say"),
    (",", True, 7, "punct", "PUNCT", ",", ","),
    ("and", True, 1, "cc", "CCONJ", "CC", "and"),
    ("the", True, 11, "det", "DET", "DT", "the"),
    ("minister", True, 12, "nsubj", "NOUN", "NN", "minister"),
    ("said", True, 1, "conj", "VERB", "VBD", "say"),
    ("the", True, 14, "det", "DET", "DT", "the"),
    ("strike", True, 15, "nsubj", "NOUN", "NN", "strike"),
    ("was", True, 12, "ccomp", "AUX", "VBD", "be"),
    ("to", True, 17, "aux", "PART", "TO", "to"),
    ("blame", False, 15, "xcomp", "VERB", "VB", "blame"),
    (".", False, 12, "punct", "PUNCT", ".", "."),
]


def _contents(text, found) -> dict[str, list[str]]:
    return {item.source.span.text: spans(text, item.content) for item in found if item.source is not None}


def test_a_participle_cue_after_an_inverted_cue_is_a_second_attribution() -> None:
    text, found = find(make_doc(TOLD_THEN_ADDING))
    assert sorted((f.source.span.text, spans(text, f.content)[0]) for f in found if f.source is not None) == [
        ("police", "The mill burned down"),
        ("police", "two workers were hurt"),
    ]
    assert all(f.recipient is not None and f.recipient.span.text == "the radio" for f in found)


def test_after_a_semicolon_the_cue_reports_the_clause_after_it() -> None:
    text, found = find(make_doc(SEMICOLON_TWO_CUES))
    assert _contents(text, found) == {"the mayor": ["The mill burned down"], "the governor": ["the army would help"]}


def test_a_set_off_cue_before_another_cue_keeps_only_its_own_clause() -> None:
    # "burned" hung on the governor's cue, the mayor's set off beside it
    rows = _reattached(SEMICOLON_TWO_CUES, {2: (11, "ccomp"), 7: (11, "parataxis")})
    text, found = find(make_doc(rows))
    assert _contents(text, found) == {"the mayor": ["The mill burned down"], "the governor": ["the army would help"]}


def test_a_cue_joined_after_a_set_off_cue_is_not_its_content() -> None:
    text, found = find(make_doc(SET_OFF_THEN_JOINED_CUE))
    assert _contents(text, found) == {"the bank": ["Fares rose in May"], "the minister": ["the strike was to blame"]}


# The radio reported a fire, with officials reporting 40 homes burned.
WITH_OFFICIALS_REPORTING = [
    ("The", True, 1, "det", "DET", "DT", "the"),
    ("radio", True, 2, "nsubj", "NOUN", "NN", "radio"),
    ("reported", True, 2, "ROOT", "VERB", "VBD", "report"),
    ("a", True, 4, "det", "DET", "DT", "a"),
    ("fire", False, 2, "dobj", "NOUN", "NN", "fire"),
    (",", True, 2, "punct", "PUNCT", ",", ","),
    ("with", True, 2, "prep", "ADP", "IN", "with"),
    ("officials", True, 11, "nsubj", "NOUN", "NNS", "official"),
    ("reporting", True, 7, "acl", "VERB", "VBG", "report"),
    ("40", True, 10, "nummod", "NUM", "CD", "40"),
    ("homes", True, 8, "dobj", "NOUN", "NNS", "home"),
    ("burned", False, 6, "pcomp", "VERB", "VBN", "burn"),
    (".", False, 2, "punct", "PUNCT", ".", "."),
]

# Fares rose in May, with officials saying the strike was to blame.
WITH_OFFICIALS_SAYING = [
    ("Fares", True, 1, "nsubj", "NOUN", "NNS", "fare"),
    ("rose", True, 1, "ROOT", "VERB", "VBD", "rise"),
    ("in", True, 1, "prep", "ADP", "IN", "in"),
    ("May", False, 2, "pobj", "PROPN", "NNP", "May"),
    (",", True, 1, "punct", "PUNCT", ",", ","),
    ("with", True, 1, "prep", "ADP", "IN", "with"),
    ("officials", True, 5, "pobj", "NOUN", "NNS", "official"),
    ("saying", True, 6, "acl", "VERB", "VBG", "say"),
    ("the", True, 9, "det", "DET", "DT", "the"),
    ("strike", True, 10, "nsubj", "NOUN", "NN", "strike"),
    ("was", True, 7, "ccomp", "AUX", "VBD", "be"),
    ("to", True, 12, "aux", "PART", "TO", "to"),
    ("blame", False, 10, "xcomp", "VERB", "VB", "blame"),
    (".", False, 1, "punct", "PUNCT", ".", "."),
]


def test_with_officials_reporting_reads_what_they_report_and_who_passed_it_on() -> None:
    text, found = find(make_doc(WITH_OFFICIALS_REPORTING))
    [item] = [f for f in found if text[f.cue[0] : f.cue[1]] == "reporting"]
    assert spans(text, item.content) == ["40 homes burned"]
    assert item.source is not None and item.source.span.text == "officials"
    assert item.relay is not None and item.relay.span.text == "The radio"


def test_with_officials_saying_names_the_officials_alone() -> None:
    text, found = find(make_doc(WITH_OFFICIALS_SAYING))
    [item] = found
    assert spans(text, item.content) == ["the strike was to blame"]
    assert item.source is not None and item.source.span.text == "officials"
    assert item.relay is None  # "rose" is no cue: nobody passed it on


# Police identified the driver as a local teacher.
IDENTIFIED_AS = [
    ("Police", True, 1, "nsubj", "NOUN", "NNS", "police"),
    ("identified", True, 1, "ROOT", "VERB", "VBD", "identify"),
    ("the", True, 3, "det", "DET", "DT", "the"),
    ("driver", True, 1, "dobj", "NOUN", "NN", "driver"),
    ("as", True, 1, "prep", "ADP", "IN", "as"),
    ("a", True, 7, "det", "DET", "DT", "a"),
    ("local", True, 7, "amod", "ADJ", "JJ", "local"),
    ("teacher", False, 4, "pobj", "NOUN", "NN", "teacher"),
    (".", False, 1, "punct", "PUNCT", ".", "."),
]

# The victim was identified by police as Ivo Brandt.
IDENTIFIED_BY_AS = [
    ("The", True, 1, "det", "DET", "DT", "the"),
    ("victim", True, 3, "nsubjpass", "NOUN", "NN", "victim"),
    ("was", True, 3, "auxpass", "AUX", "VBD", "be"),
    ("identified", True, 3, "ROOT", "VERB", "VBN", "identify"),
    ("by", True, 3, "agent", "ADP", "IN", "by"),
    ("police", True, 4, "pobj", "NOUN", "NNS", "police"),
    ("as", True, 3, "prep", "ADP", "IN", "as"),
    ("Ivo", True, 8, "compound", "PROPN", "NNP", "Ivo"),
    ("Brandt", False, 6, "pobj", "PROPN", "NNP", "Brandt"),
    (".", False, 3, "punct", "PUNCT", ".", "."),
]

# She identified rising costs as one of the reasons.
IDENTIFIED_A_VIEW = [
    ("She", True, 1, "nsubj", "PRON", "PRP", "she"),
    ("identified", True, 1, "ROOT", "VERB", "VBD", "identify"),
    ("rising", True, 3, "amod", "VERB", "VBG", "rise"),
    ("costs", True, 1, "dobj", "NOUN", "NNS", "cost"),
    ("as", True, 1, "prep", "ADP", "IN", "as"),
    ("one", True, 4, "pobj", "NUM", "CD", "one"),
    ("of", True, 5, "prep", "ADP", "IN", "of"),
    ("the", True, 8, "det", "DET", "DT", "the"),
    ("reasons", False, 6, "pobj", "NOUN", "NNS", "reason"),
    (".", False, 1, "punct", "PUNCT", ".", "."),
]

# The nurse described seeing twenty patients in the corridor.
DESCRIBED_SEEING = [
    ("The", True, 1, "det", "DET", "DT", "the"),
    ("nurse", True, 2, "nsubj", "NOUN", "NN", "nurse"),
    ("described", True, 2, "ROOT", "VERB", "VBD", "describe"),
    ("seeing", True, 2, "xcomp", "VERB", "VBG", "see"),
    ("twenty", True, 5, "nummod", "NUM", "CD", "twenty"),
    ("patients", True, 3, "dobj", "NOUN", "NNS", "patient"),
    ("in", True, 5, "prep", "ADP", "IN", "in"),
    ("the", True, 8, "det", "DET", "DT", "the"),
    ("corridor", False, 6, "pobj", "NOUN", "NN", "corridor"),
    (".", False, 2, "punct", "PUNCT", ".", "."),
]

# The nurse recalled thinking the ward was full.
RECALLED_THINKING = [
    ("The", True, 1, "det", "DET", "DT", "the"),
    ("nurse", True, 2, "nsubj", "NOUN", "NN", "nurse"),
    ("recalled", True, 2, "ROOT", "VERB", "VBD", "recall"),
    ("thinking", True, 2, "xcomp", "VERB", "VBG", "think"),
    ("the", True, 5, "det", "DET", "DT", "the"),
    ("ward", True, 6, "nsubj", "NOUN", "NN", "ward"),
    ("was", True, 3, "ccomp", "AUX", "VBD", "be"),
    ("full", False, 6, "acomp", "ADJ", "JJ", "full"),
    (".", False, 2, "punct", "PUNCT", ".", "."),
]


def test_identified_as_is_a_claim_of_who_someone_is() -> None:
    text, found = find(make_doc(IDENTIFIED_AS))
    [item] = found
    assert spans(text, item.content) == ["the driver as a local teacher"]
    assert item.source is not None and item.source.span.text == "Police"


def test_identified_by_x_as_takes_the_agent_for_source() -> None:
    text, found = find(make_doc(IDENTIFIED_BY_AS))
    [item] = found
    assert spans(text, item.content) == ["The victim", "as Ivo Brandt"]
    assert item.source is not None and item.source.span.text == "police"


def test_identifying_a_thing_as_a_reason_is_no_claim() -> None:
    _, found = find(make_doc(IDENTIFIED_A_VIEW))
    assert found == []


def test_described_seeing_gives_what_was_seen() -> None:
    text, found = find(make_doc(DESCRIBED_SEEING))
    [item] = found
    assert spans(text, item.content) == ["seeing twenty patients in the corridor"]
    assert item.source is not None and item.source.span.text == "The nurse"


def test_recalled_thinking_is_left_to_the_reporting_verb_rule() -> None:
    doc = make_doc(RECALLED_THINKING)
    s = Sentence(doc[:], 0, doc.text, QuoteIndex([]))
    recalled = doc[2]
    assert next(r.name for r in CUE_RULES if r.applies(recalled, s)) == "reporting verb"


# The mill burned down, an official was quoted by the radio as saying.
QUOTED_BY_AS_SAYING_AFTER = [
    ("The", True, 1, "det", "DET", "DT", "the"),
    ("mill", True, 2, "nsubj", "NOUN", "NN", "mill"),
    ("burned", True, 8, "ccomp", "VERB", "VBD", "burn"),
    ("down", False, 2, "prt", "ADP", "RP", "down"),
    (",", True, 8, "punct", "PUNCT", ",", ","),
    ("an", True, 6, "det", "DET", "DT", "an"),
    ("official", True, 8, "nsubjpass", "NOUN", "NN", "official"),
    ("was", True, 8, "auxpass", "AUX", "VBD", "be"),
    ("quoted", True, 8, "ROOT", "VERB", "VBN", "quote"),
    ("by", True, 8, "agent", "ADP", "IN", "by"),
    ("the", True, 11, "det", "DET", "DT", "the"),
    ("radio", True, 9, "pobj", "NOUN", "NN", "radio"),
    ("as", True, 8, "prep", "ADP", "IN", "as"),
    ("saying", False, 12, "pcomp", "VERB", "VBG", "say"),
    (".", False, 8, "punct", "PUNCT", ".", "."),
]


def test_a_clause_before_was_quoted_by_x_as_saying_is_the_content() -> None:
    text, found = find(make_doc(QUOTED_BY_AS_SAYING_AFTER))
    [item] = found
    assert spans(text, item.content) == ["The mill burned down"]
    assert item.source is not None and item.source.span.text == "an official"
    assert item.relay is not None and item.relay.span.text == "the radio"


# 'The mill will close in May,' posted Ana Ribeiro.
POSTED_BY_NAME = [
    ('"', False, 9, "punct", "PUNCT", "``", '"'),
    ("The", True, 2, "det", "DET", "DT", "the"),
    ("mill", True, 4, "nsubj", "NOUN", "NN", "mill"),
    ("will", True, 4, "aux", "AUX", "MD", "will"),
    ("close", True, 9, "ccomp", "VERB", "VB", "close"),
    ("in", True, 4, "prep", "ADP", "IN", "in"),
    ("May", False, 5, "pobj", "PROPN", "NNP", "May"),
    (",", False, 9, "punct", "PUNCT", ",", ","),
    ('"', True, 9, "punct", "PUNCT", "''", '"'),
    ("posted", True, 9, "ROOT", "VERB", "VBD", "post"),
    ("Ana", True, 11, "compound", "PROPN", "NNP", "Ana"),
    ("Ribeiro", False, 9, "dobj", "PROPN", "NNP", "Ribeiro"),
    (".", False, 9, "punct", "PUNCT", ".", "."),
]


# She went on by noting that the mill had closed.
WENT_ON_BY_NOTING = [
    ("She", True, 1, "nsubj", "PRON", "PRP", "she"),
    ("went", True, 1, "ROOT", "VERB", "VBD", "go"),
    ("on", True, 1, "prt", "ADP", "RP", "on"),
    ("by", True, 1, "prep", "ADP", "IN", "by"),
    ("noting", True, 3, "pcomp", "VERB", "VBG", "note"),
    ("that", True, 9, "mark", "SCONJ", "IN", "that"),
    ("the", True, 7, "det", "DET", "DT", "the"),
    ("mill", True, 9, "nsubj", "NOUN", "NN", "mill"),
    ("had", True, 9, "aux", "AUX", "VBD", "have"),
    ("closed", False, 4, "ccomp", "VERB", "VBN", "close"),
    (".", False, 1, "punct", "PUNCT", ".", "."),
]


def test_a_name_after_a_quote_and_its_verb_is_the_speaker() -> None:
    text, found = find(make_doc(POSTED_BY_NAME))
    [item] = found
    assert spans(text, item.content) == ["The mill will close in May"]
    assert item.source is not None and item.source.span.text == "Ana Ribeiro"


def test_went_on_by_noting_takes_the_subject_of_went() -> None:
    text, found = find(make_doc(WENT_ON_BY_NOTING))
    [item] = found
    assert spans(text, item.content) == ["the mill had closed"]
    assert item.source is not None and item.source.span.text == "She"
