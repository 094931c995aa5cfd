import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from newsverify.review.models import ReviewAction, ReviewEvent
from newsverify.review.services import ReviewRefused, claim_assign
from tests.factories import UserFactory


def url(claim) -> str:  # type: ignore[no-untyped-def]
    return reverse("claim_assign", args=[claim.article_id, claim.pk])


def test_the_service_assigns_and_records_before_and_after(drones, editor, factchecker):
    event = claim_assign(claim=drones, by=editor, assignee=factchecker)
    drones.refresh_from_db()
    assert drones.assignee == factchecker
    assert (event.action, event.value_before, event.value_after, event.actor) == (
        ReviewAction.ASSIGNED,
        "nobody",
        "fc",
        editor,
    )
    assert claim_assign(claim=drones, by=editor, assignee=factchecker) is None, "no change, no record"
    event = claim_assign(claim=drones, by=editor, assignee=None)
    assert (event.value_before, event.value_after) == ("fc", "nobody")
    assert ReviewEvent.objects.count() == 2


def test_only_a_factchecker_can_be_assigned(drones, editor):
    with pytest.raises(ReviewRefused, match="not a fact-checker"):
        claim_assign(claim=drones, by=editor, assignee=editor)


def test_an_editor_assigns_a_claim_in_the_panel(editor_client, drones, factchecker):
    response = editor_client.post(url(drones), {"assignee": factchecker.pk}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert f'<option value="{factchecker.pk}" selected>fc</option>' in body
    assert "nobody → fc" in body


def test_the_choices_are_only_factcheckers(editor_client, drones, editor):
    response = editor_client.post(url(drones), {"assignee": editor.pk}, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    drones.refresh_from_db()
    assert drones.assignee is None


def test_a_user_without_the_permission_gets_403(client, drones, factchecker):
    reader = UserFactory(username="reader")
    reader.groups.add(Group.objects.get(name="Editor"))
    reader.user_permissions.clear()
    Group.objects.get(name="Editor").permissions.remove(
        *Group.objects.get(name="Editor").permissions.filter(codename="assign_claim")
    )
    client.force_login(reader)
    assert client.post(url(drones), {"assignee": factchecker.pk}).status_code == 403


def test_it_requires_login(client, drones, factchecker):
    assert client.post(url(drones), {"assignee": factchecker.pk}).status_code == 302
