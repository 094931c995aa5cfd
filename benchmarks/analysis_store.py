"""What storing an analysis costs, against the engine's own CPU time on the same article, in one run.

    .venv/bin/python benchmarks/analysis_store.py [--words 110,1300,9000] [--rounds 5] [--json]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/analysis_store.py

Articles of several sizes: the seed article from ``seeds/`` (22 claims) and articles put together
from the invented news of ``extract_throughput.py`` (no third-party text) of about ``--words``
words each (the defaults give some 10, 100 and 700 claims). For each it measures, interleaved over
``--rounds`` rounds, the engine (``extract_chains``) and ``analysis_store`` on a fresh copy of the
article (a first analysis) and again on the same copy (a re-analysis: every claim matched to its
row), and reports medians of CPU time: the engine's and the store's in this process
(``time.process_time``; on SQLite that is all of the store), and on PostgreSQL also the server
process's for the store (its backend's ``/proc/<pid>/schedstat``, when the server is on this
machine), the store's share of the engine's CPU (``share``: this process; ``share+db``: with the
server's), wall times, and the number of SQL statements of each store (besides BEGIN and COMMIT).
It runs with DEBUG off, as a worker does in production (with it on, Django also formats and keeps
every statement). Measure CPU, not wall time:
on a loaded machine wall times grow with the load. It runs on a database of its own
(``--database-name``, created and dropped here: a file beside the default SQLite one, or a
database on the server DATABASE_URL names).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
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


def sized_article(words: int, seed: int) -> str:
    """Paragraphs of invented news, whole articles then paragraphs of the next, up to about ``words`` words."""
    from extract_throughput import WORD, article

    rng = random.Random(seed)  # reproducible data, not a secret  # nosec B311
    paragraphs: list[str] = []
    count = 0
    while count < words:
        for paragraph in article(rng).strip().split("\n\n"):
            paragraphs.append(paragraph)
            count += len(WORD.findall(paragraph))
            if count >= words:
                break
    return "\n\n".join(paragraphs) + "\n"


def server_cpu(pid: int | None) -> float:
    """CPU seconds the server process ``pid`` has run (``/proc/<pid>/schedstat``, nanoseconds); 0 when unreadable."""
    if pid is None:
        return 0.0
    try:
        return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0]) / 1e9
    except (OSError, ValueError, IndexError):
        return 0.0


def counted(statements: list[str]):  # type: ignore[no-untyped-def]
    """An execute wrapper that notes each statement (transaction control is not a statement here)."""

    def wrapper(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        statements.append(sql)
        return execute(sql, params, many, context)

    return wrapper


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--words", default="110,1300,9000", help="sizes of the generated articles, in words (default 110,1300,9000)"
    )
    parser.add_argument("--rounds", type=int, default=5, help="rounds, interleaved (default 5)")
    parser.add_argument("--database-name", default="newsverify_bench_store", help="the database made for the run")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    options = parser.parse_args(argv)

    import django
    from django.conf import settings

    django.setup()
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    # As a worker runs in production: with DEBUG on, every statement would also be formatted and kept
    # (connection.queries), which costs the store CPU it does not spend there. Statements are counted
    # by a wrapper instead.
    settings.DEBUG = False

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

            backend = None
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_backend_pid()")
                    backend = cursor.fetchone()[0]
                if not server_cpu(backend):
                    backend = None  # the server is not on this machine: its CPU is not read
            texts = {"seed": next(ROOT.glob("seeds/*.txt")).read_text()}
            for words in (int(size) for size in options.words.split(",") if size.strip()):
                texts[f"{words}w"] = sized_article(words, seed=11)
            get_nlp(settings.NEWSVERIFY_SPACY_MODEL)
            extract_chains(texts["seed"], model=settings.NEWSVERIFY_SPACY_MODEL)  # warm up
            gc.freeze()  # as a worker process does once the model is loaded (newsverify/celery.py)
            results = {}
            for label, text in texts.items():
                engine: list[float] = []
                runs: dict[str, dict[str, list[float]]] = {
                    name: {"cpu": [], "db": [], "wall": []} for name in ("first", "reanalysis")
                }
                queries, claims = {}, 0
                for round_ in range(options.rounds):
                    started = time.process_time()
                    report = extract_chains(text, publisher="Example Times", model=settings.NEWSVERIFY_SPACY_MODEL)
                    engine.append(time.process_time() - started)
                    claims = len(report.claims)
                    article = Article.objects.create(
                        text=text,
                        title=f"{label} {round_}",
                        publisher="Example Times",
                        content_hash=f"{label}-{round_}-{time.time_ns()}",
                        status=ArticleStatus.ANALYSING,
                    )
                    for name, run in runs.items():
                        statements: list[str] = []
                        with connection.execute_wrapper(counted(statements)):
                            wall, cpu, db = time.perf_counter(), time.process_time(), server_cpu(backend)
                            analysis_store(article_id=article.pk, report=report)
                            run["db"].append(server_cpu(backend) - db)
                            run["cpu"].append(time.process_time() - cpu)
                            run["wall"].append(time.perf_counter() - wall)
                        queries[name] = len(statements)
                engine_s = statistics.median(engine)
                row: dict[str, object] = {"characters": len(text), "claims": claims, "engine_cpu_s": round(engine_s, 4)}
                for name, run in runs.items():
                    cpu, db = statistics.median(run["cpu"]), statistics.median(run["db"])
                    row[name] = {
                        "cpu_s": round(cpu, 4),
                        "db_cpu_s": round(db, 4) if backend else None,
                        "wall_s": round(statistics.median(run["wall"]), 4),
                        "share": round(cpu / engine_s, 3),
                        "share_with_db": round((cpu + db) / engine_s, 3),
                        "queries": queries[name],
                    }
                results[label] = row
        finally:
            teardown_databases(old_config, verbosity=0)
    load = [round(value, 2) for value in os.getloadavg()]
    result = {"database": connection.vendor, "rounds": options.rounds, "load_average": load, "articles": results}
    if options.json:
        print(json.dumps(result, indent=1))
        return 0
    print(f"database {connection.vendor}, medians of {options.rounds} rounds, CPU seconds; load average {load}")
    print(
        f"{'article':8} {'claims':>6} {'engine':>7} | {'store':>6} {'db':>6} {'share':>6} {'+db':>6} {'wall':>6}"
        f" {'q':>3} | {'re-store':>8} {'db':>6} {'share':>6} {'+db':>6} {'wall':>6} {'q':>3}"
    )
    for label, row in results.items():
        line = f"{label:8} {row['claims']:6} {row['engine_cpu_s']:7.3f}"
        for name, width in (("first", 6), ("reanalysis", 8)):
            run = row[name]
            db = f"{run['db_cpu_s']:6.3f}" if run["db_cpu_s"] is not None else f"{'-':>6}"
            line += (
                f" | {run['cpu_s']:{width}.3f} {db} {run['share']:6.3f} {run['share_with_db']:6.3f}"
                f" {run['wall_s']:6.3f} {run['queries']:3}"
            )
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
