"""How the highlighter's time grows with claims: one pass should grow about linearly.

    .venv/bin/python benchmarks/highlighting.py [--claims 400 2000 10000] [--rounds 3]

Highlights the synthetic articles of ``tests/reports.many_claims_report`` (each claim with its cue
and two source mentions) and prints the best time at each size and its growth against the smallest
(claims x k should cost about k x; the per-region marker scan it replaced cost about k² x).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, nargs="+", default=[400, 2000, 10000])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    from newsverify.review.highlighting import ClaimSpan, Marker, highlight_article
    from tests.reports import many_claims_report

    first = None
    print(f"{'claims':>8} {'best ms':>9} {'x time':>7} {'x claims':>9}")
    for n in args.claims:
        text, report = many_claims_report(n)
        claims = [ClaimSpan(i + 1, 1, c.start, c.end, c.depth) for i, c in enumerate(report.claims)]
        markers = [Marker(c.cue.start, c.cue.end, "cue") for c in report.claims if c.cue]
        markers += [Marker(h.mention.start, h.mention.end, "source") for c in report.claims for h in c.chain]
        best = float("inf")
        for _ in range(args.rounds):
            started = time.perf_counter()
            highlight_article(text, claims=claims, markers=markers)
            best = min(best, time.perf_counter() - started)
        first = first or (n, best)
        print(f"{n:>8} {best * 1000:>9.1f} {best / first[1]:>7.1f} {n / first[0]:>9.1f}")


if __name__ == "__main__":
    main()
