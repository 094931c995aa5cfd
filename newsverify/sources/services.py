"""Writes to the source registry that need nothing above it: resolving a name to its source.

Merging and splitting sources move hops and audit records, so they live in ``review.source_merge``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from django.db import connections, router, transaction

from newsverify.rows import rows_insert
from newsverify.sources.models import Source, SourceAlias, SourceType
from newsverify.sources.names import identifies_a_source, normalise
from newsverify.sources.selectors import source_live

_SOURCE_TYPES = frozenset(SourceType.values)  # once: ``Choices.values`` builds a list on every access


@dataclass(frozen=True)
class SourceName:
    """A source as one article names it: its name, its type and the other names it goes by."""

    name: str
    type: str
    aliases: tuple[str, ...] | list[str] = ()


@transaction.atomic
def source_resolve(*, name: str, type: str, aliases: tuple[str, ...] | list[str] = ()) -> Source:
    """The registry source for a source as one article names it, created if new (``sources_resolve``)."""
    return sources_resolve([SourceName(name, type, aliases)])[0]


@transaction.atomic
def sources_resolve(wanted: Sequence[SourceName]) -> list[Source]:
    """The registry source for each of ``wanted``, in order, created if new (see below)."""
    return sources_resolve_in_transaction(wanted)


def sources_resolve_in_transaction(wanted: Sequence[SourceName]) -> list[Source]:
    """``source_ids_resolve_in_transaction``, as the registry's rows (read in one more query)."""
    ids = source_ids_resolve_in_transaction(wanted)
    rows = Source.objects.in_bulk(set(ids))
    return [rows[pk] for pk in ids]


@cache
def _aliases_owners_select(alias: str) -> str:
    """The ``SELECT`` of ``_aliases_owners`` up to its ``IN`` list, written once per database: the
    ORM built and compiled this query on every store, which cost more CPU than the database spent
    on it (a fifth of a short article's store)."""
    quote = connections[alias].ops.quote_name
    key, rank, owner = (quote(SourceAlias._meta.get_field(name).column) for name in ("normalised", "id", "source"))
    return (
        f"SELECT a.{key}, a.{rank}, s.{quote(Source._meta.pk.column)}, s.{quote('merged_into_id')}"  # noqa: S608  # nosec B608
        f" FROM {quote(Source._meta.db_table)} s INNER JOIN {quote(SourceAlias._meta.db_table)} a"
        f" ON a.{owner} = s.{quote(Source._meta.pk.column)} WHERE a.{key} IN "
    )


@dataclass
class _Registered:
    """A registry source as resolving needs it: its id (None until inserted) and where a merge took it."""

    pk: int | None
    merged_into_id: int | None = None


def _aliases_owners(keys: set[str]) -> dict[str, tuple[int, _Registered]]:
    """``{normalised name: (its alias's id, its source)}`` for the registered ones among ``keys``.

    Plain rows (a source's id and its merge), not model instances, and no query when no name can
    be matched (anonymous sources, descriptions).
    """
    if not keys:
        return {}
    alias = router.db_for_read(Source)
    sql = _aliases_owners_select(alias) + f"({', '.join(['%s'] * len(keys))})"
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, list(keys))
        return {key: (rank, _Registered(pk, merged)) for key, rank, pk, merged in cursor.fetchall()}


def _live(source: _Registered) -> int:
    """The id of the source that now stands for ``source``: its own, or its merges' survivor's."""
    if source.merged_into_id is None:
        return source.pk  # type: ignore[return-value]
    return source_live(Source.objects.get(pk=source.merged_into_id)).pk


def source_ids_resolve_in_transaction(wanted: Sequence[SourceName]) -> list[int]:
    """The registry source's id for each of ``wanted``, created if new, for a caller already in a
    transaction: a few queries for any number of sources, and no model instance made.

    Matches on the normalised name or any alias that identifies a source (the oldest alias wins);
    new aliases join the matched source. Anonymous sources never match across articles: "officials"
    in one story are not "officials" in another. Earlier entries are registered before later ones
    are matched, so two entries that share a name are one source, as if resolved one by one.
    """
    prepared: list[tuple[SourceName, str, dict[str, str]]] = []
    for entry in wanted:
        type = entry.type if entry.type in _SOURCE_TYPES else str(SourceType.OTHER)
        names = [n for n in dict.fromkeys([entry.name, *entry.aliases]) if n and n.strip()]
        keyed = {} if type == SourceType.ANONYMOUS else {normalise(n)[:300]: n for n in names if identifies_a_source(n)}
        prepared.append((entry, type, keyed))
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("sources_resolve_in_transaction needs a transaction")
    every_key = {key for _, _, keyed in prepared for key in keyed}
    # key -> (rank, source): a registered alias ranks by its id, one registered here after all of them.
    owner = _aliases_owners(every_key)
    rank = max((rank for rank, _ in owner.values()), default=0)
    fresh: list[tuple[_Registered, tuple[str, str]]] = []
    new_aliases: list[tuple[str, str, _Registered]] = []
    resolved: list[_Registered] = []
    for entry, type, keyed in prepared:
        known = [owner[key] for key in keyed if key in owner]
        if known:
            source = min(known, key=lambda pair: pair[0])[1]
        else:
            source = _Registered(None)
            fresh.append((source, (entry.name.strip()[:300] or "Unnamed source", type)))
        for key, written in keyed.items():
            if key not in owner:
                rank += 1
                owner[key] = (rank, source)
                new_aliases.append((key, written, source))
        resolved.append(source)
    # Rows of their columns, not bulk_create's instance-by-instance compiling (newsverify.rows).
    for (source, _), (pk,) in zip(fresh, rows_insert(Source, ("name", "type"), [row for _, row in fresh]), strict=True):
        source.pk = pk
    if new_aliases:
        # Another worker may register the same name at this moment: the unique constraint on
        # `normalised` decides who wins (the names it refused are not returned), and a new source
        # that won none of its names is dropped for the winner of its first one.
        won = {
            key
            for (key,) in rows_insert(
                SourceAlias,
                ("normalised", "name", "source_id"),
                [(key, written, source.pk) for key, written, source in new_aliases],
                returning=("normalised",),
                skip_conflicts=True,
            )
        }
        beaten = [key for key, _, _ in new_aliases if key not in won]
        winners = {key: source for key, (_, source) in _aliases_owners(set(beaten)).items()} if beaten else {}
        lost: dict[int, _Registered] = {}
        for source, _ in fresh:
            keys = [key for key, _, owned_by in new_aliases if owned_by is source]
            if keys and all(key not in won for key in keys):
                lost[source.pk] = winners[keys[0]]  # type: ignore[index]
        if lost:
            Source.objects.filter(pk__in=list(lost)).delete()
            resolved = [lost.get(source.pk, source) for source in resolved]  # type: ignore[arg-type]
    # A name that went with a merged-away source now belongs to its survivor; a row that a merge
    # took away a moment ago is followed there too.
    return [_live(source) for source in resolved]
