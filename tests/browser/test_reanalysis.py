"""Re-analysis in a real browser: the open claim and the highlights stay while it runs, and once the
new reading is stored the same claim (same id, same URL) shows its new chain without a reload.
Saves screenshots to tests/browser/artifacts/."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from newsverify.articles.models import Article, ArticleStatus
from newsverify.articles.services import analysis_store
from newsverify.attribution import Evidence, Hop, Source, SourceType
from tests.factories import ArticleFactory, UserFactory
from tests.reports import TEXT, small_report, span

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
PASSWORD = "a-long-browser-test-password"


def test_the_open_claim_stays_through_a_reanalysis_and_shows_its_new_chain(live_server, monkeypatch, request, settings):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    settings.NEWSVERIFY_POLL_WAIT_SECONDS = 5  # the poll held until the new reading is stored, as the site runs
    checker = UserFactory(username="browser-checker", password=PASSWORD)
    checker.groups.add(Group.objects.get(name="Fact-checker"))
    article = ArticleFactory(title="Drones intercepted", text=TEXT, publisher="Example Times")
    analysis_store(article_id=article.pk, report=small_report())
    drones = article.claims.get(text="three drones were intercepted")
    ARTIFACTS.mkdir(exist_ok=True)
    browser = request.getfixturevalue("browser")
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "browser-checker")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/articles/$"))

    page.goto(f"{live_server.url}{drones.get_absolute_url()}")
    panel = page.locator("#chain-panel .chain-panel")
    expect(panel).to_have_attribute("data-claim", str(drones.pk))

    # Re-analyse: no worker runs in this test, so the article stays queued.
    page.get_by_role("button", name="Re-analyse").click()
    expect(page.locator("#analysis-status")).to_contain_text("Re-analysing")
    expect(page.locator("#article-text mark.claim")).to_have_count(4)
    expect(panel).to_have_attribute("data-claim", str(drones.pk))
    expect(page.locator("#chain-panel .chain-line")).to_have_text(
        "Defence Ministry → TASS → CNN → Example Times", use_inner_text=True
    )
    assert Article.objects.get(pk=article.pk).status == ArticleStatus.QUEUED
    page.screenshot(path=str(ARTIFACTS / "reanalysing.png"), full_page=True, caret="initial")

    # The worker's new reading: Reuters relays TASS now. Stored while the page polls.
    report = small_report()
    drones_read = next(claim for claim in report.claims if claim.id == "c1")
    reuters = Hop("s6", Evidence.EXPLICIT, None, span(TEXT, "TASS"))
    report = dataclasses.replace(
        report,
        sources=(*report.sources, Source("s6", "Reuters", SourceType.NEWS_AGENCY)),
        claims=tuple(
            dataclasses.replace(claim, chain=(*claim.chain, reuters)) if claim is drones_read else claim
            for claim in report.claims
        ),
    )
    analysis_store(article_id=article.pk, report=report)

    expect(page.locator("#chain-panel .chain-line")).to_have_text(
        "Defence Ministry → TASS → CNN → Reuters → Example Times", use_inner_text=True, timeout=10_000
    )
    expect(page.locator("#analysis-status")).to_have_count(0)
    expect(panel).to_have_attribute("data-claim", str(drones.pk))
    expect(page.locator(f"#claim-{drones.pk}")).to_have_class(re.compile(r"\bis-open\b"))
    assert page.url.endswith(drones.get_absolute_url()), "the same claim, at the same address"
    page.screenshot(path=str(ARTIFACTS / "reanalysed.png"), full_page=True, caret="initial")
    assert not problems, problems
