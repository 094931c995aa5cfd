"""``analysis_store`` keeps the engine's confidence of each claim and hop (null when it gave none)."""

from dataclasses import replace

import pytest
from django.db import IntegrityError

from newsverify.articles.models import ArticleStatus
from newsverify.articles.services import analysis_store
from newsverify.review.models import Claim, Hop
from tests.factories import ArticleFactory, ClaimFactory
from tests.reports import TEXT, small_report


@pytest.fixture
def article(db):  # type: ignore[no-untyped-def]
    return ArticleFactory(text=TEXT, status=ArticleStatus.ANALYSING)


def with_confidence(report):  # type: ignore[no-untyped-def]
    claims = []
    for i, claim in enumerate(report.claims):
        if claim.kind.value == "unattributed":
            claims.append(claim)
            continue
        hops = tuple(replace(h, confidence=round(0.9 - 0.2 * n, 2)) for n, h in enumerate(claim.chain))
        claims.append(replace(claim, chain=hops, confidence=0.8 - 0.1 * i))
    return replace(report, claims=tuple(claims))


def test_it_stores_the_confidence_of_claims_and_hops(article):
    analysis_store(article_id=article.pk, report=with_confidence(small_report()))

    drones = Claim.objects.get(article=article, text="three drones were intercepted")
    assert drones.confidence == pytest.approx(0.8)
    assert [h.confidence for h in drones.hops.order_by("position")] == [0.9, 0.7, 0.5]
    assert Claim.objects.get(article=article, text="It rained all day.").confidence is None


def test_a_report_without_confidence_stores_null(article):
    analysis_store(article_id=article.pk, report=small_report())

    assert set(Claim.objects.filter(article=article).values_list("confidence", flat=True)) == {None}
    assert set(Hop.objects.filter(claim__article=article).values_list("confidence", flat=True)) == {None}


def test_the_database_refuses_a_confidence_outside_zero_to_one(db):
    with pytest.raises(IntegrityError):
        ClaimFactory(confidence=1.5)
