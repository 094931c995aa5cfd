"""The stories list in a real browser: reached from the header, filtered as you type, a story opened
with its paths; on a phone each story is a card and nothing scrolls sideways. The discrepancy board
lists the figure a relay changed. Saves screenshots to tests/browser/artifacts/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsverify.stories.models import Story, StoryClaim
from newsverify.stories.services import story_match_article
from tests.browser.conftest import STORY_PASSWORD, STORY_STATEMENT, protest_story_world, signed_in_page
from tests.stories.conftest import relay

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
PROTEST = STORY_STATEMENT
FLOOD = "The Ostrel river burst its banks near Karsk on Monday, flooding 40 homes, officials said."
PHONE = {"width": 390, "height": 844}


def _sideways(page) -> int:  # type: ignore[no-untyped-def]
    return page.evaluate(f"Math.max(document.documentElement.scrollWidth, window.innerWidth) - {PHONE['width']}")


def test_the_stories_list_filters_and_opens_a_story_with_its_paths(live_server, monkeypatch, request):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    sources, protest = protest_story_world()
    officials, eastern = sources["officials"], sources["eastern"]
    flood = [
        relay(FLOOD, publisher="Karsk Courier", chain=[officials], day=2),
        relay(FLOOD, publisher="Morning Post", chain=[officials, eastern], day=3),
    ]
    for claim in flood:  # each committed, as the worker does: the notes follow
        story_match_article(article_id=claim.article_id)
    story = StoryClaim.objects.get(claim=protest[0]).story
    assert Story.objects.count() == 2
    ARTIFACTS.mkdir(exist_ok=True)
    browser = request.getfixturevalue("browser")
    from playwright.sync_api import expect

    page, problems = signed_in_page(browser, live_server.url, "browser-editor", STORY_PASSWORD, width=1440)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Stories").click()
    page.wait_for_url(re.compile(r"/stories/$"))
    rows = page.locator("table.stories tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Ostrel river")  # filed last: newest activity first
    first = rows.filter(has_text="protesters")
    expect(first.locator("td.title")).to_contain_text(PROTEST)
    expect(first.locator("[data-label=Reports]")).to_have_text("4")
    expect(first.locator("[data-label='Wire services']")).to_have_text("2")
    expect(first.locator("[data-label=Outlets]")).to_have_text("4")
    expect(first.locator(".flags")).to_contain_text("drift")
    expect(rows.nth(0).locator(".flags")).to_contain_text("anonymous origin only")
    page.screenshot(path=str(ARTIFACTS / "story_list.png"), full_page=True)

    # Filtered as you type: the outlet, then words; the URL keeps the filters.
    page.get_by_label("Outlet").fill("Karsk Courier")
    page.get_by_label("Outlet").dispatch_event("change")
    expect(rows).to_have_count(1)
    expect(rows.nth(0)).to_contain_text("Ostrel river")
    page.wait_for_url(re.compile(r"outlet=Karsk"))
    page.get_by_role("link", name="Clear").click()
    expect(rows).to_have_count(2)
    page.get_by_role("searchbox", name="Search").fill("dozens")
    expect(rows).to_have_count(1)
    expect(rows.nth(0)).to_contain_text("Valmor")
    page.get_by_role("searchbox", name="Search").fill("nothing-like-this")
    expect(page.locator("#results")).to_contain_text("No stories match.")
    page.get_by_role("searchbox", name="Search").fill("")
    expect(rows).to_have_count(2)

    rows.filter(has_text="protesters").locator("td.title a").click()
    page.wait_for_url(re.compile(rf"/stories/{story.pk}/$"))
    reports = page.locator("table.story-reports tbody tr")
    expect(reports).to_have_count(4)
    expect(reports.nth(1).locator(".path")).to_have_text(
        re.compile(r"Interior Ministry → (Northwire|Eastern Press Agency) → ")
    )
    expect(page.locator(".crumbs").get_by_role("link", name="Stories")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "story_from_list.png"), full_page=True)

    # On a phone: the list's rows are cards, the page does not scroll sideways.
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/stories/")
    expect(rows).to_have_count(2)
    assert _sideways(page) <= 0
    expect(rows.nth(0).locator("[data-label=Reports]")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "story_list-390.png"), full_page=True)

    # The discrepancy board: Valmor Daily's "dozens" against the origin's 27, linking to the story.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/network/outlets/")
    drift = page.locator(".discrepancy-board li.story-drift")
    expect(drift).to_have_count(1)
    expect(drift).to_contain_text("27 at the origin (Interior Ministry bulletin) → dozens in Valmor Daily")
    expect(drift.get_by_role("link", name=f"Story #{story.pk}")).to_have_attribute("href", f"/stories/{story.pk}/")
    drift.scroll_into_view_if_needed()
    page.locator(".discrepancy-board").screenshot(path=str(ARTIFACTS / "discrepancy_board.png"))
    page.set_viewport_size(PHONE)
    page.reload()
    wide = page.evaluate(  # what sticks out, if anything does
        "[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > 391)"
        ".slice(0, 8).map(e => e.tagName + '.' + e.className)"
    )
    page.locator("section[aria-labelledby=board-heading]").screenshot(path=str(ARTIFACTS / "discrepancy_board-390.png"))
    assert _sideways(page) <= 0, wide
    assert not problems, problems
