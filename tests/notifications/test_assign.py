"""An assignment notifies the assignee; a bulk assignment notifies once."""

from newsverify.notifications.models import Notification, NotificationKind
from newsverify.review.services import claim_assign, claims_bulk_assign
from tests.factories import ClaimFactory


def test_the_assignee_is_notified_in_the_inbox_and_by_email(
    claim, factchecker, ada, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        claim_assign(claim=claim, by=factchecker, assignee=ada)
    notification = Notification.objects.get()
    assert (notification.recipient, notification.actor, notification.kind) == (
        ada,
        factchecker,
        NotificationKind.ASSIGNED,
    )
    assert notification.url == claim.get_absolute_url()
    (mail,) = mailoutbox
    assert mail.subject == "[newsverify] fc assigned you" and mail.to == ["ada@newsroom.example"]


def test_taking_a_claim_oneself_or_unassigning_notifies_no_one(claim, ada, factchecker):
    claim_assign(claim=claim, by=ada, assignee=ada)
    claim_assign(claim=claim, by=factchecker, assignee=None)
    assert not Notification.objects.exists()


def test_assigning_again_to_the_same_person_notifies_once(claim, factchecker, ada):
    claim_assign(claim=claim, by=factchecker, assignee=ada)
    assert claim_assign(claim=claim, by=factchecker, assignee=ada) is None
    assert Notification.objects.count() == 1


def test_a_bulk_assignment_sends_one_notification_for_the_batch(
    factchecker, ada, mailoutbox, django_capture_on_commit_callbacks
):
    claims = [ClaimFactory(), ClaimFactory()]
    with django_capture_on_commit_callbacks(execute=True):
        assert claims_bulk_assign(claims=claims, by=factchecker, assignee=ada) == 2
    notification = Notification.objects.get()
    assert notification.subject == "2 claims" and notification.url == "/review/?assignee=me"
    assert len(mailoutbox) == 1
    claims_bulk_assign(claims=[claims[0], ClaimFactory()], by=factchecker, assignee=ada)
    assert Notification.objects.count() == 2 and Notification.objects.first().subject != "2 claims"


def test_the_web_assignment_notifies(claim, factchecker_client, ada):
    response = factchecker_client.post(
        f"/articles/{claim.article_id}/claims/{claim.pk}/assign/", {"assignee": ada.pk}, follow=True
    )
    assert response.status_code == 200
    assert Notification.objects.get().recipient == ada
