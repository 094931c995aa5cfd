"""Stories: the same claim across articles, one origin statement and every report that relays it.

A claim belongs to at most one story (``StoryClaim``). ``ClaimKey``, ``ClaimEntry`` and
``ClaimVector`` are the claim's entries in the matching index, rewritten whenever its article is
matched again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse


class Story(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name_plural = "stories"
        # The stories list: newest activity first, read a page at a time in this index's order.
        indexes = [models.Index(fields=["-updated_at", "-id"], name="story_recent")]

    def __str__(self) -> str:
        return f"Story {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("story_detail", args=[self.pk])


class MatchHow(models.TextChoices):
    WIRE = "wire", "Wire copy"
    PARAPHRASE = "paraphrase", "Paraphrase"


class StoryClaim(models.Model):
    """A claim's place in a story, and the stored claim it was matched to when it joined."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="members")
    claim = models.OneToOneField("review.Claim", on_delete=models.CASCADE, related_name="story_membership")
    matched_to = models.ForeignKey("review.Claim", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    how = models.CharField(max_length=12, choices=MatchHow.choices)
    score = models.FloatField()
    why = models.CharField(max_length=200, blank=True)
    matched_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["story", "claim"]
        constraints = [
            models.CheckConstraint(condition=models.Q(how__in=MatchHow.values), name="storyclaim_how_valid"),
            models.CheckConstraint(condition=models.Q(score__gte=0, score__lte=1), name="storyclaim_score_share"),
        ]

    def __str__(self) -> str:
        return f"{self.claim_id} in story {self.story_id}"


class ClaimKey(models.Model):
    """One index key of a claim (a MinHash band, a name, a figure: ``matching.index_keys``)."""

    claim = models.ForeignKey("review.Claim", on_delete=models.CASCADE, related_name="story_keys")
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=80)

    class Meta:
        indexes = [models.Index(fields=["key", "claim"], name="claimkey_key")]
        constraints = [models.UniqueConstraint(fields=["claim", "key"], name="claimkey_unique")]

    def __str__(self) -> str:
        return self.key


class ClaimEntry(models.Model):
    """A claim's features as the matcher compares them (``matching.features_stored``), written with
    its keys: a stored claim that is a candidate has them read, not computed again from its text.
    ``text_hash`` is the text they were computed from (a claim whose text changed since is computed)."""

    claim = models.OneToOneField("review.Claim", on_delete=models.CASCADE, primary_key=True, related_name="story_entry")
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="+")
    text_hash = models.CharField(max_length=64)
    features = models.JSONField()
    # The static encoder's content pieces of the text (uint16 word-piece ids, some 30 bytes): its
    # vector is then a table lookup, with no tokenizer run. Kept when the static encoder is in use.
    pieces = models.BinaryField(null=True)

    def __str__(self) -> str:
        return f"features of claim {self.claim_id}"


class ClaimVector(models.Model):
    """A claim's sentence embedding (float16), and which encoder made it."""

    claim = models.OneToOneField("review.Claim", on_delete=models.CASCADE, related_name="story_vector")
    encoder = models.CharField(max_length=20)
    vector = models.BinaryField()
    text_hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"{self.encoder} vector of claim {self.claim_id}"


class NoteKind(models.TextChoices):
    FIGURE = "figure", "Figure changed"
    HEDGE = "hedge", "Hedge lost"
    QUOTE = "quote", "Quote became paraphrase"
    CIRCULAR = "circular", "Circular citing"


DRIFT_KINDS = (NoteKind.FIGURE, NoteKind.HEDGE, NoteKind.QUOTE)


class StoryNote(models.Model):
    """What the story page finds about one of its reports (a drift from the origin statement, or a
    path that cites in a circle), kept so that the stories list, a claim's chain panel and the
    discrepancy board read it in one query instead of building the story.

    Written only by ``summaries.story_notes_refresh``, whenever the story's members or one of their
    chains change (``signals.py``); ``origin`` is the report it was compared with, ``article`` the
    report's own (the board's period and outlet filters read it).
    """

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="notes")
    claim = models.ForeignKey("review.Claim", on_delete=models.CASCADE, related_name="story_notes")
    origin = models.ForeignKey("review.Claim", on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=NoteKind.choices)
    text = models.CharField(max_length=300)
    before = models.CharField(max_length=200, blank=True)  # a figure change: the origin's figures
    after = models.CharField(max_length=200, blank=True)  # and the report's
    noted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["story", "claim", "kind"]
        indexes = [models.Index(fields=["story", "kind"], name="storynote_story_kind")]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=NoteKind.values), name="storynote_kind_valid"),
            models.UniqueConstraint(fields=["claim", "kind"], name="storynote_once_per_claim"),
        ]

    def __str__(self) -> str:
        return self.text


class UpstreamKind(models.TextChoices):
    CORRECTED = "corrected", "Corrected"
    RETRACTED = "retracted", "Retracted"


class UpstreamCorrection(models.Model):
    """A report, or the statement at a story's origin, that was corrected or retracted upstream.

    ``claim`` is the report as one article carries it; ``of_origin`` says whether what was corrected
    is the origin's statement itself (then every report of the story relays it) or only that
    outlet's report (then the reports that cite that outlet do). ``claims`` are the claims it was
    flagged on when it was recorded, in every article.
    """

    claim = models.ForeignKey("review.Claim", on_delete=models.CASCADE, related_name="upstream_corrections")
    story = models.ForeignKey(Story, on_delete=models.SET_NULL, null=True, blank=True, related_name="corrections")
    of_origin = models.BooleanField()
    kind = models.CharField(max_length=12, choices=UpstreamKind.choices)
    url = models.URLField(max_length=2000, help_text="Where the correction or retraction is published.")
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    claims = models.ManyToManyField("review.Claim", related_name="upstream_flags", blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=UpstreamKind.values), name="upstream_kind_valid"),
            models.UniqueConstraint(fields=["claim", "kind", "url"], name="upstream_once_per_report"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.url}"
