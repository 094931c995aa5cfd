"""Finding attribution relations in a parsed sentence: who (source), the cue, and the content.

Everything here only reads the parse (the compute step); resolving who a source is and building
chains happens in ``analysis``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from newsverify.attribution import beliefs
from newsverify.attribution import lexicon as lx
from newsverify.attribution.segment import QUOTE_CHARS, Quote, QuoteIndex
from newsverify.attribution.sources import describes_news_organisation, is_document, mention_span, owner_of_document

_GAP_BEFORE_QUOTE = re.compile(r"^[\s,:;\u2014\u2013-]*(that\s+)?$", re.I)
_GAP_AFTER_QUOTE = re.compile(r"^[\s,;\u2014\u2013-]*$")
_LOCATIVE = frozenset(["in", "on", "via", "during", "through", "at"])
# A quote is a statement (not a scare quote around a word or two) from this many words up.
MIN_QUOTE_WORDS = 4


@dataclass
class SourceRef:
    """A source as the sentence names it: the head token and the mention span."""

    head: Token
    span: SpacySpan
    medium: str | None = None
    written: SpacySpan | None = None  # as the text has it: "who", "Jane Doe, a lawyer,"

    @property
    def as_written(self) -> SpacySpan:
        return self.written if self.written is not None else self.span


def source_ref(head: Token, written: Token | None = None) -> SourceRef:
    """A source named by ``head``; ``written`` is the relative pronoun that stands for it."""
    span = mention_span(head)
    if written is not None:
        return SourceRef(head, span, written=written.doc[written.i : written.i + 1])
    appos = [c for c in head.rights if c.dep_ == "appos"]
    if appos:
        end = max(a.right_edge.i for a in appos)
        return SourceRef(head, span, written=head.doc[span.start : end + 1])
    return SourceRef(head, span)


@dataclass
class Found:
    """An attribution relation read off one sentence (global character offsets)."""

    cue: tuple[int, int]
    cue_kind: str  # verb, according_to, label ("PENCE: ..."), follow (a quote with no cue), dateline
    content: list[tuple[int, int]]
    source: SourceRef | None
    cue_token: Token | None = None
    cited: list[SourceRef] = field(default_factory=list)  # earlier sources it relays ("citing X")
    recipient: SourceRef | None = None  # "told the BBC": the one who passed it on
    relay: SourceRef | None = None  # "Reuters quoted X as saying": Reuters
    speech_subject: SourceRef | None = None  # "X blamed Y, according to Z": X
    medium: str | None = None
    relative_to: Token | None = None  # "Ministry, which called ...": the antecedent
    quote: Quote | None = None
    request: bool = False  # "urged the board to resign": an attribution, but no claim


@dataclass(frozen=True)
class Sentence:
    """A parsed sentence with what every cue rule needs: ``base`` turns its offsets into the
    text's, ``qidx`` finds the quotations around it."""

    sent: SpacySpan
    base: int
    text: str
    qidx: QuoteIndex


@dataclass(frozen=True)
class CueRule:
    """One construction that introduces an attribution at a token: ``applies`` says whether the
    token opens it, ``find`` reads the relation off the parse (None when the parse has no content
    for it). The first rule that applies to a token is the only one tried."""

    name: str
    applies: Callable[[Token, Sentence], bool]
    find: Callable[[Token, Sentence], Found | None]


def _opens_signature(tok: Token, s: Sentence) -> bool:
    """'"We will rebuild," ― Jane Doe': a dash after a quote, a name after the dash."""
    return _sign_off_mark(tok.text) is not None


def _sign_off_mark(word: str) -> int | None:
    """Where the dash starts in a token that is a sign-off dash, or one glued to the quote's
    closing mark ('”―' as the tokenizer leaves it); None for any other token."""
    if word in _SIGN_OFF_MARKS:
        return 0
    if len(word) > 1 and word[0] in QUOTE_CHARS and word[1:] in _SIGN_OFF_MARKS:
        return 1
    return None


def _opens_according_to(tok: Token, s: Sentence) -> bool:
    """ "According to the ministry, ..." and "As per the Herald report, ..."."""
    low = tok.lower_
    return low == "according" and _next_is(tok, s.sent, "to") or low == "as" and _next_is(tok, s.sent, "per")


def _opens_as_reported_by(tok: Token, s: Sentence) -> bool:
    """ "..., as reported by Al Jazeera": "as", a reporting participle, "by"."""
    return (
        tok.lower_ == "as"
        and tok.i + 2 < s.sent.end
        and tok.nbor(1).tag_ == "VBN"
        and tok.nbor(2).lower_ == "by"
        and tok.nbor(1).lemma_.lower() in lx.REPORTING_VERBS
    )


def _opens_per(tok: Token, s: Sentence) -> bool:
    """ "Prices rose, per the Herald": "per" alone as "according to"; not the rate in "two packs
    per transaction", "ten dollars per person", whose noun stands bare."""
    if not (tok.lower_ == "per" and tok.dep_ == "prep" and (tok.i == s.sent.start or tok.nbor(-1).lower_ != "as")):
        return False
    pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    return pobj is not None and (pobj.pos_ == "PROPN" or any(c.dep_ in ("det", "poss") for c in pobj.children))


def _opens_in_a_document(tok: Token, s: Sentence) -> bool:
    """ "In a situation report of the disaster council, 143 buildings were damaged": a sentence
    opened by a document that gives its content, no cue of its own after it ("In a Herald
    report, X said ..." has one: there the outlet is the relay, see ``_recipient``)."""
    if tok.lower_ != "in" or tok.i != s.sent.start or tok.dep_ != "prep":
        return False
    pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.lemma_.lower() not in lx.DOCUMENT_NOUNS or pobj.pos_ != "NOUN":
        return False
    if _document_author(pobj) is None:
        return False  # "In a report published on Monday, ...": whose, the sentence does not say
    end = tok.right_edge.i
    return not any(_is_verb_cue(t) for t in s.sent if t.i > end)


def _document_author(document: Token) -> Token | None:
    """Who wrote a document: "of the council", "by the council", "from the council", "the
    council's report"."""
    owner = owner_of_document(document)
    if owner is not None:
        return owner.root
    for prep in document.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "by", "from"):
            who = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if who is not None and (who.pos_ == "PROPN" or who.ent_type_ in ("ORG", "PERSON", "GPE")):
                return who
    return None


def _in_a_document(tok: Token, s: Sentence) -> Found | None:
    pobj = next(c for c in tok.children if c.dep_ == "pobj")
    author = _document_author(pobj)
    item = _according(tok, tok, s.sent, s.base)
    if item is None or author is None:
        return None
    span = mention_span(author)
    if len(span) > 1 and span[-1].dep_ == "case":
        span = span[:-1]  # "the ministry's": the ministry
    item.source = SourceRef(author, span, medium=pobj.lemma_.lower())
    return item


def _as_phrase(verb: Token) -> Token | None:
    """The "as" phrase of a verb, with an object of its own: "as a local teacher"."""
    preps = (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as")
    return next((c for c in preps if any(g.dep_ == "pobj" for g in c.children)), None)


def _opens_identified_as(tok: Token, s: Sentence) -> bool:
    """ "Police identified the driver as a local teacher", "The man was named by police as Ivo
    Brandt": an identifying verb with an "as" phrase and someone who identifies."""
    if tok.lemma_.lower() not in lx.IDENTIFYING_VERBS or tok.pos_ != "VERB" or _as_phrase(tok) is None:
        return False
    return (_agent(tok) if _is_passive(tok) else _subject(tok)) is not None


def _identified_as(verb: Token, s: Sentence) -> Found | None:
    who = _agent(verb) if _is_passive(verb) else _subject(verb)
    named = next((c for c in verb.children if c.dep_ == ("nsubjpass" if _is_passive(verb) else "dobj")), None)
    as_phrase = _as_phrase(verb)
    if who is None or named is None or as_phrase is None or named.i > as_phrase.i:
        return None
    identity = next(c for c in as_phrase.children if c.dep_ == "pobj")
    if not (
        named.lemma_.lower() in lx.IDENTIFIED_PEOPLE | lx.PEOPLE_NOUNS
        or named.ent_type_ == "PERSON"
        or identity.pos_ == "PROPN"
        or identity.ent_type_ == "PERSON"
    ):
        return None  # "identified the cost as one of the reasons": a view, not who someone is
    tokens = [t for t in named.subtree] + [t for t in as_phrase.subtree]
    if named.i < verb.i:  # "The man was identified by police as ...": the man, then what he is
        tokens = [t for t in tokens if not (named.right_edge.i < t.i < as_phrase.i)]
    else:
        tokens = [t for t in verb.doc[named.left_edge.i : as_phrase.right_edge.i + 1]]
    return Found(
        cue=_g(verb, s.base),
        cue_kind="verb",
        content=_fragments(tokens, s.base),
        source=source_ref(who),
        cue_token=verb,
        medium=_medium(verb),
    )


def _opens_recounted_experience(tok: Token, s: Sentence) -> bool:
    """ "The nurse described seeing twenty patients in the corridor", "A driver recalled hearing
    two blasts": a recounting verb whose complement is a gerund of what the speaker went through."""
    if tok.lemma_.lower() not in lx.RECOUNTING_VERBS or tok.pos_ != "VERB" or _has_clause(tok):
        return False
    return _subject(tok) is not None and _experience_gerund(tok) is not None


def _experience_gerund(verb: Token) -> Token | None:
    """The gerund right after the cue; not one that reports in turn ("recalled thinking, '...'",
    which the reporting-verb rule reads with its quote)."""
    return next(
        (
            c
            for c in verb.children
            if c.dep_ in ("xcomp", "dobj")
            and c.tag_ == "VBG"
            and c.i == verb.i + 1
            and c.lemma_.lower() not in lx.REPORTING_VERBS
        ),
        None,
    )


def _recounted_experience(verb: Token, s: Sentence) -> Found | None:
    gerund = _experience_gerund(verb)
    subj = _subject(verb)
    if gerund is None or subj is None:
        return None
    return Found(
        cue=_g(verb, s.base),
        cue_kind="verb",
        content=_fragments(list(gerund.subtree), s.base),
        source=source_ref(subj),
        cue_token=verb,
        medium=_medium(verb),
    )


def _opens_put_at(tok: Token, s: Sentence) -> bool:
    """ "Officials put the death toll at 20"."""
    return tok.lemma_.lower() == "put" and tok.pos_ == "VERB"


# The cue rules, tried in this order at every token of a sentence.
CUE_RULES: tuple[CueRule, ...] = (
    CueRule("signature", _opens_signature, lambda t, s: _signed(t, s.sent, s.base, s.text, s.qidx)),
    CueRule("according to", _opens_according_to, lambda t, s: _according(t, t.nbor(1), s.sent, s.base)),
    CueRule("as reported by", _opens_as_reported_by, lambda t, s: _according(t, t.nbor(2), s.sent, s.base)),
    CueRule("per", _opens_per, lambda t, s: _according(t, t, s.sent, s.base)),
    CueRule("in a document of X", _opens_in_a_document, _in_a_document),
    CueRule("identified as", _opens_identified_as, _identified_as),
    CueRule("recounted experience", _opens_recounted_experience, _recounted_experience),
    CueRule("reporting verb", lambda t, s: _is_verb_cue(t), lambda t, s: _verb(t, s.sent, s.base, s.text, s.qidx)),
    CueRule("put at", _opens_put_at, lambda t, s: _put_at(t, s.base)),
)


def find_in_sentence(
    sent: SpacySpan, base: int, text: str, qidx: QuoteIndex, *, paragraph_end: int | None = None
) -> list[Found]:
    """Attribution relations in ``sent``; ``paragraph_end`` is given for a paragraph's first
    sentence, where a speaker's label ("PENCE: ...", "Jane Doe ― ...") can open it."""
    found: list[Found] = []
    if paragraph_end is not None:
        labelled = _labelled(sent, base, text, paragraph_end)
        if labelled is not None:
            found.append(labelled)
    s = Sentence(sent, base, text, qidx)
    for tok in sent:
        rule = next((r for r in CUE_RULES if r.applies(tok, s)), None)
        if rule is None:
            continue
        item = rule.find(tok, s)
        if item is not None and item.content and any(end > start for start, end in item.content):
            found.append(item)
    return beliefs.find(sent, base, _as_reported_relays(found))  # beliefs marked; intentions and stances added


def _as_reported_relays(found: list[Found]) -> list[Found]:
    """'X said, "...", as quoted by the Herald', 'X said — as reported by the Herald —
    "..."': the "as ... by" phrase names who relayed the cue beside it, not a claim of its own."""
    out = list(found)
    for item in found:
        cue = item.cue_token
        if item.cue_kind != "according_to" or cue is None or cue.lower_ != "as" or item.source is None:
            continue
        if cue.i + 1 >= len(cue.doc) or cue.nbor(1).tag_ != "VBN":
            continue
        target = next(
            (
                o
                for o in found
                if o is not item
                and o.cue_kind == "verb"
                and o.relay is None
                and o.source is not None
                and o.source.head.i != item.source.head.i
                and any(s < e2 and s2 < e for s, e in o.content for s2, e2 in item.content)
            ),
            None,
        )
        if target is not None:
            target.relay = item.source
            out.remove(item)
    return out


_LABEL_MARKS = frozenset({":", "\u2015", "\u2014", "\u2013"})


def _labelled(sent: SpacySpan, base: int, text: str, paragraph_end: int) -> Found | None:
    """A paragraph opened by a speaker's name and a colon or dash: a transcript line, a
    headline ("Pence: ..."), a vox pop. A place before the colon is a dateline, not a speaker.
    A transcript quoted whole opens with its quotation mark ('"WALLACE: Let's start ...')."""
    first = _after_opening_quote(sent)
    mark = next((t for t in sent.doc[first : first + 7] if t.text in _LABEL_MARKS), None)
    if mark is None or mark.i == first:
        return None
    name = sent.doc[first : mark.i]
    if not all(t.pos_ == "PROPN" or t.is_title or t.is_upper or t.is_punct and t.text in ".'\u2019" for t in name):
        return None
    shouting = all(t.is_upper or t.is_punct for t in name)  # a transcript's "WALLACE:"
    if not shouting and not any(e.label_ in ("PERSON", "ORG", "NORP") for e in name.ents):
        return None  # a title-case headline ("Stealth Over Health: ..."), not a speaker
    if not shouting and any(t.pos_ in ("VERB", "AUX") for t in name) or name.text.lower() in lx.HEADER_LABELS:
        return None
    if name.text.lower() in lx.COUNTRY_OF or any(e.label_ in ("GPE", "LOC", "DATE", "TIME") for e in name.ents):
        return None
    start = base + mark.idx + len(mark.text)
    while start < paragraph_end and text[start].isspace():
        start += 1
    if paragraph_end - start < 3:
        return None
    if mark.text != ":" and text[start] not in QUOTE_CHARS:
        return None  # "Mehmet Oz \u2014 a surgeon \u2014 has ...": a dash sets off an aside unless a quote follows
    head = name.root
    return Found(
        cue=_g(mark, base),
        cue_kind="label",
        content=[(start, paragraph_end)],
        source=SourceRef(head, name),
        cue_token=mark,
    )


def _after_opening_quote(sent: SpacySpan) -> int:
    """The index of ``sent``'s first word after the quotation marks that open it."""
    first = sent.start
    while first < sent.end - 1 and sent.doc[first].text in QUOTE_CHARS:
        first += 1
    return min(first, sent.end - 1)


_SIGN_OFF_MARKS = frozenset({"\u2015", "\u2014", "--"})


def _signed(dash: Token, sent: SpacySpan, base: int, text: str, qidx: QuoteIndex) -> Found | None:
    """A quote signed with a dash and a name: '"..." \u2015 Jane Doe'."""
    doc = dash.doc
    first = dash.i + 1
    while first < sent.end and doc[first].is_space:
        first += 1  # '―\u00a0Jane Doe'
    end = first
    while end < sent.end and end - first < 5 and (doc[end].pos_ == "PROPN" or doc[end].is_title):
        end += 1
    if end == first or (end < sent.end and not (doc[end].is_punct or doc[end].is_space)):
        return None
    start = base + dash.idx + (_sign_off_mark(dash.text) or 0)
    q = qidx.ending_before(start, lower=start - 4)
    if q is None or text[q.end : start].strip() or not is_statement_quote(text, q):
        return None
    name = doc[first:end]
    return Found(
        cue=(start, base + dash.idx + len(dash.text)),
        cue_kind="label",
        content=[_trim(text, q.inner_start, q.inner_end)],
        source=SourceRef(name.root, name),
        cue_token=dash,
        quote=q,
    )


def _next_is(tok: Token, sent: SpacySpan, word: str) -> bool:
    return tok.i + 1 < sent.end and tok.nbor(1).lower_ == word


def _put_at(verb: Token, base: int) -> Found | None:
    """ "Hospital officials put the number at 20": an estimate is a claimed figure."""
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in lx.ESTIMATE_NOUNS), None)
    at = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "at"), None)
    subj = _subject(verb)
    if obj is None or at is None or subj is None:
        return None
    content = _fragments(list(obj.subtree) + list(at.subtree), base)
    return Found(cue=_g(verb, base), cue_kind="verb", content=content, source=source_ref(subj), cue_token=verb)


def _is_verb_cue(tok: Token) -> bool:
    if not (tok.pos_ == "VERB" or tok.tag_.startswith("VB") or _verb_tagged_as_noun(tok)):
        return False
    lemma = tok.lemma_.lower()
    if lemma not in lx.REPORTING_VERBS and lemma not in lx.QUOTING_ONLY_VERBS:
        return False
    if tok.dep_ in ("amod", "compound", "nmod"):
        return False
    if tok.tag_ == "VBN" and tok.i > 0 and tok.nbor(-1).lower_ == "as":
        return False  # "as reported by X" is read as a prepositional cue
    # "quoted X as saying": the quoting verb carries the relation.
    if tok.head.lower_ == "as" and tok.head.head.lemma_.lower() in lx.CITING_VERBS:
        return False
    # "citing X" under another cue is a relay of that cue, not a cue of its own.
    return not (lemma == "cite" and tok.tag_ == "VBG" and tok.head.i != tok.i and _is_verb_cue(tok.head))


def _verb_tagged_as_noun(tok: Token) -> bool:
    """ "Documents obtained by the Herald show that ...": the tagger took "show" for a noun (the
    Herald show), but a noun with a subject and a clause of its own is the verb."""
    children = {c.dep_ for c in tok.children}
    return tok.pos_ == "NOUN" and bool(children & {"nsubj", "nsubjpass"}) and "ccomp" in children


def _g(tok: Token, base: int) -> tuple[int, int]:
    return base + tok.idx, base + tok.idx + len(tok.text)


def _span_of(tokens: list[Token], base: int) -> tuple[int, int]:
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    return base + first.idx, base + last.idx + len(last.text)


def _according(first: Token, prep: Token, sent: SpacySpan, base: int) -> Found | None:
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if pobj is None:
        pobj = next((t for t in sent if t.i > prep.i and t.pos_ in ("NOUN", "PROPN", "PRON")), None)
    if pobj is None:
        return None
    source = source_ref(pobj)
    cited = [
        source_ref(obj)
        for rel in pobj.children
        if rel.dep_ in ("relcl", "acl") and rel.lemma_.lower() in lx.CITING_VERBS
        for obj in rel.children
        if obj.dep_ in ("dobj", "pobj")
    ]  # "According to the Herald, which cited police sources, ..."
    phrase_start = first.i
    phrase_end = max(source.span.end - 1, prep.i)
    for t in (first, prep):
        phrase_end = max(phrase_end, t.right_edge.i if t.right_edge.i < sent.end else phrase_end)
    doc = first.doc
    if phrase_end + 2 < sent.end and doc[phrase_end + 1].text == "," and doc[phrase_end + 2].tag_ in ("WP", "WDT"):
        # "according to police, who said ...": the relative clause is the source's, wherever the
        # parser hung it, and not part of the content
        relative = doc[phrase_end + 2].head
        phrase_end = max(phrase_end, max(t.i for t in relative.subtree))
    head = first.head if first.head.i != first.i else None
    while head is not None and head.dep_ not in ("ROOT", "ccomp", "parataxis") and head.head.i != head.i:
        if head.head.i < sent.start or head.head.i >= sent.end:
            break
        head = head.head
    in_phrase = head is None or phrase_start <= head.i <= phrase_end
    clause = list(sent) if in_phrase or head is None else list(head.subtree)
    content_tokens = [t for t in clause if not (phrase_start <= t.i <= phrase_end)]
    inside = _inside_a_phrase(first, phrase_end)
    if inside:
        # "killed 62, including, according to the ministry, 54 children": the phrase it interrupts
        content_tokens = inside
    elif head is not None and not in_phrase and _fronted_fragment(content_tokens, head, phrase_start, phrase_end):
        # "Magnitude 6.2 according to the institute, it was recorded as 6.4 by ...": the phrase
        # before the cue is its content; the clause after it, with a subject of its own, is not.
        content_tokens = [t for t in content_tokens if t.i < phrase_start]
    gloss = {t.i for g in content_tokens if _is_gloss(g) for t in g.subtree}
    fragments = _fragments([t for t in content_tokens if t.i not in gloss], base)
    if not fragments:
        return None
    item = Found(
        cue=(base + first.idx, base + prep.idx + len(prep.text)),
        cue_kind="according_to",
        content=fragments,
        source=source,
        cue_token=first,
        cited=cited,
    )
    _document_across_phrase(item, pobj, sent.doc[phrase_start : phrase_end + 1])
    if head is not None and head.lemma_.lower() in lx.SPEECH_ACT_VERBS and not _has_clause(head):
        subj = _subject(head)
        if subj is not None and subj.pos_ in ("PROPN", "PRON", "NOUN"):
            item.speech_subject = source_ref(subj)
    return item


def _is_gloss(tok: Token) -> bool:
    """ "According to critics, the move is a ploy, meaning the law would lapse": a participle of
    explanation after a comma at the end of the clause, the writer's gloss on what was said."""
    return (
        tok.tag_ == "VBG"
        and tok.lemma_.lower() in lx.GLOSS_PARTICIPLES
        and tok.dep_ in ("advcl", "xcomp", "acl")
        and tok.i > 0
        and tok.nbor(-1).text == ","
        and tok.head.i < tok.i
    )


def _inside_a_phrase(first: Token, phrase_end: int) -> list[Token]:
    """ "..., including, according to the ministry, 54 children": an according phrase set off by
    commas right after a preposition attributes that prepositional phrase, the preposition and the
    noun phrase after the comma (which the parser often hangs elsewhere), not the whole clause."""
    doc = first.doc
    prep = first.head
    if prep.i != first.i - 2 or doc[first.i - 1].text != "," or prep.dep_ != "prep" or prep.pos_ not in ("ADP", "VERB"):
        return []
    if phrase_end + 2 >= len(doc) or doc[phrase_end + 1].text != ",":
        return []
    noun = next((t for t in doc[phrase_end + 2 : first.sent.end] if t.pos_ in ("NOUN", "PROPN", "PRON")), None)
    if noun is None or any(t.is_punct for t in doc[phrase_end + 2 : noun.i]):
        return []
    end = max(t.i for t in noun.subtree if t.i >= noun.i and not t.is_punct)
    return [prep, *doc[phrase_end + 2 : end + 1]]


def _fronted_fragment(tokens: list[Token], head: Token, phrase_start: int, phrase_end: int) -> bool:
    """ "Magnitude 6.2 according to the institute, it was recorded as 6.4 by the survey": words
    without a verb before the according phrase, and after its comma a clause with a subject of its
    own. The words before are what the phrase attributes; the clause after says something else."""
    before = [t for t in tokens if t.i < phrase_start]
    if not before or any(t.pos_ in ("VERB", "AUX") for t in before):
        return False
    doc = head.doc
    if phrase_end + 1 >= len(doc) or doc[phrase_end + 1].text != ",":
        return False
    return head.i > phrase_end and any(c.dep_ in ("nsubj", "nsubjpass") and c.i > phrase_end for c in head.children)


def _document_across_phrase(item: Found, document: Token, phrase: SpacySpan) -> None:
    """ "According to a note to clients from Nordbank Capital cited by the Ostra news site": the
    parser scatters the phrase, so the document's author ("from X") and the outlet that cited it
    ("cited by Y") are looked for anywhere in it."""
    if not is_document(document):
        return
    if owner_of_document(document) is None:
        author = next(
            (
                t
                for t in phrase
                if t.dep_ == "pobj"
                and t.pos_ == "PROPN"
                and t.i > document.i
                and (t.head.lower_ == "from" or t.head.lower_ == "by" and t.head.head.i == document.i)
            ),
            None,
        )  # "a note to clients from Nordbank Capital", "projections by Radio Valmor"
        if author is not None:
            item.source = SourceRef(author, mention_span(author), medium=document.lemma_.lower())
    relay = next(
        (
            t
            for t in phrase
            if t.dep_ == "pobj"
            and t.head.dep_ == "agent"
            and t.head.head.lemma_.lower() in lx.CITING_VERBS | lx.ACCESS_VERBS | {"report", "publish"}
        ),
        None,
    )
    if relay is not None and item.relay is None:
        item.relay = source_ref(relay)


def _has_clause(verb: Token) -> bool:
    return any(c.dep_ == "ccomp" for c in verb.children)


def _fragments(tokens: list[Token], base: int) -> list[tuple[int, int]]:
    """Contiguous runs of tokens as character spans, bare punctuation trimmed at the edges."""
    tokens = sorted(tokens, key=lambda t: t.i)
    runs: list[list[Token]] = []
    for t in tokens:
        if runs and t.i == runs[-1][-1].i + 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    spans = []
    for run in runs:
        while run and (
            run[0].is_space
            or run[0].is_punct
            and not _is_quote(run[0])
            or run[0].lower_ == "that"
            and (run[0].dep_ == "mark" or run[0].pos_ == "SCONJ")
        ):
            run = run[1:]
        while run and (run[-1].is_space or _trailing_punct(run[-1])):
            run = run[:-1]
        if run and any(not t.is_punct for t in run):
            spans.append(_span_of(run, base))
    return spans


def _trailing_punct(tok: Token) -> bool:
    """Punctuation a content span does not end on: not a quote mark, and not a sign that belongs to
    the figure before it ("rose 10%")."""
    return tok.is_punct and not _is_quote(tok) and tok.text not in ("%", "\u2030")


def _is_quote(tok: Token) -> bool:
    return tok.text in ('"', "\u201c", "\u201d", "'", "\u2019", "\u2018")


def _subject(verb: Token) -> Token | None:
    """The verb's subject; of two (the parser gives "Thirty migrants drowned ..., the agency said"
    both to "said"), the one nearest before the verb."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    before = [c for c in subjects if c.i < verb.i]
    return before[-1] if before else (subjects[0] if subjects else None)


def _verb(verb: Token, sent: SpacySpan, base: int, text: str, qidx: QuoteIndex) -> Found | None:
    lemma = verb.lemma_.lower()
    if _is_refusal(verb):
        return None
    source = _source_of(verb)
    if source is not None and source.lower_ in lx.FIRST_PERSON | {"you"} and qidx.containing(base + verb.idx):
        return None  # '"I think we will win," he said': the speaker's own words, part of the quote
    if source is None and lemma in lx.CLAUSE_ONLY:
        return None  # "more rain is expected": a belief held by nobody named is no attribution
    if source is not None and _quoted_away_from(verb, source, base, qidx):
        return None  # '"We came knowing it would be hard," the coach said': the speaker's own words
    relative_to = None
    pronoun = None
    if source is not None and source.lower_ in lx.RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        relative_to = _antecedent(source, verb)
        pronoun = source
        source = relative_to
    elif source is None and verb.dep_ in ("relcl", "acl"):
        relative_to = verb.head
        source = verb.head
    issued = None
    if source is not None and (issuer := _issuer(source)) is not None:
        issued, source = source, issuer  # "They released a statement which said ...": they said it

    carrier = _saying(verb) if lemma in lx.CITING_VERBS else verb
    quote, content = _quoted_content(carrier, source if carrier.i == verb.i else None, sent, base, text, qidx)
    if content is None and carrier.i != verb.i:
        quote, content = _quoted_content(verb, source, sent, base, text, qidx)
    if content is None and lemma in lx.QUOTING_ONLY_VERBS:
        return None  # "continued to fight": a cue only when it sets off a quote
    if content is None:
        content = _clause_content(carrier, carrier.lemma_.lower(), sent, base)
        if not content and carrier.i != verb.i:
            # "<clause>, an official was quoted by the agency as saying": the clause hangs on "quoted"
            content = _clause_content(verb, lemma, sent, base)
    if not content:
        return None

    item = Found(
        cue=_g(verb, base),
        cue_kind="verb",
        content=content,
        source=source_ref(source, pronoun) if source is not None else None,
        cue_token=verb,
        relative_to=relative_to,
        quote=quote,
        request=_is_request(verb),
    )
    lemma = _as_quoting(verb, lemma)
    if lemma == "cite" and not _is_passive(verb):
        # "The Herald cited an Interfax report ...": the object is the earlier source, the subject relays it.
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
        if obj is not None:
            item.cited = [source_ref(obj)]
    if verb.dep_ == "relcl" and verb.head.dep_ == "dobj" and verb.head.head.lemma_.lower() in lx.CITING_VERBS:
        # "The Gazette cited a port report that said ...": the Gazette relays the report.
        relay = _subject(verb.head.head)
        if relay is not None:
            item.relay = source_ref(relay)
    if lemma == "quote":
        # "Reuters quoted X as saying" / "X was quoted by Reuters as saying": X speaks, Reuters relays.
        relay = _subject(verb) if not _is_passive(verb) else _agent(verb)
        if relay is not None and (source is None or relay.i != source.i):
            item.relay = source_ref(relay)
    if source is not None and item.relay is None and (seen := _seen_by(source)) is not None:
        item.relay = source_ref(seen)  # "a report seen by the Times found ...": the Times relays it
    if source is not None and item.relay is None and (pollster := _polled_by(source)) is not None:
        item.relay = source_ref(pollster)  # "Economists polled by Valmor Press expect ..."
    if item.relay is None and verb.dep_ == "acl" and (outer := _with_phrase_cue(verb)) is not None:
        relay = _source_of(outer)
        if relay is not None and (source is None or relay.i != source.i):
            item.relay = source_ref(relay)  # "Reuters reported ..., with officials reporting ..."
    participles = {c.i: c for c in verb.children if c.lemma_.lower() in lx.CITING_VERBS and c.tag_ == "VBG"}
    participles.update({c.i: c for c in _after_cue(verb, sent)[1]})
    for child in participles.values():
        obj = next((c for c in child.children if c.dep_ in ("dobj", "pobj")), None)
        if obj is not None:
            item.cited.append(source_ref(obj))
    item.recipient = _recipient(verb, lemma)
    if item.recipient is None and verb.dep_ in ("advcl", "conj", "xcomp") and verb.head.i != verb.i:
        # 'X, speaking to the BBC, said "A", also observing "B"': B was said to the BBC too
        governing = verb.head if _is_verb_cue(verb.head) else _governing_cue(verb.head)
        if governing is not None and governing.i < verb.i:
            item.recipient = _recipient(governing, governing.lemma_.lower())
    item.medium = _medium(verb) if issued is None else _medium_name(issued)
    if item.medium is None:
        for c in verb.children:
            if c.dep_ in ("ccomp",):
                item.medium = _medium(c, trailing_only=True)
    return item


def _quoted_away_from(verb: Token, source: Token, base: int, qidx: QuoteIndex) -> bool:
    """Whether the cue stands inside a quotation and its source outside it: the parser hung a verb
    of the quoted words ('"We came knowing ...," the coach said') on the speaker outside."""
    quote = qidx.containing(base + verb.idx)
    if quote is None or not quote.inner_start <= base + verb.idx < quote.inner_end:
        return False
    return not quote.inner_start <= base + source.idx < quote.inner_end


def _antecedent(pronoun: Token, clause: Token) -> Token:
    """What "who" stands for: the noun right before its comma ("according to police, who said"),
    which the parser may pass over for a noun further back; else the clause's head."""
    doc = pronoun.doc
    i = pronoun.i - 1
    if i > 0 and doc[i].text == ",":
        i -= 1
    if pronoun.lower_ == "who" and i > clause.head.i and doc[i].pos_ in ("NOUN", "PROPN"):
        return doc[i]
    return clause.head


def _issuer(noun: Token) -> Token | None:
    """Who put out the statement a relative clause quotes: "the ministry" in "the ministry issued a
    statement which said", "Police released a statement saying"."""
    if noun.lemma_.lower() not in lx.MEDIUM_NOUNS or noun.dep_ != "dobj":
        return None
    if noun.head.lemma_.lower() not in lx.ISSUING_VERBS:
        return None
    return _source_of(noun.head)


def _medium_name(noun: Token) -> str:
    """A medium as named: "statement", "media release"."""
    words = [t.text for t in noun.lefts if t.dep_ == "compound"]
    return " ".join([*words, noun.text]).lower()


def _seen_by(source: Token) -> Token | None:
    """Who had a document the sentence quotes: "the Times" in "a report seen by the Times"."""
    if not is_document(source):
        return None
    access = next((c for c in source.children if c.dep_ == "acl" and c.lemma_.lower() in lx.ACCESS_VERBS), None)
    return _agent(access) if access is not None else None


def _polled_by(source: Token) -> Token | None:
    """Who asked a group for its view: "Valmor Press" in "economists polled by Valmor Press"."""
    poll = next((c for c in source.children if c.dep_ == "acl" and c.lemma_.lower() in lx.POLLING_VERBS), None)
    return _agent(poll) if poll is not None else None


def _is_request(verb: Token) -> bool:
    """ "urged the council to reconsider", "called on both sides to stop", "called for calm",
    "asked that the immunity be waived": a demand states nothing that could be checked."""
    lemma = verb.lemma_.lower()
    if lemma in lx.REQUEST_VERBS:
        return True
    if lemma == "ask":  # "asked the board to resign", "asked that it be delayed"; not '"Why?" she asked'
        return any(
            c.dep_ == "xcomp" or c.dep_ == "ccomp" and any(m.lower_ == "that" for m in c.children if m.dep_ == "mark")
            for c in verb.children
        )
    if lemma != "call":
        return False
    return any(c.dep_ == "prep" and c.lower_ in ("for", "on", "upon") for c in verb.children) or (
        _for_to_clause(verb) is not None
    )


def is_refusal_sentence(sent: SpacySpan) -> bool:
    """ "The operator declined to comment", "A spokesman did not respond to a request for
    comment": a sentence about a source's silence, the publisher's own, never a relayed fact."""
    for tok in sent:
        if tok.lemma_.lower() in ("comment", "respond", "reply") and tok.pos_ == "VERB" and _is_refusal_of(tok):
            return True
        if tok.lower_ == "comment" and tok.head.lower_ == "for" and tok.head.head.lemma_.lower() == "request":
            return True
    return False


def _is_refusal_of(verb: Token) -> bool:
    return verb.head.lemma_.lower() in lx.REFUSAL_VERBS or any(c.dep_ == "neg" for c in verb.children)


def _is_refusal(verb: Token) -> bool:
    """ "declined to comment", "did not respond to a request for comment"."""
    if verb.lemma_.lower() != "comment":
        return False
    return verb.head.lemma_.lower() in lx.REFUSAL_VERBS or any(c.dep_ == "neg" for c in verb.children)


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _source_of(verb: Token) -> Token | None:
    lemma = verb.lemma_.lower()
    subj = None
    for child in verb.children:
        if child.dep_ == "nsubj" or (child.dep_ == "nsubjpass" and lemma in lx.CITING_VERBS):
            subj = child
    lemma = _as_quoting(verb, lemma)
    if lemma == "quote" and not _is_passive(verb):
        obj = next((c for c in verb.children if c.dep_ in ("dobj",)), None)
        if obj is not None:
            return obj  # "Reuters quoted X as saying": X speaks; Reuters relays (as cited below)
    if subj is None and _is_passive(verb):
        subj = _agent(verb)
    controlled = verb.dep_ in ("conj", "xcomp") or verb.dep_ == "advcl" and verb.tag_ == "VBG"
    if subj is None and controlled and verb.head.i != verb.i:
        # The subject of the verb it depends on: "went on to say", "..., adding that".
        head = verb.head
        raised = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
        if verb.dep_ == "xcomp" and raised is not None:
            return raised  # "He is reported to have told aides that ...": he told them
        if verb.dep_ in ("conj", "advcl") and not _is_verb_cue(head):
            # "X said A and added B" parsed with "added" joined to A's verb: X adds it. So does
            # '"A," adding, "B"', "adding" hung on A's verb.
            cue = _governing_cue(head)
            if cue is not None:
                return _source_of(cue)
        return _source_of(head) if head.pos_ in ("VERB", "AUX") else None
    if subj is None and (host := _host_of_adjunct_participle(verb)) is not None:
        return _subject(host)
    if subj is None and (speaker := _inverted_object_speaker(verb)) is not None:
        return speaker
    if subj is not None and subj.dep_ == "nsubj" and subj.lower_ in ("it", "there") and _expletive(verb):
        return None
    if subj is None and verb.i > 0:
        # A subject the parser hung on the verb as a modifier: "The 58-year-old added ..."
        before = verb.nbor(-1)
        if (
            before.head.i == verb.i
            and before.dep_ in ("amod", "npadvmod", "compound")
            and before.pos_ in ("ADJ", "NOUN", "PROPN")
        ):
            return before
    return subj


def _host_of_adjunct_participle(verb: Token) -> Token | None:
    """ "She went on by noting that ...", "He ended by saying ...", "After saying that ..., she
    left": a participle after "by", "after", "before" or "while" has the subject of the verb
    that phrase hangs on."""
    prep = verb.head
    if verb.dep_ != "pcomp" or verb.tag_ != "VBG" or prep.dep_ not in ("prep", "advcl"):
        return None
    if prep.lower_ not in ("by", "after", "before", "while") or prep.head.pos_ not in ("VERB", "AUX"):
        return None
    return prep.head


def _inverted_object_speaker(verb: Token) -> Token | None:
    """'"The mill will close," posted Ana Ribeiro': after a quote, the speaker put after the
    verb, which the parser took for its object: a name right after the verb, the quote right
    before it."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and doc[i].text == ",":
        i -= 1
    if i < 0 or not _is_quote(doc[i]) or verb.i + 1 >= len(doc):
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or obj.left_edge.i != verb.i + 1:
        return None
    if obj.pos_ != "PROPN" and obj.ent_type_ not in ("PERSON", "ORG"):
        return None
    return obj


def _governing_cue(tok: Token) -> Token | None:
    """The reporting verb whose content clause holds ``tok``, if any."""
    node = tok
    while node.dep_ in ("ccomp", "conj", "xcomp") and node.head.i != node.i:
        if node.dep_ == "ccomp" and _is_verb_cue(node.head):
            return node.head
        node = node.head
    return None


def _agent(verb: Token) -> Token | None:
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None


def _as_quoting(verb: Token, lemma: str) -> str:
    """ "X was cited by Reuters as saying" is read as quoting."""
    return "quote" if lemma == "cite" and _saying(verb).i != verb.i else lemma


def _saying(verb: Token) -> Token:
    """The verb that carries the content: "saying" in "quoted X as saying", else the cue."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "as":
            for pcomp in prep.children:
                if pcomp.dep_ in ("pcomp", "pobj") and pcomp.lemma_.lower() in ("say", "tell", "write", "add"):
                    return pcomp
    return verb


def _expletive(verb: Token) -> bool:
    return _is_passive(verb) or any(c.lower_ in ("is", "was") for c in verb.children if c.dep_ == "aux")


def _quoted_content(
    verb: Token, source: Token | None, sent: SpacySpan, base: int, text: str, qidx: QuoteIndex
) -> tuple[Quote | None, list[tuple[int, int]] | None]:
    """A quotation the cue introduces or closes (or both halves of one it splits), as the
    content."""
    v_start, v_end = _g(verb, base)
    # Cue before the quote: 'X said: "..."', 'said X, "..."', 'X told the Herald after the hearing "..."'
    after = _end_of_cue_phrase(verb, sent, base)
    if source is not None and source.i > verb.i:
        after = max(after, base + source.right_edge.idx + len(source.right_edge.text))
    following = qidx.starting_after(after, after + 12)
    if following is not None and not (
        _GAP_BEFORE_QUOTE.match(text[after : following.start]) and is_statement_quote(text, following)
    ):
        following = None
    if following is not None and _aside_of_a_cue(verb):
        following = None
    # Quote before the cue: '"...," he said', '"...," said X', '"...," Reuters quoted X as saying'
    left = verb
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.i < left.i:
            left = child.left_edge if child.left_edge.i < left.i else left
    left_start = base + left.idx
    sent_start = base + sent[0].idx
    before = qidx.ending_before(left_start, lower=sent_start - 1 if sent_start > 0 else -1)
    if before is None:
        before = qidx.containing(left_start - 1) if left_start > 0 else None
        if before is not None and before.closed:
            before = None
    if before is None and sent_start > 0:
        # '"Why now?" she asked.': the parser ends the sentence at the question's mark
        prior = qidx.ending_before(left_start, lower=-1)
        if prior is not None and not text[prior.end : sent_start].strip() and _ends_a_sentence(text, prior):
            before = prior
    if before is not None and not _GAP_AFTER_QUOTE.match(text[before.end : left_start]):
        before = None
    if following is not None:
        if before is not None and before.start >= sent_start and not _words(text[sent_start : before.start]):
            # '"The blaze," she said, "started in the kitchen."': one quote split by its cue (the
            # first half opens the sentence; in 'X said, "A", adding, "B"' A is the first cue's).
            return following, [
                _trim(text, before.inner_start, before.inner_end),
                _trim(text, following.inner_start, following.inner_end),
            ]
        return following, [_trim(text, following.inner_start, following.inner_end)]
    if before is not None and is_statement_quote(text, before):
        if (
            before.start >= sent_start
            and _words(text[sent_start : before.start]) > 0
            and _has_cue_words(sent, base, before.start)
        ):
            # 'Ana said, "...," the Herald reported': the outer cue takes all that comes before it.
            return before, [_trim(text, sent_start, before.end)]
        return before, [_trim(text, before.inner_start, before.inner_end)]
    return None, None


_NO_QUOTES = QuoteIndex([])

# What may stand between a cue and the quote it opens: whom it was said to, when, where, how.
_CUE_ADJUNCTS = frozenset({"prep", "npadvmod", "advmod", "agent", "dative"})


def _end_of_cue_phrase(verb: Token, sent: SpacySpan, base: int) -> int:
    """Where the cue's own words end before a quote: after the verb and what hangs on it to its
    right short of the content: "told the Herald", "said on Monday", "told reporters after the
    hearing", "commented on the matter — a rare step —". A saying verb's object is what
    was said, so only a telling verb's object ("told the Herald") is skipped."""
    doc = verb.doc
    own: set[int] = set()
    for child in verb.rights:
        if (
            child.dep_ in _CUE_ADJUNCTS
            or child.dep_ == "dobj"
            and verb.lemma_.lower() in lx.TELLING_VERBS
            or _relative_aside(child)
            or child.dep_ == "advcl"
            and child.tag_ == "VBN"
            and child.left_edge.lower_ == "as"
        ):
            own.update(t.i for t in child.subtree)
    end = verb
    i = verb.i + 1
    while i < sent.end:
        if _opens_as_reported_by(doc[i], Sentence(sent, base, "", _NO_QUOTES)):
            # "said — as reported by the Herald —": wherever the parser hung it
            end = doc[max(t.i for t in doc[i + 1].subtree)]
            i = end.i + 1
            continue
        if not (i in own or doc[i].is_punct and not _is_quote(doc[i])):
            break
        if i in own and _is_quote(doc[i]):
            break  # the quote itself, hung on an adjunct by the parser
        if i in own:
            end = doc[i]
        i += 1
    return base + end.idx + len(end.text)


def _aside_of_a_cue(verb: Token) -> bool:
    """'The speaker commented on the plan — which the Herald noted as rare — "..."': a
    relative clause inside another cue's phrase; the quote after it is the other cue's."""
    return (verb.dep_ == "relcl" or _relative_aside(verb)) and any(
        _is_verb_cue(a) and a.i < verb.i for a in verb.ancestors
    )


def _relative_aside(clause: Token) -> bool:
    """A clause opened by "which" or "who" after a dash or comma, however the parser attached it:
    "— which the Herald called rare —"."""
    first = clause.left_edge
    doc = clause.doc
    return (
        clause.dep_ in ("relcl", "ccomp", "advcl", "parataxis")
        and first.tag_ in ("WDT", "WP")
        and first.i > 0
        and doc[first.i - 1].text in (",", "—", "–", "--", "(")
    )


def _has_cue_words(sent: SpacySpan, base: int, before: int) -> bool:
    return any(base + t.idx < before and _is_verb_cue(t) for t in sent)


def is_statement_quote(text: str, q: Quote) -> bool:
    inner = text[q.inner_start : q.inner_end]
    return _words(inner) >= MIN_QUOTE_WORDS or inner.rstrip().endswith((".", "!", "?"))


def _ends_a_sentence(text: str, q: Quote) -> bool:
    return text[q.inner_start : q.inner_end].rstrip().endswith(("?", "!"))


def _words(s: str) -> int:
    return len(re.findall(r"\w+", s))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def _clause_content(verb: Token, lemma: str, sent: SpacySpan, base: int) -> list[tuple[int, int]]:
    clause = _content_clause(verb)
    if clause is None and lemma in ("say", "tell", "add", "write", "report", "claim", "note"):
        clause = next((c for c in verb.children if c.dep_ == "parataxis"), None)
    if clause is None:
        clause = _clause_joined_to_object(verb)
    if clause is not None:
        if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in clause.children):
            return []
        if clause.i < verb.i and not all(_trailing_ok(c) for c in verb.rights if c.dep_ not in ("nsubj", "nsubjpass")):
            return []  # "..., a move officials described as temporary": not an inverted cue
        if clause.tag_ in ("WP", "WRB") or any(
            c.dep_ in ("nsubj", "advmod") and c.tag_ in ("WP", "WRB") and c.i < clause.i for c in clause.children
        ):
            return []  # "said what happened": an indirect question, not a claim
        joined = {
            t.i
            for c in clause.subtree
            if c.dep_ == "conj" and c.i > clause.i and _is_verb_cue(c) and _subject(c) is None
            for t in c.subtree
        }
        if joined:
            # The joined cue's closing quote mark the parser hung elsewhere: '... and called it "X".'
            mark = max(joined) + 1
            while mark < sent.end and verb.doc[mark].is_punct and _is_quote(verb.doc[mark]):
                joined.add(mark)
                mark += 1
        # "reported, citing Interfax, that ...": the citing phrase and "that" are not content
        citing = {
            t.i for c in clause.subtree if c.lemma_.lower() in lx.CITING_VERBS and c.tag_ == "VBG" for t in c.subtree
        }
        start, _ = _after_cue(verb, sent)
        if start < sent.end and verb.doc[start].lower_ == "that" and verb.doc[start].dep_ not in ("nsubj", "nsubjpass"):
            citing.add(start)  # the conjunction, not "that" as the subject ("said that was wrong")
        joined |= citing
        joined |= {t.i for c in clause.children if _contrasting_aside(c) for t in c.subtree}
        tokens = [t for t in clause.subtree if t.i not in joined and not _is_medium_phrase_token(t, clause)]
        stolen = _object_as_subject(verb, clause)
        tokens = (list(stolen.subtree) if stolen is not None else []) + tokens + _clause_conjuncts(verb, clause)
        relative = [t for t in tokens if _relative_argument(t, clause)]
        if verb.dep_ == "relcl" and relative:
            # "The tunnel, which the mayor said would open in May": the tunnel would open in May.
            tokens = [t for t in tokens if t not in relative]
            antecedent = verb.head
            tokens = [t for t in antecedent.subtree if antecedent.left_edge.i <= t.i <= antecedent.i] + tokens
        while tokens and (tokens[-1].dep_ == "cc" or _trailing_punct(tokens[-1])):
            tokens.pop()
        that = _that_opening(clause)
        if tokens and that is not None and tokens[0].i == that.i:
            tokens = tokens[1:]  # "said in a call that the port was shut": "that" misread as an object
        if len(tokens) > 2 and tokens[1].text == ":" and tokens[0].is_sent_start and tokens[0].pos_ == "PROPN":
            tokens = tokens[2:]  # "Valmor: Flooding forced ..., officials said": a dateline
        return _fragments(tokens, base)
    for prep in verb.children:
        # "said in a statement that ...": the parser often hangs the clause on the noun.
        # Or deeper, on a participle after it: "said in an interview with the Herald published on
        # Sunday that ...".
        medium = _medium_pobj(prep) if prep.dep_ == "prep" else None
        if medium is not None:
            for clause in medium.subtree:
                that = _that_opening(clause)
                if that is not None and clause.i > medium.i and clause.dep_ in ("acl", "relcl", "ccomp"):
                    return _fragments([t for t in clause.subtree if t.i != that.i], base)
    for part in verb.children:
        if part.lemma_.lower() in lx.CITING_VERBS and part.tag_ == "VBG":
            # "Reuters reported, citing Interfax, that prices rose": the clause hangs on "citing".
            inner = next((c for c in part.children if c.dep_ == "ccomp"), None)
            if inner is not None:
                return _fragments(list(inner.subtree), base)
    if verb.dep_ == "ROOT" and not any(c.dep_ in ("dobj", "xcomp") for c in verb.children if lemma != "cite"):
        inverted = _inverted_content(verb, sent, base)
        if inverted:
            return inverted
    if verb.dep_ == "conj" and verb.head.i < verb.i:
        # "Water flooded the villages, the Gazette reported": the cue parsed as a second verb.
        subj = _subject(verb)
        doc = verb.doc
        set_off = subj is not None and subj.left_edge.i > 0 and doc[subj.left_edge.i - 1].text == ","
        if subj is not None and set_off and all(_trailing_ok(c) for c in verb.rights if c.i != subj.i):
            own = {t.i for t in verb.subtree} | {subj.left_edge.i - 1}
            return _fragments([t for t in verb.head.subtree if t.i not in own], base)
    with_clause = _with_participle_clause(verb)
    if with_clause is not None:
        own = set(range(verb.head.left_edge.i, verb.i + 1))  # "officials reporting", not what they report
        return _fragments([t for t in with_clause.subtree if t.i not in own], base)
    if _leads_with_comma(verb):
        # "Radio Valmor reported on Thursday, coverage had risen": the cue and a comma lead the
        # clause the parser made its head.
        own = {t.i for t in verb.subtree}
        return _fragments([t for t in verb.head.subtree if t.i not in own], base)
    if verb.dep_ == "parataxis" and verb.head.i != verb.i and _set_off(verb):
        # "The museum, he said, would ...": the sentence around the cue is the content.
        own = {t.i for t in verb.subtree} | _next_attribution(verb)
        tokens = [t for t in verb.head.subtree if t.i not in own]
        return _fragments(tokens, base)
    if lemma in lx.LABELLING_VERBS:
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        pred = next((c for c in verb.children if c.dep_ in ("oprd", "xcomp", "acomp")), None)
        if pred is None and obj is not None:
            # "described the delay as 'regrettable'": the label hangs on "as"
            pred = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > obj.i), None)
        if obj is not None and pred is not None:
            tokens = list(obj.subtree) + list(pred.subtree)
            start = min(t.i for t in tokens)
            end = max(t.i for t in tokens)
            doc = verb.doc
            while end + 1 < sent.end and _is_quote(doc[end + 1]):
                end += 1
            return _fragments(list(doc[start : end + 1]), base)
    if lemma == "call":
        demanded = _for_to_clause(verb)
        if demanded is not None:
            # "is calling for the harbour master to be replaced": a "for ... to" clause
            return _fragments([t for t in demanded.subtree if not (t.dep_ == "mark" and t.lower_ == "for")], base)
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "for":
                # "called for an inquiry", "called for closing the pier" (a gerund: pcomp)
                return _fragments([t for c in prep.children if c.dep_ in ("pobj", "pcomp") for t in c.subtree], base)
            if prep.dep_ == "prep" and prep.lower_ == "on":
                # "called on both sides to protect civilians": a request (see ``_is_request``)
                xcomp = [c for c in verb.children if c.dep_ == "xcomp" and c.i > prep.i]
                tokens = [t for c in prep.children if c.dep_ == "pobj" for t in c.subtree]
                tokens += [t for c in xcomp for t in c.subtree]
                if xcomp:
                    return _fragments(tokens, base)
    if lemma in lx.FINDING_VERBS:
        subj = _subject(verb)
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if subj is not None and obj is not None and subj.lemma_.lower() in lx.DOCUMENT_NOUNS:
            # "A poll shows Clinton ahead": a document's finding.
            tokens = [
                t
                for c in verb.children
                if c.i > verb.i and c.dep_ in ("dobj", "oprd", "xcomp", "acomp", "prep")
                for t in c.subtree
            ]
            return _fragments(tokens, base)
    after = _that_clause_after(verb, sent)
    if after:
        return _fragments(after, base)
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if (
        lemma in lx.SAYING_VERBS
        and obj is not None
        and obj.i > verb.i
        and any(_finite_inside(t) for t in obj.subtree if t.i != obj.i)
    ):
        # "said the depot supplied fuel": a clause the parser read as one noun phrase ("the depot
        # supplied fuel", fuel its head), which a finite verb inside it gives away.
        return _fragments(list(obj.subtree), base)
    if lemma in lx.COUNTING_VERBS and obj is not None and obj.i > verb.i and _counts(obj):
        # "The institute counted 240 tremors by Sunday": a figure is a checkable fact.
        tokens = list(obj.subtree) + [
            t for c in verb.rights if c.i > obj.i and c.dep_ in ("prep", "npadvmod") for t in c.subtree
        ]
        return _fragments(tokens, base)
    if lemma in lx.COUNTING_VERBS and _is_passive(verb) and (agent := _agent(verb)) is not None:
        # "It was recorded as magnitude 6.4 by the survey": a figure recorded by someone; the
        # clause from its subject, without the agent, is the claim.
        subj = _subject(verb)
        if subj is not None and subj.i < verb.i:
            own = {t.i for t in agent.head.subtree}
            tokens = [t for t in verb.doc[subj.left_edge.i : verb.right_edge.i + 1] if t.i not in own]
            if any(_counts(t) for t in tokens if t.i != verb.i):
                return _fragments(tokens, base)
    if lemma in ("promise", "pledge", "vow", "threaten", "warn", "urge"):
        complement = next((c for c in verb.children if c.dep_ == "xcomp"), None)
        if complement is not None:
            return _fragments(list(complement.subtree), base)
    return []


def _for_to_clause(verb: Token) -> Token | None:
    """ "called for the harbour master to be replaced": the clause opened by "for" with "to" (the
    parser hangs it on the verb as an adverbial clause, "for" its marker)."""
    for clause in verb.children:
        if clause.dep_ in ("advcl", "ccomp") and clause.i > verb.i:
            marks = {c.lower_ for c in clause.children if c.dep_ in ("mark", "aux")}
            if {"for", "to"} <= marks:
                return clause
    return None


def _next_attribution(verb: Token) -> set[int]:
    """ "Prices rose, the bank said, and the minister said the drought was to blame": a cue with a
    subject of its own joined after a set-off cue is a second attribution, not part of the first
    one's content (its tokens, with the "and" that joins it). So is the cue the set-off one hangs
    on: "The mill burned, the mayor said; the governor said the army would help"."""
    head = verb.head
    out: set[int] = set()
    if head.i > verb.i and _is_verb_cue(head) and _subject(head) is not None:
        out.add(head.i)
        out.update(t.i for c in head.children if c.i > verb.i for t in c.subtree)
    for conj in head.children:
        if conj.dep_ == "conj" and conj.i > verb.i and _is_verb_cue(conj) and _subject(conj) is not None:
            out.update(t.i for t in conj.subtree)
            out.update(c.i for c in head.children if c.dep_ == "cc" and verb.i < c.i < conj.i)
    return out


def _content_clause(verb: Token) -> Token | None:
    """The clause a cue reports. Of two ("The dam broke, the mayor said; the governor said the army
    would help", both hung on the second cue), the one after the cue when a semicolon or a cue of
    its own parts the one before from it: that one is another attribution, or the publisher's."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    if len(clauses) > 1 and clauses[0].i < verb.i < clauses[-1].i:
        first = clauses[0]
        between = verb.doc[first.right_edge.i + 1 : verb.i]
        if _is_verb_cue(first) or any(t.text == ";" for t in between):
            return clauses[-1]
    return clauses[0] if clauses else None


def _clause_joined_to_object(verb: Token) -> Token | None:
    """ "The mayor announced classes in all schools, public and private, would be cancelled": the
    parser made the subject the cue's object and joined the rest to the cue as a second verb, with
    no "and" and no subject of its own; that verb is the reported clause (its subject is the
    object, see ``_object_as_subject``). "announced the plan and would resign" is the speaker's
    own second act."""
    if verb.lemma_.lower() not in lx.SAYING_VERBS:
        return None
    for conj in verb.children:
        if conj.dep_ != "conj" or conj.pos_ not in ("VERB", "AUX") or conj.i < verb.i:
            continue
        if any(c.dep_ in ("cc", "preconj") for c in conj.children) or conj.doc[conj.left_edge.i - 1].dep_ == "cc":
            continue
        if _object_as_subject(verb, conj) is not None and not _is_verb_cue(conj):
            return conj
    return None


def _object_as_subject(verb: Token, clause: Token) -> Token | None:
    """ "The radio reported three shops in the port were damaged": the parser made the clause's
    subject ("three shops in the port") the cue's object and left the clause without one. An
    object right before a finite clause with no subject of its own is that clause's subject; not
    a telling verb's object ("told reporters the port was shut" names whom it was said to)."""
    if verb.lemma_.lower() in lx.TELLING_VERBS or clause.i < verb.i:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj", "mark") for c in clause.children):
        return None
    if not (clause.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in clause.children)):
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < clause.i), None)
    if obj is None or obj.right_edge.i + 1 != clause.left_edge.i:
        return None
    return obj


def _with_participle_clause(verb: Token) -> Token | None:
    """ "..., with officials reporting 150 soldiers killed": the parser hung the participle cue on
    its subject ("officials reporting") and made that subject the subject of what they report
    ("killed"); the verb it is the subject of, after the cue, carries the content."""
    if verb.dep_ != "acl" or verb.tag_ != "VBG" or any(c.dep_ == "ccomp" for c in verb.children):
        return None
    speaker = verb.head
    clause = speaker.head
    if speaker.dep_ not in ("nsubj", "nsubjpass") or clause.i < verb.i or clause.pos_ not in ("VERB", "AUX"):
        return None
    return clause


def _with_phrase_cue(verb: Token) -> Token | None:
    """The cue a "with X saying ..." phrase hangs on: "Reuters reported ..., with officials
    reporting ...", where officials speak through Reuters; None for "Prices rose, with officials
    saying ..." (no cue above it)."""
    node = verb
    while node.head.i != node.i and node.lower_ != "with":
        node = node.head
    if node.lower_ != "with" or node.dep_ != "prep" or not _is_verb_cue(node.head):
        return None
    return node.head


def _clause_conjuncts(verb: Token, clause: Token) -> list[Token]:
    """ "He remarked paper is bulky and leaves shelves empty": a present-tense verb joined to a
    past-tense cue, with no subject of its own, goes on with the present-tense clause the cue
    reports, not with the cue ("said the port is shut and left" keeps "left" the speaker's)."""
    if verb.tag_ != "VBD" or clause.tag_ not in ("VBZ", "VBP") or clause.i < verb.i:
        return []
    out: list[Token] = []
    for conj in verb.children:
        if conj.dep_ != "conj" or conj.i < clause.i or conj.tag_ not in ("VBZ", "VBP") or _is_verb_cue(conj):
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in conj.children):
            continue
        cc = [c for c in verb.children if c.dep_ in ("cc", "punct") and clause.right_edge.i < c.i < conj.left_edge.i]
        out += cc + list(conj.subtree)
    return out


def _leads_with_comma(verb: Token) -> bool:
    """A cue with its subject at the start of the sentence, then a comma, then the clause it
    reports, which the parser took for the main one: "Police said on Monday, three people were
    hurt"."""
    if verb.dep_ not in ("ccomp", "parataxis", "advcl") or verb.head.i <= verb.i or verb.left_edge.i != verb.sent.start:
        return False
    subj = _subject(verb)
    if subj is None or subj.i > verb.i or any(c.dep_ == "mark" for c in verb.children):
        return False
    doc = verb.doc
    after = verb.right_edge.i + 1
    if after >= verb.head.i or doc[after].text != ",":
        return False
    if _is_verb_cue(verb.head):
        return False  # "Prosecutors charged him, they said": the clause after is the cue
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.head.children)


def _contrasting_aside(clause: Token) -> bool:
    """ "..., while Ivo Brandt, the mayor of Valmor, also cancelled lectures": a clause after the
    content, opened by a contrasting conjunction, with a named actor or a report of its own; the
    publisher's aside, not the speaker's words."""
    if clause.dep_ == "prep" and clause.lower_ in lx.CONTRAST_PREPOSITIONS and clause.i > clause.head.i:
        # "..., despite the union claiming that ...": a report of someone else's, set against it
        return any(_is_verb_cue(t) for t in clause.subtree if t.i != clause.i)
    if clause.dep_ != "advcl" or clause.i < clause.head.i:
        return False
    if not any(c.dep_ == "mark" and c.lower_ in lx.CONTRAST_MARKERS for c in clause.children):
        return False
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    named = subj is not None and subj.pos_ == "PROPN"
    return named or any(_is_verb_cue(t) for t in clause.subtree)


def _counts(obj: Token) -> bool:
    """An object that gives a figure: "240 tremors", "more cases, including 37 in a day"."""
    return any(t.like_num or t.ent_type_ in ("CARDINAL", "QUANTITY", "PERCENT", "MONEY") for t in obj.subtree)


def _that_opening(clause: Token) -> Token | None:
    """The conjunction "that" opening a clause with a subject of its own, however the parser
    labelled it (mark, or a misread relative "that" as in "a statement for the first time that the
    port was shut"); None when "that" is the clause's subject or there is none."""
    first = clause.left_edge
    if first.lower_ != "that" or first.dep_ in ("nsubj", "nsubjpass"):
        return None
    if first.dep_ == "mark" or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children):
        return first
    return None


def _finite_inside(tok: Token) -> bool:
    """A verb inside a noun phrase that can only be a clause's: finite, or a past form right after
    a noun ("the depot supplied fuel"; "the leaked report" has it before its noun)."""
    if tok.tag_ in ("VBD", "VBZ", "VBP", "MD"):
        return True
    return (
        tok.tag_ == "VBN"
        and tok.i > 0
        and tok.nbor(-1).tag_ in ("NN", "NNS", "NNP")
        and tok.nbor(-1).dep_ != "compound"
    )


def _inverted_content(verb: Token, sent: SpacySpan, base: int) -> list[tuple[int, int]]:
    """ "<content>, Reuters reported." / "<content>, said Reuters.": when the parser did not
    attach the content to the cue, everything before the comma that sets off the cue is it."""
    subj = _subject(verb)
    if subj is None or not all(_trailing_ok(c) for c in verb.rights if c.i != subj.i):
        return []
    first = min(subj.left_edge.i, verb.i)
    if verb.i < subj.i and verb.i != first:
        return []
    doc = verb.doc
    if first - 1 <= sent.start or doc[first - 1].text != ",":
        return []
    start = sent.start
    if start + 1 < first and doc[start + 1].text == ":" and doc[start].pos_ == "PROPN":
        start += 2  # a dateline: "Berlin: ..."
    tokens = list(doc[start : first - 1])
    if sum(1 for t in tokens if t.is_alpha) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in tokens):
        return []
    return _fragments(tokens, base)


def _after_cue(verb: Token, sent: SpacySpan) -> tuple[int, list[Token]]:
    """Skip what may stand between a cue and its that-clause: punctuation and citing phrases
    ("reported, citing Interfax, that"). Returns where that ends and the participles seen."""
    doc = verb.doc
    participles = []
    i = verb.i + 1
    while i < sent.end:
        tok = doc[i]
        if tok.is_punct:
            i += 1
        elif tok.head.i == verb.i and tok.dep_ in ("prep", "npadvmod", "advmod") and tok.lower_ != "that":
            i = tok.right_edge.i + 1  # "reported on Monday, citing ..., that"
        elif tok.lemma_.lower() in lx.CITING_VERBS and tok.tag_ == "VBG":
            participles.append(tok)
            i += 1
            while i < sent.end and doc[i].text != "," and doc[i].lower_ != "that":
                i += 1
        else:
            break
    return i, participles


def _that_clause_after(verb: Token, sent: SpacySpan) -> list[Token]:
    """When the parser lost the clause: the cue, then only punctuation or a citing phrase,
    then "that" and the content to the end of the sentence."""
    doc = verb.doc
    i, _ = _after_cue(verb, sent)
    if i >= sent.end or doc[i].lower_ != "that":
        return []
    tokens = [t for t in doc[i + 1 : sent.end]]
    while tokens and _trailing_punct(tokens[-1]):
        tokens.pop()
    return tokens if sum(1 for t in tokens if t.is_alpha) >= 2 else []


def _trailing_ok(tok: Token) -> bool:
    """What may follow an inverted cue: "..., Reuters reported on Friday, citing officials",
    "..., the Herald cited Interfax report", "..., he told reporters". Anything else ("described as
    temporary") means the verb has a content of its own after it."""
    verb = tok.head.lemma_.lower()
    if tok.dep_ in ("punct", "advmod", "npadvmod", "agent") or tok.lemma_.lower() == "cite":
        return True
    if tok.dep_ in ("dobj", "dative"):
        return verb in lx.TELLING_VERBS | lx.CITING_VERBS
    if tok.dep_ == "advcl" and any(
        c.dep_ in ("mark", "prep", "advmod") and c.lower_ in lx.SUBORDINATORS and c.i < tok.i for c in tok.children
    ):
        return True  # "..., the company announced, as a slump hits the industry": a clause of its own
    if tok.dep_ == "advcl" and tok.tag_ == "VBG" and _is_verb_cue(tok):
        return True  # "..., officials said, adding that ...": a second cue with a content of its own
    if tok.dep_ == "prep":
        # "said at a rally", "said of the plan", but not "described it as temporary"
        return tok.lower_ != "as" or verb == "quote"
    return False


def _relative_argument(tok: Token, clause: Token) -> bool:
    """ "which" in "which the mayor said would open": a relative pronoun as the clause's argument."""
    return tok.head.i == clause.i and tok.tag_ in ("WDT", "WP") and tok.dep_ in ("nsubj", "nsubjpass", "dobj")


def _set_off(verb: Token) -> bool:
    """A cue set off by commas or dashes from the clause it reports."""
    doc = verb.doc
    left = verb.left_edge.i
    return (
        left > 0
        and doc[left - 1].text in (",", "\u2014", "\u2013", "-", "--")
        or any(c.dep_ == "punct" and c.text in (",", "\u2014", "\u2013") and c.i < verb.i for c in verb.children)
    )


def _is_medium_phrase_token(tok: Token, clause: Token) -> bool:
    """Tokens of "in a Telegram post" hanging off the content clause: the medium, not content."""
    node = tok
    while node.i != clause.i and node.head.i != node.i:
        if (
            node.dep_ == "prep"
            and node.head.i == clause.i
            and node.lower_ in _LOCATIVE
            and _medium_pobj(node) is not None
        ):
            return True
        node = node.head
    return False


def _medium_pobj(prep: Token) -> Token | None:
    for pobj in prep.children:
        if pobj.dep_ == "pobj":
            low = pobj.lower_
            if (
                pobj.lemma_.lower() in lx.MEDIUM_NOUNS
                or low in lx.MEDIUM_NOUNS
                or pobj.doc[_hyphen_start(pobj) : pobj.i + 1].text.lower() in lx.MEDIUM_NOUNS
                or low in lx.PLATFORMS
                and pobj.pos_ == "PROPN"
            ):
                return pobj
    return None


def _hyphen_start(tok: Token) -> int:
    """Where the hyphenated word a token ends begins ("op" of "op-ed" for "ed"); the token's own
    index when it is no such word."""
    doc = tok.doc
    i = tok.i
    while i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_:
        i -= 2
    return i


def _medium(verb: Token, trailing_only: bool = False) -> str | None:
    if verb.lemma_.lower() == "tell":
        # "..., the mayor told a news conference": the occasion, not a relay
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
        if obj is not None and obj.lemma_.lower() in lx.MEDIUM_NOUNS | {
            "conference",
            "briefing",
            "parliament",
            "rally",
        }:
            return " ".join(t.text for t in obj.subtree if t.dep_ != "det")
    # "Coles, in its media release, reported": the phrase may hang on the subject
    on_subject = [c for subj in verb.children if subj.dep_ == "nsubj" for c in subj.children if c.dep_ == "prep"]
    for child in [*verb.children, *on_subject]:
        if child.dep_ == "prep" and child.lower_ in _LOCATIVE:
            pobj = _medium_pobj(child)
            if pobj is None or (trailing_only and pobj.i < verb.i):
                continue
            first = _hyphen_start(pobj)  # "op-ed": its parts are not modifiers of their own
            words = [t.text for t in pobj.lefts if t.dep_ in ("compound", "amod", "nmod") and t.i < first]
            medium = " ".join([*words, pobj.doc[first : pobj.i + 1].text])
            for sub in pobj.children:
                if sub.dep_ == "prep" and sub.lower_ == "on":
                    platform = next((c for c in sub.children if c.dep_ == "pobj"), None)
                    if platform is not None:
                        medium += " on " + platform.text
            return medium.rstrip(".,;:")
    return None


def _proper_modifier(noun: Token) -> SpacySpan | None:
    """The name before a common noun: "Valmor Times" in "a Valmor Times report", "the Herald" in
    "the Herald's interview", "Valmor Press" in "the Valmor Press news service"."""
    if noun.pos_ == "PROPN":
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
    if owner is not None:
        span = mention_span(owner)
        return span[:-1] if len(span) > 1 and span[-1].dep_ == "case" else span
    names = [t for t in noun.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
    if not names:
        return None
    first = min(t.left_edge.i for t in names)
    last = max(t.i for t in names)
    return noun.doc[first : last + 1]


def _named_recipient(ref: SourceRef | None) -> SourceRef | None:
    """A recipient named by a description with the name before it ("the Valmor Press
    news service"): the name."""
    if ref is None or ref.head.lower_ in lx.NEWS_OUTLET_WORDS | lx.NEWS_AGENCY_WORDS:
        return ref  # "the Vedomosti newspaper" says what it is
    if describes_news_organisation(ref.span):
        return ref  # so does "the Valmor Press news service", whatever the tagger made of the name
    named = _proper_modifier(ref.head)
    return SourceRef(named.root, named, medium=ref.medium) if named is not None else ref


def _carried_by(piece: Token) -> Token | None:
    """The outlet that ran a statement: "Valmor Press" in "said in a statement carried by Valmor
    Press" (kept only if it is an outlet)."""
    for acl in piece.children:
        if acl.dep_ == "acl" and acl.lemma_.lower() in lx.CARRYING_VERBS:
            who = _agent(acl)
            if who is not None:
                return who
    return None


def _recipient(verb: Token, lemma: str) -> SourceRef | None:
    return _named_recipient(_recipient_as_written(verb, lemma))


def _recipient_as_written(verb: Token, lemma: str) -> SourceRef | None:
    """Who the source spoke to: "told the BBC", "said in an interview with the BBC"."""
    if lemma == "tell":
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
        if obj is not None:
            owner = next((c for c in obj.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
            if owner is not None:
                # "told the Herald's Stefan Ivanov": the outlet, without its possessive ending
                span = mention_span(owner)
                if len(span) > 1 and span[-1].dep_ == "case":
                    span = span[:-1]
                return SourceRef(owner, span)
            return SourceRef(obj, mention_span(obj))
    # "X, speaking to Reuters, said": the participle may hang on the subject
    subject_participles = [
        c for subj in verb.children if subj.dep_ == "nsubj" for c in subj.children if c.dep_ == "acl"
    ]
    for child in [*verb.children, *subject_participles]:
        if child.dep_ == "prep" and child.lower_ in ("in", "during"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.lemma_.lower() == "interview":
                for sub in pobj.children:
                    if sub.dep_ == "prep" and sub.lower_ == "with":
                        who = next((c for c in sub.children if c.dep_ == "pobj"), None)
                        if who is not None:
                            return SourceRef(who, mention_span(who), medium="interview")
            if pobj is not None and pobj.lemma_.lower() in ("comment", "remark", "interview", "statement"):
                # "In comments to AFP, X said"
                for sub in pobj.children:
                    if sub.dep_ == "prep" and sub.lower_ == "to":
                        who = next((c for c in sub.children if c.dep_ == "pobj"), None)
                        if who is not None:
                            return SourceRef(who, mention_span(who), medium=pobj.lemma_.lower())
        if child.dep_ == "prep" and child.lower_ in ("in", "on") and (piece := _medium_pobj(child)) is not None:
            # "wrote in an op-ed for the Herald": the outlet that ran the piece (kept only if it is one)
            for sub in [*piece.children, *verb.children]:
                if sub.dep_ == "prep" and sub.lower_ == "for":
                    who = next((c for c in sub.children if c.dep_ == "pobj"), None)
                    if who is not None:
                        return SourceRef(who, mention_span(who))
            carrier = _carried_by(piece)
            if carrier is not None:
                return SourceRef(carrier, mention_span(carrier), medium=piece.lemma_.lower())
            # "In a Valmor Times report, X said", "in the Herald's interview": the outlet whose
            # piece it is (kept only if it is one)
            named = _proper_modifier(piece)
            if named is not None:
                return SourceRef(named.root, named, medium=piece.lemma_.lower())
        if child.dep_ == "prep" and child.lower_ == "to" and lemma in lx.SAID_TO_VERBS:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return SourceRef(pobj, mention_span(pobj))
        if child.dep_ in ("advcl", "acl") and child.lemma_.lower() in ("speak", "talk", "write"):
            # "Speaking to Reuters, X said"; "Writing in the Valmor Times newspaper, X said"
            ways = ("to", "with", "in", "for") if child.lemma_.lower() == "write" else ("to", "with")
            for sub in child.children:
                if sub.dep_ == "prep" and sub.lower_ in ways:
                    who = next((c for c in sub.children if c.dep_ == "pobj"), None)
                    if who is not None:
                        return SourceRef(who, mention_span(who))
    return None
