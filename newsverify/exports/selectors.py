"""Reads for the exports: one claim (or many) with its article, chain, flags and review record."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Prefetch, Q, QuerySet

from newsverify.review.models import Claim, Hop, ReviewAction, ReviewEvent
from newsverify.review.selectors import claims_for_review

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


def claims_for_export() -> QuerySet[Claim]:
    """Every claim, retired ones too (their exports stay valid); a list of claims adds ``.current()``."""
    return (
        Claim.objects.select_related("article", "assignee")
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


def claims_for_export_queued(*, filters: Mapping[str, Any], user: AbstractBaseUser) -> QuerySet[Claim]:
    """The claims the review queue selects with ``filters`` (``ClaimQueueForm``'s), loaded for export.

    The queue's own selector decides which claims; the export keeps its order (article, then text).
    """
    return claims_for_export().filter(pk__in=claims_for_review(filters=filters, user=user).values("pk"))


def claims_for_csv(*, filters: Mapping[str, Any], user: AbstractBaseUser) -> QuerySet[Claim]:
    """The claims the review queue selects with ``filters``, as a plain queryset for the CSV (which
    reads its rows as values, a chunk at a time)."""
    return Claim.objects.filter(pk__in=claims_for_review(filters=filters, user=user).values("pk"))


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
