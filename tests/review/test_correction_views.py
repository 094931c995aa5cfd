"""The correction views: the chain editor, the source picker, each correction through the web, who may."""

from __future__ import annotations

import pytest
from django.urls import reverse

from newsverify.review.models import Claim, ClaimKind, ReviewAction, ReviewEvent
from newsverify.sources.models import Source, SourceType
from tests.factories import SourceFactory, UserFactory

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "chain-panel"}


@pytest.fixture
def interfax(db) -> Source:  # type: ignore[no-untyped-def]
    return SourceFactory(name="Interfax", type=SourceType.NEWS_AGENCY)


def url(name: str, claim: Claim, *position: int) -> str:
    return reverse(name, args=[claim.article_id, claim.pk, *position])


def chain(claim: Claim) -> list[str]:
    return [hop.source.name for hop in claim.hops.order_by("position")]


def events(claim: Claim, action: ReviewAction) -> list[ReviewEvent]:
    return list(ReviewEvent.objects.filter(claim=claim, action=action))


# Who may: both roles; nobody else, on every correction view.

CORRECTIONS = [
    ("claim_edit", (), "get", {}),
    ("hop_add", (), "post", {"position": "0", "new_name": "Oleg Dant", "new_type": "person"}),
    ("hop_source", (0,), "post", {"new_name": "Oleg Dant", "new_type": "person"}),
    ("hop_medium", (0,), "post", {"medium": "post"}),
    ("hop_move", (1,), "post", {"direction": "up"}),
    ("hop_remove", (1,), "post", {}),
    ("claim_correct", (), "post", {"kind": "direct"}),
]


@pytest.mark.parametrize(("name", "position", "method", "data"), CORRECTIONS)
def test_anonymous_users_are_sent_to_log_in(client, drones, name, position, method, data):
    response = getattr(client, method)(url(name, drones, *position), data)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
    assert not ReviewEvent.objects.filter(claim=drones).exists()


@pytest.mark.parametrize(("name", "position", "method", "data"), CORRECTIONS)
def test_users_without_a_role_get_403(client, outsider, drones, name, position, method, data):
    client.force_login(outsider)
    assert getattr(client, method)(url(name, drones, *position), data).status_code == 403
    assert not ReviewEvent.objects.filter(claim=drones).exists()


def test_a_user_with_only_reading_rights_cannot_correct(client, drones):
    from django.contrib.auth.models import Permission

    reader = UserFactory(username="reader")
    reader.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_article", "view_claim", "flag_claim", "record_verdict"])
    )
    client.force_login(reader)
    assert client.get(url("claim_detail", drones)).status_code == 200
    assert b"Edit chain" not in client.get(url("claim_detail", drones)).content
    assert client.post(url("claim_correct", drones), {"kind": "direct"}).status_code == 403
    assert client.get(reverse("source_candidates"), {"q": "TASS"}).status_code == 403
    assert client.get(reverse("claim_add", args=[drones.article_id])).status_code == 403


@pytest.mark.parametrize("role", ["editor", "factchecker"])
def test_both_roles_may_correct(client, drones, role, request):
    user = request.getfixturevalue(role)
    client.force_login(user)
    assert b"Edit chain" in client.get(url("claim_detail", drones)).content
    response = client.post(url("claim_correct", drones), {"kind": "direct"})
    assert response.status_code == 302
    assert events(drones, ReviewAction.KIND_CHANGED)[0].actor == user


# The editor and the source picker.


def test_the_editor_lists_the_chain_with_its_tools(factchecker_client, drones):
    response = factchecker_client.get(url("claim_edit", drones))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Edit chain" in body
    for position in range(3):
        assert url("hop_move", drones, position) in body
        assert url("hop_remove", drones, position) in body
        assert url("hop_source", drones, position) in body
    assert url("hop_add", drones) in body
    assert 'value="3" selected' in body  # a new hop goes last unless placed


def test_the_picker_searches_names_and_aliases_as_you_type(factchecker_client, drones, interfax):
    interfax.aliases.create(name="Interfax-Ukraine", normalised="interfax ukraine")
    SourceFactory(name="Two officials", type=SourceType.ANONYMOUS)
    response = factchecker_client.get(reverse("source_candidates"), {"q": "ukraine", "for": "hop-1"}, **HTMX)
    body = response.content.decode()
    assert f'type="radio" name="source" value="{interfax.pk}"' in body
    assert "Interfax" in body and "<html" not in body
    # Anonymous sources stay per article: never offered.
    assert (
        "Two officials" not in factchecker_client.get(reverse("source_candidates"), {"q": "officials"}).content.decode()
    )
    assert (
        "No registry source matches"
        in factchecker_client.get(reverse("source_candidates"), {"q": "zzz"}).content.decode()
    )


def test_without_javascript_the_search_button_lists_the_candidates_in_the_editor(factchecker_client, drones, interfax):
    response = factchecker_client.get(url("claim_edit", drones), {"pick": "hop-1", "q": "inter"})
    body = response.content.decode()
    assert '<details id="hop-1" open>' in body
    assert f'name="source" value="{interfax.pk}"' in body
    assert 'formmethod="get"' in body and 'name="pick" value="hop-1"' in body


# Each correction through the web: htmx gets the editor back with one message; without it, a redirect.


def test_changing_a_hops_source_picked_from_the_registry(factchecker_client, drones, interfax):
    response = factchecker_client.post(url("hop_source", drones, 1), {"source": interfax.pk}, **HTMX)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Hop 2: TASS → Interfax." in body
    assert 'id="article-text"' in body and 'hx-swap-oob="true"' in body  # the highlights follow
    assert chain(drones) == ["Defence Ministry", "Interfax", "CNN"]
    event = events(drones, ReviewAction.HOP_SOURCE)[0]
    assert (event.subject, event.value_before, event.value_after) == ("hop 2", "TASS", "Interfax")


def test_a_new_source_named_in_the_form(factchecker_client, drones):
    response = factchecker_client.post(
        url("hop_source", drones, 0), {"new_name": "Ministry of Defence", "new_type": "government_body"}
    )
    assert response.status_code == 302
    assert response["Location"] == url("claim_edit", drones)
    assert chain(drones)[0] == "Ministry of Defence"


def test_a_source_pick_needs_one_source(factchecker_client, drones, interfax):
    for data, message in (
        ({}, "Choose a source from the search results, or name a new one."),
        ({"source": interfax.pk, "new_name": "X", "new_type": "person"}, "not both"),
        ({"new_name": "X"}, "A new source needs a type."),
        ({"source": 99999}, "no longer in the registry"),
    ):
        response = factchecker_client.post(url("hop_source", drones, 1), data, **HTMX)
        assert response.status_code == 422
        assert message in response.content.decode()
    assert chain(drones) == ["Defence Ministry", "TASS", "CNN"]


def test_adding_a_hop(editor_client, drones, interfax):
    response = editor_client.post(
        url("hop_add", drones), {"position": "2", "source": interfax.pk, "medium": "wire"}, **HTMX
    )
    assert response.status_code == 200
    assert "Added Interfax as hop 3." in response.content.decode()
    assert chain(drones) == ["Defence Ministry", "TASS", "Interfax", "CNN"]
    drones.refresh_from_db()
    assert drones.depth == 4
    assert len(events(drones, ReviewAction.HOP_ADDED)) == 1


def test_adding_a_hop_out_of_the_chain_is_a_form_error(editor_client, drones, interfax):
    response = editor_client.post(url("hop_add", drones), {"position": "7", "source": interfax.pk}, **HTMX)
    assert response.status_code == 422
    assert "Select a valid choice" in response.content.decode()


def test_moving_and_removing_hops(factchecker_client, drones):
    assert factchecker_client.post(url("hop_move", drones, 2), {"direction": "up"}, **HTMX).status_code == 200
    assert chain(drones) == ["Defence Ministry", "CNN", "TASS"]
    response = factchecker_client.post(url("hop_move", drones, 0), {"direction": "up"}, **HTMX)
    assert response.status_code == 422
    assert "between 1 and 3" in response.content.decode()
    response = factchecker_client.post(url("hop_remove", drones, 1), **HTMX)
    assert "Removed hop 2 (CNN)." in response.content.decode()
    assert chain(drones) == ["Defence Ministry", "TASS"]
    assert factchecker_client.post(url("hop_remove", drones, 5), **HTMX).status_code == 404  # no such hop


def test_setting_a_medium(factchecker_client, drones):
    response = factchecker_client.post(url("hop_medium", drones, 0), {"medium": "press release"}, **HTMX)
    assert "Hop 1: medium press release." in response.content.decode()
    assert drones.hops.get(position=0).medium == "press release"


def test_correcting_the_span_from_a_selection_or_from_words_typed(factchecker_client, article, drones):
    start = article.text.index("According")
    end = article.text.index(", CNN")
    quote = article.text[start:end]
    response = factchecker_client.post(
        url("claim_correct", drones), {"span_start": start, "span_end": end, "quote": quote}, **HTMX
    )
    assert response.status_code == 200
    drones.refresh_from_db()
    assert drones.text == quote
    # Offsets that do not cut out the words sent (a stale page): the words decide.
    factchecker_client.post(
        url("claim_correct", drones), {"span_start": 0, "span_end": 5, "quote": "three drones were intercepted"}
    )
    drones.refresh_from_db()
    assert drones.text == "three drones were intercepted"
    response = factchecker_client.post(url("claim_correct", drones), {"quote": "people were hurt"}, **HTMX)
    assert response.status_code == 422
    assert "more than once" in response.content.decode()


def test_changing_the_kind_and_marking_not_a_claim(factchecker_client, article, drones):
    factchecker_client.post(url("claim_correct", drones), {"kind": ClaimKind.DIRECT}, **HTMX)
    drones.refresh_from_db()
    assert drones.kind == ClaimKind.DIRECT

    response = factchecker_client.post(url("claim_correct", drones), {"not_a_claim": "yes"}, **HTMX)
    assert response.status_code == 422
    assert "Say why this is not a claim." in response.content.decode()
    response = factchecker_client.post(
        url("claim_correct", drones), {"not_a_claim": "yes", "note": "A headline"}, **HTMX
    )
    assert "Marked not a claim." in response.content.decode()
    assert f'id="claim-{drones.pk}"' not in response.content.decode()  # gone from the highlights
    page = factchecker_client.get(article.get_absolute_url()).content.decode()
    assert f'id="claim-{drones.pk}"' not in page
    detail = factchecker_client.get(drones.get_absolute_url()).content.decode()
    assert "Not a claim." in detail and "Corrected by" in detail
    csv = b"".join(factchecker_client.get(reverse("export_claims_csv"), {"article": article.pk}).streaming_content)
    assert b"three drones were intercepted" not in csv and b"4 people were hurt" in csv
    queue = factchecker_client.get(reverse("review_queue")).content.decode()
    assert "three drones were intercepted" not in queue and "4 people were hurt" in queue
    factchecker_client.post(url("claim_correct", drones), {"not_a_claim": "no"}, **HTMX)
    assert f'id="claim-{drones.pk}"' in factchecker_client.get(article.get_absolute_url()).content.decode()


def test_nothing_to_correct_is_a_form_error(factchecker_client, drones):
    response = factchecker_client.post(url("claim_correct", drones), {}, **HTMX)
    assert response.status_code == 422
    assert "Say what to correct" in response.content.decode()


def test_the_panel_says_who_corrected_the_claim(factchecker_client, drones, interfax):
    factchecker_client.post(url("hop_source", drones, 1), {"source": interfax.pk})
    body = factchecker_client.get(drones.get_absolute_url()).content.decode()
    assert "Corrected by <strong>fc</strong>" in body
    assert "Defence Ministry</span> → <span>Interfax" in body


# Adding a claim.


def test_adding_a_claim_by_its_selection(factchecker_client, article):
    start = article.text.index("Rescuers said")
    end = start + len("Rescuers said 14 people were hurt")
    response = factchecker_client.post(
        reverse("claim_add", args=[article.pk]),
        {
            "span_start": start,
            "span_end": end,
            "quote": article.text[start:end],
            "kind": "indirect",
            "new_name": "Valmor rescue service",
            "new_type": "organization",
        },
        **HTMX,
    )
    assert response.status_code == 200
    claim = Claim.objects.get(article=article, text="Rescuers said 14 people were hurt")
    assert response["HX-Push-Url"] == url("claim_edit", claim)
    assert chain(claim) == ["Valmor rescue service"]
    assert f'id="claim-{claim.pk}"' in response.content.decode()
    assert len(events(claim, ReviewAction.CLAIM_ADDED)) == 1


def test_adding_a_claim_without_javascript(editor_client, article):
    form = editor_client.get(reverse("claim_add", args=[article.pk]))
    assert form.status_code == 200 and b"Add a claim" in form.content
    response = editor_client.post(
        reverse("claim_add", args=[article.pk]), {"quote": "It rained all day", "kind": "unattributed"}
    )
    claim = Claim.objects.get(article=article, text="It rained all day")
    assert response.status_code == 302 and response["Location"] == url("claim_edit", claim)
    assert claim.depth == 0


def test_a_refused_new_claim_keeps_what_was_typed(editor_client, article, drones):
    response = editor_client.post(
        reverse("claim_add", args=[article.pk]),
        {"quote": drones.text, "kind": "indirect", "new_name": "Someone", "new_type": "person"},
        **HTMX,
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "already a claim" in body and drones.text in body
