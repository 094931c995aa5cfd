"""Scoring a chain report (``newsverify.chains/1``) against a gold reading (``newsverify.gold/1``).

The same definitions as the evaluation scorer that ships beside the project (``shared/eval/score.py``),
implemented here so that the project does not depend on that folder at run time; a test
(``tests/accuracy/test_scoring_parity.py``) checks that both give the same figures.

- **Claim matching.** A predicted claim matches a gold claim when their spans overlap with an IoU of
  at least 0.5, counted over letters and digits only (quote marks, spaces and punctuation do not
  count). A gold claim's span is the first place its ``content`` stands in the text. Each gold
  claim matches at most one prediction and each prediction one gold claim, best IoU first (ties:
  the larger gold id, then the larger predicted id, as strings). Predicted claims of kind
  ``unattributed`` are not scored, nor those overlapping a gold ``ignore`` span with an IoU of 0.5.
- **Source names.** A predicted hop names a gold source when the predicted source's ``name``,
  lowercased, without a leading "the"/"a"/"an" and with punctuation as spaces, equals the gold
  source's key or one of its aliases, normalised the same way.
- **Figures** (``ArticleScore.figures``): ``precision`` / ``recall`` / ``f1`` of claims found;
  ``origin`` (first hop right, of matched claims), ``origin_any`` (against the chain or an
  alternative), ``chain`` (the whole chain right against the gold chain or an ``alt_chains`` entry,
  of matched claims), ``chain_of_gold`` (the same, of all gold claims), ``hand`` (2+ hops or not,
  right), ``kind``; ``cue_accuracy`` (the predicted cue shares a letter with the gold cue's
  occurrence nearest the content, same paragraph first; a null gold cue wants no predicted cue),
  ``evidence_accuracy`` (the per-hop evidence list equal, of matched claims with one),
  ``medium_accuracy`` (some predicted hop's medium shares a word with the gold medium, "tweet" =
  "Twitter" = "X", "TV" = "television"; of matched claims with one); ``entities`` (gold sources kept
  under exactly one predicted source id), ``discrepancies_found`` and ``discrepancy_false_alarms``.
  Rates are rounded to three places; the three ``*_accuracy`` figures are None where no gold claim
  applies.
- **Several articles** (``mean_of``): the mean of each rate over the articles (None left out), the
  sums of the counts, the fractions added up, and ``micro_f1`` over all claims.

Beyond the scorer, each gold claim's outcome is kept (``ClaimOutcome``: found, chain right, kind
right, with its kind and its origin's source type), for the tables by kind and by source type.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+", re.I)
_PUNCTUATION = re.compile(r"[^\w\s]")
_MEDIUM_STOPWORDS = frozenset(
    {
        "a", "an", "the", "of", "on", "in", "to", "by", "its", "his", "her", "their", "via", "from",
        "for", "with", "and", "at", "s", "own", "official",
    }
)  # fmt: skip
_MEDIUM_SYNONYMS = {
    "tweet": "twitter",
    "tweets": "twitter",
    "tweeted": "twitter",
    "x": "twitter",
    "tv": "television",
    "televised": "television",
    "posted": "post",
    "posts": "post",
}
MIN_IOU = 0.5

RATE_KEYS = (
    "f1",
    "precision",
    "recall",
    "origin",
    "origin_any",
    "chain",
    "chain_of_gold",
    "hand",
    "kind",
    "cue_accuracy",
    "evidence_accuracy",
    "medium_accuracy",
)
COUNT_KEYS = ("gold_claims", "pred_claims", "matched", "discrepancy_false_alarms")
FRACTION_KEYS = ("entities", "discrepancies_found")


def name_key(name: str | None) -> str:
    """A source name as compared: 'The Defence-Ministry' -> 'defence ministry'."""
    name = _LEADING_ARTICLE.sub("", (name or "").strip().lower())
    return " ".join(_PUNCTUATION.sub(" ", name).split())


def letter_positions(text: str, start: int, end: int) -> set[int]:
    return {i for i in range(start, end) if text[i].isalnum()}


def iou(a: set[int], b: set[int]) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def gold_span(text: str, content: str) -> tuple[int, int]:
    """Where a gold claim stands: the first occurrence of its content."""
    start = text.find(content)
    if start < 0:
        raise ValueError(f"A gold claim's content is not in the text: {content[:60]!r}")
    return start, start + len(content)


def match_claims(
    text: str, gold_claims: Sequence[Mapping[str, Any]], predicted: Sequence[Mapping[str, Any]]
) -> dict[str, str]:
    """``{gold id: predicted id}``, one to one, best IoU first."""
    candidates = []
    for g in gold_claims:
        g_letters = letter_positions(text, *gold_span(text, g["content"]))
        for p in predicted:
            overlap = iou(g_letters, letter_positions(text, p["start"], p["end"]))
            if overlap >= MIN_IOU:
                candidates.append((overlap, g["id"], p["id"]))
    matched: dict[str, str] = {}
    taken: set[str] = set()
    for _, gold_id, pred_id in sorted(candidates, reverse=True):
        if gold_id in matched or pred_id in taken:
            continue
        matched[gold_id] = pred_id
        taken.add(pred_id)
    return matched


def _paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    before = text.rfind("\n\n", 0, start)
    after = text.find("\n\n", end)
    return (0 if before < 0 else before + 2), (len(text) if after < 0 else after)


def gold_cue_place(text: str, cue: str, span: tuple[int, int]) -> tuple[int, int] | None:
    """The occurrence of the gold cue's words nearest the claim, in its paragraph where there is one."""
    words = r"\s+".join(re.escape(word) for word in cue.split())
    places = [(m.start(), m.end()) for m in re.finditer(rf"(?<!\w){words}(?!\w)", text, re.I)]
    if not places:
        return None
    low, high = _paragraph(text, *span)
    near = [p for p in places if p[0] >= low and p[1] <= high] or places

    def distance(place: tuple[int, int]) -> int:
        if place[1] > span[0] and place[0] < span[1]:
            return 0
        return min(abs(place[0] - span[1]), abs(span[0] - place[1]))

    return min(near, key=distance)


def _cue_letters(text: str, cue: Mapping[str, Any] | None) -> set[int]:
    if not cue:
        return set()
    if fragments := cue.get("fragments") or []:
        return {i for s, e in fragments for i in range(s, e) if text[i].isalnum()}
    if "start" in cue and "end" in cue:
        return letter_positions(text, cue["start"], cue["end"])
    return set()


def cue_right(text: str, gold_cue: str | None, predicted: Mapping[str, Any] | None, span: tuple[int, int]) -> bool:
    if not gold_cue:
        return not predicted or not (predicted.get("text") or "").strip()
    if not predicted:
        return False
    place = gold_cue_place(text, gold_cue, span)
    predicted_letters = _cue_letters(text, predicted)
    if place is not None and predicted_letters:
        return bool(predicted_letters & letter_positions(text, *place))
    return bool(set(name_key(gold_cue).split()) & set(name_key(predicted.get("text", "")).split()))


def medium_words(medium: str | None) -> set[str]:
    words = (w for w in re.findall(r"\w+", (medium or "").lower()) if w not in _MEDIUM_STOPWORDS)
    return {_MEDIUM_SYNONYMS.get(w, w) for w in words}


@dataclass(frozen=True)
class ClaimOutcome:
    """How the prediction did on one gold claim."""

    id: str
    kind: str
    origin_type: str
    found: bool
    origin_right: bool = False
    chain_right: bool = False
    kind_right: bool = False


@dataclass(frozen=True)
class ArticleScore:
    figures: dict[str, Any]
    outcomes: list[ClaimOutcome] = field(default_factory=list)
    false_claims: int = 0

    def outcome_dicts(self) -> list[dict[str, Any]]:
        return [asdict(outcome) for outcome in self.outcomes]


def _rate(count: int, of: int) -> float:
    return round(count / of, 3) if of else 0.0


def _share(count: int, of: int) -> float | None:
    return round(count / of, 3) if of else None


def score_article(text: str, gold: Mapping[str, Any], predicted: Mapping[str, Any]) -> ArticleScore:
    """The figures of one report against one gold reading (the definitions in the module's docstring)."""
    aliases = {
        key: {name_key(key)} | {name_key(alias) for alias in source.get("aliases", [])}
        for key, source in gold["sources"].items()
    }
    names = {source["id"]: source.get("name", "") for source in predicted.get("sources", [])}
    ignored = [
        letter_positions(text, start, start + len(span))
        for span in gold.get("ignore", [])
        if (start := text.find(span)) >= 0
    ]

    def scored(claim: Mapping[str, Any]) -> bool:
        if claim.get("kind") == "unattributed":
            return False
        claim_letters = letter_positions(text, claim["start"], claim["end"])
        return not any(iou(claim_letters, span) >= MIN_IOU for span in ignored)

    claims = [claim for claim in predicted.get("claims", []) if scored(claim)]
    by_id = {claim["id"]: claim for claim in claims}
    matched = match_claims(text, gold["claims"], claims)

    def hop_key(hop: Mapping[str, Any]) -> str:
        return name_key(names.get(hop.get("source"), hop.get("source", "")))

    def same_chain(hops: Sequence[Mapping[str, Any]], chain: Sequence[str]) -> bool:
        return len(hops) == len(chain) and all(hop_key(h) in aliases[g] for h, g in zip(hops, chain, strict=True))

    counts = dict.fromkeys(("origin", "origin_any", "chain", "hand", "kind", "cue"), 0)
    evidence = evidence_of = medium = medium_of = 0
    ids_of_source: dict[str, set[Any]] = {}
    outcomes = []
    for g in gold["claims"]:
        origin_type = gold["sources"].get(g["chain"][0], {}).get("type", "") if g["chain"] else ""
        pred_id = matched.get(g["id"])
        if pred_id is None:
            outcomes.append(ClaimOutcome(g["id"], g["kind"], origin_type, found=False))
            continue
        p = by_id[pred_id]
        hops = p.get("chain", [])
        readings = [g["chain"], *g.get("alt_chains", [])]
        for hop in hops:
            for key, accepted in aliases.items():
                if hop_key(hop) in accepted:
                    ids_of_source.setdefault(key, set()).add(hop.get("source"))
        origin_right = bool(hops) and hop_key(hops[0]) in aliases[g["chain"][0]]
        chain_right = any(same_chain(hops, reading) for reading in readings)
        kind_right = p.get("kind") == g["kind"]
        counts["origin"] += origin_right
        counts["origin_any"] += bool(hops) and any(
            reading and hop_key(hops[0]) in aliases[reading[0]] for reading in readings
        )
        counts["chain"] += chain_right
        counts["hand"] += (len(hops) >= 2) == (len(g["chain"]) >= 2)
        counts["kind"] += kind_right
        counts["cue"] += cue_right(text, g.get("cue"), p.get("cue"), gold_span(text, g["content"]))
        if g.get("evidence"):
            evidence_of += 1
            evidence += [hop.get("evidence") for hop in hops] == g["evidence"]
        if g.get("medium"):
            medium_of += 1
            wanted = medium_words(g["medium"])
            medium += any(wanted & medium_words(hop.get("medium")) for hop in hops if hop.get("medium"))
        outcomes.append(ClaimOutcome(g["id"], g["kind"], origin_type, True, origin_right, chain_right, kind_right))

    n_gold, n_pred, n_matched = len(gold["claims"]), len(claims), len(matched)
    precision = n_matched / n_pred if n_pred else 0.0
    recall = n_matched / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    groups = [set(d.get("claims", [])) for d in predicted.get("discrepancies", [])]
    found, useful = 0, set()
    for d in gold.get("discrepancies", []):
        wanted_ids = {matched[c] for c in d["claims"] if c in matched}
        avoided = {matched[c] for c in d.get("must_not_include", []) if c in matched}
        for index, group in enumerate(groups):
            if len(group & wanted_ids) >= 2 and not group & avoided:
                found += 1
                useful.add(index)
                break

    figures = {
        "gold_claims": n_gold,
        "pred_claims": n_pred,
        "matched": n_matched,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "origin": _rate(counts["origin"], n_matched),
        "chain": _rate(counts["chain"], n_matched),
        "chain_of_gold": _rate(counts["chain"], n_gold),
        "hand": _rate(counts["hand"], n_matched),
        "kind": _rate(counts["kind"], n_matched),
        "entities": f"{sum(1 for ids in ids_of_source.values() if len(ids) == 1)}/{len(ids_of_source)}",
        "discrepancies_found": f"{found}/{len(gold.get('discrepancies', []))}",
        "discrepancy_false_alarms": len(groups) - len(useful),
        "origin_any": _rate(counts["origin_any"], n_matched),
        "cue_accuracy": _rate(counts["cue"], n_matched) if n_matched else None,
        "evidence_accuracy": _share(evidence, evidence_of),
        "medium_accuracy": _share(medium, medium_of),
    }
    return ArticleScore(figures=figures, outcomes=outcomes, false_claims=n_pred - n_matched)


def mean_of(figures: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Figures over several articles: rates averaged per article, counts summed, ``micro_f1`` over all claims."""
    results = list(figures)
    mean: dict[str, Any] = {}
    for key in RATE_KEYS:
        values = [r[key] for r in results if r[key] is not None]
        mean[key] = round(sum(values) / len(values), 3) if values else None
    for key in COUNT_KEYS:
        mean[key] = sum(r[key] for r in results)
    for key in FRACTION_KEYS:
        pairs = [tuple(int(n) for n in r[key].split("/")) for r in results]
        mean[key] = f"{sum(p[0] for p in pairs)}/{sum(p[1] for p in pairs)}"
    precision = mean["matched"] / mean["pred_claims"] if mean["pred_claims"] else 0.0
    recall = mean["matched"] / mean["gold_claims"] if mean["gold_claims"] else 0.0
    mean["micro_f1"] = round(2 * precision * recall / (precision + recall), 3) if precision + recall else 0.0
    mean["articles"] = len(results)
    return mean
