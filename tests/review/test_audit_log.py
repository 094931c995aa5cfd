"""The audit log is append-only: nothing in the application edits or deletes a record.

The site-wide log page filters by action, who, date range, text, article and source, in the URL.
"""

import datetime
import zoneinfo
from unittest import mock

import pytest
from django.contrib import admin
from django.urls import reverse

from newsverify.review import selectors
from newsverify.review.forms import AuditFilterForm
from newsverify.review.models import AuditLogIsAppendOnly, ReviewAction, ReviewEvent
from newsverify.review.services import claim_flag, claim_set_verdict, hop_confirm
from tests.factories import ArticleFactory, SourceFactory, UserFactory

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


def record(*, at: datetime.datetime, by, **fields) -> ReviewEvent:  # type: ignore[no-untyped-def]
    """An audit record made at ``at``: records are append-only, so the clock is set instead."""
    fields.setdefault("action", ReviewAction.COMMENTED)
    with mock.patch("django.utils.timezone.now", return_value=at):
        return ReviewEvent.objects.create(actor=by, **fields)


def results(response) -> str:  # type: ignore[no-untyped-def]
    body = response.content.decode()
    return body[body.index('id="results"') :]


@pytest.fixture
def log(db, editor, factchecker):  # type: ignore[no-untyped-def]
    """Records on two articles and a source, around midnight of 10-11 May 2024 in Kyiv (UTC+3)."""
    kyiv = zoneinfo.ZoneInfo("Europe/Kyiv")
    first, second = ArticleFactory(title="First story"), ArticleFactory(title="Second story")
    merged = {"action": ReviewAction.SOURCE_MERGED, "source": SourceFactory(name="TASS"), "subject": "source: TASS"}
    assigned = {"action": ReviewAction.ASSIGNED, "subject": "assignee", "value_before": "nobody"}
    made = [
        ("early", (9, 12, 0), editor, {"article": first, "note": "early note"}),
        ("late", (10, 23, 30), factchecker, {"article": first, "claim_text": "three drones were intercepted"}),
        ("next-day", (11, 0, 30), factchecker, {"article": second, "value_after": "Paxton", **assigned}),
        ("merge", (12, 9, 0), editor, {"value_before": "ITAR-TASS (#9)", **merged}),
    ]
    return {
        name: record(at=datetime.datetime(2024, 5, day, hour, minute, tzinfo=kyiv), by=by, **fields)
        for name, (day, hour, minute), by, fields in made
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"date_from": "2024-05-10"}, ["merge", "next-day", "late"]),
        ({"date_to": "2024-05-10"}, ["late", "early"]),
        ({"date_from": "2024-05-10", "date_to": "2024-05-10"}, ["late"]),
        ({"date_from": "2024-05-11", "date_to": "2024-05-11"}, ["next-day"]),
        ({"q": "DRONES"}, ["late"]),
        ({"q": "early"}, ["early"]),
        ({"q": "assignee"}, ["next-day"]),
        ({"q": "paxton"}, ["next-day"]),
        ({"q": "itar"}, ["merge"]),
        ({"action": "assigned"}, ["next-day"]),
        ({"date_to": "2024-05-11", "q": "e"}, ["next-day", "late", "early"]),
    ],
)
def test_each_filter_narrows_the_site_log(editor_client, settings, log, params, expected):
    settings.TIME_ZONE = "Europe/Kyiv"
    assert list(selectors.audit_events(filters=AuditFilterForm(params).applied())) == [log[k] for k in expected]
    body = results(editor_client.get(reverse("audit_log"), params))
    assert body.count("<tr>") - 1 == len(expected)  # the header row, then one row a record


def test_the_to_day_is_a_whole_day_in_the_site_time_zone(settings, log):
    # 23:30 on 10 May in Kyiv is 20:30 UTC; 00:30 on 11 May in Kyiv is still 10 May in UTC.
    settings.TIME_ZONE = "UTC"
    assert list(selectors.audit_events(filters={"date_to": datetime.date(2024, 5, 10)})) == [
        log["next-day"],
        log["late"],
        log["early"],
    ]
    settings.TIME_ZONE = "Europe/Kyiv"
    assert list(selectors.audit_events(filters={"date_to": datetime.date(2024, 5, 10)})) == [log["late"], log["early"]]


def test_the_site_log_filters_by_article_and_source(editor_client, log, editor, factchecker):
    first = log["early"].article
    response = editor_client.get(reverse("audit_log"), {"article": first.pk})
    body = results(response)
    assert "three drones were intercepted" in body and "early note" in body
    assert "Paxton" not in body and "ITAR-TASS" not in body
    assert "Article id: <strong>First story (#" in body
    body = results(editor_client.get(reverse("audit_log"), {"source": log["merge"].source_id}))
    assert "ITAR-TASS" in body and "early note" not in body and "Paxton" not in body
    # Each record links to the log of its article or source.
    everything = results(editor_client.get(reverse("audit_log")))
    assert f'href="/audit/?article={first.pk}"' in everything
    assert f'href="/audit/?source={log["merge"].source_id}"' in everything


def test_the_filters_round_trip_in_the_url(editor_client, settings, log, factchecker):
    settings.TIME_ZONE = "Europe/Kyiv"
    params = {
        "q": "drones",
        "action": "commented",
        "actor": str(factchecker.pk),
        "date_from": "2024-05-10",
        "date_to": "2024-05-10",
        "article": str(log["late"].article_id),
    }
    page = editor_client.get(reverse("audit_log"), params).content.decode()
    assert 'hx-push-url="true"' in page and 'hx-target="#results"' in page
    assert 'name="q" value="drones"' in page
    assert '<option value="commented" selected>' in page
    assert f'<option value="{factchecker.pk}" selected>fc</option>' in page
    assert 'name="date_from" value="2024-05-10"' in page and 'name="date_to" value="2024-05-10"' in page
    assert f'name="article" value="{log["late"].article_id}"' in page
    body = results(editor_client.get(reverse("audit_log"), params))
    assert "three drones were intercepted" in body and body.count("<tr>") == 2
    # The summary names each filter, with a link that drops just that one, and one that clears them all.
    assert "Search: <strong>“drones”</strong>" in body and "Who: <strong>fc</strong>" in body
    assert "From: <strong>10 May 2024</strong>" in body and "Clear filters" in body
    article = log["late"].article_id
    without_search = f"?action=commented&amp;actor={factchecker.pk}&amp;date_from=2024-05-10&amp;date_to=2024-05-10"
    assert f'href="/audit/{without_search}&amp;article={article}"' in body
    assert f'href="/audit/?q=drones&amp;{without_search[1:]}"' in body  # without the article


def test_pagination_keeps_every_filter(editor_client, drones, editor):
    for n in range(51):
        claim_flag(claim=drones, by=editor, note=f"note {n}")
    params = {"q": "note", "article": drones.article_id, "actor": editor.pk}
    body = editor_client.get(reverse("audit_log"), params).content.decode()
    assert "Page 1 of 2" in body
    assert f"q=note&amp;article={drones.article_id}&amp;actor={editor.pk}&amp;page=2" in body


def test_htmx_gets_only_the_results_with_the_summary(editor_client, log):
    response = editor_client.get(reverse("audit_log"), {"q": "drones"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and body.lstrip().startswith('<section id="results"')
    assert "three drones were intercepted" in body and "early note" not in body
    assert "Search: <strong>“drones”</strong>" in body


@pytest.mark.parametrize("htmx", [False, True])
def test_a_bad_filter_is_an_error_not_a_failure(editor_client, log, htmx):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    params = {"date_from": "10/05/2024x", "article": "999999", "q": "drones"}
    response = editor_client.get(reverse("audit_log"), params, **headers)
    assert response.status_code == 200
    body = results(response)
    assert "Left out of the filtering" in body and 'id="id_date_from_error">From: Enter a valid date.' in body
    assert "Article id: There is no article with this id." in body
    assert "three drones were intercepted" in body and "early note" not in body, "the valid filter still applies"


def test_a_reversed_date_range_is_explained(editor_client, log):
    response = editor_client.get(reverse("audit_log"), {"date_from": "2024-05-12", "date_to": "2024-05-01"})
    assert response.status_code == 200
    assert "before the “from” date" in results(response)


def test_search_text_is_escaped(editor_client, log):
    body = editor_client.get(reverse("audit_log"), {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body
