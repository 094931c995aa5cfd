"""``ids_in`` selects what ``__in`` selects, from ids as integers only."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsverify.lookups import ids_in
from newsverify.sources.models import Source


def test_ids_in_selects_the_rows_in_selects(db) -> None:
    sources = [Source.objects.create(name=f"Source {n}", type="person") for n in range(6)]
    pks = [source.pk for source in sources]
    for wanted in ([pks[0]], pks[1:4], [pks[5], pks[2], pks[5]], [*pks, 10**9], (str(pks[3]),)):
        expected = set(Source.objects.filter(pk__in=wanted).values_list("pk", flat=True))
        assert set(Source.objects.filter(ids_in("pk", wanted)).values_list("pk", flat=True)) == expected
        assert set(Source.objects.exclude(ids_in("pk", wanted)).values_list("pk", flat=True)) == set(pks) - expected


def test_no_ids_selects_nothing_without_a_query(db) -> None:
    Source.objects.create(name="Someone", type="person")
    with CaptureQueriesContext(connection) as captured:
        assert list(Source.objects.filter(ids_in("pk", []))) == []
    assert not captured.captured_queries


def test_only_integers_reach_the_sql(db) -> None:
    with pytest.raises(ValueError):
        list(Source.objects.filter(ids_in("pk", ["1) OR (1=1"])))
    with pytest.raises(ValueError):
        list(Source.objects.filter(ids_in("pk", ["1.5"])))


def test_a_compiled_query_takes_the_ids_as_its_value(db) -> None:
    from newsverify.db import CompiledQuery
    from newsverify.lookups import ids_in_compiled, ids_parameter

    sources = [Source.objects.create(name=f"Source {n}", type="person") for n in range(5)]
    pks = [source.pk for source in sources]
    named = CompiledQuery(lambda ids: Source.objects.filter(ids_in_compiled("pk", ids)).order_by("pk").values("pk"))
    # Compiled once, run with each call's ids.
    for wanted in (pks[:2], pks[3:], [pks[4], pks[0]], []):
        assert [row["pk"] for row in named.rows(ids_parameter(wanted))] == sorted(wanted)
    with pytest.raises(ValueError):
        ids_parameter(["1; DROP TABLE sources_source"])
