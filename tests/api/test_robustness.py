"""Input no endpoint foresaw answers 4xx, never 500: deep JSON, format suffixes, the admin's add page."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, reverse
from rest_framework.test import APIClient

from newsverify.api import urls as api_urls
from newsverify.review.models import ReviewStatus
from newsverify.sources.models import SourceType
from tests.api.conftest import token_client
from tests.factories import ClaimFactory, HopFactory, SourceFactory

pytestmark = pytest.mark.django_db

DEEP = "[" * 1000 + "]" * 1000
DEEP_OBJECT = '{"text": ' + "[" * 1000 + "]" * 1000 + "}"


def api_routes() -> list[tuple[str, list[str]]]:
    """Every named route of the API URLconf, with the names of its arguments."""
    found: list[tuple[str, list[str]]] = []

    def walk(patterns: list) -> None:  # type: ignore[type-arg]
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern) and pattern.name:
                found.append((pattern.name, list(pattern.pattern.regex.groupindex)))

    walk(api_urls.urlpatterns)
    return found


@pytest.fixture
def claim():  # type: ignore[no-untyped-def]
    claim = ClaimFactory(depth=1, review_status=ReviewStatus.VERIFIED)
    HopFactory(claim=claim, position=0, source=SourceFactory(name="Officials", type=SourceType.ANONYMOUS))
    return claim


def route_paths(claim) -> list[str]:  # type: ignore[no-untyped-def]
    values = {"pk": {"api-article": claim.article_id, "api-source": claim.hops.get().source_id}, "position": 0}
    paths = []
    for name, arguments in api_routes():
        kwargs = {}
        for argument in arguments:
            value = values[argument]
            if isinstance(value, dict):
                value = next((v for prefix, v in value.items() if name.startswith(prefix)), claim.pk)
            kwargs[argument] = value
        paths.append(reverse(name, kwargs=kwargs))
    return paths


def test_the_route_walk_finds_the_api(claim):
    paths = route_paths(claim)
    assert "/api/v1/articles/" in paths and f"/api/v1/claims/{claim.pk}/hops/0/confirm/" in paths
    assert len(paths) >= 15


@pytest.mark.parametrize("body", [DEEP, DEEP_OBJECT])
def test_json_nested_too_deep_is_a_400_everywhere(editor, claim, body):
    signed_in = token_client(editor)
    for path in route_paths(claim):
        for client in (APIClient(), signed_in):
            response = client.post(path, body, content_type="application/json")
            assert response.status_code < 500, (path, response.status_code)
    for client in (APIClient(), signed_in):
        response = client.post("/api/v1/auth/token/", body, content_type="application/json")
        assert response.status_code == 400
        assert "nested too deeply" in response.json()["detail"]
    response = signed_in.post("/api/v1/articles/", body, content_type="application/json")
    assert response.status_code == 400
    assert "nested too deeply" in response.json()["detail"]


def test_no_route_fails_with_a_format_suffix(editor, claim):
    api = token_client(editor)
    for path in route_paths(claim):
        suffixed = path.rstrip("/") + ".json"
        for response in (api.get(suffixed), api.get(suffixed + "/"), api.post(suffixed, {}, format="json")):
            assert response.status_code < 500, (suffixed, response.status_code)
    assert api.get("/api/v1/articles.json").status_code == 404
    assert api.get(f"/api/v1/claims/{claim.pk}/prov.json").status_code == 404


def test_the_admin_offers_no_add_article(admin_client):
    assert admin_client.get("/admin/articles/article/add/").status_code == 403
    assert admin_client.post("/admin/articles/article/add/", {"title": "T"}).status_code == 403
    listing = admin_client.get("/admin/articles/article/").content.decode()
    assert "/admin/articles/article/add/" not in listing


def test_no_admin_add_page_is_a_server_error(admin_client):
    from django.contrib import admin

    for model in admin.site._registry:
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/add/"
        assert admin_client.get(url).status_code in (200, 403), url
