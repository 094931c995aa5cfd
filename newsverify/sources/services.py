from __future__ import annotations

from django.db import IntegrityError, transaction

from newsverify.sources.models import Source, SourceAlias, SourceType
from newsverify.sources.names import identifies_a_source, normalise


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

    keyed = {normalise(n): n for n in names if identifies_a_source(n)}
    existing = (
        SourceAlias.objects.select_related("source").filter(normalised__in=list(keyed)).order_by("id").first()
        if keyed
        else None
    )
    source = existing.source if existing else Source.objects.create(name=name.strip()[:300], type=type)
    for key, written in keyed.items():
        try:
            # A savepoint per alias: another worker may register the same name at the same moment,
            # and the unique constraint on `normalised` decides who wins.
            with transaction.atomic():
                SourceAlias.objects.get_or_create(normalised=key[:300], defaults={"source": source, "name": written})
        except IntegrityError:
            pass
    return source
