"""Reads for the inbox."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, QuerySet

from newsverify.db import CompiledQuery
from newsverify.notifications.models import Notification

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


def notifications_for(user: AbstractBaseUser) -> QuerySet[Notification]:
    """``user``'s notifications, newest first."""
    return Notification.objects.filter(recipient=user).select_related("actor").order_by("-created_at", "-id")


def _unread(recipient_id: int) -> QuerySet[Notification]:
    unread = Notification.objects.filter(recipient_id=recipient_id, read_at__isnull=True).order_by()
    return unread.values("recipient_id").annotate(unread=Count("pk")).values("unread")


# The header's count on every signed-in page: built once per process, not a queryset a request.
_UNREAD = CompiledQuery(_unread)


def notifications_unread_count(user: AbstractBaseUser) -> int:
    rows = _UNREAD.rows(user.pk)
    return rows[0]["unread"] if rows else 0
