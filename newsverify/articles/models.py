from __future__ import annotations

from django.conf import settings
from django.db import models

from newsverify.reversing import reverse_ids


class ArticleStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    ANALYSING = "analysing", "Analysing"
    DONE = "done", "Analysed"
    FAILED = "failed", "Failed"


# How an article without a named publisher is shown (and ends its chains in the exports).
NO_PUBLISHER = "Publisher not named"


class Article(models.Model):
    title = models.CharField(max_length=500)
    publisher = models.CharField(max_length=300, blank=True, help_text="Blank when the article does not say.")
    url = models.URLField(max_length=2000, blank=True)
    published_on = models.DateField(null=True, blank=True)
    text = models.TextField()
    content_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the normalised text.")
    status = models.CharField(max_length=10, choices=ArticleStatus.choices, default=ArticleStatus.QUEUED)
    failure_reason = models.TextField(blank=True)
    engine_version = models.CharField(max_length=50, blank=True)
    engine_model = models.CharField(max_length=100, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    analysis_started_at = models.DateTimeField(null=True, blank=True)
    analysed_at = models.DateTimeField(null=True, blank=True)
    # When the analysis was last handed to the broker; null while queued means it has not been sent
    # yet (the broker was down), and the workers' recovery sweep sends it (articles/recovery.py).
    enqueued_at = models.DateTimeField(null=True, blank=True)
    # Analyses started since the last request for one; past NEWSVERIFY_ANALYSIS_MAX_ATTEMPTS starts
    # that never finished (the worker died or ran out of time), the article fails instead.
    analysis_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status"]),
            models.Index(fields=["publisher"]),
            models.Index(fields=["published_on"]),
            # The sort keys of the article list; the review queue's (review.selectors.QUEUE_SORTS) are
            # indexed by migration 0003, as they need NULLS LAST, which SQLite has no index for.
            models.Index(fields=["-created_at", "-id"], name="article_recent"),
        ]
        constraints = [
            models.CheckConstraint(condition=~models.Q(text=""), name="article_text_not_empty"),
            models.CheckConstraint(condition=~models.Q(title=""), name="article_title_not_empty"),
            models.CheckConstraint(condition=models.Q(status__in=ArticleStatus.values), name="article_status_valid"),
            # A failed article always says why; any other status carries no stale reason.
            models.CheckConstraint(
                condition=(
                    (models.Q(status=ArticleStatus.FAILED) & ~models.Q(failure_reason=""))
                    | (~models.Q(status=ArticleStatus.FAILED) & models.Q(failure_reason=""))
                ),
                name="article_failure_reason_iff_failed",
            ),
        ]
        permissions = [("reanalyse_article", "Can re-run the analysis of an article")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse_ids("article_detail", self.pk)

    @property
    def is_pending(self) -> bool:
        return self.status in (ArticleStatus.QUEUED, ArticleStatus.ANALYSING)

    @property
    def has_reading(self) -> bool:
        """Whether an analysis has been stored: its claims stay shown while a re-analysis runs."""
        return self.status == ArticleStatus.DONE or self.analysed_at is not None

    @property
    def waiting_for_queue(self) -> bool:
        """Stored and queued, but not yet handed to the broker (it was unreachable)."""
        return self.status == ArticleStatus.QUEUED and self.enqueued_at is None

    @property
    def publisher_label(self) -> str:
        return self.publisher or NO_PUBLISHER


class WorkerHeartbeat(models.Model):
    """A Celery worker that is (or was lately) alive: each writes its row every
    ``NEWSVERIFY_WORKER_HEARTBEAT_INTERVAL`` seconds and removes it when it stops cleanly."""

    name = models.CharField(max_length=300, unique=True)  # Celery's node name, e.g. celery@host
    pid = models.PositiveIntegerField()
    concurrency = models.PositiveSmallIntegerField(default=1)
    started_at = models.DateTimeField()
    last_seen = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
