from newsverify.review.highlighting import ClaimSpan, Marker, highlight_article


def claim(pk: int, start: int, end: int, depth: int = 2) -> ClaimSpan:
    return ClaimSpan(pk=pk, article_id=1, start=start, end=end, depth=depth)


def text_of(html: str) -> str:
    import re
    from html import unescape

    return unescape(re.sub(r"<[^>]+>", "", html))


def test_it_keeps_every_character_of_the_text():
    text = "Officials said <b>x</b> & more, CNN reported.\n\nNext paragraph."
    html = highlight_article(text, claims=[claim(1, 15, 24), claim(2, 0, 9, 0)], markers=[Marker(10, 14, "cue")])
    assert text_of(html) == text
    assert "<b>" not in html


def test_overlapping_claims_share_the_highlight_and_nothing_is_lost():
    text = "abcdefghijklmnop"
    html = highlight_article(text, claims=[claim(1, 0, 10), claim(2, 5, 15), claim(3, 6, 8)], markers=[])
    assert text_of(html) == text
    assert html.count("<mark") == 2, "a claim entirely inside an earlier one gets no mark of its own"


def test_markers_are_clipped_to_claim_boundaries():
    text = "According to the ministry three drones fell."
    html = highlight_article(text, claims=[claim(1, 26, 44)], markers=[Marker(13, 32, "source")])
    assert text_of(html) == text
    assert html.count('class="source-mention"') == 2


def test_depth_badges_cap_at_three_plus():
    html = highlight_article("x" * 20, claims=[claim(1, 0, 5, 5), claim(2, 6, 9, 1)], markers=[])
    assert 'class="claim depth-3" id="claim-1" data-badge="3+"' in html
    assert 'class="claim depth-1" id="claim-2" data-badge="1"' in html


def test_flags_and_verdicts_show_as_symbols_not_only_colour():
    flagged = ClaimSpan(pk=1, article_id=1, start=0, end=5, depth=2, flagged=True)
    verified = ClaimSpan(pk=2, article_id=1, start=6, end=9, depth=1, verdict="verified")
    disputed = ClaimSpan(pk=3, article_id=1, start=10, end=12, depth=3, has_discrepancy=True, verdict="disputed")
    html = highlight_article("x" * 20, claims=[flagged, verified, disputed], markers=[])
    assert 'class="claim depth-2 is-flagged" id="claim-1" data-badge="2 \u2691"' in html
    assert 'data-badge="1 \u2713"' in html
    assert 'data-badge="3+ \u2260 \u2717"' in html


def marks(html: str) -> list[tuple[str, str]]:
    """(claim id, the text it marks) for each claim mark, in order."""
    import re

    return [(pk, text_of(inner)) for pk, inner in re.findall(r'<mark [^>]*id="claim-(\d+)"[^>]*>(.*?)</mark>', html)]


def spans(html: str) -> list[tuple[str, str]]:
    import re

    return [
        (kind, text_of(inner))
        for kind, inner in re.findall(r'<span class="([a-z-]+)" data-span="[^"]*">(.*?)</span>', html)
    ]


def test_adjacent_claims_each_get_their_own_mark():
    text = "one two three four"
    html = highlight_article(text, claims=[claim(2, 8, 13), claim(1, 0, 8)], markers=[])
    assert marks(html) == [("1", "one two "), ("2", "three")]
    assert text_of(html) == text


def test_a_claim_overlapping_an_earlier_one_starts_where_it_ends():
    text = "abcdefghijklmnop"
    html = highlight_article(text, claims=[claim(2, 5, 15), claim(1, 0, 10)], markers=[])
    assert marks(html) == [("1", "abcdefghij"), ("2", "klmno")]


def test_of_two_claims_starting_together_the_longer_is_marked():
    text = "abcdefghijklmnop"
    html = highlight_article(text, claims=[claim(1, 2, 6), claim(2, 2, 12)], markers=[])
    assert marks(html) == [("2", "cdefghijkl")]


def test_nested_markers_keep_the_outer_one():
    text = "the Russian Defence Ministry said"
    markers = [Marker(4, 28, "source"), Marker(12, 19, "source"), Marker(29, 33, "cue")]
    html = highlight_article(text, claims=[], markers=markers)
    assert spans(html) == [("source-mention", "Russian Defence Ministry"), ("cue", "said")]


def test_a_marker_across_three_claims_is_cut_at_each_edge():
    text = "aaaa bbbb cccc dddd"
    claims = [claim(1, 0, 5), claim(2, 5, 10), claim(3, 10, 15)]
    html = highlight_article(text, claims=claims, markers=[Marker(2, 12, "cue")])
    assert spans(html) == [("cue", "aa "), ("cue", "bbbb "), ("cue", "cc")]
    assert text_of(html) == text


def test_a_marker_past_the_end_of_the_text_is_clipped():
    html = highlight_article("said so", claims=[claim(1, 0, 40)], markers=[Marker(5, 99, "cue")])
    assert marks(html) == [("1", "said so")]
    assert spans(html) == [("cue", "so")]


def test_the_open_claim_alone_is_marked_current():
    html = highlight_article("x" * 20, claims=[claim(1, 0, 5), claim(2, 6, 9)], markers=[], open_claim_id=2)
    assert html.count('aria-current="true"') == 1
    assert 'class="claim depth-2 is-open" id="claim-2"' in html


def test_sections_put_together_are_the_whole_text_highlighted():
    from newsverify.review.highlighting import ArticleHighlighter

    size = len("Sentence 00 said it. ")
    text = "".join(f"Sentence {n:02d} said it. " for n in range(30))
    claims = [claim(n + 1, size * n, size * n + 11) for n in range(30)]
    markers = [Marker(size * n + 12, size * n + 16, "cue") for n in range(30)]
    highlighter = ArticleHighlighter(text, claims=claims, markers=markers)
    sections = highlighter.sections(claims_per_section=7)
    assert [len(section.claim_ids) for section in sections] == [7, 7, 7, 7, 2]
    assert [section.start for section in sections[1:]] == [section.end for section in sections[:-1]]
    assert sections[0].start == 0 and sections[-1].end == len(text)
    assert "".join(highlighter.render(section=section) for section in sections) == highlighter.render()
    assert sections[1].claim_ids == tuple(range(8, 15))
