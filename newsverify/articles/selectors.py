"""Reads for articles."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from newsverify.articles.models import Article, ArticleStatus
from newsverify.review.models import Claim


def articles_with_depth_counts() -> QuerySet[Article]:
    """Articles annotated with their number of claims at each depth band (0, 1, 2, 3+).

    Only the claims of the current reading count; claims retired by a re-analysis do not.
    """
    current = Q(claims__retired_at__isnull=True)
    return Article.objects.select_related("submitted_by").annotate(
        claims_total=Count("claims", filter=current, distinct=True),
        claims_depth_0=Count("claims", filter=current & Q(claims__depth=0), distinct=True),
        claims_depth_1=Count("claims", filter=current & Q(claims__depth=1), distinct=True),
        claims_depth_2=Count("claims", filter=current & Q(claims__depth=2), distinct=True),
        claims_depth_3=Count("claims", filter=current & Q(claims__depth__gte=3), distinct=True),
        open_flags=Count("claims__flags", filter=current & Q(claims__flags__resolved_at__isnull=True), distinct=True),
    )


def articles_search(*, filters: dict[str, Any]) -> QuerySet[Article]:
    articles = articles_with_depth_counts()
    if query := (filters.get("q") or "").strip():
        articles = articles.filter(Q(title__icontains=query) | Q(publisher__icontains=query) | Q(text__icontains=query))
    if status := filters.get("status"):
        articles = articles.filter(status=status)
    if publisher := (filters.get("publisher") or "").strip():
        articles = articles.filter(publisher__icontains=publisher)
    if depth := filters.get("depth"):
        depth_filter = Q(depth__gte=3) if int(depth) >= 3 else Q(depth=int(depth))
        articles = articles.filter(Exists(Claim.objects.current().filter(depth_filter, article=OuterRef("pk"))))
    if published_from := filters.get("published_from"):
        articles = articles.filter(published_on__gte=published_from)
    if published_to := filters.get("published_to"):
        articles = articles.filter(published_on__lte=published_to)
    return articles.order_by("-created_at", "-id")


def publishers_known() -> list[str]:
    return list(
        Article.objects.exclude(publisher="").values_list("publisher", flat=True).distinct().order_by("publisher")[:200]
    )


@dataclass(frozen=True)
class AnalysisProgress:
    """Where the analyses of a set of articles stand (a bulk upload's): how many in each state."""

    done: int = 0
    analysing: int = 0
    queued: int = 0
    failed: int = 0

    @property
    def total(self) -> int:
        return self.done + self.analysing + self.queued + self.failed

    @property
    def finished(self) -> int:
        return self.done + self.failed

    @property
    def pending(self) -> int:
        return self.analysing + self.queued


def analysis_progress(article_ids: Iterable[int]) -> AnalysisProgress:
    """The articles' analyses counted by state, in one query; ids of no article are left out."""
    counts = dict(
        Article.objects.filter(pk__in=list(article_ids))
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return AnalysisProgress(**{status: counts.get(status, 0) for status in ArticleStatus.values})
