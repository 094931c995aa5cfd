"""A claim keeps its id, URL and review record across re-analysis; claims the new reading drops are
retired, not deleted; a corrected claim is the reviewer's and survives every re-analysis."""

from __future__ import annotations

import dataclasses
import json
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from newsverify.articles.models import ArticleStatus
from newsverify.articles.services import analysis_store
from newsverify.attribution import ChainReport, Evidence
from newsverify.attribution import Claim as EngineClaim
from newsverify.attribution import Hop as EngineHop
from newsverify.exports.claimreview import claim_review
from newsverify.exports.csv import claims_csv_lines
from newsverify.exports.selectors import claim_for_export, claims_for_export
from newsverify.review.models import Claim, Flag, Hop, HopReview, ReviewEvent, ReviewStatus
from newsverify.review.selectors import claims_for_article, claims_for_review, queue_counts
from newsverify.review.services import claim_comment, claim_flag, claim_verdict, hop_confirm
from newsverify.sources.models import Source, SourceType
from tests.api.conftest import token_client
from tests.factories import ArticleFactory, SourceFactory
from tests.reports import TEXT, small_report, span

EVIDENCE = "https://example.org/evidence"


def reading(report: ChainReport, **claims: EngineClaim | None) -> ChainReport:
    """``report`` with some of its claims replaced (by engine id), or left out (None)."""
    replaced = []
    for claim in report.claims:
        if claim.id not in claims:
            replaced.append(claim)
        elif (new := claims[claim.id]) is not None:
            replaced.append(new)
    return dataclasses.replace(report, claims=tuple(replaced), engine_version="test-2")


def claim_of(report: ChainReport, key: str) -> EngineClaim:
    return next(claim for claim in report.claims if claim.id == key)


def respanned(report: ChainReport, key: str, fragment: str, **changes: object) -> EngineClaim:
    """The engine claim ``key`` read over ``fragment`` of the text instead."""
    where = span(TEXT, fragment)
    return dataclasses.replace(claim_of(report, key), start=where.start, end=where.end, text=where.text, **changes)


@pytest.fixture
def article(db):  # type: ignore[no-untyped-def]
    article = ArticleFactory(text=TEXT, publisher="Example Times", status=ArticleStatus.ANALYSING)
    return analysis_store(article_id=article.pk, report=small_report())


def claim_at(article, text: str) -> Claim:  # type: ignore[no-untyped-def]
    return Claim.objects.get(article=article, text=text)


# -- matched claims keep their row ---------------------------------------------------------------


def test_running_it_twice_leaves_the_same_rows_with_the_same_ids(article):
    claims = dict(Claim.objects.values_list("pk", "text"))
    hops = set(Hop.objects.values_list("pk", "claim_id", "position", "source_id"))
    analysis_store(article_id=article.pk, report=small_report())
    analysis_store(article_id=article.pk, report=small_report())
    assert dict(Claim.objects.values_list("pk", "text")) == claims
    assert set(Hop.objects.values_list("pk", "claim_id", "position", "source_id")) == hops
    assert not Claim.objects.retired().exists()


def test_reanalysis_keeps_ids_urls_verdicts_events_flags_and_assignee(article, editor, factchecker):
    drones = claim_at(article, "three drones were intercepted")
    url = drones.get_absolute_url()
    claim_flag(claim=drones, by=editor, note="Only one source")
    claim_comment(claim=drones, by=editor, body="Who saw them?")
    claim_verdict(claim=drones, by=factchecker, status=ReviewStatus.DISPUTED, evidence_url=EVIDENCE)
    Claim.objects.filter(pk=drones.pk).update(assignee=factchecker)
    events = set(ReviewEvent.objects.values_list("pk", flat=True))

    # A new engine version reads the claim a little differently: a shorter span, a different cue.
    report = small_report()
    analysis_store(
        article_id=article.pk,
        report=reading(report, c1=respanned(report, "c1", "drones were intercepted", cue=None)),
    )

    drones.refresh_from_db()
    assert drones.text == "drones were intercepted", "updated in place from the new reading"
    assert drones.cue_text == ""
    assert drones.get_absolute_url() == url
    assert drones.review_status == ReviewStatus.DISPUTED
    assert drones.assignee == factchecker
    assert set(drones.events.values_list("pk", flat=True)) == events
    assert Flag.objects.get().claim_id == drones.pk
    assert drones.comments.get().body == "Who saw them?"
    assert drones.retired_at is None


def test_a_hop_confirmation_stays_while_its_position_has_the_same_source(article, factchecker):
    drones = claim_at(article, "three drones were intercepted")
    hop_confirm(hop=drones.hops.get(position=0), by=factchecker, evidence_url=EVIDENCE)
    hop_confirm(hop=drones.hops.get(position=2), by=factchecker, evidence_url=EVIDENCE)

    # The new reading drops TASS: CNN moves to position 1, and position 2 is gone.
    report = small_report()
    c1 = claim_of(report, "c1")
    analysis_store(article_id=article.pk, report=reading(report, c1=dataclasses.replace(c1, chain=c1.chain[::2])))

    assert [hop.source.name for hop in drones.hops.order_by("position")] == ["Defence Ministry", "CNN"]
    review = HopReview.objects.get()
    assert (review.position, review.hop, review.source.name) == (0, drones.hops.get(position=0), "Defence Ministry")
    assert ReviewEvent.objects.filter(claim=drones).count() == 2, "the confirmation events stay in the history"


def test_an_anonymous_source_stays_the_same_registry_row_within_its_article(article, factchecker):
    rescuers = claim_at(article, "14 people were hurt")
    source = rescuers.hops.get().source
    assert source.type == SourceType.ANONYMOUS
    hop_confirm(hop=rescuers.hops.get(), by=factchecker, evidence_url=EVIDENCE)
    analysis_store(article_id=article.pk, report=small_report())
    assert rescuers.hops.get().source == source
    assert HopReview.objects.get().claim == rescuers, "so its confirmation survives"
    assert Source.objects.filter(name="Rescuers").count() == 1


# -- claims the new reading no longer has are retired ----------------------------------------------


def test_a_claim_the_new_reading_drops_is_retired_not_deleted(article, factchecker):
    rescuers = claim_at(article, "14 people were hurt")
    claim_verdict(claim=rescuers, by=factchecker, status=ReviewStatus.FALSE, evidence_url=EVIDENCE)
    analysis_store(article_id=article.pk, report=reading(small_report(), c3=None))

    rescuers.refresh_from_db()
    assert rescuers.retired_at is not None
    assert rescuers.superseded_by is None, "nothing else reads that passage"
    assert rescuers.review_status == ReviewStatus.FALSE
    assert rescuers.hops.get().source.name == "Rescuers", "its chain is kept as it was"
    assert rescuers not in claims_for_article(article)
    assert rescuers not in claims_for_review(filters={}, user=factchecker)
    assert queue_counts()[ReviewStatus.FALSE] == 0
    assert not article.discrepancies.exists(), "a discrepancy needs two current claims"


def test_a_claim_read_differently_is_superseded_by_the_claim_that_overlaps_it(article):
    rain = claim_at(article, "It rained all day.")
    report = small_report()
    # Now the mayor says it: another origin, so another claim, over most of the same words.
    mayor_says = respanned(report, "c4", "rained all day", chain=(EngineHop("s4", Evidence.CONTEXT),), id="c9")
    analysis_store(article_id=article.pk, report=dataclasses.replace(report, claims=(*report.claims[:3], mayor_says)))

    rain.refresh_from_db()
    successor = claim_at(article, "rained all day")
    assert rain.retired_at is not None and rain.superseded_by == successor
    assert successor.pk != rain.pk


def test_a_retired_claim_read_again_comes_back(article):
    rescuers = claim_at(article, "14 people were hurt")
    analysis_store(article_id=article.pk, report=reading(small_report(), c3=None))
    analysis_store(article_id=article.pk, report=small_report())
    rescuers.refresh_from_db()
    assert rescuers.retired_at is None
    assert Claim.objects.filter(article=article, text="14 people were hurt").count() == 1
    assert article.discrepancies.get().claims.count() == 2


def test_retired_claims_are_left_out_of_lists_and_counts(article, factchecker, editor):
    from newsverify.articles.selectors import articles_with_depth_counts

    rescuers = claim_at(article, "14 people were hurt")
    claim_flag(claim=rescuers, by=editor, note="Who are they?")
    analysis_store(article_id=article.pk, report=reading(small_report(), c3=None))

    counted = articles_with_depth_counts().get(pk=article.pk)
    assert (counted.claims_total, counted.claims_depth_1, counted.open_flags) == (3, 1, 0)
    csv = "".join(claims_csv_lines(claims_for_export().current()))
    assert "14 people were hurt" not in csv
    assert claim_for_export(claim_id=rescuers.pk) == rescuers, "its exports are still there"

    api = token_client(factchecker)
    listed = api.get(reverse("api-article-claims", args=[article.pk])).json()["results"]
    assert rescuers.pk not in [claim["id"] for claim in listed]
    queue = api.get(reverse("api-claim-list")).json()["results"]
    assert rescuers.pk not in [claim["id"] for claim in queue]


# -- a retired claim's URLs stay valid --------------------------------------------------------------


def test_a_retired_claims_url_without_a_review_record_redirects_to_its_successor(article, editor_client):
    rain = claim_at(article, "It rained all day.")
    url = rain.get_absolute_url()
    report = small_report()
    analysis_store(
        article_id=article.pk,
        report=reading(
            report, c4=respanned(report, "c4", "rained all day", chain=(EngineHop("s4", Evidence.CONTEXT),))
        ),
    )
    successor = claim_at(article, "rained all day")
    response = editor_client.get(url)
    assert response.status_code == 302
    assert response["Location"] == successor.get_absolute_url()


def test_a_retired_claim_with_a_verdict_explains_itself_and_keeps_its_record(article, client, factchecker):
    rain = claim_at(article, "It rained all day.")
    claim_verdict(claim=rain, by=factchecker, status=ReviewStatus.VERIFIED, evidence_url=EVIDENCE)
    report = small_report()
    analysis_store(
        article_id=article.pk,
        report=reading(
            report, c4=respanned(report, "c4", "rained all day", chain=(EngineHop("s4", Evidence.CONTEXT),))
        ),
    )
    successor = claim_at(article, "rained all day")
    client.force_login(factchecker)

    body = client.get(rain.get_absolute_url()).content.decode()
    assert "The engine no longer reads a claim here." in body
    assert f'href="{successor.get_absolute_url()}"' in body
    assert '<span class="review-status review-verified">Verified</span>' in body
    assert "recorded a verdict" in body.lower()
    assert 'name="evidence_url"' not in body, "a retired claim offers no review action"

    post = client.post(reverse("claim_verdict", args=[article.pk, rain.pk]), {"status": "disputed"})
    assert post.status_code == 403
    rain.refresh_from_db()
    assert rain.review_status == ReviewStatus.VERIFIED


def test_a_claimreview_url_from_before_reanalysis_still_resolves_to_the_same_claim(article, client, factchecker):
    drones = claim_at(article, "three drones were intercepted")
    rescuers = claim_at(article, "14 people were hurt")
    for claim in (drones, rescuers):
        claim_verdict(claim=claim, by=factchecker, status=ReviewStatus.DISPUTED, evidence_url=EVIDENCE)
    published = {claim.pk: claim_review(claim_for_export(claim_id=claim.pk))["url"] for claim in (drones, rescuers)}

    report = small_report()
    analysis_store(
        article_id=article.pk,
        report=reading(report, c1=respanned(report, "c1", "drones were intercepted"), c3=None),
    )

    client.force_login(factchecker)
    for pk, url in published.items():
        response = client.get(urlsplit(url).path, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        assert f'data-claim="{pk}"' in response.content.decode()
        export = client.get(reverse("export_claimreview", args=[pk]))
        assert export.status_code == 200
        assert json.loads(export.content)["url"].endswith(urlsplit(url).path), "the same URL, published again"

    api = token_client(factchecker)
    retired = api.get(reverse("api-claim-detail", args=[rescuers.pk]))
    assert retired.status_code == 200
    assert retired.json()["retired_at"] is not None and retired.json()["superseded_by"] is None
    assert api.get(reverse("api-claim-claimreview", args=[rescuers.pk])).status_code == 200
    assert api.get(reverse("api-claim-prov", args=[rescuers.pk])).status_code == 200
    refused = api.post(reverse("api-claim-comment", args=[rescuers.pk]), {"body": "Still false?"})
    assert refused.status_code == 400 and "retired" in refused.json()["detail"]


# -- corrected claims are the reviewer's ---------------------------------------------------------


def correct(claim: Claim, *, by) -> None:  # type: ignore[no-untyped-def]
    """What the corrections service does, done by hand: the reviewer's chain, and the mark."""
    Claim.objects.filter(pk=claim.pk).update(corrected_at=timezone.now(), corrected_by=by, kind="direct")
    claim.hops.filter(position__gt=0).delete()
    claim.hops.filter(position=0).update(source=SourceFactory(name="Ministry press office"))


def test_a_corrected_claim_survives_reanalysis_with_the_engines_reading_beside_it(article, factchecker):
    drones = claim_at(article, "three drones were intercepted")
    correct(drones, by=factchecker)
    before = (drones.span_start, drones.span_end, "direct", [("Ministry press office", 0)])

    report = small_report()
    analysis_store(article_id=article.pk, report=reading(report, c1=respanned(report, "c1", "drones were intercepted")))
    analysis_store(article_id=article.pk, report=reading(report, c1=respanned(report, "c1", "drones were intercepted")))

    drones.refresh_from_db()
    hops = [(hop.source.name, hop.position) for hop in drones.hops.all()]
    assert (drones.span_start, drones.span_end, drones.kind, hops) == before
    assert drones.retired_at is None and drones.corrected_by == factchecker
    assert Claim.objects.filter(article=article).count() == 4, "the engine's reading made no second claim"
    suggestion = drones.engine_suggestion
    assert suggestion["text"] == "drones were intercepted"
    assert suggestion["kind"] == "according_to"
    assert [hop["source"] for hop in suggestion["chain"]] == ["Defence Ministry", "TASS", "CNN"]


def test_the_panel_shows_what_the_engine_now_reads(article, editor_client, factchecker):
    drones = claim_at(article, "three drones were intercepted")
    correct(drones, by=factchecker)
    analysis_store(article_id=article.pk, report=small_report())
    body = editor_client.get(drones.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert "The engine now reads:" in body
    assert "Defence Ministry → TASS → CNN → Example Times" in body
    assert "According to" in body


def test_a_corrected_claim_the_engine_agrees_with_has_no_suggestion(article, factchecker):
    mayor = claim_at(article, "4 people were hurt")
    Claim.objects.filter(pk=mayor.pk).update(corrected_at=timezone.now(), corrected_by=factchecker)
    analysis_store(article_id=article.pk, report=small_report())
    mayor.refresh_from_db()
    assert mayor.engine_suggestion is None


def test_a_corrected_claim_the_engine_no_longer_reads_is_kept_not_retired(article, client, factchecker):
    rescuers = claim_at(article, "14 people were hurt")
    Claim.objects.filter(pk=rescuers.pk).update(corrected_at=timezone.now(), corrected_by=factchecker)
    analysis_store(article_id=article.pk, report=reading(small_report(), c3=None))
    rescuers.refresh_from_db()
    assert rescuers.retired_at is None
    assert rescuers.engine_suggestion == {"engine_version": "test-2", "absent": True}
    assert rescuers in claims_for_article(article)
    client.force_login(factchecker)
    panel = client.get(rescuers.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert "The engine now reads:</strong> no claim here." in " ".join(panel.split())


def test_a_claim_a_reviewer_retired_stays_retired_when_the_engine_reads_it_again(article, factchecker):
    # How a correction may say "not a claim": the reviewer's mark, and the claim out of the reading.
    mayor = claim_at(article, "4 people were hurt")
    Claim.objects.filter(pk=mayor.pk).update(
        corrected_at=timezone.now(), corrected_by=factchecker, retired_at=timezone.now()
    )
    analysis_store(article_id=article.pk, report=small_report())
    mayor.refresh_from_db()
    assert mayor.retired_at is not None, "the reviewer's decision stands"
    assert mayor.engine_suggestion["text"] == "4 people were hurt", "the engine's reading is kept beside it"
    assert Claim.objects.filter(article=article, text="4 people were hurt").count() == 1, "no second claim"
    assert not article.discrepancies.exists()


def test_a_retired_claims_provenance_says_what_reads_its_passage_now(article):
    from newsverify.exports.prov import chain_prov_json, chain_prov_turtle

    rain = claim_at(article, "It rained all day.")
    report = small_report()
    analysis_store(
        article_id=article.pk,
        report=reading(
            report, c4=respanned(report, "c4", "rained all day", chain=(EngineHop("s4", Evidence.CONTEXT),))
        ),
    )
    successor = claim_at(article, "rained all day")
    document = json.loads(chain_prov_json(claim_for_export(claim_id=rain.pk), base_url="https://desk.example"))
    report_entity = document["entity"][f"nv:claim-{rain.pk}-article-{article.pk}"]
    assert "nv:retiredAt" in report_entity
    assert report_entity["nv:supersededBy"]["$"] == f"nv:claim-{successor.pk}-article-{article.pk}"
    turtle = chain_prov_turtle(claim_for_export(claim_id=rain.pk), base_url="https://desk.example")
    assert f"claim-{successor.pk}-article-{article.pk}" in turtle


def test_a_claim_whose_span_and_origin_a_reviewer_corrected_absorbs_the_engines_reading(article, factchecker):
    drones = claim_at(article, "three drones were intercepted")
    correct(drones, by=factchecker)  # a new origin
    where = span(TEXT, "drones were intercepted")
    Claim.objects.filter(pk=drones.pk).update(span_start=where.start, span_end=where.end, text=where.text)

    analysis_store(article_id=article.pk, report=small_report())

    drones.refresh_from_db()
    assert (drones.text, drones.hops.get().source.name) == ("drones were intercepted", "Ministry press office")
    assert Claim.objects.filter(article=article).count() == 4, "the engine's old reading did not come back"
    assert drones.engine_suggestion["text"] == "three drones were intercepted"


def test_the_article_page_lists_its_retired_claims_apart(article, editor_client, factchecker):
    rescuers = claim_at(article, "14 people were hurt")
    claim_verdict(claim=rescuers, by=factchecker, status=ReviewStatus.FALSE, evidence_url=EVIDENCE)
    analysis_store(article_id=article.pk, report=reading(small_report(), c3=None))
    body = editor_client.get(article.get_absolute_url()).content.decode()
    assert f'id="claim-{rescuers.pk}"' not in body, "not highlighted"
    assert "1 earlier claim no longer read" in body
    assert f'href="{rescuers.get_absolute_url()}"' in body
    assert "3 claims, in reading order" in body
