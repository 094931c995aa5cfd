"""Writes on claims. Every change goes through ``review_event_record``, the one audit trail.

The review status of a claim moves only along ``TRANSITIONS``:

    unreviewed -> needs primary source -> verified / disputed / false / misattributed

Confirming a hop of an unreviewed claim starts its review (needs primary source: some links are
checked, the chain is not ruled on). A verdict can be changed to another verdict with new evidence,
or reopened to needs primary source; reopening a confirmed hop of a verified claim reopens the
claim, since a chain with an unchecked link is not verified. Back to unreviewed only from needs
primary source, and only while no hop is confirmed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst

from newsverify.notifications.models import NotificationKind
from newsverify.notifications.services import mentions_notify, notification_send
from newsverify.review.models import (
    VERDICT_STATUSES,
    Claim,
    Comment,
    Flag,
    Hop,
    HopReview,
    ReviewAction,
    ReviewEvent,
    ReviewStatus,
)
from newsverify.review.source_citations import source_citations_kept
from newsverify.web_address import web_address_check

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from newsverify.sources.models import Source

TRANSITIONS: dict[str, frozenset[str]] = {
    ReviewStatus.UNREVIEWED: frozenset({ReviewStatus.NEEDS_PRIMARY_SOURCE, *VERDICT_STATUSES}),
    ReviewStatus.NEEDS_PRIMARY_SOURCE: frozenset({ReviewStatus.UNREVIEWED, *VERDICT_STATUSES}),
    # A verdict may be replaced by another (or the same, with new evidence), or reopened.
    **{verdict: frozenset({ReviewStatus.NEEDS_PRIMARY_SOURCE, *VERDICT_STATUSES}) for verdict in VERDICT_STATUSES},
}


class ReviewRefused(ValueError):
    """A review action that the rules do not allow; the message says why, for the person."""


class OpenHopsUnconfirmed(ReviewRefused):
    """A verdict on a chain with links nobody has confirmed, which the person has not confirmed either.

    ``open_hops`` is how many; ``asking(how)`` is the message with the door's way to confirm (the
    web's box, the API's field).
    """

    def __init__(self, open_hops: int, *, claim: Claim | None = None) -> None:
        self.open_hops, self.claim = open_hops, claim
        super().__init__(self.asking("confirm that the verdict stands anyway"))

    def asking(self, how: str) -> str:
        hops = "1 hop of this chain is" if self.open_hops == 1 else f"{self.open_hops} hops of this chain are"
        return f"{hops} still open. Confirm {'it' if self.open_hops == 1 else 'them'} first, or {how}."


def claim_open_hops(claim: Claim) -> int:
    """How many links of the claim's chain no fact-checker has confirmed (read from the database)."""
    confirmed = HopReview.objects.filter(claim_id=claim.pk).values("position")
    return Hop.objects.filter(claim_id=claim.pk).exclude(position__in=confirmed).count()


def transition_check(*, before: str, after: str) -> None:
    if after not in ReviewStatus.values:
        raise ReviewRefused(f"{after!r} is not a review status.")
    if after not in TRANSITIONS[before]:
        raise ReviewRefused(
            f"A claim that is {ReviewStatus(before).label.lower()} cannot become {ReviewStatus(after).label.lower()}."
        )


def review_event_record(
    *,
    claim: Claim,
    actor: AbstractBaseUser,
    action: ReviewAction,
    status_after: str | None = None,
    note: str = "",
    evidence_url: str = "",
    subject: str = "",
    value_before: str = "",
    value_after: str = "",
) -> ReviewEvent:
    """Apply a review-status change to ``claim`` (if any) and record who did it, when, and before -> after.

    Callers hold a transaction; the claim row is locked so two reviewers cannot interleave.
    """
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    status_before = locked.review_status
    if status_after is None:
        status_after = status_before
    if status_after != status_before:
        # A verified claim counts in its sources' kept counts (review.source_citations).
        with source_citations_kept(locked.article_id):
            Claim.objects.filter(pk=claim.pk).update(review_status=status_after)
    claim.review_status = status_after
    return ReviewEvent.objects.create(
        article_id=locked.article_id,
        claim=locked,
        claim_text=locked.text,
        subject=subject[:300],
        actor=actor,
        action=action,
        status_before=status_before,
        status_after=status_after,
        value_before=value_before[:300],
        value_after=value_after[:300],
        note=note,
        evidence_url=evidence_url,
    )


def source_event_record(
    *,
    source: Source,
    actor: AbstractBaseUser,
    action: ReviewAction,
    subject: str,
    value_before: str,
    value_after: str,
    note: str = "",
) -> ReviewEvent:
    """Record a change to the source registry (a merge) in the same audit log."""
    return ReviewEvent.objects.create(
        source=source,
        subject=subject[:300],
        actor=actor,
        action=action,
        value_before=value_before[:300],
        value_after=value_after[:300],
        note=note,
    )


def _evidence_check(evidence_url: str, *, missing: str) -> str:
    if not evidence_url.strip():
        raise ReviewRefused(missing)
    try:
        return web_address_check(evidence_url, label="The evidence URL")
    except ValueError as exc:
        raise ReviewRefused(str(exc)) from None


def hop_label(hop: Hop | HopReview) -> str:
    return f"hop {hop.position + 1}: {hop.source.name}"


@transaction.atomic
def claim_flag(*, claim: Claim, by: AbstractBaseUser, note: str) -> Flag:
    """An editor marks a claim as unverified. The claim keeps its review status until a verdict."""
    note = note.strip()
    if not note:
        raise ReviewRefused("A flag needs a note saying what is unverified.")
    flag = Flag.objects.create(claim=claim, created_by=by, note=note)
    review_event_record(claim=claim, actor=by, action=ReviewAction.FLAGGED, note=note)
    return flag


@transaction.atomic
def claim_set_verdict(
    *,
    claim: Claim,
    by: AbstractBaseUser,
    verdict: str,
    evidence_url: str = "",
    note: str = "",
    open_hops_confirmed: bool | None = None,
) -> ReviewEvent:
    """Move the claim's review status along ``TRANSITIONS``.

    A verdict (verified, disputed, false, misattributed) needs an evidence URL and closes open flags;
    needs primary source and unreviewed are status changes that need none.

    ``open_hops_confirmed``: a person's door (the panel, the API) passes whether they confirmed a
    verdict on a chain with open hops; False refuses it while hops are open (``OpenHopsUnconfirmed``).
    None: the caller asks no such question (a script, a test).
    """
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    transition_check(before=locked.review_status, after=verdict)
    if verdict == ReviewStatus.UNREVIEWED and locked.hop_reviews.exists():
        raise ReviewRefused("Hops of this claim are confirmed: it is under review. Reopen them first.")
    note = note.strip()
    if verdict in VERDICT_STATUSES:
        evidence_url = _evidence_check(evidence_url, missing="A verdict needs an evidence URL.")
        if open_hops_confirmed is False and (open_hops := claim_open_hops(locked)):
            raise OpenHopsUnconfirmed(open_hops, claim=locked)
        event = review_event_record(
            claim=claim,
            actor=by,
            action=ReviewAction.VERDICT,
            status_after=verdict,
            note=note,
            evidence_url=evidence_url,
        )
        Flag.objects.filter(claim=claim, resolved_at__isnull=True).update(resolved_by=by, resolved_at=timezone.now())
        return event
    evidence_url = _evidence_check(evidence_url, missing="") if evidence_url.strip() else ""
    return review_event_record(
        claim=claim, actor=by, action=ReviewAction.STATUS, status_after=verdict, note=note, evidence_url=evidence_url
    )


def claim_verdict(*, claim: Claim, by: AbstractBaseUser, status: str, evidence_url: str, note: str = "") -> ReviewEvent:
    """A verdict on the claim's chain; ``claim_set_verdict`` restricted to the four verdicts."""
    if status not in VERDICT_STATUSES:
        raise ReviewRefused(f"A verdict is one of: {', '.join(VERDICT_STATUSES)}.")
    return claim_set_verdict(claim=claim, by=by, verdict=status, evidence_url=evidence_url, note=note)


@transaction.atomic
def hop_confirm(*, hop: Hop, by: AbstractBaseUser, evidence_url: str, note: str = "") -> HopReview:
    """Confirm one link of a chain ("TASS did run this"), with evidence.

    An unreviewed claim moves to needs primary source: its review has started.
    """
    evidence_url = _evidence_check(evidence_url, missing="Confirming a hop needs an evidence URL.")
    claim = Claim.objects.select_for_update().get(pk=hop.claim_id)
    if HopReview.objects.filter(claim=claim, position=hop.position).exists():
        raise ReviewRefused(f"{capfirst(hop_label(hop))} is already confirmed.")
    review = HopReview.objects.create(
        claim=claim,
        position=hop.position,
        hop=hop,
        source_id=hop.source_id,
        confirmed_by=by,
        evidence_url=evidence_url,
        note=note.strip(),
    )
    status_after = (
        ReviewStatus.NEEDS_PRIMARY_SOURCE if claim.review_status == ReviewStatus.UNREVIEWED else claim.review_status
    )
    review_event_record(
        claim=claim,
        actor=by,
        action=ReviewAction.HOP_CONFIRMED,
        status_after=status_after,
        subject=hop_label(hop),
        value_before="open",
        value_after="confirmed",
        note=review.note,
        evidence_url=evidence_url,
    )
    return review


@transaction.atomic
def hop_reopen(*, hop: Hop, by: AbstractBaseUser, note: str) -> ReviewEvent:
    """Withdraw a hop's confirmation (the evidence turned out wrong). A verified claim is reopened."""
    note = note.strip()
    if not note:
        raise ReviewRefused("Say why the hop is reopened.")
    claim = Claim.objects.select_for_update().get(pk=hop.claim_id)
    review = HopReview.objects.filter(claim=claim, position=hop.position).first()
    if review is None:
        raise ReviewRefused(f"{capfirst(hop_label(hop))} is not confirmed.")
    review.delete()
    status_after = (
        ReviewStatus.NEEDS_PRIMARY_SOURCE if claim.review_status == ReviewStatus.VERIFIED else claim.review_status
    )
    return review_event_record(
        claim=claim,
        actor=by,
        action=ReviewAction.HOP_REOPENED,
        status_after=status_after,
        subject=hop_label(hop),
        value_before="confirmed",
        value_after="open",
        note=note,
    )


def _user_label(user: AbstractBaseUser | None) -> str:
    return user.get_username() if user is not None else "nobody"


@transaction.atomic
def claim_assign(
    *, claim: Claim, by: AbstractBaseUser, assignee: AbstractBaseUser | None, notify: bool = True
) -> ReviewEvent | None:
    """Give the claim to a fact-checker (or to nobody). Only users who may record verdicts qualify.

    The new assignee is notified (inbox and e-mail) unless they assigned it to themselves, or
    ``notify`` is off (a bulk assignment sends one notification for the batch).
    """
    if assignee is not None and not assignee.has_perm("review.record_verdict"):
        # Neutral on purpose: the message must not confirm who a user id belongs to.
        raise ReviewRefused("The chosen user is not a fact-checker: claims go to fact-checkers only.")
    locked = Claim.objects.select_for_update(of=("self",)).select_related("assignee").get(pk=claim.pk)
    if locked.assignee_id == (assignee.pk if assignee else None):
        return None
    before = locked.assignee
    Claim.objects.filter(pk=claim.pk).update(assignee=assignee)
    claim.assignee = assignee
    event = review_event_record(
        claim=claim,
        actor=by,
        action=ReviewAction.ASSIGNED,
        subject="assignee",
        value_before=_user_label(before),
        value_after=_user_label(assignee),
    )
    if notify and assignee is not None:
        notification_send(
            recipient=assignee,
            actor=by,
            kind=NotificationKind.ASSIGNED,
            subject=locked.text,
            url=claim.get_absolute_url(),
        )
    return event


@transaction.atomic
def claim_comment(*, claim: Claim, by: AbstractBaseUser, body: str) -> Comment:
    body = body.strip()
    if not body:
        raise ReviewRefused("A comment cannot be empty.")
    comment = Comment.objects.create(claim=claim, author=by, body=body)
    review_event_record(claim=claim, actor=by, action=ReviewAction.COMMENTED, note=body)
    mentions_notify(
        text=body, actor=by, subject=claim.text, url=claim.get_absolute_url(), permission="review.view_claim"
    )
    return comment


@transaction.atomic
def claims_bulk_assign(*, claims: list[Claim], by: AbstractBaseUser, assignee: AbstractBaseUser | None) -> int:
    """Assign each claim; one audit record per claim that changed, and one notification for the
    batch (a single claim's, or the assignee's queue for several). Returns how many changed."""
    changed = [
        claim for claim in claims if claim_assign(claim=claim, by=by, assignee=assignee, notify=False) is not None
    ]
    if assignee is not None and changed:
        several = len(changed) > 1
        notification_send(
            recipient=assignee,
            actor=by,
            kind=NotificationKind.ASSIGNED,
            subject=f"{len(changed)} claims" if several else changed[0].text,
            url=f"{reverse('review_queue')}?assignee=me" if several else changed[0].get_absolute_url(),
        )
    return len(changed)


@transaction.atomic
def claims_bulk_set_status(
    *,
    claims: list[Claim],
    by: AbstractBaseUser,
    verdict: str,
    evidence_url: str,
    note: str,
    open_hops_confirmed: bool | None = None,
) -> int:
    """Set one status on many claims: all or none (a refused transition, or a verdict on a claim
    with open hops that was not confirmed, refuses the batch)."""
    for claim in claims:
        claim_set_verdict(
            claim=claim,
            by=by,
            verdict=verdict,
            evidence_url=evidence_url,
            note=note,
            open_hops_confirmed=open_hops_confirmed,
        )
    return len(claims)
