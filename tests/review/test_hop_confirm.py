"""Per-hop review: confirming one link of a chain while the others stay open."""

import pytest
from django.urls import reverse

from newsverify.articles.services import analysis_store
from newsverify.review.models import Evidence, HopReview, ReviewAction, ReviewEvent, ReviewStatus
from newsverify.review.selectors import claim_for_panel, claim_weakest_open_hop
from newsverify.review.services import ReviewRefused, claim_set_verdict, hop_confirm, hop_reopen
from newsverify.sources.models import SourceType
from tests.factories import ClaimFactory, HopFactory, SourceFactory
from tests.reports import small_report

EVIDENCE = "https://tass.example/news/123"


def url(claim, position, action="confirm"):  # type: ignore[no-untyped-def]
    return reverse(f"hop_{action}", args=[claim.article_id, claim.pk, position])


def test_confirming_one_hop_leaves_the_others_open_and_starts_the_review(drones, factchecker):
    tass = drones.hops.get(position=1)
    review = hop_confirm(hop=tass, by=factchecker, evidence_url=EVIDENCE, note="TASS did run this")
    assert (review.position, review.source.name, review.confirmed_by) == (1, "TASS", factchecker)
    assert list(HopReview.objects.values_list("position", flat=True)) == [1]
    drones.refresh_from_db()
    assert drones.review_status == ReviewStatus.NEEDS_PRIMARY_SOURCE
    event = ReviewEvent.objects.get()
    assert (event.action, event.subject, event.value_before, event.value_after) == (
        ReviewAction.HOP_CONFIRMED,
        "hop 2: TASS",
        "open",
        "confirmed",
    )
    assert (event.status_before, event.status_after, event.evidence_url) == (
        ReviewStatus.UNREVIEWED,
        ReviewStatus.NEEDS_PRIMARY_SOURCE,
        EVIDENCE,
    )


def test_confirming_a_hop_keeps_a_verdict(drones, factchecker):
    claim_set_verdict(claim=drones, by=factchecker, verdict=ReviewStatus.DISPUTED, evidence_url=EVIDENCE)
    hop_confirm(hop=drones.hops.get(position=0), by=factchecker, evidence_url=EVIDENCE)
    drones.refresh_from_db()
    assert drones.review_status == ReviewStatus.DISPUTED


def test_a_hop_is_confirmed_once_and_needs_web_evidence(drones, factchecker):
    hop = drones.hops.get(position=0)
    with pytest.raises(ReviewRefused, match="evidence URL"):
        hop_confirm(hop=hop, by=factchecker, evidence_url=" ")
    with pytest.raises(ReviewRefused, match="http or https"):
        hop_confirm(hop=hop, by=factchecker, evidence_url="javascript:alert(1)")
    hop_confirm(hop=hop, by=factchecker, evidence_url=EVIDENCE)
    with pytest.raises(ReviewRefused, match=f"^Hop 1: {hop.source.name} is already confirmed"):
        hop_confirm(hop=hop, by=factchecker, evidence_url=EVIDENCE)
    assert HopReview.objects.count() == 1


def test_reopening_a_hop_of_a_verified_claim_reopens_the_claim(drones, factchecker):
    hop = drones.hops.get(position=0)
    hop_confirm(hop=hop, by=factchecker, evidence_url=EVIDENCE)
    claim_set_verdict(claim=drones, by=factchecker, verdict=ReviewStatus.VERIFIED, evidence_url=EVIDENCE)
    with pytest.raises(ReviewRefused, match="Say why"):
        hop_reopen(hop=hop, by=factchecker, note="")
    event = hop_reopen(hop=hop, by=factchecker, note="The link is a different statement")
    drones.refresh_from_db()
    assert drones.review_status == ReviewStatus.NEEDS_PRIMARY_SOURCE
    assert not HopReview.objects.exists()
    assert (event.action, event.value_before, event.value_after) == (ReviewAction.HOP_REOPENED, "confirmed", "open")
    with pytest.raises(ReviewRefused, match="not confirmed"):
        hop_reopen(hop=hop, by=factchecker, note="again")


def test_the_weakest_open_hop_is_the_least_evidenced_then_anonymous_then_nearest_the_origin(db, factchecker):
    claim = ClaimFactory(depth=3)
    named = HopFactory(claim=claim, position=0, evidence=Evidence.EXPLICIT)
    anonymous = HopFactory(
        claim=claim, position=1, evidence=Evidence.EXPLICIT, source=SourceFactory(type=SourceType.ANONYMOUS)
    )
    inferred = HopFactory(claim=claim, position=2, evidence=Evidence.CONTEXT)
    assert claim_weakest_open_hop(claim) == inferred
    hop_confirm(hop=inferred, by=factchecker, evidence_url=EVIDENCE)
    assert claim_weakest_open_hop(claim) == anonymous
    hop_confirm(hop=anonymous, by=factchecker, evidence_url=EVIDENCE)
    assert claim_weakest_open_hop(claim) == named
    hop_confirm(hop=named, by=factchecker, evidence_url=EVIDENCE)
    assert claim_weakest_open_hop(claim) is None


def test_confirmations_survive_reanalysis_when_the_link_is_still_there(article, drones, factchecker):
    hop = drones.hops.get(position=1)
    hop_confirm(hop=hop, by=factchecker, evidence_url=EVIDENCE)
    analysis_store(article_id=article.pk, report=small_report())
    new = article.claims.get(text="three drones were intercepted")
    assert new.pk == drones.pk, "the claim keeps its row"
    assert new.hops.get(position=1).pk == hop.pk, "and so does the hop, at the same position"
    review = HopReview.objects.get()
    assert (review.claim, review.hop, review.hop.source.name) == (new, new.hops.get(position=1), "TASS")
    assert new.review_status == ReviewStatus.NEEDS_PRIMARY_SOURCE
    assert ReviewEvent.objects.get().claim == new


def test_the_panel_shows_each_hop_state_and_the_weakest_open_hop(factchecker_client, drones, factchecker):
    hop_confirm(hop=drones.hops.get(position=1), by=factchecker, evidence_url=EVIDENCE)
    body = factchecker_client.get(drones.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert "1 of 3 hops confirmed" in body
    assert body.count("✓ Confirmed") == 1 and body.count("○ Open") == 2
    assert "Weakest open hop" in body
    assert f'href="{EVIDENCE}"' in body


def test_a_factchecker_confirms_a_hop_in_the_panel(factchecker_client, drones):
    response = factchecker_client.post(
        url(drones, 1), {"evidence_url": EVIDENCE, "note": "TASS did run this"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body and "1 of 3 hops confirmed" in body
    assert 'confirmed a hop · <span class="subject">hop 2: TASS</span>' in body
    assert "Unreviewed → In review" in body, "a confirmation starts the review; it asks for nothing"
    assert '<span class="review-status review-needs_primary_source">Needs primary source</span>' in body, (
        "the origin is still open"
    )


def test_confirming_the_origin_does_not_read_needs_primary_source(factchecker_client, drones):
    response = factchecker_client.post(url(drones, 0), {"evidence_url": EVIDENCE}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<span class="review-status review-needs_primary_source">In review</span>' in body
    assert "Needs primary source" not in body.split('<ol class="events">', 1)[1]
    assert "Needs primary source" not in body.split("<h3", 1)[1].split("</h3>", 1)[0]


def test_without_htmx_it_redirects_to_the_claim(factchecker_client, drones):
    response = factchecker_client.post(url(drones, 0), {"evidence_url": EVIDENCE})
    assert response.status_code == 302 and response["Location"] == drones.get_absolute_url()


def test_missing_evidence_is_explained_on_the_hop(factchecker_client, drones):
    response = factchecker_client.post(url(drones, 1), {"evidence_url": ""}, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    assert "Confirming a hop needs an evidence URL." in response.content.decode()
    assert not HopReview.objects.exists()


def test_confirming_twice_is_explained(factchecker_client, drones, factchecker):
    hop_confirm(hop=drones.hops.get(position=1), by=factchecker, evidence_url=EVIDENCE)
    response = factchecker_client.post(url(drones, 1), {"evidence_url": EVIDENCE}, HTTP_HX_REQUEST="true")
    assert response.status_code == 422 and "already confirmed" in response.content.decode()


def test_a_factchecker_reopens_a_hop(factchecker_client, drones, factchecker):
    hop_confirm(hop=drones.hops.get(position=1), by=factchecker, evidence_url=EVIDENCE)
    response = factchecker_client.post(url(drones, 1, "reopen"), {"note": "Wrong story"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "0 of 3 hops confirmed" in response.content.decode()


def test_an_editor_cannot_confirm_or_reopen_a_hop(editor_client, drones):
    assert editor_client.post(url(drones, 1), {"evidence_url": EVIDENCE}).status_code == 403
    assert editor_client.post(url(drones, 1, "reopen"), {"note": "x"}).status_code == 403
    assert not HopReview.objects.exists()
    body = editor_client.get(drones.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert "Confirm this hop" not in body and "○ Open" in body


def test_it_requires_login_and_a_real_hop(client, factchecker_client, drones):
    assert client.post(url(drones, 1), {"evidence_url": EVIDENCE}).status_code == 302
    assert factchecker_client.post(url(drones, 9), {"evidence_url": EVIDENCE}).status_code == 404


def test_it_rejects_get(factchecker_client, drones):
    assert factchecker_client.get(url(drones, 1)).status_code == 405


def test_the_panel_for_a_claim_lists_confirmations_by_position(drones, factchecker):
    hop_confirm(hop=drones.hops.get(position=2), by=factchecker, evidence_url=EVIDENCE)
    claim = claim_for_panel(article=drones.article, claim_id=drones.pk)
    assert [hop.review is not None for hop in claim.hops.all()] == [False, False, True]
    assert claim.hops_confirmed == 1 and claim.weakest_hop.position == 0
