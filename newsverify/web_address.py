"""The one check of a web address typed by a person (an article's URL, an evidence URL)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator


def web_address_check(url: str, *, label: str = "The URL") -> str:
    """``url`` stripped, if it is an http(s) address; ValueError otherwise. Empty stays empty."""
    url = url.strip()
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise ValueError(f"{label} {url[:100]!r} is not an http or https address.") from None
    return url
