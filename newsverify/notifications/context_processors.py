from __future__ import annotations

from functools import cache

from django.http import HttpRequest

from newsverify.notifications.selectors import notifications_unread_count


def inbox(request: HttpRequest) -> dict[str, object]:
    """``inbox_unread`` for the header: counted once, and only when a template shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.has_perm("articles.view_article"):
        return {}
    return {"inbox_unread": cache(lambda: notifications_unread_count(user))}
