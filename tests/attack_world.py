"""One small newsroom to attack: users in every role and one of each object a URL can name.

Shared by the permission matrix (tests/test_permission_matrix.py) and the XSS corpus
(tests/test_xss.py): two articles with claims and hops, registry sources, a merge, a comment, a
flag, a verdict, a notification. Built through the services where they exist, so each object is
what the app itself would have stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Group
from django.utils import timezone

from newsverify.articles.models import Article, WorkerHeartbeat
from newsverify.notifications.models import Notification, NotificationKind
from newsverify.review import corrections, services
from newsverify.review.models import Claim, ClaimKind, Evidence, Hop, ReviewStatus
from newsverify.review.source_citations import source_citations_recount
from newsverify.review.source_merge import source_merge
from newsverify.review.source_selectors import source_merge_preview
from newsverify.sources.models import Source, SourceAlias, SourceMerge, SourceType
from newsverify.stories.models import MatchHow, NoteKind, Story, StoryClaim, StoryNote
from newsverify.stories.upstream import upstream_correction_record
from tests.factories import ArticleFactory, ClaimFactory, HopFactory, SourceFactory, UserFactory

PASSWORD = "correct horse battery staple"
# The roles every route is tried as, in the order of the permission matrix's rows.
ROLES = ("anonymous", "no_role", "editor", "factchecker", "staff")


@dataclass
class World:
    users: dict[str, Any]
    article: Article  # article A
    claim: Claim  # claim of A with two hops (positions 0 and 1)
    other_article: Article  # article B
    other_claim: Claim  # claim of B with one hop (position 0)
    source: Source  # the survivor of a merge, cited by the claim's origin
    merge: SourceMerge
    notification: Notification  # the editor's
    story: Story  # the claim of A and the claim of B as one story, with an upstream correction


def build_world(*, text: str = "", label: str = "") -> World:
    """The newsroom. ``text`` and ``label`` (an attacker's strings) go into every field a user controls."""
    editor = UserFactory(username=f"ed{label}"[:150], password=PASSWORD)
    editor.groups.add(Group.objects.get(name="Editor"))
    factchecker = UserFactory(username="fc", password=PASSWORD)
    factchecker.groups.add(Group.objects.get(name="Fact-checker"))
    staff = UserFactory(username="boss", password=PASSWORD, is_staff=True)
    staff.groups.add(Group.objects.get(name="Fact-checker"))
    no_role = UserFactory(username="nobody", password=PASSWORD)

    body = f"Officials said that three drones were seen {label}. The ministry said the port reopened."
    article = ArticleFactory(
        title=f"Port report {label}",
        text=body + (f"\n\n{text}" if text else ""),
        publisher=f"Example Times {label}".strip(),
        url="https://news.example.org/port",
        submitted_by=editor,
    )
    origin = SourceFactory(name=f"Ministry {label}".strip(), type=SourceType.GOVERNMENT)
    relay = SourceFactory(name=f"Wire {label}".strip(), type=SourceType.NEWS_AGENCY)
    SourceAlias.objects.create(source=origin, name=f"The ministry {label}".strip(), normalised=f"the ministry {label}")
    claim = ClaimFactory(
        article=article, engine_key="a1", span_start=0, span_end=len(body) // 2, depth=2, kind=ClaimKind.INDIRECT
    )
    HopFactory(claim=claim, position=0, source=origin, evidence=Evidence.EXPLICIT)
    HopFactory(claim=claim, position=1, source=relay, evidence=Evidence.EXPLICIT)
    twin = SourceFactory(name=f"The Ministry {label}".strip(), type=SourceType.GOVERNMENT)
    other_article = ArticleFactory(title="Another article", submitted_by=editor)
    other_claim = ClaimFactory(article=other_article, engine_key="b1", depth=1)
    HopFactory(claim=other_claim, position=0, source=twin)
    merge = source_merge(
        into=origin, other=twin, by=staff, fingerprint=source_merge_preview(into=origin, other=twin).fingerprint
    )

    services.claim_flag(claim=claim, by=editor, note=f"Check this {label}")
    services.claim_comment(claim=claim, by=editor, body=f"Looks odd {label} @fc")
    services.claim_set_verdict(
        claim=claim,
        by=factchecker,
        verdict=ReviewStatus.VERIFIED,
        evidence_url="https://evidence.example.org/report",
        note=f"Confirmed by the ministry {label}",
    )
    # A correction: a hop named new by a reviewer, with its medium, and a claim's kind with a note.
    corrected = ClaimFactory(article=other_article, engine_key="b2", span_start=11, span_end=30, depth=0)
    corrections.hop_add(
        claim=corrected,
        by=editor,
        source=corrections.SourcePick(name=f"Newly named {label}".strip(), type=SourceType.PERSON),
        position=None,
        medium=f"radio {label}".strip()[:200],
    )
    corrections.claim_correct(
        claim=corrected, by=factchecker, span=None, kind=ClaimKind.DIRECT, not_a_claim=None, note=f"Kind {label}"
    )
    notification = Notification.objects.create(
        recipient=editor,
        actor=factchecker,
        kind=NotificationKind.MENTION,
        subject=f"Port claim {label}",
        body=f"Please look {label}",
        url=claim.get_absolute_url(),
    )
    # A worker alive, so that /health/ answers as for a running newsroom.
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        name="celery@world", defaults={"pid": 1, "concurrency": 1, "started_at": now, "last_seen": now}
    )
    story = Story.objects.create()
    for member in (claim, other_claim):
        StoryClaim.objects.create(story=story, claim=member, how=MatchHow.WIRE, score=0.9, why=f"same {label}"[:200])
    # A figure changed between the story's origin (B's claim, fewer hops) and A's relay, as the
    # notes keep it: the stories list flags it and the discrepancy board lists it (the world is built
    # in a transaction that never commits, so no rebuild of the notes replaces this one).
    StoryNote.objects.create(
        story=story,
        claim=claim,
        origin=other_claim,
        article=article,
        kind=NoteKind.FIGURE,
        text=f"figure changed: {label} → 3"[:300],
        before=label[:200],
        after=f"3 {label}"[:200],
    )
    upstream_correction_record(
        claim=other_claim, kind="corrected", url="https://wire.example.org/correction", by=factchecker, note=label
    )
    source_citations_recount()  # hops written by the factories: the sources' kept counts from them
    claim = Claim.objects.get(pk=claim.pk)
    assert Hop.objects.filter(claim=claim).count() == 2
    return World(
        users={"no_role": no_role, "editor": editor, "factchecker": factchecker, "staff": staff},
        article=article,
        claim=claim,
        other_article=other_article,
        other_claim=other_claim,
        source=origin,
        merge=merge,
        notification=notification,
        story=story,
    )
