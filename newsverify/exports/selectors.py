"""Reads for the exports: one claim (or many) with its article, chain, flags and review record."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from newsverify.review.models import Claim, Hop, ReviewAction, ReviewEvent


def claims_for_export() -> QuerySet[Claim]:
    return (
        Claim.objects.select_related("article")
        .prefetch_related(
            Prefetch("hops", queryset=Hop.objects.select_related("source").order_by("position")),
            Prefetch(
                "events",
                queryset=ReviewEvent.objects.select_related("actor").filter(
                    action__in=[ReviewAction.VERDICT, ReviewAction.STATUS, ReviewAction.HOP_CONFIRMED]
                ),
            ),
            "discrepancy_memberships__discrepancy",
        )
        .annotate(
            flags_total=Count("flags", distinct=True),
            flags_open=Count("flags", filter=Q(flags__resolved_at__isnull=True), distinct=True),
        )
        .order_by("article_id", "span_start", "pk")
    )


def claim_for_export(*, claim_id: int) -> Claim:
    """Raises Claim.DoesNotExist."""
    return claims_for_export().get(pk=claim_id)


def claim_verdict_event(claim: Claim) -> ReviewEvent | None:
    """The event that set the claim's current verdict (the latest one that moved it there)."""
    events = [
        event
        for event in claim.events.all()
        if event.action in (ReviewAction.VERDICT, ReviewAction.STATUS) and event.status_after == claim.review_status
    ]
    return max(events, key=lambda event: (event.created_at, event.pk), default=None)
