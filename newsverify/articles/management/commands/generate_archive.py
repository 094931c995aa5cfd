"""Fill the database with a synthetic archive, stored through the real store (for the page benchmarks)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from newsverify.articles.synthetic import archive_generate


class Command(BaseCommand):
    help = (
        "Add N synthetic articles (about --claims claims each, with chains, sources, verdicts, flags, "
        "comments and assignees), each stored by analysis_store as a worker would. Never for production."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--articles", type=int, default=2000, help="How many articles to add (default 2000).")
        parser.add_argument("--claims", type=int, default=20, help="Mean claims per article (default 20).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed: the same seed gives the same archive.")
        parser.add_argument("--batch", type=int, default=50, help="Articles per transaction (default 50).")
        parser.add_argument(
            "--jobs", type=int, default=1, help="Processes, each taking every N-th batch (PostgreSQL only; default 1)."
        )
        parser.add_argument("--every", type=float, default=10.0, help="Seconds between progress lines (default 10).")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        started = time.monotonic()
        total = options["articles"]
        last = [0.0]

        def progress(done: int, claims: int) -> None:
            now = time.monotonic()
            if done < total and now - last[0] < options["every"]:
                return
            last[0] = now
            rate = done / max(now - started, 1e-9)
            left = (total - done) / rate if rate else 0.0
            self.stdout.write(
                f"{done}/{total} articles, {claims} claims, {rate:.1f} articles/s, {claims / (now - started):.0f} "
                f"claims/s, about {left:.0f} s to go"
            )

        if options["jobs"] < 1 or options["batch"] < 1:
            raise CommandError("--jobs and --batch must be at least 1.")
        try:
            claims = archive_generate(
                articles=total,
                mean_claims=options["claims"],
                seed=options["seed"],
                batch=options["batch"],
                jobs=options["jobs"],
                progress=progress,
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {total} articles, {claims} claims in {elapsed:.0f} s ({total / max(elapsed, 1e-9):.1f} "
                "articles/s; the sources' citation counts counted once at the end)."
            )
        )
