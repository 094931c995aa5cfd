import pytest
from django.test import Client
from django.urls import reverse

from newsverify.review.models import Flag, ReviewAction, ReviewEvent, ReviewStatus
from newsverify.review.services import claim_flag, claim_verdict

EVIDENCE = "https://example.org/ministry-statement"


def url(claim) -> str:  # type: ignore[no-untyped-def]
    return reverse("claim_verdict", args=[claim.article_id, claim.pk])


def test_the_service_sets_the_status_records_before_and_after_and_closes_flags(drones, editor, factchecker):
    claim_flag(claim=drones, by=editor, note="Unverified")
    event = claim_verdict(
        claim=drones, by=factchecker, status=ReviewStatus.VERIFIED, evidence_url=EVIDENCE, note="Matches"
    )
    drones.refresh_from_db()
    assert drones.review_status == ReviewStatus.VERIFIED
    assert (event.action, event.status_before, event.status_after) == (
        ReviewAction.VERDICT,
        ReviewStatus.UNREVIEWED,
        ReviewStatus.VERIFIED,
    )
    assert event.evidence_url == EVIDENCE and event.actor == factchecker
    flag = Flag.objects.get()
    assert (flag.resolved_by, flag.resolved_at is not None) == (factchecker, True)


def test_the_service_needs_evidence_and_a_known_verdict(drones, factchecker):
    with pytest.raises(ValueError):
        claim_verdict(claim=drones, by=factchecker, status=ReviewStatus.VERIFIED, evidence_url=" ")
    with pytest.raises(ValueError):
        claim_verdict(claim=drones, by=factchecker, status="maybe", evidence_url=EVIDENCE)
    assert not ReviewEvent.objects.exists()


def test_the_database_refuses_a_verdict_event_without_evidence(drones, factchecker):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        ReviewEvent.objects.create(
            article=drones.article,
            claim=drones,
            claim_text=drones.text,
            actor=factchecker,
            action=ReviewAction.VERDICT,
            status_before="unreviewed",
            status_after="verified",
            evidence_url="",
        )


def test_an_editor_cannot_record_a_verdict(editor_client, drones):
    response = editor_client.post(url(drones), {"status": "verified", "evidence_url": EVIDENCE})
    assert response.status_code == 403
    drones.refresh_from_db()
    assert drones.review_status == ReviewStatus.UNREVIEWED


def test_it_requires_login(client, drones):
    assert client.post(url(drones), {"status": "verified", "evidence_url": EVIDENCE}).status_code == 302


def test_a_factchecker_marks_a_chain_disputed(factchecker_client, drones):
    response = factchecker_client.post(
        url(drones),
        {"status": "disputed", "evidence_url": EVIDENCE, "note": "TASS retracted", "confirm_open_hops": "on"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Unreviewed → Disputed" in body
    assert f'href="{EVIDENCE}"' in body
    drones.refresh_from_db()
    assert drones.review_status == ReviewStatus.DISPUTED


def test_a_verdict_without_evidence_is_explained(factchecker_client, drones):
    response = factchecker_client.post(url(drones), {"status": "verified", "evidence_url": ""}, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    assert "A verdict needs an evidence URL." in response.content.decode()


def test_htmx_posts_need_the_csrf_token(factchecker, drones):
    client = Client(enforce_csrf_checks=True)
    client.force_login(factchecker)
    response = client.post(url(drones), {"status": "verified", "evidence_url": EVIDENCE}, HTTP_HX_REQUEST="true")
    assert response.status_code == 403
    assert not ReviewEvent.objects.exists()


def test_evidence_must_be_a_web_address(factchecker_client, drones):
    response = factchecker_client.post(
        url(drones), {"status": "verified", "evidence_url": "ftp://example.org/x"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 422
    assert "Enter an http or https address." in response.content.decode()
    assert not ReviewEvent.objects.exists()


def test_a_verdict_on_a_chain_with_open_hops_asks_for_confirmation(factchecker_client, drones):
    open_hops = drones.hops.count()
    assert open_hops >= 2
    given = {"status": "verified", "evidence_url": EVIDENCE}
    response = factchecker_client.post(url(drones), given, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 422
    assert f"{open_hops} hops of this chain are still open" in body
    assert f"Record the verdict despite {open_hops} open hops" in body
    assert 'name="confirm_open_hops"' in body
    assert 'value="https://example.org/ministry-statement"' in body, "what was typed is kept for the second step"
    assert not ReviewEvent.objects.exists()

    response = factchecker_client.post(url(drones), given | {"confirm_open_hops": "on"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    drones.refresh_from_db()
    assert drones.review_status == ReviewStatus.VERIFIED


def test_no_confirmation_is_asked_once_every_hop_is_confirmed_or_for_a_status_change(
    factchecker_client, drones, factchecker
):
    from newsverify.review.services import hop_confirm

    response = factchecker_client.post(url(drones), {"status": "needs_primary_source"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200, "not a verdict: nothing to confirm"
    for hop in drones.hops.all():
        hop_confirm(hop=hop, by=factchecker, evidence_url=EVIDENCE)
    response = factchecker_client.post(url(drones), {"status": "verified", "evidence_url": EVIDENCE})
    assert response.status_code == 302
    drones.refresh_from_db()
    assert drones.review_status == ReviewStatus.VERIFIED


def test_after_an_action_one_short_message_is_announced_and_the_panel_is_not_a_live_region(factchecker_client, drones):
    import json

    comment_url = reverse("claim_comment", args=[drones.article_id, drones.pk])
    response = factchecker_client.post(comment_url, {"body": "Asked TASS."}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert json.loads(response["HX-Trigger"]) == {"announce": {"message": "Comment added."}}
    page = factchecker_client.get(drones.get_absolute_url()).content.decode()
    panel = page[page.index('id="chain-panel"') :].split(">", 1)[0]
    assert "aria-live" not in panel, "the whole panel would be read out after every swap"
    assert 'id="status-message"' in page and 'aria-live="polite"' in page
