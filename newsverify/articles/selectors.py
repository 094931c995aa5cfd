"""Reads for articles."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce, Substr

from newsverify.articles.models import Article, ArticleStatus
from newsverify.db import CompiledQuery
from newsverify.lookups import ids_in_compiled, ids_parameter
from newsverify.review.models import Claim, Flag
from newsverify.review.selectors import publishers_distinct

# What the article list shows of an article: never its text.
ARTICLE_LIST_FIELDS = (
    "id",
    "title",
    "publisher",
    "url",
    "published_on",
    "status",
    "failure_reason",
    "created_at",
    "analysed_at",
    "enqueued_at",
    "submitted_by__id",
    "submitted_by__username",
)

# Full-text search reads the title, the publisher and this much of the text (PostgreSQL keeps a
# tsvector under 1 MB; a text of this length always fits).
SEARCH_TEXT_CHARS = 100_000
SEARCH_CONFIG = "english"


def article_search_vector() -> SearchVector:
    """The document an article search matches on PostgreSQL; the GIN index of articles 0003 is built
    from this same expression, so the two must stay one."""
    return SearchVector("title", "publisher", Substr("text", 1, SEARCH_TEXT_CHARS), config=SEARCH_CONFIG)


def _count_per_article(rows: QuerySet, *, to_article: str) -> Coalesce:  # type: ignore[type-arg]
    """How many of ``rows`` belong to the outer article: a correlated subquery, not a join.

    The database runs it only for the rows the page returns (after the sort and the LIMIT), and a
    count of the list leaves it out, so a list of articles never counts the whole claims table.
    """
    counted = (
        rows.filter(**{to_article: OuterRef("pk")}).order_by().values(to_article).annotate(n=Count("pk")).values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def articles_with_depth_counts() -> QuerySet[Article]:
    """Articles annotated with their number of claims at each depth band (0, 1, 2, 3+) and open flags.

    Only the claims of the current reading count; claims retired by a re-analysis do not.
    """
    current = Claim.objects.current()
    return Article.objects.select_related("submitted_by").annotate(
        claims_total=_count_per_article(current, to_article="article"),
        claims_depth_0=_count_per_article(current.filter(depth=0), to_article="article"),
        claims_depth_1=_count_per_article(current.filter(depth=1), to_article="article"),
        claims_depth_2=_count_per_article(current.filter(depth=2), to_article="article"),
        claims_depth_3=_count_per_article(current.filter(depth__gte=3), to_article="article"),
        open_flags=_open_flags_per_article(current),
    )


def _open_flags_per_article(current: QuerySet[Claim]) -> Coalesce:
    """The outer article's open flags: for each of its current claims, that claim's open flags.

    Counted claim by claim so that the database reads the flags through their claim's index; a join
    of flags to the article's claims is hashed over the whole flag table once per row shown.
    """
    per_claim = _count_per_article(Flag.objects.filter(resolved_at__isnull=True), to_article="claim")
    summed = (
        current.filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(total=Sum(per_claim, output_field=IntegerField()))
        .values("total")
    )
    return Coalesce(Subquery(summed, output_field=IntegerField()), 0)


def articles_matching(articles: QuerySet[Article], query: str) -> QuerySet[Article]:
    """Articles whose title, publisher or text match ``query``.

    PostgreSQL: full-text search (words, stemmed; quotes, ``or`` and ``-word`` as in a web search)
    through a GIN index. Elsewhere (SQLite): the words as written, anywhere in the three, any case.
    """
    if connection.vendor == "postgresql":
        wanted = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
        return articles.annotate(search=article_search_vector()).filter(search=wanted)
    return articles.filter(Q(title__icontains=query) | Q(publisher__icontains=query) | Q(text__icontains=query))


def _page_counts(ids: int) -> QuerySet[Claim]:
    open_flags = _count_per_article(Flag.objects.filter(resolved_at__isnull=True), to_article="claim")
    return (
        Claim.objects.current()
        .filter(ids_in_compiled("article_id", ids))
        .order_by()
        .values("article_id")
        .annotate(
            claims_depth_0=Count("pk", filter=Q(depth=0)),
            claims_depth_1=Count("pk", filter=Q(depth=1)),
            claims_depth_2=Count("pk", filter=Q(depth=2)),
            claims_depth_3=Count("pk", filter=Q(depth__gte=3)),
            open_flags=Sum(open_flags, output_field=IntegerField()),
        )
    )


_PAGE_COUNTS = CompiledQuery(_page_counts)
_COUNTED = ("claims_depth_0", "claims_depth_1", "claims_depth_2", "claims_depth_3", "open_flags")


def article_counts_attach(articles: list[Article]) -> None:
    """Set ``claims_depth_0`` .. ``claims_depth_3`` and ``open_flags`` (as ``articles_with_depth_counts``
    counts them) on each article of a page: one query, grouped by article, for the page's ids,
    compiled once per process.

    Six correlated subqueries in the list's own query cost the ORM more to build and compile for
    each page than the database spends running them (the article list: half its own CPU); the open
    flags are still counted claim by claim through the flag index (``_count_per_article``): joined,
    the whole flag table is hashed.
    """
    rows = _PAGE_COUNTS.rows(ids_parameter(article.pk for article in articles)) if articles else []
    counts = {row["article_id"]: row for row in rows}
    for article in articles:
        row = counts.get(article.pk, {})
        for name in _COUNTED:
            setattr(article, name, row.get(name) or 0)


def articles_search(*, filters: dict[str, Any]) -> QuerySet[Article]:
    """The article list's articles, filtered and newest first, without their counts (``article_counts_attach``
    counts them for the page's rows)."""
    articles = Article.objects.select_related("submitted_by").only(*ARTICLE_LIST_FIELDS)
    if query := (filters.get("q") or "").strip():
        articles = articles_matching(articles, query)
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
    return publishers_distinct()


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
