"""The engine against every expert reading beside the project, scored by the shared scorers.

    .venv/bin/python eval/evaluate.py [--shared DIR] [--diff] [--polnear dev|test] [--no-gold]

``make eval`` runs it on the seed article (``seeds/`` against ``SHARED/eval/seed.gold.json``) and on
every gold folder under ``SHARED/eval/`` (each ``NAME.txt`` with its ``NAME.gold.json``, today
``dev/``), and prints one line per article and the means. ``make eval-polnear`` scores the PolNeAR
dev split (``--polnear dev --no-gold``). SHARED defaults to ``../shared`` beside the project (or
``$NEWSVERIFY_SHARED``); when it is absent the run is skipped with a message and exits 0.

The scorers (``score.py``, ``score_polnear.py``) belong to the evaluation data, not to the project:
they are called as subprocesses, never copied, and the engine never reads anything from there.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsverify.attribution import extract_chains_many  # noqa: E402

SEED = ROOT / "seeds" / "000_10a75b55b132236b.txt"
COLUMNS = [
    ("f1", "F1"),
    ("precision", "P"),
    ("recall", "R"),
    ("chain_of_gold", "chain"),
    ("origin", "origin"),
    ("kind", "kind"),
    ("cue_accuracy", "cue"),
    ("evidence_accuracy", "evidence"),
    ("medium_accuracy", "medium"),
    ("entities", "entities"),
    ("discrepancies_found", "discr"),
    ("discrepancy_false_alarms", "false_alarms"),
]


@dataclass(frozen=True)
class Shared:
    """Where the evaluation data and its scorers are."""

    root: Path

    @property
    def eval(self) -> Path:
        return self.root / "eval"

    @property
    def score(self) -> Path:
        return self.eval / "score.py"

    @property
    def score_polnear(self) -> Path:
        return self.eval / "score_polnear.py"

    def exists(self) -> bool:
        return self.score.is_file()

    def gold_folders(self) -> list[Path]:
        """Every folder under ``eval/`` holding at least one ``NAME.txt`` with ``NAME.gold.json``."""
        return [
            d
            for d in sorted(self.eval.iterdir())
            if d.is_dir() and any((d / (t.stem + ".gold.json")).is_file() for t in d.glob("*.txt"))
        ]


def shared_root(given: str | None) -> Shared:
    return Shared(Path(given or os.environ.get("NEWSVERIFY_SHARED") or ROOT.parent / "shared").resolve())


def read(path: Path) -> str:
    with open(path, encoding="utf-8", errors="replace", newline="") as handle:
        return handle.read()


def reports_jsonl(paths: Sequence[Path], out: Path) -> list[dict[str, Any]]:
    """Run the engine on ``paths`` (one parser stream) and write the ``--jsonl`` form to ``out``."""
    reports = []
    for path, report in zip(paths, extract_chains_many([read(p) for p in paths]), strict=True):
        data = report.to_dict()
        data["file"] = str(path)
        reports.append(data)
    with open(out, "w", encoding="utf-8") as handle:
        for data in reports:
            handle.write(json.dumps(data, ensure_ascii=False) + "\n")
    return reports


def run_scorer(script: Path, *args: str) -> str:
    # This interpreter on the evaluation's own scorer script, no shell.
    done = subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, check=False)  # nosec B603
    if done.returncode != 0:
        raise SystemExit(f"{script.name} {' '.join(args)} failed:\n{done.stderr or done.stdout}")
    return done.stdout


def fmt(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def line(name: str, result: dict[str, Any], width: int) -> str:
    counts = f"gold={result['gold_claims']:<3} pred={result['pred_claims']:<3} matched={result['matched']:<3}"
    figures = "  ".join(f"{label} {fmt(result.get(key))}" for key, label in COLUMNS)
    return f"{name:<{width}}  {counts}  {figures}"


def score_seed(shared: Shared, tmp: Path, *, diff: bool) -> dict[str, Any]:
    pred = tmp / "seed.json"
    pred.write_text(json.dumps(extract_seed(), ensure_ascii=False), encoding="utf-8")
    gold = shared.eval / "seed.gold.json"
    if diff:
        print(run_scorer(shared.score, str(SEED), str(gold), str(pred), "--diff"), end="")
    result: dict[str, Any] = json.loads(run_scorer(shared.score, str(SEED), str(gold), str(pred), "--json"))
    return result


def extract_seed() -> dict[str, Any]:
    return next(extract_chains_many([read(SEED)])).to_dict()


def score_folder(shared: Shared, folder: Path, tmp: Path, *, diff: bool) -> dict[str, Any]:
    texts = sorted(t for t in folder.glob("*.txt") if (folder / (t.stem + ".gold.json")).is_file())
    pred = tmp / f"{folder.name}.jsonl"
    reports_jsonl(texts, pred)
    if diff:
        print(run_scorer(shared.score, "--dir", str(folder), str(pred), "--diff"), end="")
    result: dict[str, Any] = json.loads(run_scorer(shared.score, "--dir", str(folder), str(pred), "--json"))
    return result


def score_polnear(shared: Shared, split: str, tmp: Path) -> dict[str, Any]:
    corpus = shared.eval / "polnear" / f"{split}.json"
    if not corpus.is_file():
        raise SystemExit(f"no PolNeAR split at {corpus}")
    texts_dir = tmp / f"polnear-{split}"
    run_scorer(shared.score_polnear, "export", str(corpus), str(texts_dir))
    pred = tmp / f"polnear-{split}.jsonl"
    reports_jsonl(sorted(texts_dir.glob("*.txt")), pred)
    result: dict[str, Any] = json.loads(run_scorer(shared.score_polnear, "score", str(corpus), str(pred), "--json"))
    return result


def polnear_lines(split: str, result: dict[str, Any]) -> list[str]:
    def prf(values: list[float]) -> str:
        return "P {:.3f} R {:.3f} F1 {:.3f}".format(*values)

    out = [f"PolNeAR {split}: attributions gold={result['gold']} pred={result['pred']}"]
    for role in ("source", "cue", "content"):
        out.append(f"  {role:<8} exact {prf(result[role + '_exact'])}   overlap {prf(result[role + '_overlap'])}")
    out.append(f"  all three roles (overlap) {prf(result['attribution_overlap'])}")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", default=None, help="the shared folder (default ../shared or $NEWSVERIFY_SHARED)")
    parser.add_argument("--diff", action="store_true", help="also print the scorer's differences per article")
    parser.add_argument("--polnear", choices=["dev", "test"], default=None, help="also score a PolNeAR split")
    parser.add_argument("--no-gold", action="store_true", help="skip the seed and the gold folders")
    options = parser.parse_args(argv)

    shared = shared_root(options.shared)
    if not shared.exists():
        print(f"eval: skipped, no evaluation data at {shared.eval} (the scorer {shared.score.name} is not there).")
        return 0

    with tempfile.TemporaryDirectory(prefix="newsverify-eval-") as name:
        tmp = Path(name)
        if not options.no_gold:
            seed = score_seed(shared, tmp, diff=options.diff)
            folders = [
                (folder, score_folder(shared, folder, tmp, diff=options.diff)) for folder in shared.gold_folders()
            ]
            names = [n for _, r in folders for n in r["articles"]]
            width = max([len("seed"), len("mean"), *(len(n) for n in names)])
            print(line("seed", seed, width))
            for folder, result in folders:
                print(f"\n{folder.name}/ ({result['mean']['articles']} articles)")
                for article, figures in result["articles"].items():
                    print(line(article, figures, width))
                mean = result["mean"]
                print(line("mean", mean, width) + f"  micro_F1 {fmt(mean['micro_f1'])}")
        if options.polnear:
            if not options.no_gold:
                print()
            print("\n".join(polnear_lines(options.polnear, score_polnear(shared, options.polnear, tmp))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
