"""The article text as HTML with claims, cues and source mentions marked.

Every piece of article text goes through ``format_html``/``escape``: a ``<script>`` in an article
is shown as text, never run. Offsets are character offsets into the stored text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

DEPTH_LABELS = {0: "Own reporting", 1: "Firsthand", 2: "Secondhand", 3: "Third-hand and beyond"}


def depth_label(depth: int) -> str:
    return DEPTH_LABELS[min(depth, 3)]


def depth_badge(depth: int) -> str:
    return "3+" if depth >= 3 else str(depth)


@dataclass(frozen=True)
class Marker:
    """A cue ("according to") or a source mention ("the Russian Defence Ministry") in the text."""

    start: int
    end: int
    kind: str  # "cue" or "source"


@dataclass(frozen=True)
class ClaimSpan:
    pk: int
    article_id: int
    start: int
    end: int
    depth: int
    has_discrepancy: bool = False
    flagged: bool = False
    verdict: str = ""  # "verified" / "disputed" / ... once a fact-checker has ruled


# Review marks shown after the depth badge: a symbol as well as a colour.
REVIEW_MARKS = {"verified": "\u2713", "disputed": "\u2717", "false": "\u2717", "misattributed": "\u2717"}


def claim_badge(claim: ClaimSpan) -> str:
    """'2', '3+ ≠ ⚑', '1 ✓': depth, then discrepancy, open flag and verdict marks."""
    parts = [depth_badge(claim.depth)]
    if claim.has_discrepancy:
        parts.append("\u2260")
    if claim.flagged:
        parts.append("\u2691")
    if claim.verdict in REVIEW_MARKS:
        parts.append(REVIEW_MARKS[claim.verdict])
    return " ".join(parts)


def _regions(claims: Sequence[ClaimSpan], length: int) -> list[tuple[int, int, ClaimSpan | None]]:
    """Split the text into claim and gap regions that do not overlap.

    Claims rarely overlap; when they do, the later one starts where the earlier one ends (both stay
    listed in the side panel, only the highlight is shared out).
    """
    regions: list[tuple[int, int, ClaimSpan | None]] = []
    position = 0
    for claim in sorted(claims, key=lambda c: (c.start, -c.end)):
        start = max(claim.start, position)
        end = min(claim.end, length)
        if start >= end:
            continue
        if start > position:
            regions.append((position, start, None))
        regions.append((start, end, claim))
        position = end
    if position < length:
        regions.append((position, length, None))
    return regions


def _markers_in(markers: Sequence[Marker], start: int, end: int) -> Iterable[Marker]:
    for marker in markers:
        if marker.end > start and marker.start < end:
            yield Marker(max(marker.start, start), min(marker.end, end), marker.kind)


def _render_piece(text: str, start: int, end: int, markers: Sequence[Marker]) -> str:
    out: list[str] = []
    position = start
    for marker in _markers_in(markers, start, end):
        if marker.start < position:
            continue
        out.append(escape(text[position : marker.start]))
        out.append(
            format_html(
                '<span class="{}" data-span="{}-{}">{}</span>',
                "cue" if marker.kind == "cue" else "source-mention",
                marker.start,
                marker.end,
                text[marker.start : marker.end],
            )
        )
        position = marker.end
    out.append(escape(text[position:end]))
    return "".join(out)


def highlight_article(
    text: str, *, claims: Sequence[ClaimSpan], markers: Iterable[Marker], open_claim_id: int | None = None
) -> SafeString:
    ordered_markers = sorted(set(markers), key=lambda m: (m.start, -m.end))
    out: list[str] = []
    for start, end, claim in _regions(claims, len(text)):
        inner = _render_piece(text, start, end, ordered_markers)
        if claim is None:
            out.append(inner)
            continue
        url = reverse("claim_detail", args=[claim.article_id, claim.pk])
        out.append(
            format_html(
                '<mark class="claim depth-{band}{disc}{flag}{open}" id="claim-{pk}" data-badge="{badge}">'
                '<a class="claim-link" href="{url}" hx-get="{url}" title="{label} (depth {depth}): show chain"'
                "{current}>{inner}</a></mark>",
                band=min(claim.depth, 3),
                disc=" has-discrepancy" if claim.has_discrepancy else "",
                flag=" is-flagged" if claim.flagged else "",
                open=" is-open" if claim.pk == open_claim_id else "",
                pk=claim.pk,
                badge=claim_badge(claim),
                url=url,
                label=depth_label(claim.depth),
                depth=claim.depth,
                current=mark_safe(' aria-current="true"') if claim.pk == open_claim_id else "",  # noqa: S308  # nosec B308
                inner=mark_safe(inner),  # noqa: S308 - built only from escape() and format_html() above  # nosec B308 B703
            )
        )
    return mark_safe("".join(out))  # noqa: S308 - every piece came from escape() or format_html()  # nosec B308 B703
