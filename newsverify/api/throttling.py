"""Who is asking: one client address for every rate limit, and the API's throttles built on it.

The login page (django-ratelimit, through ``RATELIMIT_IP_META_KEY``) and the API's throttles count
per the same address, read the same way: the header named by ``RATELIMIT_IP_META_KEY`` in the
environment if set (e.g. ``HTTP_X_REAL_IP`` from nginx); else, behind ``NEWSVERIFY_NUM_PROXIES``
proxies, the address the outermost of them appended to X-Forwarded-For; else (the default, no
proxy trusted) ``REMOTE_ADDR``. A client can write anything into X-Forwarded-For, so with no proxy
configured the header is ignored: a new value per request does not buy a new allowance.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from django.conf import settings
from django.http import HttpRequest
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle

from newsverify.sign_in import login_name

if TYPE_CHECKING:  # rest_framework.views imports this module through the settings
    from rest_framework.request import Request
    from rest_framework.views import APIView


def client_address(request: HttpRequest) -> str:
    header = settings.NEWSVERIFY_CLIENT_IP_META_KEY
    if header:
        return request.META.get(header, "").strip() or request.META.get("REMOTE_ADDR", "")
    proxies = settings.NEWSVERIFY_NUM_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-min(proxies, len(hops))]
    return request.META.get("REMOTE_ADDR", "")


class ClientAddressMixin:
    def get_ident(self, request: Request) -> str:
        return client_address(request)


class AnonThrottle(ClientAddressMixin, AnonRateThrottle):
    pass


class UserThrottle(ClientAddressMixin, UserRateThrottle):
    pass


class TokenAddressThrottle(ClientAddressMixin, SimpleRateThrottle):
    """Token requests per client address (``token_obtain``)."""

    scope = "token_obtain"

    def get_cache_key(self, request: Request, view: APIView) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class TokenUsernameThrottle(SimpleRateThrottle):
    """Token requests per username, from wherever they come (``token_obtain_username``), as the login page counts.

    Guesses at one account's password spread over many addresses stop here.
    """

    scope = "token_obtain_username"

    def get_cache_key(self, request: Request, view: APIView) -> str | None:
        username = login_name(request)
        if not username:
            return None
        return self.cache_format % {"scope": self.scope, "ident": hashlib.sha256(username.encode()).hexdigest()}
