"""A staff member merges a duplicate registry source in a real browser (Debian Chromium via
Playwright, a live server): the suggestion on the source's page, a search as you type, the preview
of what will move, the confirmation, the merged-away page leading to the survivor, and the split
back. Saves screenshots to tests/browser/artifacts/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from newsverify.articles.models import Article
from newsverify.articles.services import analysis_store
from newsverify.attribution import ChainReport, Claim, ClaimKind, Evidence, Hop, Source, SourceType
from newsverify.review.services import claim_comment
from newsverify.sources.models import Source as RegistrySource
from tests.factories import ArticleFactory, UserFactory
from tests.reports import span

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
PASSWORD = "a-long-browser-test-password"


def one_claim_report(text: str, source: str, fragment: str, publisher: str) -> ChainReport:
    content = span(text, fragment)
    return ChainReport(
        publisher=publisher,
        sources=(Source("s1", source, SourceType.GOVERNMENT_BODY),),
        claims=(
            Claim(
                "c1",
                content.start,
                content.end,
                content.text,
                ClaimKind.INDIRECT,
                cue=span(text, "said"),
                chain=(Hop("s1", Evidence.EXPLICIT, None, span(text, source)),),
            ),
        ),
        engine_version="test",
        model="hand-built",
    )


def seed() -> tuple[RegistrySource, RegistrySource]:
    """Two articles naming one ministry two ways, and a different ministry that must not be offered."""
    desk = UserFactory(username="browser-staff", password=PASSWORD, is_staff=True)
    desk.groups.add(Group.objects.get(name="Fact-checker"))
    editor = UserFactory(username="browser-editor")
    editor.groups.add(Group.objects.get(name="Editor"))
    texts = [
        ("Ministry of Defence", "Ministry of Defence said the runway at Valmor was repaired.", "Daily Planet"),
        ("Defence Ministry", "The Defence Ministry said two patrol boats left the harbour.", "Example Times"),
        ("Foreign Ministry", "The Foreign Ministry said the talks would resume in spring.", "Example Times"),
    ]
    for name, text, publisher in texts:
        article = ArticleFactory(title=f"{name} story", text=text, publisher=publisher)
        fragment = text.split(" said ", 1)[1].rstrip(".")
        analysis_store(article_id=article.pk, report=one_claim_report(text, name, fragment, publisher))
    claim = Article.objects.get(title="Defence Ministry story").claims.get()
    claim_comment(claim=claim, by=editor, body="@browser-staff is this the same ministry as the other story?")
    return RegistrySource.objects.get(name="Defence Ministry"), RegistrySource.objects.get(name="Ministry of Defence")


def test_staff_previews_a_merge_confirms_it_and_splits_it_back(live_server, monkeypatch, request):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    survivor, twin = seed()
    ARTIFACTS.mkdir(exist_ok=True)
    browser = request.getfixturevalue("browser")
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "browser-staff")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/articles/$"))

    # The editor's mention waits in the inbox; marking it read updates the header's count in place.
    inbox = page.locator("#inbox-link")
    expect(inbox).to_have_text("Inbox (1 unread)")
    inbox.click()
    page.wait_for_url(re.compile(r"/inbox/$"))
    expect(page.locator("ol.inbox li.is-unread")).to_contain_text("browser-editor mentioned you")
    page.screenshot(path=str(ARTIFACTS / "inbox.png"), full_page=True, caret="initial")
    page.get_by_role("button", name=re.compile("Mark read")).click()
    expect(page.locator("ol.inbox li.is-unread")).to_have_count(0)
    expect(inbox).to_have_text("Inbox")
    expect(page.locator("ol.inbox li a")).to_be_focused()

    # The source's page suggests the same ministry written the other way round, not another ministry.
    page.goto(f"{live_server.url}{survivor.get_absolute_url()}")
    merge_card = page.locator("section.merge")
    expect(merge_card.locator("ul.merge-list li")).to_have_count(1)
    expect(merge_card).to_contain_text("Ministry of Defence")
    expect(merge_card).not_to_contain_text("Foreign Ministry")
    page.screenshot(path=str(ARTIFACTS / "source-merge-suggested.png"), full_page=True, caret="initial")

    # Any other source is found by typing its name: htmx swaps the results in as you type.
    page.get_by_label("Find another duplicate").fill("defence")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"/merge/\?q=defence$"))
    search = page.locator("#merge-q")
    search.fill("")
    search.press_sequentially("minist", delay=30)
    results = page.locator("#picker-results tbody tr")
    expect(results).to_have_count(2)  # Ministry of Defence and Foreign Ministry: not the source itself
    expect(page).to_have_url(re.compile(r"q=minist$"))
    page.screenshot(path=str(ARTIFACTS / "source-merge-search.png"), full_page=True, caret="initial")
    results.filter(has_text="Ministry of Defence").get_by_role("link", name=re.compile("Preview merge")).click()

    # The preview says what will move, and nothing has moved yet.
    page.wait_for_url(re.compile(rf"/merge/\?other={twin.pk}$"))
    expect(page.locator("h1")).to_have_text("Merge Ministry of Defence into Defence Ministry?")
    preview = page.locator("section.merge-preview")
    expect(preview.locator("dl.figures")).to_contain_text("Hops1")
    expect(preview).to_contain_text("the runway at Valmor was repaired")
    expect(preview).to_contain_text("Ministry of Defence story")
    page.screenshot(path=str(ARTIFACTS / "source-merge-preview.png"), full_page=True, caret="initial")
    assert not RegistrySource.objects.get(pk=twin.pk).is_merged

    page.get_by_role("button", name="Merge Ministry of Defence into Defence Ministry").click()
    page.wait_for_url(re.compile(rf"/sources/{survivor.pk}/$"))
    expect(page.locator(".messages")).to_contain_text("Merged Ministry of Defence into Defence Ministry. Moved 1 hop")
    expect(page.locator("dl.figures").first).to_contain_text("Origin of2")
    page.screenshot(path=str(ARTIFACTS / "source-merge-done.png"), full_page=True, caret="initial")

    # The merged-away page leads to the survivor, saying so.
    page.goto(f"{live_server.url}{twin.get_absolute_url()}")
    page.wait_for_url(re.compile(rf"/sources/{survivor.pk}/$"))
    expect(page.locator(".messages")).to_contain_text(
        f"Ministry of Defence (#{twin.pk}) was merged into Defence Ministry"
    )

    # Split back: the twin is a source of its own again, with its claim.
    page.get_by_role("button", name="Split back Ministry of Defence").click()
    page.wait_for_url(re.compile(rf"/sources/{twin.pk}/$"))
    expect(page.locator(".messages")).to_contain_text("Split Ministry of Defence back out of Defence Ministry")
    expect(page.locator("h1")).to_contain_text("Ministry of Defence")
    expect(page.locator("dl.figures").first).to_contain_text("Origin of1")
    page.screenshot(path=str(ARTIFACTS / "source-merge-split-back.png"), full_page=True, caret="initial")

    # On a phone the preview and the inbox fit the screen (the header's own fit is the mobile layout's).
    page.set_viewport_size({"width": 390, "height": 844})
    fits = "document.querySelector('main').scrollWidth <= window.innerWidth"
    page.goto(f"{live_server.url}{survivor.get_absolute_url()}merge/?other={twin.pk}")
    page.screenshot(path=str(ARTIFACTS / "source-merge-preview-390.png"), full_page=True, caret="initial")
    assert page.evaluate(fits)
    page.goto(f"{live_server.url}/inbox/")
    page.screenshot(path=str(ARTIFACTS / "inbox-390.png"), full_page=True, caret="initial")
    assert page.evaluate(fits)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(f"{live_server.url}/audit/")
    expect(page.locator("table.audit tbody tr td:nth-child(3)")).to_have_text(
        ["Split merged sources back", "Merged sources", "Commented"]
    )
    assert problems == []
