import pytest
from django.test import Client
from django.urls import reverse

from newsverify.review.models import Flag, ReviewAction, ReviewEvent, ReviewStatus
from newsverify.review.services import claim_flag


def url(claim) -> str:  # type: ignore[no-untyped-def]
    return reverse("claim_flag", args=[claim.article_id, claim.pk])


def test_the_service_records_the_flag_and_an_event(drones, editor):
    flag = claim_flag(claim=drones, by=editor, note="  Only TASS says so.  ")
    assert flag.note == "Only TASS says so."
    event = ReviewEvent.objects.get()
    assert (event.actor, event.action, event.claim, event.note) == (
        editor,
        ReviewAction.FLAGGED,
        drones,
        "Only TASS says so.",
    )
    assert event.status_before == event.status_after == ReviewStatus.UNREVIEWED
    assert event.claim_text == "three drones were intercepted"


def test_the_service_refuses_an_empty_note(drones, editor):
    with pytest.raises(ValueError):
        claim_flag(claim=drones, by=editor, note="   ")
    assert not Flag.objects.exists() and not ReviewEvent.objects.exists()


def test_it_rejects_get(editor_client, drones):
    assert editor_client.get(url(drones)).status_code == 405


def test_it_requires_login(client, drones):
    assert client.post(url(drones), {"note": "x"}).status_code == 302
    assert not Flag.objects.exists()


def test_a_factchecker_cannot_flag(factchecker_client, drones):
    assert factchecker_client.post(url(drones), {"note": "x"}).status_code == 403
    assert not Flag.objects.exists()


def test_a_user_without_a_role_cannot_flag(client, outsider, drones):
    client.force_login(outsider)
    assert client.post(url(drones), {"note": "x"}).status_code == 403


def test_an_editor_flags_over_htmx_and_sees_it_on_the_claim(editor_client, editor, drones):
    response = editor_client.post(url(drones), {"note": "Needs the ministry's own statement"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body, "htmx gets the chain panel only"
    assert "Flagged unverified" in body and "Needs the ministry&#x27;s own statement" in body
    assert "ed</strong> flagged as unverified" in body, "the history shows who did it"
    assert Flag.objects.get().created_by == editor


def test_without_htmx_it_redirects_to_the_claim(editor_client, drones):
    response = editor_client.post(url(drones), {"note": "Check it"})
    assert response.status_code == 302
    assert response["Location"] == drones.get_absolute_url()


def test_a_missing_note_is_explained(editor_client, drones):
    response = editor_client.post(url(drones), {"note": ""}, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    assert "a flag needs a note" in response.content.decode()
    assert not Flag.objects.exists()


def test_a_claim_of_another_article_is_404(editor_client, drones):
    response = editor_client.post(reverse("claim_flag", args=[drones.article_id + 1, drones.pk]), {"note": "x"})
    assert response.status_code == 404


def test_htmx_posts_need_the_csrf_token(editor, drones):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(url(drones), {"note": "x"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 403
    assert not Flag.objects.exists()

    page = client.get(drones.get_absolute_url()).content.decode()
    token = client.cookies["csrftoken"].value
    assert 'hx-headers=\'{"X-CSRFToken": "' in page, "every htmx request carries the token from <body>"
    response = client.post(url(drones), {"note": "x"}, HTTP_HX_REQUEST="true", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200
    assert Flag.objects.count() == 1
