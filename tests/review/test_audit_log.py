"""The audit log is append-only: nothing in the application edits or deletes a record."""

import pytest
from django.contrib import admin
from django.urls import reverse

from newsverify.review.models import AuditLogIsAppendOnly, ReviewAction, ReviewEvent
from newsverify.review.services import claim_flag, claim_set_verdict, hop_confirm
from tests.factories import ArticleFactory, UserFactory

EVIDENCE = "https://example.org/evidence"


@pytest.fixture
def event(drones, editor):  # type: ignore[no-untyped-def]
    claim_flag(claim=drones, by=editor, note="Unverified")
    return ReviewEvent.objects.get()


def test_a_stored_record_cannot_be_saved_again(event):
    event.note = "rewritten"
    with pytest.raises(AuditLogIsAppendOnly):
        event.save()
    event.refresh_from_db()
    assert event.note == "Unverified"


def test_a_record_cannot_be_deleted_one_by_one_or_in_bulk(event):
    with pytest.raises(AuditLogIsAppendOnly):
        event.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        ReviewEvent.objects.all().delete()
    with pytest.raises(AuditLogIsAppendOnly):
        ReviewEvent.objects.filter(pk=event.pk).update(note="rewritten")
    with pytest.raises(AuditLogIsAppendOnly):
        ReviewEvent.objects.update(actor=UserFactory())
    assert ReviewEvent.objects.get().note == "Unverified"


def test_only_the_links_can_be_repointed_when_a_claim_is_replaced(event, drones):
    assert ReviewEvent.objects.filter(pk=event.pk).update(claim=None) == 1


def test_deleting_the_claim_or_the_article_keeps_the_record(event, drones):
    article = drones.article
    drones.delete()
    event.refresh_from_db()
    assert (event.claim, event.claim_text) == (None, "three drones were intercepted")
    article.delete()
    event.refresh_from_db()
    assert event.article is None and event.action == ReviewAction.FLAGGED


def test_the_admin_is_read_only(rf, event):
    model_admin = admin.site._registry[ReviewEvent]
    request = rf.get("/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, event)
    assert not model_admin.has_delete_permission(request, event)


def test_the_admin_refuses_a_delete_post(client, event):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    url = reverse("admin:review_reviewevent_delete", args=[event.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert ReviewEvent.objects.filter(pk=event.pk).exists()


def test_no_url_of_the_app_edits_or_deletes_records():
    from django.urls import get_resolver

    names = [name for name in get_resolver().reverse_dict if isinstance(name, str)]
    assert not [name for name in names if "event" in name and not name.startswith("admin:")]


def test_the_site_log_lists_every_change_newest_first(editor_client, drones, editor, factchecker):
    claim_flag(claim=drones, by=editor, note="Who says so?")
    hop_confirm(hop=drones.hops.get(position=1), by=factchecker, evidence_url=EVIDENCE)
    claim_set_verdict(claim=drones, by=factchecker, verdict="false", evidence_url=EVIDENCE)
    page = editor_client.get(reverse("audit_log")).content.decode()
    assert "<h1>Audit log</h1>" in page
    body = page[page.index('id="results"') :]
    assert body.index("Recorded a verdict") < body.index("Confirmed a hop") < body.index("Flagged as unverified")
    assert "Needs primary source → False" in body and "open → confirmed" in body and "hop 2: TASS" in body
    assert drones.get_absolute_url() in body


def test_the_site_log_filters_by_action_in_the_url(editor_client, drones, editor, factchecker):
    claim_flag(claim=drones, by=editor, note="Who says so?")
    hop_confirm(hop=drones.hops.get(position=1), by=factchecker, evidence_url=EVIDENCE)
    response = editor_client.get(reverse("audit_log"), {"action": "hop_confirmed"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and body.lstrip().startswith('<section id="results"')
    assert "Confirmed a hop" in body and "Flagged as unverified" not in body


def test_the_site_log_paginates(editor_client, drones, editor):
    for n in range(51):
        claim_flag(claim=drones, by=editor, note=f"note {n}")
    body = editor_client.get(reverse("audit_log"), {"action": "flagged"}).content.decode()
    assert "Page 1 of 2" in body and "action=flagged&amp;page=2" in body
    assert "note 0" not in body
    assert "note 0" in editor_client.get(reverse("audit_log"), {"action": "flagged", "page": 2}).content.decode()


def test_the_site_log_needs_a_role(client, outsider):
    assert client.get(reverse("audit_log")).status_code == 302
    client.force_login(outsider)
    assert client.get(reverse("audit_log")).status_code == 403


def test_a_record_of_a_replaced_claim_stays_readable(editor_client, drones, editor):
    claim_flag(claim=drones, by=editor, note="Who says so?")
    ArticleFactory()  # unrelated
    drones.delete()
    body = editor_client.get(reverse("audit_log")).content.decode()
    assert "three drones were intercepted" in body and "(claim replaced)" in body


def test_the_database_refuses_an_edit_that_bypasses_the_application(event):
    from django.db import DatabaseError, connection, transaction

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE review_reviewevent SET note = %s WHERE id = %s", ["rewritten", event.pk])
    event.refresh_from_db()
    assert event.note == "Unverified"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE review_reviewevent SET claim_id = NULL WHERE id = %s", [event.pk])
    event.refresh_from_db()
    assert event.claim_id is None, "links may still move"


def test_postgresql_refuses_a_delete_that_bypasses_the_application(event):
    from django.db import DatabaseError, connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("SQLite keeps DELETE: Django resets SQLite test databases with it")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM review_reviewevent WHERE id = %s", [event.pk])
    assert ReviewEvent.objects.filter(pk=event.pk).exists()


def test_the_site_log_filters_by_who(editor_client, drones, editor, factchecker):
    claim_flag(claim=drones, by=editor, note="Who says so?")
    hop_confirm(hop=drones.hops.get(position=1), by=factchecker, evidence_url=EVIDENCE)
    body = editor_client.get(reverse("audit_log"), {"actor": factchecker.pk}).content.decode()
    results = body[body.index('id="results"') :]
    assert "Confirmed a hop" in results and "Flagged as unverified" not in results
    assert f'<option value="{factchecker.pk}" selected>fc</option>' in body
