"""Match analysed articles' claims across articles: the archive stored before stories, or again."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from newsverify.articles.models import Article
from newsverify.stories.services import story_match_article


class Command(BaseCommand):
    help = "Match the claims of analysed articles to the other stored claims and file the stories (oldest first)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--article", type=int, action="append", help="only this article (repeatable)")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        articles = Article.objects.filter(analysed_at__isnull=False).order_by("created_at", "pk")
        if options["article"]:
            articles = articles.filter(pk__in=options["article"])
        total = 0
        for article_id in articles.values_list("pk", flat=True):
            total += len(story_match_article(article_id=article_id))
        self.stdout.write(f"{articles.count()} articles matched, {total} matches.")
