"""Sign-in: attempts are counted per client address and per username, and refused past the rate; a run
of failures locks the account for a while."""

from __future__ import annotations

import datetime

import pytest
from freezegun import freeze_time

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
    settings.AXES_FAILURE_LIMIT = 1000  # only the rate limit is measured here; the lockout below
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


# Per-account lockout (django-axes): a run of wrong passwords locks the account itself, from any
# address and under any spelling of its name, for a fixed period, on the login page and the API.


def lockout_figures(settings) -> tuple[int, datetime.timedelta]:  # type: ignore[no-untyped-def]
    return settings.AXES_FAILURE_LIMIT, settings.AXES_COOLOFF_TIME


def test_an_account_is_locked_after_repeated_failures_then_unlocked_after_the_period(client, settings):
    UserFactory(username="ada", password=PASSWORD)
    failures, period = lockout_figures(settings)
    with freeze_time("2026-12-01 09:00:00") as clock:
        answers = [attempt(client, "ada", f"guess-{n}", ip=f"198.51.100.{n + 1}") for n in range(failures)]
        assert [a.status_code for a in answers[:-1]] == [200] * (failures - 1)
        assert "did not match" in answers[0].text
        # The failure that reaches the limit is already told the account is locked, and for how long.
        assert answers[-1].status_code == 429
        locked = attempt(client, "ada", PASSWORD, ip="192.0.2.1")
        assert locked.status_code == 429
        assert "This account is locked" in locked.text
        assert f"{failures} failed sign-ins" in locked.text
        assert f"{int(period.total_seconds() // 60)} minutes" in locked.text
        assert "_auth_user_id" not in client.session
        clock.tick(period - datetime.timedelta(seconds=5))
        assert attempt(client, "ada", PASSWORD, ip="192.0.2.2").status_code == 429, "unlocked too early"
        clock.tick(datetime.timedelta(seconds=10))
        assert attempt(client, "ada", PASSWORD, ip="192.0.2.3").status_code == 302


def test_other_spellings_of_the_name_count_against_the_same_account(client, settings):
    UserFactory(username="ada", password=PASSWORD)
    failures, _ = lockout_figures(settings)
    # The form strips and NFKC-normalises the name, so each of these is a guess at "ada".
    spellings = [" ada", "ada ", "\uff41\uff44\uff41", "ada\t", "  ada  "]
    for n in range(failures):
        attempt(client, spellings[n % len(spellings)], f"guess-{n}", ip=f"198.51.100.{n + 1}")
    assert attempt(client, "ada", PASSWORD, ip="192.0.2.1").status_code == 429


def test_the_per_username_rate_counts_every_spelling_of_the_name(client, settings):
    settings.AXES_FAILURE_LIMIT = 1000  # only the rate limit is measured here
    UserFactory(username="ada", password=PASSWORD)
    limit = int(settings.NEWSVERIFY_LOGIN_RATE_PER_USER.split("/")[0])
    for n in range(limit):
        attempt(client, "ada" + " " * n, f"guess-{n}", ip=f"198.51.100.{n + 1}")
    assert attempt(client, " ada ", PASSWORD, ip="192.0.2.1").status_code == 429


def test_a_success_starts_the_count_again(client, settings):
    UserFactory(username="ada", password=PASSWORD)
    failures, _ = lockout_figures(settings)
    for n in range(failures - 1):
        attempt(client, "ada", f"guess-{n}", ip=f"198.51.100.{n + 1}")
    assert attempt(client, "ada", PASSWORD, ip="192.0.2.1").status_code == 302
    client.logout()
    for n in range(failures - 1):
        assert attempt(client, "ada", f"again-{n}", ip=f"198.51.100.{n + 1}").status_code == 200
    assert attempt(client, "ada", PASSWORD, ip="192.0.2.1").status_code == 302


def test_a_locked_account_locks_no_other(client, settings):
    UserFactory(username="ada", password=PASSWORD)
    UserFactory(username="grace", password=PASSWORD)
    failures, _ = lockout_figures(settings)
    for n in range(failures):
        attempt(client, "ada", f"guess-{n}", ip="203.0.113.9")
    assert attempt(client, "grace", PASSWORD, ip="203.0.113.9").status_code == 302


def test_the_token_endpoint_locks_the_same_account_with_a_clear_answer(settings):
    from rest_framework.test import APIClient

    UserFactory(username="ada", password=PASSWORD)
    failures, period = lockout_figures(settings)

    def token(username: str, password: str, ip: str):  # type: ignore[no-untyped-def]
        return APIClient().post("/api/v1/auth/token/", {"username": username, "password": password}, REMOTE_ADDR=ip)

    with freeze_time("2026-12-01 09:00:00") as clock:
        for n in range(failures - 1):
            assert token("ada", f"guess-{n}", f"198.51.100.{n + 1}").status_code == 400
        assert token("ada", "last-guess", "198.51.100.99").status_code == 429
        locked = token("ada", PASSWORD, "192.0.2.1")
        assert locked.status_code == 429
        assert "token" not in locked.json()
        assert "This account is locked" in locked.json()["detail"]
        # The login page counts the same failures: the account is locked there too.
        from django.test import Client

        assert attempt(Client(), "ada", PASSWORD, ip="192.0.2.2").status_code == 429
        clock.tick(period + datetime.timedelta(seconds=1))
        assert "token" in token("ada", PASSWORD, "192.0.2.3").json()
