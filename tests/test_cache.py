"""The cache the settings build: shared Redis in a newsroom, so every web process sees one count."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid

import pytest
from django.core.cache.backends.redis import RedisCache

from tests.conftest import ROOT, require_service, tcp_reachable


def caches_with(env: dict[str, str]) -> dict:  # type: ignore[type-arg]
    clean = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "CACHE_URL", "DJANGO_SETTINGS_MODULE"}}
    code = "import json; from django.conf import settings; print(json.dumps(settings.CACHES))"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "newsverify.settings", "DEBUG": "1", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def test_without_redis_the_demo_keeps_counts_in_memory():
    assert caches_with({})["default"]["BACKEND"].endswith("LocMemCache")


def test_with_redis_every_process_shares_the_redis_cache():
    cache = caches_with({"REDIS_URL": "redis://redis.example.org:6379/0"})["default"]
    assert cache["BACKEND"] == "newsverify.cache.FailOpenRedisCache"
    assert cache["LOCATION"] == "redis://redis.example.org:6379/0"
    # A separate cache address wins over the broker's.
    cache = caches_with({"REDIS_URL": "redis://a:6379/0", "CACHE_URL": "redis://b:6379/1"})["default"]
    assert cache["LOCATION"] == "redis://b:6379/1"


@pytest.mark.redis
def test_two_processes_count_on_one_redis():
    """Two cache clients (as two gunicorn workers hold) increment one counter."""
    redis_url = os.environ.get("REDIS_URL", "")
    require_service(bool(redis_url) and tcp_reachable(redis_url, 6379), "Redis: set REDIS_URL to a reachable Redis")
    params = {"KEY_PREFIX": f"newsverify-test-{uuid.uuid4().hex}"}
    first, second = RedisCache(redis_url, params), RedisCache(redis_url, params)
    try:
        first.set("attempts", 0, timeout=60)
        first.incr("attempts")
        second.incr("attempts")
        assert first.get("attempts") == second.get("attempts") == 2
    finally:
        first.delete("attempts")
