"""Beliefs, intentions and stances (``beliefs.py``): attributions in the attribution layer; a
belief with a clause is a claim of kind ``belief``, an intention or a stance is no claim.

The first tests run ``cues.find_in_sentence`` (which calls ``beliefs.find``) on hand-built ``Doc``
objects, no model; the last ones use the real model on whole sentences."""

from __future__ import annotations

from newsverify.attribution import beliefs
from tests.attribution.reading import attributed, claim_about, describe
from tests.attribution.test_cues_handbuilt import find, make_doc, spans

PLANS_TO = [
    ("Ana", True, 1, "compound", "PROPN", "NNP", "Ana"),
    ("Ribeiro", True, 2, "nsubj", "PROPN", "NNP", "Ribeiro"),
    ("plans", True, 2, "ROOT", "VERB", "VBZ", "plan"),
    ("to", True, 4, "aux", "PART", "TO", "to"),
    ("reopen", True, 2, "xcomp", "VERB", "VB", "reopen"),
    ("the", True, 6, "det", "DET", "DT", "the"),
    ("bridge", True, 4, "dobj", "NOUN", "NN", "bridge"),
    ("in", True, 4, "prep", "ADP", "IN", "in"),
    ("May", False, 7, "pobj", "PROPN", "NNP", "May"),
    (".", False, 2, "punct", "PUNCT", ".", "."),
]


def test_an_intention_is_the_to_complement_of_its_holder() -> None:
    text, found = find(make_doc(PLANS_TO))

    (item,) = found
    assert item.cue_kind == beliefs.INTENTION
    assert text[item.cue[0] : item.cue[1]] == "plans"
    assert spans(text, item.content) == ["to reopen the bridge in May"]
    assert item.source is not None and item.source.span.text == "Ana Ribeiro"


REFUSED = [
    ("Ana", True, 1, "compound", "PROPN", "NNP", "Ana"),
    ("Ribeiro", True, 2, "nsubj", "PROPN", "NNP", "Ribeiro"),
    ("refused", True, 2, "ROOT", "VERB", "VBD", "refuse"),
    ("to", True, 4, "aux", "PART", "TO", "to"),
    ("comment", False, 2, "xcomp", "VERB", "VB", "comment"),
    (".", False, 2, "punct", "PUNCT", ".", "."),
]


def test_a_refusal_to_comment_is_no_intention() -> None:
    _, found = find(make_doc(REFUSED))

    assert found == []


CRITICISED = [
    ("Ana", True, 1, "compound", "PROPN", "NNP", "Ana"),
    ("Ribeiro", True, 2, "nsubj", "PROPN", "NNP", "Ribeiro"),
    ("criticised", True, 2, "ROOT", "VERB", "VBD", "criticise"),
    ("the", True, 4, "det", "DET", "DT", "the"),
    ("levy", True, 2, "dobj", "NOUN", "NN", "levy"),
    ("for", True, 2, "prep", "ADP", "IN", "for"),
    ("its", True, 7, "poss", "PRON", "PRP$", "its"),
    ("cost", True, 5, "pobj", "NOUN", "NN", "cost"),
    ("on", True, 2, "prep", "ADP", "IN", "on"),
    ("Monday", False, 8, "pobj", "PROPN", "NNP", "Monday"),
    (".", False, 2, "punct", "PUNCT", ".", "."),
]


def test_a_stance_is_the_object_and_what_is_said_of_it_not_when() -> None:
    text, found = find(make_doc(CRITICISED))

    (item,) = found
    assert item.cue_kind == beliefs.STANCE
    assert spans(text, item.content) == ["the levy for its cost"]
    assert item.source is not None and item.source.span.text == "Ana Ribeiro"


THING_SUPPORTS = [
    ("The", True, 1, "det", "DET", "DT", "the"),
    ("figures", True, 2, "nsubj", "NOUN", "NNS", "figure"),
    ("support", True, 2, "ROOT", "VERB", "VBP", "support"),
    ("the", True, 4, "det", "DET", "DT", "the"),
    ("view", False, 2, "dobj", "NOUN", "NN", "view"),
    (".", False, 2, "punct", "PUNCT", ".", "."),
]


def test_a_thing_holds_no_stance() -> None:
    _, found = find(make_doc(THING_SUPPORTS))

    assert found == []


SPOKE_OF = [
    ("Ana", True, 1, "compound", "PROPN", "NNP", "Ana"),
    ("Ribeiro", True, 2, "nsubj", "PROPN", "NNP", "Ribeiro"),
    ("spoke", True, 2, "ROOT", "VERB", "VBD", "speak"),
    ("of", True, 2, "prep", "ADP", "IN", "of"),
    ("a", True, 6, "det", "DET", "DT", "a"),
    ("new", True, 6, "amod", "ADJ", "JJ", "new"),
    ("era", False, 3, "pobj", "NOUN", "NN", "era"),
    (".", False, 2, "punct", "PUNCT", ".", "."),
]


def test_the_topic_someone_spoke_of() -> None:
    text, found = find(make_doc(SPOKE_OF))

    (item,) = found
    assert item.cue_kind == beliefs.STANCE
    assert spans(text, item.content) == ["a new era"]


SEES_AS = [
    ("Ana", True, 1, "compound", "PROPN", "NNP", "Ana"),
    ("Ribeiro", True, 2, "nsubj", "PROPN", "NNP", "Ribeiro"),
    ("sees", True, 2, "ROOT", "VERB", "VBZ", "see"),
    ("the", True, 4, "det", "DET", "DT", "the"),
    ("deal", True, 2, "dobj", "NOUN", "NN", "deal"),
    ("as", True, 2, "prep", "ADP", "IN", "as"),
    ("a", True, 7, "det", "DET", "DT", "a"),
    ("mistake", False, 5, "pobj", "NOUN", "NN", "mistake"),
    (".", False, 2, "punct", "PUNCT", ".", "."),
]


def test_a_view_of_something_as_something() -> None:
    text, found = find(make_doc(SEES_AS))

    (item,) = found
    assert spans(text, item.content) == ["the deal as a mistake"]


BELIEVES = [
    ("Ana", True, 1, "compound", "PROPN", "NNP", "Ana"),
    ("Ribeiro", True, 2, "nsubj", "PROPN", "NNP", "Ribeiro"),
    ("believes", True, 2, "ROOT", "VERB", "VBZ", "believe"),
    ("the", True, 4, "det", "DET", "DT", "the"),
    ("dam", True, 6, "nsubj", "NOUN", "NN", "dam"),
    ("will", True, 6, "aux", "AUX", "MD", "will"),
    ("hold", False, 2, "ccomp", "VERB", "VB", "hold"),
    (".", False, 2, "punct", "PUNCT", ".", "."),
]


def test_a_belief_with_a_clause_is_marked_a_belief() -> None:
    text, found = find(make_doc(BELIEVES))

    (item,) = found
    assert item.cue_kind == beliefs.BELIEF
    assert spans(text, item.content) == ["the dam will hold"]


def test_a_reporting_verb_keeps_its_own_reading() -> None:
    said = [
        ("Ana", True, 1, "compound", "PROPN", "NNP", "Ana"),
        ("Ribeiro", True, 2, "nsubj", "PROPN", "NNP", "Ribeiro"),
        ("denied", True, 2, "ROOT", "VERB", "VBD", "deny"),
        ("that", True, 6, "mark", "SCONJ", "IN", "that"),
        ("the", True, 5, "det", "DET", "DT", "the"),
        ("dam", True, 6, "nsubj", "NOUN", "NN", "dam"),
        ("leaked", False, 2, "ccomp", "VERB", "VBD", "leak"),
        (".", False, 2, "punct", "PUNCT", ".", "."),
    ]
    text, found = find(make_doc(said))

    (item,) = found
    assert item.cue_kind == "verb"
    assert spans(text, item.content) == ["the dam leaked"]


# The senator asked whether the levy was legal.
ASKED_WHETHER = [
    ("The", True, 1, "det", "DET", "DT", "the"),
    ("senator", True, 2, "nsubj", "NOUN", "NN", "senator"),
    ("asked", True, 2, "ROOT", "VERB", "VBD", "ask"),
    ("whether", True, 6, "mark", "SCONJ", "IN", "whether"),
    ("the", True, 5, "det", "DET", "DT", "the"),
    ("levy", True, 6, "nsubj", "NOUN", "NN", "levy"),
    ("was", True, 2, "ccomp", "AUX", "VBD", "be"),
    ("legal", False, 6, "acomp", "ADJ", "JJ", "legal"),
    (".", False, 2, "punct", "PUNCT", ".", "."),
]


def test_an_indirect_question_is_a_question_of_its_asker() -> None:
    text, found = find(make_doc(ASKED_WHETHER))

    (item,) = found
    assert item.cue_kind == beliefs.QUESTION
    assert text[item.cue[0] : item.cue[1]] == "asked"
    assert spans(text, item.content) == ["whether the levy was legal"]
    assert item.source is not None and item.source.span.text == "The senator"


def _said_when(negated: bool) -> list[tuple[str, bool, int, str, str, str, str]]:
    """ "The council (has not) said when the pier reopens." with "when ..." as an adverbial clause."""
    rows = [
        ("The", True, 1, "det", "DET", "DT", "the"),
        ("council", True, 4, "nsubj", "NOUN", "NN", "council"),
        ("has", True, 4, "aux", "AUX", "VBZ", "have"),
        ("not", True, 4, "neg", "PART", "RB", "not"),
        ("said", True, 4, "ROOT", "VERB", "VBN", "say"),
        ("when", True, 8, "advmod", "SCONJ", "WRB", "when"),
        ("the", True, 7, "det", "DET", "DT", "the"),
        ("pier", True, 8, "nsubj", "NOUN", "NN", "pier"),
        ("reopens", False, 4, "advcl", "VERB", "VBZ", "reopen"),
        (".", False, 4, "punct", "PUNCT", ".", "."),
    ]
    if negated:
        return rows
    shift = {i: i - (i > 3) - (i > 2) for i in range(len(rows))}
    return [(w, sp, shift[h], d, p, t, lem) for i, (w, sp, h, d, p, t, lem) in enumerate(rows) if i not in (2, 3)]


def test_a_question_left_open_is_a_question_but_said_when_is_a_time() -> None:
    text, found = find(make_doc(_said_when(negated=True)))
    (item,) = found
    assert item.cue_kind == beliefs.QUESTION
    assert spans(text, item.content) == ["when the pier reopens"]

    _, found = find(make_doc(_said_when(negated=False)))
    assert [f for f in found if f.cue_kind == beliefs.QUESTION] == []


# The court struck down the levy, citing its cost to farmers.
STRUCK_DOWN_CITING = [
    ("The", True, 1, "det", "DET", "DT", "the"),
    ("court", True, 2, "nsubj", "NOUN", "NN", "court"),
    ("struck", True, 2, "ROOT", "VERB", "VBD", "strike"),
    ("down", True, 2, "prt", "ADP", "RP", "down"),
    ("the", True, 5, "det", "DET", "DT", "the"),
    ("levy", False, 2, "dobj", "NOUN", "NN", "levy"),
    (",", True, 2, "punct", "PUNCT", ",", ","),
    ("citing", True, 2, "advcl", "VERB", "VBG", "cite"),
    ("its", True, 9, "poss", "PRON", "PRP$", "its"),
    ("cost", True, 7, "dobj", "NOUN", "NN", "cost"),
    ("to", True, 9, "prep", "ADP", "IN", "to"),
    ("farmers", False, 10, "pobj", "NOUN", "NNS", "farmer"),
    (".", False, 2, "punct", "PUNCT", ".", "."),
]


def test_a_participle_after_a_clause_holds_the_view_of_its_subject() -> None:
    text, found = find(make_doc(STRUCK_DOWN_CITING))

    (item,) = found
    assert item.cue_kind == beliefs.STANCE
    assert text[item.cue[0] : item.cue[1]] == "citing"
    assert spans(text, item.content) == ["its cost to farmers"]
    assert item.source is not None and item.source.span.text == "The court"


# --- whole sentences, real model ------------------------------------------------------------------


def test_an_intention_is_an_attribution_and_no_claim(extract) -> None:
    text = "Harbour officials plan to reopen the north pier in May."
    report = extract(text)

    assert attributed(report) == [], describe(report)
    (attribution,) = report.attributions
    assert attribution.parent is None
    assert attribution.content.text == "to reopen the north pier in May"
    assert attribution.source is not None and attribution.source.text == "Harbour officials"
    assert claim_about(report, "plan to reopen").kind.value == "unattributed"


def test_a_stance_is_an_attribution_and_no_claim(extract) -> None:
    report = extract("Senator Pia Laine criticised the fuel levy for its cost.")

    assert attributed(report) == [], describe(report)
    assert [a.content.text for a in report.attributions] == ["the fuel levy for its cost"]


def test_an_intention_inside_someones_words_leaves_them_the_claim(extract) -> None:
    report = extract("Mayor Ana Ribeiro said the company plans to cut 500 jobs.")
    claim = claim_about(report, "the company plans to cut 500 jobs")

    assert claim.kind.value == "indirect"
    assert [report.source(h.source).name for h in claim.chain] == ["Ana Ribeiro"]
    inner = next(a for a in report.attributions if a.cue is not None and a.cue.text == "plans")
    assert inner.parent is not None


def test_a_belief_with_a_checkable_clause_is_a_belief_claim(extract) -> None:
    report = extract("Engineer Pia Laine believes the old dam will hold through the winter.")
    claim = claim_about(report, "the old dam will hold")

    assert claim.kind.value == "belief"
    assert [report.source(h.source).name for h in claim.chain] == ["Pia Laine"]


def test_the_same_pronoun_in_two_relations_is_one_source(extract) -> None:
    """ "She said A, adding B" and "He blamed X, according to Y" read one pronoun twice."""
    report = extract(
        "Mayor Ana Ribeiro spoke on Monday. She said the tunnel would open in May, adding that tolls would rise."
    )

    assert [s.name for s in report.sources] == ["Ana Ribeiro"], describe(report)


ASKED_TO = [
    ("Ana", True, 1, "compound", "PROPN", "NNP", "Ana"),
    ("Ribeiro", True, 2, "nsubj", "PROPN", "NNP", "Ribeiro"),
    ("asked", True, 2, "ROOT", "VERB", "VBD", "ask"),
    ("residents", True, 2, "dobj", "NOUN", "NNS", "resident"),
    ("to", True, 5, "aux", "PART", "TO", "to"),
    ("stay", True, 2, "xcomp", "VERB", "VB", "stay"),
    ("indoors", False, 5, "advmod", "ADV", "RB", "indoors"),
    (".", False, 2, "punct", "PUNCT", ".", "."),
]


def test_a_request_is_whom_and_to_do_what() -> None:
    text, found = find(make_doc(ASKED_TO))

    (item,) = found
    assert item.cue_kind == beliefs.INTENTION
    assert spans(text, item.content) == ["residents to stay indoors"]


PROPOSED_GERUND = [
    ("Ana", True, 1, "compound", "PROPN", "NNP", "Ana"),
    ("Ribeiro", True, 2, "nsubj", "PROPN", "NNP", "Ribeiro"),
    ("proposed", True, 2, "ROOT", "VERB", "VBD", "propose"),
    ("dropping", True, 2, "xcomp", "VERB", "VBG", "drop"),
    ("the", True, 5, "det", "DET", "DT", "the"),
    ("levy", False, 3, "dobj", "NOUN", "NN", "levy"),
    (".", False, 2, "punct", "PUNCT", ".", "."),
]


def test_an_intention_in_a_gerund() -> None:
    text, found = find(make_doc(PROPOSED_GERUND))

    (item,) = found
    assert spans(text, item.content) == ["dropping the levy"]


MISLEMMATISED = [
    ("Ana", True, 1, "compound", "PROPN", "NNP", "Ana"),
    ("Ribeiro", True, 2, "nsubj", "PROPN", "NNP", "Ribeiro"),
    ("hopes", True, 2, "ROOT", "VERB", "VBZ", "hop"),
    ("to", True, 4, "aux", "PART", "TO", "to"),
    ("win", False, 2, "xcomp", "VERB", "VB", "win"),
    (".", False, 2, "punct", "PUNCT", ".", "."),
]


def test_a_verb_the_lemmatizer_got_wrong_is_still_known_by_its_form() -> None:
    """The small model reads "hopes" as a form of "hop"."""
    text, found = find(make_doc(MISLEMMATISED))

    (item,) = found
    assert spans(text, item.content) == ["to win"]


def test_the_attribution_names_its_source_by_the_whole_phrase_and_the_hop_by_the_name(extract) -> None:
    report = extract("Luis Ortega, who heads the port authority, said the north pier would close in May.")
    claim = claim_about(report, "the north pier would close")
    (attribution,) = [a for a in report.attributions if a.cue is not None and a.cue.text == "said"]

    assert attribution.source is not None
    assert attribution.source.text == "Luis Ortega, who heads the port authority"
    assert claim.chain[0].mention is not None and claim.chain[0].mention.text == "Luis Ortega"


HER_PLAN = [
    ("Her", True, 1, "poss", "PRON", "PRP$", "her"),
    ("plan", True, 5, "nsubj", "NOUN", "NN", "plan"),
    ("to", True, 3, "aux", "PART", "TO", "to"),
    ("close", True, 1, "acl", "VERB", "VB", "close"),
    ("piers", True, 3, "dobj", "NOUN", "NNS", "pier"),
    ("drew", True, 5, "ROOT", "VERB", "VBD", "draw"),
    ("protests", False, 5, "dobj", "NOUN", "NNS", "protest"),
    (".", False, 5, "punct", "PUNCT", ".", "."),
]


def test_a_plan_named_by_a_noun_is_its_possessors() -> None:
    text, found = find(make_doc(HER_PLAN))

    (item,) = found
    assert item.cue_kind == beliefs.STANCE
    assert text[item.cue[0] : item.cue[1]] == "plan"
    assert spans(text, item.content) == ["to close piers"]
    assert item.source is not None and item.source.span.text == "Her"


def test_a_noun_without_a_holder_is_no_attribution() -> None:
    rows = [("The", True, 1, "det", "DET", "DT", "the"), *HER_PLAN[1:]]
    _, found = find(make_doc(rows))

    assert found == []


def test_an_indirect_question_is_an_attribution_and_no_claim(extract) -> None:
    report = extract("Two councillors questioned how the harbour board could justify the cost.")

    assert attributed(report) == [], describe(report)
    assert [a.content.text for a in report.attributions] == ["how the harbour board could justify the cost"]
    assert report.attributions[0].source is not None and report.attributions[0].source.text == "Two councillors"


# The inspector's conclusion that the dam was sound surprised nobody.
CONCLUSION_THAT = [
    ("The", True, 1, "det", "DET", "DT", "the"),
    ("inspector", False, 3, "poss", "NOUN", "NN", "inspector"),
    ("'s", True, 1, "case", "PART", "POS", "'s"),
    ("conclusion", True, 9, "nsubj", "NOUN", "NN", "conclusion"),
    ("that", True, 7, "mark", "SCONJ", "IN", "that"),
    ("the", True, 6, "det", "DET", "DT", "the"),
    ("dam", True, 7, "nsubj", "NOUN", "NN", "dam"),
    ("was", True, 3, "acl", "AUX", "VBD", "be"),
    ("sound", True, 7, "acomp", "ADJ", "JJ", "sound"),
    ("surprised", True, 9, "ROOT", "VERB", "VBD", "surprise"),
    ("nobody", False, 9, "dobj", "PRON", "NN", "nobody"),
    (".", False, 9, "punct", "PUNCT", ".", "."),
]


def test_a_conclusion_named_by_a_noun_is_its_possessors() -> None:
    text, found = find(make_doc(CONCLUSION_THAT))

    (item,) = found
    assert item.cue_kind == beliefs.STANCE
    assert text[item.cue[0] : item.cue[1]] == "conclusion"
    assert spans(text, item.content) == ["that the dam was sound"]
    assert item.source is not None and item.source.span.text == "The inspector's"
