"""The XSS corpus in a real browser: no payload runs, opens a dialog or trips the CSP on any page.

Every group of payloads (tests/xss_corpus.py) is its own small newsroom in one database; Chromium
visits each article with its chain open, its chain editor and source page, the editor's inbox, then
the pages that list them all (articles, queue, audit log, sources, accuracy, a merge search). A
listener counts dialogs (alert, confirm, prompt), ``securitypolicyviolation`` events, console
errors about the Content-Security-Policy and calls of ``NVXSS``, which the payloads call when they run.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.test import Client

from tests.attack_world import build_world
from tests.xss_corpus import MARK, payload_groups

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
WATCH = f"""
window.__attacks = [];
window.{MARK} = function () {{ window.__attacks.push("{MARK} ran"); }};
document.addEventListener("securitypolicyviolation", function (event) {{
  window.__attacks.push("CSP " + event.violatedDirective + " " + event.blockedURI);
}});
"""


def session_cookie(user, live_server) -> dict[str, str]:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return {"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
            "url": live_server.url}  # fmt: skip


def test_no_payload_runs_or_trips_the_csp_in_a_browser(live_server, monkeypatch, request):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    groups = payload_groups()
    worlds = [build_world(label=" ".join(group), text=" ".join(group)) for group in groups]
    browser = request.getfixturevalue("browser")
    ARTIFACTS.mkdir(exist_ok=True)
    seen: list[str] = []
    visits = 0

    def visit(context, path: str) -> None:  # type: ignore[no-untyped-def]
        nonlocal visits
        page = context.new_page()
        page.on(
            "dialog", lambda dialog: (seen.append(f"{path}: dialog {dialog.type} {dialog.message!r}"), dialog.dismiss())
        )
        page.on("pageerror", lambda error: seen.append(f"{path}: page error {error}"))
        page.on(
            "console",
            lambda message: (
                seen.append(f"{path}: console {message.text}")
                if message.type == "error" and "Content Security Policy" in message.text
                else None
            ),
        )
        response = page.goto(live_server.url + path)
        assert response is not None and response.status < 500, path
        page.wait_for_load_state("networkidle")
        seen.extend(f"{path}: {attack}" for attack in page.evaluate("window.__attacks"))
        visits += 1
        page.close()

    contexts = {}
    for role in ("editor", "staff"):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_init_script(WATCH)
        contexts[role] = context
    for world in worlds:
        contexts["editor"].add_cookies([session_cookie(world.users["editor"], live_server)])
        claim = f"/articles/{world.article.pk}/claims/{world.claim.pk}/"
        story = f"/stories/{world.story.pk}/"
        for path in (claim, claim + "edit/", f"/sources/{world.source.pk}/", "/inbox/", story):
            visit(contexts["editor"], path)
    contexts["staff"].add_cookies([session_cookie(worlds[0].users["staff"], live_server)])
    first = quote(groups[0][0])
    for path in (
        "/articles/",
        f"/articles/?q={first}",
        "/review/",
        "/audit/",
        "/sources/",
        f"/sources/{worlds[0].source.pk}/merge/?q={first}",
        "/accuracy/",
        "/network/",
        f"/network/?topic={first}",
        "/network/outlets/",
        "/stories/",
        f"/stories/?q={first}&outlet={first}",
        "/operations/",
        f"/login/?next={first}",
    ):
        visit(contexts["staff"], path)
    # One look at a page full of payloads: the text shows them as text.
    page = contexts["staff"].new_page()
    page.goto(f"{live_server.url}/articles/{worlds[0].article.pk}/claims/{worlds[0].claim.pk}/")
    page.screenshot(path=str(ARTIFACTS / "xss-article.png"), full_page=False)
    page.close()
    payloads = sum(len(group) for group in groups)
    print(f"\n{payloads} payloads in {len(groups)} newsrooms, {visits} page visits: {len(seen)} findings")
    assert not seen, seen
