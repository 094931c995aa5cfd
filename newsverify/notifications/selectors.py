"""Reads for the inbox."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from newsverify.notifications.models import Notification

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


def notifications_for(user: AbstractBaseUser) -> QuerySet[Notification]:
    """``user``'s notifications, newest first."""
    return Notification.objects.filter(recipient=user).select_related("actor").order_by("-created_at", "-id")


def notifications_unread_count(user: AbstractBaseUser) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
