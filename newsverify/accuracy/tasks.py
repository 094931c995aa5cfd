"""The scoring run as a Celery task: takes the run's id, re-reads it, safe to run twice."""

from __future__ import annotations

import logging

from newsverify.accuracy import services
from newsverify.articles.tasks import TRANSIENT_ERRORS
from newsverify.celery import app

logger = logging.getLogger(__name__)


def failure_reason(exc: BaseException) -> str:
    detail = str(exc).strip() or "no details"
    return f"Scoring the engine failed ({type(exc).__name__}: {detail[:300]}). Start a new run to try again."


@app.task(bind=True, max_retries=3, acks_late=True)
def score_engine(self, score_id: int) -> None:  # type: ignore[no-untyped-def]
    score = services.engine_score_start(score_id=score_id)
    if score is None:
        logger.info("Engine score %s is gone or already done; nothing to do", score_id)
        return
    try:
        services.engine_score_compute(score=score)
    except TRANSIENT_ERRORS as exc:
        if self.request.retries < self.max_retries:
            raise self.retry(exc=exc, countdown=2 ** (self.request.retries + 1)) from exc
        services.engine_score_fail(score_id=score_id, reason=failure_reason(exc))
        raise
    except Exception as exc:
        logger.exception("Scoring the engine (run %s) failed", score_id)
        services.engine_score_fail(score_id=score_id, reason=failure_reason(exc))
