"""The synthetic archive: reports whose spans are the text's, stored through the real store."""

from __future__ import annotations

import io
import random

from django.core.management import call_command

from newsverify.articles.models import Article, ArticleStatus
from newsverify.articles.synthetic import synthetic_article
from newsverify.review.models import Claim, Hop, ReviewEvent, ReviewStatus
from newsverify.review.source_citations import source_citations_recount
from newsverify.sources.models import Source


def test_every_span_of_a_synthetic_report_is_the_text_it_names() -> None:
    made = synthetic_article(random.Random(3), number=1, claims=40)
    assert len(made.report.claims) == 40
    for claim in made.report.claims:
        assert made.text[claim.start : claim.end] == claim.text
        if claim.cue:
            assert made.text[claim.cue.start : claim.cue.end] == claim.cue.text
        for hop in claim.chain:
            written = made.text[hop.mention.start : hop.mention.end]
            assert written == hop.mention.text
            assert written.casefold() == made.report.source(hop.source).name.casefold()
    assert {claim.depth for claim in made.report.claims} >= {0, 1, 2, 3}


def test_the_command_stores_each_article_through_the_store_with_review_records(db) -> None:
    call_command("generate_archive", articles=30, claims=8, batch=10, stdout=io.StringIO())
    articles = Article.objects.all()
    assert articles.count() == 30 and not articles.exclude(status=ArticleStatus.DONE).exists()
    assert Claim.objects.current().count() > 150
    assert Hop.objects.filter(source__name="Reuters").values("claim__article").distinct().count() > 1  # shared
    assert Source.objects.filter(name="Reuters").count() == 1
    assert Claim.objects.exclude(review_status=ReviewStatus.UNREVIEWED).exists()
    assert Claim.objects.filter(assignee__isnull=False).exists()
    assert ReviewEvent.objects.exists()
    kept = dict(Source.objects.values_list("pk", "claims_cited"))
    source_citations_recount()
    assert dict(Source.objects.values_list("pk", "claims_cited")) == kept
    # Again: more articles after them, none the same.
    call_command("generate_archive", articles=5, claims=4, batch=5, stdout=io.StringIO())
    assert Article.objects.count() == 35
