"""How source names are compared across articles."""

from __future__ import annotations

import re
import unicodedata

_LEADING_ARTICLE = re.compile(r"^(the)\s+")
_NON_WORD = re.compile(r"[^\w]+")
_PRONOUNS = frozenset(
    {
        "he", "she", "it", "they", "him", "her", "them", "his", "hers", "its", "their", "theirs",
        "we", "us", "our", "i", "me", "you", "who", "officials",
    }
)  # fmt: skip
_DETERMINERS = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my"}
)


def normalise(name: str) -> str:
    """'The Russian  Defence-Ministry' -> 'russian defence ministry'."""
    text = unicodedata.normalize("NFKC", name).casefold().strip()
    text = _LEADING_ARTICLE.sub("", text)
    text = text.replace("'s", "").replace("\u2019s", "")
    return " ".join(_NON_WORD.sub(" ", text).split())


def identifies_a_source(name: str) -> bool:
    """Whether a name can identify one source across articles: a proper name, not "he" or "the agency"."""
    key = normalise(name)
    if not key or key in _PRONOUNS:
        return False
    # "Her office", "The agency": a capital that only opens the phrase names nothing.
    words = [w for w in name.split() if w.lower() not in _DETERMINERS]
    return any(w[:1].isupper() or w[:1].isdigit() for w in words)
