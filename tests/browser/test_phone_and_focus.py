"""On a phone (390 px wide) no page scrolls sideways and a tapped claim's chain is on screen; after an
action in the chain panel, keyboard focus stays where it was and one short message is announced.
Debian Chromium via Playwright, a live server. Saves screenshots to tests/browser/artifacts/."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from newsverify.articles.models import Article
from newsverify.articles.services import analysis_store
from newsverify.attribution import ChainReport, Claim, ClaimKind, Evidence, Hop, Source, SourceType
from newsverify.review.models import ReviewAction, ReviewEvent
from newsverify.review.services import claim_flag, hop_confirm
from tests.factories import ArticleFactory, UserFactory
from tests.reports import span

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
PASSWORD = "a-long-browser-test-password"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 1000}
# Long words and addresses are what push a narrow page sideways.
LONG_URL = "https://news.example/world/europe/2026/11/20/valmor-bridge-closed-overnight-officials-say-" + "x" * 60
FILLER = (
    "The council met on Monday to discuss the budget for the coming year, and the debate ran late "
    "into the evening as members argued over road repairs and school buildings.\n\n"
)
TEXT = (
    FILLER * 6 + "Two officials of the Valmor Regional Infrastructure Directorate told TASS that the bridge at "
    "Valmor was closed overnight.\n\n"
    "The mayor said the repairs would take a week. It rained all day."
)
BRIDGE = "the bridge at Valmor was closed overnight"


def report() -> ChainReport:
    bridge = span(TEXT, BRIDGE)
    repairs = span(TEXT, "the repairs would take a week")
    return ChainReport(
        publisher="Example Times",
        sources=(
            Source("s1", "Two officials of the Valmor Regional Infrastructure Directorate", SourceType.ANONYMOUS),
            Source("s2", "TASS", SourceType.NEWS_AGENCY),
            Source("s3", "the mayor", SourceType.PERSON),
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
                chain=(Hop("s3", Evidence.EXPLICIT, None, span(TEXT, "The mayor")),),
            ),
        ),
        engine_version="test",
        model="hand-built",
    )


def seed() -> Article:
    """One user with both roles (so every page and control shows), an analysed article with history."""
    user = UserFactory(username="phone-user", password=PASSWORD)
    user.groups.add(Group.objects.get(name="Editor"), Group.objects.get(name="Fact-checker"))
    article = ArticleFactory(
        title="Bridge at Valmor closed overnight after the regional infrastructure directorate's inspection",
        text=TEXT,
        publisher="Example Times",
        url=LONG_URL,
        published_on=datetime.date(2026, 11, 20),
    )
    analysis_store(article_id=article.pk, report=report())
    claim = article.claims.get(text=BRIDGE)
    claim_flag(claim=claim, by=user, note="Which officials? " + LONG_URL)
    hop_confirm(hop=claim.hops.get(position=1), by=user, evidence_url=LONG_URL)
    # A record whose values are long and unbroken: its cells push the table far past the screen,
    # and the table must still scroll inside its own box (screen-reader texts included).
    ReviewEvent.objects.create(
        article=article,
        claim=claim,
        claim_text=claim.text,
        actor=user,
        action=ReviewAction.HOP_SOURCE,
        subject="hop 1: " + LONG_URL,
        value_before=LONG_URL,
        value_after="Valmor" * 40,
    )
    return article


def log_in(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base_url}/login/")
    page.fill("#id_username", "phone-user")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/articles/$"))


def sideways(page) -> int:  # type: ignore[no-untyped-def]
    """How many pixels the page is wider than the window (0 or less: it does not scroll sideways).

    On a phone the browser widens its layout viewport to fit a page that overflows (and zooms out),
    so ``innerWidth`` itself grows: measured against the device's width too, not only innerWidth.
    """
    width = page.viewport_size["width"]
    measure = f"Math.max(document.documentElement.scrollWidth, window.innerWidth) - {width}"
    # Measured once the page has settled (fonts loaded, htmx swaps done): an overflow that lasts.
    page.evaluate("document.fonts.ready")
    over = page.evaluate(measure)
    for _ in range(3):
        if over <= 0:
            break
        page.wait_for_timeout(300)
        over = page.evaluate(measure)
    return over


def wider_than(page, width: int) -> list[str]:  # type: ignore[no-untyped-def]
    """The elements that reach past ``width``, to say what overflows when something does."""
    return page.evaluate(
        "w => Array.from(document.querySelectorAll('body *'))"
        ".filter(e => e.getBoundingClientRect().right > w + 0.5).slice(0, 10)"
        ".map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : '')"
        " + ' ' + Math.round(e.getBoundingClientRect().right))",
        width,
    )


def test_no_page_is_wider_than_a_phone_and_a_tapped_claim_shows_its_chain(live_server, monkeypatch, request):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    article = seed()
    claim = article.claims.get(text=BRIDGE)
    source = claim.hops.get(position=0).source
    ARTIFACTS.mkdir(exist_ok=True)
    browser = request.getfixturevalue("browser")
    from playwright.sync_api import expect

    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))

    page.goto(f"{live_server.url}/login/")
    assert sideways(page) <= 0, "login page"
    page.screenshot(path=str(ARTIFACTS / "phone-login.png"), full_page=True)
    log_in(page, live_server.url)

    pages = {
        "article-list": "/articles/",
        "upload": "/articles/new/",
        "article": article.get_absolute_url(),
        "claim": claim.get_absolute_url(),
        "review-queue": "/review/",
        "audit-log": "/audit/",
        "source-list": "/sources/",
        "source": source.get_absolute_url(),
    }
    wide = {}
    for name, path in pages.items():
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
        wide[name] = max(sideways(page), 0)
        if wide[name]:
            wide[name] = (wide[name], *wider_than(page, PHONE["width"]))  # type: ignore[assignment]
        page.screenshot(path=str(ARTIFACTS / f"phone-{name}.png"), full_page=name != "claim")
    assert wide == dict.fromkeys(pages, 0), wide

    # Tables scroll inside themselves: the queue's table is wider than the phone, its page is not.
    page.goto(f"{live_server.url}/review/")
    scroller = page.locator("#results .table-scroll").first
    assert scroller.evaluate("el => el.scrollWidth > el.clientWidth"), "the queue's table scrolls in its box"
    assert sideways(page) <= 0
    scroller.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "phone-review-queue-rows.png"))

    # A claim far down the text, tapped: its chain opens as a sheet over the text, on screen.
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    link = page.locator("#article-text a.claim-link", has_text="the repairs would take a week")
    link.scroll_into_view_if_needed()
    link.tap()
    sheet = page.locator("#chain-panel .chain-panel")
    expect(sheet).to_contain_text("the repairs would take a week")
    # app.js makes the panel a sheet once htmx has settled the swap (a moment after the text is in).
    expect(page.locator("#chain-panel")).to_have_class(re.compile(r"\bis-open\b"))
    box = page.locator("#chain-panel").bounding_box()
    assert box is not None
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"] + 1, box
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1, box
    assert page.locator("#chain-panel .chain-head").bounding_box()["y"] >= box["y"], "its head is on screen"
    assert sideways(page) <= 0
    page.screenshot(path=str(ARTIFACTS / "phone-claim-sheet.png"))
    # The sheet scrolls inside itself, and closing it brings back the text.
    assert page.locator("#chain-panel").evaluate("el => getComputedStyle(el).overflowY") in ("auto", "scroll")
    page.locator("#chain-panel .close").tap()
    expect(page.locator("#chain-panel .chain-panel")).to_have_count(0)
    # app.js drops the class once the swap has settled.
    expect(page.locator("#chain-panel")).not_to_have_class(re.compile(r"\bis-open\b"))
    assert problems == [], problems
    context.close()

    # Still right at desktop width: the panel sits beside the text, not over it.
    desktop = browser.new_page(viewport=DESKTOP)
    log_in(desktop, live_server.url)
    desktop.goto(f"{live_server.url}{claim.get_absolute_url()}")
    panel, text = desktop.locator("#chain-panel").bounding_box(), desktop.locator("#article-text").bounding_box()
    assert panel["x"] >= text["x"] + text["width"], "beside the text"
    assert sideways(desktop) <= 0
    desktop.screenshot(path=str(ARTIFACTS / "desktop-claim.png"))
    desktop.goto(f"{live_server.url}/review/")
    assert sideways(desktop) <= 0
    desktop.screenshot(path=str(ARTIFACTS / "desktop-review-queue.png"), full_page=True)


def test_focus_stays_in_place_after_a_flag_and_one_message_is_announced(live_server, monkeypatch, request):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    article = seed()
    claim = article.claims.get(text=BRIDGE)
    browser = request.getfixturevalue("browser")
    from playwright.sync_api import expect

    page = browser.new_page(viewport=DESKTOP)
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}{claim.get_absolute_url()}")
    panel = page.locator("#chain-panel")
    assert panel.get_attribute("aria-live") is None, "the panel is not read out whole after each swap"

    # Keyboard only: type the note, Tab to the Flag button, press Enter.
    note = panel.locator(f"#flag-note-{claim.pk}")
    note.focus()
    page.keyboard.type("The directorate has not confirmed it.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Flag"
    page.keyboard.press("Enter")
    expect(panel.locator("p.flag", has_text="The directorate has not confirmed it.")).to_have_count(1)
    status = page.locator("#status-message")
    expect(status).to_have_text("Flag recorded.")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    # Focus is back on the Flag button of the fresh panel, not on <body>.
    expect(page.locator(f"#chain-panel form[hx-post$='/claims/{claim.pk}/flag/'] button[type=submit]")).to_be_focused()

    # A hop confirmed from the keyboard: its form goes away, focus lands on that hop, not on <body>.
    origin = panel.locator(f"#hop-{claim.pk}-0")
    origin.locator("summary").click()
    origin.locator("input[name=evidence_url]").fill("https://valmor.example/directorate-statement")
    origin.locator("input[name=evidence_url]").press("Enter")
    expect(status).to_have_text(re.compile(r"^Hop 1 \(Two officials.*\) confirmed\.$"))
    expect(page.locator(f"#hop-{claim.pk}-0")).to_be_focused()
    expect(panel.locator(".review-status").first).to_have_text("In review")
