"""Write the reviewed articles as gold readings: NAME.txt and NAME.gold.json (newsverify.gold/1) each."""

from __future__ import annotations

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsverify.accuracy.gold import gold_files, gold_write, reviewed_articles


def _day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--since takes a day as YYYY-MM-DD, not {value!r}.") from None


class Command(BaseCommand):
    help = (
        "Write the articles reviewers have worked on (a claim corrected, ruled on or confirmed hop by hop, or "
        "marked not a claim) in the newsverify.gold/1 format: NAME.txt and NAME.gold.json per article."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--out", default="gold", help="Folder to write into (created if missing; default ./gold).")
        parser.add_argument("--article", type=int, nargs="+", metavar="ID", help="Only these articles.")
        parser.add_argument("--since", type=_day, metavar="DATE", help="Only articles with a review event since then.")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        articles = reviewed_articles(article_ids=options["article"], since=options["since"])
        if options["article"]:
            missing = sorted(set(options["article"]) - {article.pk for article in articles})
            if missing:
                self.stderr.write(f"Not reviewed (or not there), left out: {', '.join(map(str, missing))}")
        folder = Path(options["out"])
        files = list(gold_files(articles))
        gold_write(folder, files)
        for item in files:
            self.stdout.write(
                f"{item.name}: {len(item.gold['claims'])} claims, {len(item.gold['ignore'])} ignored, "
                f"{len(item.gold['not_claims'])} not claims"
            )
        self.stdout.write(f"Wrote {len(files)} reviewed article(s) to {folder}.")
