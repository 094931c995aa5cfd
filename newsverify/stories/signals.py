"""When a story's notes (``summaries``) must be rebuilt, for the changes made in the apps below
stories, which cannot call it (the matcher's own filing and pruning call ``stories_changed``
themselves, in ``services``):

- a claim leaves a story because its row is deleted (a re-analysis retiring it: the ``StoryClaim``
  goes by cascade);
- a reviewer corrects a member's chain, span or kind, or marks it not a claim (every correction is
  an audit record, ``ReviewEvent``);
- a source is merged or split back (names, and so paths and circles, change).

The stories changed in one transaction are rebuilt once each, after it commits (nothing is rebuilt
for a transaction that rolls back).
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from newsverify.review.models import ReviewAction, ReviewEvent
from newsverify.stories.models import StoryClaim
from newsverify.stories.summaries import stories_changed

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


@receiver(post_delete, sender=StoryClaim, dispatch_uid="stories_member_deleted")
def _member_deleted(sender: type, instance: StoryClaim, **_: object) -> None:
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
