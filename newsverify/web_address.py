"""The one check of a web address typed by a person (an article's URL, an evidence URL), or given by
a page about itself: the service's check, and the validator the forms and the API fields use."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

# For form and serializer fields: an http or https address, nothing else (no javascript:, no ftp:).
web_address_validator = URLValidator(
    schemes=["http", "https"], message="Enter an http or https address.", code="not_web"
)


def is_web_address(url: str) -> bool:
    try:
        web_address_validator(url)
    except ValidationError:
        return False
    return True


def web_address_check(url: str, *, label: str = "The URL") -> str:
    """``url`` stripped, if it is an http(s) address; ValueError otherwise. Empty stays empty."""
    url = url.strip()
    if url and not is_web_address(url):
        raise ValueError(f"{label} {url[:100]!r} is not an http or https address.")
    return url
