"""Reads for the accuracy page: the latest scoring run, the trend by engine version, the corrections."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count
from django.db.models.functions import TruncMonth

from newsverify.accuracy.chart import TrendChart, trend_chart
from newsverify.accuracy.models import EngineScore, ScoreStatus
from newsverify.review.models import ClaimKind, ReviewAction, ReviewEvent
from newsverify.sources.models import SourceType

# The audit actions that are corrections of the engine's reading (review.corrections). A withdrawn
# confirmation follows from one of these and a restore undoes one, so neither is a kind of error.
CORRECTION_ACTIONS = (
    ReviewAction.HOP_ADDED,
    ReviewAction.HOP_REMOVED,
    ReviewAction.HOP_MOVED,
    ReviewAction.HOP_SOURCE,
    ReviewAction.HOP_MEDIUM,
    ReviewAction.SPAN_CHANGED,
    ReviewAction.KIND_CHANGED,
    ReviewAction.NOT_A_CLAIM,
    ReviewAction.CLAIM_ADDED,
)


def score_latest() -> EngineScore | None:
    """The newest finished run."""
    return EngineScore.objects.filter(status=ScoreStatus.DONE).order_by("-finished_at", "-id").first()


def score_pending() -> EngineScore | None:
    return EngineScore.objects.filter(status__in=[ScoreStatus.QUEUED, ScoreStatus.RUNNING]).order_by("-id").first()


def score_failed_since(score: EngineScore | None) -> EngineScore | None:
    """The newest run, if it failed after the newest finished one: the page says so."""
    newest = EngineScore.objects.order_by("-id").first()
    if newest is None or newest.status != ScoreStatus.FAILED or (score is not None and newest.pk < score.pk):
        return None
    return newest


@dataclass(frozen=True)
class BreakdownRow:
    key: str
    label: str
    gold: int
    found: int
    chain: int
    kind: int

    @property
    def found_rate(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def chain_rate(self) -> float:
        return self.chain / self.gold if self.gold else 0.0

    @property
    def kind_rate(self) -> float | None:
        return self.kind / self.found if self.found else None


def _labels(choices: type[ClaimKind] | type[SourceType]) -> dict[str, str]:
    return {str(value): str(label) for value, label in choices.choices}


def breakdown_rows(table: Mapping[str, Mapping[str, int]], *, by: str) -> list[BreakdownRow]:
    """A stored breakdown (``EngineScore.by_kind`` / ``by_source_type``) as table rows, most gold claims first."""
    labels = _labels(ClaimKind if by == "kind" else SourceType)
    return [
        BreakdownRow(
            key,
            labels.get(key, key.replace("_", " ").capitalize()),
            **{k: row[k] for k in ("gold", "found", "chain", "kind")},
        )
        for key, row in table.items()
    ]


@dataclass(frozen=True)
class TrendRow:
    """The newest finished run of one engine version, with how many runs that version had."""

    engine_version: str
    score: EngineScore
    runs: int


def score_trend(*, limit: int = 12) -> list[TrendRow]:
    """One row per engine version, oldest version first (by its first run), at most ``limit`` newest."""
    done = EngineScore.objects.filter(status=ScoreStatus.DONE).order_by("finished_at", "id")
    versions: dict[str, list[EngineScore]] = {}
    for score in done:
        versions.setdefault(score.engine_version, []).append(score)
    rows = [TrendRow(version, runs[-1], len(runs)) for version, runs in versions.items()]
    return rows[-limit:]


@dataclass(frozen=True)
class CorrectionRow:
    action: str
    label: str
    total: int
    per_period: list[int]


@dataclass(frozen=True)
class CorrectionTable:
    """Corrections counted by type (most common first), overall and per month, newest month first."""

    periods: list[datetime.date]
    rows: list[CorrectionRow] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(row.total for row in self.rows)


def correction_counts(*, months: int = 6) -> CorrectionTable:
    events = ReviewEvent.objects.filter(action__in=CORRECTION_ACTIONS)
    totals = dict(events.values_list("action").annotate(n=Count("id")).values_list("action", "n"))
    monthly: dict[tuple[str, datetime.date], int] = {}
    for action, month, n in (
        events.annotate(month=TruncMonth("created_at"))
        .values_list("action", "month")
        .annotate(n=Count("id"))
        .values_list("action", "month", "n")
    ):
        day = month.date() if isinstance(month, datetime.datetime) else month
        monthly[(action, day)] = monthly.get((action, day), 0) + n
    periods = sorted({day for _, day in monthly}, reverse=True)[:months]
    labels = dict(ReviewAction.choices)
    rows = [
        CorrectionRow(
            action=action,
            label=str(labels[action]),
            total=total,
            per_period=[monthly.get((action, day), 0) for day in periods],
        )
        for action, total in sorted(totals.items(), key=lambda item: (-item[1], str(labels[item[0]])))
    ]
    return CorrectionTable(periods=periods, rows=rows)


def score_articles(score: EngineScore) -> list[dict[str, Any]]:
    """The run's articles, the ones it scored worst first (by chains right of gold, then F1)."""
    return sorted(score.articles, key=lambda row: (row.get("chain_of_gold", 0), row.get("f1", 0), row.get("id", 0)))


@dataclass(frozen=True)
class AccuracyOverview:
    """What the accuracy page shows."""

    latest: EngineScore | None
    pending: EngineScore | None
    failed: EngineScore | None
    by_kind: list[BreakdownRow]
    by_source_type: list[BreakdownRow]
    articles: list[dict[str, Any]]
    trend: list[TrendRow]
    chart: TrendChart | None
    corrections: CorrectionTable


def accuracy_overview() -> AccuracyOverview:
    latest = score_latest()
    trend = score_trend()
    return AccuracyOverview(
        latest=latest,
        pending=score_pending(),
        failed=score_failed_since(latest),
        by_kind=breakdown_rows(latest.by_kind, by="kind") if latest else [],
        by_source_type=breakdown_rows(latest.by_source_type, by="source_type") if latest else [],
        articles=score_articles(latest) if latest else [],
        trend=trend,
        chart=trend_chart(trend),
        corrections=correction_counts(),
    )
