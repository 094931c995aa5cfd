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
