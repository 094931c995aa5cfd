"""Corrections through the API: hops added, changed, moved and removed, the claim corrected, a claim added."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from newsverify.articles.services import analysis_store
from newsverify.review.models import Claim, ReviewAction, ReviewEvent
from newsverify.sources.models import Source, SourceType
from tests.factories import ArticleFactory, SourceFactory
from tests.reports import TEXT, small_report

CLAIMS = "/api/v1/claims/"


@pytest.fixture
def article(db):  # type: ignore[no-untyped-def]
    return analysis_store(article_id=ArticleFactory(text=TEXT).pk, report=small_report())


@pytest.fixture
def drones(article) -> Claim:  # type: ignore[no-untyped-def]
    return article.claims.get(text="three drones were intercepted")


@pytest.fixture
def interfax(db) -> Source:  # type: ignore[no-untyped-def]
    return SourceFactory(name="Interfax", type=SourceType.NEWS_AGENCY)


def names(body: dict) -> list[str]:  # type: ignore[type-arg]
    return [hop["source"]["name"] for hop in body["chain"]]


def actions(claim_id: int) -> list[str]:
    return list(ReviewEvent.objects.filter(claim_id=claim_id).order_by("id").values_list("action", flat=True))


REQUESTS = [
    ("post", "hops/", {"source": {"name": "Oleg Dant", "type": "person"}}),
    ("patch", "hops/1/", {"medium": "wire"}),
    ("delete", "hops/1/", None),
    ("post", "correct/", {"kind": "direct"}),
]


@pytest.mark.parametrize(("method", "path", "data"), REQUESTS)
def test_anonymous_callers_get_401(drones, method, path, data):
    response = getattr(APIClient(), method)(f"{CLAIMS}{drones.pk}/{path}", data, format="json")
    assert response.status_code == 401
    assert actions(drones.pk) == []


@pytest.mark.parametrize(("method", "path", "data"), REQUESTS)
def test_users_without_a_role_get_403(outsider_api, drones, method, path, data):
    response = getattr(outsider_api, method)(f"{CLAIMS}{drones.pk}/{path}", data, format="json")
    assert response.status_code == 403
    assert actions(drones.pk) == []


def test_a_user_who_may_read_but_not_correct_gets_403_with_the_reason(drones, article):
    from django.contrib.auth.models import Permission

    from tests.api.conftest import token_client
    from tests.factories import UserFactory

    reader = UserFactory(username="reader")
    reader.user_permissions.add(*Permission.objects.filter(codename__in=["view_article", "view_claim"]))
    api = token_client(reader)
    assert api.get(f"{CLAIMS}{drones.pk}/").status_code == 200
    response = api.post(f"{CLAIMS}{drones.pk}/correct/", {"kind": "direct"}, format="json")
    assert response.status_code == 403
    assert "Correcting claims" in response.json()["detail"]
    added = api.post(f"/api/v1/articles/{article.pk}/claims/", {"text": "It rained", "kind": "direct"}, format="json")
    assert added.status_code == 403
    assert api.get(f"/api/v1/articles/{article.pk}/claims/").status_code == 200


@pytest.mark.parametrize("role", ["editor_api", "factchecker_api"])
def test_adding_a_hop_from_the_registry(drones, interfax, role, request):
    api = request.getfixturevalue(role)
    response = api.post(
        f"{CLAIMS}{drones.pk}/hops/", {"position": 2, "source": {"id": interfax.pk}, "medium": "wire"}, format="json"
    )
    assert response.status_code == 200
    body = response.json()
    assert names(body) == ["Defence Ministry", "TASS", "Interfax", "CNN"]
    assert body["depth"] == 4
    assert body["chain"][2]["evidence"] == "reviewer" and body["chain"][2]["medium"] == "wire"
    assert body["corrected_by"]["username"] in {"ed", "fc"} and body["corrected_at"]
    assert actions(drones.pk) == [ReviewAction.HOP_ADDED]


def test_a_new_hop_goes_last_without_a_position_and_a_new_source_needs_a_type(factchecker_api, drones):
    response = factchecker_api.post(f"{CLAIMS}{drones.pk}/hops/", {"source": {"name": "Oleg Dant"}}, format="json")
    assert response.status_code == 400
    assert "needs a type" in str(response.json())
    response = factchecker_api.post(
        f"{CLAIMS}{drones.pk}/hops/", {"source": {"name": "Oleg Dant", "type": "person"}}, format="json"
    )
    assert names(response.json())[-1] == "Oleg Dant"


def test_an_anonymous_source_of_another_article_is_not_picked(factchecker_api, drones):
    officials = SourceFactory(name="Officials", type=SourceType.ANONYMOUS)
    response = factchecker_api.post(f"{CLAIMS}{drones.pk}/hops/", {"source": {"id": officials.pk}}, format="json")
    assert response.status_code == 400
    assert "anonymous" in str(response.json())


def test_a_refused_correction_is_a_400_with_the_reason(factchecker_api, drones, interfax):
    response = factchecker_api.post(
        f"{CLAIMS}{drones.pk}/hops/", {"position": 9, "source": {"id": interfax.pk}}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "A new hop goes between 1 and 4."
    tass = drones.hops.get(position=1).source
    response = factchecker_api.patch(f"{CLAIMS}{drones.pk}/hops/1/", {"source": {"id": tass.pk}}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == "Hop 2 is already TASS."
    assert factchecker_api.patch(f"{CLAIMS}{drones.pk}/hops/1/", {}, format="json").status_code == 400
    assert actions(drones.pk) == []


def test_changing_a_hops_source_and_medium_and_moving_it_at_once(factchecker_api, drones, interfax):
    response = factchecker_api.patch(
        f"{CLAIMS}{drones.pk}/hops/1/",
        {"source": {"id": interfax.pk}, "medium": "wire report", "position": 0},
        format="json",
    )
    assert response.status_code == 200
    body = response.json()
    assert names(body) == ["Interfax", "Defence Ministry", "CNN"]
    assert body["chain"][0]["medium"] == "wire report"
    assert actions(drones.pk) == [ReviewAction.HOP_SOURCE, ReviewAction.HOP_MEDIUM, ReviewAction.HOP_MOVED]
    event = ReviewEvent.objects.get(claim=drones, action=ReviewAction.HOP_SOURCE)
    assert (event.subject, event.value_before, event.value_after) == ("hop 2", "TASS", "Interfax")


def test_all_or_nothing_a_refused_part_undoes_the_rest(factchecker_api, drones, interfax):
    response = factchecker_api.patch(
        f"{CLAIMS}{drones.pk}/hops/1/", {"source": {"id": interfax.pk}, "position": 7}, format="json"
    )
    assert response.status_code == 400
    assert [hop.source.name for hop in drones.hops.order_by("position")] == ["Defence Ministry", "TASS", "CNN"]
    assert actions(drones.pk) == []


def test_removing_a_hop(editor_api, drones):
    response = editor_api.delete(f"{CLAIMS}{drones.pk}/hops/0/")
    assert response.status_code == 200
    assert names(response.json()) == ["TASS", "CNN"]
    assert [hop["position"] for hop in response.json()["chain"]] == [0, 1]
    assert actions(drones.pk) == [ReviewAction.HOP_REMOVED]


def test_correcting_the_claim_span_by_offsets_or_words_and_its_kind(factchecker_api, article, drones):
    end = article.text.index(", CNN")
    response = factchecker_api.post(
        f"{CLAIMS}{drones.pk}/correct/", {"span": {"start": 0, "end": end}, "kind": "indirect"}, format="json"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["text"] == "According to the Defence Ministry, three drones were intercepted"
    assert body["span"] == {"start": 0, "end": end} and body["kind"] == "indirect"
    response = factchecker_api.post(f"{CLAIMS}{drones.pk}/correct/", {"text": "three drones"}, format="json")
    assert response.json()["span"]["start"] == article.text.index("three drones")
    response = factchecker_api.post(f"{CLAIMS}{drones.pk}/correct/", {"text": "hail"}, format="json")
    assert response.status_code == 400 and "not in the article" in response.json()["detail"]
    assert factchecker_api.post(f"{CLAIMS}{drones.pk}/correct/", {"note": "x"}, format="json").status_code == 400


def test_not_a_claim_leaves_the_article_list_and_the_queue_but_stays_readable(factchecker_api, article, drones):
    response = factchecker_api.post(
        f"{CLAIMS}{drones.pk}/correct/", {"not_a_claim": True, "note": "A headline"}, format="json"
    )
    assert response.status_code == 200 and response.json()["not_a_claim"] is True
    listed = factchecker_api.get(f"/api/v1/articles/{article.pk}/claims/").json()["results"]
    assert drones.pk not in [claim["id"] for claim in listed]
    assert drones.pk not in [claim["id"] for claim in factchecker_api.get(CLAIMS).json()["results"]]
    assert "three drones were intercepted" not in factchecker_api.get(f"{CLAIMS}export.csv/").getvalue().decode()
    assert factchecker_api.get(f"{CLAIMS}{drones.pk}/").status_code == 200
    restored = factchecker_api.post(f"{CLAIMS}{drones.pk}/correct/", {"not_a_claim": False}, format="json")
    assert restored.json()["not_a_claim"] is False
    assert actions(drones.pk) == [ReviewAction.NOT_A_CLAIM, ReviewAction.CLAIM_RESTORED]


def test_adding_a_claim_with_its_chain(editor_api, article, interfax):
    response = editor_api.post(
        f"/api/v1/articles/{article.pk}/claims/",
        {
            "text": "14 people were hurt",
            "kind": "indirect",
            "chain": [
                {"source": {"name": "Valmor rescue service", "type": "organization"}},
                {"source": {"id": interfax.pk}},
            ],
        },
        format="json",
    )
    assert response.status_code == 400
    assert "already a claim" in response.json()["detail"]

    start = article.text.index("Rescuers")
    response = editor_api.post(
        f"/api/v1/articles/{article.pk}/claims/",
        {
            "span": {"start": start, "end": start + len("Rescuers said 14 people were hurt")},
            "kind": "indirect",
            "chain": [
                {"source": {"name": "Valmor rescue service", "type": "organization"}, "medium": "statement"},
                {"source": {"id": interfax.pk}},
            ],
        },
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["text"] == "Rescuers said 14 people were hurt"
    assert names(body) == ["Valmor rescue service", "Interfax"] and body["depth"] == 2
    assert response["Location"].endswith(f"{CLAIMS}{body['id']}/")
    assert actions(body["id"]) == [ReviewAction.CLAIM_ADDED]


def test_a_claim_needs_a_span_or_its_words(editor_api, article):
    response = editor_api.post(f"/api/v1/articles/{article.pk}/claims/", {"kind": "unattributed"}, format="json")
    assert response.status_code == 400
    assert "span" in response.json()


def test_the_schema_describes_the_corrections(editor_api):
    schema = editor_api.get("/api/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    assert "post" in paths["/api/v1/claims/{id}/hops/"]
    assert {"patch", "delete"} <= set(paths["/api/v1/claims/{id}/hops/{position}/"])
    assert "post" in paths["/api/v1/claims/{id}/correct/"]
    assert {"get", "post"} <= set(paths["/api/v1/articles/{id}/claims/"])
    assert "201" in paths["/api/v1/articles/{id}/claims/"]["post"]["responses"]
    claim = schema["components"]["schemas"]["Claim"]["properties"]
    assert {"not_a_claim", "corrected_at", "corrected_by"} <= set(claim)
