"""schema.org ClaimReview (JSON-LD) for a claim a fact-checker has ruled on.

The rating scale (``reviewRating``): 1 false, 2 misattributed, 3 disputed, 4 verified; worst 1, best 4.
``alternateName`` carries the verdict in words, which is what readers and search engines show.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from newsverify.articles.models import Article
from newsverify.exports.selectors import claim_verdict_event
from newsverify.review.models import Claim, Hop, ReviewStatus
from newsverify.sources.models import Source, SourceType

RATING_SCALE: dict[str, int] = {
    ReviewStatus.FALSE: 1,
    ReviewStatus.MISATTRIBUTED: 2,
    ReviewStatus.DISPUTED: 3,
    ReviewStatus.VERIFIED: 4,
}
WORST_RATING, BEST_RATING = 1, 4

# Sources that are people (or may be: an unnamed official) are schema.org Persons; the rest are Organizations.
PERSON_TYPES = frozenset({SourceType.PERSON, SourceType.ANONYMOUS})


class ClaimNotReviewed(Exception):
    """The claim has no verdict yet, so there is no ClaimReview to publish."""


def absolute_url(path: str, *, base_url: str | None = None) -> str:
    """``path`` on ``base_url`` (from the request), else on the NEWSVERIFY_SITE_URL setting."""
    base = (base_url or settings.NEWSVERIFY_SITE_URL).rstrip("/")
    return f"{base}{path}"


def claim_public_url(claim: Claim) -> str:
    """The claim's stable public URL: its path on NEWSVERIFY_CLAIM_URL_BASE, whatever host asked."""
    return f"{settings.NEWSVERIFY_CLAIM_URL_BASE.rstrip('/')}{claim.get_absolute_url()}"


def source_as_thing(source: Source) -> dict[str, Any]:
    kind = "Person" if source.type in PERSON_TYPES else "Organization"
    return {"@type": kind, "name": source.name}


def publisher_as_organization(article: Article) -> dict[str, Any]:
    return {"@type": "Organization", "name": article.publisher_label}


def relay_as_creative_work(hop: Hop) -> dict[str, Any]:
    """A relay's report: who published it and how (the medium), no URL (the engine cannot know it)."""
    work: dict[str, Any] = {"@type": "CreativeWork", "publisher": source_as_thing(hop.source)}
    work["name"] = f"{hop.source.name}: {hop.medium}" if hop.medium else f"Report by {hop.source.name}"
    return work


def article_as_creative_work(article: Article, *, base_url: str | None) -> dict[str, Any]:
    work: dict[str, Any] = {
        "@type": "CreativeWork",
        "name": article.title,
        "url": article.url or absolute_url(article.get_absolute_url(), base_url=base_url),
        "publisher": publisher_as_organization(article),
    }
    if article.published_on:
        work["datePublished"] = article.published_on.isoformat()
    return work


def review_author() -> dict[str, Any]:
    author: dict[str, Any] = {"@type": "Organization", "name": settings.NEWSVERIFY_CLAIMREVIEW_AUTHOR_NAME}
    if settings.NEWSVERIFY_CLAIMREVIEW_AUTHOR_URL:
        author["url"] = settings.NEWSVERIFY_CLAIMREVIEW_AUTHOR_URL
    return author


def claim_review(claim: Claim, *, base_url: str | None = None) -> dict[str, Any]:
    """The ClaimReview of ``claim`` (read through ``claim_for_export``); ClaimNotReviewed without a verdict."""
    if not claim.has_verdict:
        raise ClaimNotReviewed(
            f"Claim {claim.pk} has no verdict yet (its review status is {claim.get_review_status_display()!r})."
        )
    article = claim.article
    hops = sorted(claim.hops.all(), key=lambda hop: hop.position)
    relays = hops[1:]
    article_work = article_as_creative_work(article, base_url=base_url)
    item: dict[str, Any] = {"@type": "Claim", "text": claim.text}
    if hops:
        item["author"] = source_as_thing(hops[0].source)
    else:
        # Own reporting: the claim is the publisher's.
        item["author"] = publisher_as_organization(article)
    if article.published_on:
        item["datePublished"] = article.published_on.isoformat()
    item["firstAppearance"] = relay_as_creative_work(relays[0]) if relays else article_work
    item["appearance"] = [relay_as_creative_work(hop) for hop in relays] + [article_work]

    event = claim_verdict_event(claim)
    reviewed_at = event.created_at if event else article.updated_at
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": claim_public_url(claim),
        "claimReviewed": claim.text,
        "datePublished": reviewed_at.date().isoformat(),
        "author": review_author(),
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATING_SCALE[claim.review_status],
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": claim.get_review_status_display(),
        },
        "itemReviewed": item,
    }
    if event and event.note:
        review["reviewBody"] = event.note  # the reviewer's note on the verdict, as they wrote it
    return review
