"""How sure the engine is of each claim and each hop, from how it found them.

Every hop of a chain, and every attributed claim, falls in one *basis*: the way the engine found
it (an explicit cue with a named source, a pronoun it resolved, a frame it carried from the
paragraph, an anonymous source, a parse it read through a repair, a quote that continues the
speaker before it, ...). The confidence is the share of such hops (or claims) that were right on
the development set, read from ``HOP_TABLE`` / ``CLAIM_TABLE`` below; ``eval/calibrate.py``
measures them and prints the tables to paste here.

- A hop's confidence: that the hop names the right source at its place in the chain, given that
  the claim is a real one.
- A claim's confidence: that it is an attributed claim an expert reader finds there too (its span
  overlapping theirs). The publisher's own sentences (``unattributed``) carry none.

``score(claims, drafts)`` is the one entry point; ``analysis`` calls it last, on the finished
claims and the drafts they were made from (in the same order). The bases of a report are kept in
``ChainReport.extra["confidence_basis"]`` for calibration.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from newsverify.attribution import lexicon as lx
from newsverify.attribution.types import Claim, ClaimKind, Evidence, SourceType

if TYPE_CHECKING:  # the drafts live in the analysis stage; only read here
    from newsverify.attribution.analysis import ClaimDraft, HopDraft

# --- the calibration: share right on the dev set per basis (eval/calibrate.py prints these) ---------

# Fitted by eval/calibrate.py on ../shared/eval/dev/ (12 articles; shrunk towards the overall share
# by 2 pseudo-counts). A basis not seen there keeps a judged value, marked so.
HOP_TABLE: dict[str, float] = {
    "named": 0.96,  # 69/72 right
    "description": 0.92,  # 2/2 right
    "continued_quote": 0.80,  # not seen on the dev set
    "anonymous": 0.78,  # 3/4 right
    "named_repaired": 0.75,  # not seen on the dev set
    "unnamed": 0.72,  # 7/10 right
    "context": 0.60,  # not seen on the dev set
    "pronoun": 0.52,  # 3/7 right
    "context_relay": 0.24,  # 0/5 right
}
CLAIM_TABLE: dict[str, float] = {
    "direct": 0.95,  # 25/26 right
    "mixed": 0.95,  # 6/6 right
    "according_to": 0.88,  # 24/27 right
    "label": 0.80,  # not seen on the dev set
    "indirect": 0.77,  # 36/47 right
    "continued_quote": 0.75,  # not seen on the dev set
    "belief": 0.60,  # not seen on the dev set
    "inherited": 0.40,  # 0/2 right
    "repaired": 0.20,  # 0/6 right
}
DEFAULT = 0.5  # a basis the tables do not know (never on the dev set)

# Parse labels a reporting verb does not normally carry: the rule read a cue through a mis-parse.
_ODD_CUE_DEPS = frozenset({"dep", "compound", "amod", "nmod", "appos", "npadvmod", "pobj", "dobj", "nsubj"})
_PRONOUNS = lx.PERSON_PRONOUNS | lx.GROUP_PRONOUNS | lx.THING_PRONOUNS | frozenset({"who", "which", "that"})


def hop_basis(hop: HopDraft, draft: ClaimDraft, text: str) -> str:
    """How a hop was found: one key of ``HOP_TABLE``."""
    entity = hop.entity
    if draft.rel is not None and draft.rel.found.cue_kind == "follow":
        return "continued_quote"  # a quote with no cue of its own goes on with the speaker before it
    if hop.evidence is Evidence.CONTEXT:
        return "context_relay" if entity.type in (SourceType.NEWS_AGENCY, SourceType.NEWS_OUTLET) else "context"
    if hop.evidence is Evidence.COREFERENCE:
        if hop.mention is None:
            return "continued_quote"  # a quote with no cue of its own goes on with the speaker before it
        written = text[hop.mention[0] : hop.mention[1]].lower().split()
        return "pronoun" if written and written[-1] in _PRONOUNS else "description"
    if entity.type is SourceType.ANONYMOUS:
        return "anonymous"
    if not entity.names:
        return "unnamed"  # named only by a common noun ("officials", "the company")
    return "named_repaired" if _repaired(draft) else "named"


def claim_basis(draft: ClaimDraft) -> str | None:
    """How a claim was found: one key of ``CLAIM_TABLE``; None for the publisher's own."""
    if draft.kind is ClaimKind.UNATTRIBUTED:
        return None
    if draft.kind is ClaimKind.INHERITED:
        return "inherited"
    cue_kind = draft.rel.found.cue_kind if draft.rel is not None else ""
    if cue_kind == "follow":
        return "continued_quote"
    if cue_kind == "label":
        return "label"
    if cue_kind == "belief":
        return "belief"
    if _repaired(draft):
        return "repaired"
    return draft.kind.value


def _repaired(draft: ClaimDraft) -> bool:
    """The cue was read through a parse that does not look like a reporting clause: the verb
    tagged as a noun or hung where a reporting verb is not ("statement" heading the clause)."""
    if draft.rel is None or draft.rel.found.cue_token is None:
        return False
    cue = draft.rel.found.cue_token
    return cue.pos_ not in ("VERB", "AUX") or cue.dep_ in _ODD_CUE_DEPS


def confidence_of(table: dict[str, float], basis: str | None) -> float | None:
    if basis is None:
        return None
    return round(min(1.0, max(0.0, table.get(basis, DEFAULT))), 2)


def score(claims: Sequence[Claim], drafts: Sequence[ClaimDraft], text: str) -> tuple[tuple[Claim, ...], dict[str, Any]]:
    """``claims`` with their confidence and their hops', and the bases they were read from
    (``{claim id: [claim basis, [hop basis, ...]]}``)."""
    out: list[Claim] = []
    bases: dict[str, Any] = {}
    for claim, draft in zip(claims, drafts, strict=True):
        basis = claim_basis(draft)
        hop_bases = [hop_basis(h, draft, text) for h in draft.chain]
        hops = tuple(
            replace(hop, confidence=confidence_of(HOP_TABLE, b)) for hop, b in zip(claim.chain, hop_bases, strict=True)
        )
        out.append(replace(claim, chain=hops, confidence=confidence_of(CLAIM_TABLE, basis)))
        bases[claim.id] = [basis, hop_bases]
    return tuple(out), bases
