"""How alike two registry names are, for suggesting duplicates to merge (rapidfuzz does the scoring).

Names are compared word by word after ``names.normalise``: the kind of body a name is ("ministry",
"committee") must agree when both say it, and the rest ("defence", "Valmor") must be the same
words, spelled nearly alike, or one name's words a part of the other's ("Defence Ministry" and
"Defence Ministry of Valmor"). An acronym matches the name it abbreviates ("NGA", "National Grid
Authority").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process, utils

from newsverify.sources.names import INSTITUTION_NOUNS, acronyms, name_words, normalise

# Below this a pair of names is not worth a person's look.
THRESHOLD = 85
# Two words this alike are one word spelled two ways ("defence" / "defense").
_WORD_ALIKE = 85
# A first, coarse pass over the whole registry (rapidfuzz in C): names below this, as plain
# lower-case text, are never alike enough for ``name_match``.
_PREFILTER = 60


@dataclass(frozen=True)
class NameMatch:
    score: int  # 0-100
    why: str  # for the person: "acronym", "same words", "spelled alike", "one name within the other"


@dataclass(frozen=True)
class _Key:
    words: tuple[str, ...]
    kind: frozenset[str]
    core: tuple[str, ...]
    acronyms: frozenset[str]
    short: str  # the name as one word that may be an acronym ("nga"), else ""


@lru_cache(maxsize=65536)
def _key(name: str) -> _Key:
    words = tuple(name_words(name))
    one = normalise(name)
    return _Key(
        words=words,
        kind=frozenset(words) & INSTITUTION_NOUNS,
        core=tuple(w for w in words if w not in INSTITUTION_NOUNS) or words,
        acronyms=acronyms(name),
        short=one if " " not in one and 2 <= len(one) <= 8 and one.isalpha() else "",
    )


def _words_within(few: tuple[str, ...], many: tuple[str, ...]) -> bool:
    return bool(few) and all(any(fuzz.ratio(w, other) >= _WORD_ALIKE for other in many) for w in few)


def name_match(a: str, b: str) -> NameMatch | None:
    """How well name ``a`` matches name ``b``, or None when they are different sources."""
    ka, kb = _key(a), _key(b)
    if (ka.short and ka.short in kb.acronyms) or (kb.short and kb.short in ka.acronyms):
        return NameMatch(95, "acronym")
    if not ka.words or not kb.words:
        return None
    if ka.kind and kb.kind and ka.kind != kb.kind:
        return None
    score = round(fuzz.token_sort_ratio(" ".join(ka.core), " ".join(kb.core)))
    if score == 100 and sorted(ka.words) == sorted(kb.words):
        return NameMatch(100, "same words")
    if score == 100:
        return NameMatch(100, "one name within the other")
    if score >= THRESHOLD:
        return NameMatch(score, "spelled alike")
    if _words_within(ka.core, kb.core) or _words_within(kb.core, ka.core):
        return NameMatch(THRESHOLD, "one name within the other")
    return None


def names_worth_comparing(name: str, choices: list[str]) -> set[int]:
    """The indexes of ``choices`` that may match ``name``: a coarse pass in C over many names, so
    that ``name_match`` runs on few. Keeps every acronym pair."""
    plain = [utils.default_process(choice) for choice in choices]
    hits = process.extract(
        utils.default_process(name), plain, scorer=fuzz.token_set_ratio, processor=None,
        score_cutoff=_PREFILTER, limit=None,
    )  # fmt: skip
    found = {index for _, _, index in hits}
    key = _key(name)
    if key.acronyms:
        found |= {i for i, text in enumerate(plain) if " " not in text and text in key.acronyms}
    if key.short:
        found |= {i for i, text in enumerate(plain) if _initials_may_be(text, key.short)}
    return found


def _initials_may_be(text: str, short: str) -> bool:
    words = text.split()
    return len(words) >= 2 and words[0][:1] == short[:1] and len(words) >= len(short) - 1


def best_matches(mine: Iterable[str], theirs: list[str]) -> dict[int, tuple[NameMatch, str]]:
    """For each index of ``theirs`` that matches one of ``mine``: the best match, and which of mine."""
    best: dict[int, tuple[NameMatch, str]] = {}
    for name in mine:
        for index in names_worth_comparing(name, theirs):
            match = name_match(name, theirs[index])
            if match is not None and (index not in best or match.score > best[index][0].score):
                best[index] = (match, name)
    return best
