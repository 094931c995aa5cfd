from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from newsverify.htmx import wants_fragment
from newsverify.notifications import selectors, services
from newsverify.notifications.models import Notification

# Notifications quote claims and comments, so like every page they need a newsroom role: a person
# whose role was taken away keeps the account, not the reading.
NEWSROOM_ROLE = "articles.view_article"


def _require_role(request: HttpRequest) -> None:
    if not request.user.has_perm(NEWSROOM_ROLE):
        raise PermissionDenied


def _get_notification_for_user(request: HttpRequest, notification_id: int) -> Notification:
    _require_role(request)
    # Another person's notification is not found, rather than forbidden: its id tells nothing.
    return get_object_or_404(Notification, pk=notification_id, recipient=request.user)


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """The signed-in person's notifications, newest first. Personal: each sees only their own."""
    _require_role(request)
    page = Paginator(selectors.notifications_for(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {"page": page})


@login_required
def notification_open(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Follow a notification to what it is about, marking it read on the way (as a mail client does
    when a message is opened; a repeat changes nothing)."""
    notification = _get_notification_for_user(request, notification_id)
    services.notification_mark_read(notification=notification, by=request.user)
    if not url_has_allowed_host_and_scheme(notification.url, allowed_hosts={request.get_host()}):
        return redirect("inbox")
    return redirect(notification.url)


@login_required
@require_POST
def notification_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    notification = _get_notification_for_user(request, notification_id)
    services.notification_mark_read(notification=notification, by=request.user)
    if wants_fragment(request):
        notification.refresh_from_db()
        context = {"notification": notification, "focus": True}
        return render(request, "notifications/inbox.html#row-and-count", context)
    return redirect("inbox")


@login_required
@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    _require_role(request)
    services.notifications_mark_all_read(by=request.user)
    return redirect("inbox")
