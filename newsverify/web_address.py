"""The one check of a web address typed by a person (an article's URL, an evidence URL), or given by
a page about itself: the service's check, and the validator the forms and the API fields use."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

# What the URL columns hold (Article.url, the evidence URLs). URLValidator takes up to 2,048, so the
# length is checked here: a longer value would be a database error on PostgreSQL, not a message.
MAX_LENGTH = 2000
# For form and serializer fields: an http or https address, nothing else (no javascript:, no ftp:).
web_address_validator = URLValidator(
    schemes=["http", "https"], message="Enter an http or https address.", code="not_web"
)


def is_web_address(url: str) -> bool:
    """An http(s) address short enough for the URL columns."""
    if len(url) > MAX_LENGTH:
        return False
    try:
        web_address_validator(url)
    except ValidationError:
        return False
    return True


def web_address_check(url: str, *, label: str = "The URL") -> str:
    """``url`` stripped, if it is an http(s) address; ValueError otherwise. Empty stays empty."""
    url = url.strip()
    if len(url) > MAX_LENGTH:
        raise ValueError(f"{label} is {len(url):,} characters long; at most {MAX_LENGTH:,} are kept.")
    if url and not is_web_address(url):
        raise ValueError(f"{label} {url[:100]!r} is not an http or https address.")
    return url
