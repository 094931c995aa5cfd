"""The API under faults: the broker down at submission, Redis (the throttle counters) down, forged addresses."""

from __future__ import annotations

import logging

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from newsverify.articles.models import Article, ArticleStatus
from newsverify.cache import FailOpenRedisCache
from tests.api.conftest import token_client
from tests.brokers import free_port, publishing_to, unreachable_broker_url
from tests.factories import UserFactory

TOKEN = "/api/v1/auth/token/"
ARTICLES = "/api/v1/articles/"
PASSWORD = "correct horse battery staple"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_submission_while_the_broker_is_down_is_kept_and_answered_202(editor):
    client = token_client(editor)
    with publishing_to(unreachable_broker_url()):
        response = client.post(ARTICLES, {"text": "Officials said the port had reopened."}, format="json")
    assert response.status_code == 202, response.content
    body = response.json()
    assert "will be analysed automatically when the queue is back" in body["detail"]
    assert body["article"]["status"] == ArticleStatus.QUEUED and body["article"]["waiting_for_queue"] is True
    assert Article.objects.get(pk=body["article"]["id"]).enqueued_at is None
    # The same text again is the same article, not a second one, and says so.
    with publishing_to(unreachable_broker_url()):
        again = client.post(ARTICLES, {"text": "Officials said the port had reopened."}, format="json")
    assert again.status_code == 200 and again.json()["duplicate"] is True
    assert Article.objects.count() == 1


def wrong_passwords(client: APIClient, username: str, count: int) -> list[int]:
    return [
        client.post(
            TOKEN, {"username": username, "password": f"guess-{n}"}, HTTP_X_FORWARDED_FOR=f"198.51.100.{n + 1}"
        ).status_code
        for n in range(count)
    ]


def test_a_new_x_forwarded_for_per_request_buys_no_new_allowance(db, settings):
    settings.AXES_FAILURE_LIMIT = 1000  # the throttles are measured here; the lockout in tests/test_login.py
    UserFactory(username="target")
    client = APIClient()
    statuses = wrong_passwords(client, "target", 60)
    print(
        f"\n60 wrong passwords from 60 forged addresses: {statuses.count(400)} checked, {statuses.count(429)} refused"
    )
    assert statuses[:5] == [400] * 5 and set(statuses[5:]) == {429}
    right = client.post(TOKEN, {"username": "target", "password": PASSWORD}, HTTP_X_FORWARDED_FOR="192.0.2.200")
    assert right.status_code == 429 and "token" not in right.json()


@override_settings(NEWSVERIFY_NUM_PROXIES=1)
def test_behind_a_proxy_guesses_at_one_account_from_many_addresses_are_stopped(db, settings):
    settings.AXES_FAILURE_LIMIT = 1000
    UserFactory(username="target")
    UserFactory(username="bystander")
    client = APIClient()
    statuses = wrong_passwords(client, "target", 12)
    assert statuses == [400] * 10 + [429] * 2, "the per-username limit (10/minute) holds across addresses"
    other = client.post(TOKEN, {"username": "bystander", "password": PASSWORD}, HTTP_X_FORWARDED_FOR="192.0.2.9")
    assert other.status_code == 200, "another account from another address is not locked out"


@override_settings(NEWSVERIFY_NUM_PROXIES=1)
def test_the_login_page_and_the_api_see_the_same_client_address(rf):
    from newsverify.api.throttling import client_address

    request = rf.get("/", HTTP_X_FORWARDED_FOR="203.0.113.5, 10.0.0.2", REMOTE_ADDR="10.0.0.1")
    assert client_address(request) == "10.0.0.2", "one proxy: the address it appended"
    with override_settings(NEWSVERIFY_NUM_PROXIES=0):
        assert client_address(request) == "10.0.0.1", "no proxy trusted: the header is ignored"
    with override_settings(NEWSVERIFY_CLIENT_IP_META_KEY="HTTP_X_REAL_IP"):
        assert client_address(rf.get("/", HTTP_X_REAL_IP="203.0.113.9")) == "203.0.113.9"


def dead_redis_cache() -> dict:  # type: ignore[type-arg]
    return {
        "default": {
            "BACKEND": "newsverify.cache.FailOpenRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


def test_with_redis_down_the_api_and_the_login_page_still_answer(editor, client, caplog, monkeypatch):
    monkeypatch.setattr(FailOpenRedisCache, "_last_warning", 0.0)  # the warning is rate-limited per process
    with override_settings(CACHES=dead_redis_cache()), caplog.at_level(logging.WARNING, logger="newsverify.cache"):
        listed = token_client(editor).get(ARTICLES)
        token = APIClient().post(TOKEN, {"username": "ed", "password": PASSWORD})
        login = client.post("/login/", {"username": "ed", "password": PASSWORD})
    assert listed.status_code == 200
    assert token.status_code == 200 and token.json()["token"]
    assert login.status_code == 302
    assert "The cache (Redis) is unreachable, so rate limits are not counted" in caplog.text
