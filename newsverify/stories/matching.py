"""Whether two claims, from two articles, are the same claim: pure Python, no Django, no database.

Three signals, in order of cost:

- **Wire copy**: near-verbatim text, found by word-shingle MinHash (datasketch). Its LSH band keys
  are also how candidates are found in the archive (``index_keys``), with the claim's anchors
  (places, names, figures): an indexed lookup, never a scan of every stored claim.
- **Paraphrase**: the cosine of two sentence embeddings (``embeddings.py``), computed by the caller
  and passed in, so this module needs no model.
- **Agreement** on what pins a claim to one event: its named anchors (places, people, bodies), its
  days and months, and its origin. Two claims that name different places, or different days, or come
  from different origins, are different claims however alike their words ("three drones over
  Belgorod on Tuesday" is not "three drones over Kursk on Friday"). Figures do not veto: the same
  claim relayed with another number ("14 injured", "dozens injured") is the drift a story shows.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from datasketch import MinHash

from newsverify.attribution import lexicon as lx

# MinHash over word shingles: NUM_PERM permutations cut into BANDS bands of ROWS rows. Two claims
# share a band key with probability 1 - (1 - J^ROWS)^BANDS: 0.64 at Jaccard 0.5, 0.89 at 0.6.
NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
SHINGLE = 2  # words per shingle: news sentences are short, and a bigram keeps word order

# A pair is wire copy at this shingle Jaccard (exact, from the two texts), a paraphrase at this
# cosine; below PARAPHRASE_COSINE, figures that agree and a shared anchor still make a match at
# SUPPORTED_COSINE.
WIRE_JACCARD = 0.5
PARAPHRASE_COSINE = 0.7
SUPPORTED_COSINE = 0.5

# The ``cascade`` setting: the static encoder's cosine (``embeddings.py``) decides a pair outside
# this band, MiniLM's inside it: on the benchmark's pairs MiniLM is asked about a third of the pairs
# the words leave open, for precision and recall within 0.01 of asking it about all.
CASCADE_BAND = (0.62, 0.78)

_WORD = re.compile(r"[^\W_]+(?:[.,'\u2019-][^\W_]+)*", re.UNICODE)
_DIGITS = re.compile(r"^\d[\d,]*(?:\.\d+)?$")
# Words that start a sentence with a capital but name nothing; anchors are capitalised words
# elsewhere in the sentence, and any capitalised word that is not one of these.
_NOT_NAMES = (
    frozenset(
        """
    the a an in on at of for from to by with and or but as after before since over under near
    this that these those it its he she they we his her their our there here when while where
    some several many most more all every each one two three four five six seven eight nine ten
    air last next early late about around nearly almost more than fewer less at least up to
    president minister ministry government police army navy court parliament mayor governor
    chancellor prime king queen state north south east west northern southern eastern western
    central sea ocean river lake island coast bay gulf mountains valley
    """.split()  # noqa: SIM905 (a word list reads best as one string)
    )
    | lx.PLACE_NOUNS
)
STOPWORDS = frozenset(
    """
    the a an in on at of for from to by with and or but as after before since over under near
    into onto off out up down is are was were be been being has have had will would could should
    may might can did does do it its this that these those their there here when while where
    which who whom whose said says say told according also than then so such not no more most
    very
    """.split()  # noqa: SIM905 (a word list reads best as one string)
)
_HEDGES = frozenset(
    """
    claimed claims claim alleged allegedly reportedly reported purportedly apparently may might
    could possibly probably likely unconfirmed unverified suspected believed appears seems
    """.split()  # noqa: SIM905 (a word list reads best as one string)
)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace("\u2019", "'")


@dataclass(frozen=True)
class Origin:
    """Where a claim says it comes from: the registry source at the head of its chain, if any."""

    source_id: int | None = None
    name: str = ""
    anonymous: bool = False

    @property
    def known(self) -> bool:
        return not self.anonymous and bool(self.source_id or self.name)


@dataclass(frozen=True)
class ClaimFeatures:
    text: str
    shingles: frozenset[str]
    names: frozenset[str]  # places, people, bodies, as lower-case words ("belgorod", "macron")
    times: frozenset[str]  # days and months named ("tuesday", "june")
    figures: frozenset[str]  # figures as comparable strings ("14", "7.5", "dozens")
    hedged: bool  # says "claimed", "reportedly", "may": the claim is not stated as fact
    origin: Origin


@dataclass(frozen=True)
class MatchVerdict:
    how: str  # "wire" | "paraphrase"
    score: float  # 0..1, higher is surer
    why: str  # in words, for the story page


def words(text: str) -> list[str]:
    return _WORD.findall(_fold(text))


@lru_cache(maxsize=65536)
def _figure(low: str) -> str | None:
    """The figure a lower-case word states, or None (cached: a newsroom's words recur)."""
    if _DIGITS.match(low):
        return low.replace(",", "")
    if low.endswith("%") and _DIGITS.match(low[:-1]):
        return low[:-1]
    if low in lx.NUMBER_WORDS and low not in ("no", "none", "one"):
        return str(lx.NUMBER_WORDS[low])
    if low in lx.VAGUE_QUANTIFIERS:
        return low
    return None


def claim_features(text: str, *, origin: Origin | None = None) -> ClaimFeatures:
    tokens = words(text)
    lower = [token.casefold() for token in tokens]
    names: set[str] = set()
    times: set[str] = set()
    figures: set[str] = set()
    for index, (token, low) in enumerate(zip(tokens, lower, strict=True)):
        bare = low.removesuffix("'s")
        if bare in lx.WEEKDAYS or bare in lx.MONTHS:
            times.add(bare)
            continue
        figure = _figure(low)
        if figure is not None:
            figures.add(figure)
            continue
        # A sentence's first word is capitalised anyway: a name only when it shows it is one.
        first_is_name = low.endswith("'s") or (token.isupper() and len(token) > 1)
        if token[:1].isupper() and bare not in _NOT_NAMES and (index > 0 or first_is_name):
            names.add(bare)
    content = [low for low in lower if low not in STOPWORDS]
    grams = {" ".join(content[i : i + SHINGLE]) for i in range(max(1, len(content) - SHINGLE + 1))}
    return ClaimFeatures(
        text=text,
        shingles=frozenset(gram for gram in grams if gram),
        names=frozenset(names),
        times=frozenset(times),
        figures=frozenset(figures),
        hedged=any(low in _HEDGES for low in lower),
        origin=origin or Origin(),
    )


def features_stored(features: ClaimFeatures) -> dict[str, object]:
    """What of the features is kept with a claim's index keys (JSON): all but its text and origin,
    which are read with the claim (the origin can change without the text: a source merge)."""
    return {
        "shingles": sorted(features.shingles),
        "names": sorted(features.names),
        "times": sorted(features.times),
        "figures": sorted(features.figures),
        "hedged": features.hedged,
    }


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def features_of(text: str, stored: dict | None, hashed: str | None, *, origin: Origin | None = None) -> ClaimFeatures:  # type: ignore[type-arg]
    """A stored claim's features: those kept with its index entry (``stored``, from the text whose
    hash is ``hashed``) while its text is that one, else computed from the text."""
    if stored is not None and hashed == text_hash(text):
        return features_read(text, stored, origin=origin)
    return claim_features(text, origin=origin)


def features_read(text: str, stored: dict, *, origin: Origin | None = None) -> ClaimFeatures:  # type: ignore[type-arg]
    """The features ``features_stored`` kept, for ``text``: what ``claim_features(text)`` computes."""
    return ClaimFeatures(
        text=text,
        shingles=frozenset(stored["shingles"]),
        names=frozenset(stored["names"]),
        times=frozenset(stored["times"]),
        figures=frozenset(stored["figures"]),
        hedged=bool(stored["hedged"]),
        origin=origin or Origin(),
    )


@lru_cache(maxsize=1)
def _permutations() -> object:
    return MinHash(num_perm=NUM_PERM, seed=1).permutations


def minhash(features: ClaimFeatures) -> MinHash:
    # The permutations are drawn once, not per claim (drawing them is most of a short claim's cost).
    signature = MinHash(num_perm=NUM_PERM, seed=1, permutations=_permutations(), scheme="affine32")
    signature.update_batch([gram.encode() for gram in sorted(features.shingles)])
    return signature


def index_keys(features: ClaimFeatures) -> list[str]:
    """The keys a claim is filed under, and looked up by: MinHash bands, its names, its figures.

    Short strings, stored in an indexed column: finding candidates is one ``key IN (...)`` lookup.
    """
    keys: list[str] = []
    if features.shingles:
        values = minhash(features).hashvalues
        for band in range(BANDS):
            digest = hashlib.blake2b(values[band * ROWS : (band + 1) * ROWS].tobytes(), digest_size=8).hexdigest()
            keys.append(f"m{band}:{digest}")
    keys += [f"n:{name[:60]}" for name in sorted(features.names)]
    keys += [f"f:{figure}" for figure in sorted(features.figures) if figure not in lx.VAGUE_QUANTIFIERS]
    return keys


def shingle_jaccard(a: ClaimFeatures, b: ClaimFeatures) -> float:
    if not a.shingles or not b.shingles:
        return 0.0
    return len(a.shingles & b.shingles) / len(a.shingles | b.shingles)


@lru_cache(maxsize=4096)
def _origins_alike(a: str, b: str) -> bool:
    from newsverify.sources.names import normalise
    from newsverify.sources.similarity import name_match

    return normalise(a) == normalise(b) or name_match(a, b) is not None


def origins_agree(a: Origin, b: Origin) -> bool:
    """False only when both name an origin and the two are different sources."""
    if not a.known or not b.known:
        return True
    if a.source_id is not None and a.source_id == b.source_id:
        return True
    return bool(a.name and b.name and _origins_alike(a.name, b.name))


def _disjoint(a: frozenset[str], b: frozenset[str], *, prefix: int = 0) -> bool:
    if prefix:
        # "Sweden" and "Swedish", "Ukraine" and "Ukrainian" name one place.
        a, b = frozenset(word[:prefix] for word in a), frozenset(word[:prefix] for word in b)
    return bool(a) and bool(b) and not (a & b)


def conflict(a: ClaimFeatures, b: ClaimFeatures) -> str | None:
    """Why the two cannot be one claim, or None."""
    if _disjoint(a.times, b.times):
        return "different days"
    if _disjoint(a.names, b.names, prefix=4):
        return "different places or names"
    if not origins_agree(a.origin, b.origin):
        return "different origins"
    return None


def cascade_undecided(static_cosine: float) -> bool:
    """Whether the static cosine leaves the pair to the transformer."""
    low, high = CASCADE_BAND
    return low <= static_cosine < high


def match_decide(a: ClaimFeatures, b: ClaimFeatures, *, cosine: float | None) -> MatchVerdict | None:
    """The verdict on one pair: wire copy, paraphrase, or None. ``cosine`` is None without embeddings."""
    if conflict(a, b) is not None:
        return None
    jaccard = shingle_jaccard(a, b)
    if jaccard >= WIRE_JACCARD:
        return MatchVerdict(how="wire", score=round(jaccard, 3), why=f"near-verbatim ({jaccard:.0%} of phrases shared)")
    if cosine is None:
        return None
    shared_anchor = bool(a.names & b.names or a.times & b.times)
    same_figures = bool(a.figures & b.figures)
    if cosine >= PARAPHRASE_COSINE or (cosine >= SUPPORTED_COSINE and shared_anchor and same_figures):
        return MatchVerdict(how="paraphrase", score=round(cosine, 3), why=f"same meaning (similarity {cosine:.2f})")
    return None
