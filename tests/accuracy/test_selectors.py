"""The accuracy page's reads: corrections counted by type and month, the trend by engine version, its chart."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.utils import timezone

from newsverify.accuracy.chart import trend_chart
from newsverify.accuracy.models import EngineScore, ScoreStatus
from newsverify.accuracy.selectors import accuracy_overview, breakdown_rows, correction_counts, score_trend
from newsverify.review import corrections
from newsverify.review.corrections import SourcePick
from newsverify.review.models import ReviewAction
from newsverify.sources.models import SourceType
from tests.accuracy.gold_article import reviewed_article

pytestmark = pytest.mark.django_db


def _done(version: str, *, f1: float, chain: float, when: datetime.datetime) -> EngineScore:
    return EngineScore.objects.create(
        status=ScoreStatus.DONE,
        engine_version=version,
        finished_at=when,
        article_count=1,
        figures={"f1": f1, "chain_of_gold": chain, "gold_claims": 3},
    )


def test_corrections_are_counted_by_type_most_common_first_and_by_month_newest_first(factchecker):
    last_month = timezone.now() - datetime.timedelta(days=40)
    with mock.patch("django.utils.timezone.now", return_value=last_month):
        article = reviewed_article(by=factchecker)
    drones = article.claims.get(text="three drones were intercepted")
    corrections.hop_source_change(
        claim=drones, by=factchecker, position=1, source=SourcePick(name="Reuters", type=SourceType.NEWS_AGENCY)
    )

    table = correction_counts()

    assert table.periods == sorted(table.periods, reverse=True) and len(table.periods) == 2
    first = table.rows[0]
    assert (first.action, first.total, first.per_period) == (ReviewAction.HOP_SOURCE, 2, [1, 1])
    assert {row.action for row in table.rows} == {
        ReviewAction.HOP_SOURCE,
        ReviewAction.HOP_MEDIUM,
        ReviewAction.NOT_A_CLAIM,
        ReviewAction.CLAIM_ADDED,
    }
    # A confirmation is not a correction, nor is a verdict.
    assert table.total == 5


def test_the_trend_has_the_newest_run_of_each_version_oldest_version_first():
    now = timezone.now()
    _done("0.1.0", f1=0.5, chain=0.2, when=now - datetime.timedelta(days=9))
    newer = _done("0.1.0", f1=0.6, chain=0.3, when=now - datetime.timedelta(days=5))
    latest = _done("0.2.0", f1=0.8, chain=0.5, when=now)
    EngineScore.objects.create(status=ScoreStatus.FAILED, failure_reason="boom", engine_version="0.3.0")

    trend = score_trend()

    assert [(row.engine_version, row.score.pk, row.runs) for row in trend] == [
        ("0.1.0", newer.pk, 2),
        ("0.2.0", latest.pk, 1),
    ]
    chart = trend_chart(trend)
    assert chart is not None
    f1_old, f1_new = (group.bars[0] for group in chart.groups)
    # Taller for the better figure, both standing on the baseline.
    assert f1_new.height > f1_old.height > 0
    assert f1_new.y + f1_new.height == pytest.approx(chart.baseline)
    assert accuracy_overview().failed.failure_reason == "boom"


def test_no_runs_no_chart():
    assert trend_chart(score_trend()) is None
    assert accuracy_overview().latest is None


def test_breakdown_rows_name_kinds_and_source_types():
    rows = breakdown_rows({"direct": {"gold": 4, "found": 2, "chain": 1, "kind": 2}}, by="kind")
    assert (rows[0].label, rows[0].found_rate, rows[0].chain_rate, rows[0].kind_rate) == (
        "Direct quote",
        0.5,
        0.25,
        1.0,
    )
    [row] = breakdown_rows({"news_agency": {"gold": 1, "found": 0, "chain": 0, "kind": 0}}, by="source_type")
    assert (row.label, row.kind_rate) == ("News agency", None)
