"""Run the web server and a Celery worker as child processes; Ctrl-C stops both."""

from __future__ import annotations

import io
import os
import signal
import socket
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


def wait_for_port(addrport: str, *, timeout: float) -> bool:
    """True once something accepts connections on ``addrport`` ("host:port" or "port")."""
    host, _, port = addrport.rpartition(":")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host.strip("[]") or "127.0.0.1", int(port)), timeout=1):
                return True
        except OSError:
            time.sleep(0.2)
    return False


class Command(BaseCommand):
    help = "Start runserver and a Celery worker together (what `make run` uses)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--concurrency", type=int, default=1, help="Worker processes (each loads spaCy once).")
        parser.add_argument(
            "--demo-users",
            action="store_true",
            help="Create the demo users first, and print their logins again once the server answers.",
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        logins = ""
        if options["demo_users"]:
            # Held in memory only: a generated password is printed, never written to disk.
            captured = io.StringIO()
            call_command("create_demo_users", stdout=captured)
            logins = captured.getvalue()
            self.stdout.write("Demo users:\n" + logins)
        python = sys.executable
        manage = str(settings.BASE_DIR / "manage.py")
        children = {
            # A fixed argv (this interpreter, celery / manage.py), no shell, nothing from a request.
            "worker": subprocess.Popen(  # nosec B603
                [
                    python,
                    "-m",
                    "celery",
                    "-A",
                    "newsverify.celery",
                    "worker",
                    "--loglevel=INFO",
                    f"--concurrency={options['concurrency']}",
                    "--without-gossip",
                    "--without-mingle",
                ],
                cwd=settings.BASE_DIR,
            ),
            "web": subprocess.Popen(  # nosec B603
                [python, manage, "runserver", options["addrport"], "--noreload"], cwd=settings.BASE_DIR
            ),
        }
        broker = settings.CELERY_BROKER_URL.split("@")[-1]
        # The workers' and the server's start-up lines scroll the demo logins away: say them again,
        # last, once the server answers.
        wait_for_port(options["addrport"], timeout=30)
        self.stdout.write(
            self.style.SUCCESS(f"\n  newsverify is running at http://{options['addrport']}/")
            + f"\n  worker pid {children['worker'].pid}, broker {broker}; Ctrl-C stops both.\n"
            + (f"\n  Log in as:\n{logins}" if logins else "")
        )

        def stop(signum: int, frame: object) -> None:
            raise KeyboardInterrupt

        # Handle both explicitly: a shell that starts us in the background ignores SIGINT by default.
        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        exit_code = 0
        try:
            while True:
                for name, child in children.items():
                    if child.poll() is not None:
                        self.stderr.write(f"The {name} process exited with code {child.returncode}; stopping.")
                        exit_code = child.returncode or 1
                        raise KeyboardInterrupt
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            for child in children.values():
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM)
            deadline = time.monotonic() + 15
            for child in children.values():
                try:
                    child.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()
            self.stdout.write("Stopped the web server and the worker.")
        if exit_code:
            os._exit(exit_code)
