import pytest

from newsverify.articles.services import analysis_store
from newsverify.review.models import Claim
from tests.factories import ArticleFactory
from tests.reports import TEXT, small_report


@pytest.fixture
def article(db):  # type: ignore[no-untyped-def]
    article = ArticleFactory(text=TEXT, publisher="Example Times")
    return analysis_store(article_id=article.pk, report=small_report())


@pytest.fixture
def drones(article) -> Claim:  # type: ignore[no-untyped-def]
    return article.claims.get(text="three drones were intercepted")
