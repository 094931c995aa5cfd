"""newsverify.session_store: Django's database sessions, read by a query compiled once."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from newsverify.session_store import SessionStore

pytestmark = pytest.mark.django_db


def test_the_site_uses_it() -> None:
    assert settings.SESSION_ENGINE == "newsverify.session_store"


def test_a_session_reads_as_djangos_own(django_assert_num_queries) -> None:
    stored = SessionStore()
    stored["who"] = 42
    stored.save()
    with django_assert_num_queries(1):
        ours = SessionStore(stored.session_key).load()
    assert ours == DjangoStore(stored.session_key).load() == {"who": 42}


def test_an_expired_or_unknown_session_is_empty_and_loses_its_key() -> None:
    stored = SessionStore()
    stored["who"] = 42
    stored.save()
    Session.objects.filter(pk=stored.session_key).update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    for key in (stored.session_key, "no-such-session-key"):
        session = SessionStore(key)
        assert session.load() == {}
        assert session.session_key is None


def test_a_sign_in_survives_requests_and_a_sign_out_ends_it(client, factchecker) -> None:
    client.post("/login/", {"username": "fc", "password": "correct horse battery staple"})
    assert client.get("/articles/").status_code == 200
    old = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post("/logout/")
    assert not Session.objects.filter(pk=old).exists()
    client.cookies[settings.SESSION_COOKIE_NAME] = old  # the old cookie signs no one in
    assert client.get("/articles/").status_code == 302
