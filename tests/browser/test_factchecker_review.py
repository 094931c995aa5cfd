"""A fact-checker's path in a real browser (Debian Chromium via Playwright, a live server): open the
review queue, filter to secondhand claims from anonymous sources, confirm one hop of a chain, record a
verdict, and find both in the audit log. Saves screenshots to tests/browser/artifacts/."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from newsverify.articles.services import analysis_store
from newsverify.attribution import ChainReport, Claim, ClaimKind, Evidence, Hop, Source, SourceType
from tests.factories import ArticleFactory, UserFactory
from tests.reports import span

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
PASSWORD = "a-long-browser-test-password"
TEXT = (
    "Two officials told TASS that the bridge at Valmor was closed overnight.\n\n"
    "The mayor said the repairs would take a week. It rained all day."
)
EVIDENCE = "https://tass.example/news/bridge-valmor"


def report() -> ChainReport:
    bridge = span(TEXT, "the bridge at Valmor was closed overnight")
    repairs = span(TEXT, "the repairs would take a week")
    rain = span(TEXT, "It rained all day.")
    return ChainReport(
        publisher="Example Times",
        sources=(
            Source("s1", "Two officials", SourceType.ANONYMOUS),
            Source("s2", "TASS", SourceType.NEWS_AGENCY),
            Source("s4", "the mayor", SourceType.PERSON),
        ),
        claims=(
            Claim(
                "c1",
                bridge.start,
                bridge.end,
                bridge.text,
                ClaimKind.INDIRECT,
                cue=span(TEXT, "told"),
                chain=(
                    Hop("s1", Evidence.EXPLICIT, None, span(TEXT, "Two officials")),
                    Hop("s2", Evidence.EXPLICIT, None, span(TEXT, "TASS")),
                ),
            ),
            Claim(
                "c2",
                repairs.start,
                repairs.end,
                repairs.text,
                ClaimKind.INDIRECT,
                cue=span(TEXT, "said"),
                chain=(Hop("s4", Evidence.EXPLICIT, None, span(TEXT, "The mayor")),),
            ),
            Claim("c3", rain.start, rain.end, rain.text, ClaimKind.UNATTRIBUTED),
        ),
        engine_version="test",
        model="hand-built",
    )


def other_report() -> ChainReport:
    """A second article: a secondhand claim from named sources, which the filters must leave out."""
    text = "The Defence Ministry told Reuters that three drones were intercepted."
    drones = span(text, "three drones were intercepted")
    return ChainReport(
        publisher="Daily Planet",
        sources=(
            Source("s1", "Defence Ministry", SourceType.GOVERNMENT_BODY),
            Source("s2", "Reuters", SourceType.NEWS_AGENCY),
        ),
        claims=(
            Claim(
                "c1",
                drones.start,
                drones.end,
                drones.text,
                ClaimKind.INDIRECT,
                chain=(
                    Hop("s1", Evidence.EXPLICIT, None, span(text, "The Defence Ministry")),
                    Hop("s2", Evidence.EXPLICIT, None, span(text, "Reuters")),
                ),
            ),
        ),
        engine_version="test",
        model="hand-built",
    ), text


def test_a_factchecker_filters_the_queue_confirms_a_hop_and_records_a_verdict(live_server, monkeypatch, request):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    checker = UserFactory(username="browser-checker", password=PASSWORD)
    checker.groups.add(Group.objects.get(name="Fact-checker"))
    article = ArticleFactory(
        title="Bridge at Valmor closed", text=TEXT, publisher="Example Times", published_on=datetime.date(2026, 11, 20)
    )
    analysis_store(article_id=article.pk, report=report())
    drones_report, drones_text = other_report()
    other = ArticleFactory(title="Drones over the coast", text=drones_text, publisher="Daily Planet")
    analysis_store(article_id=other.pk, report=drones_report)
    ARTIFACTS.mkdir(exist_ok=True)
    browser = request.getfixturevalue("browser")
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))

    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "browser-checker")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/articles/$"))

    page.click("nav >> text=Review queue")
    page.wait_for_url(re.compile(r"/review/$"))
    assert page.locator("#results tbody tr").count() == 4

    # Filters swap the results in place (htmx) and keep their state in the address.
    page.select_option("select[name=depth]", "2")
    page.wait_for_url(re.compile(r"depth=2"))
    expect(page.locator("#results tbody tr")).to_have_count(2)
    page.select_option("select[name=source_type]", "anonymous")
    page.wait_for_url(re.compile(r"source_type=anonymous"))
    expect(page.locator("#results tbody tr")).to_have_count(1)
    row = page.locator("#results tbody tr")
    assert "the bridge at Valmor was closed overnight" in row.inner_text()
    assert "ANONYMOUS" in row.inner_text().upper()
    page.screenshot(path=str(ARTIFACTS / "review-queue.png"), full_page=True)

    # The filtered queue is a URL: reloading it gives the same queue with the same filters set.
    filtered = page.url
    page.reload()
    assert page.url == filtered
    assert page.locator("select[name=depth]").input_value() == "2"
    assert page.locator("select[name=source_type]").input_value() == "anonymous"
    assert page.locator("#results tbody tr").count() == 1

    # Keyboard: j moves to the row, Enter opens the claim with its chain.
    page.locator("body").press("j")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/articles/\d+/claims/\d+/$"))
    panel = page.locator("#chain-panel")
    assert "0 of 2 hops confirmed" in panel.inner_text()
    assert "Weakest open hop" in panel.locator("li.hop.is-weakest").inner_text()

    # Confirm the middle hop only: "TASS did run this", while the officials stay open.
    tass = panel.locator("li.hop", has_text="TASS").first
    tass.locator("summary", has_text="Confirm this hop").click()
    tass.locator("input[name=evidence_url]").fill(EVIDENCE)
    tass.locator("input[name=note]").fill("TASS did run this; the officials are not named.")
    tass.locator("button", has_text="Confirm hop").click()
    page.wait_for_selector("#chain-panel .hop-summary:has-text('1 of 2 hops confirmed')")
    assert "Needs primary source" in panel.locator(".review-status").first.inner_text()
    assert panel.locator("li.hop .hop-confirmed").count() == 1

    # The verdict on the whole chain.
    panel.locator("label.radio", has_text="Disputed").click()
    panel.locator("input[name=evidence_url][id^=evidence-]").fill("https://valmor.example/bridge-open")
    panel.locator("textarea[name=note][id^=verdict-note-]").fill("The city says the bridge stayed open.")
    panel.locator("button", has_text="Record verdict").click()
    page.wait_for_selector("#chain-panel .review-status.review-disputed")
    history = panel.locator("ol.events").inner_text()
    assert "Needs primary source → Disputed" in history and "open → confirmed" in history
    page.screenshot(path=str(ARTIFACTS / "claim-hop-review.png"), full_page=True)

    page.click("nav >> text=Audit log")
    page.wait_for_url(re.compile(r"/audit/$"))
    rows = page.locator("#results tbody tr")
    assert rows.count() == 2
    assert "Recorded a verdict" in rows.nth(0).inner_text() and "browser-checker" in rows.nth(0).inner_text()
    assert "Confirmed a hop" in rows.nth(1).inner_text() and "hop 2: TASS" in rows.nth(1).inner_text()
    page.screenshot(path=str(ARTIFACTS / "audit-log.png"), full_page=True)

    # The source registry: TASS relayed the claim, and its record shows the disputed verdict.
    page.click("nav >> text=Sources")
    page.wait_for_url(re.compile(r"/sources/$"))
    page.click("#results a:text-is('TASS')")
    page.wait_for_url(re.compile(r"/sources/\d+/$"))
    assert "Relay (hop 2)" in page.locator("table.data").inner_text()
    assert "Disputed" in page.locator(".status-list").inner_text()
    page.screenshot(path=str(ARTIFACTS / "source-page.png"), full_page=True)
    assert problems == [], problems
