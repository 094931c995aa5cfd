"""Bulk writes of prepared rows: one statement per batch, built without the ORM's compiler.

``bulk_create`` and ``bulk_update`` build a statement from model instances, field by field and
value by value, and for the few dozen rows of a short article that preparation costs more than the
database's work (profiled on the analysis store: half its Python). Here rows come as tuples of
column values in a fixed order; each value goes through its field's preparation only when the field
needs one (JSON, dates), so what reaches the database is what the ORM would send. Table and column
names come from the models, quoted; every value is a parameter.

On PostgreSQL the values go as one typed array per column (``SELECT * FROM UNNEST(%s::integer[],
...)``, as Django's own ``bulk_create`` does there): the statement's text is the same whatever the
number of rows, so psycopg converts it once per process (a multi-row ``VALUES`` list of a few
hundred placeholders is split by a regular expression on every call: a quarter of the store's
Python, profiled) and the server plans a short statement. SQLite has no arrays: a ``VALUES`` list.
"""

from __future__ import annotations

import functools
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


@dataclass(frozen=True)
class _Insert:
    """An insert's statement, put together once per model, fields and returned columns."""

    head: str  # INSERT INTO table (columns)
    tail: str  # ON CONFLICT DO NOTHING, RETURNING ..., or nothing
    given: tuple[tuple[int, Callable[[Any], Any]], ...]  # preparations of the given fields
    others: tuple[models.Field, ...]  # the other columns, which take their defaults
    defaults: tuple[tuple[int, Callable[[Any], Any]], ...]  # and their preparations
    arrays: str  # PostgreSQL: SELECT unnested.*, each default as a parameter, FROM UNNEST(%s::type[], ...)


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
    arrays = ", ".join(f"%s::{_array_type(field)}[]" for field in given)
    defaults = "".join(f", %s::{_array_type(field)}" for field in others)
    return _Insert(
        head=f"INSERT INTO {quote(model._meta.db_table)} ({names}) ",
        tail=(" ON CONFLICT DO NOTHING" if skip_conflicts else "")
        + (f" RETURNING {', '.join(quote(_field(model, name).column) for name in returning)}" if returning else ""),
        given=_preparers(given),
        others=others,
        defaults=_preparers(others),
        arrays=f"SELECT unnested.*{defaults} FROM UNNEST({arrays}) AS unnested",
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
    on (PostgreSQL's UNNEST yields the arrays in order, and it and SQLite 3.35+ return the rows of
    an ``INSERT ... RETURNING`` so). Nothing is sent for no rows.
    """
    if not rows:
        return []
    plan = _insert(model, tuple(fields), tuple(returning), skip_conflicts, connection.vendor)
    defaults = [_default(field) for field in plan.others]
    for index, prepare in plan.defaults:
        defaults[index] = prepare(defaults[index])
    values = _prepared(rows, plan.given)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            columns = [list(column) for column in zip(*values, strict=True)]
            cursor.execute(plan.head + plan.arrays + plan.tail, [*defaults, *columns])
            return cursor.fetchall() if returning else []
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


@functools.lru_cache(maxsize=64)
def _update(model: type[models.Model], fields: tuple[str, ...], vendor: str) -> _Update:
    pk = model._meta.pk
    if pk is None:  # pragma: no cover  (every concrete model has one)
        raise ValueError(f"{model.__name__} has no primary key")
    columns = [pk, *(_field(model, name) for name in fields)]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    assignments = ", ".join(
        f"{quote(field.column)} = moved.column{position}" for position, field in enumerate(columns[1:], start=2)
    )
    names = ", ".join(f"column{position}" for position in range(1, len(columns) + 1))
    where = f"WHERE {table}.{quote(pk.column)} = moved.column1"
    # Names from the model, quoted; values are parameters.
    head = f"UPDATE {table} SET {assignments} FROM "  # noqa: S608  # nosec B608
    if vendor == "postgresql":
        arrays = ", ".join(f"%s::{_array_type(field)}[]" for field in columns)
        return _Update(f"{head}UNNEST({arrays}) AS moved ({names}) {where}", "", _preparers(columns))
    return _Update(f"{head}(VALUES ", f") AS moved {where}", _preparers(columns))


def rows_update(model: type[models.Model], fields: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Set ``fields`` of the rows whose primary key is each row's first value to its other values, in
    one statement (PostgreSQL: ``UPDATE ... FROM UNNEST(...)``; SQLite 3.33+: ``UPDATE ... FROM (VALUES
    ...)``, one per batch of rows). Nothing is sent for no rows."""
    if not rows:
        return
    plan = _update(model, tuple(fields), connection.vendor)
    values = _prepared(rows, plan.preparers)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(plan.head, [list(column) for column in zip(*values, strict=True)])
            return
        width = 1 + len(fields)
        row_marks = "(" + ", ".join(["%s"] * width) + ")"
        size = _batch(width)
        for first in range(0, len(values), size):
            chunk = values[first : first + size]
            sql = plan.head + ", ".join([row_marks] * len(chunk)) + plan.tail
            cursor.execute(sql, [value for row in chunk for value in row])
