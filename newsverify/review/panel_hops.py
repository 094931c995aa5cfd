"""The chain panel's list of hops, written in one pass (issue 9).

The panel's hops are the bulk of its template: per hop a dozen lookups, conditions and escapes,
and for a fact-checker a form with two reversed URLs and its CSRF field; through the template
engine that was near half of a panel's CPU. ``chain_hop_items`` writes the same HTML, byte for
byte, each value escaped as the template escaped it (``tests/review/test_panel_hops.py`` renders
the template's own loop, kept there, and compares, hop states and form errors included).
"""

from __future__ import annotations

from typing import Any

from django.template.defaultfilters import date, floatformat
from django.template.defaulttags import CsrfTokenNode
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime

from newsverify.reversing import id_url_format


def _text(value: Any) -> str:
    """``{{ value }}`` in a template: an int as written, anything else escaped as text."""
    if type(value) is int:
        return str(value)
    return conditional_escape("None" if value is None else value)


def _date(value: Any, pattern: str) -> str:
    return conditional_escape(date(template_localtime(value), pattern))


def _csrf(context: Any) -> str:
    """``{% csrf_token %}``, by the tag's own node."""
    return CsrfTokenNode().render(context)


def _form_start(context: Any, url: str, summary: str, *, opened: bool) -> str:
    """A hop's folded form, up to its fields: the ``<details>``, its summary, the htmx form and its CSRF field."""
    url = conditional_escape(url)
    return (
        f"\n          <details{' open' if opened else ''}>\n"
        f"            <summary>{summary}</summary>\n"
        f'            <form class="stack" method="post" action="{url}" hx-post="{url}" hx-target="#chain-panel"'
        ' hx-swap="innerHTML" hx-push-url="false">\n'
        f"              {_csrf(context)}\n              "
    )


def _confirmed(hop: Any, context: Any, ids: str, urls: tuple[str, str], here: bool) -> str:
    review = hop.review
    hop_form, reopen_form = context.get("hop_form"), context.get("reopen_form")
    parts = [
        '\n          <span class="hop-state hop-confirmed">✓ Confirmed</span>\n          <span class="muted small">',
        _text(review.confirmed_by.get_username()),
        f', <time datetime="{_date(review.confirmed_at, "c")}">{_date(review.confirmed_at, "j M Y H:i")}</time>',
        f' · <a href="{_text(review.evidence_url)}" rel="noopener noreferrer nofollow" target="_blank">evidence</a>',
        "</span>\n          ",
    ]
    if review.note:
        parts.append(f'<div class="event-note small">{_text(review.note)}</div>')
    parts.append("\n          ")
    if here and hop_form and hop_form.errors:
        parts.append(f'<div class="error" role="alert">{conditional_escape(hop_form.non_field_errors())}</div>')
    parts.append("\n          ")
    if context.get("can_verdict"):
        parts.append(_form_start(context, urls[1], "Reopen", opened=bool(here and reopen_form)))
        if here and reopen_form and reopen_form.errors:
            errors = conditional_escape(reopen_form.non_field_errors()) + conditional_escape(reopen_form["note"].errors)
            parts.append(f'<div class="error" role="alert">{errors}</div>')
        parts.append(
            f'\n              <label for="reopen-note-{ids}">Why is this hop open again?</label>\n'
            f'              <input type="text" name="note" id="reopen-note-{ids}" maxlength="2000" required>\n'
            '              <button type="submit">Reopen hop</button>\n'
            "            </form>\n"
            "          </details>\n          "
        )
    parts.append("\n        ")
    return "".join(parts)


def _open(hop: Any, context: Any, ids: str, urls: tuple[str, str], here: bool, first: bool, weakest: bool) -> str:
    hop_form = context.get("hop_form")
    parts = ['\n          <span class="hop-state hop-open">○ Open</span>']
    if weakest:
        parts.append(' <span class="weakest">Weakest open hop</span>')
    parts.append("\n          ")
    if context.get("can_verdict"):
        parts.append(_form_start(context, urls[0], "Confirm this hop", opened=here))
        if here and hop_form and hop_form.errors:
            errors = conditional_escape(hop_form.non_field_errors()) + conditional_escape(
                hop_form["evidence_url"].errors
            )
            parts.append(f'<div class="error" role="alert">{errors}</div>')
        evidence = note = ""
        if here:
            evidence = f' value="{_value(hop_form, "evidence_url")}"'
            note = f' value="{_value(hop_form, "note")}"'
        parts.append(
            f'\n              <label for="hop-evidence-{ids}">Evidence that {_text(hop.source.name)} '
            f"{'said it' if first else 'relayed it'}</label>\n"
            f'              <input type="url" name="evidence_url" id="hop-evidence-{ids}" required maxlength="2000"'
            f' placeholder="https://"{evidence}>\n'
            f'              <label for="hop-note-{ids}">Note <span class="muted">(optional)</span></label>\n'
            f'              <input type="text" name="note" id="hop-note-{ids}" maxlength="2000"{note}>\n'
            '              <button type="submit">Confirm hop</button>\n'
            "            </form>\n"
            "          </details>\n          "
        )
    parts.append("\n        ")
    return "".join(parts)


def _value(form: Any, name: str) -> str:
    """``{{ form.name.value|default_if_none:'' }}``."""
    value = form[name].value() if form else None
    return "" if value is None else _text(value)


def chain_hop_items(context: Any, hops: list[Any]) -> SafeString:
    """The ``<li>`` of each hop of the panel's chain (``claim`` and the forms from ``context``)."""
    claim = context["claim"]
    weakest_hop = claim.weakest_hop
    position = context.get("hop_form_position")
    confirm, reopen = id_url_format("hop_confirm", 3), id_url_format("hop_reopen", 3)
    out = []
    for index, hop in enumerate(hops):
        first = index == 0
        weakest = bool(weakest_hop) and hop.pk == weakest_hop.pk
        here = position == hop.position
        ids = f"{claim.pk}-{hop.position}"
        urls = (
            confirm.format(claim.article_id, claim.pk, hop.position),
            reopen.format(claim.article_id, claim.pk, hop.position),
        )
        source = hop.source
        meta = [
            f'<span class="evidence evidence-{_text(hop.evidence)}" title="How the engine knows this hop">',
            f"{_text(hop.get_evidence_display())}</span>\n          ",
        ]
        if hop.confidence is not None:
            level = _text(hop.confidence_level)
            meta.append(
                f'<span class="confidence confidence-{level}" title="How often the engine names the right source'
                f' for a hop found this way">confidence {floatformat(hop.confidence, 2)} · {level}</span>'
            )
        meta.append("\n          ")
        if hop.medium:
            meta.append(f"<span>via {_text(hop.medium)}</span>")
        meta.append("\n          ")
        if hop.mention_text:
            meta.append(
                f'<span>named as <q class="mention" data-span="{_text(hop.mention_start)}-{_text(hop.mention_end)}">'
                f"{_text(hop.mention_text)}</q></span>"
            )
        elif hop.evidence == "context":
            meta.append('<span class="muted">not named in this sentence</span>')
        review = (
            _confirmed(hop, context, ids, urls, here)
            if hop.review
            else _open(hop, context, ids, urls, here, first, weakest)
        )
        out.append(
            f'\n    <li class="hop{" is-confirmed" if hop.review else ""}{" is-weakest" if weakest else ""}"'
            f' id="hop-{ids}">\n'
            f'      <div class="hop-role">{"Origin" if first else "Relay"}</div>\n'
            '      <div class="hop-body">\n'
            f'        <strong class="hop-source"><a href="{_text(source.get_absolute_url())}">{_text(source.name)}</a>'
            "</strong>\n"
            f'        <span class="type">{_text(source.get_type_display())}</span>\n'
            '        <div class="hop-meta">\n          ' + "".join(meta) + "\n        </div>\n"
            '        <div class="hop-review">\n        ' + review + "\n        </div>\n      </div>\n    </li>\n    "
        )
    return mark_safe("".join(out))  # noqa: S308  # nosec B308 B703 - every value above is escaped as the template escaped it
