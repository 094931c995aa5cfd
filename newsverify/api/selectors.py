"""Reads for the API's claims: the export's claim (or the queue's) with what a client follows a review by."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, QuerySet

from newsverify.exports.selectors import article_claims_for_export, claims_for_export
from newsverify.review.models import Claim
from newsverify.review.selectors import claims_for_review

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from newsverify.articles.models import Article


def _with_review_state(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """Add the assignee, the hop confirmations (and who made them) and the number of comments."""
    return (
        claims.select_related("assignee", "corrected_by")
        .prefetch_related("hop_reviews__confirmed_by")
        .annotate(comments_total=Count("comments", distinct=True))
    )


def claims_for_api() -> QuerySet[Claim]:
    """Claims as ``ClaimSerializer`` shows them, in the export's order (article, then text)."""
    return _with_review_state(claims_for_export())


def claims_for_api_article(article: Article) -> QuerySet[Claim]:
    """The article's claims as its page lists them (``claims_for_article``), loaded as ``claims_for_api`` does."""
    return _with_review_state(article_claims_for_export(article))


def claims_for_api_queue(*, filters: dict[str, Any], user: AbstractBaseUser) -> QuerySet[Claim]:
    """The review queue (``claims_for_review``, its filters and order) loaded as ``claims_for_api`` loads a claim."""
    return (
        _with_review_state(claims_for_review(filters=filters, user=user))
        .prefetch_related("discrepancy_memberships__discrepancy")
        .annotate(
            flags_total=Count("flags", distinct=True),
            flags_open=Count("flags", filter=Q(flags__resolved_at__isnull=True), distinct=True),
        )
    )
