"""Writes on notifications. ``notification_send`` is the one way a notification is made.

The row is written in the caller's transaction (a comment rolled back leaves no notification) and
the e-mail goes once that transaction has committed (``transaction.on_commit``), through Django's
e-mail backend: the console by default, SMTP when ``EMAIL_HOST`` is set.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from newsverify.notifications.mentions import mentioned_users
from newsverify.notifications.models import Notification, NotificationKind

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

logger = logging.getLogger(__name__)


@transaction.atomic
def notification_send(
    *,
    recipient: AbstractBaseUser,
    actor: AbstractBaseUser | None,
    kind: NotificationKind,
    subject: str,
    url: str,
    body: str = "",
) -> Notification | None:
    """Notify ``recipient`` in the inbox and, after commit, by e-mail. Nobody is notified of their
    own action, nor an inactive user: then nothing is sent and None is returned."""
    if not recipient.is_active or (actor is not None and actor.pk == recipient.pk):
        return None
    notification = Notification.objects.create(
        recipient=recipient, actor=actor, kind=kind, subject=subject[:300], body=body, url=url[:500]
    )
    if getattr(recipient, "email", ""):
        transaction.on_commit(lambda: notification_email(notification_id=notification.pk))
    return notification


def notification_email(*, notification_id: int) -> bool:
    """E-mail one notification to its recipient. A mail server that fails is logged, not raised:
    the action that caused the notification has already happened, and the inbox has it."""
    notification = Notification.objects.select_related("recipient", "actor").filter(pk=notification_id).first()
    if notification is None or not notification.recipient.email:
        return False
    who = notification.actor.get_username() if notification.actor else "Someone"
    link = f"{settings.NEWSVERIFY_SITE_URL.rstrip('/')}{notification.url}"
    lines = [f"{who} {notification.get_kind_display().lower()} on newsverify:", "", notification.subject]
    if notification.body:
        lines += ["", notification.body]
    lines += ["", link, "", f"Your inbox: {settings.NEWSVERIFY_SITE_URL.rstrip('/')}/inbox/"]
    try:
        send_mail(
            subject=f"[newsverify] {who} {notification.get_kind_display().lower()}",
            message="\n".join(lines),
            from_email=None,
            recipient_list=[notification.recipient.email],
        )
    except OSError:
        # smtplib raises OSError subclasses (refused, timed out, SMTPException).
        logger.exception("Could not e-mail notification %s", notification_id)
        return False
    return True


def mentions_notify(
    *, text: str, actor: AbstractBaseUser, subject: str, url: str, permission: str
) -> list[Notification]:
    """Notify each user that ``text`` mentions ("@ada") and who holds ``permission`` (so can open
    ``url``). Unknown names and the author are skipped."""
    sent = []
    for user in mentioned_users(text):
        if user.has_perm(permission):
            notification = notification_send(
                recipient=user, actor=actor, kind=NotificationKind.MENTION, subject=subject, url=url, body=text
            )
            if notification is not None:
                sent.append(notification)
    return sent


@transaction.atomic
def notification_mark_read(*, notification: Notification, by: AbstractBaseUser) -> bool:
    """Mark one of ``by``'s notifications read. Returns whether it was unread."""
    return (
        Notification.objects.filter(pk=notification.pk, recipient=by, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        == 1
    )


@transaction.atomic
def notifications_mark_all_read(*, by: AbstractBaseUser) -> int:
    """Mark all of ``by``'s unread notifications read. Returns how many."""
    return Notification.objects.filter(recipient=by, read_at__isnull=True).update(read_at=timezone.now())
