"""From text to ``ChainReport``: parse, find attributions, resolve sources, build chains.

The stages, in reading order:
1. ``segment``: paragraphs, parse chunks and quotations (character offsets).
2. ``cues``: attribution relations per sentence, read off the dependency parse.
3. ``sources``: each source mention resolved to one entity per real-world source.
4. Here: relations nested in each other, quotes that continue a speaker, paragraph and article
   framing, chains from origin to the last relay, claims and their kinds.
5. ``numbers``: figures that disagree across sources about one quantity of one event.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from newsverify.attribution import beliefs, confidence, numbers, phrases
from newsverify.attribution import lexicon as lx
from newsverify.attribution.cues import Found, SourceRef, find_in_sentence, is_refusal_sentence, is_statement_quote
from newsverify.attribution.drafts import ClaimDraft, HopDraft, Rel, Unit
from newsverify.attribution.segment import (
    DATELINE,
    QUOTE_CHARS,
    Intervals,
    Paragraph,
    Quote,
    QuoteIndex,
    chunks,
    paragraphs,
    quotes,
)
from newsverify.attribution.sources import (
    Entity,
    EntityRegistry,
    MentionInfo,
    conjunct_people,
    describe,
    describe_credit,
    is_subject,
    mention_span,
)
from newsverify.attribution.types import (
    Attribution,
    ChainReport,
    Claim,
    ClaimKind,
    Evidence,
    Hop,
    Source,
    SourceMention,
    SourceType,
    Span,
)

RELAY_TYPES = frozenset({SourceType.NEWS_OUTLET, SourceType.NEWS_AGENCY})
NESTING_REACH = 20_000  # characters: no attribution's content is longer than this


# How far into the text a dateline may open the body: after a headline, a byline, a standfirst.
DATELINE_PARAGRAPHS = 4


@dataclass
class Prepared:
    """A text laid out for parsing: its paragraphs, quotes and the pieces the parser gets."""

    text: str
    paras: list[Paragraph]
    qidx: QuoteIndex
    pieces: list[tuple[int, int, int]]  # start, end, paragraph index
    credit: tuple[int, int] | None = None  # "Reuters" in a "VALMOR (Reuters) - " dateline


def prepare(text: str) -> Prepared:
    paras = paragraphs(text)
    pieces: list[tuple[int, int, int]] = []
    credit = None
    dateline_seen = False
    for p in paras:
        start = p.start
        # The dateline opens the body: the first paragraph, or one after a headline and a byline.
        if (
            not dateline_seen
            and p.index < DATELINE_PARAGRAPHS
            and (dateline := DATELINE.match(text, p.start, p.end)) is not None
        ):
            dateline_seen = True
            start = dateline.end()  # "WASHINGTON (AP) — ": where, not what; left out of the parse
            if dateline.group("credit"):
                credit = dateline.span("credit")
        pieces.extend((s, e, p.index) for s, e in chunks(text, start, p.end))
    return Prepared(text, paras, QuoteIndex(quotes(text, paras)), pieces, credit)


def analyse(text: str, *, nlp: Language, publisher: str | None, engine_version: str) -> ChainReport:
    prepared = prepare(text)
    docs = nlp.pipe(text[s:e] for s, e, _ in prepared.pieces)
    return analyse_parsed(prepared, list(docs), nlp=nlp, publisher=publisher, engine_version=engine_version)


def analyse_parsed(
    prepared: Prepared, docs: list[Doc], *, nlp: Language, publisher: str | None, engine_version: str
) -> ChainReport:
    """The stages after parsing; ``docs`` are the parses of ``prepared.pieces``, in order."""
    text, paras, qidx = prepared.text, prepared.paras, prepared.qidx
    units = [Unit(doc, s, para) for doc, (s, _, para) in zip(docs, prepared.pieces, strict=True)]
    registry = EntityRegistry(publisher, quote_at=qidx.containing)
    wire = _wire_frame(prepared, registry)

    rels: list[Rel] = []
    sentences: list[tuple[SpacySpan, Unit]] = []
    para_ends = {p.index: p.end for p in paras}
    para_starts = {p.start for p in paras}
    for unit in units:
        for sent in unit.doc.sents:
            sentences.append((sent, unit))
            sent_span = (unit.base + sent.start_char, unit.base + sent.end_char)
            opens_paragraph = sent.start == 0 and unit.base in para_starts
            found = find_in_sentence(
                sent, unit.base, text, qidx, paragraph_end=para_ends[unit.para] if opens_paragraph else None
            )
            new = [Rel(f, unit.para, sent_span) for f in found]
            _note_organisations(sent, unit.base, registry)
            _resolve_sources(new, registry, unit.base, text)
            rels.extend(new)
            _note_people(sent, unit.base, registry)

    _headline_speakers(rels, registry)
    rels = _dedupe(rels)
    rels = _as_quoted_after_a_quote(rels, qidx, text)
    _follow_quotes(rels, qidx, text, paras)
    _nest(rels)
    _own_views(rels)
    headline = _headline(text, paras)
    body = [r for r in beliefs.claim_relations(rels) if r.para != headline]
    claims = _claims(text, body, sentences, qidx, wire, headline)
    return _report(text, publisher, engine_version, nlp, rels, claims, registry, sentences)


# --- sources -------------------------------------------------------------------------------


def _wire_frame(prepared: Prepared, registry: EntityRegistry) -> tuple[Rel, bool] | None:
    """A dateline's credit ("VALMOR (Reuters) - ...") frames the whole article: the agency
    relays every paragraph that names no relay of its own (unless it is the publisher)."""
    if prepared.credit is None:
        return None
    start, end = prepared.credit
    entity, _ = registry.resolve(describe_credit(prepared.text[start:end]), prepared.text[start:end], start)
    if entity is None or entity.is_publisher:
        return None
    found = Found(cue=(start, end), cue_kind="dateline", content=[(end, len(prepared.text))], source=None)
    rel = Rel(found, 0, (start, end), entity, (start, end), own=[HopDraft(entity, Evidence.CONTEXT, (start, end))])
    return rel, True


def _resolve_sources(rels: list[Rel], registry: EntityRegistry, base: int, text: str) -> None:
    """Resolve every source a relation names, in reading order, and lay out its own hops. A
    mention two relations share ("officials told state media ..., adding that ...": state media
    for both) is resolved once, with the same evidence for both."""
    resolved: dict[tuple[int, int], HopDraft | None] = {}

    def hop(ref: SourceRef | None) -> HopDraft | None:
        if ref is None:
            return None
        key = (ref.span.start, ref.span.end)
        if key not in resolved:
            resolved[key] = _hop(ref, registry, base)
        done = resolved[key]
        return None if done is None else HopDraft(done.entity, done.evidence, done.mention, done.medium)

    for rel in sorted(rels, key=lambda r: r.found.cue[0]):
        f = rel.found
        cited = [hop(ref) for ref in f.cited]
        source_hop = hop(f.source)
        if f.source is not None:
            written = f.source.as_written
            rel.source_mention = (base + written.start_char, base + written.end_char)
        if source_hop is not None:
            rel.source_entity = source_hop.entity
            if f.medium and not source_hop.medium:
                source_hop.medium = f.medium
        recipient = hop(f.recipient)
        relay = hop(f.relay)
        if f.speech_subject is not None:
            subject = hop(f.speech_subject)
            if subject is not None and subject.entity.type not in (SourceType.OTHER, SourceType.DOCUMENT):
                rel.origin = [subject]
        own = [h for h in cited if h is not None]
        if source_hop is not None:
            own.append(source_hop)
        if recipient is not None and recipient.entity.type in RELAY_TYPES:
            recipient.medium = recipient.medium or (f.recipient.medium if f.recipient else None)
            own.append(recipient)
            rel.recipient_entity = recipient.entity
        if relay is not None:
            own.append(relay)
        rel.own = _collapse(own)


def _headline_speakers(rels: list[Rel], registry: EntityRegistry) -> None:
    """ "Mayor says tunnel is safe" above "Mayor Ana Ribeiro said ...": the headline names its speaker
    by a title alone, and the body says who holds it. The headline's hop moves to that person."""
    for rel in rels:
        if rel.para != 0:
            continue
        for hop in [*rel.own, *rel.origin]:
            entity = hop.entity
            words = [w.lower() for n in entity.names for w in n.split()]
            if entity.type not in (SourceType.OTHER, SourceType.PERSON) or len(words) != 1:
                continue
            if words[0] not in lx.PERSON_TITLES | lx.TITLE_NOUNS or entity.person_words and entity.titles:
                continue
            holder = next(
                (
                    e
                    for e in registry.entities
                    if e is not entity and e.type is SourceType.PERSON and words[0] in e.titles
                ),
                None,
            )
            if holder is not None:
                hop.entity = holder
                holder.descriptions.append(entity.names[0])
                if rel.source_entity is entity:
                    rel.source_entity = holder


def _hop(ref: SourceRef | None, registry: EntityRegistry, base: int) -> HopDraft | None:
    if ref is None:
        return None
    span = ref.span  # the mention as written: "the Reuters report" names Reuters, with "report" the medium
    info: MentionInfo = describe(span)
    start = base + span.start_char
    end = base + span.end_char
    entity, refers_back = registry.resolve(info, span.text, start)
    if entity is None:
        return None
    # A name is explicit even where it is a surname resolved to the full name before ("Bash
    # said"); a pronoun or a description ("the agency") is resolved by coreference.
    named = _names(ref.head.text, entity)
    evidence = Evidence.COREFERENCE if refers_back and not named else Evidence.EXPLICIT
    return HopDraft(entity, evidence, (start, end), info.medium or ref.medium)


def _names(word: str, entity: Entity) -> bool:
    """Whether ``word`` is one of the words of the entity's name ("Ostrova" of "Lena Ostrova"),
    not a common word that a description shares with it ("Officials", "Agency")."""
    low = word.lower()
    if not word[:1].isupper() or low in lx.GENERIC_HEADS | lx.ANONYMOUS_NOUNS | lx.PERSON_TITLES:
        return False
    if low in lx.GOVERNMENT_BODY_HEADS | lx.ORGANIZATION_NOUNS | lx.COMPANY_NOUNS:
        return False
    return any(word in name.split() for name in entity.names)


def _note_organisations(sent: SpacySpan, base: int, registry: EntityRegistry) -> None:
    """Organisations named in a sentence, before its sources resolve: "The Valmor Aviation Authority
    is investigating the incident, the agency said" or "..., it said" refer to the one named in the
    content. (People wait for ``_note_people``: in "Smith beat Jones, he said" the speaker is not the
    last man named.)"""
    for ent in sent.ents:
        if ent.label_ == "ORG":
            registry.note(describe(mention_span(ent.root)), base + ent.start_char)
    for tok in sent:
        # A named subject the tagger missed or took for a person: "Lindholm Robotics will cut jobs, the company said".
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ == "PROPN" and tok.ent_type_ != "ORG":
            span = mention_span(tok)
            info = describe(span)
            if info.type not in (SourceType.PERSON, SourceType.OTHER):
                registry.note(info, base + span.start_char)


def _note_people(sent: SpacySpan, base: int, registry: EntityRegistry) -> None:
    """Subjects that are named people ("Elena Varga blamed", "The governor, Elena Varga, blamed")
    become candidates for later "he"/"she". (Organisations were noted before, by
    ``_note_organisations``.)"""
    for ent in sent.ents:
        if ent.label_ == "PERSON" and is_subject(ent.root):
            registry.note(describe(mention_span(ent.root)), base + ent.start_char)
            for name in conjunct_people(ent.root):
                words = tuple(t.lower_ for t in name)
                info = MentionInfo("name", SourceType.PERSON, name=name.text, person_words=words, role="conj")
                registry.note(info, base + name.start_char)


def _collapse(hops: list[HopDraft]) -> list[HopDraft]:
    out: list[HopDraft] = []
    for hop in hops:
        if out and out[-1].entity is hop.entity:
            continue
        if hop.entity.is_publisher:
            continue
        out.append(hop)
    return out


# --- relations -----------------------------------------------------------------------------


def _dedupe(rels: list[Rel]) -> list[Rel]:
    """One relation per content: '"...," he said' after 'He said, "...' is the same quote."""
    by_content: dict[tuple[tuple[int, int], ...], Rel] = {}
    out = []
    for rel in sorted(rels, key=lambda r: r.found.cue[0]):
        key = tuple(rel.found.content)
        kept = by_content.get(key)
        if kept is None:
            by_content[key] = rel
            out.append(rel)
        elif kept.source_entity is None and rel.source_entity is not None:
            out[out.index(kept)] = rel
            by_content[key] = rel
    return out


def _as_quoted_after_a_quote(rels: list[Rel], qidx: QuoteIndex, text: str) -> list[Rel]:
    """'X said, "A. B. C", as quoted by the Herald': an "as <participle> by" phrase right after a
    quotation of several sentences names who relayed the whole quote, not a claim of the last
    sentence alone (``cues`` joins the two only within one sentence)."""
    out = list(rels)
    for rel in rels:
        cue = rel.found.cue_token
        if rel.found.cue_kind != "according_to" or cue is None or cue.lower_ != "as" or not rel.own:
            continue
        if cue.i + 1 >= len(cue.doc) or cue.nbor(1).tag_ != "VBN":
            continue
        quote = next(
            (q for q in qidx.overlapping(rel.content_start, rel.content_end) if q.end <= rel.found.cue[0]), None
        )
        if (
            quote is None
            or text[quote.end : rel.found.cue[0]].strip(" ,\u2014\u2013-")
            or quote.inner_start >= rel.content_start
        ):
            continue
        speaker = next(
            (
                o
                for o in rels
                if o is not rel
                and o.found.cue_kind == "verb"
                and o.own
                and o.content_start <= quote.inner_start < o.content_end
                and all(h.entity is not rel.own[-1].entity for h in o.own)
            ),
            None,
        )
        if speaker is not None:
            speaker.own = _collapse([*speaker.own, *rel.own])
            out.remove(rel)
    return out


def _follow_quotes(rels: list[Rel], qidx: QuoteIndex, text: str, paras: list[Paragraph]) -> None:
    """A quoted statement with no cue of its own continues the speaker of the quote before it
    (in its paragraph, or the one before), or else of the quote right after it."""
    quoted = sorted(
        (r for r in rels if r.source_mention is not None and _speaks_in_quotes(r, qidx, text)),
        key=lambda r: r.content_start,
    )
    if not quoted:
        return
    taken = Intervals([(r.content_start, r.content_end) for r in rels] + [r.found.cue for r in rels])
    para_starts = [p.start for p in paras]
    for q in qidx.quotes:
        if not is_statement_quote(text, q):
            continue
        if taken.overlaps(q.inner_start, q.inner_end) and not _only_nested_inside(rels, q):
            continue
        para = paras[bisect.bisect_right(para_starts, q.start) - 1] if paras else None
        if para is None or not (para.start <= q.start < para.end):
            continue
        split = _split_off(quoted, text, q, para)
        if split is not None:
            # '"A," she said, "B."' or '"A," she said, but "B."': the second half of one quote
            _add_follow(rels, para, q, split, continues=True)
            taken.add(q.inner_start, q.inner_end)
            continue
        if not _stands_alone(text, q, para):
            continue
        before = [r for r in quoted if r.content_end <= q.start and r.para >= para.index - 1]
        after = [r for r in quoted if r.content_start >= q.end and r.para == para.index]
        speaker = before[-1] if before else (after[0] if after else None)
        if speaker is None:
            continue
        # '"...," she said. "..."': the next quote is a claim of its own, its source carried
        # from the cued one (no cue and no name in its sentence: context). As written, it is
        # one attribution: the quote goes on with the same statement.
        gap = text[max(speaker.sent[1], speaker.content_end) : q.start]
        goes_on = speaker in before and speaker.para == para.index and not gap.strip(QUOTE_CHARS + " .,\n\t")
        _add_follow(rels, para, q, speaker, continues=goes_on)
        taken.add(q.inner_start, q.inner_end)
    rels.sort(key=lambda r: (r.content_start, r.found.cue[0]))


def _add_follow(rels: list[Rel], para: Paragraph, q: Quote, speaker: Rel, *, continues: bool) -> None:
    """The quote as a claim of the speaker's (its source carried as context); with
    ``continues``, the same attribution as the speaker's quote."""
    content = [(q.inner_start, q.inner_end)]
    found = Found(cue=(q.start, q.start), cue_kind="follow", content=content, source=None, quote=q)
    rel = Rel(found, para.index, (q.start, q.end), speaker.source_entity, None)
    if continues:
        rel.continues = speaker.continues or speaker
    own = speaker.own if speaker.source_entity is not None else []
    rel.own = [HopDraft(h.entity, Evidence.CONTEXT, None, h.medium) for h in own]
    rels.append(rel)


# Between the two halves of a split quote: the cue's own words, at most an aside, no sentence end.
_SPLIT_GAP_WORDS = 12
_SPLIT_GAP_LINKS = frozenset(["and", "but", "still", "also", "then", "yet"])


def _split_off(quoted: list[Rel], text: str, q: Quote, para: Paragraph) -> Rel | None:
    """The relation whose quote, closed by its cue, this quote goes on in the same sentence:
    '"A," she said, "B."', '"A," she said, but "B."', 'The plan "A," he said, and "B."'."""
    if not _linked(text[max(para.start, q.start - 8) : q.start]):
        return None  # most quotes: no comma or link word right before
    before = [r for r in quoted if r.para == para.index and r.found.cue[1] <= q.start]
    if not before:
        return None
    speaker = max(before, key=lambda r: r.found.cue[1])
    if speaker.found.cue_kind == "follow" or speaker.content_end > speaker.found.cue[0]:
        return None  # the cue does not close a quote of its own
    gap = text[speaker.found.cue[1] : q.start]
    if not _linked(gap) or re.search(r"[.!?;:\"\u201c\u201d]", gap):
        return None
    if len(re.findall(r"\w+", gap)) > _SPLIT_GAP_WORDS:
        return None
    return speaker


def _linked(gap: str) -> bool:
    """Whether the words before a quote end with a comma or a link word ('", but "')."""
    words = re.findall(r"\w+", gap.lower())
    return gap.rstrip().endswith(",") or bool(words) and words[-1] in _SPLIT_GAP_LINKS


def _speaks_in_quotes(rel: Rel, qidx: QuoteIndex, text: str) -> bool:
    """Whether the relation's content is (or opens with) the speaker's own quoted words:
    '"...," she said', '"..." of the plan, he said' or 'The plan "...," he said'."""
    if rel.found.quote is not None:
        return True
    cue = rel.found.cue[0]
    first, last = qidx.containing(rel.content_start), qidx.containing(rel.content_end - 1)
    opens = first is not None and not _words_between(text, first.inner_start, rel.content_start)
    closes = last is not None and not _words_between(text, rel.content_end, last.inner_end)
    ends = [q for q, ok in ((first, opens), (last, closes)) if ok and q is not None]
    return any(not q.start <= cue < q.end for q in ends)


def _words_between(text: str, start: int, end: int) -> bool:
    return any(c.isalnum() for c in text[start:end])


def _only_nested_inside(rels: list[Rel], q: Quote) -> bool:
    """Whether every relation touching the quote lies wholly inside it ('"... as rich as he says he
    is. ..."'): a quote within the speaker's words, which still go on from the quote before."""
    touching = False
    for r in rels:
        start, end = min(r.content_start, r.found.cue[0]), max(r.content_end, r.found.cue[1])
        if end <= q.inner_start or start >= q.inner_end:
            continue
        if start < q.inner_start or end > q.inner_end or r.found.cue_kind == "follow":
            return False
        touching = True
    return touching


def _stands_alone(text: str, q: Quote, para: Paragraph) -> bool:
    """A quote that is a sentence of its own, not a phrase inside someone's sentence."""
    before = text[para.start : q.start].rstrip()
    return not before or before.endswith((".", "!", "?", ":", '"', "\u201d"))


def _nest(rels: list[Rel]) -> None:
    """Parent: the smallest relation whose content holds this one's cue and content.
    Via: a relation whose source is a source cited by another ("citing X, which said")."""
    by_para: dict[int, list[Rel]] = {}
    for rel in rels:
        by_para.setdefault(rel.para, []).append(rel)
    ordered = sorted(rels, key=lambda r: r.content_start)
    starts = [r.content_start for r in ordered]
    for rel in rels:
        best = None
        # A content that holds this cue starts at most a few paragraphs before it.
        lo = bisect.bisect_left(starts, rel.found.cue[0] - NESTING_REACH)
        hi = bisect.bisect_right(starts, rel.found.cue[0])
        for other in ordered[lo:hi]:
            if other is rel or not (rel.para - 1 <= other.para <= rel.para):
                continue
            if other.covers(rel.found.cue[0], rel.found.cue[1]) and all(
                other.covers(s, e) for s, e in rel.found.content
            ):
                size = other.content_end - other.content_start
                if best is None or size < best.content_end - best.content_start:
                    best = other
        rel.parent = best
        if best is not None:
            best.children.append(rel)
    for rel in rels:
        if rel.parent is None and rel.found.relative_to is not None:
            for other in by_para.get(rel.para, []):
                if other is rel or other.sent != rel.sent:
                    continue
                if any(c.head == rel.found.relative_to for c in other.found.cited):
                    rel.via = other


def _own_views(rels: list[Rel]) -> None:
    """ "Ana Ribeiro and Ivo Brandt said they believe ...": a pronoun that is the subject of the
    clause a speaker's cue reports, and agrees with that speaker, is the speaker: the inner cue is
    the speaker's own view, no hop of its own ("he said they believe" keeps "they" someone else)."""
    for rel in rels:
        parent, cue, source = rel.parent, rel.found.cue_token, rel.found.source
        if parent is None or cue is None or source is None or parent.source_entity is None:
            continue
        outer = parent.found.cue_token
        if outer is None or cue.head.i != outer.i or cue.dep_ not in ("ccomp", "xcomp"):
            continue
        if _agrees(source.head.lower_, parent):
            rel.own = []
            rel.source_entity = parent.source_entity


def _agrees(pronoun: str, speaker: Rel) -> bool:
    """Whether a subject pronoun can stand for the speaker of ``speaker``: "he"/"she" for a person,
    "they" for people joined by "and", a plural or a body, "it" for an organisation."""
    entity = speaker.source_entity
    head = speaker.found.source.head if speaker.found.source is not None else None
    if entity is None or head is None:
        return False
    if pronoun in ("he", "she"):
        return entity.type is SourceType.PERSON and (
            not entity.gender or entity.gender == lx.PRONOUN_GENDER.get(pronoun)
        )
    if pronoun == "they":
        return bool(head.conjuncts) or head.tag_ in ("NNS", "NNPS") or entity.type is not SourceType.PERSON
    if pronoun == "it":
        return entity.type not in (SourceType.PERSON, SourceType.ANONYMOUS) and head.tag_ not in ("NNS", "NNPS")
    return False


def _chain(rel: Rel) -> list[HopDraft]:
    chain = list(rel.origin) + list(rel.own)
    outer = rel.parent or rel.via
    if outer is not None:
        chain = _merge(chain, _chain(outer)[len(outer.origin) :] if outer.origin else _chain(outer))
    return _collapse(chain)


def _merge(inner: list[HopDraft], outer: list[HopDraft], *, context: bool = False) -> list[HopDraft]:
    """Join a chain to the chain of whoever relayed it: where the inner chain's last source
    appears in the outer one, the outer chain goes on from there; otherwise it is appended."""
    if not outer:
        return inner
    if context:
        outer = [HopDraft(h.entity, Evidence.CONTEXT, None, h.medium) for h in outer]
    if not inner:
        return outer
    entities = [h.entity for h in outer]
    if inner[-1].entity in entities:
        return inner + outer[entities.index(inner[-1].entity) + 1 :]
    if any(h.entity is outer[-1].entity for h in inner):
        return inner
    return inner + outer


# --- framing and claims -----------------------------------------------------------------------


def _frames(rels: list[Rel], *, lead: int = 1) -> tuple[dict[int, list[tuple[Rel, bool]]], Entity | None]:
    """Per paragraph, the relations by which a news organisation relays it, and whether each
    relays facts (then uncued sentences around it are its claims too); and the article's
    dominant relay, if one organisation frames most of it from its lead (paragraphs up to
    ``lead``): an article built from one outlet's report names it at the start."""
    frames: dict[int, list[tuple[Rel, bool]]] = {}
    for rel in rels:
        if rel.parent is not None or not rel.own:
            continue
        last = rel.own[-1].entity
        if last.type not in RELAY_TYPES:
            continue
        # "X told CNN": an interview relays what X went on to say there, not the facts around it.
        factual = not rel.children and not rel.origin and rel.found.cue_kind != "follow" and not _interview(rel)
        frames.setdefault(rel.para, []).append((rel, factual))
    # The article's relay is the one that reports it, not an outlet someone gave an interview to.
    # Nor one that gives its own projections or poll: an analyst there, not the article's reporter.
    reported = {
        para: [fr for fr in frs if not _interview(fr[0]) and not _own_finding(fr[0])] for para, frs in frames.items()
    }
    reported = {para: frs for para, frs in reported.items() if frs}
    framing = {id(frs[0][0].own[-1].entity): frs[0][0].own[-1].entity for frs in reported.values()}
    counts = Counter(id(frs[0][0].own[-1].entity) for frs in reported.values())
    dominant = None
    if counts:
        key, n = counts.most_common(1)[0]
        # Most framed paragraphs; or the only relay of the article, named in its lead
        # ("..., Reuters reported." in the first paragraphs of an article built from that report).
        first = min(para for para, frs in reported.items() if id(frs[0][0].own[-1].entity) == key)
        # Most means more than half: an article that cites three outlets by turns has none. The
        # only relay of the article frames it when named in its first paragraph ("..., Reuters
        # reported.").
        if n >= 2 and n * 2 > len(reported) and first <= lead or n == len(reported) == 1 and first < lead:
            dominant = framing[key]
    return frames, dominant


def _own_report(frame: Rel, rel: Rel, chain: list[HopDraft]) -> bool:
    """ "The Gazette reported on Monday, the port had reopened. The mayor said ...": an outlet that
    states facts on its own account (no one before it in its chain) in an earlier sentence relays
    that sentence and the uncued ones after it, not a later claim whose origin its own cue names.
    (A report that closes the paragraph, "..., CNN cited TASS report", relays what came before it.)"""
    if frame.sent[1] > rel.sent[0] or frame.origin or frame.children:
        return False
    own_account = len(frame.own) == 1 and frame.own[0].entity.type in RELAY_TYPES and not frame.found.cited
    return own_account and chain[0].evidence is Evidence.EXPLICIT and chain[0].entity.type not in RELAY_TYPES


def _own_finding(rel: Rel) -> bool:
    medium = rel.own[-1].medium
    return medium is not None and medium.lower().split()[-1] in lx.FINDING_DOCUMENTS


def _closes_paragraph(rel: Rel) -> bool:
    """A report that names, after what it reports, the source it took it from: "..., CNN cited
    TASS report". Only such a report relays what came before it in its paragraph; "..., according
    to CNN" or "NTV reported that ..." gives its own sentence, not the paragraph's."""
    cue = rel.found.cue_token
    citing = bool(rel.found.cited) or cue is not None and cue.lemma_.lower() in lx.CITING_VERBS
    return citing and rel.content_end <= rel.found.cue[0]


def _frame_for(
    pos: int,
    para: int,
    frames: dict[int, list[tuple[Rel, bool]]],
    wire: tuple[Rel, bool] | None = None,
) -> tuple[Rel, bool] | None:
    """The relation that frames the text at ``pos``: the latest before it in the paragraph, else a
    report later in the paragraph that closes it by naming whom it took it from ("Water flooded
    the villages. ..., the Gazette cited a police report."); "RTV Valmor reported that 45 ships
    ..." frames nothing before it. An interview frames only what follows it. Else the wire
    credit, if any."""
    candidates = [
        fr
        for fr in frames.get(para, [])
        if fr[0].found.cue[0] <= pos or not _interview(fr[0]) and _closes_paragraph(fr[0])
    ]
    if not candidates:
        return wire
    before = [fr for fr in candidates if fr[0].found.cue[0] <= pos]
    return before[-1] if before else candidates[0]


def _interview(rel: Rel) -> bool:
    """A relation relayed by the outlet its source spoke to ("told CNN", "in an interview with")."""
    return rel.recipient_entity is not None and bool(rel.own) and rel.own[-1].entity is rel.recipient_entity


def _headline(text: str, paras: list[Paragraph]) -> int | None:
    """The paragraph that is the article's headline: a first line without sentence punctuation
    at its end, with the body after it ("Mayor says tunnel is safe"). The publisher's summary of
    what follows: its attributions stay in the attribution layer, but it states no claim."""
    if len(paras) < 2:
        return None
    first = paras[0]
    line = text[first.start : first.end].rstrip()
    if "\n" in line or not line or line[-1] in ".!?:;,\"'\u201d\u2019)" or len(line.split()) > 25:
        return None
    if re.search(r"[.!?][\"'\u201d\u2019]?\s", line):
        return None  # sentences on one line: a quote signed with a name, not a headline
    return first.index


def _claims(
    text: str,
    rels: list[Rel],
    sentences: list[tuple[SpacySpan, Unit]],
    qidx: QuoteIndex,
    wire: tuple[Rel, bool] | None,
    headline: int | None = None,
) -> list[ClaimDraft]:
    body_start = min((u.para for sent, u in sentences if u.para != headline and _is_statement(sent)), default=0)
    frames, dominant = _frames(rels, lead=body_start + 1)
    first_dominant = min(
        (
            r.found.cue[0]
            for frs in frames.values()
            for r, _ in frs
            if dominant is not None and r.own[-1].entity is dominant
        ),
        default=None,
    )
    drafts: list[ClaimDraft] = []
    for rel in rels:
        if _goes_on_with(rel):
            continue  # "They found A, indicating B": B is part of their finding, not a claim of its own
        if [c for c in rel.children if not _goes_on_with(c)] and _mostly_nested(rel, text):
            continue  # "CNN reported that TASS said X": the claim is X, through both
        if rel.found.request:
            continue  # "urged the board to resign": an attribution, but nothing to check
        chain = _chain(rel)
        if not chain:
            # Only the publisher itself stands behind it ("The Gazette reported that ..." in the
            # Gazette): its own statement.
            drafts.append(
                ClaimDraft(
                    rel.content_start,
                    rel.content_end,
                    ClaimKind.UNATTRIBUTED,
                    [],
                    rel=rel,
                )
            )
            continue
        frame = _frame_for(rel.found.cue[0], rel.para, frames, wire)
        if frame is not None and _interview(frame[0]) and frame[0].source_entity is not chain[0].entity:
            frame = wire  # the interview relays its speaker, no one else
        if chain[-1].entity.type in RELAY_TYPES or _public(chain[0].medium):
            pass  # the claim names who relayed it, or its source spoke in public
        elif (
            frame is not None
            and frame[0] is not rel
            and not _related(rel, frame[0])
            and not _own_report(frame[0], rel, chain)
        ):
            # The claim has its own origin: of the frame, only the news organisations relay it.
            relays = [h for h in frame[0].own if h.entity.type in RELAY_TYPES]
            chain = _merge(chain, relays, context=True)
        elif (
            frame is None and dominant is not None and first_dominant is not None and rel.found.cue[0] > first_dominant
        ):
            chain = _merge(chain, [HopDraft(dominant, Evidence.CONTEXT)], context=True)
        if wire is not None and all(h.entity is not wire[0].own[-1].entity for h in chain):
            # Wire copy: the agency relays everything in it, news it took from others included.
            chain = _merge(chain, list(wire[0].own), context=True)
        start, end = rel.content_start, rel.content_end
        content = sorted(rel.found.content)
        relative = rel.found.cue_token is not None and rel.found.cue_token.dep_ == "relcl"
        if relative and len(content) > 1 and content[0][1] <= rel.found.cue[0] < content[-1][0]:
            # "The tunnel, which the mayor said would open in May, ...": the claim is the clause
            # after the cue; its antecedent stays in the attribution's content fragments.
            start, end = content[-1]
        drafts.append(
            ClaimDraft(
                start,
                end,
                _kind(text, rel, qidx),
                _collapse(chain),
                rel.found.cue if rel.found.cue_kind != "follow" else None,
                rel,
            )
        )

    covered = Intervals(
        [(r.content_start, r.content_end) for r in rels]
        + [r.found.cue for r in rels]
        + [r.source_mention for r in rels if r.source_mention]
    )
    for sent, unit in sentences:
        s, e = _trim_sentence(text, unit.base + sent.start_char, unit.base + sent.end_char)
        if e - s < 2 or not _is_statement(sent) or lx.CREDIT_LINE.match(text, s, e):
            continue
        if covered.overlaps(s, e):
            continue
        frame = _frame_for(s, unit.para, frames, wire)
        if frame is not None and frame[1] and not _about_a_source(sent, frame[0]) and not is_refusal_sentence(sent):
            chain = [HopDraft(h.entity, Evidence.CONTEXT, None, h.medium) for h in frame[0].own]
            drafts.append(ClaimDraft(s, e, ClaimKind.INHERITED, _collapse(chain)))
        else:
            drafts.append(ClaimDraft(s, e, ClaimKind.UNATTRIBUTED, []))
    drafts.sort(key=lambda d: (d.start, d.end))
    return drafts


def _goes_on_with(rel: Rel) -> bool:
    """ "They found that A, indicating B": a cue inside its parent's content whose source is the
    parent's own subject (a participle with no subject of its own) goes on with what the parent
    reports; it nests no report of someone else."""
    parent = rel.parent
    if parent is None or rel.found.source is None or parent.found.source is None:
        return False
    return (
        rel.found.source.head.i == parent.found.source.head.i
        and rel.found.source.head.doc is parent.found.source.head.doc
    )


def _mostly_nested(rel: Rel, text: str) -> bool:
    """Whether the relations inside ``rel``'s content make up most of it. Not so for a long quote
    that only mentions someone's words in passing ('"He is not as rich as he says he is, and he owes
    millions," she said'): that quote is a claim of its own as well. Reported speech around
    reported speech ("according to X, Y said that ...") is always the chain of the inner one."""
    if rel.found.quote is None:
        return True
    inner = Intervals(
        [(c.content_start, c.content_end) for c in rel.children]
        + [c.found.cue for c in rel.children]
        + [c.source_mention for c in rel.children if c.source_mention]
    )
    letters = [i for s, e in rel.found.content for i in range(s, e) if text[i].isalnum()]
    outside = sum(1 for i in letters if not inner.overlaps(i, i + 1))
    return outside * 2 < len(letters)


def _about_a_source(sent: SpacySpan, frame: Rel) -> bool:
    """ "The agency did not name the official", "He made the remarks in Minsk": a sentence about
    the sources themselves reports on the reporting, not a fact from it."""
    names = {w.lower() for h in frame.own for n in h.entity.names + h.entity.descriptions for w in n.split()}
    for tok in sent:
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT":
            if tok.lower_ in lx.PERSON_PRONOUNS | lx.GROUP_PRONOUNS | lx.THING_PRONOUNS:
                return True
            definite = any(c.lower_ in ("the", "this", "that") for c in tok.children if c.dep_ == "det")
            describes_relay = tok.lower_ in lx.GENERIC_HEADS | lx.NEWS_AGENCY_WORDS | lx.NEWS_OUTLET_WORDS
            return tok.lower_ in names or definite and describes_relay
    return False


def _public(medium: str | None) -> bool:
    if not medium:
        return False
    words = medium.lower().split()
    return bool(set(words) & lx.PUBLIC_MEDIA) or any(w in lx.PLATFORMS for w in words)


def _related(rel: Rel, frame: Rel) -> bool:
    node: Rel | None = rel
    while node is not None:
        if node is frame:
            return True
        node = node.parent or node.via
    return False


def _trim_sentence(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace()):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_statement(sent: SpacySpan) -> bool:
    """A sentence with a finite verb that is not a question: something the publisher asserts."""
    if sent.text.rstrip().endswith("?"):
        return False
    if any(t.pos_ in ("VERB", "AUX") and t.dep_ in ("ROOT", "conj", "ccomp") for t in sent):
        return True
    # Headline grammar ("Port strike halts exports as talks stall") defeats the parser, which then
    # hangs the verb on a noun; a present- or past-tense verb still makes it a statement.
    return any(t.pos_ == "VERB" and t.tag_ in ("VBZ", "VBD", "VBP") for t in sent)


def _kind(text: str, rel: Rel, qidx: QuoteIndex) -> ClaimKind:
    f = rel.found
    if f.cue_kind == "according_to":
        return ClaimKind.ACCORDING_TO
    if f.cue_kind == "follow":
        return ClaimKind.DIRECT
    if f.cue_kind == beliefs.BELIEF:
        return ClaimKind.BELIEF
    letters = [i for s, e in f.content for i in range(s, e) if text[i].isalnum()]
    if not letters:
        return ClaimKind.INDIRECT
    inside = _quoted_positions(text, rel, qidx)
    share = sum(1 for i in letters if i in inside) / len(letters)
    if share >= 0.9:
        return ClaimKind.DIRECT
    if share > 0:
        return ClaimKind.MIXED
    return ClaimKind.INDIRECT


def _quoted_positions(text: str, rel: Rel, qidx: QuoteIndex) -> set[int]:
    if rel.found.quote is not None:
        return {
            i for q in qidx.overlapping(rel.content_start, rel.content_end) for i in range(q.inner_start, q.inner_end)
        }
    positions: set[int] = set()
    start, end = rel.content_start, rel.content_end
    open_at = None
    for i in range(start, min(end + 2, len(text))):
        if text[i] in '"\u201c\u201d':
            if open_at is None:
                open_at = i
            else:
                positions.update(range(open_at, i))
                open_at = None
    return positions


# --- the report ----------------------------------------------------------------------------------


def _report(
    text: str,
    publisher: str | None,
    engine_version: str,
    nlp: Language,
    rels: list[Rel],
    drafts: list[ClaimDraft],
    registry: EntityRegistry,
    sentences: list[tuple[SpacySpan, Unit]],
) -> ChainReport:
    ids: dict[int, str] = {}

    def sid(entity: Entity) -> str:
        key = id(entity)
        if key not in ids:
            ids[key] = f"s{len(ids) + 1}"
            entity.id = ids[key]
        return ids[key]

    rels_sorted = sorted((r for r in rels if r.continues is None), key=lambda r: (r.found.cue[0], r.content_start))
    for i, rel in enumerate(rels_sorted, 1):
        rel.id = f"a{i}"
    continuation: dict[int, list[tuple[int, int]]] = {}
    for rel in rels:
        if rel.continues is not None:
            rel.id = rel.continues.id
            continuation.setdefault(id(rel.continues), []).extend(rel.found.content)

    claims: list[Claim] = []
    claim_of_draft: dict[int, str] = {}
    for i, d in enumerate(drafts, 1):
        cid = f"c{i}"
        claim_of_draft[id(d)] = cid
        chain = tuple(
            Hop(sid(h.entity), h.evidence, h.medium, _span(text, h.mention) if h.mention else None) for h in d.chain
        )
        claims.append(
            Claim(
                id=cid,
                start=d.start,
                end=d.end,
                text=text[d.start : d.end],
                kind=d.kind,
                cue=_span(text, d.cue) if d.cue and d.cue[1] > d.cue[0] else None,
                chain=chain,
                attribution=d.rel.id if d.rel is not None else None,
            )
        )

    attributions = []
    for rel in rels_sorted:
        f = rel.found
        source = None
        if rel.source_mention is not None:
            # The phrase as written, short of its cue, without white space a parse may take in at its ends.
            s, e = _trim_sentence(text, *_clipped(text, *phrases.source_phrase(f, rel.source_mention), f.cue))
            source = SourceMention(s, e, text[s:e], source_id=sid(rel.source_entity) if rel.source_entity else None)
        pieces = sorted([*f.content, *continuation.get(id(rel), [])])
        content = _span(text, (pieces[0][0], max(e for _, e in pieces)), fragments=pieces)
        cue = _span(text, f.cue) if f.cue[1] > f.cue[0] else None
        outer = rel.parent or rel.via
        parent = outer.id if outer is not None else None
        attributions.append(Attribution(rel.id, content, cue, source, parent))

    discrepancies = numbers.find_discrepancies(text, drafts, sentences, claim_of_draft, rels)
    scored, confidence_basis = confidence.score(claims, drafts, text)

    used = {id(e): e for e in registry.entities if id(e) in ids}
    sources = tuple(
        Source(ids[key], e.name or "(unnamed)", e.type, e.aliases())
        for key, e in sorted(used.items(), key=lambda kv: int(ids[kv[0]][1:]))
    )
    return ChainReport(
        publisher=publisher,
        sources=sources,
        claims=scored,
        discrepancies=tuple(discrepancies),
        attributions=tuple(attributions),
        engine_version=engine_version,
        model=model_label(nlp),
        extra={"confidence_basis": confidence_basis},
    )


def _clipped(text: str, start: int, end: int, cue: tuple[int, int]) -> tuple[int, int]:
    """A source phrase short of its cue ("A union of pilots endorsed ...", parsed as one noun
    phrase) and of an aside it opens but does not close ("Mr. Burns (a view shared by ...")."""
    if start < cue[0] < end:
        end = cue[0]
    opened = text.rfind("(", start, end)
    if opened > start and text.find(")", opened, end) < 0:
        end = opened
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def model_label(nlp: Language) -> str:
    """ "en_core_web_sm-3.8.0": read once per pipeline (``Language.meta`` is rebuilt per call)."""
    label = _MODEL_LABELS.get(id(nlp))
    if label is None:
        meta = nlp.meta
        label = _MODEL_LABELS[id(nlp)] = f"{meta.get('lang', '')}_{meta.get('name', '')}-{meta.get('version', '')}"
    return label


_MODEL_LABELS: dict[int, str] = {}


def _span(text: str, span: tuple[int, int], fragments: list[tuple[int, int]] | None = None) -> Span:
    start, end = span
    frags = tuple(sorted(fragments)) if fragments and len(fragments) > 1 else ()
    return Span(start, end, text[start:end], frags)
