"""The synthetic archive: reports whose spans are the text's, stored through the real store."""

from __future__ import annotations

import io
import random
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection

from newsverify.articles.models import Article, ArticleStatus
from newsverify.articles.synthetic import archive_generate, synthetic_article
from newsverify.review.models import Claim, Comment, Flag, Hop, ReviewEvent, ReviewStatus
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


def _kept_counts_from_hops() -> dict[int, tuple[int, int, int, int]]:
    """Each source's citations counted here, in Python, from the current claims' hops."""
    claims: dict[int, set[int]] = {}
    verified: dict[int, set[int]] = {}
    origin: Counter[int] = Counter()
    relay: Counter[int] = Counter()
    rows = Hop.objects.filter(claim__retired_at__isnull=True).values_list(
        "source_id", "claim_id", "position", "claim__review_status"
    )
    for source_id, claim_id, position, status in rows:
        claims.setdefault(source_id, set()).add(claim_id)
        if status == ReviewStatus.VERIFIED:
            verified.setdefault(source_id, set()).add(claim_id)
        (origin if position == 0 else relay)[source_id] += 1
    return {
        pk: (len(claims.get(pk, ())), origin[pk], relay[pk], len(verified.get(pk, ())))
        for pk in Source.objects.values_list("pk", flat=True)
    }


def test_the_command_stores_each_article_through_the_store_with_review_records(db) -> None:
    out = io.StringIO()
    call_command("generate_archive", articles=30, claims=8, batch=7, stdout=out)
    articles = Article.objects.all()
    assert articles.count() == 30 and not articles.exclude(status=ArticleStatus.DONE).exists()
    claims = Claim.objects.current().count()
    assert claims > 150
    assert f"Added 30 articles, {claims} claims" in out.getvalue()
    assert "30/30 articles" in out.getvalue()  # the last progress line
    assert Hop.objects.filter(source__name="Reuters").values("claim__article").distinct().count() > 1  # shared
    assert Source.objects.filter(name="Reuters").count() == 1
    assert Claim.objects.exclude(review_status=ReviewStatus.UNREVIEWED).exists()
    assert Claim.objects.filter(assignee__isnull=False).exists()
    assert ReviewEvent.objects.count() == Claim.objects.exclude(review_status=ReviewStatus.UNREVIEWED).count()
    # The kept counts are counted once at the end, and are the hops' (verified claims among them).
    kept = {pk: tuple(counts) for pk, *counts in Source.objects.values_list("pk", *_KEPT)}
    assert kept == _kept_counts_from_hops()
    assert any(counts[3] for counts in kept.values())
    # Again: more articles after them, none the same.
    call_command("generate_archive", articles=5, claims=4, batch=5, stdout=io.StringIO())
    assert Article.objects.count() == 35
    assert Article.objects.values("content_hash").distinct().count() == 35


_KEPT = ("claims_cited", "origin_cited", "relay_cited", "verified_cited")


def _archive() -> dict[str, object]:
    """What the archive holds, without ids (which differ from one run to the next)."""
    return {
        "articles": sorted(Article.objects.values_list("title", "publisher", "published_on", "text")),
        "claims": sorted(
            Claim.objects.values_list(
                "article__title", "span_start", "span_end", "kind", "depth", "review_status", "assignee__username"
            ),
            key=str,
        ),
        "hops": sorted(
            Hop.objects.values_list("claim__article__title", "claim__span_start", "position", "source__name")
        ),
        "flags": sorted(
            Flag.objects.values_list("claim__article__title", "claim__span_start", "created_by__username"), key=str
        ),
        "comments": sorted(Comment.objects.values_list("claim__article__title", "claim__span_start", "body")),
        "cited": sorted(Source.objects.filter(claims_cited__gt=0).values_list("name", *_KEPT)),
    }


def _empty_archive() -> None:
    Article.objects.all().delete()
    Source.objects.all().delete()


def test_the_same_seed_gives_the_same_archive_whatever_the_batches(db) -> None:
    archive_generate(articles=12, mean_claims=6, seed=4, batch=5)
    first = _archive()
    _empty_archive()
    archive_generate(articles=12, mean_claims=6, seed=4, batch=12)
    assert _archive() == first
    assert first["flags"] or first["comments"]  # review records made, and made alike
    _empty_archive()
    archive_generate(articles=12, mean_claims=6, seed=5, batch=5)
    assert _archive()["articles"] != first["articles"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_several_jobs_make_the_archive_one_job_makes() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("several jobs need PostgreSQL (the processes write at once)")
    archive_generate(articles=10, mean_claims=5, seed=8, batch=2)
    one = _archive()
    _empty_archive()
    claims = archive_generate(articles=10, mean_claims=5, seed=8, batch=2, jobs=2)
    assert claims == Claim.objects.current().count()
    assert _archive() == one


def test_several_jobs_are_refused_on_sqlite(db) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with pytest.raises(ValueError, match="PostgreSQL"):
        archive_generate(articles=4, mean_claims=3, jobs=2, batch=1)
