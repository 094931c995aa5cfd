"""Reads for the story page: every report of one story, the path each took, and what went wrong on the way."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.urls import reverse

from newsverify.db import CompiledQuery
from newsverify.review.models import Claim, ClaimKind, Hop
from newsverify.sources.models import SourceType
from newsverify.sources.names import normalise
from newsverify.stories.matching import ClaimFeatures, claim_features, features_of
from newsverify.stories.models import DRIFT_KINDS, NoteKind, Story, StoryClaim, StoryNote, UpstreamCorrection

_WIRE_TYPES = (SourceType.NEWS_AGENCY,)
_QUOTE_KINDS = (ClaimKind.DIRECT, ClaimKind.MIXED)
_REPORTED_KINDS = (ClaimKind.INDIRECT, ClaimKind.ACCORDING_TO, ClaimKind.INHERITED, ClaimKind.UNATTRIBUTED)


class Drift(str):
    """One way a report differs from the origin statement: its sentence, and what kind it is (a
    ``NoteKind``); for a changed figure, the origin's figures and the report's."""

    kind: str
    before: str
    after: str

    def __new__(cls, kind: str, text: str, before: str = "", after: str = "") -> Drift:
        drift = super().__new__(cls, text)
        drift.kind, drift.before, drift.after = kind, before, after
        return drift


@dataclass
class Report:
    claim: Claim
    membership: StoryClaim
    path: list[str]  # origin first, then each relay, then the publisher
    date: datetime.date
    origin_anonymous: bool = False
    circular: bool = False
    drift: list[Drift] = field(default_factory=list)

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


def _features(claim: Claim) -> ClaimFeatures:
    """The claim's features as the matcher stored them with its index entry (read with the
    members), computed from its text only without one."""
    entry = getattr(claim, "story_entry", None)
    return features_of(claim.text, entry and entry.features, entry and entry.text_hash)


def _drift(origin: Report, theirs: ClaimFeatures, origin_hedged: bool, report: Report) -> list[Drift]:
    """How the report differs from the origin statement (``theirs``, its features, computed once
    per story): its figures, its hedging, its quotation."""
    if report is origin:
        return []
    notes = []
    mine = _features(report.claim)
    if mine.figures and theirs.figures and not mine.figures & theirs.figures:
        before, after = ", ".join(sorted(theirs.figures)), ", ".join(sorted(mine.figures))
        notes.append(Drift(NoteKind.FIGURE, f"figure changed: {before} → {after}", before, after))
    if origin_hedged and not (mine.hedged or claim_features(report.claim.cue_text).hedged):
        notes.append(Drift(NoteKind.HEDGE, "hedge lost: the origin says it is claimed, this report states it"))
    if origin.claim.kind in _QUOTE_KINDS and report.claim.kind in _REPORTED_KINDS:
        notes.append(Drift(NoteKind.QUOTE, "quote became paraphrase"))
    return notes


def story_page(story: Story) -> StoryPage | None:
    """None when none of the story's claims is in a current reading any more."""
    return story_pages([story]).get(story.pk)


def story_pages(stories: Iterable[Story]) -> dict[int, StoryPage]:
    """The pages of these stories, by story id (none for a story with no current report): their
    members read in one query and their chains in one more, whatever the number of stories."""
    by_id = {story.pk: story for story in stories}
    members: dict[int, list[StoryClaim]] = defaultdict(list)
    for member in (
        StoryClaim.objects.filter(story_id__in=by_id, claim__retired_at__isnull=True)
        .select_related("claim__article", "claim__story_entry")
        .prefetch_related(Prefetch("claim__hops", queryset=Hop.objects.select_related("source").order_by("position")))
    ):
        members[member.story_id].append(member)
    pages = {}
    for story_id, story_members in members.items():
        page = _page(by_id[story_id], story_members)
        if page is not None:
            pages[story_id] = page
    return pages


def _page(story: Story, members: list[StoryClaim]) -> StoryPage | None:
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
    theirs = _features(origin.claim)
    origin_hedged = theirs.hedged or claim_features(origin.claim.cue_text).hedged
    for report in reports:
        keys = [normalise(name) for name in report.path]
        report.circular = len(set(keys)) < len(keys) or sum(key in in_cycle for key in keys) >= 2
        report.drift = _drift(origin, theirs, origin_hedged, report)
    # Named origins, one per registry source (the registry files "the Interior Ministry" and
    # "Interior Ministry" as one source): the stories list counts them the same way, in SQL.
    origins = {_hops(r.claim)[0].source_id for r in reports if len(r.path) > 1 and not r.origin_anonymous}
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


def _current_members(outer: str, **filters: object) -> QuerySet[StoryClaim]:
    """The members of the outer query's story (``outer`` names its id) in a current reading: what
    ``story_page`` lists."""
    return StoryClaim.objects.filter(story=OuterRef(outer), claim__retired_at__isnull=True, **filters)


def _member_hops(outer: str, **filters: object) -> QuerySet[Hop]:
    return Hop.objects.filter(claim__story_membership__story=OuterRef(outer), claim__retired_at__isnull=True, **filters)


def _named_origins(outer: str) -> QuerySet[Hop]:
    return _member_hops(outer, position=0).exclude(source__type=SourceType.ANONYMOUS)


def _counted(rows: QuerySet, group: str, field: str) -> Coalesce:  # type: ignore[type-arg]
    """A correlated count of distinct ``field`` in ``rows``: run for the rows a page returns only."""
    counted = rows.order_by().values(group).annotate(n=Count(field, distinct=True)).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _day(prefix: str) -> Coalesce:
    """A report's date, as ``story_page`` reads it: its article's publication date, else its upload date."""
    return Coalesce(f"{prefix}published_on", TruncDate(f"{prefix}created_at"), output_field=DateField())


def story_counts(outer: str = "pk") -> dict[str, object]:
    """The figures ``story_page`` shows, as SQL: annotations for a query whose ``outer`` is a story id.

    Reports, distinct outlets, wire services (news agencies relaying someone else's statement),
    named statements (at least one, as on the page), the first and latest report's date, and the
    origin report (fewest hops, own reporting last, then the earliest, then the first stored).
    """
    members = _current_members(outer)
    group = "story"
    hop_group = "claim__story_membership__story"
    ranked = members.annotate(
        rank=Case(When(claim__depth=0, then=Value(99)), default=F("claim__depth"), output_field=IntegerField()),
        day=_day("claim__article__"),
    ).order_by("rank", "day", "claim_id")
    return {
        "reports": _counted(members, group, "claim_id"),
        "outlets": _counted(members, group, "claim__article__publisher"),
        "wires": _counted(
            _member_hops(outer, position__gte=1, source__type__in=_WIRE_TYPES), hop_group, "source__name"
        ),
        "statements": Greatest(_counted(_named_origins(outer), hop_group, "source_id"), Value(1)),
        "first_day": Subquery(ranked.order_by("day").values("day")[:1], output_field=DateField()),
        "last_day": Subquery(ranked.order_by("-day").values("day")[:1], output_field=DateField()),
        "origin_claim_id": Subquery(ranked.values("claim_id")[:1]),
    }


def story_flags(outer: str = "pk") -> dict[str, object]:
    """The story's flags, as SQL. Drift and circular citing are the notes ``summaries`` keeps for
    its current reports; "anonymous only": no report names its origin, and one rests on an anonymous one."""

    def noted(*kinds: str) -> Exists:
        return Exists(
            StoryNote.objects.filter(
                story=OuterRef(outer),
                kind__in=kinds,
                claim__retired_at__isnull=True,
                claim__story_membership__story=OuterRef(outer),
            )
        )

    anonymous = Exists(_member_hops(outer, position=0, source__type=SourceType.ANONYMOUS))
    named = Exists(_named_origins(outer))
    return {
        "has_drift": noted(*DRIFT_KINDS),
        "has_circular": noted(NoteKind.CIRCULAR),
        "anonymous_only": ExpressionWrapper(anonymous & ~named, output_field=BooleanField()),
        "corrected_upstream": Exists(UpstreamCorrection.objects.filter(story=OuterRef(outer))),
    }


@dataclass(frozen=True)
class StoryFilters:
    query: str = ""
    outlet: str = ""
    published_from: datetime.date | None = None
    published_to: datetime.date | None = None


def stories_list(filters: StoryFilters) -> QuerySet[Story]:
    """Every story with a report in a current reading, newest activity first (the ``story_recent``
    index's order). A filter keeps the stories with a report that matches it: by that outlet,
    published in the period, or whose words hold the search. Only the rows: a page of them gets its
    figures from ``stories_page_rows``."""
    stories = Story.objects.filter(Exists(_current_members("pk")))
    if outlet := filters.outlet.strip():
        stories = stories.filter(Exists(_current_members("pk", claim__article__publisher__iexact=outlet)))
    if filters.published_from or filters.published_to:
        dated = _current_members("pk").annotate(day=_day("claim__article__"))
        if filters.published_from:
            dated = dated.filter(day__gte=filters.published_from)
        if filters.published_to:
            dated = dated.filter(day__lte=filters.published_to)
        stories = stories.filter(Exists(dated))
    for word in filters.query.split()[:8]:
        stories = stories.filter(Exists(_current_members("pk", claim__text__icontains=word)))
    return stories.order_by("-updated_at", "-id")


def stories_page_rows(stories: Iterable[Story]) -> list[Story]:
    """The page's stories, in their order, each with ``story_counts``, ``story_flags`` and ``origin``
    (its origin report, with its article): two queries, the figures computed for these rows only
    (a sort over every story's subqueries would compute them for the whole archive)."""
    ids = [story.pk for story in stories]
    figures = Story.objects.filter(pk__in=ids).annotate(**story_counts(), **story_flags()).in_bulk()
    rows = [figures[pk] for pk in ids if pk in figures]
    origin_ids = {story.origin_claim_id for story in rows if story.origin_claim_id}  # type: ignore[attr-defined]
    origins = Claim.objects.filter(pk__in=origin_ids).select_related("article").only(*_ORIGIN_FIELDS).in_bulk()
    for story in rows:
        story.origin = origins.get(story.origin_claim_id)  # type: ignore[attr-defined]
    return rows


_ORIGIN_FIELDS = ("id", "text", "kind", "article__id", "article__title", "article__publisher")


@dataclass(frozen=True)
class StoryLink:
    """What a claim's chain panel says of the claim's story: two queries, not the story built."""

    story_id: int
    reports: int
    outlets: int
    is_origin: bool
    notes: list[StoryNote]

    @property
    def circular(self) -> bool:
        return any(note.kind == NoteKind.CIRCULAR for note in self.notes)

    @property
    def drift(self) -> list[StoryNote]:
        return [note for note in self.notes if note.kind in DRIFT_KINDS]

    @property
    def url(self) -> str:
        return reverse("story_detail", args=[self.story_id])


def _story_link_membership(claim_id: int) -> QuerySet[StoryClaim]:
    counts = story_counts("story")
    return (
        StoryClaim.objects.filter(claim_id=claim_id, claim__retired_at__isnull=True)
        .annotate(reports=counts["reports"], outlets=counts["outlets"], origin_claim_id=counts["origin_claim_id"])
        .values("story_id", "reports", "outlets", "origin_claim_id")
        .order_by("pk")[:1]  # one row (a claim is in one story): no sort by the story's and claim's orders
    )


def _story_link_notes(claim_id: int, story_id: int) -> QuerySet[StoryNote]:
    return StoryNote.objects.filter(claim_id=claim_id, story_id=story_id).order_by("kind")


# Built once per process: building the counts' subqueries cost the ORM 2.9 ms of CPU a panel (0.2 ms compiled once).
_STORY_LINK_MEMBERSHIP = CompiledQuery(_story_link_membership)
_STORY_LINK_NOTES = CompiledQuery(_story_link_notes, values=2)


def story_link(claim_id: int) -> StoryLink | None:
    """None when the claim is in no story (or no longer in its article's reading)."""
    membership = next(iter(_STORY_LINK_MEMBERSHIP.rows(claim_id)), None)
    if membership is None:
        return None
    return StoryLink(
        story_id=membership["story_id"],
        reports=membership["reports"],
        outlets=membership["outlets"],
        is_origin=membership["origin_claim_id"] == claim_id,
        notes=_STORY_LINK_NOTES.models(claim_id, membership["story_id"]),
    )


def story_for_claim(claim: Claim) -> Story | None:
    membership = StoryClaim.objects.filter(claim=claim).select_related("story").first()
    return membership.story if membership else None
