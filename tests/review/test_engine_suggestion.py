"""The engine's reading of a corrected claim, kept beside it by re-analysis: a reviewer accepts it
(it becomes the claim) or dismisses it (kept as dismissed, not offered again while the engine reads
the same), in the chain panel and through the API, each a recorded event, for the roles that correct."""

from __future__ import annotations

import dataclasses
import json

import pytest
from django.urls import reverse

from newsverify.articles.services import analysis_store
from newsverify.attribution import Evidence
from newsverify.attribution import Hop as EngineHop
from newsverify.review.corrections import (
    SourcePick,
    claim_kind_change,
    engine_suggestion_accept,
    engine_suggestion_dismiss,
    hop_source_change,
)
from newsverify.review.models import Claim, HopReview, ReviewAction, ReviewEvent, ReviewStatus
from newsverify.review.selectors import claims_for_article
from newsverify.review.services import ReviewRefused, hop_confirm
from newsverify.review.source_citations import source_citations_recount
from newsverify.sources.models import SourceType
from tests.api.conftest import token_client
from tests.reports import small_report

EVIDENCE = "https://example.org/evidence"


def chain(claim: Claim) -> list[str]:
    return [hop.source.name for hop in claim.hops.order_by("position")]


def events(claim: Claim, action: ReviewAction) -> list[ReviewEvent]:
    return list(ReviewEvent.objects.filter(claim=claim, action=action).order_by("id"))


@pytest.fixture
def suggested(article, drones, factchecker) -> Claim:  # type: ignore[no-untyped-def]
    """``drones`` with TASS (hop 2) confirmed, then corrected (a press office as origin, a direct
    quote), then re-analysed: the engine's own reading stands beside it as a suggestion."""
    hop_confirm(hop=drones.hops.get(position=1), by=factchecker, evidence_url=EVIDENCE)
    hop_source_change(
        claim=drones,
        by=factchecker,
        position=0,
        source=SourcePick(name="Ministry press office", type=SourceType.GOVERNMENT_BODY),
    )
    claim_kind_change(claim=drones, by=factchecker, kind="direct")
    analysis_store(article_id=article.pk, report=small_report())
    drones.refresh_from_db()
    assert drones.engine_suggestion_open
    return drones


def test_accepting_makes_the_engines_reading_the_claims_and_records_it(suggested, editor):
    engine_suggestion_accept(claim=suggested, by=editor, note="The engine had it right.")
    suggested.refresh_from_db()
    assert chain(suggested) == ["Defence Ministry", "TASS", "CNN"]
    assert (suggested.kind, suggested.depth, suggested.engine_suggestion) == ("according_to", 3, None)
    assert suggested.corrected_by == editor, "still a reviewer's reading: re-analysis keeps it"
    # TASS stays where it was confirmed; the origin is a new link nobody has confirmed.
    assert list(HopReview.objects.filter(claim=suggested).values_list("position", "source__name")) == [(1, "TASS")]
    assert HopReview.objects.get(claim=suggested).hop == suggested.hops.get(position=1)
    assert suggested.hops.get(position=0).article_source is not None, "the mention in the text is found again"
    (event,) = events(suggested, ReviewAction.SUGGESTION_ACCEPTED)
    assert (event.actor, event.note) == (editor, "The engine had it right.")
    assert event.value_before == "“three drones were intercepted” (Direct quote): Ministry press office → TASS → CNN"
    assert event.value_after == "“three drones were intercepted” (According to): Defence Ministry → TASS → CNN"


def test_an_accepted_reading_is_kept_by_the_next_reanalysis_with_nothing_left_to_suggest(article, suggested, editor):
    engine_suggestion_accept(claim=suggested, by=editor)
    analysis_store(article_id=article.pk, report=small_report())
    suggested.refresh_from_db()
    assert suggested.engine_suggestion is None
    assert chain(suggested) == ["Defence Ministry", "TASS", "CNN"]


def test_accepting_reopens_a_verified_chain_that_gains_an_open_link(suggested, factchecker, editor):
    for hop in suggested.hops.filter(position__in=[0, 2]):
        hop_confirm(hop=hop, by=factchecker, evidence_url=EVIDENCE)
    Claim.objects.filter(pk=suggested.pk).update(review_status=ReviewStatus.VERIFIED)
    source_citations_recount()  # the status set behind the services' back: the sources' kept counts too
    engine_suggestion_accept(claim=suggested, by=editor)
    suggested.refresh_from_db()
    assert suggested.review_status == ReviewStatus.NEEDS_PRIMARY_SOURCE
    withdrawn = events(suggested, ReviewAction.HOP_WITHDRAWN)
    assert [event.subject for event in withdrawn][-1] == "hop 1: Ministry press office"


def test_dismissing_keeps_the_reviewers_reading_and_is_not_offered_again_for_the_same_reading(
    article, suggested, factchecker
):
    reviewer = chain(suggested)
    engine_suggestion_dismiss(claim=suggested, by=factchecker, note="The press office issued it.")
    suggested.refresh_from_db()
    assert chain(suggested) == reviewer
    assert suggested.engine_suggestion["dismissed"] is True
    assert not suggested.engine_suggestion_open
    (event,) = events(suggested, ReviewAction.SUGGESTION_DISMISSED)
    assert event.value_before == "“three drones were intercepted” (According to): Defence Ministry → TASS → CNN"

    analysis_store(article_id=article.pk, report=small_report())
    suggested.refresh_from_db()
    assert not suggested.engine_suggestion_open, "the same reading is not offered twice"

    # A different reading of the same place is news: it is offered.
    report = small_report()
    other = dataclasses.replace(report.claims[0], chain=(EngineHop("s2", Evidence.EXPLICIT),))
    analysis_store(article_id=article.pk, report=dataclasses.replace(report, claims=(other, *report.claims[1:])))
    suggested.refresh_from_db()
    assert suggested.engine_suggestion_open
    assert [hop["source"] for hop in suggested.engine_suggestion["chain"]] == ["TASS"]


def test_accepting_that_the_engine_reads_no_claim_there_marks_it_not_a_claim(article, drones, editor):
    claim_kind_change(claim=drones, by=editor, kind="direct")
    report = small_report()
    analysis_store(article_id=article.pk, report=dataclasses.replace(report, claims=report.claims[1:]))
    drones.refresh_from_db()
    assert drones.engine_suggestion["absent"] is True
    engine_suggestion_accept(claim=drones, by=editor)
    drones.refresh_from_db()
    assert drones.not_a_claim and drones.retired_at is not None
    assert drones not in claims_for_article(article)
    assert events(drones, ReviewAction.SUGGESTION_ACCEPTED)[0].value_after == "not a claim"


def test_there_is_nothing_to_accept_or_dismiss_without_a_suggestion(drones, editor):
    for decide in (engine_suggestion_accept, engine_suggestion_dismiss):
        with pytest.raises(ReviewRefused, match="no other reading"):
            decide(claim=drones, by=editor)
    assert not ReviewEvent.objects.filter(claim=drones).exists()


# The chain panel.


def _url(claim: Claim, decision: str) -> str:
    return reverse(f"engine_suggestion_{decision}", args=[claim.article_id, claim.pk])


def test_the_panel_offers_both_to_those_who_correct_and_neither_to_others(suggested, client, editor, outsider):
    client.force_login(editor)
    body = client.get(suggested.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert f'hx-post="{_url(suggested, "accept")}"' in body
    assert f'hx-post="{_url(suggested, "dismiss")}"' in body


def test_accepting_in_the_panel_swaps_the_panel_and_the_text_and_announces_it(suggested, factchecker_client):
    response = factchecker_client.post(_url(suggested, "accept"), {"note": ""}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Defence Ministry</span> → <span>TASS</span> → <span>CNN</span>" in body
    assert "The engine now reads:" not in body
    assert 'id="article-text"' in body and 'hx-swap-oob="true"' in body
    assert json.loads(response["HX-Trigger"]) == {"announce": {"message": "The engine’s reading is now the claim’s."}}
    assert len(events(suggested, ReviewAction.SUGGESTION_ACCEPTED)) == 1


def test_dismissing_in_the_panel_without_htmx_redirects_to_the_claim(suggested, editor_client):
    response = editor_client.post(_url(suggested, "dismiss"), {"note": "Ours stands."})
    assert response.status_code == 302 and response["Location"] == suggested.get_absolute_url()
    body = editor_client.get(response["Location"]).content.decode()
    assert "was dismissed" in body
    assert f'hx-post="{_url(suggested, "dismiss")}"' not in body
    assert events(suggested, ReviewAction.SUGGESTION_DISMISSED)[0].note == "Ours stands."


def test_a_refusal_is_shown_in_the_panel(drones, editor_client):
    response = editor_client.post(_url(drones, "accept"), HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    assert "The engine suggests no other reading of this claim" in response.content.decode()


@pytest.mark.parametrize("decision", ["accept", "dismiss"])
def test_the_panel_refuses_users_without_the_role_and_anonymous_ones(suggested, client, outsider, decision):
    response = client.post(_url(suggested, decision))
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(outsider)
    assert client.post(_url(suggested, decision)).status_code == 403
    assert client.get(_url(suggested, decision)).status_code in (403, 405)
    suggested.refresh_from_db()
    assert suggested.engine_suggestion_open
    assert not ReviewEvent.objects.filter(action__startswith="suggestion").exists()


# The API.


def _api(claim: Claim, decision: str) -> str:
    return f"/api/v1/claims/{claim.pk}/suggestion/{decision}/"


def test_the_api_accepts_and_answers_with_the_claim(suggested, factchecker):
    response = token_client(factchecker).post(_api(suggested, "accept"), {"note": "Right."}, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert [hop["source"]["name"] for hop in body["chain"]] == ["Defence Ministry", "TASS", "CNN"]
    assert (body["kind"], body["engine_suggestion"]) == ("according_to", None)
    assert events(suggested, ReviewAction.SUGGESTION_ACCEPTED)[0].actor == factchecker


def test_the_api_dismisses_and_says_so_in_the_claim(suggested, editor):
    response = token_client(editor).post(_api(suggested, "dismiss"), {}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["engine_suggestion"]["dismissed"] is True
    assert events(suggested, ReviewAction.SUGGESTION_DISMISSED)[0].actor == editor
    again = token_client(editor).post(_api(suggested, "dismiss"), {}, format="json")
    assert again.status_code == 400
    assert "no other reading" in again.json()["detail"]


@pytest.mark.parametrize("decision", ["accept", "dismiss"])
def test_the_api_refuses_users_without_the_role_and_anonymous_ones(suggested, outsider, decision):
    from rest_framework.test import APIClient

    assert APIClient().post(_api(suggested, decision), {}, format="json").status_code == 401
    response = token_client(outsider).post(_api(suggested, decision), {}, format="json")
    assert response.status_code == 403
    assert "newsroom role" in response.json()["detail"]
    assert not ReviewEvent.objects.filter(action__startswith="suggestion").exists()
