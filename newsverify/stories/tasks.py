"""The stories task: thin, takes an article id, safe to run twice."""

from __future__ import annotations

import logging

from newsverify.celery import app
from newsverify.stories import services

logger = logging.getLogger(__name__)


@app.task(acks_late=True, name="newsverify.stories.tasks.story_match_article")
def story_match_article(article_id: int) -> int:
    matches = services.story_match_article(article_id=article_id)
    logger.info("Article %s matched to stored claims: %d matches", article_id, len(matches))
    return len(matches)
