"""Storing the engine's report: the mapping from a ``ChainReport`` to rows, and claim identity.

A claim keeps its row (its id, URL, verdict, flags, comments, events and assignee) across
re-analysis and across engine versions. The new reading is matched to the article's claims
one-to-one, best pair first (``claims_match``). A pair qualifies by one of two rules:

1. **same span**: the same start and end in the text (whatever the engine now says about it);
2. **overlapping span, same origin, similar content**: the spans overlap by at least
   ``MIN_OVERLAP`` of their union, and both chains start at the same source (the same registry
   source, or the same normalised name), or neither has a chain (own reporting). For a corrected
   claim the origin is not compared: it is the reviewer's, and may be exactly what they put right.

Pairs are taken best first: rule 1 before rule 2, a current claim before a retired one, then the
larger overlap, then the nearer start, then the older claim; each claim is in one pair at most.

- A matched claim is updated in place from the new reading; its hops are rewritten position by
  position, and a hop confirmation (``HopReview``) stays while the hop at its position has the
  same source (otherwise the link it confirmed is gone, and so is the confirmation; its event stays).
  A retired claim that is matched again comes back.
- A claim of the new reading with no match is a new row.
- A claim the new reading no longer has is **retired**, never deleted: ``retired_at`` is set and
  ``superseded_by`` names the current claim that overlaps it most (null if none). Its hops and its
  review record stay, so its URL and exports keep working.
- A **corrected** claim (``corrected_at``) is the reviewer's: analysis never changes its span,
  kind, text, depth or hops, and never retires it. When the engine's reading of that place differs
  (or the engine reads no claim there), the reading is kept in ``engine_suggestion``. A corrected
  claim that is also retired (a reviewer's "not a claim") stays retired, and still absorbs the
  engine's reading of its place, so the engine's claim does not come back as a new row. Of a
  corrected claim's hops, only ``article_source`` (the per-article mention) is re-pointed, to this
  analysis's mention of the same name, or to none.

Everything happens in one transaction with the article row locked, so running twice (or two
workers racing on a redelivered message) leaves the same rows with the same ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import CharField, Prefetch, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from newsverify.articles.models import Article, ArticleStatus
from newsverify.review.models import (
    Attribution,
    Claim,
    ClaimKind,
    Discrepancy,
    DiscrepancyClaim,
    Hop,
    HopReview,
)
from newsverify.review.source_citations import article_citations, source_citations_shift
from newsverify.sources.models import ArticleSource, SourceType
from newsverify.sources.names import identifies_a_source, normalise
from newsverify.sources.services import source_resolve

if TYPE_CHECKING:
    from newsverify.attribution import ChainReport, Span
    from newsverify.attribution import Claim as EngineClaim

# Rule 2: the share of the two spans' union that they must have in common.
MIN_OVERLAP = 0.5


@dataclass(frozen=True)
class Reading:
    """One claim as matching sees it: where it is in the text and whom its chain starts from.

    ``origin`` holds the keys that identify the first hop's source ("id:12", "name:tass"); empty
    for own reporting. ``retired`` claims are matched after current ones; a ``corrected`` claim's
    origin is the reviewer's, so it is not compared.
    """

    key: Any
    start: int
    end: int
    origin: frozenset[str] = frozenset()
    retired: bool = False
    corrected: bool = False


def span_overlap(a: Reading, b: Reading) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def content_overlap(a: Reading, b: Reading) -> float:
    """The share of the two spans' union that both cover: 1.0 for the same span, 0.0 for disjoint ones."""
    union = max(a.end, b.end) - min(a.start, b.start)
    if union <= 0:
        return 1.0 if (a.start, a.end) == (b.start, b.end) else 0.0
    return span_overlap(a, b) / union


def same_origin(a: Reading, b: Reading) -> bool:
    if not a.origin and not b.origin:
        return True
    return bool(a.origin & b.origin)


def claims_match(old: Sequence[Reading], new: Sequence[Reading]) -> dict[Any, Any]:
    """Pair each new reading with at most one old claim, best pair first: ``{new.key: old.key}``."""
    candidates = []
    for old_index, before in enumerate(old):
        for new_index, after in enumerate(new):
            overlap = content_overlap(before, after)
            if (before.start, before.end) == (after.start, after.end):
                rule = 1
            elif (
                span_overlap(before, after) > 0
                and overlap >= MIN_OVERLAP
                and (before.corrected or same_origin(before, after))
            ):
                rule = 2
            else:
                continue
            rank = (rule, before.retired, -overlap, abs(before.start - after.start), old_index, new_index)
            candidates.append((rank, before.key, after.key))
    pairs: dict[Any, Any] = {}
    taken: set[Any] = set()
    for _, old_key, new_key in sorted(candidates, key=lambda candidate: candidate[0]):
        if new_key in pairs or old_key in taken:
            continue
        pairs[new_key] = old_key
        taken.add(old_key)
    return pairs


def best_overlap(reading: Reading, others: Iterable[Reading]) -> Any | None:
    """The key of the reading among ``others`` that shares most characters with ``reading``; None if none."""
    best = max(
        (other for other in others if span_overlap(reading, other) > 0),
        key=lambda other: (span_overlap(reading, other), -abs(other.start - reading.start)),
        default=None,
    )
    return best.key if best is not None else None


def _span(value: Span | None, text_length: int) -> tuple[int | None, int | None, str]:
    """A span's columns, or empty columns when the span is missing or outside the text."""
    if value is None or not (0 <= value.start <= value.end <= text_length):
        return None, None, ""
    return value.start, value.end, value.text[:300]


def _origin_keys(source_id: int | None, name: str) -> frozenset[str]:
    keys = set()
    if source_id is not None:
        keys.add(f"id:{source_id}")
    if key := normalise(name):
        keys.add(f"name:{key}")
    return frozenset(keys)


def _claim_reading(claim: Claim) -> Reading:
    hops = sorted(claim.hops.all(), key=lambda hop: hop.position)
    origin: frozenset[str] = frozenset()
    if hops:
        first = hops[0]
        origin = _origin_keys(first.source_id, first.article_source.name if first.article_source else first.source.name)
    return Reading(
        key=claim.pk,
        start=claim.span_start,
        end=claim.span_end,
        origin=origin,
        retired=claim.retired_at is not None and claim.corrected_at is None,
        corrected=claim.corrected_at is not None,
    )


@dataclass(frozen=True)
class _EngineHop:
    position: int
    article_source: ArticleSource
    evidence: str
    medium: str
    mention: tuple[int | None, int | None, str]
    confidence: float | None = None


def _engine_hops(found: EngineClaim, article_sources: dict[str, ArticleSource], text_length: int) -> list[_EngineHop]:
    hops = []
    for position, hop in enumerate(found.chain):
        article_source = article_sources.get(hop.source)
        if article_source is None:
            continue
        hops.append(
            _EngineHop(
                position=position,
                article_source=article_source,
                evidence=hop.evidence.value,
                medium=(hop.medium or "")[:200],
                mention=_span(hop.mention, text_length),
                confidence=hop.confidence,
            )
        )
    return hops


def _engine_reading(found: EngineClaim, hops: list[_EngineHop]) -> Reading:
    origin: frozenset[str] = frozenset()
    if hops:
        origin = _origin_keys(hops[0].article_source.source_id, hops[0].article_source.name)
    return Reading(key=found.id, start=found.start, end=found.end, origin=origin)


def _claim_fields(found: EngineClaim, text_length: int) -> dict[str, Any]:
    cue_start, cue_end, cue_text = _span(found.cue, text_length)
    return {
        "engine_key": found.id,
        "span_start": found.start,
        "span_end": found.end,
        "text": found.text,
        "kind": found.kind.value if found.kind.value in ClaimKind.values else ClaimKind.INDIRECT,
        "depth": found.depth,
        "cue_start": cue_start,
        "cue_end": cue_end,
        "cue_text": cue_text,
        "confidence": found.confidence,
    }


@transaction.atomic
def analysis_store(*, article_id: int, report: ChainReport) -> Article:
    """Store ``report`` as the article's current reading, keeping each claim's identity (see the module)."""
    article = Article.objects.select_for_update().get(pk=article_id)
    cited_before = article_citations(article.pk)  # for the source list's order (review.source_citations)
    text_length = len(article.text)
    old_claims = {
        claim.pk: claim
        for claim in article.claims.prefetch_related(
            Prefetch("hops", queryset=Hop.objects.select_related("source", "article_source")), "hop_reviews"
        ).order_by("pk")
    }
    old_article_sources = list(ArticleSource.objects.filter(article=article).select_related("source"))
    # Free the engine keys ("c1", "s1", ...) for the new reading; every row the reading keeps gets its key back.
    article.claims.update(engine_key=Concat(Value("old-"), Cast("id", output_field=CharField())))
    ArticleSource.objects.filter(article=article).update(
        engine_key=Concat(Value("old-"), Cast("id", output_field=CharField()))
    )
    Discrepancy.objects.filter(article=article).delete()
    Attribution.objects.filter(article=article).delete()

    article_sources = _store_sources(article, report, previous=old_article_sources)
    found_claims = [found for found in report.claims if 0 <= found.start <= found.end <= text_length]
    engine_hops = {found.id: _engine_hops(found, article_sources, text_length) for found in found_claims}
    pairs = claims_match(
        [_claim_reading(claim) for claim in old_claims.values()],
        [_engine_reading(found, engine_hops[found.id]) for found in found_claims],
    )

    now = timezone.now()
    stored: dict[str, Claim] = {}
    for found in found_claims:
        fields = _claim_fields(found, text_length)
        claim = old_claims.get(pairs.get(found.id))
        if claim is None:
            claim = Claim.objects.create(article=article, **fields)
            _hops_write(claim, engine_hops[found.id], reviews=[])
        elif claim.corrected_at is not None:
            suggestion = _suggestion(claim, fields, engine_hops[found.id], report=report)
            Claim.objects.filter(pk=claim.pk).update(engine_key=found.id, engine_suggestion=suggestion)
        else:
            changes = {**fields, "retired_at": None, "superseded_by": None, "engine_suggestion": None}
            Claim.objects.filter(pk=claim.pk).update(**changes)
            for name, value in changes.items():
                setattr(claim, name, value)
            _hops_write(claim, engine_hops[found.id], reviews=list(claim.hop_reviews.all()))
        stored[found.id] = claim

    kept = {claim.pk for claim in stored.values()}
    for claim in old_claims.values():
        if claim.pk in kept:
            continue
        if claim.corrected_at is not None:
            absent = None if claim.retired_at else {"engine_version": report.engine_version[:50], "absent": True}
            Claim.objects.filter(pk=claim.pk).update(engine_suggestion=absent)
        elif claim.retired_at is None:
            Claim.objects.filter(pk=claim.pk).update(retired_at=now)
    _supersessions_update(article)
    _hops_relink(article, old_article_sources, article_sources)
    ArticleSource.objects.filter(pk__in=[row.pk for row in old_article_sources]).delete()
    _store_attributions(article, report, article_sources)
    # A reviewer's "not a claim" (corrected and retired) absorbs the engine's claim but joins no discrepancy.
    _store_discrepancies(article, report, {key: claim for key, claim in stored.items() if claim.retired_at is None})

    source_citations_shift(cited_before, article_citations(article.pk))
    Article.objects.filter(pk=article.pk).update(
        status=ArticleStatus.DONE,
        failure_reason="",
        engine_version=report.engine_version[:50],
        engine_model=report.model[:100],
        analysed_at=now,
        updated_at=now,
    )
    article.refresh_from_db()
    return article


def _store_sources(article: Article, report: ChainReport, *, previous: list[ArticleSource]) -> dict[str, ArticleSource]:
    """The report's sources as registry rows plus this article's mentions, by engine source id.

    An anonymous source, or one named by a description ("the mayor"), never joins across articles;
    but within one article it is the same source from one analysis to the next, so its hops and
    their confirmations keep pointing at it. (Proper names find their registry row by alias.)
    """
    known_here = {(normalise(row.name), row.type): row.source for row in previous}
    article_sources: dict[str, ArticleSource] = {}
    for source in report.sources:
        type = source.type.value if source.type.value in SourceType.values else SourceType.OTHER
        registry = None
        if type == SourceType.ANONYMOUS or not identifies_a_source(source.name):
            registry = known_here.get((normalise(source.name), type))
        if registry is None:
            registry = source_resolve(name=source.name, type=source.type.value, aliases=source.aliases)
        article_sources[source.id] = ArticleSource.objects.create(
            article=article,
            source=registry,
            engine_key=source.id,
            name=source.name[:300],
            type=type,
            aliases=list(source.aliases),
        )
    return article_sources


def _hops_write(claim: Claim, hops: list[_EngineHop], *, reviews: list[HopReview]) -> None:
    """Rewrite the claim's chain position by position (hop rows keep their ids where a position stays).

    A confirmation stays with its position while the hop there has the source it confirmed.
    """
    existing = {hop.position: hop for hop in claim.hops.all()}
    wanted = {hop.position for hop in hops}
    Hop.objects.filter(claim=claim).exclude(position__in=wanted).delete()
    rows: dict[int, Hop] = {}
    for hop in hops:
        mention_start, mention_end, mention_text = hop.mention
        values = {
            "source_id": hop.article_source.source_id,
            "article_source": hop.article_source,
            "evidence": hop.evidence,
            "medium": hop.medium,
            "mention_start": mention_start,
            "mention_end": mention_end,
            "mention_text": mention_text,
            "confidence": hop.confidence,
        }
        if hop.position in existing:
            Hop.objects.filter(pk=existing[hop.position].pk).update(**values)
            rows[hop.position] = existing[hop.position]
        else:
            rows[hop.position] = Hop.objects.create(claim=claim, position=hop.position, **values)
    for review in reviews:
        row = rows.get(review.position)
        if row is not None and hops_source(hops, review.position) == review.source_id:
            if review.hop_id != row.pk:
                HopReview.objects.filter(pk=review.pk).update(hop=row)
        else:
            HopReview.objects.filter(pk=review.pk).delete()


def hops_source(hops: list[_EngineHop], position: int) -> int | None:
    return next((hop.article_source.source_id for hop in hops if hop.position == position), None)


def _suggestion(claim: Claim, fields: dict[str, Any], hops: list[_EngineHop], *, report: ChainReport) -> dict | None:
    """The engine's reading of a corrected claim's place, when it differs from the reviewer's; else None."""
    chain = [
        {
            "position": hop.position,
            "source_id": hop.article_source.source_id,
            "source": hop.article_source.name,
            "type": hop.article_source.type,
            "evidence": hop.evidence,
            "medium": hop.medium,
            "mention_start": hop.mention[0],
            "mention_end": hop.mention[1],
            "mention_text": hop.mention[2],
        }
        for hop in hops
    ]
    reviewer_chain = [(hop.position, hop.source_id) for hop in sorted(claim.hops.all(), key=lambda hop: hop.position)]
    same = (
        (claim.span_start, claim.span_end, claim.kind) == (fields["span_start"], fields["span_end"], fields["kind"])
        and reviewer_chain == [(hop["position"], hop["source_id"]) for hop in chain]
        and claim.retired_at is None
    )
    if same:
        return None
    return {
        "engine_version": report.engine_version[:50],
        "kind": fields["kind"],
        "span_start": fields["span_start"],
        "span_end": fields["span_end"],
        "text": fields["text"],
        "depth": fields["depth"],
        "chain": chain,
    }


def _supersessions_update(article: Article) -> None:
    """Point every retired claim at the current claim that overlaps it most (or at none).

    Recomputed for all of them, so a claim retired two analyses ago leads to today's reading, not
    to a claim that has been retired since. A retired claim that was corrected (a reviewer's "not a
    claim") keeps what the reviewer set.
    """
    claims = list(article.claims.only("pk", "span_start", "span_end", "retired_at", "corrected_at", "superseded_by"))
    current = [Reading(claim.pk, claim.span_start, claim.span_end) for claim in claims if claim.retired_at is None]
    for claim in claims:
        if claim.retired_at is None or claim.corrected_at is not None:
            continue
        successor = best_overlap(Reading(claim.pk, claim.span_start, claim.span_end), current)
        if successor != claim.superseded_by_id:
            Claim.objects.filter(pk=claim.pk).update(superseded_by=successor)


def _hops_relink(article: Article, previous: list[ArticleSource], current: dict[str, ArticleSource]) -> None:
    """Hops the new reading did not write (corrected and retired claims') move off the old mentions.

    Each goes to this analysis's mention of the same name and type, or to none; the registry source
    stays. Without this, removing the old mentions would take those hops with them.
    """
    by_name = {(normalise(row.name), row.type): row for row in current.values()}
    for row in previous:
        replacement = by_name.get((normalise(row.name), row.type))
        Hop.objects.filter(claim__article=article, article_source=row).update(article_source=replacement)


def _store_attributions(article: Article, report: ChainReport, article_sources: dict[str, ArticleSource]) -> None:
    text_length = len(article.text)
    stored: dict[str, Attribution] = {}
    for relation in report.attributions:
        content_start, content_end, _ = _span(relation.content, text_length)
        if content_start is None:
            continue
        cue_start, cue_end, _ = _span(relation.cue, text_length)
        source_start, source_end, source_text = _span(relation.source, text_length)
        mention = relation.source
        article_source = article_sources.get(mention.source_id or "") if mention else None
        stored[relation.id] = Attribution.objects.create(
            article=article,
            engine_key=relation.id,
            content_start=content_start,
            content_end=content_end,
            cue_start=cue_start,
            cue_end=cue_end,
            source_start=source_start,
            source_end=source_end,
            source_text=source_text,
            source_id=article_source.source_id if article_source else None,
        )
    for relation in report.attributions:
        if relation.id in stored and relation.parent in stored:
            Attribution.objects.filter(pk=stored[relation.id].pk).update(parent=stored[relation.parent])


def _store_discrepancies(article: Article, report: ChainReport, claims: dict[str, Claim]) -> None:
    for group in report.discrepancies:
        members = [(position, key) for position, key in enumerate(group.claims) if key in claims]
        if len(members) < 2:
            continue
        # Values line up with claims when the engine gives one per claim; otherwise keep none.
        values = list(group.values) if len(group.values) == len(group.claims) else []
        discrepancy = Discrepancy.objects.create(article=article, engine_key=group.id, about=group.about[:300])
        DiscrepancyClaim.objects.bulk_create(
            DiscrepancyClaim(
                discrepancy=discrepancy,
                claim=claims[key],
                position=position,
                value=values[position][:100] if values else "",
            )
            for position, key in members
        )
