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

Two more for a writer of linked rows (the analysis store: claims, their hops, their mentions):
``rows_ids`` reserves the new rows' ids up front, so the rows that point at them are written
without reading any back; and inside ``rows_together`` (PostgreSQL) the writes that return nothing
are held and sent as one statement of data-modifying ``WITH`` parts, so a store is one round trip
instead of one per table.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models, transaction
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
        if not returning and _held(model, plan.head + plan.recordset + plan.tail, [*defaults, document]):
            return []
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
    if connection.vendor == "postgresql":
        rows_write(model, plan.head, [_rows_json(plan.columns, values)])
        return
    with connection.cursor() as cursor:
        width = 1 + len(fields)
        row_marks = "(" + ", ".join(["%s"] * width) + ")"
        size = _batch(width)
        for first in range(0, len(values), size):
            chunk = values[first : first + size]
            sql = plan.head + ", ".join([row_marks] * len(chunk)) + plan.tail
            cursor.execute(sql, [value for row in chunk for value in row])


def rows_write(model: type[models.Model], sql: str, params: Sequence[Any]) -> None:
    """Run ``sql``, a write to ``model``'s table that returns nothing: held for the others of a
    ``rows_together`` block on PostgreSQL, sent at once otherwise."""
    if not _held(model, sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


@dataclass
class _Together:
    """The writes held by ``rows_together``, and the tables they write."""

    parts: list[tuple[str, Sequence[Any]]] = field(default_factory=list)
    tables: set[str] = field(default_factory=set)
    sending: bool = False

    def hold(self, table: str, sql: str, params: Sequence[Any]) -> None:
        # The parts of one statement all see the database as it was before it: a write to a table
        # another held part writes (an update of rows inserted a moment ago) waits for the next one.
        if table in self.tables:
            self.send()
        self.parts.append((sql, params))
        self.tables.add(table)

    def send(self) -> None:
        if not self.parts:
            return
        parts, self.parts, self.tables = self.parts, [], set()
        if len(parts) == 1:
            sql, params = parts[0]
        else:
            # Every data-modifying part of a WITH runs, whether the final SELECT reads it or not.
            sql = "WITH " + ", ".join(f"w{n} AS ({part})" for n, (part, _) in enumerate(parts)) + " SELECT 1"
            params = [value for _, values in parts for value in values]
        self.sending = True
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
        finally:
            self.sending = False

    def before(self, execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        """An execute wrapper: any other statement goes after the held writes, as it was called."""
        if not self.sending:
            self.send()
        return execute(sql, params, many, context)


_together: ContextVar[_Together | None] = ContextVar("rows_together", default=None)


def _held(model: type[models.Model], sql: str, params: Sequence[Any]) -> bool:
    together = _together.get()
    if together is None:
        return False
    together.hold(model._meta.db_table, sql, params)
    return True


@contextmanager
def rows_together() -> Iterator[None]:
    """Send the block's writes that return nothing (``rows_insert`` with ``returning=()``,
    ``rows_update``, ``rows_write``) together, as one statement, on PostgreSQL.

    Order is kept: any other statement (a read, an ORM delete, an insert that returns ids) first
    sends what is held; so does the end of the block, and a second write to a table already held.
    The parts of one statement see the same snapshot, so a held write never depends on another's
    rows except through foreign keys, which Django declares deferred (checked at the commit).
    Elsewhere (SQLite, where a statement costs no round trip) the block changes nothing.
    """
    if connection.vendor != "postgresql" or _together.get() is not None:
        yield
        return
    together = _Together()
    token = _together.set(together)
    try:
        with connection.execute_wrapper(together.before):
            yield
            together.send()
    finally:
        _together.reset(token)


@functools.cache
def _sequence(table: str, column: str) -> str:
    """The sequence behind a PostgreSQL table's serial or identity column (once per process)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [connection.ops.quote_name(table), column])
        return str(cursor.fetchone()[0])


def rows_ids(wanted: Mapping[type[models.Model], int]) -> dict[type[models.Model], list[int]]:
    """Reserve ids for new rows of each model, ``{model: how many}``, in one statement; the
    ids of each come back in increasing order, and rows inserted with them (``rows_insert`` given
    the "id" column) can be pointed at before they exist.

    PostgreSQL: ``nextval`` of the id's sequence, as an insert would take them (never given twice,
    whatever the transactions). SQLite: the table's ``sqlite_sequence`` row is moved past them in
    the caller's transaction, which writes to the database and so holds its lock until the commit;
    Django's ``AUTOINCREMENT`` ids never go below that row, so no other insert can take them.
    """
    counts = {model: count for model, count in wanted.items() if count > 0}
    ids: dict[type[models.Model], list[int]] = {model: [] for model in wanted}
    if not counts:
        return ids
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("rows_ids needs a transaction")
    models_ = list(counts)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql = " UNION ALL ".join("SELECT %s, nextval(%s::regclass) FROM generate_series(1, %s)" for _ in models_)
            params = []
            for index, model in enumerate(models_):
                params += [index, _sequence(model._meta.db_table, model._meta.pk.column), counts[model]]  # type: ignore[union-attr]
            cursor.execute(sql, params)
            for index, pk in cursor.fetchall():
                ids[models_[index]].append(pk)
            for model in models_:
                ids[model].sort()
            return ids
        ids.update(_sqlite_ids(cursor, counts))
    return ids


def _sqlite_ids(cursor: Any, counts: dict[type[models.Model], int]) -> dict[type[models.Model], list[int]]:
    """SQLite's ``rows_ids``: each table's ``sqlite_sequence`` row moved past the ids, in one UPDATE
    (and an INSERT for a table that never had a row, whose sequence row SQLite writes with its first)."""
    quote = connection.ops.quote_name
    tables = {model._meta.db_table: model for model in counts}

    def highest(model: type[models.Model]) -> str:
        # Above the table's rows too, in case a row was given its id by hand.
        return f"(SELECT coalesce(max({quote(model._meta.pk.column)}), 0) FROM {quote(model._meta.db_table)})"  # type: ignore[union-attr]  # noqa: S608  # nosec B608

    whens = " ".join(f"WHEN %s THEN {highest(model)}" for model in counts)
    steps = " ".join("WHEN %s THEN %s" for _ in counts)
    marks = ", ".join(["%s"] * len(counts))
    cursor.execute(
        f"UPDATE sqlite_sequence SET seq = max(seq, CASE name {whens} END) + CASE name {steps} END"  # noqa: S608  # nosec B608
        f" WHERE name IN ({marks}) RETURNING name, seq",
        [*tables, *(value for table, model in tables.items() for value in (table, counts[model])), *tables],
    )
    last = dict(cursor.fetchall())
    for table, model in tables.items():
        if table not in last:
            cursor.execute(
                f"INSERT INTO sqlite_sequence (name, seq) SELECT %s, {highest(model)} + %s RETURNING seq",  # noqa: S608  # nosec B608
                [table, counts[model]],
            )
            last[table] = cursor.fetchone()[0]
    return {model: list(range(last[table] - counts[model] + 1, last[table] + 1)) for table, model in tables.items()}
