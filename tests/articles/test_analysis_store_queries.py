"""Storing an analysis is a fixed number of queries, whatever the number of claims (bulk writes)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsverify.articles.models import ArticleStatus
from newsverify.articles.services import analysis_store
from newsverify.review.models import Attribution, Claim, DiscrepancyClaim, Hop, HopReview
from newsverify.review.services import hop_confirm
from newsverify.sources.models import ArticleSource, Source
from tests.factories import ArticleFactory
from tests.reports import many_claims_report

# One bound for a 5-claim and a 300-claim article, first analysis and re-analysis alike (a first
# analysis takes about 20 queries; a re-analysis that changes claims and hops a few more).
MAX_QUERIES = 28


@pytest.fixture(params=[5, 300], ids=["small", "big"])
def article_and_report(request, db):  # type: ignore[no-untyped-def]
    text, report = many_claims_report(request.param)
    return ArticleFactory(text=text, status=ArticleStatus.ANALYSING), report


def test_a_first_analysis_is_a_fixed_number_of_queries(article_and_report, django_assert_max_num_queries):
    article, report = article_and_report
    with django_assert_max_num_queries(MAX_QUERIES):
        analysis_store(article_id=article.pk, report=report)
    assert Claim.objects.filter(article=article).count() == len(report.claims)
    assert Hop.objects.filter(claim__article=article).count() == 2 * len(report.claims)
    assert Attribution.objects.filter(article=article).count() == len(report.claims)
    assert ArticleSource.objects.filter(article=article).count() == len(report.sources)
    assert DiscrepancyClaim.objects.filter(claim__article=article).count() == 2 * len(report.discrepancies)


def test_the_same_reading_again_is_a_fixed_number_of_queries_and_writes_nothing_new(
    article_and_report, django_assert_max_num_queries
):
    article, report = article_and_report
    analysis_store(article_id=article.pk, report=report)
    before = {
        "claims": list(Claim.objects.filter(article=article).order_by("pk").values_list("pk", "engine_key")),
        "hops": list(Hop.objects.filter(claim__article=article).order_by("pk").values_list("pk", "article_source")),
        "sources": Source.objects.count(),
    }
    with django_assert_max_num_queries(MAX_QUERIES):
        analysis_store(article_id=article.pk, report=report)
    assert (
        list(Claim.objects.filter(article=article).order_by("pk").values_list("pk", "engine_key")) == before["claims"]
    )
    hops = list(Hop.objects.filter(claim__article=article).order_by("pk").values_list("pk", "article_source"))
    assert hops == before["hops"], "hops keep their rows and their mentions"
    assert Source.objects.count() == before["sources"], "no registry source twice"


def test_another_reading_is_a_fixed_number_of_queries_and_keeps_identity(
    article_and_report, factchecker, django_assert_max_num_queries
):
    article, report = article_and_report
    analysis_store(article_id=article.pk, report=report)
    first = Claim.objects.get(article=article, engine_key="c0")
    hop_confirm(hop=first.hops.get(position=0), by=factchecker, evidence_url="https://example.org/evidence")
    text, changed = many_claims_report(len(report.claims), reading=2)
    assert text == article.text
    with django_assert_max_num_queries(MAX_QUERIES):
        analysis_store(article_id=article.pk, report=changed)
    current = Claim.objects.filter(article=article).current()
    assert current.count() == len(changed.claims)
    assert set(current.values_list("pk", flat=True)) <= set(
        Claim.objects.filter(article=article).values_list("pk", flat=True)
    )
    renewed = Claim.objects.get(pk=first.pk)
    assert renewed.retired_at is None and renewed.engine_key == "c0", "matched by overlap: the same row"
    assert renewed.text == changed.claims[0].text
    assert HopReview.objects.filter(claim=renewed, position=0).exists(), (
        "the origin is the same: its confirmation stays"
    )
    retired = Claim.objects.filter(article=article).retired()
    assert retired.count() == 2
    assert all(claim.superseded_by_id is None for claim in retired), "nothing else reads their passage"
    # The outlet (position 1) changed for every claim: the hops were rewritten in place.
    assert Hop.objects.filter(claim=renewed, position=1).get().source.name != "Radio Valmor"


def test_a_first_analysis_reads_no_rows_of_an_earlier_reading(article_and_report):
    article, report = article_and_report
    with CaptureQueriesContext(connection) as captured:
        analysis_store(article_id=article.pk, report=report)
    lock, *reads = [query["sql"] for query in captured.captured_queries if query["sql"].lstrip().startswith("SELECT")]
    assert lock.startswith('SELECT "articles_article".') and "EXISTS" in lock, (
        "the article's lock asks whether anything was stored"
    )
    earlier = (Claim, Hop, HopReview, ArticleSource)
    assert not [sql for sql in reads for model in earlier if f'"{model._meta.db_table}"' in sql], (
        "nothing was stored before: no claims, hops, confirmations or mentions are read"
    )
    # PostgreSQL reserves the new rows' ids by a SELECT of nextval (finding their sequences once a process).
    registry = [sql for sql in reads if "nextval(" not in sql and "pg_get_serial_sequence(" not in sql]
    assert registry and all('"sources_sourcealias"' in sql for sql in registry), "the rest reads the registry's names"


def test_rows_made_for_an_article_never_analysed_are_still_read_and_kept(db):
    """The lock's check, not only ``analysed_at``, decides that a reading is the first: a claim made
    some other way (here by hand) keeps its row."""
    text, report = many_claims_report(5)
    article = ArticleFactory(text=text, status=ArticleStatus.ANALYSING)
    found = report.claims[0]
    made = Claim.objects.create(
        article=article,
        engine_key="mine",
        span_start=found.start,
        span_end=found.end,
        text=found.text,
        kind="direct",
        depth=1,
    )
    analysis_store(article_id=article.pk, report=report)
    assert Claim.objects.filter(article=article).count() == len(report.claims)
    assert Claim.objects.get(pk=made.pk).engine_key == found.id, "matched by its span: the same row"
