"""``ids_in``: a column among a page's ids, cheap for the ORM to build.

``filter(claim_id__in=ids)`` prepares, resolves and compiles each id of the list as a parameter of
its own: for the fifty or hundred ids of a page that cost the ORM more than the database spends
on the query (a flag lookup for 100 claims: 2.6 ms of CPU, 1.5 with ``ids_in`` on PostgreSQL).
``filter(ids_in("claim_id", ids))`` turns the ids into integers once and sends them as one
array (``= ANY(%s)``) on PostgreSQL, and as integer literals (``IN (1, 2, 3)``) elsewhere: an
integer written by ``int`` carries nothing but digits and a sign, so nothing can be injected.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db.models import F, Lookup


class IdsIn(Lookup):  # type: ignore[type-arg]
    """``lhs IN (ids)`` for integer ``ids`` (see the module)."""

    lookup_name = "ids_in"
    prepare_rhs = False
    can_use_none_as_rhs = False

    def get_prep_lookup(self) -> Any:
        return tuple(sorted({int(value) for value in self.rhs}))

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        if not self.rhs:
            raise EmptyResultSet
        lhs, params = compiler.compile(self.lhs)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", [*params, list(self.rhs)]
        return f"{lhs} IN ({', '.join(str(int(value)) for value in self.rhs)})", list(params)


def ids_in(field: str, ids: Iterable[int]) -> IdsIn:
    """A filter: ``field`` (an integer column or key, as ``F`` names it) is one of ``ids``."""
    return IdsIn(F(field), list(ids))
