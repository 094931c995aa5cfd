"""Ingest throughput: N articles through 1 and then 2 real worker processes, on Redis and PostgreSQL.

    .venv/bin/python benchmarks/ingest.py [--articles 200] [--workers 1,2] [--json]
    .venv/bin/python benchmarks/ingest.py --articles 1000            # the large run
    .venv/bin/python benchmarks/ingest.py --without-after            # the analysis alone, no story matching
    .venv/bin/python benchmarks/ingest.py --submit during            # uploads arrive while the workers drain
    # services (defaults shown): --database-url postgres://postgres@127.0.0.1:5432/postgres
    #                            --redis-url redis://127.0.0.1:6379/0  (or $DATABASE_URL / $REDIS_URL)

In one run, for each worker count: a Celery worker is started with that many pool processes
(``--concurrency``; ``NEWSVERIFY_WORKER_MAX_TASKS`` / ``_MAX_MEMORY_MB`` from the options or the
settings' defaults; ``--prefetch-multiplier`` if given), one warm-up article per process is analysed,
then N invented news articles (``extract_throughput.py``'s generator, no third-party text) go
through ``article_submit`` (stored, sent to Redis after commit, as an upload is) and the run waits
until every one is done. By default (``--submit first``) the worker is told to stop consuming
(Celery's ``cancel_consumer``) while the whole batch is stored and queued, and the clock starts
when it is told to consume again (``add_consumer``): the window holds the workers' own work, as on a
deployment where uploads are served by web machines. ``--submit during`` submits the batch while the
workers drain it (the clock starts at the first upload): the uploads then share the machine with
the workers, as on a single-machine install.

It reports throughput (articles per second over the window), the ratio of each worker count to the
first, per-article latency p50 / p95 from upload to done and from start to done, where the workers'
time went (parse, rules, store: the ``timings`` line each analysis logs; and "after", the follow-up
steps run once the article is done, such as cross-article story matching, which hold the pool
process but are outside the latency) and the resident memory of the pool processes (sampled from
/proc every half second: the largest, and how many processes served the run, which shows restarts).

Whether a second worker found a core of its own cannot be told from wall times on a shared machine,
so the run also records CPU time: each analysis logs its engine's and its store's CPU seconds
besides their wall seconds; the pool processes, the worker's main process, the database's server
processes and redis-server (when they run on this machine) are read from /proc at the start and end
of the batch, and so is the whole machine's busy time (/proc/stat), whose excess over this run's
processes is the other work the machine did meanwhile ("other cores"); the load average is sampled
throughout. It reports the engine's CPU over its wall time (1.0 on a free core), each pool
process's share of a core over the window, the "CPU-bound share" (the pool's CPU seconds over the
window times the number of processes), the store's CPU against the engine's, and the cost of each
message besides its analysis: CPU in the pool process outside the engine, store and follow-up steps
(claiming the article, Celery's trace, logging), in the worker's main process (taking the message,
handing it to a pool process, acknowledging it) and in redis-server, and a pool process's wait
between two tasks (the window times the processes less Celery's runtime of every task). The last
line is a verdict: met (the largest worker count at 0.9x its share of the first's throughput: 1.8x
for 1,2), inconclusive (other work took more than 0.2 of a core in a run: rerun on an idle machine),
or not met on a free machine, with the bound the machine's cores and the CPU of a message set.
The database is created for the run (``--database-name``) and dropped at the end; the queue is named
for the run, so nothing else on the Redis is touched.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

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
# Celery's line for each task that returned, named by its article (newsverify/log_context.py).
SUCCEEDED = re.compile(r"article=(\d+) Task \S+ succeeded in ([\d.]+)s")
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


def worker_name(concurrency: int, queue: str) -> str:
    return f"{queue}-{concurrency}@{socket.gethostname()}"


def start_worker(concurrency: int, env: dict[str, str], log_path: Path, extra: list[str]) -> subprocess.Popen:  # type: ignore[type-arg]
    log = log_path.open("w")
    # No gossip, mingle or event heartbeat: they exchange events between workers for monitors (Flower)
    # that this run has none of; the app's own heartbeat (a database row) and recovery sweep stay.
    process = subprocess.Popen(  # nosec B603 - our own worker command, no shell
        [
            sys.executable, "-m", "celery", "-A", "newsverify.celery", "worker", "--loglevel=INFO",
            f"--concurrency={concurrency}", "--pool=prefork", "-Q", env["NEWSVERIFY_QUEUE"],
            "-n", worker_name(concurrency, env["NEWSVERIFY_QUEUE"]), "--without-gossip", "--without-mingle",
            "--without-heartbeat", *extra,
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


def children_cpu_seconds(pid: int) -> float:
    """CPU time of a process's children that have exited and been reaped (/proc: cutime + cstime)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[13]) + int(fields[14])) / CLOCK_TICKS


def database_server_pid() -> int | None:
    """The PostgreSQL server's main process (the parent of this connection's server process), if local."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    try:
        return int(Path(f"/proc/{backend}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except OSError:
        return None


def database_sessions(name: str) -> int:
    """Sessions ever opened on the run's database (PostgreSQL's statistics, counted as each begins)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT sessions FROM pg_stat_database WHERE datname = %s", [name])
        row = cursor.fetchone()
    return int(row[0]) if row else 0


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


def redis_server_pids(redis_url: str) -> list[int]:
    """The local redis-server serving ``redis_url`` (by its port), if it runs on this machine. It may
    serve others too (another database number): its CPU is then theirs as well as this run's."""
    port = str(urlsplit(redis_url).port or 6379)
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if "redis-server" in command.split(" ", 1)[0] and f":{port}" in command:
            pids.append(int(entry.name))
    return pids


def machine_busy_seconds() -> float:
    """CPU seconds every core of the machine has spent busy since boot (/proc/stat: all but idle and
    iowait), in the same unit as the processes' own CPU times."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(fields[:8]) - fields[3] - fields[4]) / CLOCK_TICKS


def control(command: Callable[..., object], queue: str, name: str) -> None:
    """A remote-control command (add / cancel a consumer) to the run's worker, waiting for its reply."""
    replies = command(queue, destination=[name], reply=True, timeout=30)
    if not replies:
        raise RuntimeError(f"The worker {name} did not answer {command.__name__}({queue!r})")


def run_one(concurrency: int, texts: list[str], env: dict[str, str], folder: Path, options: argparse.Namespace) -> dict:
    from django.db import connection
    from django.utils import timezone

    from newsverify.articles.models import Article, ArticleStatus
    from newsverify.articles.services import article_submit
    from newsverify.celery import app
    from newsverify.sources.models import Source

    queue, name = env["NEWSVERIFY_QUEUE"], worker_name(concurrency, env["NEWSVERIFY_QUEUE"])
    log_path = folder / f"worker-{concurrency}.log"
    load_before = os.getloadavg()[0]
    extra = [f"--prefetch-multiplier={options.prefetch_multiplier}"] if options.prefetch_multiplier else []
    worker = start_worker(concurrency, env, log_path, extra)
    seen: dict[int, int] = {}  # pool process id -> largest RSS (KiB)
    warm_pids: set[int] = set()
    first: dict[int, int] = {}  # pool process id -> RSS when first seen in the measured batch
    finished = (ArticleStatus.DONE, ArticleStatus.FAILED)
    pool_cpu, worker_cpu, database_cpu, redis_cpu = CpuMeter(), CpuMeter(), CpuMeter(), CpuMeter()
    loads: list[float] = []
    database = connection.settings_dict["NAME"]
    redis_pids = redis_server_pids(options.redis_url)
    server = database_server_pid() or 0

    def sample(*, baseline: bool = False) -> None:
        pool = children(worker.pid)
        for pid in pool:
            if (rss := rss_kib(pid)) is not None:
                seen[pid] = max(seen.get(pid, 0), rss)
                first.setdefault(pid, rss)
        pool_cpu.sample(pool, baseline=baseline)
        worker_cpu.sample([worker.pid], baseline=baseline)
        database_cpu.sample(database_backends(database), baseline=baseline)
        redis_cpu.sample(redis_pids, baseline=baseline)
        loads.append(os.getloadavg()[0])

    def wait(ids: list[int], *, measured: bool = False) -> None:
        deadline = time.monotonic() + options.timeout
        while Article.objects.filter(pk__in=ids).exclude(status__in=finished).exists():
            if time.monotonic() > deadline:
                raise RuntimeError(f"Not done within {options.timeout}s; see {log_path}")
            if measured:
                sample()
            time.sleep(0.5)

    def submit_all() -> tuple[list[int], float, float]:
        """Every text through ``article_submit`` (stored, sent after commit): ids, CPU and wall seconds."""
        own, began = os.times(), time.monotonic()
        ids = [article_submit(text=text, publisher="Example Times", by=None).pk for text in texts]
        now = os.times()
        return ids, (now.user - own.user) + (now.system - own.system), time.monotonic() - began

    try:
        warm = [article_submit(text=f"Warm-up {n} of {concurrency}. " + texts[n], publisher="Example Times", by=None).pk
                for n in range(concurrency)]  # fmt: skip
        wait(warm)
        seen.clear()
        first.clear()
        resumed_at = None
        started_early = 0
        if options.submit == "first":
            # The worker stops taking messages, the whole batch is stored and queued, and only then
            # does it drain the queue: the window holds the workers' work alone, no upload.
            control(app.control.cancel_consumer, queue, name)
            ids, submitter_cpu, submit_wall = submit_all()
            started_early = Article.objects.filter(pk__in=ids).exclude(status=ArticleStatus.QUEUED).count()
            sample(baseline=True)
            sessions_before, ended_before = database_sessions(database), children_cpu_seconds(server)
            busy_before, started, resumed_at = machine_busy_seconds(), time.monotonic(), timezone.now()
            control(app.control.add_consumer, queue, name)
        else:
            sample(baseline=True)
            sessions_before, ended_before = database_sessions(database), children_cpu_seconds(server)
            busy_before, started = machine_busy_seconds(), time.monotonic()
            ids, submitter_cpu, submit_wall = submit_all()
        warm_pids = set(first)
        wait(ids, measured=True)
        sample()
        window = time.monotonic() - started
        machine_busy = machine_busy_seconds() - busy_before
        ended_sessions_cpu = children_cpu_seconds(server) - ended_before
    finally:
        stop_worker(worker)
    # Read once the worker has stopped, so every session it opened has been counted (its stop's too).
    time.sleep(1)
    sessions = database_sessions(database) - sessions_before
    rows = list(
        Article.objects.filter(pk__in=ids).values_list(
            "pk", "status", "created_at", "analysis_started_at", "analysed_at"
        )
    )
    done = [row for row in rows if row[1] == ArticleStatus.DONE]
    window_start = resumed_at or min(row[2] for row in rows)
    last_done = max(row[4] for row in done)
    wall = (last_done - window_start).total_seconds()
    latency = [(row[4] - row[2]).total_seconds() for row in done]
    service = [(row[4] - row[3]).total_seconds() for row in done]
    stages = {"parse": 0.0, "rules": 0.0, "store": 0.0}
    cpu = {"engine": 0.0, "store": 0.0}
    claims = 0
    wanted = set(ids)
    log = log_path.read_text(errors="replace")
    for match in TIMINGS.finditer(log):
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
    for match in AFTER.finditer(log):
        if int(match.group(1)) in wanted:
            after[match.group(2)] = after.get(match.group(2), 0.0) + float(match.group(3))
            after_cpu += float(match.group(4))
    # Celery's own measure of each task, in its pool process: from taking the message to returning.
    runtimes = {int(m.group(1)): float(m.group(2)) for m in SUCCEEDED.finditer(log) if int(m.group(1)) in wanted}
    engine = stages["parse"] + stages["rules"]
    stages["after"] = sum(after.values())
    spent = sum(stages.values()) or 1.0
    pool_seconds = pool_cpu.seconds()
    analysis_cpu = cpu["engine"] + cpu["store"] + after_cpu
    count = len(ids) or 1
    task_seconds = sum(runtimes.values())
    ours = pool_seconds + worker_cpu.seconds() + database_cpu.seconds() + ended_sessions_cpu + redis_cpu.seconds()
    if options.submit == "during":
        ours += submitter_cpu
    result = {
        "workers": concurrency,
        "submit": options.submit,
        "articles": len(ids),
        "done": len(done),
        "failed": sum(row[1] == ArticleStatus.FAILED for row in rows),
        "started_before_the_drain": started_early,
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
        # Each process's share of a core over the window: whether the second one got a core of its own.
        "pool_core_share_per_process": [round(value / window, 2) for value in pool_cpu.per_process()],
        "worker_main_cpu_s": round(worker_cpu.seconds(), 2),
        "database_cpu_s": round(database_cpu.seconds(), 2),
        "database_backends_seen": len(database_cpu.last),
        # Sessions opened on the database from the start of the window to the worker's stop: the pool
        # processes', and the main process's heartbeat and recovery sweep (each one its own).
        "database_sessions_opened": sessions,
        # The CPU of the database's server processes that ended during the window (a session opened
        # and closed between two samples is not among the ones sampled): this run's, and those of any
        # other database on the server.
        "database_ended_sessions_cpu_s": round(ended_sessions_cpu, 2) if server else None,
        "redis_cpu_s": round(redis_cpu.seconds(), 2) if redis_pids else None,
        "submitter_cpu_s": round(submitter_cpu, 2),
        "submit_wall_s": round(submit_wall, 2),
        # The cost of each message besides its analysis (engine, store, follow-up steps), in ms:
        # in the pool process (claiming the article, Celery's trace and logging), in the worker's main
        # process (taking the message from Redis, handing it to a pool process, acknowledging it) and
        # in redis-server; and the time a pool process spent between tasks, waiting for the next one.
        "per_message_ms": {
            "task_wall": round(1000 * task_seconds / count, 2),
            "pool_outside_analysis_cpu": round(1000 * (pool_seconds - analysis_cpu) / count, 2),
            "worker_main_cpu": round(1000 * worker_cpu.seconds() / count, 2),
            "redis_cpu": round(1000 * redis_cpu.seconds() / count, 2) if redis_pids else None,
            "fixed_cpu": round(
                1000 * (pool_seconds - analysis_cpu + worker_cpu.seconds() + redis_cpu.seconds()) / count, 2
            ),
            "database_cpu": round(1000 * database_cpu.seconds() / count, 2),
            "database_sessions": round(sessions / count, 3),
            "database_ended_sessions_cpu": round(1000 * ended_sessions_cpu / count, 2) if server else None,
            "all_cpu": round(1000 * ours / count, 2),
            "pool_idle_between_tasks": round(1000 * (window * concurrency - task_seconds) / count, 2),
            "upload_cpu": round(1000 * submitter_cpu / count, 2),
        },
        # The machine's busy CPU over the window less this run's own processes, in cores: other work
        # on the machine (with a shared Redis, what it served for others counts as this run's).
        "other_load_cores": round(max(0.0, machine_busy - ours) / window, 2) if window else None,
        "load_average_before": round(load_before, 2),
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
    parser.add_argument(
        "--submit",
        choices=["first", "during"],
        default="first",
        help="first (default): store and queue the whole batch, then let the workers drain it (the"
        " workers' throughput alone); during: submit while they drain, as uploads arrive on a single machine",
    )
    parser.add_argument(
        "--prefetch-multiplier",
        type=int,
        default=None,
        help="the workers' --prefetch-multiplier (default: the settings', CELERY_WORKER_PREFETCH_MULTIPLIER)",
    )
    parser.add_argument("--timeout", type=float, default=3600, help="seconds to wait for one batch")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    options = parser.parse_args(argv)

    queue = f"bench-ingest-{uuid.uuid4().hex[:8]}"
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "newsverify.settings",
            # The workers run as in production: with DEBUG on, Django keeps every statement's SQL
            # (formatting it first), some 0.02 s per analysis of a short article's store.
            "DEBUG": os.environ.get("DEBUG", "0"),
            "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
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
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "PYTHONUNBUFFERED": "1",
            "LOG_LEVEL": "INFO",
            "NEWSVERIFY_LOG_FORMAT": "plain",  # the lines read back are the plain ones
        }
        if options.max_tasks is not None:
            env["NEWSVERIFY_WORKER_MAX_TASKS"] = str(options.max_tasks)
        if options.without_after:
            env["NEWSVERIFY_AFTER_ANALYSIS"] = ""
        if options.max_memory_mb is not None:
            env["NEWSVERIFY_WORKER_MAX_MEMORY_MB"] = str(options.max_memory_mb)
        with tempfile.TemporaryDirectory() as folder:
            for n, concurrency in enumerate(int(w) for w in options.workers.split(",")):
                texts = corpus(options.articles, options.seed + n)
                results.append(run_one(concurrency, texts, env, Path(folder), options))
    finally:
        from django.db import connections

        connections.close_all()
        teardown_databases(old_config, verbosity=0)
    base = results[0]["articles_per_s"]
    for result in results:
        result["throughput_ratio"] = round(result["articles_per_s"] / base, 3)
    summary = {
        "queue": queue,
        "cpus": os.cpu_count(),
        "after_analysis": not options.without_after,
        "submit": options.submit,
        "verdict": verdict(results, cpus=os.cpu_count() or 1),
    }
    if options.json:
        print(json.dumps({**summary, "runs": results}, indent=1))
        return 0
    steps = "no follow-up steps" if options.without_after else "with the follow-up steps"
    method = "batch queued first, then drained" if options.submit == "first" else "submitted while the workers drain"
    print(f"{os.cpu_count()} CPUs; {options.articles} articles per run ({method}); Redis + PostgreSQL; {steps}")
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
    print("CPU (seconds of the batch; other work on the machine in cores; load average before / median over it):")
    print(
        "workers  window  pool cpu  each process's core share  engine cpu/wall  store/engine cpu  database cpu"
        "  other cores  load"
    )
    for r in results:
        shares = " / ".join(f"{value:.2f}" for value in r["pool_core_share_per_process"])
        print(
            f"{r['workers']:7} {r['window_s']:7.1f} {r['pool_cpu_s']:9.1f} {shares:>26} "
            f"{r['engine_cpu_over_wall'] or 0:16.2f} {r['store_to_engine_cpu'] or 0:17.3f} {r['database_cpu_s']:13.1f}"
            f" {r['other_load_cores'] or 0:12.2f}  {r['load_average_before']:.1f} / {r['load_average']['median']:.1f}"
        )
    print("Per message (ms): task = Celery's runtime; fixed CPU = pool outside the analysis + main process + Redis")
    print(
        "workers   task  pool outside  main proc  redis  fixed cpu  database  all cpu  pool idle between  upload cpu"
        "  db sessions  db ended"
    )
    for r in results:
        m = r["per_message_ms"]
        print(
            f"{r['workers']:7} {m['task_wall']:6.1f} {m['pool_outside_analysis_cpu']:13.2f}"
            f" {m['worker_main_cpu']:10.2f} {m['redis_cpu'] if m['redis_cpu'] is not None else float('nan'):6.2f}"
            f" {m['fixed_cpu']:10.2f} {m['database_cpu']:9.2f} {m['all_cpu']:8.1f}"
            f" {m['pool_idle_between_tasks']:18.2f} {m['upload_cpu']:11.2f} {m['database_sessions']:12.2f}"
            f" {ended if (ended := m['database_ended_sessions_cpu']) is not None else float('nan'):9.2f}"
        )
    print(summary["verdict"])
    return 0


def verdict(results: list[dict], *, cpus: int, efficiency: float = 0.9, other_cores: float = 0.2) -> str:
    """One line: did the largest worker count scale to ``efficiency`` x its share over the first, and
    if not, could the machine tell (other work took more than ``other_cores`` cores in a run) or, on a
    free machine, what bounds it (its cores over the CPU each message costs in all)."""
    base, last = results[0], results[-1]
    if last["workers"] <= base["workers"]:
        return f"verdict: none, a ratio needs a larger worker count after {base['workers']} (--workers 1,2)"
    target = efficiency * last["workers"] / base["workers"]
    ratio = last["throughput_ratio"]
    shares = " / ".join(f"{value:.2f}" for value in last["pool_core_share_per_process"])
    head = (
        f"verdict: {last['workers']} workers {ratio:.2f}x {base['workers']} (target {target:.2f}x;"
        f" its pool processes on a core {shares} of the window)"
    )
    if ratio >= target:
        return f"{head}: MET"
    busy = max(results, key=lambda r: r["other_load_cores"] or 0.0)
    if (busy["other_load_cores"] or 0.0) > other_cores:
        return (
            f"{head}: INCONCLUSIVE, the machine was not free: other work took {busy['other_load_cores']:.2f}"
            f" cores during the {busy['workers']}-worker run (load average {busy['load_average_before']:.1f}"
            " before it); rerun on an idle machine"
        )
    per_message = last["per_message_ms"]
    ceiling = 1000 * cpus / per_message["all_cpu"] if per_message["all_cpu"] else float("inf")
    return (
        f"{head}: NOT MET on a free machine; every message costs {per_message['all_cpu']:.1f} ms of CPU in all"
        f" ({per_message['fixed_cpu']:.1f} ms outside the analysis and its queries), so {cpus} cores give at most"
        f" {ceiling:.2f} articles/s, {ceiling / base['articles_per_s']:.2f}x the {base['workers']}-worker run"
    )


if __name__ == "__main__":
    raise SystemExit(main())
