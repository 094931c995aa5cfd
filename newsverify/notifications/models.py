"""A person's inbox: someone mentioned them or gave them a claim to check.

A notification keeps the words and the link it was sent with, not a key into the review tables, so
this app depends on nothing above it (review imports it, never the other way round): claim URLs stay
valid for good, and the text reads the same after the claim has changed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse


class NotificationKind(models.TextChoices):
    MENTION = "mention", "Mentioned you"
    ASSIGNED = "assigned", "Assigned you"
    UPSTREAM = "upstream", "Flagged a correction upstream"


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    subject = models.CharField(max_length=300, help_text="What it is about, e.g. the claim's text.")
    body = models.TextField(blank=True, help_text="The comment that mentioned the recipient, if any.")
    url = models.CharField(max_length=500, help_text="Where it leads: a path on this site.")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=NotificationKind.values), name="notification_kind_valid"
            ),
            # A path on this site, never another site's address: the inbox links to it as it is.
            models.CheckConstraint(
                condition=models.Q(url__startswith="/") & ~models.Q(url__startswith="//"),
                name="notification_url_is_local",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subject[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("notification_open", args=[self.pk])

    @property
    def is_unread(self) -> bool:
        return self.read_at is None
