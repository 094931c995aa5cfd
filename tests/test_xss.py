"""The XSS corpus: every payload in every user-controlled field, read back from every sink.

Each payload goes into the article's title, text, URL (when it is a valid http address), outlet,
the sources' names and aliases, the flag, the comment, the verdict's note and evidence URL, a
correction (a newly named source, its medium, a note), a notification and the editor's username;
search boxes and picker parameters get it too, and an upload gets it as a file name. Every sink in
``SINKS`` is then read as the role that sees it, and its output is parsed: HTML must hold no
markup the payload brought in, JSON and Turtle must hold it as data, CSV cells must not start a
formula. A new page is one more entry in ``SINKS``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from newsverify.web_address import web_address_check
from tests.attack_world import World, build_world
from tests.xss_corpus import (
    PAYLOADS,
    csv_problems,
    html_problems,
    json_problems,
    page_text,
    payload_groups,
    turtle_problems,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@dataclass(frozen=True)
class Sink:
    name: str
    role: str
    kind: str  # html, json, csv, turtle
    fetch: Callable[[Client, World, str], Any]
    library_page: bool = False  # DRF's browsable API (see html_problems)


def get(path: Callable[[World], str], **headers: str) -> Callable[[Client, World, str], Any]:
    return lambda client, world, payload: client.get(path(world), **headers)


def get_query(path: Callable[[World], str], query: Callable[[str], dict[str, str]], **headers: str) -> Any:
    return lambda client, world, payload: client.get(path(world), query(payload), **headers)


def _upload(client: Client, world: World, payload: str) -> Any:
    files = [
        SimpleUploadedFile(f"{payload[:80]}.txt", f"Officials said {payload} was seen at the port.".encode()),
        SimpleUploadedFile(f"{payload[:80]}-empty.txt", b""),
    ]
    return client.post(reverse("article_upload"), {"files": files, "publisher": payload[:200]})


def _login_failed(client: Client, world: World, payload: str) -> Any:
    return Client().post(reverse("login"), {"username": payload, "password": "wrong", "next": payload})


A = lambda w: f"/articles/{w.article.pk}/"  # noqa: E731
CLAIM = lambda w: f"/articles/{w.article.pk}/claims/{w.claim.pk}/"  # noqa: E731
Q = lambda payload: {"q": payload}  # noqa: E731

SINKS: list[Sink] = [
    # The article page, its polled fragments, the chain panel and the chain editor
    Sink("article page", "editor", "html", get(A)),
    Sink("article analysis fragment", "editor", "html", get(A, HTTP_HX_TARGET="analysis", **HTMX)),
    Sink("article with the chain open", "factchecker", "html", get(CLAIM)),
    Sink("chain panel (htmx)", "factchecker", "html", get(CLAIM, HTTP_HX_TARGET="chain-panel", **HTMX)),
    Sink("chain editor", "editor", "html", get(lambda w: CLAIM(w) + "edit/")),
    Sink(
        "chain editor's picker",
        "editor",
        "html",
        get_query(lambda w: CLAIM(w) + "edit/", lambda p: {"pick": p, "q": p}),
    ),
    Sink(
        "source picker (htmx)",
        "editor",
        "html",
        get_query(lambda w: reverse("source_candidates"), lambda p: {"q": p, "for": p}, **HTMX),
    ),
    Sink(
        "add a claim",
        "factchecker",
        "html",
        get_query(lambda w: A(w) + "claims/add/", lambda p: {"pick": "add-claim", "q": p}),
    ),
    Sink("the other article (corrected claim)", "editor", "html", get(lambda w: f"/articles/{w.other_article.pk}/")),
    # Lists, with the payload in their search boxes
    Sink(
        "article list",
        "editor",
        "html",
        get_query(lambda w: reverse("article_list"), lambda p: {"q": p, "publisher": p}),
    ),
    Sink("article list results (htmx)", "editor", "html", get_query(lambda w: reverse("article_list"), Q, **HTMX)),
    Sink("review queue", "factchecker", "html", get(lambda w: reverse("review_queue"))),
    Sink("review queue searched", "factchecker", "html", get_query(lambda w: reverse("review_queue"), Q)),
    Sink("review queue results (htmx)", "factchecker", "html", get(lambda w: reverse("review_queue"), **HTMX)),
    Sink("audit log", "factchecker", "html", get(lambda w: reverse("audit_log"))),
    Sink("audit log searched", "factchecker", "html", get_query(lambda w: reverse("audit_log"), Q)),
    Sink("source list", "editor", "html", get(lambda w: reverse("source_list"))),
    Sink("source list searched", "editor", "html", get_query(lambda w: reverse("source_list"), Q)),
    Sink("source page", "editor", "html", get(lambda w: f"/sources/{w.source.pk}/")),
    Sink(
        "merged source's redirect",
        "staff",
        "html",
        lambda c, w, p: c.get(f"/sources/{w.merge.merged_id}/", follow=True),
    ),
    Sink("merge picker", "staff", "html", get_query(lambda w: f"/sources/{w.source.pk}/merge/", Q)),
    Sink("accuracy", "staff", "html", get(lambda w: reverse("accuracy"))),
    Sink("queue and workers", "staff", "html", get(lambda w: reverse("pipeline_status"))),
    # Across articles: the story page (with its upstream correction), the network and the dashboards
    Sink("stories list", "editor", "html", get(lambda w: reverse("story_list"))),
    Sink(
        "stories list searched",
        "editor",
        "html",
        get_query(lambda w: reverse("story_list"), lambda p: {"q": p[:200], "outlet": p[:300]}),
    ),
    Sink("stories list results (htmx)", "factchecker", "html", get(lambda w: reverse("story_list"), **HTMX)),
    Sink("story page", "editor", "html", get(lambda w: f"/stories/{w.story.pk}/")),
    Sink("story page with its forms", "factchecker", "html", get(lambda w: f"/stories/{w.story.pk}/")),
    Sink("relay network", "editor", "html", get(lambda w: reverse("network"))),
    Sink(
        "relay network filtered",
        "editor",
        "html",
        get_query(lambda w: reverse("network"), lambda p: {"outlet": p[:300], "topic": p[:200]}),
    ),
    Sink("relay network JSON", "editor", "json", get(lambda w: reverse("network_data", args=["json"]))),
    Sink("outlet dashboards", "editor", "html", get(lambda w: reverse("outlet_dashboard"))),
    Sink(
        "outlet dashboards filtered",
        "editor",
        "html",
        get_query(lambda w: reverse("outlet_dashboard"), lambda p: {"outlet": p[:300]}),
    ),
    Sink("inbox", "editor", "html", get(lambda w: reverse("inbox"))),
    Sink("upload outcomes", "editor", "html", _upload),
    Sink("login page", "anonymous", "html", get_query(lambda w: reverse("login"), lambda p: {"next": p})),
    Sink("failed login", "anonymous", "html", _login_failed),
    Sink(
        "browsable API",
        "editor",
        "html",
        get(lambda w: f"/api/v1/articles/{w.article.pk}/", HTTP_ACCEPT="text/html"),
        library_page=True,
    ),
    # The API's JSON
    Sink("API article", "editor", "json", get(lambda w: f"/api/v1/articles/{w.article.pk}/")),
    Sink("API article list", "editor", "json", get(lambda w: "/api/v1/articles/")),
    Sink("API article's claims", "editor", "json", get(lambda w: f"/api/v1/articles/{w.article.pk}/claims/")),
    Sink("API claim", "editor", "json", get(lambda w: f"/api/v1/claims/{w.claim.pk}/")),
    Sink("API queue", "editor", "json", get(lambda w: "/api/v1/claims/")),
    Sink("API source", "editor", "json", get(lambda w: f"/api/v1/sources/{w.source.pk}/")),
    # Exports: ClaimReview JSON-LD, PROV-JSON and Turtle, CSV
    Sink("ClaimReview JSON-LD", "editor", "json", get(lambda w: f"/exports/claims/{w.claim.pk}/claimreview.json")),
    Sink("API ClaimReview", "editor", "json", get(lambda w: f"/api/v1/claims/{w.claim.pk}/claimreview/")),
    Sink("PROV-JSON", "editor", "json", get(lambda w: f"/exports/claims/{w.claim.pk}/prov.json")),
    Sink("API PROV-JSON", "editor", "json", get(lambda w: f"/api/v1/claims/{w.claim.pk}/prov/")),
    Sink("PROV Turtle", "editor", "turtle", get(lambda w: f"/exports/claims/{w.claim.pk}/prov.ttl")),
    Sink("API PROV Turtle", "editor", "turtle", get(lambda w: f"/api/v1/claims/{w.claim.pk}/prov/turtle/")),
    Sink("CSV export", "editor", "csv", get(lambda w: reverse("export_claims_csv"))),
    Sink("CSV of the queue searched", "editor", "csv", get_query(lambda w: reverse("export_claims_csv"), Q)),
    Sink("API CSV", "editor", "csv", get(lambda w: "/api/v1/claims/export.csv/")),
]


def body_of(response: Any) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def world_for(payload: str) -> World:
    world = build_world(label=payload, text=payload)
    world.article.url = web_url(payload, world.article.url)
    world.article.save(update_fields=["url"])
    return world


def web_url(payload: str, fallback: str) -> str:
    """``payload`` in a URL field when the app's own check takes it (quotes and brackets it does)."""
    try:
        return web_address_check(f"https://news.example.org/{payload.strip()}")[:2000] or fallback
    except ValueError:
        return fallback


def sink_problems(sink: Sink, world: World, group: list[str]) -> list[str]:
    payload = " ".join(group)
    client = Client()
    if sink.role != "anonymous":
        client.force_login(world.users[sink.role])
    response = sink.fetch(client, world, payload)
    if response.status_code >= 500 or response.status_code in (401, 403, 404, 405):
        return [f"answered {response.status_code}"]
    body = body_of(response)
    content_type = response.headers.get("Content-Type", "")
    if sink.kind == "html":
        assert content_type.startswith("text/html"), (sink.name, content_type)
        return html_problems(body.decode(), library_page=sink.library_page)
    if response.headers.get("X-Content-Type-Options") != "nosniff":
        return ["no X-Content-Type-Options: nosniff (a browser might read it as HTML)"]
    if sink.kind == "json":
        assert "json" in content_type, (sink.name, content_type)
        return [problem for item in group for problem in json_problems(body, item)]
    if sink.kind == "csv":
        assert content_type.startswith("text/csv"), (sink.name, content_type)
        return csv_problems(body.decode())
    assert content_type.startswith("text/turtle"), (sink.name, content_type)
    return [problem for item in group for problem in turtle_problems(body.decode(), item)]


def test_the_corpus_is_large_and_covers_every_kind_of_sink():
    assert len(PAYLOADS) >= 50 and len(set(PAYLOADS)) == len(PAYLOADS)
    assert {sink.kind for sink in SINKS} == {"html", "json", "csv", "turtle"}
    assert len({sink.name for sink in SINKS}) == len(SINKS)


GROUPS = payload_groups()


@pytest.mark.parametrize("group", GROUPS, ids=[f"group{n:02d}" for n in range(len(GROUPS))])
def test_no_payload_escapes_any_sink(group):
    label = " ".join(group)
    world = world_for(label)
    found = {sink.name: problems for sink in SINKS if (problems := sink_problems(sink, world, group))}
    assert not found, f"payloads {group!r}: {found}"
    # Escaped, not dropped nor evaluated: the article page shows the title exactly as typed.
    editor = Client()
    editor.force_login(world.users["editor"])
    shown = page_text(editor.get(f"/articles/{world.article.pk}/").content.decode())
    assert all(payload.strip() in shown for payload in group)


def test_no_cell_of_the_csv_starts_a_formula(editor):
    """Each payload alone in the fields a spreadsheet shows first: title, outlet, source, note, assignee."""
    from newsverify.review import services
    from newsverify.review.models import ReviewStatus
    from tests.factories import ArticleFactory, ClaimFactory, HopFactory, SourceFactory, UserFactory

    for n, payload in enumerate(PAYLOADS):
        article = ArticleFactory(title=payload, publisher=payload[:300])
        checker = UserFactory(username=f"{payload[:140]}{n}")
        checker.groups.add(Group.objects.get(name="Fact-checker"))
        claim = ClaimFactory(article=article, engine_key=f"k{n}", assignee=checker)
        HopFactory(claim=claim, position=0, source=SourceFactory(name=payload[:300]))
        services.claim_set_verdict(
            claim=claim, by=checker, verdict=ReviewStatus.DISPUTED, evidence_url="https://e.example/", note=payload
        )
    client = Client()
    client.force_login(editor)
    for url in (reverse("export_claims_csv"), "/api/v1/claims/export.csv/"):
        body = body_of(client.get(url)).decode()
        assert body.count("\n") >= len(PAYLOADS)
        assert csv_problems(body) == [], url


def test_the_checks_catch_what_they_look_for():
    """The parsers above find a real breakout: each of these pages is what an unescaped field would give."""
    assert html_problems('<p><img src=x onerror="NVXSS(1)"></p>')
    assert html_problems('<a href=" java\tscript:NVXSS(1)">x</a>')
    assert html_problems("<script>NVXSS(1)</script>")
    assert html_problems('<a hx-post="/logout/?NVXSS" hx-trigger="load">x</a>')
    assert html_problems('<div hx-on:load="NVXSS(1)"></div>')
    assert html_problems('<a href="https://evil.example/">x</a>')
    assert not html_problems('<p title="&quot;&gt;&lt;script&gt;NVXSS(1)&lt;/script&gt;">&lt;b&gt;</p>')
    assert csv_problems("a,b\r\n=1+1,x\r\n")
    assert not csv_problems("a,b\r\n'=1+1,x\r\n")
    assert json_problems(b'{"a": "x"}', "<b>") and not json_problems(b'{"a": "<b>"}', "<b>")


def test_the_content_security_policy_allows_no_inline_script_or_style(editor):
    client = Client()
    client.force_login(editor)
    for path in ("/articles/", "/login/", "/api/v1/articles/"):
        policy = client.get(path)["Content-Security-Policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
        assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'", policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, policy
        assert directives["object-src"] == "'none'" and directives["base-uri"] == "'none'"


def test_no_template_has_inline_script_style_or_handlers():
    """The CSP would block them; an inline one in a template would be a page that breaks, or a reason to loosen it."""
    from pathlib import Path

    templates = Path(__file__).resolve().parent.parent / "templates"
    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=|javascript:", re.IGNORECASE)
    found = {
        str(path.relative_to(templates)): match.group(0)
        for path in templates.rglob("*.html")
        if (match := inline.search(path.read_text(encoding="utf-8")))
    }
    assert not found, found
