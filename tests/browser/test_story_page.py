"""The story page in a real browser: one statement, its wires and outlets, each path by date, and the
way there from a claim's chain panel. Saves screenshots to tests/browser/artifacts/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsverify.stories.models import Story
from tests.browser.conftest import STORY_PASSWORD, protest_story_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
PASSWORD = STORY_PASSWORD


def test_the_story_page_shows_each_path_and_is_reached_from_the_chain(live_server, monkeypatch, request):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    _, claims = protest_story_world()
    story = Story.objects.get()
    ARTIFACTS.mkdir(exist_ok=True)
    browser = request.getfixturevalue("browser")
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1440, "height": 900})
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "browser-editor")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/articles/$"))

    page.goto(f"{live_server.url}{claims[1].get_absolute_url()}")
    link = page.get_by_role("link", name=re.compile(r"Part of a story: 4 reports in 4 outlets"))
    expect(link).to_be_visible()
    link.click()
    page.wait_for_url(re.compile(rf"/stories/{story.pk}/$"))
    summary = page.locator(".story-summary")
    expect(summary).to_contain_text("1 statement")
    expect(summary).to_contain_text("2 wire services: Eastern Press Agency, Northwire")
    expect(summary).to_contain_text("4 outlets")
    rows = page.locator("table.story-reports tbody tr")
    expect(rows).to_have_count(4)
    expect(rows.nth(1).locator(".path")).to_have_text(
        re.compile(r"Interior Ministry → (Northwire|Eastern Press Agency) → ")
    )
    expect(rows.nth(3)).to_contain_text("anonymous origin only")
    expect(rows.nth(3)).to_contain_text("figure changed: 27 → dozens")
    page.screenshot(path=str(ARTIFACTS / "story_page.png"), full_page=True)
    assert not problems, problems
