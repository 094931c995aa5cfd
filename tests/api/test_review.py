"""The review workflow through the API, end to end with token auth: the queue, and each action on a claim."""

from __future__ import annotations

import datetime

import pytest
from rest_framework.pagination import PageNumberPagination

from newsverify.review.models import Comment, Flag, HopReview, ReviewAction, ReviewEvent
from newsverify.sources.models import SourceType
from tests.factories import ArticleFactory, ClaimFactory, HopFactory, SourceFactory

CLAIMS = "/api/v1/claims/"
EVIDENCE = "https://example.org/evidence"


@pytest.fixture
def claim(db):  # type: ignore[no-untyped-def]
    """A secondhand claim: an anonymous origin, then a news agency."""
    claim = ClaimFactory(depth=2)
    HopFactory(claim=claim, position=0, source=SourceFactory(name="Officials", type=SourceType.ANONYMOUS))
    HopFactory(claim=claim, position=1, source=SourceFactory(name="TASS", type=SourceType.NEWS_AGENCY))
    return claim


def _url(claim, action: str) -> str:  # type: ignore[no-untyped-def]
    return f"{CLAIMS}{claim.pk}/{action}/"


def _event(claim, action: ReviewAction) -> ReviewEvent:  # type: ignore[no-untyped-def]
    """The one audit record of ``action`` on the claim."""
    return ReviewEvent.objects.get(claim=claim, action=action)


def test_a_claim_shows_its_review_state(editor_api, claim):
    body = editor_api.get(f"{CLAIMS}{claim.pk}/").json()
    assert body["review_status"] == "unreviewed"
    assert body["next_statuses"] == ["needs_primary_source", "verified", "disputed", "false", "misattributed"]
    assert body["assignee"] is None
    assert [hop["confirmation"] for hop in body["chain"]] == [None, None]
    assert (body["hops_confirmed"], body["flags"], body["open_flags"], body["comments"]) == (0, 0, 0, 0)


def test_an_editor_flags_a_claim(editor_api, editor, claim):
    response = editor_api.post(_url(claim, "flag"), {"note": "Who are the officials?"}, format="json")
    assert response.status_code == 200, response.json()
    assert (response.json()["flags"], response.json()["open_flags"]) == (1, 1)
    assert response.json()["review_status"] == "unreviewed"
    event = _event(claim, ReviewAction.FLAGGED)
    assert (event.actor, event.note) == (editor, "Who are the officials?")


def test_a_fact_checker_records_a_verdict_and_it_closes_the_flags(editor_api, factchecker_api, factchecker, claim):
    editor_api.post(_url(claim, "flag"), {"note": "Unsourced."}, format="json")
    response = factchecker_api.post(
        _url(claim, "verdict"),
        {"status": "false", "evidence_url": EVIDENCE, "note": "Denied.", "confirm_open_hops": True},
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["review_status"] == "false"
    assert (body["flags"], body["open_flags"]) == (1, 0)
    assert "needs_primary_source" in body["next_statuses"]
    event = _event(claim, ReviewAction.VERDICT)
    assert (event.actor, event.status_before, event.status_after) == (factchecker, "unreviewed", "false")
    assert (event.evidence_url, event.note) == (EVIDENCE, "Denied.")


def test_a_verdict_while_hops_are_open_is_refused_unless_the_request_confirms_it(factchecker_api, factchecker, claim):
    given = {"status": "verified", "evidence_url": EVIDENCE}
    response = factchecker_api.post(_url(claim, "verdict"), given, format="json")
    assert response.status_code == 400
    message = response.json()["confirm_open_hops"][0]
    assert message.startswith("2 hops of this chain are still open. Confirm them first")
    assert '"confirm_open_hops": true' in message
    assert not ReviewEvent.objects.exists()
    claim.refresh_from_db()
    assert claim.review_status == "unreviewed"

    assert (
        factchecker_api.post(_url(claim, "verdict"), given | {"confirm_open_hops": False}, format="json").status_code
        == 400
    )
    response = factchecker_api.post(_url(claim, "verdict"), given | {"confirm_open_hops": True}, format="json")
    assert response.status_code == 200, response.json()
    assert _event(claim, ReviewAction.VERDICT).status_after == "verified"


def test_no_confirmation_is_needed_once_every_hop_is_confirmed_or_for_a_status_change(factchecker_api, claim):
    assert (
        factchecker_api.post(_url(claim, "verdict"), {"status": "needs_primary_source"}, format="json").status_code
        == 200
    )
    for position in (0, 1):
        response = factchecker_api.post(
            _url(claim, f"hops/{position}/confirm"), {"evidence_url": EVIDENCE}, format="json"
        )
        assert response.status_code == 200, response.json()
    response = factchecker_api.post(
        _url(claim, "verdict"), {"status": "verified", "evidence_url": EVIDENCE}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["review_status"] == "verified"


def test_a_status_change_needs_no_evidence(factchecker_api, claim):
    response = factchecker_api.post(_url(claim, "verdict"), {"status": "needs_primary_source"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["review_status"] == "needs_primary_source"
    assert _event(claim, ReviewAction.STATUS).status_after == "needs_primary_source"


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"status": "verified"}, "A verdict needs an evidence URL."),
        ({"status": "unreviewed"}, "A claim that is unreviewed cannot become unreviewed."),
    ],
)
def test_a_refused_status_change_is_400_with_the_reason(factchecker_api, claim, given, message):
    response = factchecker_api.post(_url(claim, "verdict"), given, format="json")
    assert response.status_code == 400
    assert response.json() == {"detail": message}
    claim.refresh_from_db()
    assert claim.review_status == "unreviewed"
    assert not ReviewEvent.objects.exists()


@pytest.mark.parametrize(
    ("given", "field"),
    [
        ({"status": "probably"}, "status"),
        ({"status": "verified", "evidence_url": "ftp://example.org/e"}, "evidence_url"),
    ],
)
def test_a_verdict_with_bad_input_is_400_by_field(factchecker_api, claim, given, field):
    response = factchecker_api.post(_url(claim, "verdict"), given, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {field}


def test_a_fact_checker_confirms_and_reopens_a_hop(factchecker_api, factchecker, claim):
    response = factchecker_api.post(
        f"{CLAIMS}{claim.pk}/hops/1/confirm/", {"evidence_url": EVIDENCE, "note": "TASS ran it."}, format="json"
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["review_status"] == "needs_primary_source", "confirming a hop starts the review"
    assert body["hops_confirmed"] == 1
    origin, agency = body["chain"]
    assert origin["confirmation"] is None
    assert agency["confirmation"]["confirmed_by"] == {"id": factchecker.pk, "username": "fc"}
    assert (agency["confirmation"]["evidence_url"], agency["confirmation"]["note"]) == (EVIDENCE, "TASS ran it.")
    confirmed = _event(claim, ReviewAction.HOP_CONFIRMED)
    assert (confirmed.actor, confirmed.subject, confirmed.value_after) == (factchecker, "hop 2: TASS", "confirmed")

    again = factchecker_api.post(f"{CLAIMS}{claim.pk}/hops/1/confirm/", {"evidence_url": EVIDENCE}, format="json")
    assert again.status_code == 400
    assert again.json()["detail"].endswith("is already confirmed."), "the service's message"

    response = factchecker_api.post(f"{CLAIMS}{claim.pk}/hops/1/reopen/", {"note": "Wrong wire."}, format="json")
    assert response.status_code == 200, response.json()
    assert [hop["confirmation"] for hop in response.json()["chain"]] == [None, None]
    reopened = _event(claim, ReviewAction.HOP_REOPENED)
    assert (reopened.actor, reopened.note, reopened.value_after) == (factchecker, "Wrong wire.", "open")
    assert not HopReview.objects.exists()


def test_reopening_an_open_hop_is_refused(factchecker_api, claim):
    response = factchecker_api.post(f"{CLAIMS}{claim.pk}/hops/0/reopen/", {"note": "Why not."}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"].endswith("is not confirmed."), "the service's message"
    assert not ReviewEvent.objects.exists()


def test_an_unknown_hop_is_404(factchecker_api, claim):
    response = factchecker_api.post(f"{CLAIMS}{claim.pk}/hops/7/confirm/", {"evidence_url": EVIDENCE}, format="json")
    assert response.status_code == 404
    assert "No such hop" in response.json()["detail"]


def test_claims_are_assigned_to_fact_checkers_only(editor_api, editor, factchecker, claim):
    response = editor_api.post(_url(claim, "assign"), {"assignee": factchecker.pk}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["assignee"] == {"id": factchecker.pk, "username": "fc"}
    event = _event(claim, ReviewAction.ASSIGNED)
    assert (event.actor, event.value_before, event.value_after) == (editor, "nobody", "fc")

    refused = editor_api.post(_url(claim, "assign"), {"assignee": editor.pk}, format="json")
    assert refused.status_code == 400
    unknown = editor_api.post(_url(claim, "assign"), {"assignee": 999999}, format="json")
    assert unknown.status_code == 400
    # The same neutral answer for a user who exists and one who does not: nobody's name, no hint.
    assert refused.json() == unknown.json() == {"assignee": ["No fact-checker has this id."]}

    response = editor_api.post(_url(claim, "assign"), {"assignee": None}, format="json")
    assert response.status_code == 200
    assert response.json()["assignee"] is None
    assert ReviewEvent.objects.filter(claim=claim, action=ReviewAction.ASSIGNED).count() == 2


@pytest.mark.parametrize("role", ["editor", "factchecker"])
def test_either_role_comments(request, claim, role):
    api, user = request.getfixturevalue(f"{role}_api"), request.getfixturevalue(role)
    response = api.post(_url(claim, "comments"), {"body": "Asked the agency."}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["comments"] == 1
    assert Comment.objects.get().author == user
    event = _event(claim, ReviewAction.COMMENTED)
    assert (event.actor, event.note) == (user, "Asked the agency.")


MISSING_INPUT = [
    ("editor_api", "flag", {"note": "   "}, {"note": ["Say what is unverified: a flag needs a note."]}),
    ("factchecker_api", "hops/0/confirm", {}, {"evidence_url": ["Confirming a hop needs an evidence URL."]}),
    ("factchecker_api", "hops/0/reopen", {"note": ""}, {"note": ["Say why the hop is reopened."]}),
    ("editor_api", "assign", {}, {"assignee": ["This field is required."]}),
    ("editor_api", "comments", {"body": ""}, {"body": ["Write something first: the comment is empty."]}),
]


@pytest.mark.parametrize(("api", "action", "given", "errors"), MISSING_INPUT)
def test_missing_input_is_400_by_field_and_nothing_is_recorded(request, claim, api, action, given, errors):
    response = request.getfixturevalue(api).post(_url(claim, action), given, format="json")
    assert response.status_code == 400
    assert response.json() == errors
    assert not (Flag.objects.exists() or HopReview.objects.exists() or Comment.objects.exists())
    assert not ReviewEvent.objects.exists()


WRONG_ROLE = [
    ("factchecker_api", "flag", {"note": "x"}, "Editor role"),
    ("editor_api", "verdict", {"status": "false", "evidence_url": EVIDENCE}, "Fact-checker role"),
    ("editor_api", "hops/0/confirm", {"evidence_url": EVIDENCE}, "Fact-checker role"),
    ("editor_api", "hops/0/reopen", {"note": "x"}, "Fact-checker role"),
    ("outsider_api", "assign", {"assignee": None}, "newsroom role"),
    ("outsider_api", "comments", {"body": "x"}, "newsroom role"),
]


@pytest.mark.parametrize(("api", "action", "given", "message"), WRONG_ROLE)
def test_the_wrong_role_is_403_and_nothing_is_recorded(request, claim, api, action, given, message):
    response = request.getfixturevalue(api).post(_url(claim, action), given, format="json")
    assert response.status_code == 403
    assert message in response.json()["detail"]
    assert not ReviewEvent.objects.exists()
    claim.refresh_from_db()
    assert (claim.review_status, claim.assignee_id) == ("unreviewed", None)


RIGHT_ROLE = [
    ("editor_api", "flag", {"note": "x"}),
    ("factchecker_api", "verdict", {"status": "false", "evidence_url": EVIDENCE}),
    ("factchecker_api", "hops/0/confirm", {"evidence_url": EVIDENCE}),
    ("factchecker_api", "hops/0/reopen", {"note": "x"}),
    ("editor_api", "assign", {"assignee": None}),
    ("editor_api", "comments", {"body": "x"}),
]


@pytest.mark.parametrize(("api", "action", "given"), RIGHT_ROLE)
def test_an_unknown_claim_is_404(request, db, api, action, given):
    response = request.getfixturevalue(api).post(f"{CLAIMS}999999/{action}/", given, format="json")
    assert response.status_code == 404


def test_actions_need_a_token(client, claim):
    assert client.post(_url(claim, "flag"), {"note": "x"}).status_code == 401


# The review queue.


@pytest.fixture
def queue(claim):  # type: ignore[no-untyped-def]
    """``claim`` (secondhand, anonymous origin) among claims that differ from it in one way each."""
    named = ClaimFactory(depth=2)
    HopFactory(claim=named, source=SourceFactory(type=SourceType.GOVERNMENT))
    firsthand = ClaimFactory(depth=1)
    HopFactory(claim=firsthand, source=SourceFactory(type=SourceType.ANONYMOUS))
    return {"claim": claim, "named": named, "firsthand": firsthand}


def _ids(response) -> list[int]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.json()
    return [claim["id"] for claim in response.json()["results"]]


def test_the_queue_filters_as_the_web_queue(editor_api, queue):
    response = editor_api.get(CLAIMS, {"depth": "2", "source_type": "anonymous"})
    assert _ids(response) == [queue["claim"].pk]
    assert response.json()["count"] == 1
    assert response.json()["results"][0]["chain"][0]["source"]["name"] == "Officials"
    assert set(_ids(editor_api.get(CLAIMS, {"depth": "2"}))) == {queue["claim"].pk, queue["named"].pk}
    assert set(_ids(editor_api.get(CLAIMS, {"source": "tass"}))) == {queue["claim"].pk}
    assert len(_ids(editor_api.get(CLAIMS))) == 3


def test_the_queue_by_assignee_flag_and_status(editor_api, factchecker_api, factchecker, queue):
    claim, named = queue["claim"], queue["named"]
    editor_api.post(_url(claim, "assign"), {"assignee": factchecker.pk}, format="json")
    editor_api.post(_url(named, "flag"), {"note": "Unsourced."}, format="json")
    factchecker_api.post(_url(named, "verdict"), {"status": "needs_primary_source"}, format="json")
    assert _ids(factchecker_api.get(CLAIMS, {"assignee": "me"})) == [claim.pk]
    assert _ids(editor_api.get(CLAIMS, {"assignee": str(factchecker.pk)})) == [claim.pk]
    assert claim.pk not in _ids(editor_api.get(CLAIMS, {"assignee": "none"}))
    assert _ids(editor_api.get(CLAIMS, {"flagged": "true"})) == [named.pk]
    assert _ids(editor_api.get(CLAIMS, {"status": "needs_primary_source"})) == [named.pk]
    flagged = editor_api.get(CLAIMS, {"flagged": "true"}).json()["results"][0]
    assert (flagged["flags"], flagged["open_flags"]) == (1, 1)


def test_the_queue_sorts_and_pages(editor_api, queue, monkeypatch):
    ids = _ids(editor_api.get(CLAIMS, {"sort": "deepest"}))
    assert ids[-1] == queue["firsthand"].pk
    monkeypatch.setattr(PageNumberPagination, "page_size", 2)
    first = editor_api.get(CLAIMS, {"sort": "deepest"}).json()
    assert (first["count"], len(first["results"])) == (3, 2)
    assert "sort=deepest" in first["next"]
    assert [claim["id"] for claim in editor_api.get(first["next"]).json()["results"]] == ids[2:]


def test_the_queue_by_publication_dates(editor_api, db):
    old = ClaimFactory(article=ArticleFactory(published_on=datetime.date(2024, 1, 5)))
    new = ClaimFactory(article=ArticleFactory(published_on=datetime.date(2024, 3, 5)))
    assert _ids(editor_api.get(CLAIMS, {"published_from": "2024-02-01"})) == [new.pk]
    assert _ids(editor_api.get(CLAIMS, {"published_to": "2024-02-01"})) == [old.pk]


@pytest.mark.parametrize(
    "params",
    [
        {"depth": "7"},
        {"source_type": "rumour"},
        {"status": "done"},
        {"kind": "hearsay"},
        {"sort": "random"},
        {"published_from": "yesterday"},
        {"source_id": "TASS"},
        {"assignee": "fc"},
    ],
)
def test_the_queue_refuses_a_filter_it_cannot_read(editor_api, queue, params):
    response = editor_api.get(CLAIMS, params)
    assert response.status_code == 400
    assert set(response.json()) == set(params)


def test_the_queue_reports_every_bad_filter(editor_api, db):
    response = editor_api.get(CLAIMS, {"depth": "7", "source_type": "rumour", "q": "fine"})
    assert response.status_code == 400
    assert set(response.json()) == {"depth", "source_type"}
    assert "7 is not one of the available choices" in response.json()["depth"][0]


def test_the_queue_needs_a_newsroom_role(outsider_api, claim):
    assert outsider_api.get(CLAIMS).status_code == 403


def test_the_queue_reads_in_a_fixed_number_of_queries(editor_api, queue, django_assert_max_num_queries):
    editor_api.post(_url(queue["claim"], "flag"), {"note": "Unsourced."}, format="json")
    # 9: the token and its user, the user's permissions (one query), the count, the claims, their
    # hops, the hops' sources by key in a query of their own (joined to the hops, the database hashed
    # the whole source table for every page), the confirmations with who made them, the
    # disagreements, and the page's flag and comment counts.
    with django_assert_max_num_queries(9) as few:
        editor_api.get(CLAIMS)
    for _ in range(5):
        HopFactory(claim=ClaimFactory(), source=SourceFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(_ids(editor_api.get(CLAIMS))) == 8
