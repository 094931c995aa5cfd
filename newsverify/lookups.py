"""``ids_in``: a column among a page's ids, cheap for the ORM to build.

``filter(claim_id__in=ids)`` prepares, resolves and compiles each id of the list as a parameter of
its own: for the fifty or hundred ids of a page that cost the ORM more than the database spends
on the query (a flag lookup for 100 claims: 2.6 ms of CPU, 1.5 with ``ids_in`` on PostgreSQL).
``filter(ids_in("claim_id", ids))`` turns the ids into integers once and sends them as one
parameter: an array on PostgreSQL (``= ANY(%s)``), a JSON list elsewhere (SQLite:
``IN (SELECT value FROM json_each(%s))``).

Being one parameter, the ids can also be a value of a ``CompiledQuery`` (``newsverify.db``): build
it with ``ids_in_compiled(field, marker)`` and run it with ``ids_parameter(ids)``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import F, Lookup


def ids_parameter(ids: Iterable[Any], *, using: str = DEFAULT_DB_ALIAS) -> Any:
    """The ids as the one parameter ``IdsIn`` sends (each made an integer by ``int``: a value that is
    not one is refused with ``ValueError``, never sent)."""
    values = sorted({int(value) for value in ids})
    return values if connections[using].vendor == "postgresql" else json.dumps(values)


def _ids_sql(lhs: str, vendor: str) -> str:
    if vendor == "postgresql":
        return f"{lhs} = ANY(%s)"
    return f"{lhs} IN (SELECT value FROM json_each(%s))"  # noqa: S608  # nosec B608 - lhs is a compiled column, the ids a parameter


class IdsIn(Lookup):  # type: ignore[type-arg]
    """``lhs`` is one of the integer ``ids`` (see the module)."""

    lookup_name = "ids_in"
    prepare_rhs = False
    can_use_none_as_rhs = False

    def get_prep_lookup(self) -> Any:
        return tuple(sorted({int(value) for value in self.rhs}))

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        if not self.rhs:
            raise EmptyResultSet
        lhs, params = compiler.compile(self.lhs)
        return _ids_sql(lhs, connection.vendor), [*params, ids_parameter(self.rhs, using=connection.alias)]


class CompiledIdsIn(IdsIn):
    """``IdsIn`` whose parameter is a ``CompiledQuery`` marker, replaced by ``ids_parameter(ids)`` at each run."""

    def get_prep_lookup(self) -> Any:
        return int(self.rhs)

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, params = compiler.compile(self.lhs)
        return _ids_sql(lhs, connection.vendor), [*params, self.rhs]


def ids_in(field: str, ids: Iterable[Any]) -> IdsIn:
    """A filter: ``field`` (an integer column or key, as ``F`` names it) is one of ``ids``."""
    return IdsIn(F(field), list(ids))


def ids_in_compiled(field: str, marker: int) -> CompiledIdsIn:
    """``ids_in`` in a ``CompiledQuery``'s build: ``marker`` is the value it is given."""
    return CompiledIdsIn(F(field), marker)
