"""The rows of the list pages, written in one pass (issue 9: pages that stay fast as the archive
grows). The article list's are in ``articles/rows.py`` (the apps import downwards).

A list page shows fifty rows of a dozen cells each. Written by the template engine, each cell costs a
variable lookup, a filter call and an autoescape, and each link a ``reverse()``: the review queue
spent more time writing its rows than reading them. Here each list's row is one function over the
row's values, every value escaped as the template escaped it (``html.escape``, as Django's
``escape``, unless it is already safe HTML), links from ``id_url_format``, dates and truncation with
Django's own functions. The templates keep everything around the rows (headings, filters, paging).
"""

from __future__ import annotations

import datetime
import html
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from newsverify.reversing import id_url_format
from newsverify.review.highlighting import depth_badge as badge_text
from newsverify.review.highlighting import depth_label
from newsverify.review.models import Claim, ClaimKind, ReviewStatus
from newsverify.review.templatetags.review_labels import IN_REVIEW
from newsverify.sources.models import SourceType


def esc(value: Any) -> str:
    """``{{ value }}`` with autoescape: safe HTML as it is, anything else escaped."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


# The patterns the rows use, written as Django's DateFormat writes them (``j``: the day, ``M``: the
# month's three letters, ``Y``: four digits, ``m`` and ``d``: two, ``H:i``: hours and minutes,
# ``c``: ISO 8601) without parsing the pattern for each value: 10 to 17 µs a date through
# ``date_format``, three a row.
_DATE_PATTERNS = {
    "j M Y": lambda value: f"{value.day} {MONTHS_3[value.month].title()} {value.year:04d}",
    "Y-m-d": lambda value: f"{value.year:04d}-{value.month:02d}-{value.day:02d}",
    "c": lambda value: value.isoformat(),
}
_DATETIME_PATTERNS = {
    **_DATE_PATTERNS,
    "j M H:i": lambda value: f"{value.day} {MONTHS_3[value.month].title()} {value.hour:02d}:{value.minute:02d}",
}


def date_text(value: Any, pattern: str) -> str:
    """``|date:pattern`` (an aware datetime in the current time zone first, as the template does)."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        written = _DATETIME_PATTERNS.get(pattern)
    else:
        written = _DATE_PATTERNS.get(pattern) if isinstance(value, datetime.date) else None
    return written(value) if written is not None else date_format(value, pattern)


def truncate(value: str, length: int) -> str:
    """``|truncatechars:length`` (a text no longer than that is only normalised, as Truncator does)."""
    if len(value) <= length:
        return unicodedata.normalize("NFC", value)
    return Truncator(value).chars(length)


def choice_labels(choices: Iterable[tuple[Any, Any]]) -> dict[Any, str]:
    """``get_FOO_display()`` as a lookup: the label of each stored value (a value not listed is itself)."""
    return {value: str(label) for value, label in choices}


class Links:
    """The URLs a list's rows link to, each route reversed once per list (``id_url_format``)."""

    def __init__(self) -> None:
        self.claim = id_url_format("claim_detail", 2)
        self.article = id_url_format("article_detail", 1)
        self.source = id_url_format("source_detail", 1)


KIND_LABELS = choice_labels(ClaimKind.choices)
STATUS_LABELS = choice_labels(ReviewStatus.choices)
SOURCE_TYPE_LABELS = choice_labels(SourceType.choices)


def status_html(review_status: str, *, origin_confirmed: bool) -> str:
    """The ``status_label`` filter's words, when it is known whether the origin hop is confirmed."""
    if origin_confirmed and review_status == ReviewStatus.NEEDS_PRIMARY_SOURCE:
        return esc(IN_REVIEW)
    return esc(STATUS_LABELS.get(review_status, review_status))


def safe_rows(parts: Iterable[str]) -> SafeString:
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703 - every value in a row is escaped with esc()


def depth_badge_html(depth: int) -> str:
    """The ``depth_badge`` filter's badge."""
    return (
        f'<span class="badge depth-{min(depth, 3)}" title="{esc(depth_label(depth))}, depth {depth}">'
        f"{esc(badge_text(depth))}</span>"
    )


ANONYMOUS_TAG = ' <span class="tag">anonymous</span>'


@lru_cache(maxsize=4096)
def publisher_label(publisher: str) -> str:
    """``Article.publisher_label`` of a publisher read as a value: the article model's own rule (its
    class from the claim's key, as review does not import articles)."""
    article_model = Claim._meta.get_field("article").related_model
    return article_model(publisher=publisher).publisher_label  # type: ignore[operator,union-attr]


def _queue_row(claim: dict[str, Any], links: Links, *, selectable: bool, selected: frozenset[int]) -> str:
    pk, chain = claim["pk"], claim["chain"]
    select = (
        f'<td class="select"><input type="checkbox" name="claim" value="{pk}" form="bulk" '
        f'aria-label="Select this claim"{" checked" if pk in selected else ""}></td>'
        if selectable
        else ""
    )
    if chain:
        quoted = f'<span class="muted">Quoted:</span> {esc(chain[0][1])}'
        if len(chain) > 1:
            quoted += f' <span class="muted">· last relay</span> {esc(chain[-1][1])}'
    else:
        quoted = '<span class="muted">Own reporting</span>'
    context = claim["context"]
    in_context = (
        '<div class="row-line context small" title="The sentence in the article"><span class="lead"><bdi>'
        f"{'…' if context.cut_before else ''}{esc(context.before)}</bdi></span>"
        f'<mark class="in-context">{esc(claim["text"])}</mark><span class="tail">{esc(context.after)}'
        f"{'…' if context.cut_after else ''}</span></div>"
        if context
        else ""
    )
    chain_html = (
        " → ".join(
            f'<span class="src"><a href="{links.source.format(source_id)}">{esc(name)}</a>'
            f"{ANONYMOUS_TAG if source_type == 'anonymous' else ''}</span>"
            for source_id, name, source_type in chain
        )
        or '<span class="muted">own reporting</span>'
    )
    published_on = claim["article__published_on"]
    published = (
        f' · <time datetime="{date_text(published_on, "Y-m-d")}">{date_text(published_on, "j M Y")}</time>'
        if published_on
        else ""
    )
    flag = '<span class="flag-label" title="Flagged as unverified">⚑</span>' if claim["flagged"] else ""
    checked = f"{claim['hops_confirmed']}/{len(chain)}" if chain else '<span class="muted">—</span>'
    assignee = esc(claim["assignee__username"]) if claim["assignee__username"] is not None else NOBODY
    review_status = claim["review_status"]
    return (
        f"\n      <tr>\n        {select}\n"
        f"        <td>{depth_badge_html(claim['depth'])}</td>\n"
        f'        <td class="title"><a href="{links.claim.format(claim["article_id"], pk)}">'
        f"{esc(truncate(claim['text'], 110))}</a>\n"
        f'          <div class="row-line quoted small">{quoted} <span class="muted">· '
        f"{esc(KIND_LABELS.get(claim['kind'], claim['kind']))}</span></div>\n"
        f"          {in_context}</td>\n"
        f'        <td class="chain-cell">{chain_html}</td>\n'
        f'        <td class="article-cell"><a href="{links.article.format(claim["article_id"])}">'
        f"{esc(truncate(claim['article__title'], 50))}</a>"
        f'<div class="muted small">{esc(publisher_label(claim["article__publisher"]))}{published}</div></td>\n'
        f'        <td class="nowrap">{flag}<span class="review-status review-{esc(review_status)}">'
        f"{status_html(review_status, origin_confirmed=claim['origin_confirmed'])}</span></td>\n"
        f'        <td class="num">{checked}</td>\n'
        f"        <td>{assignee}</td>\n"
        "      </tr>\n    "
    )


NOBODY = '<span class="muted">nobody</span>'


def queue_rows(
    claims: Iterable[dict[str, Any]], *, selectable: bool, selected: frozenset[int] = frozenset()
) -> SafeString:
    """The review queue's rows: each a row of ``claims_for_queue_rows`` that ``queue_rows_attach``
    completed (``chain``, ``flagged``, ``hops_confirmed``, ``origin_confirmed``, ``context``)."""
    links = Links()
    return safe_rows(_queue_row(claim, links, selectable=selectable, selected=selected) for claim in claims)


# What a source list's row shows, as values (``sources_search(...).values(*SOURCE_ROW_VALUES)``).
SOURCE_ROW_VALUES = ("pk", "name", "type", "claims_total", "origin_total", "relay_total", "verified_total")


def _source_row(source: dict[str, Any], links: Links) -> str:
    source_type = source["type"]
    anonymous = ANONYMOUS_TAG if source_type == "anonymous" else ""
    return (
        "\n      <tr>\n"
        f'        <td class="title"><a href="{links.source.format(source["pk"])}">{esc(source["name"])}</a> '
        f'<span class="muted small">#{source["pk"]}</span></td>\n'
        f"        <td>{esc(SOURCE_TYPE_LABELS.get(source_type, source_type))}{anonymous}</td>\n"
        f'        <td class="num">{esc(source["claims_total"])}</td>\n'
        f'        <td class="num">{esc(source["origin_total"])}</td>\n'
        f'        <td class="num">{esc(source["relay_total"])}</td>\n'
        f'        <td class="num">{esc(source["verified_total"])}</td>\n'
        "      </tr>\n    "
    )


def source_rows(sources: Iterable[dict[str, Any]]) -> SafeString:
    """The source list's rows: each source's ``SOURCE_ROW_VALUES`` (``sources_search``)."""
    links = Links()
    return safe_rows(_source_row(source, links) for source in sources)


FLAG_LABEL = '<span class="flag-label" title="Flagged as unverified">⚑</span>'
OWN = '<span class="muted">own</span>'


def _article_claim_row(claim: dict[str, Any], links: Links) -> str:
    url = links.claim.format(claim["article_id"], claim["pk"])
    origin = claim["origin_name"]
    review_status = claim["review_status"]
    status = (
        status_html(review_status, origin_confirmed=claim["origin_confirmed"]) if review_status != "unreviewed" else ""
    )
    return (
        "\n                <tr>\n"
        f"                  <td>{depth_badge_html(claim['depth'])}</td>\n"
        f'                  <td><a href="{url}" hx-get="{url}">{esc(truncate(claim["text"], 64))}</a></td>\n'
        f"                  <td>{esc(origin) if origin else OWN}</td>\n"
        f'                  <td class="nowrap">{FLAG_LABEL + " " if claim["flagged"] else ""}{status}</td>\n'
        "                </tr>\n              "
    )


def article_claim_rows(claims: Iterable[dict[str, Any]]) -> SafeString:
    """The article page's claims table: each claim a row of ``claims_for_table``'s values."""
    links = Links()
    return safe_rows(_article_claim_row(claim, links) for claim in claims)
