"""Ingest throughput: N articles through 1 and then 2 real worker processes, on Redis and PostgreSQL.

    .venv/bin/python benchmarks/ingest.py [--articles 200] [--workers 1,2] [--json]
    .venv/bin/python benchmarks/ingest.py --articles 1000            # the large run
    # services (defaults shown): --database-url postgres://postgres@127.0.0.1:5432/postgres
    #                            --redis-url redis://127.0.0.1:6379/0  (or $DATABASE_URL / $REDIS_URL)

In one run, for each worker count: a Celery worker is started with that many pool processes
(``--concurrency``; ``NEWSVERIFY_WORKER_MAX_TASKS`` / ``_MAX_MEMORY_MB`` from the options or the
settings' defaults), one warm-up article per process is analysed, then N invented news articles
(``extract_throughput.py``'s generator, no third-party text) are submitted through
``article_submit`` at once (stored, sent to Redis after commit, as an upload is) and the run waits
until every one is done. It reports throughput (articles per second, from the first upload to the
last article done), the ratio of each worker count to the first, per-article latency p50 / p95 from
upload to done and from start to done, where the workers' time went (parse, rules, store: the
``timings`` line each analysis logs) and the resident memory of the pool processes (sampled from
/proc every half second: the largest, and how many processes served the run, which shows restarts).
The database is created for the run (``--database-name``) and dropped at the end; the queue is named
for the run, so nothing else on the Redis is touched.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

TIMINGS = re.compile(r"Article (\d+) timings: parse ([\d.]+)s rules ([\d.]+)s store ([\d.]+)s \((\d+) claims\)")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def rss_kib(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def corpus(count: int, seed: int) -> list[str]:
    from extract_throughput import build_corpus

    texts: list[str] = []
    words = 400 * count
    while len(texts) < count:
        texts = build_corpus(words, seed)
        words *= 2
    return [f"{text}\n\nFiled as item {seed}-{n} of the ingest run." for n, text in enumerate(texts[:count])]


def start_worker(concurrency: int, env: dict[str, str], log_path: Path) -> subprocess.Popen:  # type: ignore[type-arg]
    log = log_path.open("w")
    process = subprocess.Popen(  # nosec B603 - our own worker command, no shell
        [
            sys.executable, "-m", "celery", "-A", "newsverify.celery", "worker", "--loglevel=INFO",
            f"--concurrency={concurrency}", "--pool=prefork", "-Q", env["NEWSVERIFY_QUEUE"],
            "-n", f"{env['NEWSVERIFY_QUEUE']}-{concurrency}@%h", "--without-gossip", "--without-mingle",
        ],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while "ready." not in log_path.read_text(errors="replace"):
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"The worker did not start:\n{log_path.read_text()[-3000:]}")
        time.sleep(0.2)
    return process


def stop_worker(process: subprocess.Popen) -> None:  # type: ignore[type-arg]
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def run_one(concurrency: int, texts: list[str], env: dict[str, str], folder: Path, timeout: float) -> dict:
    from newsverify.articles.models import Article, ArticleStatus
    from newsverify.articles.services import article_submit
    from newsverify.sources.models import Source

    log_path = folder / f"worker-{concurrency}.log"
    worker = start_worker(concurrency, env, log_path)
    seen: dict[int, int] = {}  # pool process id -> largest RSS (KiB)
    warm_pids: set[int] = set()
    first: dict[int, int] = {}  # pool process id -> RSS when first seen in the measured batch
    finished = (ArticleStatus.DONE, ArticleStatus.FAILED)

    def sample() -> None:
        for pid in children(worker.pid):
            if (rss := rss_kib(pid)) is not None:
                seen[pid] = max(seen.get(pid, 0), rss)
                first.setdefault(pid, rss)

    def wait(ids: list[int]) -> None:
        deadline = time.monotonic() + timeout
        while Article.objects.filter(pk__in=ids).exclude(status__in=finished).exists():
            if time.monotonic() > deadline:
                raise RuntimeError(f"Not done within {timeout}s; see {log_path}")
            sample()
            time.sleep(0.5)

    try:
        warm = [article_submit(text=f"Warm-up {n} of {concurrency}. " + texts[n], publisher="Example Times", by=None).pk
                for n in range(concurrency)]  # fmt: skip
        wait(warm)
        seen.clear()
        first.clear()
        sample()
        warm_pids = set(first)
        ids = [article_submit(text=text, publisher="Example Times", by=None).pk for text in texts]
        wait(ids)
        sample()
    finally:
        stop_worker(worker)
    rows = list(
        Article.objects.filter(pk__in=ids).values_list(
            "pk", "status", "created_at", "analysis_started_at", "analysed_at"
        )
    )
    done = [row for row in rows if row[1] == ArticleStatus.DONE]
    first_upload = min(row[2] for row in rows)
    last_done = max(row[4] for row in done)
    wall = (last_done - first_upload).total_seconds()
    latency = [(row[4] - row[2]).total_seconds() for row in done]
    service = [(row[4] - row[3]).total_seconds() for row in done]
    stages = {"parse": 0.0, "rules": 0.0, "store": 0.0}
    claims = 0
    wanted = set(ids)
    for match in TIMINGS.finditer(log_path.read_text(errors="replace")):
        if int(match.group(1)) in wanted:
            stages["parse"] += float(match.group(2))
            stages["rules"] += float(match.group(3))
            stages["store"] += float(match.group(4))
            claims += int(match.group(5))
    spent = sum(stages.values()) or 1.0
    engine = stages["parse"] + stages["rules"]
    result = {
        "workers": concurrency,
        "articles": len(ids),
        "done": len(done),
        "failed": sum(row[1] == ArticleStatus.FAILED for row in rows),
        "claims": claims,
        "wall_s": round(wall, 2),
        "articles_per_s": round(len(done) / wall, 3),
        "latency_upload_to_done_s": {
            "p50": round(percentile(latency, 0.5), 2),
            "p95": round(percentile(latency, 0.95), 2),
        },
        "latency_start_to_done_s": {
            "p50": round(percentile(service, 0.5), 3),
            "p95": round(percentile(service, 0.95), 3),
        },
        "stage_s": {name: round(value, 2) for name, value in stages.items()},
        "stage_share": {name: round(value / spent, 3) for name, value in stages.items()},
        "store_to_engine": round(stages["store"] / engine, 3) if engine else None,
        "pool_processes_seen": len(seen),
        "pool_rss_max_mb": round(max(seen.values(), default=0) / 1024, 1),
        "pool_rss_median_mb": round(statistics.median(seen.values()) / 1024, 1) if seen else 0.0,
        # How much a process grew while it served the batch: its largest RSS less its first sample.
        # (of the processes that were already warm when the batch began; one started during it, after
        # a restart, is first seen before its model is loaded).
        "pool_rss_growth_max_mb": round(max((seen[pid] - first[pid] for pid in warm_pids), default=0) / 1024, 1),
    }
    Article.objects.all().delete()
    Source.objects.all().delete()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--articles", type=int, default=200, help="articles per worker count (default 200; 1000 for the large run)"
    )
    parser.add_argument("--workers", default="1,2", help="worker process counts, in order (default 1,2)")
    parser.add_argument(
        "--database-url", default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    )
    parser.add_argument("--database-name", default="newsverify_bench_ingest", help="the database made for the run")
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"))
    parser.add_argument(
        "--max-tasks", default=None, help="NEWSVERIFY_WORKER_MAX_TASKS for the workers (default: settings)"
    )
    parser.add_argument("--max-memory-mb", default=None, help="NEWSVERIFY_WORKER_MAX_MEMORY_MB (default: settings)")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds to wait for one batch")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    options = parser.parse_args(argv)

    queue = f"bench-ingest-{uuid.uuid4().hex[:8]}"
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "newsverify.settings",
            "DEBUG": os.environ.get("DEBUG", "1"),
            "DATABASE_URL": options.database_url,
            "CELERY_BROKER_URL": options.redis_url,
            "NEWSVERIFY_QUEUE": queue,
        }
    )
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    connection.settings_dict["TEST"]["NAME"] = options.database_name
    old_config = setup_databases(verbosity=0, interactive=False)
    results = []
    try:
        db = connection.settings_dict
        auth = (db["USER"] or "") + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
        database_url = f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        env = {**os.environ, "DATABASE_URL": database_url, "PYTHONUNBUFFERED": "1", "LOG_LEVEL": "INFO"}
        if options.max_tasks is not None:
            env["NEWSVERIFY_WORKER_MAX_TASKS"] = str(options.max_tasks)
        if options.max_memory_mb is not None:
            env["NEWSVERIFY_WORKER_MAX_MEMORY_MB"] = str(options.max_memory_mb)
        with tempfile.TemporaryDirectory() as folder:
            for n, concurrency in enumerate(int(w) for w in options.workers.split(",")):
                texts = corpus(options.articles, options.seed + n)
                results.append(run_one(concurrency, texts, env, Path(folder), options.timeout))
    finally:
        from django.db import connections

        connections.close_all()
        teardown_databases(old_config, verbosity=0)
    base = results[0]["articles_per_s"]
    for result in results:
        result["throughput_ratio"] = round(result["articles_per_s"] / base, 3)
    if options.json:
        print(json.dumps({"queue": queue, "cpus": os.cpu_count(), "runs": results}, indent=1))
        return 0
    print(f"{os.cpu_count()} CPUs; {options.articles} articles per run; Redis + PostgreSQL")
    print("workers   art/s  ratio   p50 s   p95 s  run p50  parse  rules  store  store/engine procs RSS max MB  growth")
    for r in results:
        share = r["stage_share"]
        print(
            f"{r['workers']:7} {r['articles_per_s']:7.2f} {r['throughput_ratio']:6.2f} "
            f"{r['latency_upload_to_done_s']['p50']:7.1f} {r['latency_upload_to_done_s']['p95']:7.1f} "
            f"{r['latency_start_to_done_s']['p50']:8.2f} "
            f"{share['parse']:6.2f} {share['rules']:6.2f} {share['store']:6.2f} "
            f"{r['store_to_engine']:12.3f} {r['pool_processes_seen']:5} {r['pool_rss_max_mb']:10.1f}"
            f" {r['pool_rss_growth_max_mb']:7.1f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
