"""How many current claims cite each registry source (and as origin, as relay), kept on ``Source``.

The source list shows the most cited sources first. Counting every hop of the archive to find
them costs as much as the archive, so the count is kept on the row (indexed), and every write that
changes which current claims cite which sources moves it: the analysis store and the corrections
compare an article's citations before and after (``source_citations_kept``), and so does every
change of a claim's review status (``review_event_record``); a merge or a split
counts its two sources again (``source_citations_recount``). The source list shows the counts of
the kept counts.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.db import connection
from django.db.models import Count, Q

from newsverify.review.models import Hop, ReviewStatus
from newsverify.rows import rows_write
from newsverify.sources.models import Source

_kept: ContextVar[frozenset[int]] = ContextVar("source_citations_kept", default=frozenset())
_deferred: ContextVar[bool] = ContextVar("source_citations_deferred", default=False)

Service = TypeVar("Service", bound=Callable[..., Any])


# The kept counts: current claims citing the source, its hops in them as origin and as relay, and
# the verified claims among them.
KEPT = ("claims_cited", "origin_cited", "relay_cited", "verified_cited")


def article_citations(article_id: int) -> Counter[tuple[int, str]]:
    """``{(source id, kept count): n}`` for the article's current claims (a claim naming a source
    twice counts once in ``claims_cited``, twice in the hop counts)."""
    if _deferred.get():
        return Counter()
    hops = Hop.objects.filter(claim__article_id=article_id, claim__retired_at__isnull=True).order_by()
    return citations_count(hops.values_list("claim_id", "source_id", "position", "claim__review_status"))


def citations_count(hops: Iterable[tuple[Any, int, int, str]]) -> Counter[tuple[int, str]]:
    """``article_citations`` of hops given as ``(claim, source id, position, claim's review status)``
    (of current claims): for a writer that has them in hand."""
    counts: Counter[tuple[int, str]] = Counter()
    if _deferred.get():
        return counts
    claims = set()
    for claim_id, source_id, position, status in hops:
        if (claim_id, source_id) not in claims:
            claims.add((claim_id, source_id))
            counts[source_id, "claims_cited"] += 1
            if status == ReviewStatus.VERIFIED:
                counts[source_id, "verified_cited"] += 1
        counts[source_id, "origin_cited" if position == 0 else "relay_cited"] += 1
    return counts


def source_citations_shift(before: Counter[tuple[int, str]], after: Counter[tuple[int, str]]) -> None:
    """Move each source's kept counts by how its citations changed: one UPDATE, whatever the number of sources."""
    if _deferred.get():
        return
    change = Counter(after)
    change.subtract(before)
    rows: dict[int, list[int]] = {}
    for (source_id, kept), delta in change.items():
        if delta:
            rows.setdefault(source_id, [0] * len(KEPT))[KEPT.index(kept)] = delta
    _sources_write(rows, add=True)


# Sources per UPDATE statement (five parameters each: well inside SQLite's limit of variables).
WRITE_BATCH = 500


def _sources_write(rows: dict[int, list[int]], *, add: bool) -> None:
    """Add ``rows`` (source id -> a value per ``KEPT`` count) to the sources' counts, or set them.

    The values are a VALUES list joined to the sources (``UPDATE ... FROM``, PostgreSQL and SQLite
    3.33+), sorted by id, a statement per ``WRITE_BATCH`` sources; only the counts that move are
    written. (Built by the ORM as a CASE with a WHEN per source and count, the same update cost
    some 40 ms of Python for an article citing 25 sources: more than the rest of the store.)
    """
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(Source._meta.db_table)
    ids = sorted(rows)
    for first in range(0, len(ids), WRITE_BATCH):
        chunk = ids[first : first + WRITE_BATCH]
        moved = [index for index in range(len(KEPT)) if any(rows[source_id][index] for source_id in chunk)]
        if add and not moved:
            continue
        if not add:
            moved = list(range(len(KEPT)))
        assignments = ", ".join(
            f"{quote(KEPT[index])} = " + (f"{table}.{quote(KEPT[index])} + " if add else "") + f"moved.column{position}"
            for position, index in enumerate(moved, start=2)
        )
        placeholders = ", ".join(["(" + ", ".join(["%s"] * (len(moved) + 1)) + ")"] * len(chunk))
        params = [value for source_id in chunk for value in (source_id, *(rows[source_id][i] for i in moved))]
        # Table and column names from the model, quoted; every value a parameter.
        sql = (
            f"UPDATE {table} SET {assignments} FROM (VALUES {placeholders}) AS moved "  # noqa: S608  # nosec B608
            f"WHERE {table}.{quote(Source._meta.pk.column)} = moved.column1"
        )
        rows_write(Source, sql, params)  # with the store's other writes, inside its rows_together


@contextmanager
def source_citations_deferred() -> Iterator[None]:
    """Keep no counts inside the block (no reads of the citations, no updates): for a bulk load that
    counts every source once at the end with ``source_citations_recount()``, as the synthetic archive does."""
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)


@contextmanager
def source_citations_kept(article_id: int) -> Iterator[None]:
    """Keep the kept counts right across a block that changes the article's claims or hops.

    Call it inside the block's transaction, once the article (or the claim) is locked. Nested
    blocks for the same article count once, in the outermost.
    """
    if article_id in _kept.get():
        yield
        return
    token = _kept.set(_kept.get() | {article_id})
    try:
        before = article_citations(article_id)
        yield
        source_citations_shift(before, article_citations(article_id))
    finally:
        _kept.reset(token)


def keeps_source_citations(service: Service) -> Service:
    """For a service that takes ``claim=`` or ``article=``: ``source_citations_kept`` around it."""

    @functools.wraps(service)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        article_id = kwargs["claim"].article_id if "claim" in kwargs else kwargs["article"].pk
        with source_citations_kept(article_id):
            return service(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def source_citations_recount(source_ids: Iterable[int] | None = None) -> int:
    """Count the sources' citations again from the hops (all sources when ``None``); returns rows changed.

    One aggregate over the current claims' hops, grouped by source, compared with the kept counts;
    only the sources whose counts differ are written. (A correlated count per source and count
    looped over every source, and the verified count scanned the verified claims once per source.)
    """
    sources = Source.objects.order_by()
    hops = Hop.objects.filter(claim__retired_at__isnull=True).order_by()
    if source_ids is not None:
        wanted = list(source_ids)
        sources = sources.filter(pk__in=wanted)
        hops = hops.filter(source_id__in=wanted)
    counted = {
        row["source_id"]: [row["claims"], row["origin"], row["relay"], row["verified"]]
        for row in hops.values("source_id").annotate(
            claims=Count("claim_id", distinct=True),
            origin=Count("pk", filter=Q(position=0)),
            relay=Count("pk", filter=Q(position__gt=0)),
            verified=Count("claim_id", distinct=True, filter=Q(claim__review_status=ReviewStatus.VERIFIED)),
        )
    }
    zero = [0] * len(KEPT)
    changed = {
        pk: counted.get(pk, zero)
        for pk, *kept in sources.values_list("pk", *KEPT).iterator(chunk_size=5000)
        if list(kept) != counted.get(pk, zero)
    }
    _sources_write(changed, add=False)
    return len(changed)
