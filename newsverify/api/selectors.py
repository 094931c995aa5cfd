"""Reads for the API's claims: the export's claim (or the queue's) with what a client follows a review by."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Count, Prefetch, QuerySet

from newsverify.exports.selectors import claims_for_export
from newsverify.review.models import Claim, DiscrepancyClaim
from newsverify.review.selectors import (
    claims_filtered_for_review,
    claims_for_article,
    claims_review_counts_attach,
    hop_reviews_in_order,
    hops_in_order,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

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
    """One claim as ``ClaimSerializer`` shows it, and what its exports (PROV, ClaimReview) read."""
    return _with_review_state(claims_for_export())


def _listed(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """A list of claims as ``ClaimSerializer`` shows them, without the counts (``claims_counted``
    adds them to the page's rows): no join or GROUP BY over the claims a page does not show."""
    return claims.select_related("assignee", "corrected_by").prefetch_related(
        "hop_reviews__confirmed_by", "discrepancy_memberships__discrepancy"
    )


def claims_for_api_article(article: Article) -> QuerySet[Claim]:
    """The article's claims as its page lists them (``claims_for_article``: the same claims, in the
    same order, read the same way), loaded as an API list shows them (``claims_counted`` on the page)."""
    return _listed(claims_for_article(article))


def claims_for_api_queue(*, filters: dict[str, Any], user: AbstractBaseUser) -> QuerySet[Claim]:
    """The review queue (``claims_for_review``'s claims, filters and order), ``claims_counted`` on the
    page; each claim's chain with its sources, confirmations with who made them, and disagreements
    as plain lists (``hop_list``, ``hop_review_list``, ``discrepancy_list``), which ``ClaimSerializer``
    reads: a prefetch into the related managers builds a queryset per claim and relation, which cost
    a page more than its queries (as the web queue's rows, ``claims_for_queue_rows``)."""
    return (
        claims_filtered_for_review(filters=filters, user=user)
        .select_related("assignee", "corrected_by")
        .prefetch_related(
            Prefetch("hops", queryset=hops_in_order(), to_attr="hop_list"),
            "hop_list__source",  # by key, in a query of its own (see claims_for_review)
            Prefetch("hop_reviews", queryset=hop_reviews_in_order("confirmed_by"), to_attr="hop_review_list"),
            Prefetch(
                "discrepancy_memberships",
                queryset=DiscrepancyClaim.objects.select_related("discrepancy"),
                to_attr="discrepancy_list",
            ),
        )
    )


def claims_counted(claims: Iterable[Claim]) -> list[Claim]:
    """The claims with their flags (all, open) and comments counted: for the rows of one page only."""
    claims = list(claims)
    claims_review_counts_attach(claims)
    return claims
