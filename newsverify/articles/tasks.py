"""Celery tasks: thin, take ids, re-read the row, safe to run twice (acks_late redelivers)."""

from __future__ import annotations

import logging
import time
from contextvars import Token

from celery import signals
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils.module_loading import import_string

from newsverify.articles import recovery, services
from newsverify.celery import app
from newsverify.log_context import current_article_id

logger = logging.getLogger(__name__)

# Database hiccups (a restart, a lock timeout) are worth another try; engine errors are not.
TRANSIENT_ERRORS = (OperationalError, InterfaceError)


def failure_reason(exc: BaseException) -> str:
    """What to tell the editor, in words, when the analysis fails."""
    if isinstance(exc, SoftTimeLimitExceeded):
        return (
            f"The analysis took longer than {settings.CELERY_TASK_SOFT_TIME_LIMIT} seconds and was stopped. "
            "Very long articles may need to be split; try re-analysing."
        )
    if isinstance(exc, OSError) and "Can't find model" in str(exc):
        return (
            f"The worker could not load the language model {settings.NEWSVERIFY_SPACY_MODEL!r}: it is not installed. "
            "Install it in the worker's environment (pip install -r requirements.txt) and re-analyse."
        )
    if isinstance(exc, TRANSIENT_ERRORS):
        return f"The database was unavailable during the analysis, even after retrying ({exc}). Re-analyse later."
    detail = str(exc).strip() or "no details"
    return (
        f"The attribution engine failed on this article ({type(exc).__name__}: {detail[:300]}). "
        "Re-analyse to try again."
    )


@app.task(bind=True, max_retries=3, acks_late=True)
def analyse_article(task, article_id: int) -> None:  # type: ignore[no-untyped-def]
    # A duplicate delivery (redelivered, or re-sent by the recovery sweep) claims nothing and stops here.
    article = recovery.article_analysis_start(article_id=article_id, retrying=task.request.retries > 0)
    if article is None:
        return
    try:
        stored = services.article_analyse(article=article)
    except TRANSIENT_ERRORS as exc:
        if task.request.retries < task.max_retries:
            logger.warning("Article %s: the database failed during the analysis (%s); retrying", article_id, exc)
            raise task.retry(exc=exc, countdown=2 ** (task.request.retries + 1)) from exc
        services.article_analysis_fail(article_id=article_id, reason=failure_reason(exc))
        raise
    except Exception as exc:
        logger.exception("Analysis of article %s failed", article_id)
        services.article_analysis_fail(article_id=article_id, reason=failure_reason(exc))
        return
    logger.info(
        "Article %s analysed and stored: %d claims (attempt %d)",
        article_id,
        stored.claims.count(),
        stored.analysis_attempts,
    )
    after_analysis_run(article_id)


def after_analysis_run(article_id: int) -> None:
    # The follow-up steps on a stored analysis (matching its claims across articles), run here in
    # the worker, after the store has committed, and named in settings: articles imports nothing of
    # the apps above it. Not sent as tasks of their own, so the analysis queue holds only analyses
    # (the recovery sweep reads its length). A step that fails is logged and loses nothing stored;
    # re-analysing, or manage.py story_match, runs it again.
    # Each step's time is logged (wall and CPU), as the analysis's are: benchmarks/ingest.py reads it.
    for path in settings.NEWSVERIFY_AFTER_ANALYSIS:
        started, cpu = time.perf_counter(), time.process_time()
        try:
            import_string(path)(article_id=article_id)
        except Exception:
            logger.exception("%s failed for article %s", path, article_id)
        logger.info(
            "Article %s after analysis: %s %.4fs (cpu %.4fs)",
            article_id,
            path.rsplit(".", 1)[-1],
            time.perf_counter() - started,
            time.process_time() - cpu,
        )


# Every line logged while an article is analysed names it (newsverify/log_context.py), Celery's own
# "succeeded" / "retry" lines for the task too: they are logged between these two signals.
@signals.task_prerun.connect(sender=analyse_article)
def _article_log_context_enter(
    task_id: str, task: object, args: tuple = (), kwargs: dict | None = None, **_: object
) -> None:  # type: ignore[type-arg]
    article_id = args[0] if args else (kwargs or {}).get("article_id")
    _log_contexts[task_id] = current_article_id.set(article_id)


@signals.task_postrun.connect(sender=analyse_article)
def _article_log_context_leave(task_id: str, **_: object) -> None:
    token = _log_contexts.pop(task_id, None)
    if token is not None:
        current_article_id.reset(token)


_log_contexts: dict[str, Token[int | None]] = {}
