"""Beliefs, intentions and stances: attributions that are not statements.

"X believes the dam will hold", "X plans to reopen the bridge", "X supports the bill": each says
whose view or intention it is, so each is an attribution relation (the ``attributions`` layer),
found here after the reporting cues of a sentence (``find``, called by ``cues.find_in_sentence``).

- A belief with a clause ("believes / expects / fears that ...") holds a checkable statement: it
  stays a claim, of kind ``belief`` (the cue kind ``belief`` marks it).
- An intention ("plans to ..."), a stance or speech act on an object ("supports the bill",
  "criticised the plan") and an indirect question ("asked whether ...") hold no statement: they
  are attributions only (``ATTRIBUTION_ONLY``), and ``claim_relations`` keeps them out of the
  claims and of the nesting that claims are built from.

The constructions are the functions of ``VERB_RULES`` and ``NOUN_RULES``, tried in order on each
verb (or noun) that carries no cue yet: one construction each, its example in its docstring; the
words are lists in ``lexicon``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from newsverify.attribution import lexicon as lx
from newsverify.attribution.sources import describe, mention_span
from newsverify.attribution.types import SourceType

if TYPE_CHECKING:  # cues calls ``find``; analysis calls ``claim_relations``
    from newsverify.attribution.analysis import Rel
    from newsverify.attribution.cues import Found

BELIEF = "belief"
INTENTION = "intention"
STANCE = "stance"
QUESTION = "question"
ATTRIBUTION_ONLY = frozenset({INTENTION, STANCE, QUESTION})

# The verb's own dependents that belong to the content of a stance ("criticised the plan for its cost").
_STANCE_PARTS = frozenset({"dobj", "dative", "oprd", "xcomp", "acomp"})
_NOT_A_SOURCE = frozenset({"this", "that", "these", "those", "there", "what", "which", "i", "we", "me", "us", "you"})


def find(sent: SpacySpan, base: int, found: list[Found]) -> list[Found]:
    """``found`` with its beliefs marked, and the intentions and stances of ``sent`` added.

    Tokens that already carry a cue are left alone: a reporting verb keeps its own reading."""
    for item in found:
        if _is_belief(item):
            item.cue_kind = BELIEF
    taken = {item.cue_token.i for item in found if item.cue_token is not None}
    # "reported, citing Interfax, that ...": the verb that names a cited source belongs to its cue.
    taken |= {ref.head.head.i for item in found for ref in item.cited}
    out = list(found)
    for tok in sent:
        if tok.i in taken or tok.pos_ not in ("VERB", "AUX", "NOUN") or not _is(tok, _ANY_WORD):
            continue
        for rule in VERB_RULES if tok.pos_ != "NOUN" else NOUN_RULES:
            relation = rule(tok, sent, base)
            if relation is not None and relation.content:
                out.append(relation)
                taken.add(tok.i)
                break
    return out


def claim_relations(rels: Sequence[Rel]) -> list[Rel]:
    """The relations claims are made from: all but intentions and stances, which stay in the
    attribution layer. They are also taken out of the nesting of the others, so that "Ana said
    the company plans to cut jobs" remains Ana's claim."""
    keep = [r for r in rels if r.found.cue_kind not in ATTRIBUTION_ONLY]
    for rel in keep:
        if rel.children:
            rel.children = [c for c in rel.children if c.found.cue_kind not in ATTRIBUTION_ONLY]
    return keep


# --- the constructions ------------------------------------------------------------------------


def _is_belief(item: Found) -> bool:
    """ "X believes the dam will hold": a belief verb that the reporting rules read with its clause
    (a quote or an "according to" is not a belief)."""
    cue = item.cue_token
    return (
        item.cue_kind == "verb"
        and item.quote is None
        and cue is not None
        and _is(cue, lx.BELIEF_VERBS)
        and any(c.dep_ == "ccomp" for c in cue.children)
    )


def intention_to(verb: Token, sent: SpacySpan, base: int) -> Found | None:
    """ "Officials plan to reopen the bridge in May", "She proposed dropping the levy": the "to"
    (or gerund) complement is the intention."""
    if not _is(verb, lx.INTENTION_VERBS | lx.GERUND_INTENTION_VERBS):
        return None
    complement = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.i > verb.i), None)
    if complement is None:
        return None
    to = any(c.dep_ == "aux" and c.lower_ == "to" for c in complement.children)
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in complement.children)
    gerund = complement.tag_ == "VBG" and _is(verb, lx.GERUND_INTENTION_VERBS)
    decided = own_subject and complement.dep_ == "ccomp" and _is(verb, lx.DECISION_VERBS)
    if not (to and not own_subject and _is(verb, lx.INTENTION_VERBS) or gerund and not own_subject or decided):
        return None
    if _is(verb, lx.REFUSAL_VERBS) and _is(complement, lx.NO_COMMENT_VERBS):
        return None  # "refused to comment": nothing said, nothing intended
    return _relation(verb, INTENTION, list(complement.subtree), base)


def stance_object(verb: Token, sent: SpacySpan, base: int) -> Found | None:
    """ "Farmers back the new levy", "The senator criticised the plan for its cost": the object
    (with what the verb says about it) is what the source is for or against."""
    if not _is(verb, lx.STANCE_VERBS) or verb.dep_ in ("amod", "compound", "acl", "relcl"):
        return None
    children = [c for c in verb.children if c.i > verb.i]
    if not any(c.dep_ == "dobj" for c in children) or any(c.dep_ in ("ccomp", "nsubjpass") for c in children):
        return None
    parts = [c for c in children if c.dep_ in _STANCE_PARTS or c.dep_ == "prep" and c.lower_ in lx.STANCE_PREPOSITIONS]
    return _relation(verb, STANCE, [t for c in parts for t in c.subtree], base)


def request_of(verb: Token, sent: SpacySpan, base: int) -> Found | None:
    """ "The mayor asked residents to leave their cars at home": whom someone asked, to do what."""
    if not _is(verb, lx.ASKING_VERBS):
        return None
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i > verb.i), None)
    complement = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.i > verb.i), None)
    if obj is None or complement is None or not any(c.dep_ == "aux" and c.lower_ == "to" for c in complement.children):
        return None
    return _relation(verb, INTENTION, [*obj.subtree, *complement.subtree], base)


def topic_of_speech(verb: Token, sent: SpacySpan, base: int) -> Found | None:
    """ "The senator spoke of a new era for the party": what someone talked about."""
    if not _is(verb, lx.TOPIC_VERBS):
        return None
    prep = next(
        (c for c in verb.children if c.dep_ == "prep" and c.i > verb.i and c.lower_ in lx.TOPIC_PREPOSITIONS), None
    )
    objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")] if prep is not None else []
    if not objects:
        return None
    return _relation(verb, STANCE, [t for c in objects for t in c.subtree], base)


def indirect_question(verb: Token, sent: SpacySpan, base: int) -> Found | None:
    """ "Lawmakers asked whether the deal was legal", "The senator questioned how the agency could
    justify the cost", "The council has not said when the pier will reopen": a question someone
    put (or left open) states nothing, so it is an attribution only."""
    if not _is(verb, lx.QUESTION_VERBS):
        return None
    # The parser hangs "when ..." on the verb as an adverbial clause: a question only after a verb of
    # asking or a negated one ("has not said when ..."); otherwise a time ("said when he arrived").
    adverbial = _is(verb, lx.QUESTION_IF_VERBS) or any(c.dep_ == "neg" for c in verb.children)
    deps = ("ccomp", "xcomp", "advcl") if adverbial else ("ccomp", "xcomp")
    clause = next((c for c in verb.children if c.dep_ in deps and c.i > verb.i and _asks(verb, c)), None)
    if clause is None:
        return None
    return _relation(verb, QUESTION, list(clause.subtree), base)


def _asks(verb: Token, clause: Token) -> bool:
    """Whether ``clause`` is an indirect question: opened by "whether" (or "if", after a verb of
    asking) or by a question word before its verb ("how the agency could ...", "what to do")."""
    for c in clause.children:
        if c.i > clause.i or c.lower_ not in lx.QUESTION_WORDS:
            continue
        if c.lower_ != "if" or _is(verb, lx.QUESTION_IF_VERBS):
            return True
    return clause.lower_ in lx.QUESTION_WORDS - {"if"}


def regard_as(verb: Token, sent: SpacySpan, base: int) -> Found | None:
    """ "Voters see the deal as a mistake", "She considers him a liability": a view of something."""
    if not _is(verb, lx.REGARD_VERBS):
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    pred = next(
        (
            c
            for c in verb.children
            if c.i > verb.i and (c.dep_ in ("oprd", "xcomp") or c.dep_ == "prep" and c.lower_ == "as")
        ),
        None,
    )
    if obj is None or pred is None:
        return None
    return _relation(verb, STANCE, [*obj.subtree, *pred.subtree], base)


def possessed_view(noun: Token, sent: SpacySpan, base: int) -> Found | None:
    """ "The mayor's claim that the pier is safe", "her plan to close the pier", "his support for the
    levy": a statement, an intention or a stance named by a noun, its holder the possessor."""
    if noun.lemma_.lower() not in lx.VIEW_NOUNS:
        return None
    holder = next((c for c in noun.children if c.dep_ == "poss"), None)
    if holder is None or holder.lower_ in ("its",) or not _possible_source(holder):
        return None
    parts = [
        c
        for c in noun.children
        if c.i > noun.i
        and (c.dep_ in ("acl", "ccomp") or c.dep_ == "prep" and c.lower_ in lx.STANCE_PREPOSITIONS | {"to", "on"})
    ]
    if not parts:
        return None
    content = _contiguous(noun, [t for c in parts for t in c.subtree], base)
    if content is None:
        return None
    from newsverify.attribution.cues import Found, source_ref

    start = base + noun.idx
    return Found(
        cue=(start, start + len(noun.text)),
        cue_kind=STANCE,
        content=[content],
        source=source_ref(holder),
        cue_token=noun,
    )


VERB_RULES: tuple[Callable[[Token, SpacySpan, int], Found | None], ...] = (
    intention_to,
    request_of,
    stance_object,
    topic_of_speech,
    regard_as,
    indirect_question,
)
NOUN_RULES: tuple[Callable[[Token, SpacySpan, int], Found | None], ...] = (possessed_view,)
# Every word a rule starts from: a token that is none of them is passed over at once.
_ANY_WORD = (
    lx.INTENTION_VERBS
    | lx.GERUND_INTENTION_VERBS
    | lx.DECISION_VERBS
    | lx.ASKING_VERBS
    | lx.STANCE_VERBS
    | lx.TOPIC_VERBS
    | lx.REGARD_VERBS
    | lx.QUESTION_VERBS
    | lx.VIEW_NOUNS
)


# --- shared pieces ------------------------------------------------------------------------------


def _is(verb: Token, lemmas: frozenset[str]) -> bool:
    """Whether the verb is one of ``lemmas``, also where the lemmatizer went wrong ("hopes" read
    as a form of "hop"): its lemma, or its own form with a regular ending taken off."""
    return not _forms(verb.lower_, verb.lemma_.lower()).isdisjoint(lemmas)


_ENDINGS = (("ies", "y"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", ""), ("d", ""), ("ing", ""))


@functools.lru_cache(maxsize=4096)
def _forms(word: str, lemma: str) -> frozenset[str]:
    forms = {lemma}
    for ending, back in _ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)] + back
            forms.update((stem, stem + "e"))
    return frozenset(forms)


def _relation(verb: Token, kind: str, tokens: list[Token], base: int) -> Found | None:
    from newsverify.attribution.cues import Found, source_ref

    subject, written = _holder(verb)
    if subject is None or not tokens:
        return None
    content = _contiguous(verb, tokens, base)
    if content is None:
        return None
    start = base + verb.idx
    return Found(
        cue=(start, start + len(verb.text)),
        cue_kind=kind,
        content=[content],
        source=source_ref(subject, written),
        cue_token=verb,
    )


def _opens_clause(tok: Token) -> bool:
    """ "which", "who", "and", "but", "while", "saying": what follows the comma is a clause of its own."""
    low = tok.lower_
    return (
        low in lx.RELATIVE_PRONOUNS
        or low in lx.SUBORDINATORS
        or tok.dep_ == "cc"
        or tok.tag_ == "VBG"
        and tok.dep_ in ("advcl", "conj")
    )


def _holder(verb: Token) -> tuple[Token | None, Token | None]:
    """Whose belief or intention: the subject, the subject of the verb it is joined to ("X
    said ... and wants to ..."), or the noun a relative clause hangs on ("X, who wants to ...");
    only a possible source (a person, a body, a pronoun for one), never a thing."""
    node = verb
    subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
    while subject is None and (node.dep_ in ("conj", "xcomp") or _participle_of(node)) and node.head.i != node.i:
        node = node.head
        subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
    written = None
    if subject is not None and subject.lower_ in lx.RELATIVE_PRONOUNS and node.dep_ == "relcl":
        subject, written = node.head, subject
    if subject is None or subject.lower_ in _NOT_A_SOURCE or not _possible_source(subject):
        return None, None
    return subject, written


def _participle_of(verb: Token) -> bool:
    """ "The court struck the law down, citing a threat to health": a participle after its clause
    holds the view of that clause's subject."""
    return verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.i > verb.head.i


def _possible_source(head: Token) -> bool:
    """A person, a body or a pronoun for one; not a thing ("the figures", "the measure")."""
    info = describe(mention_span(head))
    return not (
        info.type is SourceType.DOCUMENT or info.type is SourceType.OTHER and info.kind not in ("name", "pronoun")
    )


def _contiguous(verb: Token, tokens: list[Token], base: int) -> tuple[int, int] | None:
    """The words from the first of ``tokens`` after the verb to the last (a phrase between them,
    "encouraged his supporters at a rally to vote", belongs to it), stopped before a clause set off
    by a comma (", which ...", ", and ...", ", while ...") and without punctuation at its edges."""
    after = [t.i for t in tokens if t.i > verb.i]
    if not after:
        return None
    doc = verb.doc
    run: list[Token] = []
    for tok in doc[min(after) : max(after) + 1]:
        if tok.text == "," and tok.i + 1 < len(doc) and _opens_clause(doc[tok.i + 1]):
            break
        run.append(tok)
    while run and (run[0].is_punct or run[0].is_space):
        run = run[1:]
    while run and (run[-1].is_punct and run[-1].text not in ('"', "\u201d", "%") or run[-1].is_space):
        run = run[:-1]
    if not run or not any(t.is_alpha for t in run):
        return None
    first, last = run[0], run[-1]
    return base + first.idx, base + last.idx + len(last.text)
