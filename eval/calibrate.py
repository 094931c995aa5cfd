"""Calibrate the engine's confidence on the expert readings: how often a hop (or a claim) of each
basis is right, a reliability table, and the fitted tables to paste into
``newsverify/attribution/confidence.py``.

    .venv/bin/python eval/calibrate.py [--shared DIR] [--folder dev] [--prior 2]

The engine runs on every ``NAME.txt`` of ``SHARED/eval/FOLDER/`` with its ``NAME.gold.json``.
Predicted claims are paired with gold claims by the scorer's own matching (``score.py``'s
``match_claims``, imported from the shared folder, with its rules for which claims are scored).
A claim is right when it is paired. A hop of a paired claim is right when its source names, by the
scorer's normalised names and aliases, the gold source at the same place (from the origin) of the
gold chain or of one of its ``alt_chains``. The fitted share per basis is shrunk towards the
overall share by ``--prior`` pseudo-counts, so a basis seen twice does not get 0 or 1.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from evaluate import Shared, read, shared_root  # noqa: E402

from newsverify.attribution import extract_chains_many  # noqa: E402
from newsverify.attribution.confidence import CLAIM_TABLE, HOP_TABLE  # noqa: E402

BUCKETS = [(0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)]


def load_scorer(shared: Shared) -> ModuleType:
    spec = importlib.util.spec_from_file_location("newsverify_eval_score", shared.score)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {shared.score}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def scored_claims(scorer: ModuleType, text: str, gold: dict[str, Any], pred: dict[str, Any]) -> list[dict[str, Any]]:
    """The predicted claims the scorer scores: not the publisher's own, not on a gold "ignore" span
    (the same rules as ``score.score``)."""
    ignored = [scorer.letters(text, i, i + len(x)) for x in gold.get("ignore", []) for i in [text.find(x)] if i >= 0]

    def overlaps_ignored(c: dict[str, Any]) -> bool:
        ps = scorer.letters(text, c["start"], c["end"])
        return any(len(ps & g) / len(ps | g) >= 0.5 for g in ignored if ps | g)

    claims = [c for c in pred.get("claims", []) if c.get("kind") != "unattributed"]
    return [c for c in claims if not overlaps_ignored(c)]


def observations(scorer: ModuleType, text: str, gold: dict[str, Any], report: Any) -> tuple[list, list]:
    """(claim basis, confidence, right) per scored claim and (hop basis, confidence, right) per
    hop of a paired claim."""
    pred = report.to_dict()
    bases = report.extra["confidence_basis"]
    claims = scored_claims(scorer, text, gold, pred)
    matched = {pid: gid for gid, pid in scorer.match_claims(text, gold, claims).items()}
    gold_by_id = {g["id"]: g for g in gold["claims"]}
    aliases = {
        key: {scorer.norm(key)} | {scorer.norm(a) for a in s.get("aliases", [])} for key, s in gold["sources"].items()
    }
    names = {s["id"]: s.get("name", "") for s in pred.get("sources", [])}
    claim_obs, hop_obs = [], []
    for c in claims:
        basis, hop_bases = bases[c["id"]]
        claim_obs.append((basis, c["confidence"], c["id"] in matched))
        if c["id"] not in matched:
            continue
        g = gold_by_id[matched[c["id"]]]
        gchains = [g["chain"], *g.get("alt_chains", [])]
        for i, hop in enumerate(c["chain"]):
            name = scorer.norm(names.get(hop["source"], hop["source"]))
            right = any(i < len(gc) and name in aliases[gc[i]] for gc in gchains)
            hop_obs.append((hop_bases[i], hop["confidence"], right))
    return claim_obs, hop_obs


def fit(obs: list[tuple[str, float, bool]], prior: float) -> dict[str, tuple[int, int, float]]:
    overall = sum(r for _, _, r in obs) / len(obs) if obs else 0.5
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for basis, _, right in obs:
        counts[basis][0] += 1
        counts[basis][1] += right
    return {b: (n, k, (k + prior * overall) / (n + prior)) for b, (n, k) in sorted(counts.items())}


def reliability(obs: list[tuple[str, float, bool]]) -> list[str]:
    lines = ["  confidence   count  mean given  observed right"]
    for lo, hi in BUCKETS:
        inside = [(c, r) for _, c, r in obs if c is not None and lo <= c < hi]
        if not inside:
            continue
        given = sum(c for c, _ in inside) / len(inside)
        right = sum(r for _, r in inside) / len(inside)
        lines.append(f"  {lo:.1f}-{min(hi, 1.0):.1f}   {len(inside):5}  {given:10.2f}  {right:14.2f}")
    return lines


def table_text(name: str, fitted: dict[str, tuple[int, int, float]], old: dict[str, float]) -> list[str]:
    lines = [f"{name}: dict[str, float] = {{"]
    for basis in sorted(set(old) | set(fitted), key=lambda b: -fitted.get(b, (0, 0, old.get(b, 0)))[2]):
        if basis in fitted:
            n, k, share = fitted[basis]
            lines.append(f'    "{basis}": {share:.2f},  # {k}/{n} right')
        else:
            lines.append(f'    "{basis}": {old[basis]:.2f},  # not seen on the dev set')
    lines.append("}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", default=None)
    parser.add_argument("--folder", default="dev")
    parser.add_argument("--prior", type=float, default=2.0, help="pseudo-counts towards the overall share")
    options = parser.parse_args(argv)
    shared = shared_root(options.shared)
    folder = shared.eval / options.folder
    if not shared.exists() or not folder.is_dir():
        print(f"calibrate: skipped, no gold folder at {folder}.")
        return 0
    scorer = load_scorer(shared)

    paths = sorted(t for t in folder.glob("*.txt") if (folder / (t.stem + ".gold.json")).is_file())
    texts = [read(p) for p in paths]
    claim_obs: list[tuple[str, float, bool]] = []
    hop_obs: list[tuple[str, float, bool]] = []
    for path, text, report in zip(paths, texts, extract_chains_many(texts), strict=True):
        gold = json.loads((folder / (path.stem + ".gold.json")).read_text(encoding="utf-8"))
        c_obs, h_obs = observations(scorer, text, gold, report)
        claim_obs += c_obs
        hop_obs += h_obs

    for label, obs, table, name in (
        ("hops (of paired claims)", hop_obs, HOP_TABLE, "HOP_TABLE"),
        ("claims", claim_obs, CLAIM_TABLE, "CLAIM_TABLE"),
    ):
        right = sum(r for _, _, r in obs)
        print(f"== {label}: {len(obs)}, right {right} ({right / len(obs):.2f})" if obs else f"== {label}: none")
        print("reliability with the tables in confidence.py now:")
        print("\n".join(reliability(obs)))
        fitted = fit(obs, options.prior)
        print("per basis (count, right, share now given, fitted):")
        for basis, (n, k, share) in fitted.items():
            print(f"  {basis:<16} {n:4} {k:4}  {table.get(basis, float('nan')):.2f}  {share:.2f}")
        refit = [(b, round(fitted[b][2], 2), r) for b, _, r in obs]
        print("reliability with the fitted table:")
        print("\n".join(reliability(refit)))
        print("fitted table:")
        print("\n".join(table_text(name, fitted, table)))
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
