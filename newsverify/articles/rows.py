"""The article list's rows, written in one pass (see ``review/rows.py``, whose helpers these use)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.safestring import SafeString

from newsverify.articles.models import ArticleStatus
from newsverify.review.rows import Links, choice_labels, date_text, esc, safe_rows

ARTICLE_STATUS_LABELS = choice_labels(ArticleStatus.choices)

DEPTH_COUNTS = (
    (0, "Own reporting"),
    (1, "Firsthand"),
    (2, "Secondhand"),
    (3, "Third-hand and beyond"),
)


def _article_row(article: Any, links: Links) -> str:
    publisher = esc(article.publisher) if article.publisher else '<span class="muted">Not named</span>'
    if article.status == "done":
        counts = "".join(
            f'\n            <span class="count depth-{band}" title="{title}">'
            f"{esc(getattr(article, f'claims_depth_{band}'))}</span>"
            for band, title in DEPTH_COUNTS
        )
        counts = f"\n          {counts}\n          \n        "
    else:
        counts = '\n          <span class="muted">—</span>\n        '
    flags = (
        f'<span class="flag-count">{esc(article.open_flags)}</span>'
        if article.open_flags
        else '<span class="muted">0</span>'
    )
    by = f" · {esc(article.submitted_by.get_username())}" if article.submitted_by else ""
    return (
        "\n      <tr>\n"
        f'        <td class="title"><a href="{links.article.format(article.pk)}">'
        f"{esc(article.title)}</a></td>\n"
        f"        <td>{publisher}</td>\n"
        f'        <td class="nowrap">{esc(date_text(article.published_on, "j M Y") or "—")}</td>\n'
        f'        <td><span class="status status-{esc(article.status)}">'
        f"{esc(ARTICLE_STATUS_LABELS.get(article.status, article.status))}</span></td>\n"
        f'        <td class="num nowrap counts">{counts}</td>\n'
        f'        <td class="num">{flags}</td>\n'
        f'        <td class="nowrap muted"><time datetime="{esc(date_text(article.created_at, "c"))}">'
        f"{esc(date_text(article.created_at, 'j M H:i'))}</time>{by}</td>\n"
        "      </tr>\n      "
    )


def article_rows(articles: Iterable[Any]) -> SafeString:
    """The article list's rows: each article with ``claims_depth_0`` .. ``claims_depth_3`` and
    ``open_flags`` counted (``article_counts_attach``), and ``submitted_by`` loaded (``articles_search``)."""
    links = Links()
    return safe_rows(_article_row(article, links) for article in articles)
