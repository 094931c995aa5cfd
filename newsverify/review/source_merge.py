"""Merging registry sources, previewed and undoable (staff only).

A merge folds one source into another when they are the same real-world entity registered twice;
``source_merge_undo`` splits it back from the ``SourceMerge`` record of exactly what moved. Both
move hops, mentions, attributions and audit records, and record themselves in the audit log, so
they live in ``review``, above ``sources`` in the import order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from newsverify.review.models import ReviewAction
from newsverify.review.services import source_event_record
from newsverify.review.source_citations import source_citations_recount
from newsverify.review.source_selectors import source_merge_contents, source_merge_fingerprint
from newsverify.sources.models import Source, SourceAlias, SourceMerge, SourceType
from newsverify.sources.names import normalise
from newsverify.sources.selectors import source_live, source_stays_per_article

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


class MergeRefused(ValueError):
    """A merge (or its undo) the registry cannot do; the message says why, for the person."""


class MergeStale(MergeRefused):
    """The sources changed between the preview and the confirmation."""


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def source_merge_check(*, into: Source, other: Source, by: AbstractBaseUser) -> None:
    """Whether ``by`` may merge ``other`` into ``into``; raises with the reason when not."""
    if not by.is_staff:
        raise PermissionDenied("Only staff can merge sources.")
    if into.pk == other.pk:
        raise MergeRefused("A source cannot be merged into itself.")
    for source in (other, into):
        if source.is_merged:
            survivor = source_live(source)
            raise MergeRefused(f"{source.name} was already merged into {survivor.name} (#{survivor.pk}).")
        if source_stays_per_article(source):
            raise MergeRefused(
                f"{source.name} is an anonymous or generic source: it stays per article "
                "(the officials of one story are not those of another)."
            )


def _lock_pair(a: Source, b: Source) -> tuple[Source, Source]:
    # Lock both rows in a fixed order so two merges of the same pair cannot deadlock or interleave;
    # on PostgreSQL the lock also holds back a new hop or mention naming either until we commit.
    locked = {s.pk: s for s in Source.objects.select_for_update().filter(pk__in=[a.pk, b.pk]).order_by("pk")}
    if len(locked) != len({a.pk, b.pk}):
        raise MergeRefused("One of the two sources no longer exists; reload the page.")
    return locked[a.pk], locked[b.pk]


@transaction.atomic
def source_merge(*, into: Source, other: Source, by: AbstractBaseUser, fingerprint: str) -> SourceMerge:
    """Fold ``other`` into ``into``: the same real-world entity registered twice.

    ``fingerprint`` is the one shown with the preview (``selectors.source_merge_preview``): when what
    would move has changed since, the merge is refused (``MergeStale``). Every hop, attribution,
    per-article mention, hop confirmation and registry record of ``other`` moves to ``into``; its
    aliases (and its name, when it identifies a source) join ``into``; ``other`` is kept, marked
    merged, so its URL leads to ``into`` and ``source_merge_undo`` can split it back. The
    ``SourceMerge`` row holds exactly what moved. Recorded in the audit log. Staff only.
    """
    if not by.is_staff:
        raise PermissionDenied("Only staff can merge sources.")
    into, other = _lock_pair(into, other)
    source_merge_check(into=into, other=other, by=by)
    contents = source_merge_contents(into=into, other=other)
    if source_merge_fingerprint(into=into, other=other, contents=contents) != fingerprint:
        raise MergeStale(
            f"{other.name} or {into.name} changed since the preview (another merge, a re-analysis or a "
            "correction). Look at what would move now and confirm again."
        )
    other.hops.filter(pk__in=contents.hop_ids).update(source=into)
    other.attributions.filter(pk__in=contents.attribution_ids).update(source=into)
    other.hop_reviews.filter(pk__in=contents.hop_review_ids).update(source=into)
    other.article_sources.filter(pk__in=contents.mention_ids).update(source=into)
    other.aliases.filter(pk__in=contents.alias_ids).update(source=into)
    other.events.filter(pk__in=contents.event_ids).update(source=into)
    created_alias = (
        SourceAlias.objects.create(source=into, name=contents.name_alias, normalised=normalise(other.name)[:300])
        if contents.name_alias
        else None
    )
    type_before = ""
    if into.type == SourceType.OTHER and other.type != SourceType.OTHER:
        type_before = into.type
        Source.objects.filter(pk=into.pk).update(type=other.type)
        into.type = other.type
    Source.objects.filter(pk=other.pk).update(merged_into=into)
    other.merged_into = into
    source_citations_recount([into.pk, other.pk])
    merge = SourceMerge.objects.create(
        survivor=into,
        merged=other,
        merged_by=by,
        fingerprint=fingerprint,
        hop_ids=list(contents.hop_ids),
        attribution_ids=list(contents.attribution_ids),
        hop_review_ids=list(contents.hop_review_ids),
        mention_ids=list(contents.mention_ids),
        alias_ids=list(contents.alias_ids),
        event_ids=list(contents.event_ids),
        created_alias_id=created_alias.pk if created_alias else None,
        survivor_type_before=type_before,
    )
    source_event_record(
        source=into,
        actor=by,
        action=ReviewAction.SOURCE_MERGED,
        subject=f"source: {into.name}",
        value_before=f"{other.name} (#{other.pk}, {other.get_type_display().lower()})",
        value_after=f"{into.name} (#{into.pk})",
        note=f"Moved {source_merge_summary(merge)}.",
    )
    return merge


def source_merge_summary(merge: SourceMerge) -> str:
    """What a merge moved, in words: "1 hop, 2 article mentions and 1 alias"."""
    aliases = len(merge.alias_ids) + (merge.created_alias_id is not None)
    return (
        f"{_plural(len(merge.hop_ids), 'hop', 'hops')}, "
        f"{_plural(len(merge.mention_ids), 'article mention', 'article mentions')} "
        f"and {_plural(aliases, 'alias', 'aliases')}"
    )


def _undo_check(*, merge: SourceMerge, survivor: Source, merged: Source) -> None:
    """Refuse to split back when later changes mean the moved rows are no longer what moved."""
    if merge.is_undone:
        raise MergeRefused(f"This merge was already split back on {merge.undone_at:%d %b %Y %H:%M}.")
    if merged.merged_into_id != survivor.pk:
        raise MergeRefused(f"{merged.name} is no longer merged into {survivor.name}.")
    if survivor.is_merged:
        later = source_live(survivor)
        raise MergeRefused(
            f"{survivor.name} has since been merged into {later.name} (#{later.pk}): split that merge first."
        )
    gone = []
    for ids, rows, many in (
        (merge.hop_ids, survivor.hops, "hops"),
        (merge.mention_ids, survivor.article_sources, "article mentions"),
        (merge.alias_ids, survivor.aliases, "aliases"),
    ):
        if missing := len(ids) - rows.filter(pk__in=ids).count():
            gone.append(f"{missing} of {len(ids)} {many}")
    if merge.created_alias_id is not None and not survivor.aliases.filter(pk=merge.created_alias_id).exists():
        gone.append(f"the alias {merged.name}")
    if gone:
        raise MergeRefused(
            f"Cannot split {merged.name} back out: of what moved, {' and '.join(gone)} no longer "
            f"belong to {survivor.name} (an article re-analysed or a chain corrected since the merge)."
        )
    keys = set(
        survivor.aliases.filter(
            pk__in=[*merge.alias_ids, *([merge.created_alias_id] if merge.created_alias_id else [])]
        ).values_list("normalised", flat=True)
    )
    matched = [
        mention
        for mention in survivor.article_sources.exclude(pk__in=merge.mention_ids).only("name", "aliases", "article_id")
        if keys & {normalise(name)[:300] for name in [mention.name, *mention.aliases]}
    ]
    if matched:
        articles = sorted({m.article_id for m in matched})
        raise MergeRefused(
            f"Cannot split {merged.name} back out: since the merge, "
            f"{_plural(len(articles), 'article', 'articles')} (#{', #'.join(map(str, articles))}) named it by "
            f"one of its aliases and {'was' if len(articles) == 1 else 'were'} filed under {survivor.name}. "
            "Split back now, they would stay with the wrong source."
        )


@transaction.atomic
def source_merge_undo(*, merge: SourceMerge, by: AbstractBaseUser) -> SourceMerge:
    """Split a merge back: every hop, mention and alias that moved returns to the merged source,
    which is live again. Refused, with the reason, when later changes make that unsafe: one of them
    is gone or names another source now, an article filed under the survivor since the merge names
    it by a moved alias, or the survivor was itself merged away. Recorded in the audit log.
    """
    if not by.is_staff:
        raise PermissionDenied("Only staff can split merged sources.")
    merge = SourceMerge.objects.select_for_update().get(pk=merge.pk)
    survivor, merged = _lock_pair(merge.survivor, merge.merged)
    _undo_check(merge=merge, survivor=survivor, merged=merged)
    survivor.hops.filter(pk__in=merge.hop_ids).update(source=merged)
    survivor.article_sources.filter(pk__in=merge.mention_ids).update(source=merged)
    survivor.aliases.filter(pk__in=merge.alias_ids).update(source=merged)
    # These may have gone since without harm (a hop reopened, an attribution re-analysed): what is
    # left of them goes back.
    survivor.attributions.filter(pk__in=merge.attribution_ids).update(source=merged)
    survivor.hop_reviews.filter(pk__in=merge.hop_review_ids).update(source=merged)
    survivor.events.filter(pk__in=merge.event_ids).update(source=merged)
    if merge.created_alias_id is not None:
        survivor.aliases.filter(pk=merge.created_alias_id).delete()
    if merge.survivor_type_before and survivor.type == merged.type:
        Source.objects.filter(pk=survivor.pk).update(type=merge.survivor_type_before)
    Source.objects.filter(pk=merged.pk).update(merged_into=None)
    merged.merged_into = None
    source_citations_recount([survivor.pk, merged.pk])
    merge.undone_at, merge.undone_by = timezone.now(), by
    merge.save(update_fields=["undone_at", "undone_by"])
    source_event_record(
        source=merged,
        actor=by,
        action=ReviewAction.SOURCE_SPLIT,
        subject=f"source: {merged.name}",
        value_before=f"merged into {survivor.name} (#{survivor.pk})",
        value_after=f"{merged.name} (#{merged.pk})",
        note=f"Moved back {source_merge_summary(merge)}.",
    )
    return merge
