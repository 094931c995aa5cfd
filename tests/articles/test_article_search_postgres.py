"""Article search on PostgreSQL: full-text, through the GIN index built from the same expression."""

from __future__ import annotations

import pytest
from django.db import connection

from newsverify.articles.selectors import articles_search
from tests.conftest import require_service
from tests.factories import ArticleFactory

pytestmark = pytest.mark.postgres


@pytest.fixture
def articles(db):  # type: ignore[no-untyped-def]
    require_service(connection.vendor == "postgresql", "PostgreSQL: run with DATABASE_URL=postgres://...")
    return [
        ArticleFactory(title="Harbour report", text="Rescuers evacuated the villages overnight."),
        ArticleFactory(title="Market report", text="Shares rose on Monday."),
    ]


def test_a_search_finds_words_in_any_form(articles) -> None:
    found = [a.title for a in articles_search(filters={"q": "evacuating village"})]
    assert found == ["Harbour report"]
    assert [a.title for a in articles_search(filters={"q": "report -shares"})] == ["Harbour report"]


def test_the_search_uses_the_full_text_index(articles) -> None:
    with connection.cursor() as cursor:
        # Only a bitmap scan is left cheap: the GIN index, if the query's expression is the index's.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    plan = articles_search(filters={"q": "villages"}).explain()
    assert "article_search_vector" in plan
