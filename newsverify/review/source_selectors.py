"""Reads for the source registry's pages: sources with the claims that cite them and their review."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from newsverify.review.models import Claim, Hop, ReviewStatus
from newsverify.sources.models import Source, SourceAlias


def sources_search(*, q: str = "", type: str = "") -> QuerySet[Source]:
    """Registry sources with how often each is cited, as origin and as relay, most cited first."""
    current = Q(hops__claim__retired_at__isnull=True)
    sources = Source.objects.annotate(
        claims_total=Count("hops__claim", filter=current, distinct=True),
        origin_total=Count("hops", filter=current & Q(hops__position=0)),
        relay_total=Count("hops", filter=current & Q(hops__position__gt=0)),
        verified_total=Count(
            "hops__claim", filter=current & Q(hops__claim__review_status=ReviewStatus.VERIFIED), distinct=True
        ),
    )
    if q := q.strip():
        # A subquery, not a join on aliases: a join would repeat each hop once per matching alias
        # and inflate the counts above.
        alias = SourceAlias.objects.filter(source=OuterRef("pk"), name__icontains=q)
        sources = sources.filter(Q(name__icontains=q) | Exists(alias))
    if type:
        sources = sources.filter(type=type)
    return sources.order_by("-claims_total", "name", "pk")


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
        .prefetch_related(Prefetch("claim__hops", queryset=Hop.objects.select_related("source")))
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


def source_merge_candidates(source: Source, *, limit: int = 8) -> list[Source]:
    """Other sources that may be the same entity: a shared significant word in the name or an alias."""
    words = sorted((w for w in source.name.replace("-", " ").split() if len(w) > 3), key=len, reverse=True)[:2]
    if not words:
        return []
    match = Q()
    for word in words:
        match |= Q(name__icontains=word) | Q(aliases__name__icontains=word)
    return list(Source.objects.filter(match).exclude(pk=source.pk).distinct().order_by("name")[:limit])
