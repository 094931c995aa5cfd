"""Reads for the API's claims: the export's claim (or the queue's) with what a client follows a review by."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Count, QuerySet

from newsverify.exports.selectors import claims_for_export
from newsverify.lookups import ids_in
from newsverify.review.models import Claim, DiscrepancyClaim, Hop, HopReview
from newsverify.review.selectors import (
    claims_filtered_for_review,
    claims_for_article,
    claims_review_counts_attach,
)
from newsverify.sources.models import Source

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
    page, which reads each claim's chain with its sources, confirmations with who made them, and
    disagreements for the page's claims only (``claim_parts_attach``)."""
    return claims_filtered_for_review(filters=filters, user=user).select_related("assignee", "corrected_by")


def claim_parts_attach(claims: list[Claim]) -> None:
    """Set ``hop_list`` (each hop with its ``source``), ``hop_review_list`` (with ``confirmed_by``)
    and ``discrepancy_list`` (with ``discrepancy``), which ``ClaimSerializer`` reads, on each claim
    whose hops were not prefetched: four queries for a page of claims, by their ids (``ids_in``).

    Not ``prefetch_related``: its machinery (a queryset per relation and level, each id a parameter
    of its own) cost the API's page more than its queries; the rows and their order are the
    prefetch's (hops and confirmations by claim and position, memberships in their model's order).
    """
    bare = [claim for claim in claims if "hops" not in getattr(claim, "_prefetched_objects_cache", {})]
    if not bare:
        return
    ids = [claim.pk for claim in bare]
    hops = list(Hop.objects.filter(ids_in("claim_id", ids)).order_by("claim_id", "position"))
    # The sources by their keys in a query of their own (see ``hops_in_order``).
    sources = {source.pk: source for source in Source.objects.filter(ids_in("pk", {hop.source_id for hop in hops}))}
    parts: dict[int, tuple[list[Hop], list[HopReview], list[DiscrepancyClaim]]] = {pk: ([], [], []) for pk in ids}
    for hop in hops:
        hop.source = sources[hop.source_id]
        parts[hop.claim_id][0].append(hop)
    reviews = HopReview.objects.filter(ids_in("claim_id", ids)).order_by("claim_id", "position")
    for review in reviews.select_related("confirmed_by"):
        parts[review.claim_id][1].append(review)
    for member in DiscrepancyClaim.objects.filter(ids_in("claim_id", ids)).select_related("discrepancy"):
        parts[member.claim_id][2].append(member)
    for claim in bare:
        claim.hop_list, claim.hop_review_list, claim.discrepancy_list = parts[claim.pk]


def claims_counted(claims: Iterable[Claim]) -> list[Claim]:
    """The claims with their flags (all, open) and comments counted, and their parts read
    (``claim_parts_attach``): for the rows of one page only."""
    claims = list(claims)
    claim_parts_attach(claims)
    claims_review_counts_attach(claims)
    return claims
