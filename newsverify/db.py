"""Database connection tweaks that are not settings."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.signals import connection_created
from django.db.models import QuerySet
from django.db.models.query import get_related_populators


def _sqlite_query_params(sender: object, connection: object, **kwargs: object) -> None:
    """Let bulk writes on SQLite use the library's real limit of variables per statement.

    Django assumes SQLite's old compile-time default of 999, so a bulk insert of a few hundred claims
    was cut into many statements; SQLite since 3.32 allows 32,766 (asked of the library itself).
    """
    if getattr(connection, "vendor", None) != "sqlite":
        return
    raw = connection.connection  # type: ignore[attr-defined]
    limit = raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) if hasattr(raw, "getlimit") else 999
    connection.features.max_query_params = max(999, limit)  # type: ignore[attr-defined]


def connect_signals() -> None:
    connection_created.connect(_sqlite_query_params, dispatch_uid="newsverify.db.sqlite_query_params")


# Stand for the values a compiled query is run with (no id reaches them); each appears once in the
# parameters, so it is put back by position.
_MARKER = 987_654_321_000


class CompiledQuery:
    """A queryset built and compiled to SQL once per process and database, then run with new values.

    Building a queryset and compiling it costs the ORM far more than the database spends on a
    query that reads a few rows by key (a chain panel's story link: 2.9 ms of CPU a panel built
    each time, 0.2 ms compiled once). ``build`` receives one marker number per value and returns
    the queryset; the values a call gives take the markers' places among the SQL's parameters, as
    given (ids and strings, as the database takes them: no field's conversion runs on them).
    Nothing else in ``build`` may change between calls (no clock, no setting read per request): it
    is run once per database alias (two threads compiling at once both get the same SQL).

    ``rows`` gives ``values()`` rows as dicts, through the same converters as the ORM's; ``models``
    gives model instances (a raw queryset of the model's columns, for ``build`` returning a
    queryset of model rows without ``select_related``); ``objects`` gives model instances as the
    queryset itself would, its ``select_related`` rows and annotations included.
    """

    def __init__(self, build: Callable[..., QuerySet[Any]], *, values: int = 1) -> None:
        self._build = build
        self._values = values
        self._compiled: dict[str, tuple[Any, ...]] = {}

    def _compile(self, alias: str) -> tuple[Any, ...]:
        markers = [_MARKER + index for index in range(self._values)]
        queryset = self._build(*markers).using(alias)
        query = queryset.query
        compiler = query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        places = []
        for marker in markers:
            # A text column's lookup takes the marker as a string.
            found = [index for index, value in enumerate(params) if str(value) == str(marker)]
            if not found:
                raise ValueError(f"{self._build.__name__}: a value is not a parameter of its SQL")
            places.append(found)
        # The names ``values()`` gives its columns, as Django's ValuesIterable reads them.
        names = list(query.selected) if query.selected else [*query.values_select, *query.annotation_select]
        return sql, tuple(params), places, names, compiler, queryset.model

    def sql(self, *values: Any, using: str = DEFAULT_DB_ALIAS) -> tuple[str, list[Any]]:
        if using not in self._compiled:
            self._compiled[using] = self._compile(using)
        sql, params, places, *_ = self._compiled[using]
        filled = list(params)
        for value, indexes in zip(values, places, strict=True):
            for index in indexes:
                filled[index] = value
        return sql, filled

    def rows(self, *values: Any, using: str = DEFAULT_DB_ALIAS) -> list[dict[str, Any]]:
        """The rows of a ``values()`` queryset, converted as the ORM converts them."""
        sql, params = self.sql(*values, using=using)
        names, compiler = self._compiled[using][3:5]
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            fetched = cursor.fetchall()
        return [dict(zip(names, row, strict=True)) for row in compiler.results_iter(results=[fetched])]

    def models(self, *values: Any, using: str = DEFAULT_DB_ALIAS) -> list[Any]:
        """Model instances, for a queryset of its model's own columns (no ``select_related``)."""
        sql, params = self.sql(*values, using=using)
        model = self._compiled[using][-1]
        return list(model.objects.raw(sql, params, using=using))

    def objects(self, *values: Any, using: str = DEFAULT_DB_ALIAS) -> list[Any]:
        """Model instances as iterating the queryset gives them (Django's ``ModelIterable``): the
        related rows of its ``select_related`` in place, its annotations as attributes."""
        sql, params = self.sql(*values, using=using)
        compiler = self._compiled[using][4]
        select, klass_info, annotations = compiler.select, compiler.klass_info, compiler.annotation_col_map
        model, fields = klass_info["model"], klass_info["select_fields"]
        start, end = fields[0], fields[-1] + 1
        names = [column[0].target.attname for column in select[start:end]]
        populators = get_related_populators(klass_info, select, using)
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            fetched = cursor.fetchall()
        found = []
        for row in compiler.results_iter(results=[fetched]):
            obj = model.from_db(using, names, row[start:end])
            for populator in populators:
                populator.populate(row, obj)
            for name, index in (annotations or {}).items():
                setattr(obj, name, row[index])
            found.append(obj)
        return found
