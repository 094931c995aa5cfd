"""`make run`'s last step: the web server and a worker as child processes; Ctrl-C stops both."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.worker


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_runstack_serves_runs_a_worker_and_stops_both_on_ctrl_c(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL"}},
        "DJANGO_SETTINGS_MODULE": "newsverify.settings",
        "DEBUG": "1",
        "NEWSVERIFY_VAR_DIR": str(tmp_path),
        "PYTHONUNBUFFERED": "1",
    }
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=120)
    port = free_port()
    log_path = tmp_path / "runstack.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "runstack", f"127.0.0.1:{port}", "--demo-users"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 90
        status = None
        while time.monotonic() < deadline and (status is None or "ready." not in log_path.read_text()):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=2) as response:
                    status = response.status
            except OSError:
                pass
            time.sleep(0.3)
        output = log_path.read_text()
        assert status == 200, output
        assert "ready." in output, output
        assert f"newsverify is running at http://127.0.0.1:{port}/" in output
        # The demo logins come first, and again after the banner, once the server answers.
        banner = output.index(f"newsverify is running at http://127.0.0.1:{port}/")
        assert output.count("editor       password:") == 2, output
        assert "Log in as:" in output[banner:] and "factchecker  password:" in output[banner:], output
        first, again = (line for line in output.splitlines() if "editor       password:" in line)
        assert first == again, "the same password both times"

        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
        output = log_path.read_text()
        assert "Stopped the web server and the worker." in output, output
        with pytest.raises(OSError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=2)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        # Nothing the command started may outlive it.
        leftovers = subprocess.run(["pgrep", "-s", str(process.pid)], capture_output=True, text=True).stdout.split()
        for pid in leftovers:
            os.kill(int(pid), signal.SIGKILL)
        assert leftovers == []
