"""An article with many claims, stored through the real store: for tests and benchmarks of big articles."""

from __future__ import annotations

from newsverify.articles.analysis_store import analysis_store
from newsverify.articles.models import Article, ArticleStatus
from tests.factories import ArticleFactory
from tests.reports import long_article_report


def article_with_claims(n: int, *, lead: str = "", **fields: object) -> Article:
    """A done article whose reading has ``n`` claims (``long_article_report``), stored by ``analysis_store``.

    ``lead`` goes before the text: articles with the same number of claims need one to differ.
    """
    text, report = long_article_report(n, lead=lead)
    fields.setdefault("title", f"{n} claims")
    article = ArticleFactory(text=text, status=ArticleStatus.ANALYSING, **fields)
    return analysis_store(article_id=article.pk, report=report)
