"""Bulk writes of prepared rows: one multi-row statement per batch, built without the ORM's compiler.

``bulk_create`` and ``bulk_update`` build a statement from model instances, field by field and
value by value, and for the few dozen rows of a short article that preparation costs more than the
database's work (profiled on the analysis store: half its Python). Here rows come as tuples of
column values in a fixed order and the statement is a string put together once per batch; each
value goes through its field's preparation only when the field needs one (JSON, dates), so what
reaches the database is exactly what the ORM would send. Table and column names come from the
models, quoted; every value is a parameter.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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


def _preparer(field: models.Field) -> Callable[[Any], Any] | None:
    if field.get_internal_type() in _PLAIN:
        return None
    return lambda value: field.get_db_prep_save(value, connection)


def _default(field: models.Field) -> Any:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return timezone.now()
    return field.get_default()


def _batch(columns: int) -> int:
    return max(1, (connection.features.max_query_params or _MAX_PARAMS) // max(1, columns))


def rows_insert(
    model: type[models.Model],
    fields: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    returning: Sequence[str] = ("id",),
) -> list[tuple[Any, ...]]:
    """Insert ``rows`` (each the values of ``fields``, named as on the model: "claim_id" or "claim")
    into the model's table; returns the ``returning`` columns of each new row, in the rows' order.

    Every other column takes its field's default (``auto_now``/``auto_now_add``: now), computed
    once for the call. The rows come back in the order they were given, as ``bulk_create`` relies
    on (PostgreSQL, and SQLite 3.35+, return them so for a multi-row ``INSERT ... RETURNING``).
    Nothing is sent for no rows.
    """
    if not rows:
        return []
    given = [_field(model, name) for name in fields]
    named = {field.attname for field in given}
    others = [
        field
        for field in model._meta.concrete_fields
        if field.attname not in named and not (field.primary_key and isinstance(field, models.AutoField))
    ]
    columns = [*given, *others]
    defaults = tuple(_default(field) for field in others)
    preparers = [(index, prepare) for index, field in enumerate(columns) if (prepare := _preparer(field))]
    quote = connection.ops.quote_name
    head = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(field.column) for field in columns)}) VALUES "
    )
    tail = f" RETURNING {', '.join(quote(_field(model, name).column) for name in returning)}" if returning else ""
    row_marks = "(" + ", ".join(["%s"] * len(columns)) + ")"
    size = _batch(len(columns))
    returned: list[tuple[Any, ...]] = []
    with connection.cursor() as cursor:
        for first in range(0, len(rows), size):
            chunk = rows[first : first + size]
            params: list[Any] = []
            for row in chunk:
                values = [*row, *defaults]
                for index, prepare in preparers:
                    values[index] = prepare(values[index])
                params.extend(values)
            # Names from the model, quoted; values are parameters.
            cursor.execute(head + ", ".join([row_marks] * len(chunk)) + tail, params)  # nosec B608
            if returning:
                returned.extend(cursor.fetchall())
    return returned


def rows_update(model: type[models.Model], fields: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Set ``fields`` of the rows whose primary key is each row's first value to its other values:
    one ``UPDATE ... FROM (VALUES ...)`` per batch (PostgreSQL, SQLite 3.33+). Nothing is sent for no rows."""
    if not rows:
        return
    pk = model._meta.pk
    assert pk is not None  # noqa: S101  # nosec B101  (every concrete model has one)
    columns = [pk, *(_field(model, name) for name in fields)]
    preparers = [(index, prepare) for index, field in enumerate(columns) if (prepare := _preparer(field))]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    # On PostgreSQL the VALUES list's columns are cast to the columns they set (an all-NULL one would be
    # text); SQLite takes any value, and its CAST would turn a date into a number.
    cast = connection.features.requires_casted_case_in_updates
    assignments = ", ".join(
        f"{quote(field.column)} = "
        + (f"CAST(moved.column{position} AS {field.cast_db_type(connection)})" if cast else f"moved.column{position}")
        for position, field in enumerate(columns[1:], start=2)
    )
    row_marks = "(" + ", ".join(["%s"] * len(columns)) + ")"
    size = _batch(len(columns))
    with connection.cursor() as cursor:
        for first in range(0, len(rows), size):
            chunk = rows[first : first + size]
            params: list[Any] = []
            for row in chunk:
                values = list(row)
                for index, prepare in preparers:
                    values[index] = prepare(values[index])
                params.extend(values)
            sql = (
                f"UPDATE {table} SET {assignments} FROM (VALUES {', '.join([row_marks] * len(chunk))}) AS moved "  # noqa: S608  # nosec B608
                f"WHERE {table}.{quote(pk.column)} = moved.column1"
            )
            cursor.execute(sql, params)
