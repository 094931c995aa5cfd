"""Each scoring of the engine against the reviewers' gold readings, kept for the trend by engine version."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ScoreStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class EngineScore(models.Model):
    """One run of the current engine over the reviewed articles, scored against their gold readings.

    ``figures`` holds the scorer's figures over the articles (``accuracy.scoring.mean_of``: rates
    averaged per article, counts summed, ``micro_f1``); ``by_kind`` and ``by_source_type`` the gold
    claims counted per claim kind and per origin's source type (``{"direct": {"gold": 4, "found": 3,
    "chain": 2, "kind": 3}}``); ``articles`` each article's figures (``{"id", "name", ...}``).
    """

    status = models.CharField(max_length=10, choices=ScoreStatus.choices, default=ScoreStatus.QUEUED)
    engine_version = models.CharField(max_length=50, blank=True)
    engine_model = models.CharField(max_length=100, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    failure_reason = models.TextField(blank=True)
    article_count = models.PositiveIntegerField(default=0)
    figures = models.JSONField(default=dict, blank=True)
    by_kind = models.JSONField(default=dict, blank=True)
    by_source_type = models.JSONField(default=dict, blank=True)
    articles = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "engine_version"], name="enginescore_version")]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=ScoreStatus.values), name="enginescore_status_valid"),
            models.CheckConstraint(
                condition=(
                    (models.Q(status=ScoreStatus.FAILED) & ~models.Q(failure_reason=""))
                    | (~models.Q(status=ScoreStatus.FAILED) & models.Q(failure_reason=""))
                ),
                name="enginescore_failure_reason_iff_failed",
            ),
        ]

    def __str__(self) -> str:
        return f"engine {self.engine_version or '?'} scored {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_pending(self) -> bool:
        return self.status in (ScoreStatus.QUEUED, ScoreStatus.RUNNING)
