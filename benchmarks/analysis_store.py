"""What storing an analysis costs, against the engine's own time on the same article, in one run.

    .venv/bin/python benchmarks/analysis_store.py [--big-words 9000] [--rounds 3] [--json]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python benchmarks/analysis_store.py

Two articles: the seed article from ``seeds/`` and one long article put together from the invented
news of ``extract_throughput.py`` (no third-party text). For each it measures, interleaved over
``--rounds`` rounds, the engine (``extract_chains``) and ``analysis_store`` on a fresh copy of the
article (a first analysis) and again on the same copy (a re-analysis: every claim matched to its
row), and reports the medians, the store's share of the engine's time and the number of SQL queries
of each store. It runs on a database of its own (``--database-name``, created and dropped here: a
file beside the default SQLite one, or a database on the server DATABASE_URL names).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsverify.settings")
os.environ.setdefault("DEBUG", "1")


def long_article(words: int, seed: int) -> str:
    from extract_throughput import build_corpus

    return "\n\n".join(build_corpus(words, seed))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--big-words", type=int, default=9_000, help="words of the long article (default 9000)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds, interleaved (default 3)")
    parser.add_argument("--database-name", default="newsverify_bench_store", help="the database made for the run")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    options = parser.parse_args(argv)

    import django
    from django.conf import settings

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, setup_databases, teardown_databases

    database = connection.settings_dict
    with tempfile.TemporaryDirectory() as folder:
        if connection.vendor == "sqlite":
            database["TEST"]["NAME"] = str(Path(folder) / f"{options.database_name}.sqlite3")
        else:
            database["TEST"]["NAME"] = options.database_name
        old_config = setup_databases(verbosity=0, interactive=False)
        try:
            from newsverify.articles.analysis_store import analysis_store
            from newsverify.articles.models import Article, ArticleStatus
            from newsverify.attribution import extract_chains, get_nlp

            texts = {
                "seed": next(ROOT.glob("seeds/*.txt")).read_text(),
                "long": long_article(options.big_words, seed=11),
            }
            get_nlp(settings.NEWSVERIFY_SPACY_MODEL)
            extract_chains(texts["seed"], model=settings.NEWSVERIFY_SPACY_MODEL)  # warm up
            gc.freeze()  # as a worker process does once the model is loaded (newsverify/celery.py)
            results = {}
            for label, text in texts.items():
                engine, first, again, claims = [], [], [], 0
                queries = {}
                for round_ in range(options.rounds):
                    started = time.perf_counter()
                    report = extract_chains(text, publisher="Example Times", model=settings.NEWSVERIFY_SPACY_MODEL)
                    engine.append(time.perf_counter() - started)
                    claims = len(report.claims)
                    article = Article.objects.create(
                        text=text,
                        title=f"{label} {round_}",
                        publisher="Example Times",
                        content_hash=f"{label}-{round_}-{time.time_ns()}",
                        status=ArticleStatus.ANALYSING,
                    )
                    for timings, name in ((first, "first"), (again, "reanalysis")):
                        with CaptureQueriesContext(connection) as captured:
                            started = time.perf_counter()
                            analysis_store(article_id=article.pk, report=report)
                            timings.append(time.perf_counter() - started)
                        queries[name] = len(captured.captured_queries)
                engine_s = statistics.median(engine)
                results[label] = {
                    "characters": len(text),
                    "claims": claims,
                    "engine_s": round(engine_s, 4),
                    "store_first_s": round(statistics.median(first), 4),
                    "store_reanalysis_s": round(statistics.median(again), 4),
                    "share_first": round(statistics.median(first) / engine_s, 3),
                    "share_reanalysis": round(statistics.median(again) / engine_s, 3),
                    "queries_first": queries["first"],
                    "queries_reanalysis": queries["reanalysis"],
                }
        finally:
            teardown_databases(old_config, verbosity=0)
    result = {"database": connection.vendor, "rounds": options.rounds, "articles": results}
    if options.json:
        print(json.dumps(result, indent=1))
        return 0
    print(f"database {connection.vendor}, medians of {options.rounds} rounds")
    print(
        f"{'article':8} {'claims':>6} {'engine s':>9} {'store s':>8} {'share':>6} {'queries':>7}"
        f" {'re-store s':>10} {'share':>6} {'queries':>7}"
    )
    for label, row in results.items():
        print(
            f"{label:8} {row['claims']:6} {row['engine_s']:9.3f} {row['store_first_s']:8.3f} {row['share_first']:6.2f}"
            f" {row['queries_first']:7} {row['store_reanalysis_s']:10.3f} {row['share_reanalysis']:6.2f}"
            f" {row['queries_reanalysis']:7}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
