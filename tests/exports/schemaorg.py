"""The part of the schema.org vocabulary a ClaimReview export uses, as test data (no network here).

Written from the schema.org type pages (https://schema.org/ClaimReview, /Rating, /Claim,
/CreativeWork, /Organization, /Person; schema.org release 28.x) for expected types, and from
Google's ClaimReview structured-data guidelines for what is required and recommended.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlparse

# Subtypes we accept where a property expects a type (schema.org: a subtype is always allowed).
SUBTYPES = {
    "Thing": {"Thing", "CreativeWork", "Claim", "ClaimReview", "Review", "Rating", "Organization", "Person"},
    "CreativeWork": {"CreativeWork", "Claim", "ClaimReview", "Review"},
    "Review": {"Review", "ClaimReview"},
    "Organization": {"Organization"},
    "Person": {"Person"},
    "Rating": {"Rating"},
    "Claim": {"Claim"},
}

# property -> expected types (schema.org ranges; "Text", "URL", "Date", "Number" are data types)
PROPERTIES: dict[str, dict[str, tuple[str, ...]]] = {
    "Thing": {"name": ("Text",), "url": ("URL",), "alternateName": ("Text",)},
    "CreativeWork": {
        "author": ("Organization", "Person"),
        "datePublished": ("Date",),
        "publisher": ("Organization", "Person"),
        "text": ("Text",),
    },
    "Review": {"reviewRating": ("Rating",), "itemReviewed": ("Thing",), "reviewBody": ("Text",)},
    "ClaimReview": {"claimReviewed": ("Text",)},
    "Rating": {
        "ratingValue": ("Number", "Text"),
        "bestRating": ("Number", "Text"),
        "worstRating": ("Number", "Text"),
        "author": ("Organization", "Person"),
    },
    "Claim": {"appearance": ("CreativeWork",), "firstAppearance": ("CreativeWork",)},
    "Organization": {},
    "Person": {},
}
PARENTS = {
    "ClaimReview": "Review",
    "Review": "CreativeWork",
    "Claim": "CreativeWork",
    "CreativeWork": "Thing",
    "Rating": "Thing",
    "Organization": "Thing",
    "Person": "Thing",
}

REQUIRED = {
    "ClaimReview": ("claimReviewed", "reviewRating", "url"),
    "Rating": ("alternateName",),
    "Claim": (),
    "CreativeWork": (),
    "Organization": ("name",),
    "Person": ("name",),
}
RECOMMENDED = {
    "ClaimReview": ("author", "datePublished", "itemReviewed"),
    "Rating": ("ratingValue", "bestRating", "worstRating"),
    "Claim": ("author", "appearance", "firstAppearance"),
    # A relay's report has no address the engine could know; the publishing article's has one.
    "CreativeWork": ("publisher",),
}


def properties_of(type_name: str) -> dict[str, tuple[str, ...]]:
    allowed: dict[str, tuple[str, ...]] = {}
    current: str | None = type_name
    while current:
        allowed.update(PROPERTIES[current])
        current = PARENTS.get(current)
    return allowed


def _data_type_ok(expected: str, value: Any) -> bool:
    if expected == "Text":
        return isinstance(value, str) and bool(value.strip())
    if expected == "URL":
        parsed = urlparse(value) if isinstance(value, str) else None
        return bool(parsed and parsed.scheme in {"http", "https"} and parsed.netloc)
    if expected == "Number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if expected == "Date":
        try:
            date.fromisoformat(value)
        except (TypeError, ValueError):
            return False
        return True
    return False


def validate(node: Any, *, expected: tuple[str, ...], path: str = "$", recommended: bool = True) -> list[str]:
    """Problems with ``node`` as one of the ``expected`` types (empty when valid)."""
    if not isinstance(node, dict):
        if any(_data_type_ok(kind, node) for kind in expected):
            return []
        return [f"{path}: {node!r} is not one of {expected}"]
    type_name = node.get("@type")
    if type_name not in PROPERTIES:
        return [f"{path}: @type {type_name!r} is not a type this validator knows"]
    if not any(type_name in SUBTYPES.get(kind, {kind}) for kind in expected):
        return [f"{path}: @type {type_name} where {expected} is expected"]
    problems = []
    allowed = properties_of(type_name)
    for name in REQUIRED.get(type_name, ()) + (RECOMMENDED.get(type_name, ()) if recommended else ()):
        if name not in node:
            problems.append(f"{path}: {type_name} lacks {name}")
    for name, value in node.items():
        if name.startswith("@"):
            continue
        if name not in allowed:
            problems.append(f"{path}.{name}: not a property of {type_name}")
            continue
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            where = f"{path}.{name}[{index}]" if isinstance(value, list) else f"{path}.{name}"
            problems += validate(item, expected=allowed[name], path=where, recommended=recommended)
    return problems
