"""The source of an attribution as written: the whole phrase that names it.

A hop's ``mention`` is the name ("Luis Ortega"), which is what a reader looks for in the text; the
attribution layer gives the source *as written*, the whole noun phrase with what the article says
of it: "Luis Ortega, who heads the port authority,", "Farmers and their unions", "a 2014 study that
appeared in a medical journal", "an analysis by Lena Petrova". ``source_phrase`` widens the mention
to the subtree of its head, never over the cue or the content.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsverify.attribution import lexicon as lx

if TYPE_CHECKING:
    from newsverify.attribution.cues import Found

_EDGE = frozenset(",;:-\u2014\u2013")


def source_phrase(found: Found, mention: tuple[int, int]) -> tuple[int, int]:
    """The span of the whole phrase that names ``found``'s source; ``mention`` (its span as
    written, in text offsets) when the phrase cannot be told apart from the cue or the content."""
    ref = found.source
    if ref is None:
        return mention
    written = ref.as_written
    if len(written) == 1 and written[0].lower_ in lx.RELATIVE_PRONOUNS:
        return mention  # "who said": the relative pronoun is how the text names it here
    base = mention[0] - written.start_char
    head = ref.head
    tokens = [t for t in head.subtree if not t.is_space]
    while tokens and (tokens[0].is_punct and tokens[0].text in _EDGE):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct and tokens[-1].text in _EDGE or tokens[-1].text == "."):
        tokens = tokens[:-1]
    if not tokens:
        return mention
    start = base + tokens[0].idx
    end = base + tokens[-1].idx + len(tokens[-1].text)
    start, end = min(start, mention[0]), max(end, mention[1])
    if _overlaps((start, end), found.cue) or any(_overlaps((start, end), c) for c in found.content):
        return mention
    return start, end


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]
