"""The one-pass highlighter gives what marking each region on its own gives, for any spans.

The reference below is the plain reading of the rules: cut the text into claim regions (sorted by
start, longest first, each starting where the one before ended), then within each region mark the
markers that overlap it, clipped to it, skipping one that starts inside the one before.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from newsverify.review.highlighting import ArticleHighlighter, ClaimSpan, Marker, highlight_article


def reference(text: str, claims: list[ClaimSpan], markers: list[Marker]) -> list[tuple]:
    """What the highlight should say, as plain tuples: (claim pk or None, [(kind, text) or text])."""
    ordered_markers = sorted(set(markers), key=lambda m: (m.start, -m.end))
    out = []
    position = 0
    regions = []
    for c in sorted(claims, key=lambda c: (c.start, -c.end)):
        start, end = max(c.start, position), min(c.end, len(text))
        if start >= end:
            continue
        if start > position:
            regions.append((position, start, None))
        regions.append((start, end, c.pk))
        position = end
    if position < len(text):
        regions.append((position, len(text), None))
    for start, end, pk in regions:
        pieces, at = [], start
        for m in ordered_markers:
            if not (m.end > start and m.start < end):
                continue
            m_start, m_end = max(m.start, start), min(m.end, end)
            if m_start < at:
                continue
            if m_start > at:
                pieces.append(text[at:m_start])
            pieces.append((m.kind, text[m_start:m_end]))
            at = m_end
        if end > at:
            pieces.append(text[at:end])
        out.append((pk, pieces))
    return out


def parse(html: str) -> list[tuple]:
    """The same tuples read back from the HTML."""
    import re
    from html import unescape

    out = []
    token = re.compile(r'<mark [^>]*id="claim-(\d+)"[^>]*><a [^>]*>(.*?)</a></mark>|((?:(?!<mark ).)+)', re.S)
    for pk, inner, gap in token.findall(html):
        body = inner if pk else gap
        pieces = []
        for kind, marked, plain in re.findall(
            r'<span class="(cue|source-mention)" data-span="\d+-\d+">(.*?)</span>|((?:(?!<span ).)+)', body, re.S
        ):
            if plain:
                pieces.append(unescape(plain))
            else:
                pieces.append(("cue" if kind == "cue" else "source", unescape(marked)))
        out.append((int(pk) if pk else None, pieces))
    return out


texts = st.text(alphabet="ab <&.\n", min_size=1, max_size=60)


@st.composite
def readings(draw):
    text = draw(texts)
    n = len(text)
    span = st.tuples(st.integers(0, n), st.integers(0, n + 5)).map(sorted)
    claims = [
        ClaimSpan(pk=i + 1, article_id=1, start=a, end=b, depth=2)
        for i, (a, b) in enumerate(draw(st.lists(span, max_size=8)))
    ]
    markers = [
        Marker(a, b, draw(st.sampled_from(["cue", "source"]))) for a, b in draw(st.lists(span, max_size=8)) if b > a
    ]
    return text, claims, markers


def merge_gaps(reading: list[tuple]) -> list[tuple]:
    """Neighbouring gap regions read back as one; join them in the reference too."""
    out: list[tuple] = []
    for pk, pieces in reading:
        if pk is None and out and out[-1][0] is None:
            out[-1] = (None, out[-1][1] + pieces)
        else:
            out.append((pk, list(pieces)))
    return [(pk, join_text(pieces)) for pk, pieces in out]


def join_text(pieces: list) -> list:
    joined: list = []
    for piece in pieces:
        if isinstance(piece, str) and joined and isinstance(joined[-1], str):
            joined[-1] += piece
        elif piece != "":
            joined.append(piece)
    return joined


@settings(max_examples=300, deadline=None)
@given(readings())
def test_one_pass_highlight_matches_the_reference(reading):
    text, claims, markers = reading
    html = highlight_article(text, claims=claims, markers=markers)
    assert merge_gaps(parse(html)) == merge_gaps(reference(text, claims, markers))


@settings(max_examples=100, deadline=None)
@given(readings(), st.integers(1, 4))
def test_sections_join_into_the_whole(reading, per_section):
    text, claims, markers = reading
    highlighter = ArticleHighlighter(text, claims=claims, markers=markers)
    sections = highlighter.sections(claims_per_section=per_section)
    assert "".join(highlighter.render(section=s) for s in sections) == highlighter.render()
    assert "".join(text[s.start : s.end] for s in sections) == text
