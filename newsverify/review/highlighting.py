"""The article text as HTML with claims, cues and source mentions marked.

Every piece of article text is escaped (``html.escape``, as Django's ``escape``): a ``<script>``
in an article is shown as text, never run. The marks are written with f-strings, each value escaped,
rather than ``format_html`` (a few milliseconds per hundred claims). Offsets are character offsets
into the stored text.
"""

from __future__ import annotations

import html
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

DEPTH_LABELS = {0: "Own reporting", 1: "Firsthand", 2: "Secondhand", 3: "Third-hand and beyond"}


def depth_label(depth: int) -> str:
    return DEPTH_LABELS[min(depth, 3)]


def depth_badge(depth: int) -> str:
    return "3+" if depth >= 3 else str(depth)


class Marker(NamedTuple):
    """A cue ("according to") or a source mention ("the Russian Defence Ministry") in the text."""

    start: int
    end: int
    kind: str  # "cue" or "source"


class ClaimSpan(NamedTuple):
    """A claim where the text shows it (a tuple: tens of thousands are built for a long article)."""

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


def _marker_html(text: str, start: int, end: int, kind: str) -> str:
    kind_class = "cue" if kind == "cue" else "source-mention"
    return f'<span class="{kind_class}" data-span="{int(start)}-{int(end)}">{html.escape(text[start:end])}</span>'


_URL_PK = 987654321  # stands for the claim's id in the URL reversed once


def _claim_url(article_id: int, pk: int, templates: dict[int, tuple[str, str]]) -> str:
    """``reverse("claim_detail")`` once per article, not once per claim."""
    if article_id not in templates:
        before, _, after = reverse("claim_detail", args=[article_id, _URL_PK]).rpartition(str(_URL_PK))
        templates[article_id] = (before, after)
    before, after = templates[article_id]
    return f"{before}{pk}{after}"


def _claim_html(claim: ClaimSpan, inner: str, *, url: str, is_open: bool) -> str:
    """A claim's mark around ``inner`` (already escaped HTML); every other value escaped here."""
    depth = int(claim.depth)
    classes = (
        f"claim depth-{min(depth, 3)}"
        + (" has-discrepancy" if claim.has_discrepancy else "")
        + (" is-flagged" if claim.flagged else "")
        + (" is-open" if is_open else "")
    )
    url = html.escape(url)
    current = ' aria-current="true"' if is_open else ""
    return (
        f'<mark class="{classes}" id="claim-{int(claim.pk)}" data-badge="{html.escape(claim_badge(claim))}">'
        f'<a class="claim-link" href="{url}" hx-get="{url}" title="{html.escape(depth_label(depth))} '
        f'(depth {depth}): show chain"{current}>{inner}</a></mark>'
    )


@dataclass(frozen=True)
class TextSection:
    """A stretch of the article that starts and ends between claims, with the claims marked in it."""

    index: int
    start: int
    end: int
    claim_ids: tuple[int, ...]
    first_region: int
    last_region: int  # exclusive


class ArticleHighlighter:
    """The article's text cut into claim and gap regions once, rendered whole or a section at a time.

    One pass: the claims are sorted once into regions, the markers once by position, and rendering
    sweeps both together, so the cost grows with claims + markers, not with their product.
    """

    def __init__(self, text: str, *, claims: Sequence[ClaimSpan], markers: Iterable[Marker] = ()) -> None:
        self.text = text
        self.regions = _regions(claims, len(text))
        self.markers_use(markers)
        self._url_templates: dict[int, tuple[str, str]] = {}

    def claims_update(self, claims: Iterable[ClaimSpan]) -> None:
        """Replace these claims (by pk) in their regions: what a page learns of the claims it marks."""
        updated = {claim.pk: claim for claim in claims}
        if not updated:
            return
        # In place, touching only the regions that change: a long article has tens of thousands.
        for number, (start, end, claim) in enumerate(self.regions):
            if claim is not None and claim.pk in updated:
                self.regions[number] = (start, end, updated[claim.pk])

    def markers_use(self, markers: Iterable[Marker]) -> None:
        """Mark these cues and mentions (a long article's page loads those of the sections it marks)."""
        self.markers = sorted(set(markers), key=lambda m: (m.start, -m.end))
        self._marker_starts = [marker.start for marker in self.markers]
        self._longest_marker = max((marker.end - marker.start for marker in self.markers), default=0)

    def sections(self, *, claims_per_section: int) -> list[TextSection]:
        """The text in sections of ``claims_per_section`` marked claims each (the last fewer), cut between regions."""
        sections: list[TextSection] = []
        first = 0
        claim_ids: list[int] = []
        for number, (_start, _end, claim) in enumerate(self.regions):
            if claim is None:
                continue
            if len(claim_ids) == claims_per_section:
                sections.append(self._section(len(sections), first, number, claim_ids))
                first, claim_ids = number, []
            claim_ids.append(claim.pk)
        if first < len(self.regions) or not sections:
            sections.append(self._section(len(sections), first, len(self.regions), claim_ids))
        return sections

    def _section(self, index: int, first: int, last: int, claim_ids: list[int]) -> TextSection:
        start = self.regions[first][0] if first < len(self.regions) else 0
        end = self.regions[last - 1][1] if last > first else start
        return TextSection(index, start, end, tuple(claim_ids), first, last)

    def render(self, *, open_claim_id: int | None = None, section: TextSection | None = None) -> SafeString:
        """The whole text, or one section of it, as HTML with the claims and markers marked."""
        first, last = (section.first_region, section.last_region) if section else (0, len(self.regions))
        if first >= last:
            return mark_safe("")  # noqa: S308  # nosec B308 - empty
        markers = self.markers
        # Markers are short: one that reaches into this stretch starts at most the longest marker before it.
        next_marker = bisect_left(self._marker_starts, self.regions[first][0] - self._longest_marker)
        active: list[Marker] = []  # markers begun before the current region ends, still in sorted order
        out: list[str] = []
        for start, end, claim in self.regions[first:last]:
            while next_marker < len(markers) and markers[next_marker].start < end:
                active.append(markers[next_marker])
                next_marker += 1
            active = [marker for marker in active if marker.end > start]
            inner = self._render_piece(start, end, active)
            if claim is None:
                out.append(inner)
                continue
            url = _claim_url(claim.article_id, claim.pk, self._url_templates)
            out.append(_claim_html(claim, inner, url=url, is_open=claim.pk == open_claim_id))
        return mark_safe("".join(out))  # noqa: S308  # nosec B308 B703 - every piece escaped (html.escape)

    def _render_piece(self, start: int, end: int, active: list[Marker]) -> str:
        """The text of one region, with the markers that overlap it clipped to it."""
        text = self.text
        out: list[str] = []
        position = start
        for marker in active:
            marker_start = max(marker.start, start)
            if marker_start < position:
                continue
            marker_end = min(marker.end, end)
            out.append(html.escape(text[position:marker_start]))
            out.append(_marker_html(text, marker_start, marker_end, marker.kind))
            position = marker_end
        out.append(html.escape(text[position:end]))
        return "".join(out)


def highlight_article(
    text: str, *, claims: Sequence[ClaimSpan], markers: Iterable[Marker], open_claim_id: int | None = None
) -> SafeString:
    return ArticleHighlighter(text, claims=claims, markers=markers).render(open_claim_id=open_claim_id)
