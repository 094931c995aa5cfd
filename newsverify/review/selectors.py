"""Reads for claims, chains and their review record."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from newsverify.articles.models import Article
from newsverify.review.highlighting import ClaimSpan, Marker
from newsverify.review.models import Attribution, Claim, DiscrepancyClaim, Flag, Hop, ReviewEvent


def claims_for_article(article: Article) -> QuerySet[Claim]:
    return article.claims.prefetch_related(
        Prefetch("hops", queryset=Hop.objects.select_related("source", "article_source")),
        Prefetch("flags", queryset=Flag.objects.filter(resolved_at__isnull=True), to_attr="open_flags"),
        "discrepancy_memberships",
    )


def claim_spans(claims: QuerySet[Claim] | list[Claim]) -> list[ClaimSpan]:
    return [
        ClaimSpan(
            pk=claim.pk,
            article_id=claim.article_id,
            start=claim.span_start,
            end=claim.span_end,
            depth=claim.depth,
            has_discrepancy=bool(claim.discrepancy_memberships.all()),
            flagged=bool(claim.open_flags),
            verdict=claim.review_status,
        )
        for claim in claims
    ]


def article_markers(article: Article, claims: list[Claim]) -> list[Marker]:
    """Cues and source mentions to mark in the text: from attributions, claim cues and hop mentions."""
    markers: set[Marker] = set()
    for attribution in Attribution.objects.filter(article=article).only(
        "cue_start", "cue_end", "source_start", "source_end"
    ):
        if attribution.cue_start is not None:
            markers.add(Marker(attribution.cue_start, attribution.cue_end, "cue"))
        if attribution.source_start is not None:
            markers.add(Marker(attribution.source_start, attribution.source_end, "source"))
    for claim in claims:
        if claim.cue_start is not None:
            markers.add(Marker(claim.cue_start, claim.cue_end, "cue"))
        for hop in claim.hops.all():
            if hop.mention_start is not None:
                markers.add(Marker(hop.mention_start, hop.mention_end, "source"))
    return list(markers)


def claim_for_panel(*, article: Article, claim_id: int) -> Claim:
    """One claim with everything its chain panel shows; raises Claim.DoesNotExist."""
    claim = (
        Claim.objects.select_related("article")
        .prefetch_related(
            Prefetch("hops", queryset=Hop.objects.select_related("source", "article_source")),
            Prefetch("flags", queryset=Flag.objects.select_related("created_by", "resolved_by")),
            Prefetch("events", queryset=ReviewEvent.objects.select_related("actor")),
            Prefetch(
                "discrepancy_memberships",
                queryset=DiscrepancyClaim.objects.select_related("discrepancy").prefetch_related(
                    Prefetch("discrepancy__members", queryset=DiscrepancyClaim.objects.select_related("claim"))
                ),
            ),
        )
        .get(article=article, pk=claim_id)
    )
    claim.open_flags = [flag for flag in claim.flags.all() if flag.resolved_at is None]
    return claim
