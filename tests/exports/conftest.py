from __future__ import annotations

import pytest

from newsverify.articles.models import ArticleStatus
from newsverify.articles.tasks import analyse_article
from newsverify.review.models import Claim
from tests.factories import ArticleFactory

DRONES = "three drones were intercepted"


def is_russian_defence_ministry(name: str) -> bool:
    """The registry keeps one name for it ("Russian Ministry of Defense" or "Russian Defence Ministry")."""
    return "russia" in name.lower() and ("defence" in name.lower() or "defense" in name.lower())


@pytest.fixture
def seed_article(db, seed_text, nlp):  # type: ignore[no-untyped-def]
    """The seed article, analysed by the real engine (the task function, run in this process)."""
    article = ArticleFactory(
        text=seed_text,
        title="Putin says ceasefire hard to implement",
        publisher="Example Times",
        url="https://example.com/news/ceasefire",
        status=ArticleStatus.QUEUED,
    )
    analyse_article(article.pk)
    article.refresh_from_db()
    assert article.status == ArticleStatus.DONE, article.failure_reason
    return article


@pytest.fixture
def drones_claim(seed_article) -> Claim:  # type: ignore[no-untyped-def]
    return Claim.objects.get(article=seed_article, text=DRONES)
