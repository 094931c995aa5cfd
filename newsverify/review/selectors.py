"""Reads for claims, chains and their review record."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet

from newsverify.articles.models import Article
from newsverify.review.highlighting import ClaimSpan, Marker
from newsverify.review.models import (
    Attribution,
    Claim,
    Comment,
    DiscrepancyClaim,
    Evidence,
    Flag,
    Hop,
    HopReview,
    ReviewEvent,
)
from newsverify.sources.models import SourceType


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
            Prefetch("hop_reviews", queryset=HopReview.objects.select_related("confirmed_by")),
            Prefetch("comments", queryset=Comment.objects.select_related("author")),
            Prefetch(
                "discrepancy_memberships",
                queryset=DiscrepancyClaim.objects.select_related("discrepancy").prefetch_related(
                    Prefetch("discrepancy__members", queryset=DiscrepancyClaim.objects.select_related("claim"))
                ),
            ),
        )
        .select_related("assignee")
        .get(article=article, pk=claim_id)
    )
    claim.open_flags = [flag for flag in claim.flags.all() if flag.resolved_at is None]
    hop_reviews_attach(claim)
    return claim


# How much the engine's evidence for a hop is worth when judging which link to check first.
EVIDENCE_STRENGTH = {Evidence.CONTEXT: 0, Evidence.COREFERENCE: 1, Evidence.EXPLICIT: 2}


def hop_reviews_attach(claim: Claim) -> None:
    """Set ``hop.review`` (the confirmation or None) on each prefetched hop, and ``claim.weakest_hop``."""
    reviews = {review.position: review for review in claim.hop_reviews.all()}
    hops = list(claim.hops.all())
    for hop in hops:
        hop.review = reviews.get(hop.position)
    claim.weakest_hop = weakest_open_hop(hops, reviews=reviews)
    claim.hops_confirmed = sum(1 for hop in hops if hop.review is not None)


def weakest_open_hop(hops: list[Hop], *, reviews: dict[int, HopReview]) -> Hop | None:
    """The unconfirmed hop most in need of checking.

    Weakest first: the engine's evidence (inferred from context before a pronoun before a name),
    then anonymous sources, then nearer the origin (furthest from what the publisher can vouch for).
    """
    open_hops = [hop for hop in hops if hop.position not in reviews]
    if not open_hops:
        return None
    return min(
        open_hops,
        key=lambda hop: (
            EVIDENCE_STRENGTH.get(hop.evidence, 0),
            hop.source.type != SourceType.ANONYMOUS,
            hop.position,
        ),
    )


def claim_weakest_open_hop(claim: Claim) -> Hop | None:
    hops = list(claim.hops.select_related("source"))
    return weakest_open_hop(hops, reviews={review.position: review for review in claim.hop_reviews.all()})


def audit_events(*, action: str = "", actor_id: int | None = None) -> QuerySet[ReviewEvent]:
    """The whole site's audit log, newest first."""
    events = ReviewEvent.objects.select_related("actor", "article", "claim", "source")
    if action:
        events = events.filter(action=action)
    if actor_id:
        events = events.filter(actor_id=actor_id)
    return events.order_by("-created_at", "-id")


def fact_checkers() -> list:
    """Users a claim can be assigned to: active, and allowed to record verdicts."""
    perm = Q(codename="record_verdict", content_type__app_label="review")
    from django.contrib.auth.models import Permission

    permission = Permission.objects.filter(perm).first()
    if permission is None:
        return []
    return list(
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__permissions=permission) | Q(user_permissions=permission) | Q(is_superuser=True))
        .distinct()
        .order_by("username")
    )
