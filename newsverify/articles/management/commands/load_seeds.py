"""Load seeds/*.txt (with the metadata in the .json beside each) and analyse them. Idempotent."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from newsverify.articles import recovery, services
from newsverify.articles.models import ArticleStatus


class Command(BaseCommand):
    help = "Load the seed articles from seeds/ and analyse them in this process (skips ones already loaded)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--dir", default=str(settings.BASE_DIR / "seeds"), help="Folder of .txt seeds.")
        parser.add_argument(
            "--queue", action="store_true", help="Queue the analysis for a worker instead of running it here."
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        folder = Path(options["dir"])
        paths = sorted(folder.glob("*.txt"))
        if not paths:
            raise CommandError(f"No .txt seeds in {folder}.")
        for path in paths:
            meta_path = path.with_suffix(".json")
            meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
            published_on = meta.get("published_on")
            try:
                article = services.article_submit(
                    text=path.read_text(encoding="utf-8"),
                    title=meta.get("title") or "",
                    publisher=meta.get("publisher") or "",
                    url=meta.get("url") or "",
                    published_on=datetime.date.fromisoformat(published_on) if published_on else None,
                    by=None,
                    enqueue=options["queue"],
                )
                self.stdout.write(f"Loaded {path.name} as article {article.pk}")
            except services.DuplicateArticle as exc:
                article = exc.existing
                self.stdout.write(f"{path.name} is already article {article.pk} ({article.get_status_display()})")
            if options["queue"] or article.status == ArticleStatus.DONE:
                continue
            started = recovery.article_analysis_start(article_id=article.pk)
            if started is None:
                continue
            try:
                article = services.article_analyse(article=started)
            except Exception as exc:
                from newsverify.articles.tasks import failure_reason

                services.article_analysis_fail(article_id=started.pk, reason=failure_reason(exc))
                self.stderr.write(f"Analysis of {path.name} failed: {failure_reason(exc)}")
                continue
            self.stdout.write(f"Analysed {path.name}: {article.claims.current().count()} claims")
