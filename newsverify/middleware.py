"""Response headers for the whole site."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


class PrivatePagesNoStoreMiddleware:
    """A page answered to a signed-in user (session or API token) is never stored by a cache.

    Every page here but the login page is private: a shared computer's browser cache, or a proxy,
    must not keep a newsroom's articles, queue or audit log after the user has gone. Static files
    never reach this middleware (WhiteNoise answers them first) and keep their long caching.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # Read after the view: DRF's token authentication sets request.user while the view runs.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
