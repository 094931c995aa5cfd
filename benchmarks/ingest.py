"""Ingest throughput: N articles through 1 and then 2 real worker processes, on Redis and PostgreSQL.

    .venv/bin/python benchmarks/ingest.py [--articles 200] [--workers 1,2] [--json]
    .venv/bin/python benchmarks/ingest.py --articles 1000            # the large run
    .venv/bin/python benchmarks/ingest.py --without-after            # the analysis alone, no story matching
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
``timings`` line each analysis logs; and "after", the follow-up steps run once the article is
done, such as cross-article story matching, which hold the pool process but are outside the
latency) and the resident memory of the pool processes (sampled from
/proc every half second: the largest, and how many processes served the run, which shows restarts).

Whether a second worker found a core of its own cannot be told from wall times on a shared machine,
so the run also records CPU time: each analysis logs its engine's and its store's CPU seconds
besides their wall seconds; the pool processes, the worker's main process and the database's server
processes (when the server is on this machine) are read from /proc at the start and end of the
batch; the load average is sampled throughout. It reports the engine's CPU over its wall time (1.0
on a free core), the "CPU-bound share" (the pool's CPU seconds over the batch's wall time times the
number of processes: near 1.0 when every process kept a core busy), the store's CPU against the
engine's, and the database's CPU.
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

TIMINGS = re.compile(
    r"Article (\d+) timings: parse ([\d.]+)s rules ([\d.]+)s store ([\d.]+)s \((\d+) claims\)"
    r"(?:; cpu engine ([\d.]+)s store ([\d.]+)s)?"
)
# The follow-up steps run in the worker after the store commits (cross-article story matching):
# after the article is done, so outside its latency, but they hold the pool process.
AFTER = re.compile(r"Article (\d+) after analysis: (\w+) ([\d.]+)s \(cpu ([\d.]+)s\)")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


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


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process so far (from /proc: any process of this machine's, e.g. a
    PostgreSQL backend when the server is local); None once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


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


def database_backends(name: str) -> list[int]:
    """The server processes serving the run's database (their CPU is read from /proc when local)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [name])
        return [row[0] for row in cursor.fetchall()]


class CpuMeter:
    """CPU seconds of a changing set of processes over a window: each process's first and last
    sample (a process that exits keeps its last one), so restarts and new connections count too."""

    def __init__(self) -> None:
        self.first: dict[int, float] = {}
        self.last: dict[int, float] = {}

    def sample(self, pids: list[int], *, baseline: bool = False) -> None:
        for pid in pids:
            if (cpu := cpu_seconds(pid)) is not None:
                # A process first seen after the window opened started in it: count it from zero.
                self.first.setdefault(pid, cpu if baseline else 0.0)
                self.last[pid] = cpu

    def seconds(self) -> float:
        return sum(self.last[pid] - self.first[pid] for pid in self.last)

    def per_process(self) -> list[float]:
        return sorted((round(self.last[pid] - self.first[pid], 2) for pid in self.last), reverse=True)


def run_one(concurrency: int, texts: list[str], env: dict[str, str], folder: Path, timeout: float) -> dict:
    from django.db import connection

    from newsverify.articles.models import Article, ArticleStatus
    from newsverify.articles.services import article_submit
    from newsverify.sources.models import Source

    log_path = folder / f"worker-{concurrency}.log"
    worker = start_worker(concurrency, env, log_path)
    seen: dict[int, int] = {}  # pool process id -> largest RSS (KiB)
    warm_pids: set[int] = set()
    first: dict[int, int] = {}  # pool process id -> RSS when first seen in the measured batch
    finished = (ArticleStatus.DONE, ArticleStatus.FAILED)
    pool_cpu, worker_cpu, database_cpu = CpuMeter(), CpuMeter(), CpuMeter()
    loads: list[float] = []
    database = connection.settings_dict["NAME"]

    def sample(*, baseline: bool = False) -> None:
        pool = children(worker.pid)
        for pid in pool:
            if (rss := rss_kib(pid)) is not None:
                seen[pid] = max(seen.get(pid, 0), rss)
                first.setdefault(pid, rss)
        pool_cpu.sample(pool, baseline=baseline)
        worker_cpu.sample([worker.pid], baseline=baseline)
        database_cpu.sample(database_backends(database), baseline=baseline)
        loads.append(os.getloadavg()[0])

    def wait(ids: list[int], *, measured: bool = False) -> None:
        deadline = time.monotonic() + timeout
        while Article.objects.filter(pk__in=ids).exclude(status__in=finished).exists():
            if time.monotonic() > deadline:
                raise RuntimeError(f"Not done within {timeout}s; see {log_path}")
            if measured:
                sample()
            time.sleep(0.5)

    try:
        warm = [article_submit(text=f"Warm-up {n} of {concurrency}. " + texts[n], publisher="Example Times", by=None).pk
                for n in range(concurrency)]  # fmt: skip
        wait(warm)
        seen.clear()
        first.clear()
        sample(baseline=True)
        warm_pids = set(first)
        own_cpu, started = os.times(), time.monotonic()
        ids = [article_submit(text=text, publisher="Example Times", by=None).pk for text in texts]
        wait(ids, measured=True)
        sample()
        window = time.monotonic() - started
        own = os.times()
        submitter_cpu = (own.user - own_cpu.user) + (own.system - own_cpu.system)
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
    cpu = {"engine": 0.0, "store": 0.0}
    claims = 0
    wanted = set(ids)
    for match in TIMINGS.finditer(log_path.read_text(errors="replace")):
        if int(match.group(1)) in wanted:
            stages["parse"] += float(match.group(2))
            stages["rules"] += float(match.group(3))
            stages["store"] += float(match.group(4))
            claims += int(match.group(5))
            if match.group(6) is not None:
                cpu["engine"] += float(match.group(6))
                cpu["store"] += float(match.group(7))
    after: dict[str, float] = {}
    after_cpu = 0.0
    for match in AFTER.finditer(log_path.read_text(errors="replace")):
        if int(match.group(1)) in wanted:
            after[match.group(2)] = after.get(match.group(2), 0.0) + float(match.group(3))
            after_cpu += float(match.group(4))
    engine = stages["parse"] + stages["rules"]
    stages["after"] = sum(after.values())
    spent = sum(stages.values()) or 1.0
    pool_seconds = pool_cpu.seconds()
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
        # CPU, not wall: what the pool processes themselves spent (their own accounting, per analysis).
        "cpu_s": {**{name: round(value, 2) for name, value in cpu.items()}, "after": round(after_cpu, 2)},
        "after_analysis_s": {name: round(value, 2) for name, value in after.items()},
        "store_to_engine_cpu": round(cpu["store"] / cpu["engine"], 3) if cpu["engine"] else None,
        # The engine is pure CPU: its CPU time over its wall time is the share of a core it was given
        # (1.0 on a free core; 0.5 when it waited half the time for one).
        "engine_cpu_over_wall": round(cpu["engine"] / engine, 3) if engine else None,
        # All the pool's CPU (analyses, Celery's own work) over the time the batch took.
        "window_s": round(window, 2),
        "pool_cpu_s": round(pool_seconds, 2),
        "pool_cpu_per_process_s": pool_cpu.per_process(),
        # Of the cores the pool could have used (one per process) over the batch, the share it used:
        # near 1.0 when every process kept a core busy; lower when one waited (for a core, the
        # database, a lock, the queue).
        "cpu_bound_share": round(pool_seconds / (window * concurrency), 3) if window else None,
        "worker_main_cpu_s": round(worker_cpu.seconds(), 2),
        "database_cpu_s": round(database_cpu.seconds(), 2),
        "database_backends_seen": len(database_cpu.last),
        "submitter_cpu_s": round(submitter_cpu, 2),
        "load_average": {
            "min": round(min(loads), 2),
            "median": round(statistics.median(loads), 2),
            "max": round(max(loads), 2),
        },
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
    parser.add_argument(
        "--without-after",
        action="store_true",
        help="run no follow-up steps after an analysis (NEWSVERIFY_AFTER_ANALYSIS empty): the analysis alone",
    )
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
        if options.without_after:
            env["NEWSVERIFY_AFTER_ANALYSIS"] = ""
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
        summary = {"queue": queue, "cpus": os.cpu_count(), "after_analysis": not options.without_after}
        print(json.dumps({**summary, "runs": results}, indent=1))
        return 0
    steps = "no follow-up steps" if options.without_after else "with the follow-up steps"
    print(f"{os.cpu_count()} CPUs; {options.articles} articles per run; Redis + PostgreSQL; {steps}")
    print(
        "workers   art/s  ratio   p50 s   p95 s  run p50  parse  rules  store  after  store/engine procs RSS max MB"
        "  growth"
    )
    for r in results:
        share = r["stage_share"]
        print(
            f"{r['workers']:7} {r['articles_per_s']:7.2f} {r['throughput_ratio']:6.2f} "
            f"{r['latency_upload_to_done_s']['p50']:7.1f} {r['latency_upload_to_done_s']['p95']:7.1f} "
            f"{r['latency_start_to_done_s']['p50']:8.2f} "
            f"{share['parse']:6.2f} {share['rules']:6.2f} {share['store']:6.2f} {share['after']:6.2f} "
            f"{r['store_to_engine']:12.3f} {r['pool_processes_seen']:5} {r['pool_rss_max_mb']:10.1f}"
            f" {r['pool_rss_growth_max_mb']:7.1f}"
        )
    print("CPU (seconds of the batch; load average min / median / max over it):")
    print("workers  window  pool cpu  cpu-bound share  engine cpu/wall  store/engine cpu  database cpu  load")
    for r in results:
        load = r["load_average"]
        print(
            f"{r['workers']:7} {r['window_s']:7.1f} {r['pool_cpu_s']:9.1f} {r['cpu_bound_share']:16.2f} "
            f"{r['engine_cpu_over_wall'] or 0:16.2f} {r['store_to_engine_cpu'] or 0:17.3f} {r['database_cpu_s']:13.1f}"
            f"  {load['min']:.1f} / {load['median']:.1f} / {load['max']:.1f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
