"""Headers on every response: private pages are never cached; a Permissions-Policy everywhere."""

from __future__ import annotations

import pytest
from django.contrib.staticfiles import finders

from tests.api.conftest import token_client

PRIVATE_PAGES = ["/articles/", "/articles/new/", "/review/", "/audit/", "/sources/", "/exports/claims.csv"]


def no_store(response) -> bool:  # type: ignore[no-untyped-def]
    return "no-store" in response.get("Cache-Control", "")


@pytest.mark.parametrize("path", PRIVATE_PAGES)
def test_a_signed_in_page_is_not_stored(editor_client, path):
    response = editor_client.get(path)
    assert response.status_code == 200, path
    assert no_store(response)
    assert "private" in response["Cache-Control"]


def test_an_api_answer_to_a_token_is_not_stored(editor):
    response = token_client(editor).get("/api/v1/articles/")
    assert response.status_code == 200
    assert no_store(response)


@pytest.mark.parametrize("path", ["/login/", "/articles/", "/api/v1/articles/"])
def test_every_response_has_a_permissions_policy(client, db, path):
    policy = client.get(path)["Permissions-Policy"]
    assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy


def test_static_files_keep_their_caching_and_get_the_policy(settings, db):
    from django.test import Client

    settings.WHITENOISE_USE_FINDERS = True  # WhiteNoise serves from the source folders, as in `make run`
    assert finders.find("css/app.css")
    response = Client().get("/static/css/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert "camera=()" in response["Permissions-Policy"]
