"""How the views answer htmx: a fragment for an htmx swap, the whole page for everything else."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers


def wants_fragment(request: HttpRequest) -> bool:
    """An htmx request that swaps part of a page in.

    Not a boosted navigation, and not htmx restoring a page after a miss in its history cache (Back
    to a page it no longer holds): both put the answer in place of the whole page.
    """
    htmx = request.htmx  # type: ignore[attr-defined]
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


class VaryOnHtmxMiddleware:
    """One URL answers htmx with a fragment and the browser with the page: ``Vary: HX-Request`` says
    so, or a cache (the browser's own, on Back) may hand out the fragment as the page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        patch_vary_headers(response, ("HX-Request",))
        return response
