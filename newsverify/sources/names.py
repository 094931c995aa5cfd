"""How source names are compared across articles."""

from __future__ import annotations

import functools
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


# Names recur (a source named by every article of a story, the store calling on one name several
# times): both answers are worked out once per name, for a few thousand of them.
@functools.lru_cache(maxsize=4096)
def normalise(name: str) -> str:
    """'The Russian  Defence-Ministry' -> 'russian defence ministry'."""
    text = unicodedata.normalize("NFKC", name).casefold().strip()
    text = _LEADING_ARTICLE.sub("", text)
    text = text.replace("'s", "").replace("\u2019s", "")
    return " ".join(_NON_WORD.sub(" ", text).split())


@functools.lru_cache(maxsize=4096)
def identifies_a_source(name: str) -> bool:
    """Whether a name can identify one source across articles: a proper name, not "he" or "the agency"."""
    key = normalise(name)
    if not key or key in _PRONOUNS:
        return False
    # "Her office", "The agency": a capital that only opens the phrase names nothing.
    words = [w for w in name.split() if w.lower() not in _DETERMINERS]
    return any(w[:1].isupper() or w[:1].isdigit() for w in words)


# Words that describe a source rather than name one ("officials", "state media", "witnesses",
# "the police"): a name made only of these (and of determiners and numbers) is generic, stays per
# article, and is never offered as a duplicate of anything.
GENERIC_WORDS = frozenset(
    """
    official officials source sources people person persons witness witnesses eyewitness
    eyewitnesses resident residents local locals analyst analysts expert experts observer observers
    spokesman spokeswoman spokesperson spokespeople representative representatives aide aides
    insider insiders diplomat diplomats staff staffer staffers employee employees worker workers
    member members authority authorities government governments administration military army
    police security intelligence media press reports report state officer officers investigator
    investigators rescuer rescuers doctor doctors medic medics activist activists lawmaker
    lawmakers legislator legislators critic critics supporter supporters voter voters
    senior junior top high ranking high-ranking unnamed anonymous unidentified several some many
    two three four five few other others western foreign local regional federal national
    """.split()  # noqa: SIM905 (a word list reads best as one string)
)

# Small words left out of word-by-word comparison and acronyms ("Ministry of Defence").
_STOP_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "at", "to", "a", "an", "de", "du", "des", "la", "le"})

# What kind of body a name is ("ministry", "committee"): two names of different kinds are different
# bodies however alike the rest is ("Defence Ministry" is not "Defence Committee").
INSTITUTION_NOUNS = frozenset(
    """
    ministry ministries department office agency bureau service services committee council
    commission authority board court parliament assembly senate congress party union association
    federation foundation institute institution university college school hospital bank fund
    company corporation group news times post press daily weekly herald tribune journal gazette
    television tv radio channel network broadcaster police army navy force forces guard
    embassy consulate mission organisation organization
    """.split()  # noqa: SIM905 (a word list reads best as one string)
)


def name_words(name: str) -> list[str]:
    """The words of a name that carry meaning: normalised, without small words."""
    return [w for w in normalise(name).split() if w not in _STOP_WORDS]


def is_generic(name: str) -> bool:
    """Whether a name only describes its source ("officials", "state media"): it names no one."""
    if not identifies_a_source(name):
        return True
    words = [w for w in normalise(name).split() if w not in _DETERMINERS and w not in _STOP_WORDS]
    return all(w in GENERIC_WORDS or w.isdigit() for w in words)


def acronyms(name: str) -> frozenset[str]:
    """The acronyms a name of two or more words may go by: "Ministry of Defence" -> {"md", "mod"}."""
    all_words = normalise(name).split()
    words = [w for w in all_words if w not in _STOP_WORDS]
    if len(words) < 2:
        return frozenset()
    # "of" is often kept in the acronym ("MoD"), the article never ("the BBC").
    with_small = [w for w in all_words if w not in {"the", "a", "an"}]
    return frozenset({"".join(w[0] for w in words), "".join(w[0] for w in with_small)})
