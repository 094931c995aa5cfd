"""A bulk upload in a real browser: the progress bar shows the batch queued, then updates in place
(no reload) as a real worker analyses it, until every article is done. Screenshots in artifacts/."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from tests.browser.conftest import signed_in_page
from tests.factories import UserFactory
from tests.worker import running_worker

pytestmark = [
    pytest.mark.browser,
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
PASSWORD = "a-long-browser-test-password"
STORIES = [
    "The harbour authority said {n} ferries were cancelled on Tuesday. A spokesman added that crews were safe.",
    "Officials said {n} schools would stay closed. The council confirmed the decision in a statement.",
    "According to the fire brigade, {n} houses were damaged. Residents said the wind began at dawn.",
    "The minister told reporters that {n} inspectors had been hired. The union welcomed the news.",
]


def test_a_bulk_upload_shows_its_progress_updating_in_place(
    live_server, tmp_path, _test_broker, monkeypatch, request, settings
):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    settings.NEWSVERIFY_POLL_WAIT_SECONDS = 5  # each poll held until the counts change, as the site runs
    editor = UserFactory(username="browser-uploader", password=PASSWORD)
    editor.groups.add(Group.objects.get(name="Editor"))
    ARTIFACTS.mkdir(exist_ok=True)
    files = []
    for n, story in enumerate(STORIES, start=2):
        path = tmp_path / f"story-{n}.txt"
        path.write_text(story.format(n=n), encoding="utf-8")
        files.append(str(path))
    browser = request.getfixturevalue("browser")
    from playwright.sync_api import expect

    page, problems = signed_in_page(browser, live_server.url, "browser-uploader", PASSWORD)
    page.goto(f"{live_server.url}/articles/new/")
    page.set_input_files("#id_files", files)
    page.click("text=Upload and analyse")
    bar = page.locator("#upload-progress")
    expect(bar).to_be_visible()
    # No worker yet: the whole batch waits in the queue.
    expect(bar.locator(".is-queued strong")).to_have_text(str(len(STORIES)))
    expect(bar.locator("progress")).to_have_attribute("value", "0")
    page.screenshot(path=str(ARTIFACTS / "upload-progress-queued.png"), full_page=True)
    page.evaluate("window.__sameDocument = true")

    with running_worker(broker_url="filesystem://", broker_dir=_test_broker, log_dir=tmp_path):
        expect(bar.locator(".is-done strong")).to_have_text(str(len(STORIES)), timeout=120_000)
    expect(bar.locator("progress")).to_have_attribute("value", str(len(STORIES)))
    expect(bar.locator("h2")).to_have_text(f"{len(STORIES)} articles analysed")
    assert bar.get_attribute("hx-trigger") is None, "it stops asking once all are finished"
    assert page.evaluate("window.__sameDocument === true"), "updated in place, never reloaded"
    assert page.locator(".upload-results tbody tr").count() == len(STORIES), "each file's outcome stays listed"
    page.screenshot(path=str(ARTIFACTS / "upload-progress-done.png"), full_page=True)
    assert problems == [], problems
