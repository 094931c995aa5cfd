"""Bulk writes of prepared rows: one statement per batch, built without the ORM's compiler.

``bulk_create`` and ``bulk_update`` build a statement from model instances, field by field and
value by value, and for the few dozen rows of a short article that preparation costs more than the
database's work (profiled on the analysis store: half its Python). Here rows come as tuples of
column values in a fixed order; each value goes through its field's preparation only when the field
needs one (JSON, dates), so what reaches the database is what the ORM would send. Table and column
names come from the models, quoted; every value is a parameter.

On PostgreSQL the rows go as one JSON parameter, read back as rows of the table's own type
(``json_populate_recordset(NULL::table, %s)``): the statement's text is the same whatever the number
of rows, so psycopg converts it once per process and the server plans a short statement, and the
rows are encoded by the json module's C encoder. (A multi-row ``VALUES`` list of a few hundred
placeholders is split by a regular expression on every call: a quarter of the store's Python,
profiled; typed arrays per column, as Django's ``bulk_create`` sends there, are quoted element by
element in Python by psycopg's client-side binding: another quarter.) SQLite: a ``VALUES`` list.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, models
from django.utils import timezone

# Fields whose Python values are the database's (numbers, strings, booleans, keys): sent as they are.
_PLAIN = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "BigIntegerField",
        "BooleanField",
        "CharField",
        "FloatField",
        "ForeignKey",
        "IntegerField",
        "PositiveBigIntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SmallIntegerField",
        "TextField",
    }
)
# psycopg's limit of parameters per statement (SQLite's is in ``features.max_query_params``).
_MAX_PARAMS = 65_535


def _field(model: type[models.Model], name: str) -> models.Field:
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field) or not field.concrete:
        raise ValueError(f"{model.__name__}.{name} is not a column")
    return field


def _preparers(fields: Sequence[models.Field]) -> tuple[tuple[int, Callable[[Any], Any]], ...]:
    """(position, preparation) of the fields whose values need one (JSON, dates): the others go as they are."""
    return tuple(
        (index, functools.partial(_prepare, field))
        for index, field in enumerate(fields)
        if field.get_internal_type() not in _PLAIN
    )


def _prepare(field: models.Field, value: Any) -> Any:
    return field.get_db_prep_save(value, connection)


def _prepared(rows: Sequence[Sequence[Any]], preparers: tuple[tuple[int, Callable[[Any], Any]], ...]) -> list[Any]:
    if not preparers:
        return list(rows)
    prepared = []
    for row in rows:
        values = list(row)
        for index, prepare in preparers:
            values[index] = prepare(values[index])
        prepared.append(values)
    return prepared


def _default(field: models.Field) -> Any:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return timezone.now()
    return field.get_default()


def _batch(columns: int) -> int:
    return max(1, (connection.features.max_query_params or _MAX_PARAMS) // max(1, columns))


def _array_type(field: models.Field) -> str:
    """The column's type for a cast, without its parameters (varchar, not varchar(50)): nothing is cut."""
    return str(field.db_type(connection)).split("(")[0]


def _json_value(value: Any) -> Any:
    """What ``json`` cannot write itself, as PostgreSQL reads it from text (dates, decimals, UUIDs)."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _rows_json(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """``rows`` as a JSON array of objects keyed by column, for ``json_populate_recordset``; a JSON
    field's value goes as itself (the column reads it as JSON). JSON has no NaN or infinities:
    PostgreSQL refuses them, as the models' checks on their floats (shares, scores) would."""
    return json.dumps([dict(zip(columns, row, strict=True)) for row in rows], default=_json_value)


def _recordset_preparers(fields: Sequence[models.Field]) -> tuple[tuple[int, Callable[[Any], Any]], ...]:
    """The preparations a JSON row needs: none for JSON fields (their values are JSON already)."""
    return tuple(
        (index, prepare) for index, prepare in _preparers(fields) if fields[index].get_internal_type() != "JSONField"
    )


@dataclass(frozen=True)
class _Insert:
    """An insert's statement, put together once per model, fields and returned columns."""

    head: str  # INSERT INTO table (columns)
    tail: str  # ON CONFLICT DO NOTHING, RETURNING ..., or nothing
    given: tuple[tuple[int, Callable[[Any], Any]], ...]  # preparations of the given fields
    others: tuple[models.Field, ...]  # the other columns, which take their defaults
    defaults: tuple[tuple[int, Callable[[Any], Any]], ...]  # and their preparations
    # PostgreSQL: the given columns of json_populate_recordset(NULL::table, %s), each default a parameter
    recordset: str
    columns: tuple[str, ...]  # the given fields' columns, the JSON objects' keys
    json_given: tuple[tuple[int, Callable[[Any], Any]], ...]  # preparations of the given fields for JSON


@functools.lru_cache(maxsize=64)
def _insert(
    model: type[models.Model], fields: tuple[str, ...], returning: tuple[str, ...], skip_conflicts: bool, vendor: str
) -> _Insert:
    given = [_field(model, name) for name in fields]
    named = {field.attname for field in given}
    others = tuple(
        field
        for field in model._meta.concrete_fields
        if field.attname not in named and not (field.primary_key and isinstance(field, models.AutoField))
    )
    quote = connection.ops.quote_name
    names = ", ".join(quote(field.column) for field in [*given, *others])
    table = quote(model._meta.db_table)
    selected = ", ".join(f"given.{quote(field.column)}" for field in given)
    defaults = "".join(f", %s::{_array_type(field)}" for field in others)
    return _Insert(
        head=f"INSERT INTO {table} ({names}) ",
        tail=(" ON CONFLICT DO NOTHING" if skip_conflicts else "")
        + (f" RETURNING {', '.join(quote(_field(model, name).column) for name in returning)}" if returning else ""),
        given=_preparers(given),
        others=others,
        defaults=_preparers(others),
        recordset=f"SELECT {selected}{defaults} FROM json_populate_recordset(NULL::{table}, %s) AS given",  # noqa: S608  # nosec B608
        columns=tuple(field.column for field in given),
        json_given=_recordset_preparers(given),
    )


def rows_insert(
    model: type[models.Model],
    fields: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    returning: Sequence[str] = ("id",),
    skip_conflicts: bool = False,
) -> list[tuple[Any, ...]]:
    """Insert ``rows`` (each the values of ``fields``, named as on the model: "claim_id" or "claim")
    into the model's table; returns the ``returning`` columns of each new row, in the rows' order.

    With ``skip_conflicts``, a row that a unique constraint refuses is left out (``ON CONFLICT DO
    NOTHING``) and so is missing from what is returned: return a column that tells the rows apart.

    Every other column takes its field's default (``auto_now``/``auto_now_add``: now), computed
    once for the call. The rows come back in the order they were given, as ``bulk_create`` relies
    on (PostgreSQL's json_populate_recordset yields the array's rows in order, and it and SQLite
    3.35+ return the rows of an ``INSERT ... RETURNING`` so). Nothing is sent for no rows.
    """
    if not rows:
        return []
    plan = _insert(model, tuple(fields), tuple(returning), skip_conflicts, connection.vendor)  # type: ignore[arg-type]  # a class is hashable
    defaults = [_default(field) for field in plan.others]
    for index, prepare in plan.defaults:
        defaults[index] = prepare(defaults[index])
    if connection.vendor == "postgresql":
        # json_populate_recordset yields the array's rows in order, and so they are inserted and returned.
        document = _rows_json(plan.columns, _prepared(rows, plan.json_given))
        with connection.cursor() as cursor:
            cursor.execute(plan.head + plan.recordset + plan.tail, [*defaults, document])
            return cursor.fetchall() if returning else []
    values = _prepared(rows, plan.given)
    with connection.cursor() as cursor:
        width = len(fields) + len(plan.others)
        row_marks = "(" + ", ".join(["%s"] * width) + ")"
        size = _batch(width)
        returned: list[tuple[Any, ...]] = []
        for first in range(0, len(values), size):
            chunk = values[first : first + size]
            # Names from the model, quoted; values are parameters.
            sql = plan.head + "VALUES " + ", ".join([row_marks] * len(chunk)) + plan.tail  # nosec B608
            cursor.execute(sql, [value for row in chunk for value in (*row, *defaults)])
            if returning:
                returned.extend(cursor.fetchall())
    return returned


@dataclass(frozen=True)
class _Update:
    """An update's statement (PostgreSQL: the whole of it; SQLite: all but the VALUES list)."""

    head: str
    tail: str
    preparers: tuple[tuple[int, Callable[[Any], Any]], ...]
    columns: tuple[str, ...] = ()  # PostgreSQL: the JSON objects' keys


@functools.lru_cache(maxsize=64)
def _update(model: type[models.Model], fields: tuple[str, ...], vendor: str) -> _Update:
    pk = model._meta.pk
    if pk is None:  # pragma: no cover  (every concrete model has one)
        raise ValueError(f"{model.__name__} has no primary key")
    columns = [pk, *(_field(model, name) for name in fields)]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    # Names from the model, quoted; values are parameters.
    if vendor == "postgresql":
        assignments = ", ".join(f"{quote(field.column)} = moved.{quote(field.column)}" for field in columns[1:])
        return _Update(
            f"UPDATE {table} SET {assignments} FROM json_populate_recordset(NULL::{table}, %s) AS moved "  # noqa: S608  # nosec B608
            f"WHERE {table}.{quote(pk.column)} = moved.{quote(pk.column)}",
            "",
            _recordset_preparers(columns),
            tuple(field.column for field in columns),
        )
    assignments = ", ".join(
        f"{quote(field.column)} = moved.column{position}" for position, field in enumerate(columns[1:], start=2)
    )
    return _Update(
        f"UPDATE {table} SET {assignments} FROM (VALUES ",  # noqa: S608  # nosec B608
        f") AS moved WHERE {table}.{quote(pk.column)} = moved.column1",
        _preparers(columns),
    )


def rows_update(model: type[models.Model], fields: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Set ``fields`` of the rows whose primary key is each row's first value to its other values, in
    one statement (PostgreSQL: ``UPDATE ... FROM json_populate_recordset(...)``; SQLite 3.33+:
    ``UPDATE ... FROM (VALUES ...)``, one per batch of rows). Nothing is sent for no rows."""
    if not rows:
        return
    plan = _update(model, tuple(fields), connection.vendor)  # type: ignore[arg-type]  # a class is hashable
    values = _prepared(rows, plan.preparers)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(plan.head, [_rows_json(plan.columns, values)])
            return
        width = 1 + len(fields)
        row_marks = "(" + ", ".join(["%s"] * width) + ")"
        size = _batch(width)
        for first in range(0, len(values), size):
            chunk = values[first : first + size]
            sql = plan.head + ", ".join([row_marks] * len(chunk)) + plan.tail
            cursor.execute(sql, [value for row in chunk for value in row])
