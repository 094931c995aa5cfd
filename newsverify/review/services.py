"""Writes on claims. Every change goes through ``review_event_record``, the one audit trail."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from newsverify.articles.services import web_address_check
from newsverify.review.models import Claim, Flag, ReviewAction, ReviewEvent, ReviewStatus

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

VERDICT_STATUSES = (ReviewStatus.VERIFIED, ReviewStatus.DISPUTED)


def review_event_record(
    *,
    claim: Claim,
    actor: AbstractBaseUser,
    action: ReviewAction,
    status_after: str,
    note: str = "",
    evidence_url: str = "",
) -> ReviewEvent:
    """Apply a review-status change to ``claim`` and record who did it, when, and before -> after.

    Callers hold a transaction; the claim row is locked so two reviewers cannot interleave.
    """
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    status_before = locked.review_status
    if status_after != status_before:
        Claim.objects.filter(pk=claim.pk).update(review_status=status_after)
    claim.review_status = status_after
    return ReviewEvent.objects.create(
        article_id=locked.article_id,
        claim=locked,
        claim_text=locked.text,
        actor=actor,
        action=action,
        status_before=status_before,
        status_after=status_after,
        note=note,
        evidence_url=evidence_url,
    )


@transaction.atomic
def claim_flag(*, claim: Claim, by: AbstractBaseUser, note: str) -> Flag:
    """An editor marks a claim as unverified. The claim keeps its review status until a verdict."""
    note = note.strip()
    if not note:
        raise ValueError("A flag needs a note saying what is unverified.")
    flag = Flag.objects.create(claim=claim, created_by=by, note=note)
    review_event_record(claim=claim, actor=by, action=ReviewAction.FLAGGED, status_after=claim.review_status, note=note)
    return flag


@transaction.atomic
def claim_verdict(*, claim: Claim, by: AbstractBaseUser, status: str, evidence_url: str, note: str = "") -> ReviewEvent:
    """A fact-checker marks the claim's chain verified or disputed, with evidence; open flags close."""
    if status not in VERDICT_STATUSES:
        raise ValueError(f"A verdict is one of: {', '.join(VERDICT_STATUSES)}.")
    if not evidence_url.strip():
        raise ValueError("A verdict needs an evidence URL.")
    evidence_url = web_address_check(evidence_url, label="The evidence URL")
    event = review_event_record(
        claim=claim,
        actor=by,
        action=ReviewAction.VERDICT,
        status_after=status,
        note=note.strip(),
        evidence_url=evidence_url.strip(),
    )
    Flag.objects.filter(claim=claim, resolved_at__isnull=True).update(resolved_by=by, resolved_at=timezone.now())
    return event
