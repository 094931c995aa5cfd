"""Who is signing in: the account name every sign-in counter keys on, and the lockout's answer.

The login form strips and NFKC-normalises the name before it looks the account up, so " ada",
"ada\\t" and the full-width "ａｄａ" all try the password of "ada". The per-username rate limit, the
API's per-username throttle and the lockout (django-axes) key on ``login_name``, the same reading
folded to one case, so a new spelling of the name never buys a new allowance.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def login_name(request: HttpRequest | None, credentials: dict[str, Any] | None = None) -> str:
    """The account name of a sign-in attempt, from the credentials given to authenticate() or the POST."""
    if credentials and "username" in credentials:
        value = credentials["username"]
    else:
        data = getattr(request, "data", None) if request is not None else None
        if data is None and request is not None:
            data = request.POST
        value = data.get("username", "") if hasattr(data, "get") else ""
    return unicodedata.normalize("NFKC", str(value or "")).strip().casefold()


def login_name_key(group: str, request: HttpRequest) -> str:
    """django-ratelimit's key for the per-username sign-in rate."""
    return login_name(request)


def lockout_message() -> str:
    failures = settings.AXES_FAILURE_LIMIT
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return (
        f"This account is locked after {failures} failed sign-ins in a row. "
        f"Try again in {minutes} minutes, or ask an administrator to unlock it."
    )


def login_locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict[str, Any] | None = None
) -> HttpResponse:
    """django-axes' answer to a sign-in on a locked account (AXES_LOCKOUT_CALLABLE): the login page, saying so."""
    from django.contrib.auth.forms import AuthenticationForm

    form = AuthenticationForm(request, data=request.POST or None)
    context = {"form": form, "rate_limited": lockout_message(), "next": request.POST.get("next", "")}
    return render(request, "registration/login.html", context, status=429)
