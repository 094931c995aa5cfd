"""The review queue: filters in the URL, sorting, pagination, bulk actions, permissions."""

import datetime

import pytest
from django.urls import reverse

from newsverify.review.models import Claim, ClaimKind, ReviewEvent, ReviewStatus
from newsverify.review.services import claim_assign, claim_flag, claim_set_verdict
from newsverify.sources.models import SourceType
from tests.factories import ArticleFactory, ClaimFactory, HopFactory, SourceFactory

EVIDENCE = "https://example.org/evidence"
URL = "/review/"


def rows(response) -> list[str]:  # type: ignore[no-untyped-def]
    """Claim texts in the results table, in order."""
    body = response.content.decode()
    body = body[body.index('id="results"') :]
    texts = []
    for chunk in body.split('<td class="title"><a href="')[1:]:
        texts.append(chunk.split(">", 1)[1].split("</a>", 1)[0])
    return texts


@pytest.fixture
def queue(db):  # type: ignore[no-untyped-def]
    """Three articles, claims of several depths, kinds and sources."""
    old = ArticleFactory(title="Old story", publisher="Daily Planet", published_on=datetime.date(2024, 1, 5))
    new = ArticleFactory(title="New story", publisher="Example Times", published_on=datetime.date(2024, 6, 1))
    anonymous = SourceFactory(name="officials", type=SourceType.ANONYMOUS)
    tass = SourceFactory(name="TASS", type=SourceType.NEWS_AGENCY)
    ministry = SourceFactory(name="Defence Ministry", type=SourceType.GOVERNMENT_BODY)
    claims = {
        "anon-secondhand": ClaimFactory(article=new, text="anon secondhand", depth=2, kind=ClaimKind.INDIRECT),
        "named-secondhand": ClaimFactory(article=old, text="named secondhand", depth=2, kind=ClaimKind.DIRECT),
        "firsthand": ClaimFactory(article=new, text="firsthand", depth=1, kind=ClaimKind.ACCORDING_TO),
        "own": ClaimFactory(article=old, text="own reporting", depth=0, kind=ClaimKind.UNATTRIBUTED),
    }
    HopFactory(claim=claims["anon-secondhand"], position=0, source=anonymous)
    HopFactory(claim=claims["anon-secondhand"], position=1, source=tass)
    HopFactory(claim=claims["named-secondhand"], position=0, source=ministry)
    HopFactory(claim=claims["named-secondhand"], position=1, source=tass)
    HopFactory(claim=claims["firsthand"], position=0, source=ministry)
    return claims


def test_it_requires_login_and_a_role(client, outsider):
    assert client.get(URL).status_code == 302
    client.force_login(outsider)
    assert client.get(URL).status_code == 403


def test_it_lists_claims_across_articles_newest_article_first(editor_client, queue):
    response = editor_client.get(URL)
    assert response.status_code == 200
    assert rows(response) == ["anon secondhand", "firsthand", "named secondhand", "own reporting"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"depth": "2"}, ["anon secondhand", "named secondhand"]),
        ({"depth": "0"}, ["own reporting"]),
        ({"kind": "direct"}, ["named secondhand"]),
        ({"source": "tass"}, ["anon secondhand", "named secondhand"]),
        ({"source_type": "anonymous"}, ["anon secondhand"]),
        ({"depth": "2", "source_type": "anonymous"}, ["anon secondhand"]),
        ({"publisher": "planet"}, ["named secondhand", "own reporting"]),
        ({"published_from": "2024-03-01"}, ["anon secondhand", "firsthand"]),
        ({"published_from": "2024-03-01", "published_to": "2024-01-01"}, ["named secondhand", "own reporting"]),
        ({"q": "firsthand"}, ["firsthand"]),
        ({"sort": "oldest"}, ["named secondhand", "own reporting", "anon secondhand", "firsthand"]),
        ({"sort": "deepest", "depth": "2"}, ["anon secondhand", "named secondhand"]),
    ],
)
def test_each_filter_narrows_the_queue(editor_client, queue, params, expected):
    assert rows(editor_client.get(URL, params)) == expected


def test_status_assignee_and_flag_filters(editor_client, queue, editor, factchecker):
    claim_set_verdict(claim=queue["firsthand"], by=factchecker, verdict=ReviewStatus.DISPUTED, evidence_url=EVIDENCE)
    claim_assign(claim=queue["own"], by=editor, assignee=factchecker)
    claim_flag(claim=queue["named-secondhand"], by=editor, note="check")
    assert rows(editor_client.get(URL, {"status": "disputed"})) == ["firsthand"]
    assert rows(editor_client.get(URL, {"assignee": str(factchecker.pk)})) == ["own reporting"]
    assert len(rows(editor_client.get(URL, {"assignee": "none"}))) == 3
    assert rows(editor_client.get(URL, {"flagged": "on"})) == ["named secondhand"]


def test_assigned_to_me(factchecker_client, queue, editor, factchecker):
    claim_assign(claim=queue["own"], by=editor, assignee=factchecker)
    assert rows(factchecker_client.get(URL, {"assignee": "me"})) == ["own reporting"]


def test_sources_never_verified(editor_client, queue, factchecker):
    # The ministry's claim is verified, so every chain through the ministry is off this list.
    claim_set_verdict(claim=queue["firsthand"], by=factchecker, verdict=ReviewStatus.VERIFIED, evidence_url=EVIDENCE)
    assert rows(editor_client.get(URL, {"never_verified": "on"})) == ["anon secondhand"]


def test_a_source_page_links_to_its_claims_by_id(editor_client, queue):
    tass_id = queue["anon-secondhand"].hops.get(position=1).source_id
    assert rows(editor_client.get(URL, {"source_id": tass_id})) == ["anon secondhand", "named secondhand"]


def test_htmx_gets_only_the_results_and_the_filters_stay_in_the_form(editor_client, queue):
    response = editor_client.get(URL, {"depth": "2", "source_type": "anonymous"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and body.lstrip().startswith('<section id="results"')
    page = editor_client.get(URL, {"depth": "2", "source_type": "anonymous"}).content.decode()
    assert 'hx-push-url="true"' in page
    assert '<option value="2" selected>' in page and '<option value="anonymous" selected>' in page


def test_bad_filter_values_show_everything_rather_than_fail(editor_client, queue):
    assert len(rows(editor_client.get(URL, {"depth": "deep", "published_from": "yesterday"}))) == 4


def test_pagination_keeps_the_filters(editor_client, db):
    article = ArticleFactory()
    for n in range(55):
        ClaimFactory(article=article, depth=2, span_start=n, span_end=n + 5)
    body = editor_client.get(URL, {"depth": "2"}).content.decode()
    assert "Page 1 of 2" in body and "depth=2&amp;page=2" in body
    assert len(rows(editor_client.get(URL, {"depth": "2", "page": "2"}))) == 5


def test_bulk_assign_records_each_claim_and_returns_to_the_filtered_queue(editor_client, queue, factchecker):
    picked = [queue["anon-secondhand"].pk, queue["firsthand"].pk]
    response = editor_client.post(
        reverse("review_queue_bulk"),
        {"claim": picked, "action": "assign", "assignee": factchecker.pk, "next": "/review/?depth=2"},
    )
    assert response.status_code == 302 and response["Location"] == "/review/?depth=2"
    assert {c.assignee for c in queue["anon-secondhand"].article.claims.filter(pk__in=picked)} == {factchecker}
    assert ReviewEvent.objects.filter(action="assigned").count() == 2
    assert "Assigned 2 claims to fc." in editor_client.get(response["Location"]).content.decode()


def test_bulk_status_is_all_or_nothing(factchecker_client, queue, factchecker):
    claim_set_verdict(claim=queue["firsthand"], by=factchecker, verdict=ReviewStatus.NEEDS_PRIMARY_SOURCE)
    picked = [queue["anon-secondhand"].pk, queue["firsthand"].pk]
    data = {"claim": picked, "action": "status", "status": "unreviewed", "next": "/review/"}
    response = factchecker_client.post(reverse("review_queue_bulk"), data, follow=True)
    assert "Nothing was changed" in response.content.decode()
    queue["anon-secondhand"].refresh_from_db()
    assert queue["anon-secondhand"].review_status == ReviewStatus.UNREVIEWED
    data = {"claim": picked, "action": "status", "status": "disputed", "evidence_url": EVIDENCE, "next": "/review/"}
    factchecker_client.post(reverse("review_queue_bulk"), data | {"confirm_open_hops": "on"})
    assert set(Claim.objects.filter(pk__in=picked).values_list("review_status", flat=True)) == {"disputed"}


def test_a_bulk_verdict_on_chains_with_open_hops_asks_for_confirmation(factchecker_client, queue):
    picked = [queue["own"].pk, queue["anon-secondhand"].pk]
    data = {"claim": picked, "action": "status", "status": "verified", "evidence_url": EVIDENCE, "next": "/review/"}
    response = factchecker_client.post(reverse("review_queue_bulk"), data, follow=True)
    body = response.content.decode()
    assert "Nothing was changed: “anon secondhand”: 2 hops of this chain are still open." in body
    assert "tick “despite open hops” to set it anyway" in body
    assert set(Claim.objects.filter(pk__in=picked).values_list("review_status", flat=True)) == {"unreviewed"}
    assert not ReviewEvent.objects.filter(action="verdict").exists()

    factchecker_client.post(reverse("review_queue_bulk"), data | {"confirm_open_hops": "on"})
    assert set(Claim.objects.filter(pk__in=picked).values_list("review_status", flat=True)) == {"verified"}


def test_an_editor_cannot_bulk_set_a_status(editor_client, queue):
    data = {"claim": [queue["own"].pk], "action": "status", "status": "verified", "evidence_url": EVIDENCE}
    assert editor_client.post(reverse("review_queue_bulk"), data).status_code == 403
    queue["own"].refresh_from_db()
    assert queue["own"].review_status == ReviewStatus.UNREVIEWED


def test_bulk_without_a_selection_is_explained(editor_client, queue, factchecker):
    response = editor_client.post(
        reverse("review_queue_bulk"), {"action": "assign", "assignee": factchecker.pk}, follow=True
    )
    assert "Select at least one claim." in response.content.decode()


def test_bulk_never_redirects_off_the_queue(editor_client, queue, factchecker):
    data = {"claim": [queue["own"].pk], "action": "assign", "assignee": factchecker.pk, "next": "https://evil.example/"}
    assert editor_client.post(reverse("review_queue_bulk"), data)["Location"] == "/review/"


def test_bulk_rejects_get(editor_client):
    assert editor_client.get(reverse("review_queue_bulk")).status_code == 405


def htmx_bulk(client, data):  # type: ignore[no-untyped-def]
    return client.post(reverse("review_queue_bulk"), data, HTTP_HX_REQUEST="true")


def test_htmx_bulk_assign_returns_the_same_filtered_results_with_the_message(editor_client, queue, factchecker):
    picked = [queue["anon-secondhand"].pk, queue["named-secondhand"].pk]
    data = {"claim": picked, "action": "assign", "assignee": factchecker.pk, "next": "/review/?depth=2&sort=oldest"}
    response = htmx_bulk(editor_client, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body and body.lstrip().startswith('<section id="results"')
    assert rows(response) == ["named secondhand", "anon secondhand"], "the queue as the next URL filters and sorts it"
    assert '<li class="message success">Assigned 2 claims to fc.</li>' in body and 'role="status"' in body
    assert body.count("<td>fc</td>") == 2
    # The selection stays ticked, and the bulk form still returns to the same filtered queue.
    assert all(f'value="{pk}" form="bulk" aria-label="Select this claim" checked>' in body for pk in picked)
    assert '<input type="hidden" name="next" value="/review/?depth=2&amp;sort=oldest">' in body
    assert set(Claim.objects.filter(pk__in=picked).values_list("assignee", flat=True)) == {factchecker.pk}
    # The message was shown in the partial, so it does not show again on the next page.
    assert "Assigned 2 claims" not in editor_client.get(URL).content.decode()


def test_htmx_bulk_refused_changes_nothing_and_says_why(factchecker_client, queue, factchecker):
    claim_set_verdict(claim=queue["firsthand"], by=factchecker, verdict=ReviewStatus.NEEDS_PRIMARY_SOURCE)
    events = ReviewEvent.objects.count()
    picked = [queue["anon-secondhand"].pk, queue["firsthand"].pk]
    data = {"claim": picked, "action": "status", "status": "unreviewed", "next": "/review/?kind=according_to"}
    response = htmx_bulk(factchecker_client, data)
    assert response.status_code == 422
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="results"') and 'role="alert"' in body
    refusal = "Nothing was changed: A claim that is unreviewed cannot become unreviewed."
    assert f'<li class="message error">{refusal}</li>' in body
    assert rows(response) == ["firsthand"]
    assert ReviewEvent.objects.count() == events
    assert dict(Claim.objects.filter(pk__in=picked).values_list("text", "review_status")) == {
        "anon secondhand": ReviewStatus.UNREVIEWED,
        "firsthand": ReviewStatus.NEEDS_PRIMARY_SOURCE,
    }
    # What was chosen stays, to correct and send again.
    assert f'value="{queue["firsthand"].pk}" form="bulk" aria-label="Select this claim" checked>' in body
    assert '<option value="unreviewed" selected>' in body


def test_htmx_bulk_without_a_selection_is_explained_in_the_results(editor_client, queue, factchecker):
    response = htmx_bulk(editor_client, {"action": "assign", "assignee": factchecker.pk, "next": "/review/"})
    assert response.status_code == 422
    assert '<li class="message error">Select at least one claim.</li>' in response.content.decode()
    assert not Claim.objects.filter(assignee__isnull=False).exists()


def test_htmx_bulk_results_paginate_with_the_filters(editor_client, factchecker, db):
    article = ArticleFactory()
    claims = [ClaimFactory(article=article, depth=2, span_start=n, span_end=n + 5) for n in range(55)]
    data = {"claim": [claims[0].pk], "action": "assign", "assignee": factchecker.pk, "next": "/review/?depth=2"}
    body = htmx_bulk(editor_client, data).content.decode()
    assert "Page 1 of 2" in body and "depth=2&amp;page=2" in body


def test_bulk_without_htmx_still_redirects_to_the_same_filtered_queue(editor_client, queue, factchecker):
    next_url = "/review/?depth=2&source_type=anonymous&page=1"
    data = {"claim": [queue["anon-secondhand"].pk], "action": "assign", "assignee": factchecker.pk, "next": next_url}
    response = editor_client.post(reverse("review_queue_bulk"), data)
    assert response.status_code == 302 and response["Location"] == next_url
    queue["anon-secondhand"].refresh_from_db()
    assert queue["anon-secondhand"].assignee == factchecker


def test_bulk_returns_only_to_the_queue_itself(editor_client, queue, factchecker):
    data = {"claim": [queue["own"].pk], "action": "assign", "assignee": factchecker.pk, "next": "/review/bulk/?x=1"}
    assert editor_client.post(reverse("review_queue_bulk"), data)["Location"] == "/review/"


def test_the_csv_link_exports_what_the_filters_select(editor_client, queue):
    response = editor_client.get(URL, {"depth": "2", "source_type": "anonymous", "page": "1"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert 'href="/exports/claims.csv?depth=2&amp;source_type=anonymous"' in body and "Download CSV" in body
    assert 'href="/exports/claims.csv"' in editor_client.get(URL).content.decode()
