"""newsverify.db.CompiledQuery: built once, run with each call's values, answering as the ORM does."""

from __future__ import annotations

import datetime

import pytest
from django.db.models import Count, QuerySet

from newsverify.articles.models import Article
from newsverify.db import CompiledQuery
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def _by_publisher(publisher: str) -> QuerySet[Article]:
    return Article.objects.filter(publisher=publisher).order_by("pk")


def _published(publisher: str, after: int) -> QuerySet[Article]:
    return (
        Article.objects.filter(publisher=publisher, pk__gt=after)
        .values("pk", "published_on")
        .annotate(n=Count("claims"))
        .order_by("pk")
    )


def test_each_call_runs_with_its_own_values_and_builds_once() -> None:
    built = []

    def build(publisher: str) -> QuerySet[Article]:
        built.append(publisher)
        return _by_publisher(publisher)

    first, second = ArticleFactory(publisher="Daily One"), ArticleFactory(publisher="Daily Two")
    query = CompiledQuery(build)
    assert query.models("Daily One") == [first]
    assert query.models("Daily Two") == [second]
    assert query.models("Nobody") == []
    assert len(built) == 1


def test_rows_are_converted_as_the_orm_converts_them() -> None:
    day = datetime.date(2024, 5, 1)
    articles = [ArticleFactory(publisher="Daily One", published_on=day) for _ in range(3)]
    query = CompiledQuery(_published, values=2)
    expected = list(_published("Daily One", articles[0].pk))
    assert query.rows("Daily One", articles[0].pk) == expected
    assert expected and isinstance(expected[0]["published_on"], datetime.date)


def test_a_value_the_sql_does_not_carry_as_a_parameter_is_refused() -> None:
    query = CompiledQuery(lambda publisher: Article.objects.all())
    with pytest.raises(ValueError, match="not a parameter"):
        query.rows("Daily One")
