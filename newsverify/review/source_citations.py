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

from django.db.models import Case, Count, F, IntegerField, OuterRef, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce

from newsverify.review.models import Hop, ReviewStatus
from newsverify.sources.models import Source

_kept: ContextVar[frozenset[int]] = ContextVar("source_citations_kept", default=frozenset())

Service = TypeVar("Service", bound=Callable[..., Any])


# The kept counts: current claims citing the source, its hops in them as origin and as relay, and
# the verified claims among them.
KEPT = ("claims_cited", "origin_cited", "relay_cited", "verified_cited")


def article_citations(article_id: int) -> Counter[tuple[int, str]]:
    """``{(source id, kept count): n}`` for the article's current claims (a claim naming a source
    twice counts once in ``claims_cited``, twice in the hop counts)."""
    hops = Hop.objects.filter(claim__article_id=article_id, claim__retired_at__isnull=True).order_by()
    counts: Counter[tuple[int, str]] = Counter()
    claims = set()
    rows = hops.values_list("claim_id", "source_id", "position", "claim__review_status")
    for claim_id, source_id, position, status in rows:
        if (claim_id, source_id) not in claims:
            claims.add((claim_id, source_id))
            counts[source_id, "claims_cited"] += 1
            if status == ReviewStatus.VERIFIED:
                counts[source_id, "verified_cited"] += 1
        counts[source_id, "origin_cited" if position == 0 else "relay_cited"] += 1
    return counts


def source_citations_shift(before: Counter[tuple[int, str]], after: Counter[tuple[int, str]]) -> None:
    """Move each source's kept counts by how its citations changed: one UPDATE, rows locked in id order."""
    change = Counter(after)
    change.subtract(before)
    moved = {key: delta for key, delta in change.items() if delta}
    if not moved:
        return

    def shift(name: str) -> Case:
        steps = [(source_id, delta) for (source_id, kept), delta in sorted(moved.items()) if kept == name]
        whens = [When(pk=source_id, then=Value(delta)) for source_id, delta in steps]
        return Case(*whens, default=Value(0), output_field=IntegerField())

    shifts = {name: F(name) + shift(name) for name in KEPT if any(kept == name for _, kept in moved)}
    Source.objects.filter(pk__in=sorted({source_id for source_id, _ in moved})).update(**shifts)


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
    """Count the sources' citations again from the hops (all sources when ``None``); returns rows updated."""

    def counted(hops: QuerySet[Hop], count: Count) -> Coalesce:
        rows = (
            hops.filter(source_id=OuterRef("pk"), claim__retired_at__isnull=True)
            .order_by()
            .values("source_id")
            .annotate(n=count)
            .values("n")
        )
        return Coalesce(Subquery(rows, output_field=IntegerField()), 0)

    hops = Hop.objects.all()
    sources = Source.objects.all() if source_ids is None else Source.objects.filter(pk__in=list(source_ids))
    return sources.update(
        claims_cited=counted(hops, Count("claim_id", distinct=True)),
        origin_cited=counted(hops.filter(position=0), Count("pk")),
        relay_cited=counted(hops.filter(position__gt=0), Count("pk")),
        verified_cited=counted(
            hops.filter(claim__review_status=ReviewStatus.VERIFIED), Count("claim_id", distinct=True)
        ),
    )
