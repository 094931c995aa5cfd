"""The claims CSV of a big article and of the whole site: time to the first row, total time, memory.

    .venv/bin/python benchmarks/csv_export.py [--claims 10000] [--archive 200] [--json]

Uses the database ``benchmarks/article_page.py`` builds (the same options; built if missing). For
each export, as a signed-in fact-checker through Django's test client, it streams the response and
measures the seconds to the first data row and to the end, the peak of Python allocations while
streaming (tracemalloc, in a separate pass, as tracing slows Python down), and how much the
process's resident memory grew (the web worker's growth; ``ru_maxrss`` is a high-water mark, so
the big article is measured first, in a fresh process, then the whole site).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import article_page  # noqa: E402


def rss_mb() -> float:
    """The process's resident memory now (Linux), in MB."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 1_048_576


def stream(client, params: dict) -> tuple[float, float, int, int]:  # type: ignore[no-untyped-def]
    """(seconds to the first data row, seconds in all, rows, bytes)."""
    from django.urls import reverse

    started = time.perf_counter()
    response = client.get(reverse("export_claims_csv"), params)
    first = None
    rows = size = 0
    for piece in response.streaming_content:
        size += len(piece)
        rows += piece.count(b"\n")
        if first is None and rows >= 2:
            first = time.perf_counter() - started
    response.close()
    return first or 0.0, time.perf_counter() - started, rows - 1, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--archive", type=int, default=200)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    article_page.setup_django()
    article_page.create_database_if_missing()
    from django.test import Client

    article_id, _claim_id = article_page.build(args.claims, args.archive)
    client = Client()
    client.force_login(article_page.reviewer())
    client.get("/")  # the session, permissions and templates loaded before measuring
    results = {}
    for name, params in (("one article", {"article": article_id}), ("whole site", {})):
        before = rss_mb()
        first, total, rows, size = stream(client, params)
        grown = rss_mb() - before
        tracemalloc.start()
        stream(client, params)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        results[name] = {
            "rows": rows,
            "MB": round(size / 1_048_576, 1),
            "first_row_s": round(first, 3),
            "total_s": round(total, 2),
            "rss_growth_MB": round(grown, 1),
            "python_peak_MB": round(peak / 1_048_576, 1),
        }
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"{'export':<12} {'rows':>8} {'MB':>6} {'first row s':>12} {'total s':>8} {'RSS +MB':>8} {'peak MB':>8}")
    for name, row in results.items():
        print(
            f"{name:<12} {row['rows']:>8} {row['MB']:>6} {row['first_row_s']:>12} {row['total_s']:>8} "
            f"{row['rss_growth_MB']:>8} {row['python_peak_MB']:>8}"
        )


if __name__ == "__main__":
    main()
