"""Claims, their chains, the attribution spans they come from, and the review record on them."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from newsverify.reversing import reverse_ids


class ClaimKind(models.TextChoices):
    # Mirrors newsverify.attribution.ClaimKind; a test keeps the two in step.
    DIRECT = "direct", "Direct quote"
    INDIRECT = "indirect", "Reported speech"
    MIXED = "mixed", "Paraphrase with quote"
    ACCORDING_TO = "according_to", "According to"
    INHERITED = "inherited", "Inherited from context"
    UNATTRIBUTED = "unattributed", "Own reporting"
    BELIEF = "belief", "Belief or expectation"


class ReviewStatus(models.TextChoices):
    UNREVIEWED = "unreviewed", "Unreviewed"
    NEEDS_PRIMARY_SOURCE = "needs_primary_source", "Needs primary source"
    VERIFIED = "verified", "Verified"
    DISPUTED = "disputed", "Disputed"
    FALSE = "false", "False"
    MISATTRIBUTED = "misattributed", "Misattributed"


# The rulings on a chain; the other statuses say how far its review has got.
VERDICT_STATUSES = (ReviewStatus.VERIFIED, ReviewStatus.DISPUTED, ReviewStatus.FALSE, ReviewStatus.MISATTRIBUTED)


class Evidence(models.TextChoices):
    # newsverify.attribution.Evidence, and the reviewer's: a test keeps them in step.
    EXPLICIT = "explicit", "Explicit"
    COREFERENCE = "coreference", "Coreference"
    CONTEXT = "context", "Context"
    REVIEWER = "reviewer", "Reviewer"  # set by a correction, not found by the engine


# The engine's confidence (a share of right hops on the dev set) in words, from these lower bounds.
CONFIDENCE_LEVELS = ((0.85, "high"), (0.6, "medium"), (0.0, "low"))


def confidence_level(confidence: float | None) -> str:
    if confidence is None:
        return ""
    return next(word for bound, word in CONFIDENCE_LEVELS if confidence >= bound)


def _share_or_null(field: str) -> models.Q:
    return models.Q(**{f"{field}__isnull": True}) | models.Q(**{f"{field}__gte": 0, f"{field}__lte": 1})


def _span_ok(prefix: str, *, nullable: bool) -> models.Q:
    start, end = f"{prefix}_start", f"{prefix}_end"
    ordered = models.Q(**{f"{start}__gte": 0, f"{end}__gte": models.F(start)})
    if not nullable:
        return ordered
    both_null = models.Q(**{f"{start}__isnull": True, f"{end}__isnull": True})
    return both_null | ordered


class ClaimQuerySet(models.QuerySet["Claim"]):
    def current(self) -> ClaimQuerySet:
        """The claims of the articles' current readings: not retired by a re-analysis."""
        return self.filter(retired_at__isnull=True)

    def retired(self) -> ClaimQuerySet:
        return self.filter(retired_at__isnull=False)


class Claim(models.Model):
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="claims")
    engine_key = models.CharField(max_length=32)
    span_start = models.PositiveIntegerField()
    span_end = models.PositiveIntegerField()
    text = models.TextField()
    kind = models.CharField(max_length=20, choices=ClaimKind.choices)
    depth = models.PositiveSmallIntegerField()
    cue_start = models.PositiveIntegerField(null=True, blank=True)
    cue_end = models.PositiveIntegerField(null=True, blank=True)
    cue_text = models.CharField(max_length=300, blank=True)
    review_status = models.CharField(max_length=24, choices=ReviewStatus.choices, default=ReviewStatus.UNREVIEWED)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="assigned_claims"
    )
    # Set once a reviewer has corrected the claim (its span, kind or chain): from then on the
    # reviewer's reading is the claim, and re-analysis never overwrites it.
    corrected_at = models.DateTimeField(null=True, blank=True)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # A claim is never deleted by re-analysis: one the new reading no longer has is retired, and
    # its URL leads to the current claim that overlaps it most (``superseded_by``), if any.
    retired_at = models.DateTimeField(null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="supersedes"
    )
    # For a corrected claim: the engine's own reading of the same place when it differs from the
    # reviewer's ({"engine_version", "kind", "span_start", "span_end", "text", "depth", "chain": [...]},
    # or {"engine_version", "absent": true} when the engine reads no claim there). Null: it agrees.
    # A reviewer accepts it (it becomes the claim) or dismisses it ("dismissed": true, kept, and not
    # offered again while the engine reads the same).
    engine_suggestion = models.JSONField(null=True, blank=True)

    # A reviewer's "this is not a claim": the row and its history stay, retired like a claim the
    # engine no longer reads, so the highlights, the queue and the exports leave it out
    # (``review.corrections.claim_not_a_claim``); re-analysis never brings it back.
    not_a_claim = models.BooleanField(default=False)

    # The engine's confidence in the claim (0..1, from how it found it); null for the publisher's
    # own sentences and for claims stored before the engine gave one.
    confidence = models.FloatField(null=True, blank=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["article", "span_start", "span_end"]
        indexes = [
            models.Index(fields=["review_status"]),
            models.Index(fields=["depth"]),
            # An article's current claims, and their count at each depth (the article list).
            models.Index(fields=["article", "retired_at", "depth"], name="claim_article_current_depth"),
            # The review queue's counts by status, and its status filter, over current claims only.
            models.Index(
                fields=["review_status", "article"],
                condition=models.Q(retired_at__isnull=True),
                name="claim_current_status",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["article", "engine_key"], name="claim_unique_key"),
            models.CheckConstraint(
                condition=models.Q(superseded_by__isnull=True) | models.Q(retired_at__isnull=False),
                name="claim_superseded_only_when_retired",
            ),
            models.CheckConstraint(condition=_span_ok("span", nullable=False), name="claim_span_ordered"),
            models.CheckConstraint(condition=_span_ok("cue", nullable=True), name="claim_cue_ordered"),
            models.CheckConstraint(condition=models.Q(kind__in=ClaimKind.values), name="claim_kind_valid"),
            models.CheckConstraint(
                condition=models.Q(review_status__in=ReviewStatus.values), name="claim_review_status_valid"
            ),
            models.CheckConstraint(condition=_share_or_null("confidence"), name="claim_confidence_share"),
        ]
        permissions = [
            ("flag_claim", "Can flag a claim as unverified"),
            ("record_verdict", "Can record a verdict on a claim's chain"),
            ("assign_claim", "Can assign a claim to a fact-checker"),
            ("comment_claim", "Can comment on a claim"),
            ("correct_claim", "Can correct a claim's span, kind and chain"),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return reverse_ids("claim_detail", self.article_id, self.pk)

    @property
    def is_corrected(self) -> bool:
        return self.corrected_at is not None

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None

    @property
    def engine_suggestion_open(self) -> bool:
        """The engine reads this claim otherwise, and no reviewer has dismissed that reading."""
        return bool(self.engine_suggestion) and not self.engine_suggestion.get("dismissed", False)

    @property
    def engine_suggestion_kind(self) -> str:
        """The kind the engine suggests, in words ("Direct quote")."""
        kind = (self.engine_suggestion or {}).get("kind", "")
        return ClaimKind(kind).label if kind in ClaimKind.values else kind

    @property
    def has_verdict(self) -> bool:
        return self.review_status in VERDICT_STATUSES

    @property
    def depth_band(self) -> int:
        """0 own reporting, 1 firsthand, 2 secondhand, 3 third-hand and beyond."""
        return min(self.depth, 3)


class Hop(models.Model):
    """One link of a claim's chain; position 0 is the origin, the last is the publisher's source."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="hops")
    position = models.PositiveSmallIntegerField()
    source = models.ForeignKey("sources.Source", on_delete=models.PROTECT, related_name="hops")
    article_source = models.ForeignKey(
        "sources.ArticleSource", on_delete=models.CASCADE, related_name="hops", null=True, blank=True
    )
    evidence = models.CharField(max_length=12, choices=Evidence.choices)
    medium = models.CharField(max_length=200, blank=True)
    mention_start = models.PositiveIntegerField(null=True, blank=True)
    mention_end = models.PositiveIntegerField(null=True, blank=True)
    mention_text = models.CharField(max_length=300, blank=True)
    # The engine's confidence that this hop names the right source (0..1); null if stored before.
    confidence = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["claim", "position"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "position"], name="hop_unique_position"),
            models.CheckConstraint(condition=_span_ok("mention", nullable=True), name="hop_mention_ordered"),
            models.CheckConstraint(condition=models.Q(evidence__in=Evidence.values), name="hop_evidence_valid"),
            models.CheckConstraint(condition=_share_or_null("confidence"), name="hop_confidence_share"),
        ]

    def __str__(self) -> str:
        return f"hop {self.position} of claim {self.claim_id}"

    @property
    def confidence_level(self) -> str:
        """The engine's confidence in a word: high, medium or low ("" when it gave none)."""
        return confidence_level(self.confidence)


class Attribution(models.Model):
    """An attribution relation as written: source mention, cue and content spans."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="attributions")
    engine_key = models.CharField(max_length=32)
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="children")
    content_start = models.PositiveIntegerField()
    content_end = models.PositiveIntegerField()
    cue_start = models.PositiveIntegerField(null=True, blank=True)
    cue_end = models.PositiveIntegerField(null=True, blank=True)
    source_start = models.PositiveIntegerField(null=True, blank=True)
    source_end = models.PositiveIntegerField(null=True, blank=True)
    source_text = models.CharField(max_length=300, blank=True)
    source = models.ForeignKey(
        "sources.Source", on_delete=models.PROTECT, null=True, blank=True, related_name="attributions"
    )

    class Meta:
        ordering = ["article", "content_start"]
        constraints = [
            models.UniqueConstraint(fields=["article", "engine_key"], name="attribution_unique_key"),
            models.CheckConstraint(condition=_span_ok("content", nullable=False), name="attribution_content_ordered"),
            models.CheckConstraint(condition=_span_ok("cue", nullable=True), name="attribution_cue_ordered"),
            models.CheckConstraint(condition=_span_ok("source", nullable=True), name="attribution_source_ordered"),
        ]

    def __str__(self) -> str:
        return f"attribution {self.engine_key} in article {self.article_id}"


class Discrepancy(models.Model):
    """Claims that give different figures for one quantity of one event ("people injured")."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="discrepancies")
    engine_key = models.CharField(max_length=32)
    about = models.CharField(max_length=300)
    claims = models.ManyToManyField(Claim, through="DiscrepancyClaim", related_name="discrepancies")

    class Meta:
        ordering = ["article", "engine_key"]
        verbose_name_plural = "discrepancies"
        constraints = [models.UniqueConstraint(fields=["article", "engine_key"], name="discrepancy_unique_key")]

    def __str__(self) -> str:
        return self.about


class DiscrepancyClaim(models.Model):
    discrepancy = models.ForeignKey(Discrepancy, on_delete=models.CASCADE, related_name="members")
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="discrepancy_memberships")
    position = models.PositiveSmallIntegerField()
    value = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["discrepancy", "position"]
        constraints = [
            models.UniqueConstraint(fields=["discrepancy", "claim"], name="discrepancyclaim_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.value or 'claim'} in {self.discrepancy}"


class Flag(models.Model):
    """An editor's "this is unverified" on a claim; open until a fact-checker records a verdict."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="flags")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(note=""), name="flag_note_not_empty"),
            models.CheckConstraint(
                condition=models.Q(resolved_at__isnull=True, resolved_by__isnull=True)
                | models.Q(resolved_at__isnull=False, resolved_by__isnull=False),
                name="flag_resolution_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"flag on claim {self.claim_id}"


class HopReview(models.Model):
    """A fact-checker's confirmation of one hop ("TASS did run this"), with evidence.

    Keyed by claim and position rather than by the hop row alone: re-analysis rewrites a claim's hops,
    and the confirmation stays while the hop at its position has the same source
    (``articles.analysis_store``).
    """

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="hop_reviews")
    position = models.PositiveSmallIntegerField()
    hop = models.ForeignKey(Hop, on_delete=models.SET_NULL, null=True, blank=True, related_name="reviews")
    source = models.ForeignKey("sources.Source", on_delete=models.PROTECT, related_name="hop_reviews")
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField(auto_now_add=True)
    evidence_url = models.URLField(max_length=2000)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["claim", "position"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "position"], name="hopreview_one_per_hop"),
            models.CheckConstraint(condition=~models.Q(evidence_url=""), name="hopreview_has_evidence"),
        ]

    def __str__(self) -> str:
        return f"hop {self.position} of claim {self.claim_id} confirmed"


class Comment(models.Model):
    """One message in a claim's discussion thread."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.CheckConstraint(condition=~models.Q(body=""), name="comment_body_not_empty")]

    def __str__(self) -> str:
        return f"comment by {self.author_id} on claim {self.claim_id}"


class ReviewAction(models.TextChoices):
    FLAGGED = "flagged", "Flagged as unverified"
    VERDICT = "verdict", "Recorded a verdict"
    STATUS = "status", "Changed the review status"
    HOP_CONFIRMED = "hop_confirmed", "Confirmed a hop"
    HOP_REOPENED = "hop_reopened", "Reopened a hop"
    ASSIGNED = "assigned", "Changed the assignee"
    COMMENTED = "commented", "Commented"
    SOURCE_MERGED = "source_merged", "Merged sources"
    SOURCE_SPLIT = "source_split", "Split merged sources back"
    # Corrections (review.corrections): a reviewer's reading replaces the engine's.
    HOP_ADDED = "hop_added", "Added a hop"
    HOP_REMOVED = "hop_removed", "Removed a hop"
    HOP_MOVED = "hop_moved", "Moved a hop"
    HOP_SOURCE = "hop_source", "Changed a hop's source"
    HOP_MEDIUM = "hop_medium", "Set a hop's medium"
    HOP_WITHDRAWN = "hop_withdrawn", "Withdrew a hop confirmation"
    SPAN_CHANGED = "span_changed", "Changed the claim's span"
    KIND_CHANGED = "kind_changed", "Changed the claim's kind"
    NOT_A_CLAIM = "not_a_claim", "Marked not a claim"
    CLAIM_RESTORED = "claim_restored", "Restored as a claim"
    CLAIM_ADDED = "claim_added", "Added a claim"
    # The engine's reading of a corrected claim, kept beside it (``Claim.engine_suggestion``).
    SUGGESTION_ACCEPTED = "suggestion_accepted", "Accepted the engine's reading"
    SUGGESTION_DISMISSED = "suggestion_dismissed", "Dismissed the engine's reading"


class AuditLogIsAppendOnly(Exception):
    """Raised on any attempt to change or remove an audit record through the application."""


# Links that may be re-pointed when what they point at is replaced (a claim by re-analysis, a source
# by a merge). What happened, who did it, when, and before -> after never change.
RELINKABLE_FIELDS = frozenset({"claim", "claim_id", "article", "article_id", "source", "source_id"})


class ReviewEventQuerySet(models.QuerySet["ReviewEvent"]):
    def update(self, **kwargs):  # type: ignore[no-untyped-def]
        if set(kwargs) - RELINKABLE_FIELDS:
            raise AuditLogIsAppendOnly("Audit records cannot be edited.")
        return super().update(**kwargs)

    def delete(self):  # type: ignore[no-untyped-def]
        raise AuditLogIsAppendOnly("Audit records cannot be deleted.")


class ReviewEvent(models.Model):
    """The append-only audit log: who changed what, when, before -> after.

    Written only by ``review.services.review_event_record``; ``save`` refuses to change a stored
    record and ``delete`` refuses always (also on querysets). Claim events keep the claim text, so
    they stay readable whatever later happens to the claim (re-analysis keeps or retires it).
    Registry events (a source merge) carry the source instead of a claim.
    """

    article = models.ForeignKey(
        "articles.Article", on_delete=models.SET_NULL, null=True, blank=True, related_name="review_events"
    )
    claim = models.ForeignKey(Claim, on_delete=models.SET_NULL, null=True, blank=True, related_name="events")
    claim_text = models.TextField(blank=True)
    source = models.ForeignKey(
        "sources.Source", on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )
    subject = models.CharField(max_length=300, blank=True, help_text="What the action was on, e.g. 'hop 2: TASS'.")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=20, choices=ReviewAction.choices)
    status_before = models.CharField(max_length=24, choices=ReviewStatus.choices, blank=True)
    status_after = models.CharField(max_length=24, choices=ReviewStatus.choices, blank=True)
    value_before = models.CharField(max_length=300, blank=True)
    value_after = models.CharField(max_length=300, blank=True)
    note = models.TextField(blank=True)
    evidence_url = models.URLField(max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReviewEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["-created_at", "-id"], name="reviewevent_recent")]
        constraints = [
            models.CheckConstraint(condition=models.Q(action__in=ReviewAction.values), name="reviewevent_action_valid"),
            models.CheckConstraint(
                condition=~models.Q(action__in=[ReviewAction.VERDICT, ReviewAction.HOP_CONFIRMED])
                | ~models.Q(evidence_url=""),
                name="reviewevent_verdict_has_evidence",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} by {self.actor} on {self.subject or f'claim {self.claim_id}'}"

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if not self._state.adding:
            raise AuditLogIsAppendOnly("Audit records cannot be edited.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise AuditLogIsAppendOnly("Audit records cannot be deleted.")

    @property
    def status_changed(self) -> bool:
        return self.status_before != self.status_after

    @property
    def value_changed(self) -> bool:
        return self.value_before != self.value_after
