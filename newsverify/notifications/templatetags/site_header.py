"""The signed-in header of every page (``base.html``), written in one pass (issue 9).

Nine links, each behind a permission or staff check and marked when it is the page's own, then
who is signed in with their roles and the sign-out form: through the template engine that was most
of what a signed-in page spends before its own work (nine ``{% url %}``, nine permission lookups,
two dozen conditions). The same HTML, byte for byte, each value escaped as the template escaped it
(``tests/notifications/test_site_header.py`` renders the template's own markup, kept there, and
compares it for every kind of user and page).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from newsverify.reversing import id_url_format

register = template.Library()

# (who sees it: a permission, or "staff"; the route; its label; the pages it is current on)
_LINKS = (
    (None, "article_list", "Articles", ("article_list",)),
    ("articles.add_article", "article_upload", "Upload", ("article_upload",)),
    ("review.view_claim", "review_queue", "Review queue", ("review_queue",)),
    ("review.view_claim", "source_list", "Sources", ("source_list", "source_detail")),
    ("review.view_claim", "story_list", "Stories", ("story_list", "story_detail")),
    ("review.view_claim", "network", "Network", ("network", "outlet_dashboard")),
    ("review.view_claim", "audit_log", "Audit log", ("audit_log",)),
    ("staff", "accuracy", "Accuracy", ("accuracy",)),
    ("staff", "pipeline_status", "Queue and workers", ("pipeline_status",)),
)


def _url(name: str) -> str:
    return conditional_escape(id_url_format(name, 0).format())


@register.simple_tag(takes_context=True)
def header_nav(context: Any) -> SafeString:
    """The main navigation, up to the account's inbox link."""
    user = context["user"]
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    current = match.url_name if match is not None else None
    lines = ['\n      <nav aria-label="Main">\n']
    for needs, route, label, pages in _LINKS:
        shown = needs is None or (user.is_staff if needs == "staff" else user.has_perm(needs))
        mark = ' aria-current="page"' if current in pages else ""
        lines.append(f'        <a href="{_url(route)}"{mark}>{label}</a>\n' if shown else "        \n")
    lines.append('      </nav>\n      <div class="account">\n        ')
    return mark_safe("".join(lines))  # noqa: S308  # nosec B308 B703 - the URLs are escaped; the rest is this module's text


@register.simple_tag(takes_context=True)
def header_account(context: Any) -> SafeString:
    """After the inbox link: who is signed in, their roles, and the sign-out form."""
    user = context["user"]
    roles = "".join(f' <span class="role">{conditional_escape(group.name)}</span>' for group in user.groups.all())
    return mark_safe(  # noqa: S308  # nosec B308 B703 - every value is escaped
        f'\n        <span class="who">{conditional_escape(user.get_username())}{roles}</span>\n'
        f'        <form method="post" action="{_url("logout")}">{CsrfTokenNode().render(context)}'
        '<button type="submit" class="link-button">Log out</button></form>\n'
        "      </div>\n    "
    )
