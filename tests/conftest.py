from __future__ import annotations

import os
import socket
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache

from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent
SEED_PATH = ROOT / "seeds" / "000_10a75b55b132236b.txt"


def services_required() -> bool:
    return os.environ.get("NEWSVERIFY_REQUIRE_SERVICES", "").lower() in {"1", "true", "yes"}


def require_service(available: bool, reason: str) -> None:
    """Skip with ``reason`` when a service is missing; in CI (NEWSVERIFY_REQUIRE_SERVICES=1) fail instead."""
    if available:
        return
    if services_required():
        pytest.fail(f"{reason} (NEWSVERIFY_REQUIRE_SERVICES=1, so this is a failure, not a skip)")
    pytest.skip(reason)


def tcp_reachable(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or default_port), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(scope="session", autouse=True)
def _test_broker(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Tasks enqueued by tests go to a private filesystem broker and a queue named for this run,
    never to a developer's queue. Set before anything is published: Celery caches its queues."""
    import uuid

    from newsverify.celery import app

    folder = tmp_path_factory.mktemp("broker")
    app.conf.task_default_queue = f"test-{uuid.uuid4().hex[:12]}"
    app.conf.broker_url = "filesystem://"
    app.conf.broker_transport_options = {
        "data_folder_in": str(folder / "queue"),
        "data_folder_out": str(folder / "queue"),
        "control_folder": str(folder / "control"),
        "polling_interval": 0.2,
    }
    for sub in ("queue", "control"):
        (folder / sub).mkdir()
    app.close()
    yield folder
    app.close()


@pytest.fixture(autouse=True)
def _fresh_rate_limits():  # type: ignore[no-untyped-def]
    """Rate-limit counts (API throttles, login attempts) live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """The real spaCy pipeline, loaded once for the whole run (about a second)."""
    from newsverify.attribution import get_nlp

    return get_nlp(settings.NEWSVERIFY_SPACY_MODEL)


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_PATH.read_text(encoding="utf-8")


@pytest.fixture
def editor(db):  # type: ignore[no-untyped-def]
    user = UserFactory(username="ed")
    user.groups.add(Group.objects.get(name="Editor"))
    return user


@pytest.fixture
def factchecker(db):  # type: ignore[no-untyped-def]
    user = UserFactory(username="fc")
    user.groups.add(Group.objects.get(name="Fact-checker"))
    return user


@pytest.fixture
def outsider(db):  # type: ignore[no-untyped-def]
    """Logged in, but in no role."""
    return UserFactory(username="nobody")


@pytest.fixture
def editor_client(client, editor):  # type: ignore[no-untyped-def]
    client.force_login(editor)
    return client


@pytest.fixture
def factchecker_client(client, factchecker):  # type: ignore[no-untyped-def]
    client.force_login(factchecker)
    return client
