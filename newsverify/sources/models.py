"""The source registry: one row per real-world source, shared by every article that cites it."""

from __future__ import annotations

from django.db import models
from django.urls import reverse


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

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(name=""), name="source_name_not_empty"),
            models.CheckConstraint(condition=models.Q(type__in=SourceType.values), name="source_type_valid"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("source_detail", args=[self.pk])


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
