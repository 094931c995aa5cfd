"""Reads for the source registry's pages: sources with the claims that cite them and their review."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet

from newsverify.review.models import Claim, Hop, ReviewStatus
from newsverify.review.selectors import hops_in_order
from newsverify.sources.models import Source, SourceAlias, SourceMerge, SourceType
from newsverify.sources.names import identifies_a_source, is_generic, normalise
from newsverify.sources.selectors import source_stays_per_article
from newsverify.sources.similarity import best_matches


def sources_search(*, q: str = "", type: str = "") -> QuerySet[Source]:
    """Registry sources with how often each is cited, as origin and as relay, most cited first.

    The order and the counts come from the kept counts (``review.source_citations``) and their
    index: a page reads fifty source rows and no hops.
    """
    sources = Source.objects.filter(merged_into__isnull=True).annotate(
        claims_total=F("claims_cited"),
        origin_total=F("origin_cited"),
        relay_total=F("relay_cited"),
        verified_total=F("verified_cited"),
    )
    if q := q.strip():
        alias = SourceAlias.objects.filter(source=OuterRef("pk"), name__icontains=q)
        sources = sources.filter(Q(name__icontains=q) | Exists(alias))
    if type:
        sources = sources.filter(type=type)
    return sources.order_by("-claims_cited", "name", "pk")


@dataclass(frozen=True)
class Citation:
    """One claim that cites the source: as origin or relay, and through whom it reached the publisher."""

    claim: Claim
    position: int
    heard_from: list[str]  # the sources before it in the chain, origin first
    through: list[str]  # the relays after it, ending with the publisher

    @property
    def is_origin(self) -> bool:
        return self.position == 0


@dataclass(frozen=True)
class SourceRecord:
    origin_total: int
    relay_total: int
    status_counts: list[tuple[str, str, int]]

    @property
    def claims_total(self) -> int:
        return sum(count for _, _, count in self.status_counts)

    @property
    def reviewed_total(self) -> int:
        return sum(count for value, _, count in self.status_counts if value != ReviewStatus.UNREVIEWED)


def source_record(source: Source) -> SourceRecord:
    """How often ``source`` is the origin and a relay, and the review status of the claims citing it."""
    counts = Hop.objects.filter(source=source, claim__retired_at__isnull=True).aggregate(
        origin=Count("pk", filter=Q(position=0)), relay=Count("pk", filter=Q(position__gt=0))
    )
    by_status = dict(
        Claim.objects.current()
        .filter(Exists(Hop.objects.filter(claim=OuterRef("pk"), source=source)))
        .values_list("review_status")
        .annotate(n=Count("pk"))
    )
    return SourceRecord(
        origin_total=counts["origin"],
        relay_total=counts["relay"],
        status_counts=[(value, label, by_status.get(value, 0)) for value, label in ReviewStatus.choices],
    )


def source_citing_hops(source: Source) -> QuerySet[Hop]:
    """The hops naming ``source``, one per claim citing it (twice if a chain names it twice), newest first."""
    return (
        Hop.objects.filter(source=source, claim__retired_at__isnull=True)
        .select_related("claim__article")
        .prefetch_related(Prefetch("claim__hops", queryset=hops_in_order("source")))
        .order_by("-claim__article__created_at", "claim__article_id", "claim__span_start", "position", "pk")
    )


def citations_from_hops(hops: Iterable[Hop]) -> list[Citation]:
    """Each hop as a citation: whom the source heard the claim from, and who passed it on."""
    citations = []
    for hop in hops:
        chain = list(hop.claim.hops.all())
        citations.append(
            Citation(
                claim=hop.claim,
                position=hop.position,
                heard_from=[earlier.source.name for earlier in chain if earlier.position < hop.position],
                through=[
                    *(later.source.name for later in chain if later.position > hop.position),
                    hop.claim.article.publisher_label,
                ],
            )
        )
    return citations


@dataclass(frozen=True)
class MergeCandidate:
    """A registry source that may be the same entity, and why it is offered."""

    source: Source
    score: int
    why: str
    names: tuple[str, str]  # (this source's name or alias, the candidate's) that matched


def source_merge_candidates(source: Source, *, limit: int = 8) -> list[MergeCandidate]:
    """Sources of the same type whose name or an alias matches one of ``source``'s, best first.

    Never for or of an anonymous or generic source, nor a merged-away one. Compares against every
    live source of the type, which rapidfuzz does quickly for registries of tens of thousands.
    """
    if source.is_merged or source_stays_per_article(source):
        return []
    own = list(dict.fromkeys([source.name, *source.aliases.values_list("name", flat=True)]))
    live = Source.objects.filter(type=source.type, merged_into__isnull=True).exclude(pk=source.pk)
    rows = list(live.values_list("pk", "name"))
    generic = {pk for pk, name in rows if is_generic(name)}
    rows += SourceAlias.objects.filter(source__in=live).values_list("source_id", "name")
    rows = [(pk, name) for pk, name in rows if pk not in generic]
    best: dict[int, tuple[int, str, tuple[str, str]]] = {}
    for index, (match, mine) in best_matches(own, [name for _, name in rows]).items():
        pk, theirs = rows[index]
        if match.score > best.get(pk, (0,))[0]:
            best[pk] = (match.score, match.why, (mine, theirs))
    if not best:
        return []
    found = Source.objects.in_bulk(list(best))
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], found[item[0]].name.casefold(), item[0]))
    return [MergeCandidate(found[pk], score, why, pair) for pk, (score, why, pair) in ranked[:limit]]


def source_merge_search(source: Source, *, q: str, limit: int = 20) -> list[Source]:
    """Sources to pick as the duplicate of ``source``: live ones whose name or an alias contains ``q``."""
    if not q.strip():
        return []
    found = sources_search(q=q).exclude(pk=source.pk).exclude(type=SourceType.ANONYMOUS)
    return [s for s in found[: limit * 2] if not is_generic(s.name)][:limit]


@dataclass(frozen=True)
class MergeContents:
    """Exactly what a merge of one source into another moves: row ids, as they are now."""

    hop_ids: tuple[int, ...]
    attribution_ids: tuple[int, ...]
    hop_review_ids: tuple[int, ...]
    mention_ids: tuple[int, ...]
    alias_ids: tuple[int, ...]
    event_ids: tuple[int, ...]
    alias_names: tuple[str, ...]
    name_alias: str  # the merged source's own name, when the merge must add it as an alias


def source_merge_contents(*, into: Source, other: Source) -> MergeContents:
    def ids(queryset: QuerySet) -> tuple[int, ...]:  # type: ignore[type-arg]
        return tuple(queryset.order_by("pk").values_list("pk", flat=True))

    aliases = list(other.aliases.order_by("pk").values_list("pk", "name"))
    key = normalise(other.name)[:300]
    adds_name = identifies_a_source(other.name) and not SourceAlias.objects.filter(normalised=key).exists()
    return MergeContents(
        hop_ids=ids(other.hops.all()),
        attribution_ids=ids(other.attributions.all()),
        hop_review_ids=ids(other.hop_reviews.all()),
        mention_ids=ids(other.article_sources.all()),
        alias_ids=tuple(pk for pk, _ in aliases),
        event_ids=ids(other.events.all()),
        alias_names=tuple(name for _, name in aliases),
        name_alias=other.name[:300] if adds_name else "",
    )


def source_merge_fingerprint(*, into: Source, other: Source, contents: MergeContents) -> str:
    """A digest of both sources and of what would move: a confirmation is for this merge only."""
    state = {
        "into": [into.pk, into.name, into.type, into.merged_into_id],
        "other": [other.pk, other.name, other.type, other.merged_into_id],
        "moves": [
            contents.hop_ids,
            contents.attribution_ids,
            contents.hop_review_ids,
            contents.mention_ids,
            contents.alias_ids,
            contents.event_ids,
            contents.name_alias,
        ],
    }
    return hashlib.sha256(json.dumps(state, sort_keys=True).encode()).hexdigest()[:32]


@dataclass(frozen=True)
class MergePreview:
    """What merging ``other`` into ``into`` would move, for the person to confirm."""

    into: Source
    other: Source
    contents: MergeContents
    fingerprint: str
    claims_total: int
    articles_total: int
    claims: list[Claim]  # a few of them, newest article first
    articles: list[tuple[int, str]]  # (id, title) of a few of them
    new_type: str  # the survivor's type after the merge, when it changes

    @property
    def hops_total(self) -> int:
        return len(self.contents.hop_ids)

    @property
    def mentions_total(self) -> int:
        return len(self.contents.mention_ids)

    @property
    def aliases(self) -> tuple[str, ...]:
        return (*self.contents.alias_names, *([self.contents.name_alias] if self.contents.name_alias else []))

    @property
    def types_differ(self) -> bool:
        return self.into.type != self.other.type


def source_merge_preview(*, into: Source, other: Source, examples: int = 5) -> MergePreview:
    contents = source_merge_contents(into=into, other=other)
    claims = Claim.objects.filter(Exists(Hop.objects.filter(claim=OuterRef("pk"), source=other)))
    articles = {
        *claims.values_list("article__created_at", "article_id", "article__title"),
        *other.article_sources.values_list("article__created_at", "article_id", "article__title"),
    }
    new_type = other.type if into.type == SourceType.OTHER and other.type != SourceType.OTHER else ""
    return MergePreview(
        into=into,
        other=other,
        contents=contents,
        fingerprint=source_merge_fingerprint(into=into, other=other, contents=contents),
        claims_total=claims.count(),
        articles_total=len(articles),
        claims=list(
            claims.select_related("article").order_by("-article__created_at", "article_id", "span_start")[:examples]
        ),
        articles=[(pk, title) for _, pk, title in sorted(articles, reverse=True)[:examples]],
        new_type=new_type,
    )


def source_merges_in(source: Source) -> QuerySet[SourceMerge]:
    """The merges into ``source`` that stand (not split back), newest first."""
    return source.merges_in.filter(undone_at__isnull=True).select_related("merged", "merged_by")


def source_merge_out(source: Source) -> SourceMerge | None:
    """The standing merge that took ``source`` away, if any."""
    return source.merges_out.filter(undone_at__isnull=True).select_related("survivor", "merged_by").first()
