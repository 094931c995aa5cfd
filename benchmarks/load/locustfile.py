"""A bounded, headless load on the list pages and an article page, against the login page.

Start the site on an archive (``manage.py generate_archive``), give one fact-checker a password,
then, from a virtualenv with requirements-bench.txt::

    .venv/bin/python manage.py changepassword archive-checker-1
    gunicorn newsverify.wsgi --workers 2 --bind 127.0.0.1:8000 &
    NEWSVERIFY_BENCH_USER=archive-checker-1 NEWSVERIFY_BENCH_PASSWORD=... \\
        locust -f benchmarks/load/locustfile.py --headless --host http://127.0.0.1:8000 \\
        --users 4 --spawn-rate 2 --run-time 60s --only-summary

Locust prints each page's median, 95th percentile and failures; the anonymous login page is the
trivial view to divide by. Lives outside ``benchmarks/*.py`` so ``make bench`` does not run it.
"""

from __future__ import annotations

import os
import re

from locust import HttpUser, between, task

USERNAME = os.environ.get("NEWSVERIFY_BENCH_USER", "archive-checker-1")
PASSWORD = os.environ.get("NEWSVERIFY_BENCH_PASSWORD", "")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Anonymous(HttpUser):
    """The trivial view: the login page, as a visitor gets it."""

    weight = 1
    wait_time = between(0.1, 0.3)

    @task
    def login_page(self) -> None:
        self.client.get("/login/", name="login (anonymous)")


class FactChecker(HttpUser):
    weight = 3
    wait_time = between(0.1, 0.5)

    def on_start(self) -> None:
        page = self.client.get("/login/", name="login (sign in)")
        token = CSRF.search(page.text)
        self.client.post(
            "/login/",
            {"username": USERNAME, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1) if token else ""},
            headers={"Referer": f"{self.host}/login/"},
            name="login (sign in)",
        )
        first = self.client.get("/articles/", name="article list")
        found = re.search(r'href="/articles/(\d+)/"', first.text)
        self.article = found.group(1) if found else None

    @task(3)
    def review_queue(self) -> None:
        self.client.get("/review/", name="review queue")

    @task(2)
    def source_list(self) -> None:
        self.client.get("/sources/", name="source list")

    @task(2)
    def article_list(self) -> None:
        self.client.get("/articles/", name="article list")

    @task(1)
    def article_search(self) -> None:
        self.client.get("/articles/?q=ministry", name="article search")

    @task(2)
    def api_claims(self) -> None:
        self.client.get("/api/v1/claims/", name="API claims list")

    @task(2)
    def article_page(self) -> None:
        if self.article:
            self.client.get(f"/articles/{self.article}/", name="article page")
