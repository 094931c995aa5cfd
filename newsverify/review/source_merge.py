"""Merging two registry sources that are one real-world entity, with everything that cites them.

In ``review`` rather than ``sources``: a merge moves hops, attributions, hop confirmations and audit
records, and the registry app imports nothing above it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction

from newsverify.review.models import Attribution, Hop, HopReview, ReviewAction, ReviewEvent
from newsverify.review.services import source_event_record
from newsverify.sources.models import ArticleSource, Source, SourceAlias, SourceType
from newsverify.sources.names import identifies_a_source, normalise

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


class MergeRefused(ValueError):
    """A merge the registry cannot do; the message says why, for the person."""


@transaction.atomic
def source_merge(*, into: Source, other: Source, by: AbstractBaseUser) -> ReviewEvent:
    """Fold ``other`` into ``into``: the same real-world entity registered twice.

    Every hop, attribution, per-article mention and hop confirmation that pointed at ``other`` moves
    to ``into``; its aliases (and its name, when it identifies a source) join ``into``; ``other`` is
    removed. Recorded in the audit log. Staff only: checked here as well as in the view.
    """
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
