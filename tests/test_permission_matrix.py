"""Every route of the URLconf, tried as every role, with GET, POST and a POST without its CSRF token.

The routes come from walking the resolver, so a route added without a row in ``MATRIX`` fails
``test_every_route_has_a_row``. The answers expected are in that one table. Each role's requests
run in a transaction that is rolled back, so what one role's POST changed is not what the next
role sees. Objects of one article reached through another's URL are refused (IDOR tests below).
"""

from __future__ import annotations

import os
import re
from typing import Any

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.attack_world import ROLES, World, build_world

pytestmark = pytest.mark.django_db

LOGIN = L = "login"  # 302 to the login page (?next=)
ADMIN_LOGIN = AL = "admin-login"  # 302 to the admin's login page
ANY_REDIRECT = R = 302  # a redirect elsewhere than a login page
# "CSRF" is a POST without the token, from a client that enforces the check as browsers meet it.
METHODS = ("GET", "POST", "CSRF")
# Asked only where a row names them (the API's one PATCH / DELETE route).
MORE_METHODS = ("PATCH", "DELETE")

# Role order: anonymous, no role, editor, fact-checker, staff (is_staff and Fact-checker, as the demo).
# A write a role may do answers 200/302 when the empty form is enough, else 400/422: the form
# refused, after the permission check let it through. 405: the route does not take the method.
# fmt: off
MATRIX: dict[str, dict[str, tuple[Any, ...]]] = {
    "/":                       {"GET": (  R,   R,   R,   R,   R), "POST": (  R,   R,   R,   R,   R), "CSRF": (403, 403, 403, 403, 403)},
    "login":                   {"GET": (200,   R,   R,   R,   R), "POST": (200,   R,   R,   R,   R), "CSRF": (403, 403, 403, 403, 403)},
    "logout":                  {"GET": (405, 405, 405, 405, 405), "POST": (  R,   R,   R,   R,   R), "CSRF": (403, 403, 403, 403, 403)},
    "article_list":            {"GET": (  L, 403, 200, 200, 200), "POST": (  L, 403, 200, 200, 200), "CSRF": (403, 403, 403, 403, 403)},
    "article_upload":          {"GET": (  L, 403, 200, 403, 403), "POST": (  L, 403, 400, 403, 403), "CSRF": (403, 403, 403, 403, 403)},
    "article_detail":          {"GET": (  L, 403, 200, 200, 200), "POST": (  L, 403, 200, 200, 200), "CSRF": (403, 403, 403, 403, 403)},
    "article_reanalyse":       {"GET": (  L, 405, 405, 405, 405), "POST": (  L, 403,   R,   R,   R), "CSRF": (403, 403, 403, 403, 403)},
    "claim_detail":            {"GET": (  L, 403, 200, 200, 200), "POST": (  L, 403, 200, 200, 200), "CSRF": (403, 403, 403, 403, 403)},
    "claim_flag":              {"GET": (  L, 405, 405, 405, 405), "POST": (  L, 403, 422, 403, 403), "CSRF": (403, 403, 403, 403, 403)},
    "claim_verdict":           {"GET": (  L, 405, 405, 405, 405), "POST": (  L, 403, 403, 422, 422), "CSRF": (403, 403, 403, 403, 403)},
    "claim_assign":            {"GET": (  L, 405, 405, 405, 405), "POST": (  L, 403,   R,   R,   R), "CSRF": (403, 403, 403, 403, 403)},
    "claim_comment":           {"GET": (  L, 405, 405, 405, 405), "POST": (  L, 403, 422, 422, 422), "CSRF": (403, 403, 403, 403, 403)},
    "hop_confirm":             {"GET": (  L, 405, 405, 405, 405), "POST": (  L, 403, 403, 422, 422), "CSRF": (403, 403, 403, 403, 403)},
    "hop_reopen":              {"GET": (  L, 405, 405, 405, 405), "POST": (  L, 403, 403, 422, 422), "CSRF": (403, 403, 403, 403, 403)},
    "claim_add":               {"GET": (  L, 403, 200, 200, 200), "POST": (  L, 403, 422, 422, 422), "CSRF": (403, 403, 403, 403, 403)},
    "claim_edit":              {"GET": (  L, 403, 200, 200, 200), "POST": (  L, 403, 200, 200, 200), "CSRF": (403, 403, 403, 403, 403)},
    "claim_correct":           {"GET": (  L, 405, 405, 405, 405), "POST": (  L, 403, 422, 422, 422), "CSRF": (403, 403, 403, 403, 403)},
    "hop_add":                 {"GET": (  L, 405, 405, 405, 405), "POST": (  L, 403, 422, 422, 422), "CSRF": (403, 403, 403, 403, 403)},
    "hop_source":              {"GET": (  L, 405, 405, 405, 405), "POST": (  L, 403, 422, 422, 422), "CSRF": (403, 403, 403, 403, 403)},
    "hop_medium":              {"GET": (  L, 405, 405, 405, 405), "POST": (  L, 403, 422, 422, 422), "CSRF": (403, 403, 403, 403, 403)},
    "hop_move":                {"GET": (  L, 405, 405, 405, 405), "POST": (  L, 403, 422, 422, 422), "CSRF": (403, 403, 403, 403, 403)},
    "hop_remove":              {"GET": (  L, 405, 405, 405, 405), "POST": (  L, 403,   R,   R,   R), "CSRF": (403, 403, 403, 403, 403)},
    "source_candidates":       {"GET": (  L, 403, 200, 200, 200), "POST": (  L, 403, 200, 200, 200), "CSRF": (403, 403, 403, 403, 403)},
    "review_queue":            {"GET": (  L, 403, 200, 200, 200), "POST": (  L, 403, 200, 200, 200), "CSRF": (403, 403, 403, 403, 403)},
    "review_queue_bulk":       {"GET": (  L, 405, 405, 405, 405), "POST": (  L, 403,   R,   R,   R), "CSRF": (403, 403, 403, 403, 403)},
    "audit_log":               {"GET": (  L, 403, 200, 200, 200), "POST": (  L, 403, 200, 200, 200), "CSRF": (403, 403, 403, 403, 403)},
    "source_list":             {"GET": (  L, 403, 200, 200, 200), "POST": (  L, 403, 200, 200, 200), "CSRF": (403, 403, 403, 403, 403)},
    "source_detail":           {"GET": (  L, 403, 200, 200, 200), "POST": (  L, 403, 200, 200, 200), "CSRF": (403, 403, 403, 403, 403)},
    "source_merge":            {"GET": (  L, 403, 403, 403, 200), "POST": (  L, 403, 403, 403, 422), "CSRF": (403, 403, 403, 403, 403)},
    "source_merge_undo":       {"GET": (  L, 405, 405, 405, 405), "POST": (  L, 403, 403, 403,   R), "CSRF": (403, 403, 403, 403, 403)},
    "inbox":                   {"GET": (  L, 403, 200, 200, 200), "POST": (  L, 403, 200, 200, 200), "CSRF": (403, 403, 403, 403, 403)},
    "notifications_read_all":  {"GET": (  L, 405, 405, 405, 405), "POST": (  L, 403,   R,   R,   R), "CSRF": (403, 403, 403, 403, 403)},
    "notification_open":       {"GET": (  L, 403,   R, 404, 404), "POST": (  L, 403,   R, 404, 404), "CSRF": (403, 403, 403, 403, 403)},
    "notification_read":       {"GET": (  L, 405, 405, 405, 405), "POST": (  L, 403,   R, 404, 404), "CSRF": (403, 403, 403, 403, 403)},
    "accuracy":                {"GET": (  L, 403, 403, 403, 200), "POST": (  L, 405, 405, 405, 405), "CSRF": (403, 403, 403, 403, 403)},
    "accuracy_score":          {"GET": (  L, 405, 405, 405, 405), "POST": (  L, 403, 403, 403,   R), "CSRF": (403, 403, 403, 403, 403)},
    "admin:index":             {"GET": ( AL,  AL,  AL,  AL, 200), "POST": ( AL,  AL,  AL,  AL, 200), "CSRF": (403, 403, 403, 403, 403)},
    "export_claims_csv":       {"GET": (  L, 403, 200, 200, 200), "POST": (  L, 405, 405, 405, 405), "CSRF": (403, 403, 403, 403, 403)},
    "export_claimreview":      {"GET": (  L, 403, 200, 200, 200), "POST": (  L, 405, 405, 405, 405), "CSRF": (403, 403, 403, 403, 403)},
    "export_prov":             {"GET": (  L, 403, 200, 200, 200), "POST": (  L, 405, 405, 405, 405), "CSRF": (403, 403, 403, 403, 403)},
    "api-token":               {"GET": (405, 405, 405, 405, 405), "POST": (400, 400, 400, 400, 400), "CSRF": (400, 403, 403, 403, 403)},
    "api-article-list":        {"GET": (401, 403, 200, 200, 200), "POST": (401, 403, 400, 403, 403), "CSRF": (401, 403, 403, 403, 403)},
    "api-article-detail":      {"GET": (401, 403, 200, 200, 200), "POST": (401, 403, 405, 403, 403), "CSRF": (401, 403, 403, 403, 403)},
    "api-article-claims":      {"GET": (401, 403, 200, 200, 200), "POST": (401, 403, 400, 400, 400), "CSRF": (401, 403, 403, 403, 403)},
    "api-article-reanalyse":   {"GET": (401, 403, 405, 405, 405), "POST": (401, 403, 202, 202, 202), "CSRF": (401, 403, 403, 403, 403)},
    "api-claim-list":          {"GET": (401, 403, 200, 200, 200), "POST": (401, 403, 405, 405, 405), "CSRF": (401, 403, 403, 403, 403)},
    "api-claim-csv":           {"GET": (401, 403, 200, 200, 200), "POST": (401, 403, 405, 405, 405), "CSRF": (401, 403, 403, 403, 403)},
    "api-claim-detail":        {"GET": (401, 403, 200, 200, 200), "POST": (401, 403, 405, 405, 405), "CSRF": (401, 403, 403, 403, 403)},
    "api-claim-assign":        {"GET": (401, 403, 405, 405, 405), "POST": (401, 403, 400, 400, 400), "CSRF": (401, 403, 403, 403, 403)},
    "api-claim-claimreview":   {"GET": (401, 403, 200, 200, 200), "POST": (401, 403, 405, 405, 405), "CSRF": (401, 403, 403, 403, 403)},
    "api-claim-comment":       {"GET": (401, 403, 405, 405, 405), "POST": (401, 403, 400, 400, 400), "CSRF": (401, 403, 403, 403, 403)},
    "api-claim-correct":       {"GET": (401, 403, 405, 405, 405), "POST": (401, 403, 400, 400, 400), "CSRF": (401, 403, 403, 403, 403)},
    "api-claim-flag":          {"GET": (401, 403, 405, 405, 405), "POST": (401, 403, 400, 403, 403), "CSRF": (401, 403, 403, 403, 403)},
    "api-claim-hop":           {"GET": (401, 403, 405, 405, 405), "POST": (401, 403, 405, 405, 405), "CSRF": (401, 403, 403, 403, 403),
                                "PATCH": (401, 403, 400, 400, 400), "DELETE": (401, 403, 200, 200, 200)},
    "api-claim-hop-confirm":   {"GET": (401, 403, 405, 405, 405), "POST": (401, 403, 403, 400, 400), "CSRF": (401, 403, 403, 403, 403)},
    "api-claim-hop-reopen":    {"GET": (401, 403, 405, 405, 405), "POST": (401, 403, 403, 400, 400), "CSRF": (401, 403, 403, 403, 403)},
    "api-claim-hops":          {"GET": (401, 403, 405, 405, 405), "POST": (401, 403, 400, 400, 400), "CSRF": (401, 403, 403, 403, 403)},
    "api-claim-prov":          {"GET": (401, 403, 200, 200, 200), "POST": (401, 403, 405, 405, 405), "CSRF": (401, 403, 403, 403, 403)},
    "api-claim-prov-turtle":   {"GET": (401, 403, 200, 200, 200), "POST": (401, 403, 405, 405, 405), "CSRF": (401, 403, 403, 403, 403)},
    "api-claim-verdict":       {"GET": (401, 403, 405, 405, 405), "POST": (401, 403, 403, 400, 400), "CSRF": (401, 403, 403, 403, 403)},
    "api-source-list":         {"GET": (401, 403, 200, 200, 200), "POST": (401, 403, 405, 405, 405), "CSRF": (401, 403, 403, 403, 403)},
    "api-source-detail":       {"GET": (401, 403, 200, 200, 200), "POST": (401, 403, 405, 405, 405), "CSRF": (401, 403, 403, 403, 403)},
    "api-root":                {"GET": (401, 200, 200, 200, 200), "POST": (401, 405, 405, 405, 405), "CSRF": (401, 403, 403, 403, 403)},
    "api-schema":              {"GET": (401, 200, 200, 200, 200), "POST": (401, 405, 405, 405, 405), "CSRF": (401, 403, 403, 403, 403)},
    "network":                 {"GET": (  L, 403, 200, 200, 200), "POST": (  L, 405, 405, 405, 405), "CSRF": (403, 403, 403, 403, 403)},
    "network_data":            {"GET": (  L, 403, 200, 200, 200), "POST": (  L, 405, 405, 405, 405), "CSRF": (403, 403, 403, 403, 403)},
    "outlet_dashboard":        {"GET": (  L, 403, 200, 200, 200), "POST": (  L, 405, 405, 405, 405), "CSRF": (403, 403, 403, 403, 403)},
    "story_list":              {"GET": (  L, 403, 200, 200, 200), "POST": (  L, 405, 405, 405, 405), "CSRF": (403, 403, 403, 403, 403)},
    "story_detail":            {"GET": (  L, 403, 200, 200, 200), "POST": (  L, 403, 200, 200, 200), "CSRF": (403, 403, 403, 403, 403)},
    "story_upstream_correction": {"GET": (L, 405, 405, 405, 405), "POST": (  L, 403, 403, 422, 422), "CSRF": (403, 403, 403, 403, 403)},
    "pipeline_status":         {"GET": (  L, 403, 403, 403, 200), "POST": (  L, 405, 405, 405, 405), "CSRF": (403, 403, 403, 403, 403)},
    "health":                  {"GET": (200, 200, 200, 200, 200), "POST": (405, 405, 405, 405, 405), "CSRF": (403, 403, 403, 403, 403)},
    "article_progress":        {"GET": (  L, 403, 200, 200, 200), "POST": (  L, 403, 200, 200, 200), "CSRF": (403, 403, 403, 403, 403)},
    "engine_suggestion_accept": {"GET": (L, 405, 405, 405, 405), "POST": (  L, 403, 422, 422, 422), "CSRF": (403, 403, 403, 403, 403)},
    "engine_suggestion_dismiss": {"GET": (L, 405, 405, 405, 405), "POST": (  L, 403, 422, 422, 422), "CSRF": (403, 403, 403, 403, 403)},
    "api-claim-suggestion-accept": {"GET": (401, 403, 405, 405, 405), "POST": (401, 403, 400, 400, 400), "CSRF": (401, 403, 403, 403, 403)},
    "api-claim-suggestion-dismiss": {"GET": (401, 403, 405, 405, 405), "POST": (401, 403, 400, 400, 400), "CSRF": (401, 403, 403, 403, 403)},
}
# fmt: on


def route_names() -> list[str]:
    """Every route's name (its path where it has none); the admin's routes are one row, its index."""
    found: list[str] = []

    def walk(patterns: list[Any], prefix: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    found.append("admin:index")
                    continue
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                found.append(pattern.name or "/" + prefix + str(pattern.pattern))

    walk(get_resolver().url_patterns, "")
    return found


def route_kwargs(name: str, world: World) -> dict[str, Any]:
    """URL arguments from the world's real objects: article A, its claim, hop 0, its source..."""
    if name == "admin:index" or name.startswith("/"):
        return {}
    pattern = get_resolver().reverse_dict.getlist(name)[0][0][0][1]
    pk = {"api-article": world.article.pk, "api-source": world.source.pk}
    values = {
        "article_id": world.article.pk,
        "claim_id": world.claim.pk,
        "position": 0,
        "source_id": world.source.pk,
        "merge_id": world.merge.pk,
        "notification_id": world.notification.pk,
        "story_id": world.story.pk,
        "fmt": "json",
        "pk": next((v for prefix, v in pk.items() if name.startswith(prefix)), world.claim.pk),
    }
    return {argument: values[argument] for argument in pattern}


def route_url(name: str, world: World) -> str:
    if name.startswith("/"):
        return name
    return reverse(name, kwargs=route_kwargs(name, world))


def client_for(role: str, world: World, *, csrf: bool) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def answer(response: Any) -> Any:
    """A response as the table writes it: a status, or where a redirect leads."""
    if response.status_code in (301, 302):
        location = response.headers["Location"]
        if location.startswith("/admin/login/"):
            return ADMIN_LOGIN
        if re.match(r"^/login/\?next=", location):
            return LOGIN
        return ANY_REDIRECT
    return response.status_code


def observe(name: str, world: World) -> dict[str, tuple[Any, ...]]:
    """What each role gets, per method, each role's requests rolled back afterwards."""
    url = route_url(name, world)
    seen: dict[str, list[Any]] = {method: [] for method in METHODS}
    for role in ROLES:
        cache.clear()  # rate limits count per test; each role starts with none
        with transaction.atomic():
            client = client_for(role, world, csrf=False)
            seen["GET"].append(answer(client.get(url)))
            seen["POST"].append(answer(client.post(url, {})))
            transaction.set_rollback(True)
        for method in MORE_METHODS:
            if method in MATRIX.get(name, {}):
                with transaction.atomic():
                    client = client_for(role, world, csrf=False)
                    response = client.generic(method, url, "{}", content_type="application/json")
                    seen.setdefault(method, []).append(answer(response))
                    transaction.set_rollback(True)
        with transaction.atomic():
            seen["CSRF"].append(answer(client_for(role, world, csrf=True).post(url, {})))
            transaction.set_rollback(True)
    return {method: tuple(values) for method, values in seen.items()}


@pytest.fixture
def world() -> World:
    return build_world()


def test_every_route_has_a_row_and_every_row_a_route():
    routes = set(route_names())
    missing = sorted(routes - set(MATRIX))
    assert not missing, f"Routes without a row in MATRIX (add the answer each role must get): {missing}"
    stale = sorted(set(MATRIX) - routes)
    assert not stale, f"Rows in MATRIX for routes that no longer exist: {stale}"
    for name, row in MATRIX.items():
        assert set(METHODS) <= set(row) <= set(METHODS + MORE_METHODS), name
        assert all(len(v) == len(ROLES) for v in row.values()), name


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_role_gets_the_answer_in_the_matrix(name, world):
    observed = observe(name, world)
    if os.environ.get("NEWSVERIFY_MATRIX_PRINT"):
        print(f'\n    "{name}": {observed},')
    assert set(observed) == set(MATRIX[name])
    mismatches = {
        f"{method} as {role}": (expected, got)
        for method in MATRIX[name]
        for role, expected, got in zip(ROLES, MATRIX[name][method], observed[method], strict=True)
        if expected != got
    }
    assert not mismatches, f"{name} ({route_url(name, world)}): (expected, got) {mismatches}"


def test_the_table_refuses_every_post_without_its_token():
    """No row may expect a tokenless POST to get through: 403 (401 for an anonymous API call, which
    carries no session a forged form could ride on; the token endpoint the same, for that reason)."""
    for name, row in MATRIX.items():
        for role, answer_ in zip(ROLES, row["CSRF"], strict=True):
            assert answer_ in (403, 401, 405) or (role == "anonymous" and name == "api-token"), (name, role, answer_)


# IDOR: an object reached through a URL that names another article, claim or person is not found.

ALLOWED = {200, 201, 202, 302, 400, 422, R}


def allowed_role(name: str, method: str) -> str:
    """A role the matrix lets through ``method`` on ``name`` (so a refusal below is the IDOR check's)."""
    row = MATRIX[name][method]
    return next(role for role, got in zip(ROLES, row, strict=True) if got in ALLOWED)


def call(client: Client, method: str, url: str) -> Any:
    if method == "GET":
        return client.get(url)
    return (
        client.post(url, {}) if method == "POST" else client.generic(method, url, "{}", content_type="application/json")
    )


def routes_taking(*arguments: str) -> list[str]:
    return [
        name
        for name in MATRIX
        if not name.startswith("/")
        and name != "admin:index"
        and set(arguments) <= set(get_resolver().reverse_dict.getlist(name)[0][0][0][1])
    ]


def test_a_claim_of_one_article_under_another_articles_url_is_not_found(world):
    names = routes_taking("article_id", "claim_id")
    assert len(names) >= 14 and {"claim_detail", "claim_verdict", "hop_remove", "claim_edit"} <= set(names)
    for name in names:
        kwargs = route_kwargs(name, world) | {"article_id": world.other_article.pk}
        url = reverse(name, kwargs=kwargs)
        for method in ("GET", "POST"):
            role = allowed_role(name, method) if any(v in ALLOWED for v in MATRIX[name][method]) else None
            if role is None:
                continue
            with transaction.atomic():
                response = call(client_for(role, world, csrf=False), method, url)
                transaction.set_rollback(True)
            assert response.status_code == 404, (name, method, role, url, response.status_code)


def test_a_hop_of_one_claim_under_another_claims_url_is_not_found(world):
    """Position 1 is a hop of claim A; claim B has only its origin."""
    names = routes_taking("position")
    assert {"hop_confirm", "hop_remove", "api-claim-hop", "api-claim-hop-confirm"} <= set(names)
    for name in names:
        kwargs = route_kwargs(name, world) | {"position": 1}
        kwargs |= (
            {"article_id": world.other_article.pk, "claim_id": world.other_claim.pk} if "claim_id" in kwargs else {}
        )
        kwargs |= {"pk": world.other_claim.pk} if "pk" in kwargs else {}
        url = reverse(name, kwargs=kwargs)
        for method in ("POST", *MORE_METHODS):
            if method not in MATRIX[name] or not any(v in ALLOWED for v in MATRIX[name][method]):
                continue
            role = allowed_role(name, method)
            with transaction.atomic():
                response = call(client_for(role, world, csrf=False), method, url)
                transaction.set_rollback(True)
            assert response.status_code == 404, (name, method, role, url, response.status_code)
    # The same URLs with claim A's own ids reach the hop (the refusal above is the mix-up's).
    own = reverse("api-claim-hop", kwargs={"pk": world.claim.pk, "position": 1})
    assert client_for("editor", world, csrf=False).delete(own).status_code == 200


def test_lists_of_one_article_hold_only_its_claims(world):
    editor = client_for("editor", world, csrf=False)
    listed = editor.get(reverse("api-article-claims", kwargs={"pk": world.other_article.pk})).json()["results"]
    assert world.other_claim.pk in [claim["id"] for claim in listed]
    assert {claim["article"] for claim in listed} == {world.other_article.pk}
    csv = b"".join(editor.get(reverse("export_claims_csv"), {"article": world.other_article.pk}).streaming_content)
    assert world.claim.text.encode() not in csv and world.other_claim.text.encode() in csv


def test_another_persons_notification_is_not_found_and_stays_unread(world):
    factchecker = client_for("factchecker", world, csrf=False)
    assert factchecker.post(reverse("notification_read", args=[world.notification.pk])).status_code == 404
    assert factchecker.get(reverse("notification_open", args=[world.notification.pk])).status_code == 404
    world.notification.refresh_from_db()
    assert world.notification.read_at is None


def test_a_valid_post_without_its_token_changes_nothing(world):
    from newsverify.review.models import Flag

    url = reverse("claim_flag", args=[world.article.pk, world.claim.pk])
    before = Flag.objects.count()
    assert client_for("editor", world, csrf=True).post(url, {"note": "Forged"}).status_code == 403
    assert Flag.objects.count() == before
    # The same form with its token (the test client's default) is recorded: the refusal was the token's.
    assert client_for("editor", world, csrf=False).post(url, {"note": "Real"}).status_code == 302
    assert Flag.objects.count() == before + 1
