"""The inbox page, its unread count in the header, and marking notifications read."""

from django.urls import reverse

from newsverify.notifications.models import Notification, NotificationKind
from newsverify.notifications.services import notification_send
from tests.factories import UserFactory


def send(recipient, actor, subject, url="/articles/1/claims/1/"):  # type: ignore[no-untyped-def]
    return notification_send(recipient=recipient, actor=actor, kind=NotificationKind.MENTION, subject=subject, url=url)


def test_it_requires_login(client, db):
    response = client.get(reverse("inbox"))
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_it_lists_ones_own_notifications_newest_first(ada_client, ada, editor):
    send(ada, editor, "the first claim")
    send(ada, editor, "the second claim")
    send(editor, ada, "someone else's")
    body = ada_client.get(reverse("inbox")).content.decode()
    assert body.index("the second claim") < body.index("the first claim")
    assert "someone else&#x27;s" not in body and "someone else's" not in body
    assert body.count('class="new-tag"') == 2 and "Mark all read" in body


def test_the_header_shows_the_unread_count_on_every_page(ada_client, ada, editor):
    page = ada_client.get(reverse("article_list")).content.decode()
    assert '<a id="inbox-link" class="inbox-link" href="/inbox/">Inbox</a>' in page
    send(ada, editor, "one")
    send(ada, editor, "two")
    for url in (reverse("article_list"), reverse("review_queue"), reverse("source_list"), reverse("inbox")):
        page = ada_client.get(url).content.decode()
        assert 'Inbox <span class="unread-count">(2<span class="visually-hidden"> unread</span>)</span>' in page, url


def test_opening_a_notification_marks_it_read_and_leads_to_its_claim(ada_client, ada, editor):
    notification = send(ada, editor, "a claim", url="/articles/7/claims/9/")
    response = ada_client.get(notification.get_absolute_url())
    assert response.status_code == 302 and response["Location"] == "/articles/7/claims/9/"
    notification.refresh_from_db()
    assert not notification.is_unread


def test_mark_read_with_htmx_swaps_the_row_and_the_count(ada_client, ada, editor):
    first = send(ada, editor, "one")
    send(ada, editor, "two")
    response = ada_client.post(reverse("notification_read", args=[first.pk]), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert f'id="notification-{first.pk}" class="notification"' in body and "Mark read" not in body
    assert 'hx-swap-oob="true"' in body and "(1<span" in body
    first.refresh_from_db()
    assert first.read_at is not None


def test_mark_read_and_mark_all_read_without_javascript(ada_client, ada, editor):
    first = send(ada, editor, "one")
    send(ada, editor, "two")
    send(ada, editor, "three")
    response = ada_client.post(reverse("notification_read", args=[first.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("inbox")
    assert Notification.objects.filter(recipient=ada, read_at__isnull=True).count() == 2
    response = ada_client.post(reverse("notifications_read_all"), follow=True)
    assert not Notification.objects.filter(recipient=ada, read_at__isnull=True).exists()
    assert 'class="new-tag"' not in response.content.decode() and "Mark all read" not in response.content.decode()


def test_another_persons_notification_is_not_found_and_stays_unread(ada_client, editor, db):
    theirs = send(editor, UserFactory(username="grace"), "theirs")
    assert ada_client.get(theirs.get_absolute_url()).status_code == 404
    assert ada_client.post(reverse("notification_read", args=[theirs.pk])).status_code == 404
    ada_client.post(reverse("notifications_read_all"))
    theirs.refresh_from_db()
    assert theirs.is_unread


def test_marking_read_needs_post(ada_client, ada, editor):
    notification = send(ada, editor, "one")
    assert ada_client.get(reverse("notification_read", args=[notification.pk])).status_code == 405
    assert ada_client.get(reverse("notifications_read_all")).status_code == 405


def test_the_text_is_escaped(ada_client, ada, editor):
    notification_send(
        recipient=ada, actor=editor, kind=NotificationKind.MENTION, subject="<script>x</script>", url="/", body="<b>"
    )
    body = ada_client.get(reverse("inbox")).content.decode()
    assert "<script>x</script>" not in body and "&lt;script&gt;x&lt;/script&gt;" in body and "&lt;b&gt;" in body


def test_a_person_whose_role_was_taken_away_reads_no_notifications(client, ada, editor):
    """Notifications quote claims and comments: like every page, they need a newsroom role."""
    notification = send(ada, editor, "a claim only the newsroom may read")
    ada.groups.clear()
    client.force_login(ada)
    assert client.get(reverse("inbox")).status_code == 403
    assert client.get(reverse("notification_open", args=[notification.pk])).status_code == 403
    assert client.post(reverse("notification_read", args=[notification.pk])).status_code == 403
    assert client.post(reverse("notifications_read_all")).status_code == 403
    notification.refresh_from_db()
    assert notification.read_at is None
