"""A big article's pages against the trivial view (an anonymous GET of the login page), in one run.

    .venv/bin/python benchmarks/article_page.py [--claims 10000] [--archive 200] [--rounds 15] [--json]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_pages_article .venv/bin/python benchmarks/article_page.py

The data live in their own database (by default ``var/bench-article-page.sqlite3``; with
``DATABASE_URL``, that database, created if missing) and are built once, through the real store
(``tests/big_articles.py``: a synthetic ``ChainReport`` of ``--claims`` claims, stored by
``analysis_store``), beside ``--archive`` small articles of 20 claims. Later runs reuse them.

In one run, interleaved so that machine noise hits every page alike, it requests as a signed-in
fact-checker (Django's test client, the whole middleware stack, no network):

- ``login``: the login page, anonymous (the baseline);
- ``article``: the big article's page;
- ``chain``: a claim's chain partial (the htmx request a click on a claim sends);
- ``claim page``: the article page with that claim open (a link to the claim);
- ``section``: one later section of the text with its claims marked (as it scrolls into view);
- ``claims rows``: the next page of the claims table;
- ``poll, done``: a poll of the finished article from a page that shows its reading;

and prints p50 / p95 in milliseconds, the p50 as a multiple of the login page's, the body size,
and the number of database queries of one request.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django() -> None:
    os.environ.setdefault("DEBUG", "1")  # plain static files; query logging is turned off below
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-article-page.sqlite3'}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsverify.settings"
    (ROOT / "var").mkdir(exist_ok=True)
    import django
    from django.conf import settings

    django.setup()
    settings.DEBUG = False  # no query log, no debug pages: the request path production takes
    settings.ALLOWED_HOSTS = ["testserver"]


def create_database_if_missing() -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    import psycopg

    name = connection.settings_dict["NAME"]
    params = {k: v for k, v in connection.get_connection_params().items() if k != "dbname"}
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            admin.execute(f'CREATE DATABASE "{name}"')


def build(claims: int, archive: int) -> tuple[int, int]:
    """The big article and the archive, once; returns (big article id, one of its claims' id)."""
    from django.core.management import call_command

    from newsverify.articles.models import Article

    call_command("migrate", verbosity=0)
    title = f"{claims} claims"
    big = Article.objects.filter(title=title).first()
    from tests.big_articles import article_with_claims

    if big is None:
        started = time.perf_counter()
        print(f"building the {claims}-claim article through the store (once) ...", file=sys.stderr, flush=True)
        big = article_with_claims(claims, publisher="Bench Daily")
        print(f"  {time.perf_counter() - started:.0f} s", file=sys.stderr)
    have = Article.objects.filter(title="20 claims").count()
    for n in range(have, archive):
        article_with_claims(20, lead=f"Archive item {n}. ")
    middle = big.claims.current().order_by("span_start")[claims // 2]
    return big.pk, middle.pk


def reviewer():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user, _ = get_user_model().objects.get_or_create(username="bench-factchecker")
    user.groups.add(Group.objects.get(name="Fact-checker"))
    return user


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--archive", type=int, default=200, help="small articles of 20 claims beside it")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    setup_django()
    create_database_if_missing()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    article_id, claim_id = build(args.claims, args.archive)
    from newsverify.articles.models import Article

    article = Article.objects.get(pk=article_id)
    signed_in = Client()
    signed_in.force_login(reviewer())
    anonymous = Client()
    page = reverse("article_detail", args=[article_id])
    claim_url = reverse("claim_detail", args=[article_id, claim_id])
    htmx = {"HTTP_HX_REQUEST": "true"}
    requests = {
        "login": lambda: anonymous.get(reverse("login")),
        "article": lambda: signed_in.get(page),
        "chain": lambda: signed_in.get(claim_url, **htmx, HTTP_HX_TARGET="chain-panel"),
        "claim page": lambda: signed_in.get(claim_url),
        "section": lambda: signed_in.get(page, {"section": 3}, **htmx, HTTP_HX_TARGET="text-section-3"),
        "claims rows": lambda: signed_in.get(page, {"claims_from": 100}, **htmx),
        "poll, done": lambda: signed_in.get(
            page, **htmx, HTTP_HX_TARGET="analysis-status", HTTP_X_NEWSVERIFY_READING=reading_token(article)
        ),
    }
    times: dict[str, list[float]] = {name: [] for name in requests}
    sizes: dict[str, int] = {}
    queries: dict[str, int] = {}
    for name, request in requests.items():  # warm up, and count what one request costs
        with CaptureQueriesContext(connection) as captured:
            response = request()
        if response.status_code not in (200, 286):
            raise RuntimeError(f"{name}: {response.status_code}")
        sizes[name] = len(response.content)
        queries[name] = len(captured)
    for _ in range(args.rounds):
        for name, request in requests.items():
            started = time.perf_counter()
            request()
            times[name].append(time.perf_counter() - started)
    base = statistics.median(times["login"])
    results = {
        name: {
            "p50_ms": round(statistics.median(values) * 1000, 1),
            "p95_ms": round(sorted(values)[max(0, round(0.95 * len(values)) - 1)] * 1000, 1),
            "x_login": round(statistics.median(values) / base, 1),
            "bytes": sizes[name],
            "queries": queries[name],
        }
        for name, values in times.items()
    }
    meta = {"claims": args.claims, "archive": args.archive, "rounds": args.rounds, "database": connection.vendor}
    if args.json:
        print(json.dumps({"meta": meta, "results": results}, indent=2))
        return
    print(f"{args.claims}-claim article, {args.archive} more articles, {connection.vendor}, {args.rounds} rounds")
    print(f"{'request':<12} {'p50 ms':>8} {'p95 ms':>8} {'x login':>8} {'KB':>8} {'queries':>8}")
    for name, row in results.items():
        print(
            f"{name:<12} {row['p50_ms']:>8} {row['p95_ms']:>8} {row['x_login']:>8} "
            f"{row['bytes'] / 1024:>8.0f} {row['queries']:>8}"
        )


def reading_token(article) -> str:
    return getattr(article, "reading_token", "")  # a checkout before the poll check has none


if __name__ == "__main__":
    main()
