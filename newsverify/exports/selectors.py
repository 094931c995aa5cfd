"""Reads for the exports: one claim (or many) with its article, chain, flags and review record."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Prefetch, Q, QuerySet

from newsverify.review.models import Claim, ReviewAction, ReviewEvent
from newsverify.review.selectors import claims_for_article, claims_for_review, claims_read

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from newsverify.articles.models import Article


def _with_export_record(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """What an export adds to a claim as every door reads it (``claims_read``): its assignee, the
    events that set its verdict and confirmed its hops, and its flag counts."""
    return (
        claims.select_related("assignee")
        .prefetch_related(
            Prefetch(
                "events",
                queryset=ReviewEvent.objects.select_related("actor").filter(
                    action__in=[ReviewAction.VERDICT, ReviewAction.STATUS, ReviewAction.HOP_CONFIRMED]
                ),
            ),
        )
        .annotate(
            flags_total=Count("flags", distinct=True),
            flags_open=Count("flags", filter=Q(flags__resolved_at__isnull=True), distinct=True),
        )
    )


def claims_for_export() -> QuerySet[Claim]:
    """Every claim, retired ones too (their exports stay valid); a list of claims adds ``.current()``."""
    return _with_export_record(claims_read(Claim.objects.select_related("article"))).order_by(
        "article_id", "span_start", "span_end", "pk"
    )


def article_claims_for_export(article: Article) -> QuerySet[Claim]:
    """The article's claims as its page lists them (``claims_for_article``: the same claims, in the
    same order), loaded for export. Each row shares ``article`` rather than loading its text again."""
    return _with_export_record(claims_for_article(article))


def claims_for_export_queued(*, filters: Mapping[str, Any], user: AbstractBaseUser) -> QuerySet[Claim]:
    """The claims the review queue selects with ``filters`` (``ClaimQueueForm``'s), loaded for export.

    The queue's own selector decides which claims; the export keeps its order (article, then text).
    """
    return claims_for_export().filter(pk__in=claims_for_review(filters=filters, user=user).values("pk"))


def claims_for_csv(*, filters: Mapping[str, Any], user: AbstractBaseUser) -> QuerySet[Claim]:
    """The claims the review queue selects with ``filters``, as a plain queryset for the CSV (which
    reads its rows as values, a chunk at a time)."""
    return Claim.objects.filter(pk__in=claims_for_review(filters=filters, user=user).values("pk"))


def article_claims_for_csv(*, article: Article, filters: Mapping[str, Any], user: AbstractBaseUser) -> QuerySet[Claim]:
    """The article's claims as its page lists them (``claims_for_article``) that the review queue's
    ``filters`` select, for the CSV (which reads them as values, a chunk at a time)."""
    return claims_for_article(article).filter(pk__in=claims_for_review(filters=filters, user=user).values("pk"))


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
