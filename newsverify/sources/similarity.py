"""How alike two registry names are, for suggesting duplicates to merge (rapidfuzz does the scoring).

Names are compared word by word after ``names.normalise``: the kind of body a name is ("ministry",
"committee") must agree when both say it, and the rest ("defence", "Valmor") must be the same
words, spelled nearly alike, or one name's words a part of the other's ("Defence Ministry" and
"Defence Ministry of Valmor"). An acronym matches the name it abbreviates ("NGA", "National Grid
Authority").
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from newsverify.sources.names import INSTITUTION_NOUNS, is_acronym_of, name_words

# Below this a pair of names is not worth a person's look.
THRESHOLD = 85
# Two words this alike are one word spelled two ways ("defence" / "defense").
_WORD_ALIKE = 85


@dataclass(frozen=True)
class NameMatch:
    score: int  # 0-100
    why: str  # for the person: "acronym", "same words", "spelled alike", "one name within the other"


def _words_within(few: list[str], many: list[str]) -> bool:
    return bool(few) and all(any(fuzz.ratio(w, other) >= _WORD_ALIKE for other in many) for w in few)


def name_match(a: str, b: str) -> NameMatch | None:
    """How well name ``a`` matches name ``b``, or None when they are different sources."""
    if is_acronym_of(a, b) or is_acronym_of(b, a):
        return NameMatch(95, "acronym")
    words_a, words_b = name_words(a), name_words(b)
    if not words_a or not words_b:
        return None
    kind_a, kind_b = set(words_a) & INSTITUTION_NOUNS, set(words_b) & INSTITUTION_NOUNS
    if kind_a and kind_b and kind_a != kind_b:
        return None
    core_a = [w for w in words_a if w not in INSTITUTION_NOUNS] or words_a
    core_b = [w for w in words_b if w not in INSTITUTION_NOUNS] or words_b
    score = round(fuzz.token_sort_ratio(" ".join(core_a), " ".join(core_b)))
    if score == 100 and sorted(words_a) == sorted(words_b):
        return NameMatch(100, "same words")
    if score == 100:
        return NameMatch(100, "one name within the other")
    if score >= THRESHOLD:
        return NameMatch(score, "spelled alike")
    if _words_within(core_a, core_b) or _words_within(core_b, core_a):
        return NameMatch(THRESHOLD, "one name within the other")
    return None
