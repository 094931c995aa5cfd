"""``reverse()`` for the URLs a list writes once a row: resolved once, then filled in (issue 9).

A list page links every row to its claim, article and sources; ``reverse`` costs tens of
microseconds each (it walks the URL resolver and quotes every argument), hundreds of times a page.
``reverse_ids`` reverses a route once with marker numbers in place of its integer arguments, keeps
the result as a format string, and fills the ids in after that: the same URL, for routes whose
arguments are all ``<int:...>`` (an id is written the way ``reverse`` writes an int).
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

# Marker arguments: numbers no URL contains by chance (each appears exactly once in the result).
_MARKER = 987_654_321_000


@lru_cache(maxsize=256)
def _pattern(name: str, arguments: int, prefix: str, urlconf: str | None) -> str:
    markers = [str(_MARKER + index) for index in range(arguments)]
    url = reverse(name, args=markers, urlconf=urlconf)
    url = url.replace("{", "{{").replace("}", "}}")
    for index, marker in enumerate(markers):
        if url.count(marker) != 1:
            raise ValueError(f"{name}: argument {index} is not written once as given ({url})")
        url = url.replace(marker, f"{{{index}}}")
    return url


def _urlconf() -> str:
    """The URLconf in force, named (a request's own, else the setting's), so that a cached pattern
    never outlives a change of ``ROOT_URLCONF``."""
    return get_urlconf() or settings.ROOT_URLCONF


def id_url_format(name: str, arguments: int) -> str:
    """The route's URL as a format string (``"/articles/{0}/claims/{1}/"``), for a list that fills
    in many rows: ``.format(*ids)`` with integer ids gives what ``reverse_ids`` gives."""
    return _pattern(name, arguments, get_script_prefix(), _urlconf())


def reverse_ids(name: str, *ids: int) -> str:
    """``reverse(name, args=ids)`` for a route of integer arguments, without resolving it again."""
    return _pattern(name, len(ids), get_script_prefix(), _urlconf()).format(*(int(value) for value in ids))
