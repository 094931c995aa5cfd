import pytest

from newsverify.articles.analysis_store import MIN_OVERLAP, Reading, best_overlap, claims_match, content_overlap
from newsverify.articles.models import ArticleStatus
from newsverify.articles.services import analysis_store
from newsverify.review.models import Attribution, Claim, Discrepancy, Flag, Hop, ReviewEvent, ReviewStatus
from newsverify.review.services import claim_flag, claim_verdict
from newsverify.sources.models import ArticleSource, Source
from tests.factories import ArticleFactory
from tests.reports import TEXT, small_report


@pytest.fixture
def article(db):  # type: ignore[no-untyped-def]
    return ArticleFactory(text=TEXT, status=ArticleStatus.ANALYSING)


def test_it_stores_claims_chains_spans_and_discrepancies(article):
    analysis_store(article_id=article.pk, report=small_report())
    article.refresh_from_db()
    assert article.status == ArticleStatus.DONE
    assert article.engine_version == "test"

    drones = Claim.objects.get(article=article, text="three drones were intercepted")
    assert drones.depth == 3
    assert drones.kind == "according_to"
    assert TEXT[drones.span_start : drones.span_end] == drones.text
    assert TEXT[drones.cue_start : drones.cue_end] == "According to"
    hops = list(drones.hops.order_by("position"))
    assert [h.source.name for h in hops] == ["Defence Ministry", "TASS", "CNN"]
    assert [h.evidence for h in hops] == ["explicit", "explicit", "explicit"]
    assert hops[1].medium == "report"
    assert TEXT[hops[0].mention_start : hops[0].mention_end] == "the Defence Ministry"

    assert Claim.objects.get(article=article, text="It rained all day.").depth == 0
    discrepancy = Discrepancy.objects.get(article=article)
    assert discrepancy.about == "people hurt"
    assert sorted(m.value for m in discrepancy.members.all()) == ["14", "4"]
    assert Attribution.objects.filter(article=article).count() == 2
    assert ArticleSource.objects.filter(article=article).count() == 5


def test_running_it_twice_leaves_one_copy(article):
    analysis_store(article_id=article.pk, report=small_report())
    counts = (Claim.objects.count(), Hop.objects.count(), Attribution.objects.count(), Discrepancy.objects.count())
    analysis_store(article_id=article.pk, report=small_report())
    assert (
        Claim.objects.count(),
        Hop.objects.count(),
        Attribution.objects.count(),
        Discrepancy.objects.count(),
    ) == counts
    assert counts == (4, 5, 2, 1)
    assert ArticleSource.objects.filter(article=article).count() == 5


def test_named_sources_are_shared_across_articles_but_anonymous_ones_are_not(db):
    first = ArticleFactory(text=TEXT)
    second = ArticleFactory(text=TEXT + " Again.")
    analysis_store(article_id=first.pk, report=small_report())
    analysis_store(article_id=second.pk, report=small_report(second.text))
    assert Source.objects.filter(name="TASS").count() == 1
    assert Source.objects.get(name="TASS").hops.count() == 2
    assert Source.objects.filter(name="Rescuers").count() == 2


def test_review_work_survives_reanalysis(article, editor, factchecker):
    analysis_store(article_id=article.pk, report=small_report())
    drones = Claim.objects.get(article=article, text="three drones were intercepted")
    claim_flag(claim=drones, by=editor, note="Only one source")
    claim_verdict(claim=drones, by=factchecker, status=ReviewStatus.DISPUTED, evidence_url="https://example.org/x")

    analysis_store(article_id=article.pk, report=small_report())

    renewed = Claim.objects.get(article=article, text="three drones were intercepted")
    assert renewed.pk == drones.pk, "the claim keeps its row"
    assert renewed.review_status == ReviewStatus.DISPUTED
    assert list(Flag.objects.values_list("claim", flat=True)) == [renewed.pk]
    assert set(ReviewEvent.objects.values_list("claim", flat=True)) == {renewed.pk}


def test_spans_outside_the_text_are_dropped_not_stored(db):
    article = ArticleFactory(text=TEXT[:40])  # the report describes a longer text
    analysis_store(article_id=article.pk, report=small_report())
    for claim in Claim.objects.filter(article=article):
        assert claim.span_end <= len(article.text)
    for hop in Hop.objects.filter(claim__article=article):
        assert hop.mention_end is None or hop.mention_end <= len(article.text)


# -- matching the new reading to the old claims (no database) -------------------------------------

TASS = frozenset({"id:1", "name:tass"})
CNN = frozenset({"id:2", "name:cnn"})


def test_the_same_span_matches_whatever_the_chain():
    assert claims_match([Reading("old", 10, 40, TASS)], [Reading("new", 10, 40, CNN)]) == {"new": "old"}


def test_an_overlapping_span_matches_only_with_the_same_origin():
    old = [Reading("old", 10, 40, TASS)]
    assert claims_match(old, [Reading("new", 12, 40, TASS)]) == {"new": "old"}
    assert claims_match(old, [Reading("new", 12, 40, CNN)]) == {}
    assert claims_match([Reading("old", 10, 40)], [Reading("new", 12, 40)]) == {"new": "old"}, "own reporting"


def test_the_origin_may_be_known_by_name_when_the_registry_row_differs():
    assert claims_match(
        [Reading("old", 10, 40, frozenset({"id:7", "name:officials"}))],
        [Reading("new", 12, 40, frozenset({"id:9", "name:officials"}))],
    ) == {"new": "old"}


def test_too_little_overlap_is_not_the_same_claim():
    old, new = Reading("old", 0, 100, TASS), Reading("new", 60, 100, TASS)
    assert content_overlap(old, new) < MIN_OVERLAP
    assert claims_match([old], [new]) == {}


def test_pairs_are_one_to_one_and_best_first():
    # One old claim split in two: the larger part keeps the row, the other is new.
    old = [Reading("old", 0, 100, TASS)]
    new = [Reading("small", 0, 55, TASS), Reading("large", 20, 100, TASS)]
    assert claims_match(old, new) == {"large": "old"}
    # The same span beats a bigger overlap elsewhere.
    old = [Reading("a", 0, 50, TASS), Reading("b", 5, 50, TASS)]
    assert claims_match(old, [Reading("new", 5, 50, TASS)]) == {"new": "b"}


def test_a_current_claim_goes_before_a_retired_one():
    old = [Reading("retired", 0, 50, TASS, retired=True), Reading("current", 0, 50, TASS)]
    assert claims_match(old, [Reading("new", 0, 50, TASS)]) == {"new": "current"}


def test_a_retired_claim_leads_to_the_reading_that_overlaps_it_most():
    retired = Reading("old", 10, 50)
    others = [Reading("a", 0, 20), Reading("b", 25, 60), Reading("c", 70, 90)]
    assert best_overlap(retired, others) == "b"
    assert best_overlap(retired, [Reading("c", 70, 90)]) is None


def test_a_corrected_claim_matches_whatever_origin_the_reviewer_gave_it():
    corrected = Reading("old", 10, 40, CNN, corrected=True)
    assert claims_match([corrected], [Reading("new", 12, 40, TASS)]) == {"new": "old"}
    assert claims_match([corrected], [Reading("new", 35, 80, TASS)]) == {}, "but the content must still overlap"
