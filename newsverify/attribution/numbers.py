"""Number discrepancies: claims from different sources that give different figures for the same
quantity ("people injured") about the same event.

An event is approximated by a run of paragraphs that share their anchors (places and days):
a paragraph whose anchors are all new starts a new event.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, replace

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from newsverify.attribution import lexicon as lx
from newsverify.attribution.drafts import ClaimDraft, Rel, Unit
from newsverify.attribution.types import ClaimKind, Discrepancy

_PLACE_LABELS = frozenset({"GPE", "LOC"})  # not FAC: the tagger gives it to weapons and vehicles too


REFERS_BACK = ""  # the quantity of a figure given as "the number", "the toll": the one counted before


SELF = "\0self"  # the agent of a figure's action is the source itself: "it downed 20 drones"


@dataclass(frozen=True)
class Figure:
    quantity: str  # "people injured"
    value: str  # as written
    norm: str  # comparable form: "4", "several"
    start: int
    agent: str = ""  # who did what is counted ("it" in "it downed 20 drones"): SELF, a name, or unknown


def find_discrepancies(
    text: str,
    drafts: list[ClaimDraft],
    sentences: list[tuple[SpacySpan, Unit]],
    claim_ids: dict[int, str],
    rels: list[Rel],
) -> list[Discrepancy]:
    excluded = _source_positions(rels)
    anchors = [_anchors(sent, unit.base, excluded) for sent, unit in sentences]
    events = _events(sentences, anchors)
    anchors = _carried(sentences, anchors)
    groups: dict[tuple[int, str], list[tuple[ClaimDraft, Figure, set[str]]]] = defaultdict(list)
    tokens = [(unit.base, tok) for sent, unit in sentences for tok in sent]
    starts = [base + tok.idx for base, tok in tokens]
    sentence_starts = [unit.base + sent.start_char for sent, unit in sentences]

    last: tuple[str, int] | None = None  # the quantity last counted, and in which paragraph
    for draft in drafts:
        if draft.kind is ClaimKind.UNATTRIBUTED or not draft.chain:
            continue
        lo = bisect.bisect_left(starts, draft.start)
        hi = bisect.bisect_left(starts, draft.end)
        seen_quantities = set()
        for base, tok in tokens[lo:hi]:
            fig = _figure(tok, base)
            if fig is None:
                continue
            index = max(0, bisect.bisect_right(sentence_starts, fig.start) - 1)
            para = sentences[index][1].para
            if fig.quantity == REFERS_BACK:
                if last is None or para - last[1] > 1:
                    continue
                fig = replace(fig, quantity=last[0])
            if fig.agent == SELF:
                fig = replace(fig, agent=f"entity:{id(draft.chain[0].entity)}")
            if fig.quantity in seen_quantities:
                continue
            seen_quantities.add(fig.quantity)
            last = (fig.quantity, para)
            groups[(events.get(para, para), fig.quantity)].append((draft, fig, anchors[index]))

    found: list[Discrepancy] = []
    for (_, quantity), anchored in groups.items():
        for items in _split_by_anchors(anchored):
            for same_action in _split_by_agent(items):
                found.extend(_disagreement(quantity, same_action, claim_ids, len(found)))
    return found


def _split_by_agent(items: list[tuple[ClaimDraft, Figure]]) -> list[list[tuple[ClaimDraft, Figure]]]:
    """Figures of one quantity about actions by different agents are about different actions:
    "the army said it downed 20 drones" and "the ministry said it downed 15" count what each side
    downed. A figure whose agent is not said joins the first group."""
    agents: dict[str, list[tuple[ClaimDraft, Figure]]] = {}
    unknown: list[tuple[ClaimDraft, Figure]] = []
    for draft, fig in items:
        if fig.agent:
            agents.setdefault(fig.agent, []).append((draft, fig))
        else:
            unknown.append((draft, fig))
    groups = list(agents.values()) or [[]]
    groups[0].extend(unknown)
    return groups


def _disagreement(
    quantity: str, items: list[tuple[ClaimDraft, Figure]], claim_ids: dict[int, str], count: int
) -> list[Discrepancy]:
    """A discrepancy when different sources give different figures; else nothing."""
    found = []
    if items:
        values = {fig.norm for _, fig in items}
        origins = {id(d.chain[0].entity) for d, _ in items}
        if len(values) >= 2 and len(origins) >= 2:
            items.sort(key=lambda x: x[0].start)
            found.append(
                Discrepancy(
                    id=f"d{count + 1}",
                    about=quantity,
                    claims=tuple(claim_ids[id(d)] for d, _ in items),
                    values=tuple(fig.value for _, fig in items),
                )
            )
    return found


def _figure(tok: Token, base: int) -> Figure | None:
    """A figure with a known quantity: a count ("14 people had been injured"), a measure
    ("magnitude 6.3"), and who did what is counted, when the sentence says."""
    measure = _measure(tok, base)
    if measure is not None:
        return measure
    fig = _count(tok, base)
    if fig is None:
        return None
    return replace(fig, agent=_agent(tok))


def _measure(tok: Token, base: int) -> Figure | None:
    """A measured figure: "magnitude 6.3", "a magnitude of 6.4", "the earthquake, at 6.3, was"
    (the measure named just before the number, or the event it is given beside)."""
    if not tok.like_num or not any(c.isdigit() for c in tok.text):
        return None
    doc = tok.doc
    before = [doc[i] for i in range(max(tok.sent.start, tok.i - 3), tok.i)]
    named = next((t for t in reversed(before) if t.lemma_.lower() in lx.MEASURE_NOUNS), None)
    if named is not None and all(t.lower_ in ("of", "-", "a", "an", "the") for t in doc[named.i + 1 : tok.i]):
        return Figure(lx.MEASURE_NOUNS[named.lemma_.lower()], tok.text, _normalise(tok.lower_), base + tok.idx)
    if tok.dep_ == "pobj" and tok.head.lower_ == "at":
        verb = tok.head.head
        subjects = [c for c in verb.children if c.dep_ == "nsubj"] if verb.pos_ in ("VERB", "AUX") else [verb]
        event = next((t for t in subjects if t.lemma_.lower() in lx.MEASURED_EVENTS), None)
        if event is not None:
            quantity = lx.MEASURED_EVENTS[event.lemma_.lower()]
            return Figure(quantity, tok.text, _normalise(tok.lower_), base + tok.idx)
    return None


def _threshold(tok: Token) -> bool:
    """A bound, not a count: "events where four or more people are killed", "five or fewer"."""
    doc = tok.doc
    after = doc[tok.i + 1 : tok.i + 3]
    return len(after) == 2 and after[0].lower_ == "or" and after[1].lower_ in ("more", "fewer", "less", "above")


def _agent(tok: Token) -> str:
    """Who did the counted action: SELF for the source speaking of itself ("it downed 20 drones",
    "our forces destroyed 12 tanks"), a name's words ("the army destroyed"), or "" when the
    sentence does not say ("20 drones were downed")."""
    noun = tok.head if tok.dep_ in ("nummod", "amod", "det", "quantmod") else tok
    verb = noun.head
    if noun.dep_ != "dobj" or verb.pos_ != "VERB":
        return ""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return ""
    if subject.lower_ in lx.SELF_PRONOUNS or any(
        c.dep_ == "poss" and c.lower_ in lx.SELF_PRONOUNS for c in subject.children
    ):
        return SELF
    return " ".join(t.lower_ for t in subject.subtree if not t.is_punct and t.dep_ != "det")


def _count(tok: Token, base: int) -> Figure | None:
    """A count of something with a known quantity: "14 people had been injured"."""
    low = tok.lower_
    is_number = tok.like_num or low in lx.NUMBER_WORDS
    if not (is_number or low in lx.VAGUE_QUANTIFIERS) or _threshold(tok):
        return None
    if low in ("one",) and tok.dep_ not in ("nummod",):
        return None
    if tok.dep_ in ("nummod", "amod", "det", "quantmod"):
        noun = tok.head
    elif tok.dep_ in ("nsubj", "nsubjpass", "dobj") and (is_number or low in lx.VAGUE_QUANTIFIERS):
        noun = tok  # "14 were injured", "dozens of people were injured"
    elif tok.dep_ == "pobj" and tok.head.lower_ in ("to", "at") and is_number:
        # "the death toll rose to 15", "put the number of injured at 200"
        verb = tok.head.head
        counted = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj") and _quantity(c)), None)
        if counted is None:
            estimate = next(
                (c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in lx.ESTIMATE_NOUNS), None
            )
            if estimate is None or any(c.dep_ == "prep" and c.lower_ == "of" for c in estimate.children):
                return None
            # "Hospital officials put the number at 20": the number of what the story just counted.
            return Figure(REFERS_BACK, tok.text, _normalise(low), base + tok.idx)
        noun = counted
    else:
        return None
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ in ("NOUN", "NUM"):
        noun = noun.head.head
    quantity = _quantity(noun)
    if quantity is None:
        return None
    percent_sign = tok.i + 1 < len(tok.doc) and tok.nbor(1).text == "%"
    if noun.lower_ in ("percent", "%", "percentage") or percent_sign:
        quantity += " (share)"  # "40 percent of the homes" is not a count of homes
    value = tok.text
    norm = _normalise(low)
    return Figure(quantity, value, norm, base + tok.idx)


def _quantity(noun: Token) -> str | None:
    lemma = noun.lemma_.lower()
    if lemma in lx.ESTIMATE_NOUNS:
        # "the number of injured", "the toll of dead": the quantity is what it is a number of
        counted = next((p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children), None)
        if counted is not None:
            predicate = lx.QUANTITY_PREDICATES.get(counted.lemma_.lower()) or lx.QUANTITY_PREDICATES.get(counted.lower_)
            return predicate or _quantity(counted)
    for child in noun.children:
        if child.dep_ in ("amod", "acl") and child.lemma_.lower() in lx.QUANTITY_PREDICATES:
            return lx.QUANTITY_PREDICATES[child.lemma_.lower()]
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj") and noun.head.pos_ in ("VERB", "AUX") and _to_hospital(noun.head):
        return lx.QUANTITY_PREDICATES["hospitalize"]  # "12 people had been taken to hospital"
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj") and noun.head.pos_ in ("VERB", "AUX"):
        verb = noun.head
        pred = verb.lemma_.lower()
        particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), "")
        if particle and f"{pred} {particle}" in lx.QUANTITY_PREDICATES:
            return lx.QUANTITY_PREDICATES[f"{pred} {particle}"]  # "shot down 20 drones"
        if pred in lx.QUANTITY_PREDICATES:
            return lx.QUANTITY_PREDICATES[pred]
        if verb.lower_ in lx.QUANTITY_PREDICATES and verb.tag_ == "VBG":
            return lx.QUANTITY_PREDICATES[verb.lower_]  # "14 people are missing"
        if noun.dep_ == "nsubj":
            # "40 were dead", "12 people are missing": the state the subject is in
            state = next((c for c in verb.children if c.dep_ in ("acomp", "attr")), None)
            for word in (state.lemma_.lower(), state.lower_) if state is not None else ():
                if word in lx.QUANTITY_PREDICATES:
                    return lx.QUANTITY_PREDICATES[word]
    if lemma in lx.QUANTITY_NOUNS or noun.lower_ in lx.QUANTITY_NOUNS:
        return lx.QUANTITY_NOUNS.get(lemma) or lx.QUANTITY_NOUNS[noun.lower_]
    return None


def _to_hospital(verb: Token) -> bool:
    """ "taken to hospital", "rushed to a clinic", "admitted to the hospital"."""
    return any(
        prep.dep_ == "prep"
        and prep.lower_ in ("to", "into")
        and any(c.dep_ == "pobj" and c.lemma_.lower() in lx.HOSPITAL_NOUNS for c in prep.children)
        for prep in verb.children
    )


def _normalise(low: str) -> str:
    if low in lx.NUMBER_WORDS:
        return str(lx.NUMBER_WORDS[low])
    digits = re.sub(r"[,\s]", "", low)
    return digits if digits else low


def _source_positions(rels: list[Rel]) -> set[int]:
    positions: set[int] = set()
    for rel in rels:
        if rel.source_mention:
            positions.update(range(*rel.source_mention))
        for hop in rel.own:
            if hop.mention:
                positions.update(range(*hop.mention))
    return positions


def _anchors(sent: SpacySpan, base: int, excluded: set[int]) -> set[str]:
    """Where and when a sentence is: places (not countries) and named days or dates."""
    found: set[str] = set()
    for ent in sent.ents:
        if base + ent.start_char in excluded:
            continue
        key = ent.text.lower().removesuffix("'s").removesuffix("\u2019s")
        place = ent.label_ in _PLACE_LABELS and not (key in lx.COUNTRY_OF and key not in lx.CAPITAL_OF)
        named_place = ent.root.dep_ in ("pobj", "appos") and ent.root.head.head.lemma_.lower() in lx.PLACE_NOUNS
        if place or named_place:
            found.add(key)
        elif ent.label_ == "DATE":
            words = set(key.split()) & (lx.WEEKDAYS | lx.MONTHS)
            if words:
                found.add(" ".join(sorted(words)))
    return found


def _carried(sentences: list[tuple[SpacySpan, Unit]], sentence_anchors: list[set[str]]) -> list[set[str]]:
    """A sentence that names no place or day is about where and when the paragraph last said:
    "A bus crashed near Valmor on Monday. Police said 12 people were killed." (the figure is about
    Monday's crash at Valmor, not the one the next sentences place elsewhere)."""
    carried: list[set[str]] = []
    for i, ((_, unit), mine) in enumerate(zip(sentences, sentence_anchors, strict=True)):
        if not mine and i and sentences[i - 1][1].para == unit.para:
            mine = carried[-1]
        carried.append(mine)
    return carried


def _events(sentences: list[tuple[SpacySpan, Unit]], sentence_anchors: list[set[str]]) -> dict[int, int]:
    """Paragraph index -> event number: a paragraph whose anchors are all new, a day among them,
    starts an event. New places alone do not: a story follows its event to where the bus was
    going or where the injured were taken; a different day is a different event."""
    anchors: dict[int, set[str]] = defaultdict(set)
    paras: list[int] = []
    for (_, unit), mine in zip(sentences, sentence_anchors, strict=True):
        if not paras or paras[-1] != unit.para:
            paras.append(unit.para)
        anchors[unit.para] |= mine
    events: dict[int, int] = {}
    event = 0
    current: set[str] = set()
    for para in paras:
        mine = anchors.get(para, set())
        dated = any(word in lx.WEEKDAYS | lx.MONTHS for anchor in mine for word in anchor.split())
        if mine and current and not (mine & current) and dated:
            event += 1
            current = set()
        current |= mine
        events[para] = event
    return events


def _split_by_anchors(items: list[tuple[ClaimDraft, Figure, set[str]]]) -> list[list[tuple[ClaimDraft, Figure]]]:
    """Within one paragraph-level event, figures whose own sentences name different places or
    days ("on Monday in Varnsdorf" / "on Friday in Lommel") belong to different events."""
    groups: list[tuple[set[str], list[tuple[ClaimDraft, Figure]]]] = []
    for draft, fig, anchors in sorted(items, key=lambda x: x[1].start):
        home = None
        if anchors:
            home = next((g for g in groups if g[0] & anchors or not g[0]), None)
        elif groups:
            home = groups[-1]
        if home is None:
            home = (set(), [])
            groups.append(home)
        home[0].update(anchors)
        home[1].append((draft, fig))
    return [members for _, members in groups]
