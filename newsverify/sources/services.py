"""Writes to the source registry that need nothing above it: resolving a name to its source.

Merging and splitting sources move hops and audit records, so they live in ``review.source_merge``.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from newsverify.sources.models import Source, SourceAlias, SourceType
from newsverify.sources.names import identifies_a_source, normalise
from newsverify.sources.selectors import source_live


@transaction.atomic
def source_resolve(*, name: str, type: str, aliases: tuple[str, ...] | list[str] = ()) -> Source:
    """The registry source for a source as one article names it, created if new.

    Matches on the normalised name or any alias that identifies a source; new aliases join the
    matched source. Anonymous sources never match across articles: "officials" in one story are
    not "officials" in another.
    """
    if type not in SourceType.values:
        type = SourceType.OTHER
    names = [n for n in dict.fromkeys([name, *aliases]) if n and n.strip()]
    if type == SourceType.ANONYMOUS:
        return Source.objects.create(name=name.strip()[:300] or "Unnamed source", type=type)

    keyed = {normalise(n)[:300]: n for n in names if identifies_a_source(n)}
    existing = (
        SourceAlias.objects.select_related("source").filter(normalised__in=list(keyed)).order_by("id").first()
        if keyed
        else None
    )
    fresh = existing is None
    source = Source.objects.create(name=name.strip()[:300], type=type) if fresh else existing.source
    for key, written in keyed.items():
        try:
            # A savepoint per alias: another worker may register the same name at this moment, and
            # the unique constraint on `normalised` decides who wins.
            with transaction.atomic():
                SourceAlias.objects.get_or_create(normalised=key, defaults={"source": source, "name": written})
        except IntegrityError:
            winner = SourceAlias.objects.select_related("source").get(normalised=key).source
            if fresh and winner != source and not source.aliases.exists():
                # We lost the race to register this source: use the winner's row, drop ours.
                source.delete()
                source = winner
        fresh = False
    # A name that went with a merged-away source now belongs to its survivor; a row that a merge
    # took away a moment ago is followed there too.
    return source_live(source) if source.is_merged else source
