import pytest
from django.urls import reverse

from newsverify.review.models import Comment, ReviewAction, ReviewEvent
from newsverify.review.services import ReviewRefused, claim_comment


def url(claim) -> str:  # type: ignore[no-untyped-def]
    return reverse("claim_comment", args=[claim.article_id, claim.pk])


def test_the_service_adds_to_the_thread_and_the_log(drones, editor):
    comment = claim_comment(claim=drones, by=editor, body="  Is there a transcript?  ")
    assert (comment.body, comment.author) == ("Is there a transcript?", editor)
    assert ReviewEvent.objects.get().action == ReviewAction.COMMENTED
    with pytest.raises(ReviewRefused):
        claim_comment(claim=drones, by=editor, body="   ")


def test_the_thread_is_in_order_in_the_panel(editor_client, factchecker_client, drones, editor, factchecker):
    claim_comment(claim=drones, by=editor, body="Is there a transcript?")
    response = factchecker_client.post(url(drones), {"body": "Asking <the> ministry"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.index("Is there a transcript?") < body.index("Asking &lt;the&gt; ministry")
    assert Comment.objects.count() == 2


def test_an_empty_comment_is_explained(editor_client, drones):
    response = editor_client.post(url(drones), {"body": ""}, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    assert "the comment is empty" in response.content.decode()


def test_a_user_without_a_role_gets_403(client, outsider, drones):
    client.force_login(outsider)
    assert client.post(url(drones), {"body": "hi"}).status_code == 403
    assert not Comment.objects.exists()
