"""Debian's Chromium driven by Playwright for Python; no browser is ever downloaded."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import require_service


@pytest.fixture
def browser():  # type: ignore[no-untyped-def]
    chromium = shutil.which("chromium")
    require_service(chromium is not None, "Chromium: install Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            yield browser
        finally:
            browser.close()


def signed_in_page(browser, base_url: str, username: str, password: str, *, width: int = 1280):  # type: ignore[no-untyped-def]
    """A new page signed in as ``username``, and the list its console errors and page errors go to."""
    import re

    page = browser.new_page(viewport={"width": width, "height": 900})
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(f"{base_url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/articles/$"))
    return page, problems


STORY_PASSWORD = "a-long-browser-test-password"
STORY_STATEMENT = "Police detained 27 protesters outside the parliament in Valmor on Saturday."


def protest_story_world() -> tuple[dict, list]:  # type: ignore[type-arg]
    """An editor ("browser-editor") and four articles relaying one ministry statement, each matched
    and committed as the worker does: two through different wires, the last with another figure
    from anonymous officials. Returns the sources by role and the four claims, by date."""
    from django.contrib.auth.models import Group

    from newsverify.sources.models import SourceType
    from newsverify.stories.services import story_match_article
    from tests.factories import SourceFactory, UserFactory
    from tests.stories.conftest import relay

    editor = UserFactory(username="browser-editor", password=STORY_PASSWORD)
    editor.groups.add(Group.objects.get(name="Editor"))
    sources = {
        "ministry": SourceFactory(name="Interior Ministry", type=SourceType.GOVERNMENT_BODY),
        "northwire": SourceFactory(name="Northwire", type=SourceType.NEWS_AGENCY),
        "eastern": SourceFactory(name="Eastern Press Agency", type=SourceType.NEWS_AGENCY),
        "officials": SourceFactory(name="officials", type=SourceType.ANONYMOUS),
    }
    ministry, statement = sources["ministry"], STORY_STATEMENT
    claims = [
        relay(statement, publisher="Interior Ministry bulletin", chain=[ministry], day=7, kind="direct"),
        relay(
            statement[:-1] + ", the ministry said.",
            publisher="Morning Post",
            chain=[ministry, sources["northwire"]],
            day=8,
        ),
        relay(
            statement[:-1] + ", an agency said.",
            publisher="Harbour Herald",
            chain=[ministry, sources["eastern"]],
            day=8,
        ),
        relay(statement.replace("27", "dozens of"), publisher="Valmor Daily", chain=[sources["officials"]], day=9),
    ]
    for claim in claims:
        story_match_article(article_id=claim.article_id)
    return sources, claims
