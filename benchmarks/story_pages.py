"""The stories list and a claim's story link, against the archive's stories.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/DB .venv/bin/python benchmarks/story_pages.py \\
        [--stories 2000] [--big 300] [--rounds 20]

Into an empty, migrated database it writes ``--stories`` stories of two to five reports (each
report a claim of its own article, through a wire for one in two), one in 200 of them with
``--big`` reports instead, and rebuilds their notes (drift, circular citing) as the worker does.
Then, in one process, round after round (so a loaded machine slows all alike), it times:

- the chain panel's story link as it was (``story_page`` built for the whole story, then the counts
  read from it) and as it is (``selectors.story_link``: two queries), for a claim of a small story
  and one of the biggest;
- a page of the list's rows with their figures computed in the sorted query (the first version:
  PostgreSQL computed them for every story before sorting) and for the page's rows only;
- the stories list's first and third page through Django's test client, against the login page.

It prints medians and p95 in milliseconds, the ratios, and each one's number of queries.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.pages import _setup, percentile  # noqa: E402


def build(stories: int, big: int) -> None:
    import datetime

    from newsverify.articles.models import Article, ArticleStatus
    from newsverify.articles.services import article_content_hash
    from newsverify.review.models import Claim, ClaimKind, Evidence, Hop
    from newsverify.sources.models import Source, SourceType
    from newsverify.stories.models import MatchHow, Story, StoryClaim
    from newsverify.stories.summaries import story_notes_refresh

    ministry = Source.objects.create(name="Benchmark ministry", type=SourceType.GOVERNMENT_BODY)
    wires = [Source.objects.create(name=f"Wire {n}", type=SourceType.NEWS_AGENCY) for n in range(6)]
    started = time.perf_counter()
    for first in range(0, stories, 200):
        batch = range(first, min(first + 200, stories))
        sizes = {index: big if index % 200 == 7 else 2 + index % 4 for index in batch}
        articles, texts = [], []
        for index in batch:
            for report in range(sizes[index]):
                figure = "dozens of" if report == sizes[index] - 1 and index % 3 == 0 else str(10 + index % 50)
                text = f"Officials counted {figure} boats in the harbour of Port {index} on Sunday, report {report}."
                texts.append((index, report, text))
                articles.append(
                    Article(
                        title=f"Story {index} report {report}",
                        publisher=f"Outlet {report % 40}",
                        text=text,
                        content_hash=article_content_hash(text),
                        status=ArticleStatus.DONE,
                        published_on=datetime.date(2026, 1, 1) + datetime.timedelta(days=index % 300 + report % 5),
                    )
                )
        Article.objects.bulk_create(articles)
        claims = Claim.objects.bulk_create(
            [
                Claim(
                    article=article, engine_key="c1", span_start=0, span_end=len(text), text=text,
                    kind=ClaimKind.DIRECT if report == 0 else ClaimKind.INDIRECT, depth=1 if report % 2 == 0 else 2,
                )
                for article, (_, report, text) in zip(articles, texts, strict=True)
            ]
        )  # fmt: skip
        hops = []
        for claim, (index, report, _) in zip(claims, texts, strict=True):
            hops.append(Hop(claim=claim, position=0, source=ministry, evidence=Evidence.EXPLICIT))
            if report % 2:
                hops.append(Hop(claim=claim, position=1, source=wires[index % 6], evidence=Evidence.EXPLICIT))
        Hop.objects.bulk_create(hops)
        made = {index: Story.objects.create() for index in batch}
        StoryClaim.objects.bulk_create(
            [
                StoryClaim(story=made[index], claim=claim, how=MatchHow.WIRE, score=0.9)
                for claim, (index, _, _) in zip(claims, texts, strict=True)
            ]
        )
        story_notes_refresh(story_ids=[story.pk for story in made.values()])
    print(f"built {stories} stories, {Claim.objects.count()} reports in {time.perf_counter() - started:.0f} s")


def story_link_before(claim_id: int) -> tuple[int, int]:
    """What the chain panel's tag did before: the whole story built to read two counts."""
    from newsverify.stories.models import StoryClaim
    from newsverify.stories.selectors import story_page

    membership = StoryClaim.objects.filter(claim_id=claim_id).select_related("story").first()
    page = story_page(membership.story)
    mine = next(report for report in page.reports if report.claim.pk == claim_id)
    return len(page.reports), len(page.outlets) + len(mine.drift)


def story_link_after(claim_id: int) -> tuple[int, int]:
    from newsverify.stories.selectors import story_link

    link = story_link(claim_id)
    return link.reports, link.outlets + len(link.drift)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stories", type=int, default=2000)
    parser.add_argument("--big", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    _setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from newsverify.stories.models import Story, StoryClaim
    from newsverify.stories.selectors import StoryFilters, stories_list, stories_page_rows, story_counts, story_flags

    everything = StoryFilters()

    def one_query():  # type: ignore[no-untyped-def]
        return stories_list(everything).annotate(**story_counts(), **story_flags())

    if not Story.objects.exists():
        build(args.stories, args.big)
        if connection.vendor == "postgresql":  # the planner's statistics of the rows just written
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
    sized = Story.objects.annotate(n=Count("members")).order_by("-n")
    biggest, small = sized.first(), sized.last()
    claims = {
        f"small story ({small.n} reports)": StoryClaim.objects.filter(story=small).order_by("-claim_id")[0].claim_id,
        f"big story ({biggest.n} reports)": StoryClaim.objects.filter(story=biggest).order_by("-claim_id")[0].claim_id,
    }
    user, _ = get_user_model().objects.get_or_create(username="story-bench")
    user.groups.add(Group.objects.get(name="Fact-checker"))
    client, anonymous = Client(), Client()
    client.force_login(user)
    timings: dict[str, list[float]] = {}
    queries: dict[str, int] = {}

    def timed(name: str, call) -> None:  # type: ignore[no-untyped-def]
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            call()
            timings.setdefault(name, []).append(1000 * (time.perf_counter() - started))
        queries[name] = len(captured.captured_queries)

    for _ in range(args.rounds):
        timed("login page (anonymous)", lambda: anonymous.get("/login/"))
        for label, claim_id in claims.items():
            if story_link_before(claim_id) != story_link_after(claim_id):  # the two must say the same
                raise SystemExit(f"The story link's figures differ before and after, {label}")
            timed(f"story link before, {label}", lambda c=claim_id: story_link_before(c))
            timed(f"story link after, {label}", lambda c=claim_id: story_link_after(c))
        timed("page 3's rows, figures in the sorted query (first try)", lambda: list(one_query()[50:76]))
        timed("page 3's rows, figures for its rows only", lambda: stories_page_rows(stories_list(everything)[50:76]))
        timed("stories list, page 1", lambda: client.get("/stories/"))
        timed("stories list, page 3", lambda: client.get("/stories/?page=3"))
        timed("stories list, outlet filter", lambda: client.get("/stories/?outlet=Outlet+3"))
    login = statistics.median(timings["login page (anonymous)"])
    print(f"{'what':58} {'p50 ms':>8} {'p95 ms':>8} {'x login':>8} {'queries':>8}")
    for name, values in timings.items():
        p50 = statistics.median(values)
        print(f"{name:58} {p50:8.1f} {percentile(values, 0.95):8.1f} {p50 / login:8.1f} {queries[name]:8}")
    for label in claims:
        before = statistics.median(timings[f"story link before, {label}"])
        after = statistics.median(timings[f"story link after, {label}"])
        print(f"story link, {label}: {before:.1f} ms -> {after:.1f} ms ({before / after:.0f}x less)")


if __name__ == "__main__":
    main()
