"""Corrections: a reviewer puts a claim right where the engine read it wrong.

A fact-checker or an editor can change a hop's source, add a missing hop at any position, remove a
hop, move one up or down the chain, set its medium; change a claim's span or kind, mark it "not a
claim" (or restore it), and add a claim the engine missed. Each is one service here: keyword-only,
in one transaction with the claim row locked, refused with ``ReviewRefused`` when the rules do not
allow it, and recorded by ``review_event_record`` (who, when, before -> after: "hop 2: TASS ->
Interfax"). Every correction marks the claim corrected (``corrected_at`` / ``corrected_by``): from
then on the reviewer's reading is the claim, and re-analysis does not overwrite it.

The chain stays contiguous (position 0 is the origin) and ``depth`` is its length. A confirmation
(``HopReview``) belongs to one link: when the link is removed, its source changed, its medium
changed or it is moved, the confirmation is withdrawn (and that is recorded too); a link that only
shifts because another was inserted or removed before it keeps its confirmation. A verified claim
whose chain gains an unconfirmed link is reopened (needs primary source), as ``hop_reopen`` does.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import capfirst

from newsverify.review.models import Claim, ClaimKind, Evidence, Hop, HopReview, ReviewAction, ReviewStatus
from newsverify.review.services import ReviewRefused, review_event_record
from newsverify.review.source_citations import keeps_source_citations
from newsverify.sources.models import ArticleSource, Source, SourceType
from newsverify.sources.services import source_resolve

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from newsverify.articles.models import Article

# Positions are renumbered in two steps through this offset, so the unique (claim, position)
# constraints never see two rows on one position, whatever order the database checks them in.
_PARKED = 10_000
MAX_HOPS = 20


@dataclass(frozen=True)
class SourcePick:
    """The source a reviewer chose: one from the registry, or a new one named here (name and type)."""

    source: Source | None = None
    name: str = ""
    type: str = ""

    def __post_init__(self) -> None:
        if (self.source is None) == (not self.name.strip()):
            raise ReviewRefused("Choose a source from the registry, or name a new one (not both).")


def _source_from_pick(pick: SourcePick) -> Source:
    if pick.source is not None:
        return pick.source
    if pick.type not in SourceType.values:
        raise ReviewRefused(f"A new source needs a type: one of {', '.join(SourceType.values)}.")
    name = " ".join(pick.name.split())
    if len(name) > 300:
        raise ReviewRefused("A source's name is at most 300 characters.")
    return source_resolve(name=name, type=pick.type)


def _claim_lock(claim: Claim) -> Claim:
    # The claim row only (``of``): re-analysis locks the article first, and a lock taken on both rows
    # in one statement could cross it.
    return Claim.objects.select_for_update(of=("self",)).select_related("article").get(pk=claim.pk)


def _hops(claim: Claim) -> list[Hop]:
    return list(Hop.objects.filter(claim=claim).select_related("source").order_by("position"))


def _hop_at(claim: Claim, position: int) -> Hop:
    hop = Hop.objects.filter(claim=claim, position=position).select_related("source").first()
    if hop is None:
        raise ReviewRefused(f"The chain has no hop {position + 1}; reload it, it may have changed.")
    return hop


def hop_label(position: int) -> str:
    """'hop 1' for the origin: what reviewers read, one-based."""
    return f"hop {position + 1}"


def _mark_corrected(claim: Claim, by: AbstractBaseUser, **changes: object) -> None:
    now = timezone.now()
    Claim.objects.filter(pk=claim.pk).update(corrected_at=now, corrected_by=by, **changes)
    claim.corrected_at, claim.corrected_by = now, by
    for name, value in changes.items():
        setattr(claim, name, value)


def _withdraw(claim: Claim, by: AbstractBaseUser, hops: list[Hop], *, why: str) -> None:
    """Withdraw the confirmations of these hops (a correction changed or removed them), recorded."""
    positions = {hop.position: hop for hop in hops}
    for review in HopReview.objects.filter(claim=claim, position__in=list(positions)).select_related("source"):
        review.delete()
        hop = positions[review.position]
        review_event_record(
            claim=claim,
            actor=by,
            action=ReviewAction.HOP_WITHDRAWN,
            subject=f"{hop_label(hop.position)}: {review.source.name}",
            value_before="confirmed",
            value_after="open",
            note=why,
        )


def _renumber(claim: Claim, ordered: list[Hop], *, keep_reviews: dict[int, int]) -> None:
    """Store ``ordered`` as the chain 0..n-1 and its depth; ``keep_reviews`` maps old -> new positions
    of the confirmations that stay (any other confirmation must have been withdrawn already)."""
    Hop.objects.filter(claim=claim).update(position=F("position") + _PARKED)
    HopReview.objects.filter(claim=claim).update(position=F("position") + _PARKED)
    for position, hop in enumerate(ordered):
        Hop.objects.filter(pk=hop.pk).update(position=position)
        hop.position = position
    for old, new in keep_reviews.items():
        HopReview.objects.filter(claim=claim, position=old + _PARKED).update(position=new)


def _status_after(claim: Claim, *, adds_open_link: bool) -> str:
    """A verified chain that gains a link nobody has confirmed is no longer verified."""
    if adds_open_link and claim.review_status == ReviewStatus.VERIFIED:
        return ReviewStatus.NEEDS_PRIMARY_SOURCE
    return claim.review_status


def _medium_clean(medium: str) -> str:
    medium = " ".join(medium.split())
    if len(medium) > 200:
        raise ReviewRefused("A medium is at most 200 characters.")
    return medium


# The chain.


@transaction.atomic
@keeps_source_citations
def hop_add(
    *, claim: Claim, by: AbstractBaseUser, source: SourcePick, position: int | None = None, medium: str = ""
) -> Hop:
    """Insert the hop the engine missed at ``position`` (0 the new origin; None: last, next to the publisher)."""
    claim = _claim_lock(claim)
    hops = _hops(claim)
    if position is None:
        position = len(hops)
    if not 0 <= position <= len(hops):
        raise ReviewRefused(f"A new hop goes between 1 and {len(hops) + 1}.")
    if len(hops) >= MAX_HOPS:
        raise ReviewRefused(f"A chain has at most {MAX_HOPS} hops.")
    medium = _medium_clean(medium)
    chosen = _source_from_pick(source)
    # Park the chain, then create the new hop on its own position before renumbering the rest.
    keep = {hop.position: (hop.position if hop.position < position else hop.position + 1) for hop in hops}
    ordered = hops[:position] + [None] + hops[position:]  # type: ignore[list-item]
    Hop.objects.filter(claim=claim).update(position=F("position") + _PARKED)
    HopReview.objects.filter(claim=claim).update(position=F("position") + _PARKED)
    new = Hop.objects.create(claim=claim, position=position, source=chosen, evidence=Evidence.REVIEWER, medium=medium)
    for index, hop in enumerate(ordered):
        if hop is not None:
            Hop.objects.filter(pk=hop.pk).update(position=index)
    for old, new_position in keep.items():
        HopReview.objects.filter(claim=claim, position=old + _PARKED).update(position=new_position)
    _mark_corrected(claim, by, depth=len(hops) + 1)
    after = " → ".join(h.source.name if h is not None else chosen.name for h in ordered)
    review_event_record(
        claim=claim,
        actor=by,
        action=ReviewAction.HOP_ADDED,
        status_after=_status_after(claim, adds_open_link=True),
        subject=f"{hop_label(position)}: {chosen.name}" + (f" via {medium}" if medium else ""),
        value_before=" → ".join(h.source.name for h in hops) or "no chain",
        value_after=after,
    )
    return new


@transaction.atomic
@keeps_source_citations
def hop_remove(*, claim: Claim, by: AbstractBaseUser, position: int, note: str = "") -> None:
    """Drop a hop that is not part of how the claim reached the publisher; later hops close the gap."""
    claim = _claim_lock(claim)
    hops = _hops(claim)
    hop = _hop_at(claim, position)
    _withdraw(claim, by, [hop], why=f"{capfirst(hop_label(position))} was removed from the chain.")
    rest = [h for h in hops if h.pk != hop.pk]
    hop.delete()
    _renumber(claim, rest, keep_reviews={h.position: index for index, h in enumerate(rest)})
    _mark_corrected(claim, by, depth=len(rest))
    review_event_record(
        claim=claim,
        actor=by,
        action=ReviewAction.HOP_REMOVED,
        subject=f"{hop_label(position)}: {hop.source.name}",
        value_before=" → ".join(h.source.name for h in hops),
        value_after=" → ".join(h.source.name for h in rest) or "no chain",
        note=note.strip(),
    )


@transaction.atomic
@keeps_source_citations
def hop_move(*, claim: Claim, by: AbstractBaseUser, position: int, to: int) -> None:
    """Move a hop to another place in the chain (``to`` 0: it becomes the origin).

    The moved hop and the ones it passes now sit between other sources: their confirmations
    ("TASS had it from the ministry") no longer hold and are withdrawn.
    """
    claim = _claim_lock(claim)
    hops = _hops(claim)
    hop = _hop_at(claim, position)
    if not 0 <= to < len(hops):
        raise ReviewRefused(f"A hop of this chain moves to a place between 1 and {len(hops)}.")
    if to == position:
        raise ReviewRefused(f"{capfirst(hop_label(position))} is already there.")
    ordered = [h for h in hops if h.pk != hop.pk]
    ordered.insert(to, hop)
    low, high = min(position, to), max(position, to)
    moved = [h for h in hops if low <= h.position <= high]
    _withdraw(claim, by, moved, why=f"{capfirst(hop_label(position))} moved to {to + 1}: the chain around it changed.")
    keep = {h.position: index for index, h in enumerate(ordered) if not low <= h.position <= high}
    _renumber(claim, ordered, keep_reviews=keep)
    _mark_corrected(claim, by)
    review_event_record(
        claim=claim,
        actor=by,
        action=ReviewAction.HOP_MOVED,
        status_after=_status_after(claim, adds_open_link=True),
        subject=f"{hop.source.name}: {hop_label(position)} → {to + 1}",
        value_before=" → ".join(h.source.name for h in hops),
        value_after=" → ".join(h.source.name for h in ordered),
    )


@transaction.atomic
@keeps_source_citations
def hop_source_change(*, claim: Claim, by: AbstractBaseUser, position: int, source: SourcePick) -> Hop:
    """Name the right source for a hop ("hop 2: TASS -> Interfax"). Its confirmation is withdrawn.

    Where the text named the old source no longer says who this hop is, so the mention is cleared.
    """
    claim = _claim_lock(claim)
    hop = _hop_at(claim, position)
    chosen = _source_from_pick(source)
    if chosen.pk == hop.source_id:
        raise ReviewRefused(f"{capfirst(hop_label(position))} is already {chosen.name}.")
    before = hop.source.name
    _withdraw(claim, by, [hop], why=f"{capfirst(hop_label(position))} now names another source.")
    Hop.objects.filter(pk=hop.pk).update(
        source=chosen,
        article_source=None,
        evidence=Evidence.REVIEWER,
        mention_start=None,
        mention_end=None,
        mention_text="",
    )
    _mark_corrected(claim, by)
    review_event_record(
        claim=claim,
        actor=by,
        action=ReviewAction.HOP_SOURCE,
        status_after=_status_after(claim, adds_open_link=True),
        subject=hop_label(position),
        value_before=before,
        value_after=chosen.name,
    )
    hop.refresh_from_db()
    return hop


@transaction.atomic
def hop_medium_set(*, claim: Claim, by: AbstractBaseUser, position: int, medium: str) -> Hop:
    """How the hop passed the claim on ("report", "Telegram post"); empty clears it."""
    claim = _claim_lock(claim)
    hop = _hop_at(claim, position)
    medium = _medium_clean(medium)
    if medium == hop.medium:
        raise ReviewRefused(f"{capfirst(hop_label(position))} already has this medium.")
    _withdraw(claim, by, [hop], why=f"The medium of {hop_label(position)} changed.")
    Hop.objects.filter(pk=hop.pk).update(medium=medium)
    _mark_corrected(claim, by)
    review_event_record(
        claim=claim,
        actor=by,
        action=ReviewAction.HOP_MEDIUM,
        subject=f"{hop_label(position)}: {hop.source.name}",
        value_before=hop.medium or "none",
        value_after=medium or "none",
    )
    hop.medium = medium
    return hop


@transaction.atomic
def hop_correct(
    *,
    claim: Claim,
    by: AbstractBaseUser,
    position: int,
    source: SourcePick | None = None,
    medium: str | None = None,
    to: int | None = None,
) -> None:
    """Several corrections of one hop at once (its source, its medium, its place): all or none."""
    if source is None and medium is None and to is None:
        raise ReviewRefused("Say what to correct: the hop's source, its medium or its place.")
    if source is not None:
        hop_source_change(claim=claim, by=by, position=position, source=source)
    if medium is not None:
        hop_medium_set(claim=claim, by=by, position=position, medium=medium)
    if to is not None:
        hop_move(claim=claim, by=by, position=position, to=to)


# The claim.


def span_trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the white space around it; refused when it is outside the text or empty."""
    if not 0 <= start < end <= len(text):
        raise ReviewRefused(f"A span is within the article's text: 0 to {len(text)}, and not empty.")
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        raise ReviewRefused("The selected text is only white space.")
    return start, end


def span_of_quote(text: str, quote: str) -> tuple[int, int]:
    """Where ``quote`` stands in ``text``: for a reviewer without a pointer, who types the claim's words.

    Refused when the words are not there, or are there more than once (select the text instead).
    """
    quote = quote.strip()
    if not quote:
        raise ReviewRefused("Give the claim's text as it stands in the article.")
    start = text.find(quote)
    if start == -1:
        raise ReviewRefused("These words are not in the article: copy them exactly as they stand.")
    if text.find(quote, start + 1) != -1:
        raise ReviewRefused("These words stand more than once in the article: select the one you mean in the text.")
    return start, start + len(quote)


def _span_taken(article: Article, start: int, end: int, *, other_than: int | None = None) -> Claim | None:
    claims = Claim.objects.current().filter(article=article, span_start=start, span_end=end)
    return claims.exclude(pk=other_than).first() if other_than else claims.first()


@transaction.atomic
def claim_span_change(*, claim: Claim, by: AbstractBaseUser, start: int, end: int) -> Claim:
    """Set the claim's words to ``article.text[start:end]`` (trimmed of white space)."""
    claim = _claim_lock(claim)
    text = claim.article.text
    start, end = span_trim(text, start, end)
    if (start, end) == (claim.span_start, claim.span_end):
        raise ReviewRefused("The claim already has this span.")
    if (taken := _span_taken(claim.article, start, end, other_than=claim.pk)) is not None:
        raise ReviewRefused(f"These words are already another claim (#{taken.pk}).")
    before = claim.text
    _mark_corrected(claim, by, span_start=start, span_end=end, text=text[start:end])
    review_event_record(
        claim=claim,
        actor=by,
        action=ReviewAction.SPAN_CHANGED,
        subject="span",
        value_before=before,
        value_after=claim.text,
    )
    return claim


@transaction.atomic
def claim_kind_change(*, claim: Claim, by: AbstractBaseUser, kind: str) -> Claim:
    claim = _claim_lock(claim)
    if kind not in ClaimKind.values:
        raise ReviewRefused(f"A claim's kind is one of: {', '.join(ClaimKind.values)}.")
    if kind == claim.kind:
        raise ReviewRefused(f"The claim is already {ClaimKind(kind).label.lower()}.")
    before = claim.get_kind_display()
    _mark_corrected(claim, by, kind=kind)
    review_event_record(
        claim=claim,
        actor=by,
        action=ReviewAction.KIND_CHANGED,
        subject="kind",
        value_before=before,
        value_after=ClaimKind(kind).label,
    )
    return claim


@transaction.atomic
@keeps_source_citations
def claim_not_a_claim(*, claim: Claim, by: AbstractBaseUser, not_a_claim: bool = True, note: str = "") -> Claim:
    """Mark the engine's find as not a claim (kept with its history, left out of the article's highlights,
    the queue and the exports), or restore it."""
    claim = _claim_lock(claim)
    if claim.not_a_claim == not_a_claim:
        raise ReviewRefused("The claim is already marked not a claim." if not_a_claim else "The claim is shown.")
    note = note.strip()
    if not_a_claim and not note:
        raise ReviewRefused("Say why this is not a claim.")
    if not not_a_claim and (taken := _span_taken(claim.article, claim.span_start, claim.span_end)) is not None:
        raise ReviewRefused(f"These words are another claim now (#{taken.pk}); correct that one instead.")
    # "Not a claim" is a retirement by a reviewer: every list that shows the current reading leaves
    # it out, and re-analysis keeps it retired (the corrected mark says the reading is the reviewer's).
    _mark_corrected(
        claim, by, not_a_claim=not_a_claim, retired_at=timezone.now() if not_a_claim else None, superseded_by=None
    )
    review_event_record(
        claim=claim,
        actor=by,
        action=ReviewAction.NOT_A_CLAIM if not_a_claim else ReviewAction.CLAIM_RESTORED,
        subject="claim",
        value_before="not a claim" if not not_a_claim else "claim",
        value_after="not a claim" if not_a_claim else "claim",
        note=note,
    )
    return claim


@transaction.atomic
def claim_correct(
    *,
    claim: Claim,
    by: AbstractBaseUser,
    span: tuple[int, int] | None = None,
    kind: str | None = None,
    not_a_claim: bool | None = None,
    note: str = "",
) -> Claim:
    """Several corrections of the claim itself at once (span, kind, shown or not): all or none."""
    if span is None and kind is None and not_a_claim is None:
        raise ReviewRefused("Say what to correct: the span, the kind, or whether it is a claim.")
    if span is not None:
        claim = claim_span_change(claim=claim, by=by, start=span[0], end=span[1])
    if kind is not None:
        claim = claim_kind_change(claim=claim, by=by, kind=kind)
    if not_a_claim is not None:
        claim = claim_not_a_claim(claim=claim, by=by, not_a_claim=not_a_claim, note=note)
    return claim


@dataclass(frozen=True)
class HopPlan:
    """One link of a new claim's chain, origin first."""

    source: SourcePick
    medium: str = ""


@transaction.atomic
@keeps_source_citations
def claim_add(
    *,
    article: Article,
    by: AbstractBaseUser,
    start: int,
    end: int,
    kind: str,
    chain: list[HopPlan] | tuple[HopPlan, ...] = (),
) -> Claim:
    """A claim the engine missed: its words in the article, its kind and its chain (origin first).

    Own reporting has no chain; every other kind names at least its origin.
    """
    # Locked so a re-analysis cannot store its reading between this check and the insert; through
    # the instance's own class, since review sits below articles in the import order.
    article = type(article)._default_manager.select_for_update().get(pk=article.pk)
    if article.is_pending:
        raise ReviewRefused("The article is being analysed; add the claim once the analysis is done.")
    start, end = span_trim(article.text, start, end)
    if kind not in ClaimKind.values:
        raise ReviewRefused(f"A claim's kind is one of: {', '.join(ClaimKind.values)}.")
    if kind == ClaimKind.UNATTRIBUTED and chain:
        raise ReviewRefused("Own reporting has no chain: choose another kind, or leave out the sources.")
    if kind != ClaimKind.UNATTRIBUTED and not chain:
        raise ReviewRefused("Name the claim's source (its origin): who said it?")
    if len(chain) > MAX_HOPS:
        raise ReviewRefused(f"A chain has at most {MAX_HOPS} hops.")
    if (taken := _span_taken(article, start, end)) is not None:
        raise ReviewRefused(f"These words are already a claim (#{taken.pk}); correct that one instead.")
    mediums = [_medium_clean(plan.medium) for plan in chain]
    sources = [_source_from_pick(plan.source) for plan in chain]
    now = timezone.now()
    claim = Claim.objects.create(
        article=article,
        # Not an engine id ("c12"), so re-analysis never takes this claim for one of its own.
        engine_key=f"r-{uuid.uuid4().hex[:16]}",
        span_start=start,
        span_end=end,
        text=article.text[start:end],
        kind=kind,
        depth=len(sources),
        corrected_at=now,
        corrected_by=by,
    )
    Hop.objects.bulk_create(
        Hop(claim=claim, position=position, source=source, evidence=Evidence.REVIEWER, medium=medium)
        for position, (source, medium) in enumerate(zip(sources, mediums, strict=True))
    )
    review_event_record(
        claim=claim,
        actor=by,
        action=ReviewAction.CLAIM_ADDED,
        subject=f"claim: {ClaimKind(kind).label.lower()}",
        value_before="not found by the engine",
        value_after=" → ".join(source.name for source in sources) or "own reporting",
    )
    return claim


# The engine's reading of a corrected claim (``Claim.engine_suggestion``, kept by re-analysis).


def _reading_label(text: str, kind: str, sources: list[str]) -> str:
    """'“three drones were intercepted” (According to): Defence Ministry → TASS', for the audit log."""
    label = ClaimKind(kind).label if kind in ClaimKind.values else kind
    return f"“{text[:160]}” ({label}): " + (" → ".join(sources) or "own reporting")


def _open_suggestion(claim: Claim) -> dict:  # type: ignore[type-arg]
    suggestion = claim.engine_suggestion
    if not suggestion or suggestion.get("dismissed"):
        raise ReviewRefused("The engine suggests no other reading of this claim; reload it, it may have changed.")
    return suggestion


def _suggested_source(entry: dict) -> Source:  # type: ignore[type-arg]
    """The registry source of one hop of the engine's reading (the survivor, if it was merged since)."""
    source = Source.objects.filter(pk=entry.get("source_id")).first()
    seen: set[int] = set()
    while source is not None and source.merged_into_id is not None and source.pk not in seen:
        seen.add(source.pk)
        source = source.merged_into
    if source is None:
        raise ReviewRefused(f"The engine's source {entry.get('source', '?')!r} is no longer in the registry.")
    return source


@transaction.atomic
@keeps_source_citations
def engine_suggestion_accept(*, claim: Claim, by: AbstractBaseUser, note: str = "") -> Claim:
    """The reviewer takes the engine's reading of a corrected claim: its span, kind and chain become
    the claim's (still a reviewer's reading: re-analysis keeps it). When the engine reads no claim
    there, the claim is marked not a claim; a claim marked not a claim comes back with the engine's reading.

    A confirmation stays with a position whose source is the same, as in a re-analysis; the others
    are withdrawn (recorded), and a verified chain that gains an open link is reopened.
    """
    claim = _claim_lock(claim)
    suggestion = _open_suggestion(claim)
    hops = _hops(claim)
    before = _reading_label(claim.text, claim.kind, [hop.source.name for hop in hops])
    version = suggestion.get("engine_version") or "?"
    if suggestion.get("absent"):
        if claim.not_a_claim:
            raise ReviewRefused("The claim is already marked not a claim.")
        _mark_corrected(
            claim, by, not_a_claim=True, retired_at=timezone.now(), superseded_by=None, engine_suggestion=None
        )
        review_event_record(
            claim=claim,
            actor=by,
            action=ReviewAction.SUGGESTION_ACCEPTED,
            subject=f"engine {version}: no claim here",
            value_before=before,
            value_after="not a claim",
            note=note.strip(),
        )
        return claim

    text = claim.article.text
    start, end = span_trim(text, suggestion["span_start"], suggestion["span_end"])
    if (taken := _span_taken(claim.article, start, end, other_than=claim.pk)) is not None:
        raise ReviewRefused(f"These words are another claim now (#{taken.pk}); correct that one instead.")
    kind = suggestion.get("kind", "")
    if kind not in ClaimKind.values:
        raise ReviewRefused(f"The engine's kind {kind!r} is not a kind of claim.")
    chain = sorted(suggestion.get("chain") or [], key=lambda entry: entry.get("position", 0))
    sources = [_suggested_source(entry) for entry in chain]
    by_position = {hop.position: hop for hop in hops}
    kept = {
        position
        for position, source in enumerate(sources)
        if position in by_position and by_position[position].source_id == source.pk
    }
    _withdraw(claim, by, [hop for hop in hops if hop.position not in kept], why="The engine's reading was accepted.")
    mentions = {
        (row.source_id, row.name): row
        for row in ArticleSource.objects.filter(article_id=claim.article_id, source_id__in=[s.pk for s in sources])
    }
    Hop.objects.filter(claim=claim).delete()
    new_hops = Hop.objects.bulk_create(
        Hop(
            claim=claim,
            position=position,
            source=source,
            article_source=mentions.get((source.pk, entry.get("source", ""))),
            evidence=entry.get("evidence") if entry.get("evidence") in Evidence.values else Evidence.CONTEXT,
            medium=(entry.get("medium") or "")[:200],
            mention_start=entry.get("mention_start"),
            mention_end=entry.get("mention_end"),
            mention_text=(entry.get("mention_text") or "")[:300],
        )
        for position, (source, entry) in enumerate(zip(sources, chain, strict=True))
    )
    for hop in new_hops:
        if hop.position in kept:
            HopReview.objects.filter(claim=claim, position=hop.position).update(hop=hop)
    changes: dict[str, object] = {
        "span_start": start,
        "span_end": end,
        "text": text[start:end],
        "kind": kind,
        "depth": len(sources),
        "engine_suggestion": None,
    }
    if claim.not_a_claim:
        changes |= {"not_a_claim": False, "retired_at": None, "superseded_by": None}
    _mark_corrected(claim, by, **changes)
    review_event_record(
        claim=claim,
        actor=by,
        action=ReviewAction.SUGGESTION_ACCEPTED,
        status_after=_status_after(claim, adds_open_link=len(kept) < len(sources)),
        subject=f"engine {version}",
        value_before=before,
        value_after=_reading_label(claim.text, kind, [source.name for source in sources]),
        note=note.strip(),
    )
    return claim


@transaction.atomic
def engine_suggestion_dismiss(*, claim: Claim, by: AbstractBaseUser, note: str = "") -> Claim:
    """The reviewer keeps their reading: the engine's is kept as dismissed, and a re-analysis that
    reads the same does not offer it again (``articles.analysis_store``)."""
    claim = _claim_lock(claim)
    suggestion = _open_suggestion(claim)
    if suggestion.get("absent"):
        engine = "no claim here"
    else:
        engine = _reading_label(
            suggestion.get("text", ""),
            suggestion.get("kind", ""),
            [e.get("source", "?") for e in suggestion.get("chain") or []],
        )
    Claim.objects.filter(pk=claim.pk).update(engine_suggestion={**suggestion, "dismissed": True})
    claim.engine_suggestion = {**suggestion, "dismissed": True}
    review_event_record(
        claim=claim,
        actor=by,
        action=ReviewAction.SUGGESTION_DISMISSED,
        subject=f"engine {suggestion.get('engine_version') or '?'}",
        value_before=engine,
        value_after=_reading_label(claim.text, claim.kind, [hop.source.name for hop in _hops(claim)]),
        note=note.strip(),
    )
    return claim
