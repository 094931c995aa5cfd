"""The notes kept on a story's reports (``StoryNote``): its drift from the origin statement and its
circular citing, as the story page finds them, stored so that lists and boards need not build it.

``story_notes_refresh`` rebuilds a story's notes from ``story_page``, so the page and the notes
cannot disagree. It runs after every change that can alter them (``stories_changed``, called by
the matcher's filing and from ``signals.py``): a claim joining or leaving a story, a reviewer's
correction of a member's chain, span or kind, a source merge. It
is idempotent: running it twice writes the same rows.

Where it runs: a change made in a worker (the matcher's filing, a re-analysis) is rebuilt there,
after its commit; a change made in a web request (a reviewer's correction, a source merge) is handed
to a worker (``tasks.story_notes_rebuild``), so the reviewer does not wait for a big story's pages
to be built again, and is rebuilt in the request only when the broker cannot take it
(``NEWSVERIFY_STORY_NOTES_IN_BACKGROUND`` off: always in the request).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable

from celery import current_task
from django.conf import settings
from django.db import transaction
from django.db.models import Q

from newsverify.stories.models import NoteKind, Story, StoryNote
from newsverify.stories.selectors import StoryPage, story_pages

logger = logging.getLogger(__name__)

CIRCULAR_NOTE = "cites in a circle: its path passes a relay that relays it back"


def _notes(story: Story, page: StoryPage | None) -> tuple[list[StoryNote], list[int]]:
    """The story's notes as its page finds them, and the claims they are about."""
    if page is None:
        return [], []
    origin = page.origin.claim
    notes = []
    for report in page.reports:
        claim = report.claim
        common = {"story": story, "claim": claim, "origin": origin, "article_id": claim.article_id}
        for drift in report.drift:
            before, after = drift.before[:200], drift.after[:200]
            notes.append(StoryNote(kind=drift.kind, text=drift[:300], before=before, after=after, **common))
        if report.circular:
            notes.append(StoryNote(kind=NoteKind.CIRCULAR, text=CIRCULAR_NOTE, **common))
    return notes, [report.claim.pk for report in page.reports]


def story_notes_refresh(*, story_ids: Iterable[int]) -> int:
    """Rebuild the notes of these stories (ids of stories gone since are skipped); returns how many
    notes they hold now."""
    stories = list(Story.objects.filter(pk__in=set(story_ids)).order_by("pk"))
    if not stories:
        return 0
    # Every story's page from one read of their members, then one delete and one insert for all.
    pages = story_pages(stories)
    notes: list[StoryNote] = []
    claim_ids: list[int] = []
    for story in stories:
        story_notes, members = _notes(story, pages.get(story.pk))
        notes += story_notes
        claim_ids += members
    with transaction.atomic():
        # A member's notes from a story it left (and that was not refreshed yet) go too: a
        # claim is in one story, and has one note of each kind.
        StoryNote.objects.filter(Q(story__in=stories) | Q(claim_id__in=claim_ids)).delete()
        StoryNote.objects.bulk_create(notes)
    return len(notes)


def story_notes_refresh_safely(story_ids: Iterable[int]) -> None:
    """For after a commit: a failure is logged, never raised into the request or the task that
    committed (the notes are rebuilt at the story's next change, or by ``manage.py story_match``)."""
    try:
        story_notes_refresh(story_ids=story_ids)
    except Exception:
        logger.exception("The notes of stories %s could not be rebuilt", sorted(story_ids))


def _in_background() -> bool:
    """Whether to hand the rebuild to a worker: asked for, and not already in one."""
    return settings.NEWSVERIFY_STORY_NOTES_IN_BACKGROUND and not (current_task and current_task.request.id)


def _send(story_ids: frozenset[int]) -> bool:
    """Hand the rebuild to a worker; False (logged) when the broker cannot take it."""
    from newsverify.stories.tasks import story_notes_rebuild

    try:
        story_notes_rebuild.apply_async(args=[sorted(story_ids)])
    except Exception as exc:  # kombu wraps transport errors differently per broker; none may reach a request.
        logger.warning("Notes of stories %s rebuilt here: the broker cannot take them (%s)", sorted(story_ids), exc)
        return False
    return True


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
        if not (_in_background() and _send(frozenset(due))):
            story_notes_refresh_safely(due)


def stories_changed(story_ids: set[int]) -> None:
    """Rebuild these stories' notes once the current transaction commits (now, outside one)."""
    story_ids = {story_id for story_id in story_ids if story_id}
    if story_ids:
        _pending().update(story_ids)
        named = frozenset(story_ids)
        transaction.on_commit(lambda: _flush(named))
