"""The one check of a web address typed by a person (an article's URL, an evidence URL)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

# What the URL columns hold (Article.url, the evidence URLs). URLValidator takes up to 2,048, so the
# length is checked here: a longer value would be a database error on PostgreSQL, not a message.
MAX_LENGTH = 2000


def web_address_check(url: str, *, label: str = "The URL") -> str:
    """``url`` stripped, if it is an http(s) address; ValueError otherwise. Empty stays empty."""
    url = url.strip()
    if len(url) > MAX_LENGTH:
        raise ValueError(f"{label} is {len(url):,} characters long; at most {MAX_LENGTH:,} are kept.")
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise ValueError(f"{label} {url[:100]!r} is not an http or https address.") from None
    return url
