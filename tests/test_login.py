"""Sign-in: attempts are counted per client address and per username, and refused past the rate."""

from __future__ import annotations

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-demo-password"


def attempt(client, username: str, password: str, *, ip: str = "203.0.113.7"):  # type: ignore[no-untyped-def]
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_a_right_password_signs_in(client):
    UserFactory(username="ada", password=PASSWORD)
    response = attempt(client, "ada", PASSWORD)
    assert response.status_code == 302
    assert response.headers["Location"] == "/articles/"


def test_a_wrong_password_says_so_and_keeps_the_username(client):
    UserFactory(username="ada", password=PASSWORD)
    response = attempt(client, "ada", "guess")
    assert response.status_code == 200
    assert "did not match" in response.text
    assert 'value="ada"' in response.text


def test_too_many_attempts_on_one_account_are_refused_even_with_the_right_password(client, settings):
    UserFactory(username="ada", password=PASSWORD)
    limit = int(settings.NEWSVERIFY_LOGIN_RATE_PER_USER.split("/")[0])
    for n in range(limit):
        # From many addresses: the per-username counter is what stops a distributed guess.
        assert attempt(client, "ada", f"guess-{n}", ip=f"198.51.100.{n + 1}").status_code == 200
    refused = attempt(client, "ada", PASSWORD, ip="192.0.2.1")
    assert refused.status_code == 429
    assert "Too many sign-in attempts" in refused.text
    assert "_auth_user_id" not in client.session
    # Another account is not locked by the guesses on this one.
    UserFactory(username="grace", password=PASSWORD)
    assert attempt(client, "grace", PASSWORD, ip="192.0.2.1").status_code == 302


def test_too_many_attempts_from_one_address_are_refused(client, settings):
    limit = int(settings.NEWSVERIFY_LOGIN_RATE_PER_IP.split("/")[0])
    for n in range(limit):
        # A different username each time: only the per-address counter grows.
        assert attempt(client, f"user-{n}", "guess").status_code == 200
    assert attempt(client, "someone-else", "guess").status_code == 429
    assert attempt(client, "someone-else", "guess", ip="203.0.113.8").status_code == 200
