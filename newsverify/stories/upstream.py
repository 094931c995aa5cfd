"""Upstream corrections: a report, or the statement at a story's origin, corrected or retracted.

A fact-checker marks one report of a story (a claim as one article carries it). Marking the
story's origin report says the statement itself was corrected or retracted: every report of the
story relays it. Marking another report says only that outlet's report was: the reports whose chain
passes through that outlet relay it (and the report itself). Each of those claims, in every article,
gets a flag (the review's own, so it shows in the chain panel, the queue and the audit log), the
article's editor (who uploaded it) and the claim's assignee get a notification, and the correction
is listed on the story page and on each article that relays it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from newsverify.db import CompiledQuery
from newsverify.notifications.models import NotificationKind
from newsverify.notifications.services import notification_send
from newsverify.review.models import Claim
from newsverify.review.services import ReviewRefused, claim_flag
from newsverify.sources.models import SourceAlias
from newsverify.sources.names import normalise
from newsverify.stories.models import Story, StoryClaim, UpstreamCorrection, UpstreamKind
from newsverify.stories.selectors import story_page
from newsverify.web_address import web_address_check

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser
    from django.db.models import QuerySet


def _cites(claim: Claim, outlet_keys: set[str]) -> bool:
    """Whether the claim's chain passes through the outlet (by its name or a registry alias)."""
    for hop in claim.hops.all():
        names = {normalise(hop.source.name), *(alias.normalised for alias in hop.source.aliases.all())}
        if names & outlet_keys:
            return True
    return False


def _outlet_keys(publisher: str) -> set[str]:
    key = normalise(publisher)
    if not key:
        return set()
    keys = {key}
    for alias in (
        SourceAlias.objects.filter(normalised=key).select_related("source").prefetch_related("source__aliases")
    ):
        keys |= {normalise(alias.source.name), *(other.normalised for other in alias.source.aliases.all())}
    return keys


def relaying_claims(claim: Claim) -> tuple[bool, list[Claim]]:
    """(whether ``claim`` is its story's origin report, the current claims that relay it)."""
    membership = StoryClaim.objects.filter(claim=claim).select_related("story").first()
    page = story_page(membership.story) if membership else None
    if page is None:
        return False, [claim]
    reports = [report.claim for report in page.reports]
    if page.origin.claim.pk == claim.pk:
        return True, reports
    keys = _outlet_keys(claim.article.publisher)
    ids = [report.pk for report in reports]
    with_hops = Claim.objects.filter(pk__in=ids).prefetch_related("hops__source__aliases").select_related("article")
    relaying = [other for other in with_hops if other.pk == claim.pk or (keys and _cites(other, keys))]
    return False, sorted(relaying, key=lambda other: other.pk)


def _flag_note(correction: UpstreamCorrection, claim: Claim) -> str:
    what = "The origin's statement" if correction.of_origin else f"{correction.claim.article.publisher_label}'s report"
    verb = "was retracted" if correction.kind == UpstreamKind.RETRACTED else "was corrected"
    note = f"Upstream: {what}, which this claim relays, {verb}: {correction.url}"
    if correction.note:
        note += f"\n{correction.note}"
    return note


@transaction.atomic
def upstream_correction_record(
    *, claim: Claim, kind: str, url: str, by: AbstractBaseUser, note: str = ""
) -> UpstreamCorrection:
    """Record the correction and flag every claim that relays it. Recording the same one twice
    (same report, kind and address) changes nothing and returns the first."""
    if kind not in UpstreamKind.values:
        raise ReviewRefused("Say whether the report was corrected or retracted.")
    try:
        url = web_address_check(url, label="The correction's address")
    except ValueError as error:
        raise ReviewRefused(str(error)) from None
    if not url:
        raise ReviewRefused("Give the address where the correction or retraction is published.")
    if claim.retired_at is not None or claim.not_a_claim:
        raise ReviewRefused("This claim is no longer in its article's reading: mark a current one.")
    existing = UpstreamCorrection.objects.filter(claim=claim, kind=kind, url=url).first()
    if existing is not None:
        return existing
    of_origin, relaying = relaying_claims(claim)
    membership = StoryClaim.objects.filter(claim=claim).first()
    try:
        with transaction.atomic():
            correction = UpstreamCorrection.objects.create(
                claim=claim,
                story_id=membership.story_id if membership else None,
                of_origin=of_origin,
                kind=kind,
                url=url,
                note=note.strip(),
                created_by=by,
            )
    except IntegrityError:  # recorded by someone else meanwhile
        return UpstreamCorrection.objects.get(claim=claim, kind=kind, url=url)
    correction.claims.set(relaying)
    if membership is not None:  # news of the story: it comes first in the stories list again
        Story.objects.filter(pk=membership.story_id).update(updated_at=timezone.now())
    for other in relaying:
        claim_flag(claim=other, by=by, note=_flag_note(correction, other))
    _notify(correction, relaying, by=by)
    return correction


def _notify(correction: UpstreamCorrection, claims: list[Claim], *, by: AbstractBaseUser) -> None:
    """The editor who uploaded each article and each claim's assignee, once per person and article."""
    users = get_user_model()
    sent: set[tuple[int, int]] = set()
    verb = correction.get_kind_display().lower()
    for claim in claims:
        article = claim.article
        for user_id in (article.submitted_by_id, claim.assignee_id):
            if user_id is None or (user_id, article.pk) in sent:
                continue
            sent.add((user_id, article.pk))
            recipient = users.objects.filter(pk=user_id).first()
            if recipient is None:
                continue
            notification_send(
                recipient=recipient,
                actor=by,
                kind=NotificationKind.UPSTREAM,
                subject=f"A report your article relays was {verb}: {article.title}",
                body=_flag_note(correction, claim),
                url=article.get_absolute_url(),
            )


def _flagged_on_article(article_id: int) -> QuerySet[UpstreamCorrection]:
    return (
        UpstreamCorrection.objects.filter(claims__article_id=article_id, claims__retired_at__isnull=True)
        .order_by()
        .values("pk")
        .distinct()
    )


# Asked on every article page, and almost always empty: which corrections, built once per process
# (building the query cost 1.3 ms of CPU a page); what they say is read only when there are some.
_FLAGGED_ON_ARTICLE = CompiledQuery(_flagged_on_article)


def upstream_for_article(article_id: int) -> QuerySet[UpstreamCorrection]:
    """The upstream corrections flagged on this article's current claims, newest first."""
    flagged = [row["pk"] for row in _FLAGGED_ON_ARTICLE.rows(article_id)]
    if not flagged:
        return UpstreamCorrection.objects.none()
    return UpstreamCorrection.objects.filter(pk__in=flagged).select_related("claim__article", "created_by")


def upstream_for_story(story_id: int) -> QuerySet[UpstreamCorrection]:
    return UpstreamCorrection.objects.filter(story_id=story_id).select_related("claim__article", "created_by")
