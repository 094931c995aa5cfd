"""The stories tasks: thin, take ids, safe to run twice."""

from __future__ import annotations

import logging

from django.db import IntegrityError, InterfaceError, OperationalError

from newsverify.celery import app
from newsverify.stories import services, summaries

logger = logging.getLogger(__name__)


# Two workers filing the same claim into a story at once: the loser's insert breaks the one-story-
# per-claim constraint, and running it again (idempotent) finds the winner's story and joins it.
@app.task(
    acks_late=True,
    name="newsverify.stories.tasks.story_match_article",
    autoretry_for=(IntegrityError, OperationalError, InterfaceError),
    max_retries=3,
    retry_backoff=2,
)
def story_match_article(article_id: int) -> int:
    matches = services.story_match_article(article_id=article_id)
    logger.info("Article %s matched to stored claims: %d matches", article_id, len(matches))
    return len(matches)


# Rebuilding is idempotent (the same rows again); a story gone since is skipped.
@app.task(
    acks_late=True,
    name="newsverify.stories.tasks.story_notes_rebuild",
    autoretry_for=(OperationalError, InterfaceError),
    max_retries=3,
    retry_backoff=2,
)
def story_notes_rebuild(story_ids: list[int]) -> int:
    written = summaries.story_notes_refresh(story_ids=story_ids)
    logger.info("Notes of stories %s rebuilt: %d notes", story_ids, written)
    return written
