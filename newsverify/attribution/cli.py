"""Command-line front end of the engine, shared by ``manage.py extract_chains`` and
``python -m newsverify.attribution``.

    extract_chains ARTICLE.txt [--publisher NAME] [--json]
    extract_chains --jsonl A.txt B.txt ...      (one report a line, with "file")
    extract_chains -                             (reads standard input)
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TextIO

from newsverify.attribution.pipeline import extract_chains_many
from newsverify.attribution.types import ChainReport

DEPTH_LABELS = {0: "own", 1: "firsthand", 2: "secondhand"}


def depth_label(depth: int) -> str:
    return DEPTH_LABELS.get(depth, "third-hand+" if depth >= 3 else str(depth))


def build_parser(prog: str = "extract_chains") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description="Find attributed claims and their source chains.")
    add_arguments(parser)
    return parser


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="ARTICLE", help="text files; '-' reads standard input")
    parser.add_argument("--publisher", default=None, help="the outlet that published the article(s)")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the newsverify.chains/1 JSON report")
    output.add_argument("--jsonl", action="store_true", help='one JSON report a line, each with "file"')
    parser.add_argument("--model", default=None, help="spaCy pipeline to load (default: the setting)")


def read_article(path: str, stdin: TextIO) -> str:
    if path == "-":
        return stdin.read()
    with open(path, encoding="utf-8", errors="replace", newline="") as handle:
        return handle.read()


def run(options: argparse.Namespace, out: TextIO, stdin: TextIO = sys.stdin) -> int:
    texts = [read_article(p, stdin) for p in options.files]
    reports = extract_chains_many(texts, publisher=options.publisher, model=options.model)
    for path, report in zip(options.files, reports, strict=True):
        if options.jsonl:
            data = report.to_dict()
            data["file"] = path
            out.write(json.dumps(data, ensure_ascii=False) + "\n")
        elif options.json:
            out.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=1) + "\n")
        else:
            if len(options.files) > 1:
                out.write(f"== {path}\n")
            out.write(format_table(report) + "\n")
    return 0


def format_table(report: ChainReport) -> str:
    """A readable table: claim, kind, depth and chain as ``A -> B -> publisher``."""
    names = {s.id: s.name for s in report.sources}
    publisher = report.publisher or "publisher"
    rows = [("claim", "kind", "depth", "chain")]
    for claim in report.claims:
        chain = " -> ".join([names.get(h.source, h.source) for h in claim.chain] + [publisher])
        text = " ".join(claim.text.split())
        if len(text) > 70:
            text = text[:67] + "..."
        rows.append((text, claim.kind.value, f"{claim.depth} {depth_label(claim.depth)}", chain))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = [f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]}" for r in rows]
    lines.insert(1, "-" * min(160, sum(widths) + 6 + max(len(r[3]) for r in rows)))
    if report.discrepancies:
        lines.append("")
        lines.append("Number discrepancies:")
        for d in report.discrepancies:
            lines.append(f"  {d.about}: " + ", ".join(f"{v} ({c})" for v, c in zip(d.values, d.claims, strict=True)))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    options = parser.parse_args(argv)
    try:
        return run(options, sys.stdout)
    except OSError as exc:
        parser.exit(2, f"{parser.prog}: {exc.filename or ''}: {exc.strerror or exc}\n")
        return 2
