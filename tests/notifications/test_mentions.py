"""@username in a comment notifies that person: in the inbox and by e-mail, after commit."""

import pytest
from django.db import transaction

from newsverify.notifications.mentions import mentioned_usernames, mentioned_users
from newsverify.notifications.models import Notification, NotificationKind
from newsverify.review.services import claim_comment
from tests.factories import UserFactory


def test_it_reads_mentions_but_not_email_addresses():
    text = "@ada see this, and @grace.hopper. Mail bob@example.org, not @ada again; (@lin) ok"
    assert mentioned_usernames(text) == ["ada", "grace.hopper.", "lin"]


def test_unknown_names_are_ignored_and_trailing_punctuation_is_dropped(ada, db):
    grace = UserFactory(username="grace.hopper")
    assert mentioned_users("@ada, @grace.hopper. and @nobody-here") == [ada, grace]
    assert mentioned_users("@ADA") == [ada], "any case, when only one user fits"


def test_a_comment_mentioning_someone_notifies_them_after_commit(
    claim, editor, ada, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        claim_comment(claim=claim, by=editor, body="@ada can you check the ministry's statement?")
        assert mailoutbox == [], "nothing is e-mailed before the comment is committed"
    assert len(callbacks) == 1
    notification = Notification.objects.get()
    assert (notification.recipient, notification.actor, notification.kind) == (ada, editor, NotificationKind.MENTION)
    assert notification.subject == "three drones were intercepted" and notification.url == claim.get_absolute_url()
    assert notification.body == "@ada can you check the ministry's statement?" and notification.is_unread
    (mail,) = mailoutbox
    assert mail.to == ["ada@newsroom.example"] and mail.subject == "[newsverify] ed mentioned you"
    assert (
        "three drones were intercepted" in mail.body and f"http://127.0.0.1:8000{claim.get_absolute_url()}" in mail.body
    )


def test_no_self_notification_and_no_one_without_a_role(claim, ada, outsider, mailoutbox):
    claim_comment(claim=claim, by=ada, body="Note to self @ada, and @nobody and @nobody-at-all")
    assert not Notification.objects.exists()


def test_a_comment_rolled_back_notifies_no_one(claim, editor, ada, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        claim_comment(claim=claim, by=editor, body="@ada look")
        raise RuntimeError("the request failed after the comment")
    assert not Notification.objects.exists() and mailoutbox == []


def test_a_user_without_an_email_address_still_gets_the_inbox_entry(
    claim, editor, db, mailoutbox, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Group

    lin = UserFactory(username="lin", email="")
    lin.groups.add(Group.objects.get(name="Editor"))
    with django_capture_on_commit_callbacks(execute=True):
        claim_comment(claim=claim, by=editor, body="cc @lin")
    assert Notification.objects.get().recipient == lin and mailoutbox == []


def test_a_failing_mail_server_does_not_undo_the_comment(
    claim, editor, ada, settings, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1  # nothing listens
    with django_capture_on_commit_callbacks(execute=True):
        comment = claim_comment(claim=claim, by=editor, body="@ada")
    assert comment.pk and Notification.objects.get().recipient == ada
    assert "Could not e-mail notification" in caplog.text


def test_the_api_comment_notifies_too(claim, editor, ada, django_capture_on_commit_callbacks):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(f"/api/v1/claims/{claim.pk}/comments/", {"body": "@ada over to you"}, format="json")
    assert response.status_code in (200, 201), response.content
    assert Notification.objects.get().recipient == ada
