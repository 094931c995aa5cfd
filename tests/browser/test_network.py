"""The relay network page in a real browser (Debian Chromium via Playwright, a live server): the
graph is drawn from the page's own data with no script error and no CSP violation, its filters
redraw it, and selecting a node opens that source's page; the outlet dashboards draw their charts.
Saves screenshots to tests/browser/artifacts/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from newsverify.articles.services import analysis_store
from tests.browser.conftest import signed_in_page
from tests.factories import ArticleFactory, UserFactory
from tests.reports import TEXT, small_report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
PASSWORD = "a-long-browser-test-password"


def seed() -> None:
    user = UserFactory(username="network-user", password=PASSWORD)
    user.groups.add(Group.objects.get(name="Fact-checker"))
    for index, publisher in enumerate(("Example Times", "CNN", "Daily Valmor")):
        text = TEXT + f" Edition {index}."
        article = ArticleFactory(text=text, publisher=publisher)
        analysis_store(article_id=article.pk, report=small_report(text, publisher=publisher))


def test_the_network_is_drawn_and_a_node_opens_its_source(live_server, browser, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    seed()
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error('CSP ' + e.violatedDirective))"
    )
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "network-user")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/articles/$"))

    page.click("nav >> text=Network")
    page.wait_for_selector("#network-graph[data-ready=true] canvas", state="attached")
    page.screenshot(path=str(ARTIFACTS / "network.png"), full_page=True)
    drawn = page.evaluate(
        "() => { const cy = document.getElementById('network-graph')._cyreg.cy;"
        " return {nodes: cy.nodes().length, edges: cy.edges().length}; }"
    )
    rows = page.locator("section[aria-labelledby=relays-heading] tbody tr").count()
    assert drawn["edges"] == rows  # every relay drawn is in the table, and the other way round
    assert drawn["nodes"] >= 5

    # Filtered to chains with an anonymous source: only the rescuers and the outlets they reach.
    page.select_option("#id_source_type", "anonymous")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"source_type=anonymous"))
    page.wait_for_selector("#network-graph[data-ready=true] canvas", state="attached")
    labels = page.evaluate(
        "() => document.getElementById('network-graph')._cyreg.cy.nodes().map(n => n.data('label')).sort()"
    )
    assert labels == sorted(["Rescuers"] * 3 + ["Example Times", "CNN", "Daily Valmor"])
    page.screenshot(path=str(ARTIFACTS / "network-anonymous.png"), full_page=True)
    page.click("form.filters >> text=Clear")
    page.wait_for_selector("#network-graph[data-ready=true] canvas", state="attached")

    # Select TASS where it is drawn: its source page opens.
    point = page.evaluate(
        "() => { const cy = document.getElementById('network-graph')._cyreg.cy;"
        " const p = cy.nodes().filter(n => n.data('label') === 'TASS')[0].renderedPosition();"
        " const box = cy.container().getBoundingClientRect(); return {x: box.left + p.x, y: box.top + p.y}; }"
    )
    page.mouse.click(point["x"], point["y"])
    page.wait_for_url(re.compile(r"/sources/\d+/$"))
    assert page.locator("h1").inner_text().startswith("TASS")

    # The outlet dashboards: three charts drawn, each beside the table of its figures.
    page.goto(f"{live_server.url}/network/outlets/")
    page.wait_for_selector("#chart-months", state="attached")
    page.locator(".chart-box[data-ready=true]").nth(2).wait_for(state="attached")
    assert page.evaluate("Object.keys(Chart.instances).length") == 3
    assert page.locator("#depth-heading + .chart-pair tbody tr").count() == 3
    page.screenshot(path=str(ARTIFACTS / "outlet-dashboards.png"), full_page=True)
    assert problems == []


PHONE = {"width": 390, "height": 844}
SIDEWAYS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.parametrize("path", ["/network/", "/network/outlets/"])
def test_the_network_and_dashboards_fit_a_phone_also_after_a_resize(live_server, browser, monkeypatch, path) -> None:  # type: ignore[no-untyped-def]
    """Drawn at desktop width and then narrowed (a phone turned, a window made small), the graph and
    the charts shrink with their boxes: the page never scrolls sideways."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    seed()
    ARTIFACTS.mkdir(exist_ok=True)
    page, _ = signed_in_page(browser, live_server.url, "network-user", PASSWORD)
    page.goto(f"{live_server.url}{path}")
    page.locator("[data-ready=true]").first.wait_for(state="attached")
    page.wait_for_load_state("networkidle")
    assert page.evaluate(SIDEWAYS) <= 0
    page.set_viewport_size(PHONE)
    page.wait_for_timeout(600)  # the libraries redraw on resize after a debounce
    name = path.strip("/").replace("/", "-")
    page.screenshot(path=str(ARTIFACTS / f"phone-after-resize-{name}.png"), full_page=True)
    assert page.evaluate(SIDEWAYS) <= 0
    page.reload()
    page.locator("[data-ready=true]").first.wait_for(state="attached")
    page.wait_for_load_state("networkidle")
    assert page.evaluate(SIDEWAYS) <= 0
