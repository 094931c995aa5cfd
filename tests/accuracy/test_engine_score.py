"""The scoring service: reviewed articles, a report for each, figures and breakdowns stored on the run."""

from __future__ import annotations

import pytest

from newsverify.accuracy import services
from newsverify.accuracy.gold import gold_reading
from newsverify.accuracy.models import EngineScore, ScoreStatus
from newsverify.accuracy.tasks import score_engine
from tests.accuracy.gold_article import gold_as_report, reviewed_article

pytestmark = pytest.mark.django_db


def test_a_perfect_reading_scores_1_and_the_breakdowns_count_each_reviewed_claim(factchecker):
    article = reviewed_article(by=factchecker)

    summary = services.reviewed_score(articles=[article], report_for=lambda a: gold_as_report(a.text, gold_reading(a)))

    assert summary.figures["articles"] == 1 and summary.figures["gold_claims"] == 3
    assert summary.figures["f1"] == summary.figures["chain_of_gold"] == summary.figures["micro_f1"] == 1.0
    assert summary.by_kind == {
        "indirect": {"gold": 2, "found": 2, "chain": 2, "kind": 2},
        "according_to": {"gold": 1, "found": 1, "chain": 1, "kind": 1},
    }
    assert set(summary.by_source_type) == {"government_body", "person", "anonymous"}


def test_an_engine_that_finds_nothing_scores_0(factchecker):
    article = reviewed_article(by=factchecker)
    summary = services.reviewed_score(articles=[article], report_for=lambda a: {"claims": [], "sources": []})
    assert (summary.figures["recall"], summary.figures["f1"], summary.figures["matched"]) == (0.0, 0.0, 0)
    assert summary.by_kind["indirect"] == {"gold": 2, "found": 0, "chain": 0, "kind": 0}


def test_no_reviewed_articles_no_figures():
    summary = services.reviewed_score(articles=[], report_for=lambda a: {})
    assert summary.figures["articles"] == 0 and summary.figures["f1"] is None


def test_the_engine_run_stores_version_model_figures_and_breakdowns(factchecker, staff):
    reviewed_article(by=factchecker)
    score = EngineScore.objects.create(requested_by=staff)

    score_engine.apply(args=[score.pk])

    score.refresh_from_db()
    assert score.status == ScoreStatus.DONE and score.failure_reason == ""
    assert score.engine_version and score.engine_model.startswith("en_core_web_sm")
    assert score.article_count == 1 and score.figures["gold_claims"] == 3
    assert sum(row["gold"] for row in score.by_kind.values()) == 3
    assert sum(row["gold"] for row in score.by_source_type.values()) == 3
    assert score.articles[0]["title"] == "Drones over the harbour"


def test_a_failed_run_says_why(factchecker, staff, monkeypatch):
    reviewed_article(by=factchecker)
    score = EngineScore.objects.create(requested_by=staff)

    def broken(article):  # type: ignore[no-untyped-def]
        raise RuntimeError("the parser fell over")

    monkeypatch.setattr(services, "engine_report", broken)
    score_engine.apply(args=[score.pk])

    score.refresh_from_db()
    assert score.status == ScoreStatus.FAILED
    assert "the parser fell over" in score.failure_reason
