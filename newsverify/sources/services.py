from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from newsverify.sources.models import ArticleSource, Source, SourceAlias, SourceType
from newsverify.sources.names import identifies_a_source, normalise

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from newsverify.review.models import ReviewEvent


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
    return source


class MergeRefused(ValueError):
    """A merge the registry cannot do; the message says why, for the person."""


@transaction.atomic
def source_merge(*, into: Source, other: Source, by: AbstractBaseUser) -> ReviewEvent:
    """Fold ``other`` into ``into``: the same real-world entity registered twice.

    Every hop, attribution, per-article mention and hop confirmation that pointed at ``other`` moves
    to ``into``; its aliases (and its name, when it identifies a source) join ``into``; ``other`` is
    removed. Recorded in the audit log. Staff only: checked here as well as in the view.
    """
    from newsverify.review.models import Attribution, Hop, HopReview, ReviewAction, ReviewEvent
    from newsverify.review.services import source_event_record

    if not by.is_staff:
        raise PermissionDenied("Only staff can merge sources.")
    if into.pk == other.pk:
        raise MergeRefused("A source cannot be merged into itself.")
    # Lock both rows in a fixed order so two merges of the same pair cannot deadlock or interleave.
    locked = {s.pk: s for s in Source.objects.select_for_update().filter(pk__in=[into.pk, other.pk]).order_by("pk")}
    if len(locked) != 2:
        raise MergeRefused("One of the two sources no longer exists; reload the page.")
    into, other = locked[into.pk], locked[other.pk]
    hops = Hop.objects.filter(source=other).update(source=into)
    Attribution.objects.filter(source=other).update(source=into)
    HopReview.objects.filter(source=other).update(source=into)
    mentions = ArticleSource.objects.filter(source=other).update(source=into)
    aliases = SourceAlias.objects.filter(source=other).update(source=into)
    key = normalise(other.name)[:300]
    if identifies_a_source(other.name) and not SourceAlias.objects.filter(normalised=key).exists():
        SourceAlias.objects.create(source=into, name=other.name[:300], normalised=key)
        aliases += 1
    if into.type == SourceType.OTHER and other.type != SourceType.OTHER:
        Source.objects.filter(pk=into.pk).update(type=other.type)
        into.type = other.type
    ReviewEvent.objects.filter(source=other).update(source=into)
    before = f"{other.name} (#{other.pk}, {other.get_type_display().lower()})"
    event = source_event_record(
        source=into,
        actor=by,
        action=ReviewAction.SOURCE_MERGED,
        subject=f"source: {into.name}",
        value_before=before,
        value_after=f"{into.name} (#{into.pk})",
        note=f"Moved {hops} hop{'s' * (hops != 1)}, {mentions} article mention{'s' * (mentions != 1)} "
        f"and {aliases} alias{'es' * (aliases != 1)}.",
    )
    other.delete()
    return event
