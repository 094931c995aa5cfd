"""Page speed against the archive's size: each list page and the article page against the login page.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ARCHIVE \\
        .venv/bin/python benchmarks/pages.py [--rounds 40] [--json out.json]

Fill ARCHIVE first with ``manage.py generate_archive --articles 2000`` (and 20,000 for the growth
figure). In one process, through Django's test client (the whole middleware stack, no network), the
pages are requested in turn, round after round, so that a loaded machine slows all of them alike:
the trivial view (an anonymous GET of the login page), the floor of a signed-in page (a page of this
benchmark's own, added to the URLconf in its process: the site's header and nothing else, behind the
same sign-in and permission check as the article list, so it costs what every signed-in page costs
before its own work) and, as a fact-checker, the review queue, the source list, the article list, an
article search, the API's claims list (the queue), the article page of the article nearest 100
claims, and the chain partial of that article's first claim with a relay (the htmx request a click
on a claim sends); then the whole queue's CSV export (every current claim), opened ``--csv-rounds``
times to its first data row (``--csv-whole``: once to its end too). It prints p50 and p95 of each in
milliseconds, each as a multiple of the login page's, the median CPU time of this process per
request (Python's own work, without the waits for the database or for a core on a loaded machine),
and the number of queries each page made (the same in every round); "own" is a page's CPU and
queries above the floor's. Targets (issue 9): every list page and the article page within 5x the
login page at p95, the chain partial within 3x, and at most 1.2x growth from 2,000 to 20,000
articles (compare two --json files with --compare).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


FLOOR_URL = "/benchmark/floor/"


def _floor_urlconf() -> None:
    """The site's URLconf with one more page, the floor: the header every page shows, nothing of its own."""
    from django.conf import settings
    from django.contrib.auth.decorators import login_required
    from django.core.exceptions import PermissionDenied
    from django.shortcuts import render
    from django.urls import include, path

    @login_required
    def floor(request):  # type: ignore[no-untyped-def]
        if not request.user.has_perm("articles.view_article"):
            raise PermissionDenied
        return render(request, "base.html", {})

    module = types.ModuleType("benchmark_pages_urls")
    module.urlpatterns = [  # type: ignore[attr-defined]
        path(FLOOR_URL.strip("/") + "/", floor, name="benchmark_floor"),
        path("", include(settings.ROOT_URLCONF)),
    ]
    sys.modules[module.__name__] = module
    settings.ROOT_URLCONF = module.__name__


def _setup() -> None:
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-not-a-secret")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsverify.settings")
    import django
    from django.conf import settings

    django.setup()
    # Production settings, but static files named as they are (no collectstatic manifest needed).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    _floor_urlconf()


HTMX_CHAIN = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "chain-panel"}


def pages() -> dict[str, str]:
    """The URLs measured: the trivial view first. The chain partial is asked as htmx asks it."""
    from django.db.models import Count, F, Func, Q

    from newsverify.articles.models import Article
    from newsverify.review.models import Claim

    article = (
        Article.objects.annotate(n=Count("claims", filter=Q(claims__retired_at__isnull=True)))
        .annotate(distance=Func(F("n") - 100, function="ABS"))
        .order_by("distance", "pk")
        .only("pk")
        .first()
    )
    # A specific search (a word few articles have): a synthetic article's number, from its title.
    middle = Article.objects.order_by("pk").values_list("title", flat=True)[Article.objects.count() // 2 :][:1]
    title = next(iter(middle), "drones")
    word = next((w.strip(":") for w in title.split() if w.strip(":").isdigit()), title.split()[0])
    claim = (
        Claim.objects.current()
        .filter(article=article, depth__gte=2)
        .order_by("span_start", "pk")
        .only("pk", "article_id")
        .first()
        if article
        else None
    )
    return {
        "login (anonymous)": "/login/",
        "signed-in floor": FLOOR_URL,
        "review queue": "/review/",
        "source list": "/sources/",
        "article list": "/articles/",
        "article search": f"/articles/?q={word}",
        "API claims list": "/api/v1/claims/",
        "article page": f"/articles/{article.pk}/" if article else "/articles/",
        "chain partial": f"/articles/{article.pk}/claims/{claim.pk}/" if claim else "/articles/",
    }


def csv_stream(client, url: str, *, whole: bool) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
    """(seconds to the first data row, seconds in all, rows) of a streamed CSV; without ``whole``,
    the response is closed once the first data row is in (as a client that has seen it would)."""
    started = time.perf_counter()
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    first, rows = None, 0
    for piece in response.streaming_content:
        rows += piece.count(b"\n")
        if first is None and rows >= 2:
            first = time.perf_counter() - started
            if not whole:
                break
    response.close()
    return first or 0.0, time.perf_counter() - started, rows - 1


def measure(*, rounds: int, warmup: int = 3, csv_rounds: int = 5, csv_whole: bool = False) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from newsverify.articles.models import Article
    from newsverify.review.models import Claim

    user = get_user_model().objects.filter(groups__name="Fact-checker", is_active=True).order_by("pk").first()
    if user is None:
        raise SystemExit("No fact-checker in this database: fill it with manage.py generate_archive first.")
    urls = pages()
    anonymous, member = Client(), Client()
    member.force_login(user)
    timings: dict[str, list[float]] = {name: [] for name in urls}
    cpu: dict[str, list[float]] = {name: [] for name in urls}
    queries: dict[str, int] = {}
    for round_number in range(warmup + rounds):
        for name, url in urls.items():
            client = anonymous if name.startswith("login") else member
            headers = HTMX_CHAIN if name == "chain partial" else {}
            started, cpu_started = time.perf_counter(), time.process_time()
            response = client.get(url, **headers)
            elapsed, cpu_used = time.perf_counter() - started, time.process_time() - cpu_started
            if response.status_code != 200:
                raise SystemExit(f"{name}: {url} answered {response.status_code}")
            if round_number >= warmup:
                timings[name].append(elapsed * 1000)
                cpu[name].append(cpu_used * 1000)
    for name, url in urls.items():
        client = anonymous if name.startswith("login") else member
        with CaptureQueriesContext(connection) as captured:
            client.get(url, **(HTMX_CHAIN if name == "chain partial" else {}))
        queries[name] = len(captured.captured_queries)
    # The whole queue's CSV (every current claim): the time to its first row, and in all once if asked.
    csv_url = "/exports/claims.csv"
    firsts = [csv_stream(member, csv_url, whole=False)[0] * 1000 for _ in range(csv_rounds)]
    csv = {
        "url": csv_url,
        "first_row_p50_ms": round(statistics.median(firsts), 1),
        "first_row_max_ms": round(max(firsts), 1),
    }
    if csv_whole:
        _, total, rows = csv_stream(member, csv_url, whole=True)
        csv.update({"total_s": round(total, 1), "rows": rows})
    floor_cpu = statistics.median(cpu["signed-in floor"])
    base50 = statistics.median(timings["login (anonymous)"])
    base95 = percentile(timings["login (anonymous)"], 0.95)
    return {
        "articles": Article.objects.count(),
        "claims": Claim.objects.current().count(),
        "vendor": connection.vendor,
        "rounds": rounds,
        "csv": csv,
        "pages": {
            name: {
                "url": urls[name],
                "p50_ms": round(statistics.median(values), 2),
                "p95_ms": round(percentile(values, 0.95), 2),
                "p50_x": round(statistics.median(values) / base50, 1),
                "p95_x": round(percentile(values, 0.95) / base95, 1),
                "cpu_p50_ms": round(statistics.median(cpu[name]), 2),
                "cpu_p50_x": round(statistics.median(cpu[name]) / statistics.median(cpu["login (anonymous)"]), 1),
                "queries": queries[name],
                "own_cpu_ms": round(statistics.median(cpu[name]) - floor_cpu, 2),
                "own_queries": queries[name] - queries["signed-in floor"],
            }
            for name, values in timings.items()
        },
    }


# Pages that are not signed-in pages above the floor: no "own" figures for them.
_NOT_OWN = ("login (anonymous)", "signed-in floor")


def report(result: dict) -> str:
    lines = [
        f"{result['articles']} articles, {result['claims']} current claims, {result['vendor']}, "
        f"{result['rounds']} rounds",
        f"{'page':<20} {'p50 ms':>8} {'p95 ms':>8} {'p50 x':>6} {'p95 x':>6} {'cpu ms':>7} {'cpu x':>6} {'queries':>8}"
        f" {'own cpu':>8} {'own q':>6}",
    ]
    for name, row in result["pages"].items():
        lines.append(
            f"{name:<20} {row['p50_ms']:>8.1f} {row['p95_ms']:>8.1f} {row['p50_x']:>6.1f} {row['p95_x']:>6.1f} "
            f"{row['cpu_p50_ms']:>7.1f} {row['cpu_p50_x']:>6.1f} {row['queries']:>8}"
            + (f" {row['own_cpu_ms']:>8.1f} {row['own_queries']:>6}" if name not in _NOT_OWN else "")
        )
    csv = result.get("csv")
    if csv:
        whole = f", all {csv['rows']} rows in {csv['total_s']} s" if "total_s" in csv else ""
        lines.append(
            f"CSV of the whole queue: first row p50 {csv['first_row_p50_ms']} ms (max {csv['first_row_max_ms']}){whole}"
        )
    return "\n".join(lines)


def compare(small: dict, large: dict) -> str:
    """Growth of each page's p50 and p95 (as multiples of the login page in each run)."""
    lines = [
        f"growth from {small['articles']} to {large['articles']} articles (multiples of the login page)",
        f"{'page':<20} {'p50':>6} {'p95':>6}",
    ]
    for name, row in large["pages"].items():
        before = small["pages"].get(name)
        if before is None:  # a page the earlier run did not measure (the floor, before it was added)
            continue
        lines.append(f"{name:<20} {row['p50_x'] / before['p50_x']:>6.2f} {row['p95_x'] / before['p95_x']:>6.2f}")
    if small.get("csv") and large.get("csv"):
        lines.append(
            f"CSV first row: {small['csv']['first_row_p50_ms']} -> {large['csv']['first_row_p50_ms']} ms (p50)"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--json", help="Write the figures to this file too.")
    parser.add_argument("--csv-rounds", type=int, default=5, help="Times the whole queue's CSV is opened (default 5).")
    parser.add_argument("--csv-whole", action="store_true", help="Also stream the whole queue's CSV to the end, once.")
    parser.add_argument("--compare", nargs=2, metavar=("SMALL.json", "LARGE.json"), help="Print growth and stop.")
    args = parser.parse_args()
    if args.compare:
        small, large = (json.loads(Path(name).read_text()) for name in args.compare)
        print(compare(small, large))
        return
    if not os.environ.get("DATABASE_URL"):
        print("pages.py: set DATABASE_URL to an archive filled by manage.py generate_archive; skipped.")
        return
    _setup()
    result = measure(rounds=args.rounds, csv_rounds=args.csv_rounds, csv_whole=args.csv_whole)
    print(report(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
