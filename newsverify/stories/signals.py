"""When a story's notes (``summaries``) must be rebuilt: after the transaction that changed it commits.

- a claim joins a story, moves, or leaves one (``StoryClaim`` saved or deleted: the matcher's
  filing, a re-analysis pruning a claim);
- a reviewer corrects a member's chain, span or kind, or marks it not a claim (every correction is
  an audit record, ``ReviewEvent``);
- a source is merged or split back (names, and so paths and circles, change).

The stories changed in one transaction are rebuilt once each, after it commits (nothing is rebuilt
for a transaction that rolls back).
"""

from __future__ import annotations

import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from newsverify.review.models import ReviewAction, ReviewEvent
from newsverify.stories.models import StoryClaim
from newsverify.stories.summaries import story_notes_refresh_safely

CHAIN_ACTIONS = frozenset(
    {
        ReviewAction.HOP_ADDED,
        ReviewAction.HOP_REMOVED,
        ReviewAction.HOP_MOVED,
        ReviewAction.HOP_SOURCE,
        ReviewAction.SPAN_CHANGED,
        ReviewAction.KIND_CHANGED,
        ReviewAction.NOT_A_CLAIM,
        ReviewAction.CLAIM_RESTORED,
        ReviewAction.SUGGESTION_ACCEPTED,
    }
)
SOURCE_ACTIONS = frozenset({ReviewAction.SOURCE_MERGED, ReviewAction.SOURCE_SPLIT})

_local = threading.local()


def _pending() -> set[int]:
    if not hasattr(_local, "story_ids"):
        _local.story_ids = set()
    return _local.story_ids


def _flush(story_ids: frozenset[int]) -> None:
    # All callbacks run after the commit: the first to name a story rebuilds it, the later ones
    # find it done. Ids left by a transaction that rolled back are rebuilt only if named again.
    pending = _pending()
    due = pending & story_ids
    if due:
        pending.difference_update(due)
        story_notes_refresh_safely(due)


def stories_changed(story_ids: set[int]) -> None:
    """Rebuild these stories' notes once the current transaction commits (now, outside one)."""
    story_ids = {story_id for story_id in story_ids if story_id}
    if story_ids:
        _pending().update(story_ids)
        named = frozenset(story_ids)
        transaction.on_commit(lambda: _flush(named))


@receiver(post_save, sender=StoryClaim, dispatch_uid="stories_member_saved")
@receiver(post_delete, sender=StoryClaim, dispatch_uid="stories_member_deleted")
def _member_changed(sender: type, instance: StoryClaim, **_: object) -> None:
    stories_changed({instance.story_id})


@receiver(post_save, sender=ReviewEvent, dispatch_uid="stories_review_event")
def _reviewed(sender: type, instance: ReviewEvent, created: bool = False, **_: object) -> None:
    if not created:
        return
    if instance.action in CHAIN_ACTIONS and instance.claim_id:
        stories_changed(set(StoryClaim.objects.filter(claim_id=instance.claim_id).values_list("story_id", flat=True)))
    elif instance.action in SOURCE_ACTIONS and instance.source_id:
        touched = StoryClaim.objects.filter(claim__hops__source_id=instance.source_id)
        stories_changed(set(touched.values_list("story_id", flat=True).distinct()))
