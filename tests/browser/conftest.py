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
