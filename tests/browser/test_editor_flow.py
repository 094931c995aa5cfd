"""An editor's whole path in a real browser: Debian Chromium via Playwright, a live server, and a real
Celery worker on the embedded broker. Saves screenshots to tests/browser/artifacts/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from tests.factories import UserFactory
from tests.worker import running_worker

pytestmark = [
    pytest.mark.browser,
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
PUBLISHER = "Example Times"
PASSWORD = "a-long-browser-test-password"


def test_an_editor_uploads_follows_a_chain_and_flags_it(
    live_server, seed_text, tmp_path, _test_broker, monkeypatch, request, settings
):  # type: ignore[no-untyped-def]
    settings.NEWSVERIFY_POLL_WAIT_SECONDS = 5  # the poll held until the analysis is stored, as the site runs
    # Playwright's sync API runs an event loop in this thread; the ORM calls below are plain sync code.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    editor = UserFactory(username="browser-editor", password=PASSWORD)
    editor.groups.add(Group.objects.get(name="Editor"))
    ARTIFACTS.mkdir(exist_ok=True)
    browser = request.getfixturevalue("browser")
    from playwright.sync_api import expect

    with running_worker(broker_url="filesystem://", broker_dir=_test_broker, log_dir=tmp_path):
        page = browser.new_page(viewport={"width": 1440, "height": 1000})
        problems: list[str] = []
        page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: problems.append(str(error)))

        page.goto(f"{live_server.url}/login/")
        page.fill("#id_username", "browser-editor")
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(re.compile(r"/articles/$"))

        page.click("text=Upload article")
        page.fill("#id_text", seed_text)
        page.fill("#id_publisher", PUBLISHER)
        page.click("text=Upload and analyse")
        page.wait_for_url(re.compile(r"/articles/\d+/$"))

        # The page polls while the worker analyses, then swaps in the highlighted text.
        page.wait_for_selector("#article-text mark.claim", timeout=120_000)
        assert page.locator("#analysis .status").inner_text() == "Analysed"
        assert page.locator("#analysis[hx-trigger]").count() == 0, "polling stopped"

        # Keyboard: j moves to the first claim, Enter opens its chain.
        page.locator("body").press("j")
        first = page.locator("#article-text a.claim-link").first
        assert first.evaluate("el => el === document.activeElement")
        page.keyboard.press("Enter")
        page.wait_for_selector("#chain-panel .chain-panel")

        claim = page.locator("#article-text a.claim-link", has_text="three drones were intercepted")
        claim.click()
        page.wait_for_selector("#chain-panel blockquote:has-text('three drones were intercepted')")
        chain = page.locator("#chain-panel .chain-line").inner_text().replace("→", "->")
        chain = " ".join(chain.split())
        assert chain.endswith(f"-> TASS -> CNN -> {PUBLISHER}"), chain
        # The text marks the open claim once htmx settles the swap (app.js): wait for it, never race it.
        expect(page.locator("#article-text mark.is-open", has_text="three drones were intercepted")).to_have_count(1)
        assert re.search(r"/articles/\d+/claims/\d+/$", page.url), "the open claim has its own URL"

        page.fill(
            "#chain-panel textarea[name=note]", "Only TASS reports the interception; find the ministry's statement."
        )
        page.click("#chain-panel button:has-text('Flag')")
        page.wait_for_selector("#chain-panel .flag")
        expect(claim.locator("xpath=..")).to_have_attribute("data-badge", re.compile("\u2691"))
        page.screenshot(path=str(ARTIFACTS / "article-chain-open.png"), full_page=True)

        page.reload()
        flag = page.locator("#chain-panel .flag")
        assert "Only TASS reports the interception" in flag.inner_text()
        assert "browser-editor" in page.locator("#chain-panel .events").inner_text()

        page.locator("body").press("Escape")
        page.wait_for_selector("#chain-panel .claims-table")
        assert re.search(r"/articles/\d+/$", page.url), "closing the chain returns to the article's URL"

        page.goto(f"{live_server.url}/articles/")
        page.screenshot(path=str(ARTIFACTS / "article-list.png"), full_page=True)
        assert problems == [], problems
