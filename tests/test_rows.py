"""Bulk writes of prepared rows (newsverify.rows): what the ORM would store, in one statement per batch."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection, transaction

from newsverify.articles.models import Article
from newsverify.review.models import Claim, ClaimKind, ReviewStatus
from newsverify.rows import rows_ids, rows_insert, rows_together, rows_update
from newsverify.sources.models import ArticleSource, Source, SourceType
from tests.factories import ArticleFactory, SourceFactory

pytestmark = pytest.mark.django_db

CLAIM_FIELDS = ("article_id", "engine_key", "span_start", "span_end", "text", "kind", "depth")


def claim_rows(article_id: int, count: int) -> list[tuple]:
    return [(article_id, f"c{n}", n, n + 5, f"claim {n}", ClaimKind.DIRECT, 1) for n in range(count)]


def test_inserted_rows_come_back_in_order_with_every_other_column_at_its_default():
    article = ArticleFactory()
    returned = rows_insert(Claim, CLAIM_FIELDS, claim_rows(article.pk, 3), returning=("id", "engine_key"))
    assert [key for _, key in returned] == ["c0", "c1", "c2"]
    stored = {claim.pk: claim for claim in Claim.objects.filter(article=article)}
    assert [stored[pk].engine_key for pk, _ in returned] == ["c0", "c1", "c2"]
    claim = stored[returned[1][0]]
    assert (claim.span_start, claim.span_end, claim.text, claim.kind) == (1, 6, "claim 1", ClaimKind.DIRECT)
    assert claim.review_status == ReviewStatus.UNREVIEWED
    assert claim.not_a_claim is False
    assert claim.engine_suggestion is None and claim.retired_at is None and claim.cue_start is None


def test_json_and_automatic_dates_are_prepared_as_the_orm_would():
    article, source = ArticleFactory(), SourceFactory()
    before = datetime.now(UTC)
    (new_source,) = rows_insert(Source, ("name", "type"), [("Radio Valmor", SourceType.NEWS_OUTLET)])
    assert Source.objects.get(pk=new_source[0]).created_at >= before.replace(microsecond=0)
    rows_insert(
        ArticleSource,
        ("article_id", "source_id", "engine_key", "name", "type", "aliases"),
        [
            (article.pk, source.pk, "s1", "Ana Lima", SourceType.PERSON, ["Lima", "Ms Lima"]),
            (article.pk, source.pk, "s2", "Radio", SourceType.NEWS_OUTLET, []),
        ],
        returning=(),
    )
    assert dict(ArticleSource.objects.filter(article=article).values_list("engine_key", "aliases")) == {
        "s1": ["Lima", "Ms Lima"],
        "s2": [],
    }


def test_rows_beyond_a_statements_parameters_go_in_batches(monkeypatch, django_assert_num_queries):
    article = ArticleFactory()
    columns = len(Claim._meta.concrete_fields) - 1  # all but the id
    monkeypatch.setattr(connection.features, "max_query_params", 2 * columns)  # two rows per VALUES list
    statements = 1 if connection.vendor == "postgresql" else 3  # PostgreSQL: one array per column
    with django_assert_num_queries(statements):
        returned = rows_insert(Claim, CLAIM_FIELDS, claim_rows(article.pk, 5), returning=("engine_key",))
    assert returned == [(f"c{n}",) for n in range(5)]
    assert Claim.objects.filter(article=article).count() == 5


def test_nothing_to_write_sends_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert rows_insert(Claim, CLAIM_FIELDS, []) == []
        rows_update(Claim, ["cue_start"], [])


def test_an_update_sets_each_row_its_values_nulls_and_dates_included():
    article = ArticleFactory()
    ids = [pk for (pk,) in rows_insert(Claim, CLAIM_FIELDS, claim_rows(article.pk, 3))]
    when = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)
    rows_update(Claim, ["cue_start", "retired_at", "text"], [(ids[0], 7, when, "seven"), (ids[2], 9, None, "nine")])
    # A column given only NULLs (cue_start below) must still be typed for PostgreSQL.
    rows_update(Claim, ["cue_start"], [(ids[1], None)])
    claims = {claim.pk: claim for claim in Claim.objects.filter(article=article)}
    assert (claims[ids[0]].cue_start, claims[ids[0]].retired_at, claims[ids[0]].text) == (7, when, "seven")
    assert (claims[ids[2]].cue_start, claims[ids[2]].retired_at, claims[ids[2]].text) == (9, None, "nine")
    assert (claims[ids[1]].cue_start, claims[ids[1]].text) == (None, "claim 1"), "a row not named is left alone"


def test_values_arrive_as_the_orm_stores_them():
    """Escapes, JSON strings and nulls, nested JSON, dates and floats (PostgreSQL's rows go as JSON)."""
    article = ArticleFactory()
    when = datetime(2026, 3, 4, 5, 6, 7, 891011, tzinfo=UTC)
    fields = (*CLAIM_FIELDS, "confidence", "engine_suggestion", "corrected_at")
    rows = [
        (article.pk, "c0", 0, 5, 'quote " backslash \\ é\n', ClaimKind.DIRECT, 1, 0.1 + 0.2, "a JSON string", when),
        (article.pk, "c1", 1, 6, "x", ClaimKind.DIRECT, 1, None, None, None),
        (article.pk, "c2", 2, 7, "y", ClaimKind.DIRECT, 1, 0.25, {"chain": [1, "two"], "absent": True}, None),
    ]
    ids = [pk for (pk,) in rows_insert(Claim, fields, rows)]
    claims = [Claim.objects.get(pk=pk) for pk in ids]
    assert claims[0].text == 'quote " backslash \\ é\n' and claims[0].corrected_at == when
    assert [claim.confidence for claim in claims] == [0.1 + 0.2, None, 0.25], "floats exactly"
    nested = {"chain": [1, "two"], "absent": True}
    assert [claim.engine_suggestion for claim in claims] == ["a JSON string", None, nested]
    assert Claim.objects.filter(pk=ids[1], engine_suggestion__isnull=True).exists(), "None is SQL NULL, not JSON null"
    rows_update(Claim, ["engine_suggestion", "confidence"], [(ids[1], {"k": "v"}, 1.0), (ids[2], None, None)])
    updated = {claim.pk: (claim.engine_suggestion, claim.confidence) for claim in Claim.objects.filter(pk__in=ids)}
    assert (updated[ids[1]], updated[ids[2]]) == (({"k": "v"}, 1.0), (None, None))


def test_reserved_ids_are_new_and_no_later_insert_takes_them(django_assert_num_queries):
    article = ArticleFactory()
    (before,) = rows_insert(Claim, CLAIM_FIELDS, [(article.pk, "before", 0, 1, "x", ClaimKind.DIRECT, 1)])
    with transaction.atomic():
        rows_ids({Claim: 1, Source: 1})  # PostgreSQL finds the sequences' names once a process
        with django_assert_num_queries(1):  # then one statement for every model
            ids = rows_ids({Claim: 3, Source: 2, ArticleSource: 0})
        assert ids[ArticleSource] == []
        assert ids[Claim] == sorted(ids[Claim]) and len(set(ids[Claim])) == 3 and ids[Claim][0] > before[0]
        assert not Claim.objects.filter(pk__in=ids[Claim]).exists()
        (later,) = rows_insert(Claim, CLAIM_FIELDS, [(article.pk, "later", 0, 1, "x", ClaimKind.DIRECT, 1)])
        assert later[0] not in ids[Claim], "an insert that takes its own id never takes a reserved one"
        rows_insert(
            Claim,
            ("id", *CLAIM_FIELDS),
            [(pk, *row) for pk, row in zip(ids[Claim], claim_rows(article.pk, 3), strict=True)],
            returning=(),
        )
        stored = Claim.objects.filter(article=article, engine_key__in=["c0", "c1", "c2"]).values_list("pk", flat=True)
        assert set(stored) == set(ids[Claim])


def test_writes_held_together_go_as_one_statement_in_their_order(django_assert_num_queries):
    article = ArticleFactory()
    together = connection.vendor == "postgresql"
    with transaction.atomic():
        ids = rows_ids({Claim: 2})[Claim]
        rows = [(pk, *row) for pk, row in zip(ids, claim_rows(article.pk, 2), strict=True)]
        # PostgreSQL: the insert and the article's update in one statement, the claim's update in another.
        with django_assert_num_queries(2 if together else 3), rows_together():
            rows_insert(Claim, ("id", *CLAIM_FIELDS), rows, returning=())
            rows_update(Article, ["title"], [(article.pk, "held")])
            rows_update(Claim, ["cue_start"], [(ids[0], 3)])  # a table already held: the held ones go first
        assert Claim.objects.get(pk=ids[0]).cue_start == 3
        with rows_together():
            rows_update(Claim, ["text"], [(ids[1], "seen")])
            # Any other statement sends what is held before it runs.
            assert Claim.objects.get(pk=ids[1]).text == "seen"
    assert Article.objects.get(pk=article.pk).title == "held"
