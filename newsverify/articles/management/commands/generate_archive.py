"""Fill the database with a synthetic archive, stored through the real store (for the page benchmarks)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

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
        parser.add_argument("--batch", type=int, default=100, help="Articles per review batch (default 100).")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        started = time.monotonic()

        def progress(done: int, claims: int) -> None:
            rate = done / max(time.monotonic() - started, 1e-9)
            self.stdout.write(f"{done} articles, {claims} claims ({rate:.1f} articles/s)")

        claims = archive_generate(
            articles=options["articles"],
            mean_claims=options["claims"],
            seed=options["seed"],
            batch=options["batch"],
            progress=progress,
        )
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(f"Added {options['articles']} articles, {claims} claims in {elapsed:.0f} s.")
        )
