from __future__ import annotations

import pytest
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from tests.factories import UserFactory

ARTICLES = "/api/v1/articles/"
TOKEN = "/api/v1/auth/token/"


def test_it_rejects_a_request_without_a_token(db):
    response = APIClient().get(ARTICLES)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_it_rejects_a_wrong_token(db):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert client.get(ARTICLES).status_code == 401


def test_it_forbids_a_user_without_a_newsroom_role(outsider_api):
    response = outsider_api.get(ARTICLES)
    assert response.status_code == 403
    assert "newsroom role" in response.json()["detail"]


def test_a_password_gets_a_token_that_reads_the_api(editor):
    response = APIClient().post(TOKEN, {"username": "ed", "password": "correct horse battery staple"})
    assert response.status_code == 200
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert client.get(ARTICLES).status_code == 200


def test_a_wrong_password_gets_no_token(editor):
    response = APIClient().post(TOKEN, {"username": "ed", "password": "guess"})
    assert response.status_code == 400
    assert "token" not in response.json()


def test_obtaining_tokens_is_throttled(db, monkeypatch: pytest.MonkeyPatch):
    # DRF reads the rates into the throttle class when it is imported, so patch them there.
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {**SimpleRateThrottle.THROTTLE_RATES, "token_obtain": "2/minute"}
    )
    UserFactory(username="someone")
    client = APIClient()
    statuses = [client.post(TOKEN, {"username": "someone", "password": "guess"}).status_code for _ in range(3)]
    assert statuses == [400, 400, 429]


def test_users_are_throttled(editor_api, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {**SimpleRateThrottle.THROTTLE_RATES, "user": "3/minute"})
    statuses = [editor_api.get(ARTICLES).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert int(editor_api.get(ARTICLES)["Retry-After"]) > 0


def test_anonymous_requests_are_throttled(db, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {**SimpleRateThrottle.THROTTLE_RATES, "anon": "2/minute"})
    client = APIClient()
    assert [client.post(TOKEN, {"username": "x", "password": "y"}).status_code for _ in range(3)] == [400, 400, 429]
