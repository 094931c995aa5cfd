"""Reads for the API's claims: the export's claim (or the queue's) with what a client follows a review by."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db.models import Count, QuerySet

from newsverify.db import CompiledQuery
from newsverify.exports.selectors import claims_for_export
from newsverify.lookups import ids_in_compiled, ids_parameter
from newsverify.review.models import Claim, Discrepancy, DiscrepancyClaim, Hop, HopReview
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


# A page's parts by its claims' ids (one parameter), built and compiled once per process (``CompiledQuery``).
_HOPS = CompiledQuery(lambda ids: Hop.objects.filter(ids_in_compiled("claim_id", ids)).order_by("claim_id", "position"))
# The sources by their keys in a query of their own (see ``hops_in_order``).
_SOURCES = CompiledQuery(lambda ids: Source.objects.filter(ids_in_compiled("pk", ids)))
_REVIEWS = CompiledQuery(
    lambda ids: HopReview.objects.filter(ids_in_compiled("claim_id", ids)).order_by("claim_id", "position")
)
_USERS = CompiledQuery(lambda ids: get_user_model().objects.filter(ids_in_compiled("pk", ids)))
# In the model's order (by discrepancy), as the prefetch read them.
_MEMBERS = CompiledQuery(lambda ids: DiscrepancyClaim.objects.filter(ids_in_compiled("claim_id", ids)))
_DISCREPANCIES = CompiledQuery(lambda ids: Discrepancy.objects.filter(ids_in_compiled("pk", ids)))


def _by_key(query: CompiledQuery, keys: set[int]) -> dict[int, Any]:
    """The model rows of ``query`` (one of the above, by primary keys) for ``keys``; none asked, no query."""
    return {row.pk: row for row in query.models(ids_parameter(keys))} if keys else {}


def claim_parts_attach(claims: list[Claim]) -> None:
    """Set ``hop_list`` (each hop with its ``source``), ``hop_review_list`` (with ``confirmed_by``)
    and ``discrepancy_list`` (with ``discrepancy``), which ``ClaimSerializer`` reads, on each claim
    whose hops were not prefetched: by the page's claim ids, from queries compiled once per process.

    Not ``prefetch_related``: its machinery (a queryset per relation and level, each id a parameter
    of its own) cost the API's page more than its queries; the rows and their order are the
    prefetch's (hops and confirmations by claim and position, memberships in their model's order).
    """
    bare = [claim for claim in claims if "hops" not in getattr(claim, "_prefetched_objects_cache", {})]
    if not bare:
        return
    ids = ids_parameter(claim.pk for claim in bare)
    parts: dict[int, tuple[list[Hop], list[HopReview], list[DiscrepancyClaim]]] = {
        claim.pk: ([], [], []) for claim in bare
    }
    hops = _HOPS.models(ids)
    sources = _by_key(_SOURCES, {hop.source_id for hop in hops})
    for hop in hops:
        hop.source = sources[hop.source_id]
        parts[hop.claim_id][0].append(hop)
    reviews = _REVIEWS.models(ids)
    users = _by_key(_USERS, {review.confirmed_by_id for review in reviews if review.confirmed_by_id is not None})
    for review in reviews:
        review.confirmed_by = users.get(review.confirmed_by_id)
        parts[review.claim_id][1].append(review)
    members = _MEMBERS.models(ids)
    discrepancies = _by_key(_DISCREPANCIES, {member.discrepancy_id for member in members})
    for member in members:
        member.discrepancy = discrepancies[member.discrepancy_id]
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
