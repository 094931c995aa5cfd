"""The newsroom's dashboards: per outlet, how far its claims are from their origin, how many rest
on anonymous sources, whom it relies on, over time; the discrepancy board; and the unverified
secondhand claims repeated in the most articles (by story, ``newsverify.stories``).

Every figure is one aggregate query over the current claims (a claim retired by re-analysis or
marked "not a claim" is left out), grouped by outlet, depth band or month, so the cost grows with
the number of outlets and months shown, not with the archive's rows carried into Python.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, DateField, F, Min, QuerySet
from django.db.models.functions import Coalesce, TruncDate, TruncMonth

from newsverify.review.highlighting import DEPTH_LABELS
from newsverify.review.models import VERDICT_STATUSES, Claim, Discrepancy, Hop
from newsverify.sources.models import SourceType
from newsverify.stories.models import NoteKind, StoryClaim, StoryNote

BANDS = tuple(DEPTH_LABELS)  # 0 own reporting, 1 firsthand, 2 secondhand, 3 third-hand and beyond
UNNAMED = "Publisher not named"


@dataclass(frozen=True)
class DashboardFilters:
    published_from: datetime.date | None = None
    published_to: datetime.date | None = None
    outlet: str = ""


@dataclass
class OutletRow:
    outlet: str
    claims: int = 0
    by_band: dict[int, int] = field(default_factory=lambda: dict.fromkeys(BANDS, 0))
    anonymous: int = 0

    def share(self, band: int) -> float:
        return self.by_band[band] / self.claims if self.claims else 0.0

    @property
    def shares(self) -> list[float]:
        return [round(self.share(band), 4) for band in BANDS]

    @property
    def cells(self) -> list[tuple[int, int]]:
        """(claims, whole percent) per band, for the table."""
        return [(self.by_band[band], round(100 * self.share(band))) for band in BANDS]

    @property
    def anonymous_percent(self) -> int:
        return round(100 * self.anonymous_share)

    @property
    def anonymous_share(self) -> float:
        return self.anonymous / self.claims if self.claims else 0.0


@dataclass(frozen=True)
class MonthRow:
    month: datetime.date
    claims: int
    by_band: dict[int, int]

    @property
    def shares(self) -> list[float]:
        return [round(self.by_band[band] / self.claims, 4) if self.claims else 0.0 for band in BANDS]


@dataclass(frozen=True)
class OriginRow:
    source_id: int
    name: str
    type_label: str
    claims: int
    outlets: int


def _in_period_and_outlet(rows: QuerySet, filters: DashboardFilters) -> QuerySet:  # type: ignore[type-arg]
    """``rows`` (of a model with an ``article``) with their article's ``day`` (its publication date,
    or the upload date when it gives none), narrowed to the filters' period and outlet."""
    day = Coalesce("article__published_on", TruncDate("article__created_at"), output_field=DateField())
    rows = rows.annotate(day=day)
    if filters.published_from:
        rows = rows.filter(day__gte=filters.published_from)
    if filters.published_to:
        rows = rows.filter(day__lte=filters.published_to)
    if filters.outlet:
        rows = rows.filter(article__publisher__iexact=filters.outlet.strip())
    return rows


def _claims(filters: DashboardFilters) -> QuerySet[Claim]:
    return _in_period_and_outlet(Claim.objects.current().filter(not_a_claim=False), filters)


def _band(depth: int) -> int:
    return min(depth, BANDS[-1])


def outlet_rows(filters: DashboardFilters, *, limit: int = 20) -> list[OutletRow]:
    """The outlets with the most claims: claims by depth band and how many rest on an anonymous origin."""
    claims = _claims(filters)
    rows: dict[str, OutletRow] = {}
    by_depth = claims.order_by().values("article__publisher", "depth").annotate(n=Count("id"))
    for publisher, depth, count in by_depth.values_list("article__publisher", "depth", "n"):
        name = publisher or UNNAMED
        row = rows.setdefault(name, OutletRow(name))
        row.by_band[_band(depth)] += count
        row.claims += count
    anonymous = (
        claims.filter(hops__position=0, hops__source__type=SourceType.ANONYMOUS)
        .order_by()
        .values("article__publisher")
        .annotate(n=Count("id", distinct=True))
        .values_list("article__publisher", "n")
    )
    for publisher, count in anonymous:
        rows[publisher or UNNAMED].anonymous = count
    return sorted(rows.values(), key=lambda row: (-row.claims, row.outlet))[:limit]


def months(filters: DashboardFilters) -> list[MonthRow]:
    """Claims by month of publication (the upload date when the article gives none) and depth band."""
    counts: dict[datetime.date, dict[int, int]] = defaultdict(lambda: dict.fromkeys(BANDS, 0))
    grouped = (
        _claims(filters)
        .annotate(month=TruncMonth("day"))
        .order_by()
        .values("month", "depth")
        .annotate(n=Count("id"))
        .values_list("month", "depth", "n")
    )
    for month, depth, count in grouped:
        if month is None:
            continue
        if isinstance(month, datetime.datetime):
            month = month.date()
        counts[month][_band(depth)] += count
    return [MonthRow(month, sum(bands.values()), bands) for month, bands in sorted(counts.items())]


def relied_on_origins(filters: DashboardFilters, *, limit: int = 15) -> list[OriginRow]:
    """The sources most claims start from (hop 0), with how many outlets carry them."""
    origins = (
        Hop.objects.filter(position=0, claim__in=_claims(filters))
        .order_by()
        .values("source_id", "source__name", "source__type")
        .annotate(n=Count("claim_id", distinct=True), outlets=Count("claim__article__publisher", distinct=True))
        .order_by("-n", "source__name")[:limit]
    )
    labels = dict(SourceType.choices)
    return [
        OriginRow(row["source_id"], row["source__name"], labels.get(row["source__type"], ""), row["n"], row["outlets"])
        for row in origins
    ]


def discrepancy_board(filters: DashboardFilters, *, limit: int = 50) -> QuerySet[Discrepancy]:
    """Same quantity, different figures, newest articles first, with their claims and values."""
    board = Discrepancy.objects.select_related("article").prefetch_related("members__claim")
    board = _in_period_and_outlet(board, filters)
    return board.defer("article__text").order_by("-day", "-article_id", "engine_key")[:limit]


def story_drift_board(filters: DashboardFilters, *, limit: int = 50) -> list[StoryNote]:
    """Across articles: a story's relay that gives other figures than its origin statement, in another
    article, newest relays first (the notes ``stories.summaries`` keeps). Within one article the
    discrepancies above say it already, so a relay in the origin's own article is left out; two relays
    of one article with the same change are one entry."""
    notes = StoryNote.objects.filter(
        kind=NoteKind.FIGURE,
        claim__retired_at__isnull=True,
        origin__retired_at__isnull=True,
        claim__story_membership__story=F("story"),
    ).exclude(article=F("origin__article"))
    notes = _in_period_and_outlet(notes, filters)
    rows = (
        notes.select_related("article", "claim", "origin__article")
        .defer("article__text", "origin__article__text")
        .order_by("-day", "-article_id", "story_id", "claim_id")[: 2 * limit]
    )
    seen: set[tuple[int, int, str, str]] = set()
    board = []
    for note in rows:
        key = (note.story_id, note.article_id, note.before, note.after)
        if key not in seen:
            seen.add(key)
            board.append(note)
    return board[:limit]


@dataclass(frozen=True)
class BoardEntry:
    """One line of the discrepancy board: figures that disagree within an article, or between a
    story's origin and a relay in another article."""

    day: datetime.date | None
    article_id: int
    discrepancy: Discrepancy | None = None
    drift: StoryNote | None = None


def board_entries(filters: DashboardFilters, *, limit: int = 50) -> list[BoardEntry]:
    """Both kinds of the discrepancy board in one list, newest articles first (a fixed number of queries)."""
    entries = [
        BoardEntry(day=item.day, article_id=item.article_id, discrepancy=item)  # type: ignore[attr-defined]
        for item in discrepancy_board(filters, limit=limit)
    ] + [
        BoardEntry(day=note.day, article_id=note.article_id, drift=note)  # type: ignore[attr-defined]
        for note in story_drift_board(filters, limit=limit)
    ]
    entries.sort(key=lambda entry: (entry.day or datetime.date.min, entry.article_id), reverse=True)
    return entries[:limit]


@dataclass(frozen=True)
class RepeatedRow:
    story_id: int
    text: str
    claim_url: str
    articles: int
    outlets: int


def repeated_unverified(filters: DashboardFilters, *, limit: int = 15) -> list[RepeatedRow]:
    """The secondhand (or further) claims nobody has ruled on that appear in the most articles:
    stories counted by their articles whose copy is at depth 2 or more and has no verdict yet."""
    members = StoryClaim.objects.filter(
        claim__in=_claims(filters).filter(depth__gte=2).exclude(review_status__in=VERDICT_STATUSES)
    )
    top = list(
        members.order_by()
        .values("story_id")
        .annotate(
            articles=Count("claim__article_id", distinct=True),
            outlets=Count("claim__article__publisher", distinct=True),
            first=Min("claim_id"),
        )
        .filter(articles__gte=2)
        .order_by("-articles", "-outlets", "story_id")[:limit]
    )
    claims = {
        claim.pk: claim
        for claim in Claim.objects.filter(pk__in=[row["first"] for row in top]).only("id", "article_id", "text")
    }
    return [
        RepeatedRow(
            row["story_id"],
            claims[row["first"]].text,
            claims[row["first"]].get_absolute_url(),
            row["articles"],
            row["outlets"],
        )
        for row in top
        if row["first"] in claims
    ]
