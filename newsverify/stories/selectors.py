"""Reads for the story page: every report of one story, the path each took, and what went wrong on the way."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch

from newsverify.review.models import Claim, ClaimKind, Hop
from newsverify.sources.models import SourceType
from newsverify.sources.names import normalise
from newsverify.stories.matching import claim_features
from newsverify.stories.models import Story, StoryClaim

_WIRE_TYPES = (SourceType.NEWS_AGENCY,)
_QUOTE_KINDS = (ClaimKind.DIRECT, ClaimKind.MIXED)
_REPORTED_KINDS = (ClaimKind.INDIRECT, ClaimKind.ACCORDING_TO, ClaimKind.INHERITED, ClaimKind.UNATTRIBUTED)


@dataclass
class Report:
    claim: Claim
    membership: StoryClaim
    path: list[str]  # origin first, then each relay, then the publisher
    date: datetime.date
    origin_anonymous: bool = False
    circular: bool = False
    drift: list[str] = field(default_factory=list)

    @property
    def article(self):  # type: ignore[no-untyped-def]
        return self.claim.article


@dataclass
class StoryPage:
    story: Story
    origin: Report
    reports: list[Report]
    statements: int  # distinct named origins
    wires: list[str]  # the news agencies the reports pass through
    outlets: list[str]  # the publishers carrying it
    circular: list[str]  # "A → B → A", each cycle once


def _hops(claim: Claim) -> list[Hop]:
    return list(claim.hops.all())


def _path(claim: Claim) -> list[str]:
    return [hop.source.name for hop in _hops(claim)] + [claim.article.publisher_label]


def _date(claim: Claim) -> datetime.date:
    return claim.article.published_on or claim.article.created_at.date()


def _cycles(paths: list[list[str]]) -> list[list[str]]:
    """The citing loops among the reports' paths: B relays A, and A (somewhere) relays B."""
    cites: dict[str, set[str]] = defaultdict(set)  # relay -> what it heard from
    label: dict[str, str] = {}
    for path in paths:
        keys = [normalise(name) for name in path]
        for key, name in zip(keys, path, strict=True):
            label.setdefault(key, name)
        for earlier, later in zip(keys, keys[1:], strict=False):
            if earlier != later:
                cites[later].add(earlier)
    found: list[list[str]] = []
    seen: set[frozenset[str]] = set()

    def walk(start: str, node: str, trail: list[str]) -> None:
        for heard in sorted(cites[node]):
            if heard == start:
                loop = frozenset(trail)
                if loop not in seen:
                    seen.add(loop)
                    found.append([label[key] for key in [start, *reversed(trail[1:]), start]])
            elif heard not in trail and len(trail) < 8:
                walk(start, heard, [*trail, heard])

    for start in sorted(cites):
        walk(start, start, [start])
    return found


def _drift(origin: Report, report: Report) -> list[str]:
    """How the report differs from the origin statement: its figures, its hedging, its quotation."""
    if report is origin:
        return []
    notes = []
    mine = claim_features(report.claim.text)
    theirs = claim_features(origin.claim.text)
    if mine.figures and theirs.figures and not mine.figures & theirs.figures:
        notes.append(f"figure changed: {', '.join(sorted(theirs.figures))} → {', '.join(sorted(mine.figures))}")
    origin_hedged = theirs.hedged or claim_features(origin.claim.cue_text).hedged
    if origin_hedged and not (mine.hedged or claim_features(report.claim.cue_text).hedged):
        notes.append("hedge lost: the origin says it is claimed, this report states it")
    if origin.claim.kind in _QUOTE_KINDS and report.claim.kind in _REPORTED_KINDS:
        notes.append("quote became paraphrase")
    return notes


def story_page(story: Story) -> StoryPage | None:
    """None when none of the story's claims is in a current reading any more."""
    members = list(
        StoryClaim.objects.filter(story=story, claim__retired_at__isnull=True)
        .select_related("claim__article")
        .prefetch_related(Prefetch("claim__hops", queryset=Hop.objects.select_related("source").order_by("position")))
    )
    reports = []
    for member in members:
        claim = member.claim
        hops = _hops(claim)
        reports.append(
            Report(
                claim=claim,
                membership=member,
                path=_path(claim),
                date=_date(claim),
                origin_anonymous=bool(hops) and hops[0].source.type == SourceType.ANONYMOUS,
            )
        )
    if not reports:
        return None
    reports.sort(key=lambda r: (r.date, r.claim.article_id, r.claim.pk))
    # The origin statement: the report nearest its source (fewest hops), the earliest of those.
    origin = min(reports, key=lambda r: (r.claim.depth or 99, r.date, r.claim.pk))
    cycles = _cycles([r.path for r in reports])
    in_cycle = {normalise(name) for cycle in cycles for name in cycle}
    for report in reports:
        keys = [normalise(name) for name in report.path]
        report.circular = len(set(keys)) < len(keys) or sum(key in in_cycle for key in keys) >= 2
        report.drift = _drift(origin, report)
    origins = {normalise(r.path[0]) for r in reports if len(r.path) > 1 and not r.origin_anonymous}
    # A news agency that relays someone else's statement; one that is the origin is a statement.
    wires = sorted({hop.source.name for r in reports for hop in _hops(r.claim)[1:] if hop.source.type in _WIRE_TYPES})
    outlets = sorted({r.claim.article.publisher_label for r in reports})
    return StoryPage(
        story=story,
        origin=origin,
        reports=reports,
        statements=len(origins) or 1,
        wires=wires,
        outlets=outlets,
        circular=[" → ".join(cycle) for cycle in cycles],
    )


def story_for_claim(claim: Claim) -> Story | None:
    membership = StoryClaim.objects.filter(claim=claim).select_related("story").first()
    return membership.story if membership else None
