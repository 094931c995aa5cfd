"""The source registry: one row per real-world source, shared by every article that cites it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F

from newsverify.reversing import reverse_ids


class SourceType(models.TextChoices):
    # Mirrors newsverify.attribution.SourceType; a test keeps the two in step.
    PERSON = "person", "Person"
    NEWS_OUTLET = "news_outlet", "News outlet"
    NEWS_AGENCY = "news_agency", "News agency"
    GOVERNMENT = "government", "Government"
    GOVERNMENT_BODY = "government_body", "Government body"
    ORGANIZATION = "organization", "Organisation"
    COMPANY = "company", "Company"
    DOCUMENT = "document", "Document"
    ANONYMOUS = "anonymous", "Anonymous"
    PLATFORM = "platform", "Platform"
    OTHER = "other", "Other"


class Source(models.Model):
    name = models.CharField(max_length=300)
    type = models.CharField(max_length=20, choices=SourceType.choices, default=SourceType.OTHER)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set while the source is merged into another (``SourceMerge``): the row is kept, so the merge can
    # be split back and its URL can redirect to the survivor.
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_sources"
    )
    # How many current claims cite the source, kept by review.source_citations for the source list's
    # order (most cited first) without counting the archive's hops on every request.
    claims_cited = models.PositiveIntegerField(default=0)
    origin_cited = models.PositiveIntegerField(default=0)  # its hops in those claims, as origin
    relay_cited = models.PositiveIntegerField(default=0)  # and as a relay
    verified_cited = models.PositiveIntegerField(default=0)  # the verified claims among them

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(
                F("claims_cited").desc(),
                "name",
                "id",
                condition=models.Q(merged_into__isnull=True),
                name="source_most_cited",
            )
        ]
        constraints = [
            models.CheckConstraint(condition=~models.Q(name=""), name="source_name_not_empty"),
            models.CheckConstraint(condition=models.Q(type__in=SourceType.values), name="source_type_valid"),
            models.CheckConstraint(
                condition=~models.Q(merged_into=models.F("pk")), name="source_not_merged_into_itself"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse_ids("source_detail", self.pk)

    @property
    def is_merged(self) -> bool:
        return self.merged_into_id is not None


class SourceAlias(models.Model):
    """A name that identifies a source across articles ("TASS", "Tass news agency").

    ``normalised`` is unique, so one name can never point at two sources. Anonymous sources
    ("officials") and descriptions ("the agency") get no alias: they must not join across articles.
    """

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=300)
    normalised = models.CharField(max_length=300, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "source aliases"
        constraints = [
            models.CheckConstraint(condition=~models.Q(normalised=""), name="sourcealias_normalised_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name


class ArticleSource(models.Model):
    """How one article names a registry source: the engine's per-article source, kept as written."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="article_sources")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="article_sources")
    engine_key = models.CharField(max_length=32)
    name = models.CharField(max_length=300)
    type = models.CharField(max_length=20, choices=SourceType.choices)
    aliases = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["article", "engine_key"]
        constraints = [
            models.UniqueConstraint(fields=["article", "engine_key"], name="articlesource_unique_key"),
        ]

    def __str__(self) -> str:
        return f"{self.name} in article {self.article_id}"


class SourceMerge(models.Model):
    """One merge of ``merged`` into ``survivor``, holding exactly what moved, so it can be split back.

    The lists are row ids as they were moved; ``created_alias`` is the alias the merge added for the
    merged source's own name (removed again on undo), ``survivor_type_before`` the survivor's type when
    the merge changed it.
    """

    survivor = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="merges_in")
    merged = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="merges_out")
    merged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    merged_at = models.DateTimeField(auto_now_add=True)
    fingerprint = models.CharField(max_length=64)
    hop_ids = models.JSONField(default=list)
    attribution_ids = models.JSONField(default=list)
    hop_review_ids = models.JSONField(default=list)
    mention_ids = models.JSONField(default=list)
    alias_ids = models.JSONField(default=list)
    event_ids = models.JSONField(default=list)
    created_alias_id = models.BigIntegerField(null=True, blank=True)
    survivor_type_before = models.CharField(max_length=20, choices=SourceType.choices, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-merged_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(survivor=models.F("merged")), name="sourcemerge_two_sources"),
            models.CheckConstraint(
                condition=models.Q(undone_at__isnull=True, undone_by__isnull=True)
                | models.Q(undone_at__isnull=False, undone_by__isnull=False),
                name="sourcemerge_undo_complete",
            ),
            # At most one live merge per merged source: it can be merged away only once at a time.
            models.UniqueConstraint(
                fields=["merged"], condition=models.Q(undone_at__isnull=True), name="sourcemerge_one_live_per_source"
            ),
        ]

    def __str__(self) -> str:
        return f"source {self.merged_id} merged into {self.survivor_id}"

    @property
    def is_undone(self) -> bool:
        return self.undone_at is not None
