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
