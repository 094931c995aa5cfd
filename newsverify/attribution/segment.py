"""Text layout before parsing: paragraphs, parse chunks and quotations, as character offsets."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from newsverify.attribution.lexicon import BYLINE

# Longest piece of text handed to the parser at once. Longer paragraphs are cut at sentence
# ends: the parser's memory grows with the length of a doc, and no sentence is this long.
MAX_CHUNK = 5_000

OPENERS = "\u201c\u201e\u00ab"  # “ „ «
CLOSERS = "\u201d\u00bb"  # ” »
AMBIGUOUS = '"\u201f'  # " ‟
QUOTE_CHARS = OPENERS + CLOSERS + AMBIGUOUS

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
# A wire dateline opening a paragraph: "WASHINGTON (AP) — ", "KYIV, Ukraine, March 3 (Reuters) - "
DATELINE = re.compile(  # anchored by .match() at the paragraph's start (a "^" would only match at 0)
    r"[A-Z][A-Z.'\u2019-]{2,}(?:[ ,]+[A-Z][A-Za-z.'\u2019-]*){0,3}(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?"
    r"\s*(?:\((?P<credit>[^()\n]{1,40})\))?\s*(?:\u2015|\u2014|\u2013|--?)\s+"
)
# A line signed off with a dash and a name: '"..." \u2015 Jane Doe' ends like a sentence.
SIGNED = re.compile(r"[\u201d\"][\s\u00a0]*(?:\u2015|\u2014|--)[\s\u00a0]*[A-Z][\w.'\u2019 -]{1,60}\.?[\s\u00a0]*$")
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+")


@dataclass(frozen=True)
class Paragraph:
    index: int
    start: int
    end: int


@dataclass(frozen=True)
class Quote:
    """A quotation: ``start``/``end`` include the quote marks; ``inner_*`` exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool


def paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs as offsets, blank lines or single line breaks between them.

    A block of lines is one paragraph when its lines are hard-wrapped (most lines end without
    sentence punctuation); otherwise each line is a paragraph, as in most pasted articles.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in _BLANK_LINE.finditer(text):
        spans.extend(_lines_of_block(text, pos, match.start()))
        pos = match.end()
    spans.extend(_lines_of_block(text, pos, len(text)))
    return [Paragraph(i, s, e) for i, (s, e) in enumerate(spans)]


def _lines_of_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    lines = []
    pos = start
    for line in text[start:end].split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    lines = [_strip(text, s, e) for s, e in lines]
    lines = [(s, e) for s, e in lines if e > s]
    if not lines:
        return []
    if len(lines) > 1 and any(BYLINE.match(text, s, e) for s, e in lines):
        return lines  # a headline, a byline, a standfirst: each line its own paragraph
    if len(lines) > 1:
        ended = sum(1 for s, e in lines if text[e - 1] in ".!?:\"'\u201d\u2019)" or SIGNED.search(text, s, e))
        if ended * 2 < len(lines):  # hard-wrapped prose: one paragraph
            return [(lines[0][0], lines[-1][1])]
    return lines


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def chunks(text: str, start: int, end: int, limit: int = MAX_CHUNK) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` into pieces of at most ``limit`` characters, at sentence ends
    where possible, else at white space, else anywhere."""
    pieces = []
    while end - start > limit:
        window = text[start : start + limit]
        cut = 0
        for match in _SENTENCE_END.finditer(window):
            cut = match.end()
        if cut < limit // 4:
            cut = window.rfind(" ") + 1
        if cut < limit // 4:
            cut = limit
        pieces.append(_strip(text, start, start + cut))
        start += cut
    pieces.append(_strip(text, start, end))
    return [(s, e) for s, e in pieces if e > s]


def quotes(text: str, paras: list[Paragraph]) -> list[Quote]:
    """Quotations in ``text``, with typographic or straight marks, mismatched ones tolerated.

    Two apostrophes (''...'') and two backticks (``...'') count as double quote marks, as in
    some wire and archive copy. A quote left open at the end of a paragraph goes on into the
    next one when that paragraph opens with a quote mark (the newspaper convention for a quote
    of several paragraphs); otherwise it ends with its paragraph.
    """
    found: list[Quote] = []
    open_at: int | None = None
    open_len = 1
    for p_index, para in enumerate(paras):
        i = para.start
        while i < para.end:
            ch = text[i]
            width = 2 if text.startswith("''", i) or text.startswith("``", i) else 1
            if width == 1 and ch not in QUOTE_CHARS:
                i += 1
                continue
            role = "open" if text.startswith("``", i) else _role(text, i, width, para, open_at is not None)
            if role == "open":
                # An opener while one is open: a new paragraph of the same quote, or a stray mark.
                if open_at is None:
                    open_at, open_len = i, width
            elif role == "close" and open_at is not None:
                found.append(Quote(open_at, i + width, open_at + open_len, i, True))
                open_at = None
            i += width
        if open_at is not None:
            nxt = paras[p_index + 1] if p_index + 1 < len(paras) else None
            if nxt is not None and (text[nxt.start] in QUOTE_CHARS or text.startswith(("''", "``"), nxt.start)):
                continue
            found.append(Quote(open_at, para.end, open_at + open_len, para.end, False))
            open_at = None
    return found + _single_quotes(text, paras, found)


SINGLE_OPEN, SINGLE_CLOSE = "\u2018", "\u2019"


def _single_quotes(text: str, paras: list[Paragraph], double: list[Quote]) -> list[Quote]:
    """British style: \u2018...\u2019 outside any double-quoted passage. The closer doubles as the
    apostrophe, so it closes only where no letter follows ("don\u2019t" and "Ribeiro\u2019s" do not)."""
    found: list[Quote] = []
    inside = Intervals([(q.start, q.end) for q in double])
    for para in paras:
        i = text.find(SINGLE_OPEN, para.start, para.end)
        while i != -1:
            opens = (i == para.start or not text[i - 1].isalnum()) and i + 1 < para.end and text[i + 1].isalnum()
            if not opens or inside.overlaps(i, i + 1):
                i = text.find(SINGLE_OPEN, i + 1, para.end)
                continue
            j = i + 1
            close = -1
            while (j := text.find(SINGLE_CLOSE, j, para.end)) != -1:
                if not text[j - 1].isspace() and (j + 1 >= para.end or not text[j + 1].isalpha()):
                    close = j
                    break
                j += 1
            if close == -1 or inside.overlaps(i, close + 1):
                i = text.find(SINGLE_OPEN, i + 1, para.end)
                continue
            found.append(Quote(i, close + 1, i + 1, close, True))
            i = text.find(SINGLE_OPEN, close + 1, para.end)
    return found


def _role(text: str, i: int, width: int, para: Paragraph, inside: bool) -> str:
    ch = text[i]
    if width == 1 and ch in OPENERS:
        return "close" if inside and ch == "\u201c" and _looks_closing(text, i, para) else "open"
    if width == 1 and ch in CLOSERS:
        return "close" if inside else ("open" if _looks_opening(text, i, para) else "none")
    # A straight quote: decide by its neighbours, then by whether one is open.
    j = i + width
    before_space = i == para.start or text[i - 1].isspace() or text[i - 1] in "([{\u2014\u2013-"
    after_space = j >= para.end or text[j].isspace() or text[j] in ".,;:!?)]}\u2014\u2013-"
    if before_space and not after_space:
        return "close" if inside and _looks_closing(text, i, para) else "open"
    if after_space and not before_space:
        return "close" if inside else "none"
    return "close" if inside else "open"


def _looks_closing(text: str, i: int, para: Paragraph) -> bool:
    # A mis-typed opener used as a closer: punctuation right before it, space or end after.
    return i > para.start and text[i - 1] in ".,!?" and (i + 1 >= para.end or not text[i + 1].isalnum())


def _looks_opening(text: str, i: int, para: Paragraph) -> bool:
    return (i == para.start or text[i - 1].isspace()) and i + 1 < para.end and text[i + 1].isalnum()


class QuoteIndex:
    """Find the quote around or next to an offset in O(log n)."""

    def __init__(self, found: list[Quote]):
        self.quotes = sorted(found, key=lambda q: q.start)
        self._starts = [q.start for q in self.quotes]
        self._ends = [q.end for q in self.quotes]  # quotes never nest, so ends are sorted too

    def containing(self, pos: int) -> Quote | None:
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and self.quotes[i].start <= pos < self.quotes[i].end:
            return self.quotes[i]
        return None

    def starting_after(self, pos: int, limit: int) -> Quote | None:
        """The first quote whose opening mark lies in ``[pos, limit)``."""
        i = bisect.bisect_left(self._starts, pos)
        if i < len(self.quotes) and self.quotes[i].start < limit:
            return self.quotes[i]
        return None

    def ending_before(self, pos: int, lower: int) -> Quote | None:
        """The last quote whose closing mark ends in ``(lower, pos]``."""
        i = bisect.bisect_right(self._starts, pos) - 1
        while i >= 0:
            q = self.quotes[i]
            if q.end <= pos:
                return q if q.end > lower else None
            i -= 1
        return None

    def overlapping(self, start: int, end: int) -> list[Quote]:
        return self.quotes[bisect.bisect_right(self._ends, start) : bisect.bisect_left(self._starts, end)]


class Intervals:
    """Spans of text, asked whether any of them overlaps a given span, in O(log n)."""

    def __init__(self, spans: list[tuple[int, int]] | None = None):
        self._spans: list[tuple[int, int]] = sorted(s for s in spans or [] if s[1] > s[0])
        self._reindex()

    def _reindex(self) -> None:
        self._starts = [s for s, _ in self._spans]
        self._reach = []  # the furthest end among spans up to each position
        furthest = -1
        for _, e in self._spans:
            furthest = max(furthest, e)
            self._reach.append(furthest)

    def add(self, start: int, end: int) -> None:
        if end > start:
            bisect.insort(self._spans, (start, end))
            self._reindex()

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a stored span shares a character with ``[start, end)``."""
        i = bisect.bisect_left(self._starts, end) - 1  # the last span starting before ``end``
        return i >= 0 and self._reach[i] > start
