"""Reads of the registry that need nothing above it: where a merged source went, what stays per article."""

from __future__ import annotations

from newsverify.sources.models import Source, SourceType
from newsverify.sources.names import is_generic


def source_stays_per_article(source: Source) -> bool:
    """Anonymous and generic sources ("officials", "state media") never join across articles."""
    return source.type == SourceType.ANONYMOUS or is_generic(source.name)


def source_live(source: Source) -> Source:
    """The source that now stands for ``source``: itself, or the survivor of the merges it went into."""
    seen = {source.pk}
    while source.merged_into_id is not None and source.merged_into_id not in seen:
        seen.add(source.merged_into_id)
        source = Source.objects.get(pk=source.merged_into_id)
    return source
