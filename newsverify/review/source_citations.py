"""How many current claims cite each registry source, kept on ``Source.claims_cited``.

The source list shows the most cited sources first. Counting every hop of the archive to find
them costs as much as the archive, so the count is kept on the row (indexed), and every write that
changes which current claims cite which sources moves it: the analysis store and the corrections
compare an article's citations before and after (``source_citations_kept``), a merge or a split
counts its two sources again (``source_citations_recount``). The source list shows the counts of
its page's rows as they are; only the order comes from the kept count.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.db.models import Case, Count, F, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce

from newsverify.review.models import Hop
from newsverify.sources.models import Source

_kept: ContextVar[frozenset[int]] = ContextVar("source_citations_kept", default=frozenset())

Service = TypeVar("Service", bound=Callable[..., Any])


def article_citations(article_id: int) -> Counter[int]:
    """``{source id: current claims of the article citing it}`` (a claim naming a source twice counts once)."""
    pairs = (
        Hop.objects.filter(claim__article_id=article_id, claim__retired_at__isnull=True)
        .order_by()
        .values_list("claim_id", "source_id")
        .distinct()
    )
    return Counter(source_id for _, source_id in pairs)


def source_citations_shift(before: Counter[int], after: Counter[int]) -> None:
    """Move each source's kept count by how its citations changed: one UPDATE, rows locked in id order."""
    change = Counter(after)
    change.subtract(before)
    moved = {source_id: delta for source_id, delta in change.items() if delta}
    if not moved:
        return
    shift = Case(
        *(When(pk=source_id, then=Value(delta)) for source_id, delta in sorted(moved.items())),
        default=Value(0),
        output_field=IntegerField(),
    )
    Source.objects.filter(pk__in=sorted(moved)).update(claims_cited=F("claims_cited") + shift)


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
    cited = (
        Hop.objects.filter(source_id=OuterRef("pk"), claim__retired_at__isnull=True)
        .order_by()
        .values("source_id")
        .annotate(n=Count("claim_id", distinct=True))
        .values("n")
    )
    sources = Source.objects.all() if source_ids is None else Source.objects.filter(pk__in=list(source_ids))
    return sources.update(claims_cited=Coalesce(Subquery(cited, output_field=IntegerField()), 0))
