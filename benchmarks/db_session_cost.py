"""What a new PostgreSQL session costs a worker's task, against a connection kept from the last one.

    .venv/bin/python benchmarks/db_session_cost.py [--sessions 200]
    # --database-url postgres://postgres@127.0.0.1:5432/postgres (or $DATABASE_URL); the server local

Before CELERY_DB_REUSE_MAX was set, Celery's Django fixup closed a pool process's connection after
every task, so every analysis opened a session: Django's connect (psycopg, the connection's setup)
in the pool process and a new server process on PostgreSQL. This opens and closes ``--sessions``
sessions through Django, each running one query, then runs as many queries on one kept session, and
prints the CPU of each side per query: the client's (``time.process_time``) and the server
process's (``/proc/<pid>/schedstat``, nanoseconds on a CPU: exact where /proc's tick counts round
a short-lived process down to zero). The postmaster's fork of each new server process is not
counted, so the cost of a new session is at least the difference. Only reads, on any database.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def server_cpu_seconds(pid: int) -> float:
    return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0]) / 1e9


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=200)
    parser.add_argument(
        "--database-url", default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    )
    options = parser.parse_args(argv)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "newsverify.settings",
            "DEBUG": os.environ.get("DEBUG", "1"),
            "DATABASE_URL": options.database_url,
        }
    )
    import django

    django.setup()
    from django.db import connection

    def backend_pid() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            return int(cursor.fetchone()[0])

    count = options.sessions
    new_client = new_server = 0.0
    for _ in range(count):
        started = time.process_time()
        connection.ensure_connection()
        pid = backend_pid()
        new_client += time.process_time() - started
        new_server += server_cpu_seconds(pid)  # the server process's whole life: its start and the query
        connection.close()
    pid = backend_pid()
    server_before, started = server_cpu_seconds(pid), time.process_time()
    for _ in range(count):
        backend_pid()
    kept_client, kept_server = time.process_time() - started, server_cpu_seconds(pid) - server_before
    connection.close()
    print(
        f"per query, ms of CPU: a new session each time: client {1000 * new_client / count:.2f}, server"
        f" {1000 * new_server / count:.2f}; one kept session: client {1000 * kept_client / count:.3f}, server"
        f" {1000 * kept_server / count:.3f} ({count} each; load average {os.getloadavg()[0]:.1f})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
