"""A long article in a real browser: its text marked a section at a time as it scrolls into view, a
linked claim (#claim-N) far down reachable, and a claim opened from the claims table marked open in
the text. Sections are made small (10 claims) so an article of 45 has five. Saves a screenshot to
tests/browser/artifacts/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from newsverify.review import selectors
from tests.big_articles import article_with_claims
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
PASSWORD = "a-long-browser-test-password"


@pytest.fixture
def page_of_big_article(live_server, monkeypatch, request):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    monkeypatch.setattr(selectors, "SECTION_CLAIMS", 10)
    monkeypatch.setattr(selectors, "PANEL_CLAIMS", 8)
    article = article_with_claims(45)
    user = UserFactory(username="browser-editor", password=PASSWORD)
    user.groups.add(Group.objects.get(name="Editor"))
    browser = request.getfixturevalue("browser")
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "browser-editor")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/articles/$"))
    order = list(article.claims.current().order_by("span_start").values_list("pk", flat=True))
    yield page, f"{live_server.url}{article.get_absolute_url()}", order
    assert not problems, problems


def test_a_linked_claim_far_down_is_marked_and_shown(page_of_big_article):  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page, url, order = page_of_big_article
    far = order[33]
    page.goto(f"{url}#claim-{far}")
    mark = page.locator(f"#claim-{far}")
    expect(mark).to_be_visible()
    expect(mark).to_be_in_viewport()
    expect(page.locator("#text-section-3")).not_to_have_class(re.compile("is-plain"))
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "big-article-linked-claim.png"))


def test_sections_are_marked_as_they_scroll_into_view(page_of_big_article):  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page, url, order = page_of_big_article
    page.goto(url)
    # The first section comes marked; one far below the screen stays plain text until it is reached.
    # (The second may already be on screen, and marked, by the time this looks.)
    expect(page.locator("#text-section-0 mark.claim")).to_have_count(10)
    expect(page.locator("#text-section-4")).to_have_class(re.compile("is-plain"))
    expect(page.locator("#text-section-4 mark.claim")).to_have_count(0)
    page.locator("#text-section-4").scroll_into_view_if_needed()
    expect(page.locator(f"#claim-{order[44]}")).to_be_visible()


def test_a_claim_opened_from_the_table_is_marked_open_in_the_text(page_of_big_article):  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page, url, order = page_of_big_article
    page.goto(url)
    for shown in ("16 of 45", "24 of 45"):
        page.locator("tr.claims-more a").click()
        expect(page.locator("tr.claims-more")).to_contain_text(shown)
    row_link = page.locator(f'#chain-panel table a[href$="/claims/{order[20]}/"]')
    row_link.click()
    expect(page.locator("#chain-panel .chain-panel")).to_have_attribute("data-claim", str(order[20]))
    expect(page.locator(f"#claim-{order[20]}")).to_have_class(re.compile("is-open"))
    expect(page.locator(f"#claim-{order[20]}")).to_be_in_viewport()
