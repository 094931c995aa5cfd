"""Settings for faults: Redis redelivers after a visibility timeout above the hard limit; the cache fails open."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys

import pytest

from newsverify.cache import FailOpenRedisCache
from tests.brokers import PrivateRedis, private_redis
from tests.conftest import ROOT, require_service


def settings_with(env: dict[str, str], names: list[str]) -> dict:  # type: ignore[type-arg]
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSVERIFY_", "REDIS_URL", "CELERY_"))}
    values = f"{{name: getattr(settings, name) for name in {names!r}}}"
    code = f"import json; from django.conf import settings; print(json.dumps({values}))"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={**keep, "DJANGO_SETTINGS_MODULE": "newsverify.settings", "DEBUG": "1", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def test_on_redis_a_lost_message_comes_back_after_the_hard_limit_not_after_an_hour():
    got = settings_with(
        {"REDIS_URL": "redis://redis.example.org:6379/0"},
        ["CELERY_BROKER_TRANSPORT_OPTIONS", "CELERY_TASK_TIME_LIMIT", "NEWSVERIFY_ANALYSIS_STUCK_AFTER"],
    )
    visibility = got["CELERY_BROKER_TRANSPORT_OPTIONS"]["visibility_timeout"]
    assert got["CELERY_TASK_TIME_LIMIT"] < visibility < 3600
    assert got["NEWSVERIFY_ANALYSIS_STUCK_AFTER"] > got["CELERY_TASK_TIME_LIMIT"]
    configured = settings_with(
        {"REDIS_URL": "redis://redis.example.org:6379/0", "NEWSVERIFY_BROKER_VISIBILITY_TIMEOUT": "900"},
        ["CELERY_BROKER_TRANSPORT_OPTIONS"],
    )
    assert configured["CELERY_BROKER_TRANSPORT_OPTIONS"]["visibility_timeout"] == 900


def test_a_visibility_timeout_below_the_hard_limit_stops_start_up():
    with pytest.raises(subprocess.CalledProcessError) as refused:
        settings_with({"NEWSVERIFY_BROKER_VISIBILITY_TIMEOUT": "60"}, ["CELERY_BROKER_URL"])
    assert "NEWSVERIFY_BROKER_VISIBILITY_TIMEOUT=60 must be at least" in refused.value.stderr


@pytest.mark.redis
def test_the_cache_fails_open_while_redis_is_down_and_counts_again_when_it_is_back(tmp_path, caplog, monkeypatch):
    require_service(PrivateRedis.available(), "redis-server is not installed (/usr/bin/redis-server)")
    monkeypatch.setattr(FailOpenRedisCache, "_last_warning", 0.0)
    with private_redis(tmp_path) as redis:
        cache = FailOpenRedisCache(redis.url, {"OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}})
        assert cache.add("attempts", 1, 60) is True
        assert cache.incr("attempts") == 2
        redis.stop()
        with caplog.at_level(logging.WARNING, logger="newsverify.cache"):
            assert cache.add("attempts", 1, 60) is False
            assert cache.incr("attempts") is None
            assert cache.get("attempts", "none") == "none"
            cache.set("attempts", 5, 60)
        assert "The cache (Redis) is unreachable" in caplog.text
        redis.start()  # empty again: the counts start over
        assert cache.add("attempts", 1, 60) is True
        assert cache.incr("attempts") == 2
