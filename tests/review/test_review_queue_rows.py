"""A queue row says who is quoted (origin, last relay) and the sentence the claim sits in, in a fixed
number of queries however many rows there are."""

from __future__ import annotations

import pytest

from newsverify.review.selectors import CONTEXT_CHARS, claim_contexts
from newsverify.sources.models import SourceType
from tests.factories import ArticleFactory, ClaimFactory, HopFactory, SourceFactory

URL = "/review/"
TEXT = (
    "It rained in Valmor on Sunday. Two officials told TASS that the bridge was closed overnight, "
    "and that repairs would start soon. The mayor said nothing."
)


def claim_in(article, fragment: str):  # type: ignore[no-untyped-def]
    start = article.text.index(fragment)
    return ClaimFactory(article=article, span_start=start, span_end=start + len(fragment), depth=2)


@pytest.fixture
def bridge(db):  # type: ignore[no-untyped-def]
    article = ArticleFactory(text=TEXT, title="Bridge closed")
    claim = claim_in(article, "the bridge was closed overnight")
    HopFactory(claim=claim, position=0, source=SourceFactory(name="Two officials", type=SourceType.ANONYMOUS))
    HopFactory(claim=claim, position=1, source=SourceFactory(name="Example Wire", type=SourceType.NEWS_AGENCY))
    HopFactory(claim=claim, position=2, source=SourceFactory(name="TASS", type=SourceType.NEWS_AGENCY))
    return claim


def test_the_context_is_the_claims_sentence(bridge):
    context = claim_contexts({bridge.pk: bridge.text})[bridge.pk]
    assert context.before == "Two officials told TASS that\u00a0"
    assert context.after == ", and that repairs would start soon."
    assert not context.cut_before and not context.cut_after


def test_a_claim_that_ends_its_sentence_has_nothing_after_it(db):
    article = ArticleFactory(text=TEXT)
    claim = claim_in(article, "The mayor said nothing.")
    context = claim_contexts({claim.pk: claim.text})[claim.pk]
    assert (context.before, context.after) == ("", "")


def test_a_long_sentence_is_cut_with_a_mark(db):
    text = "Officials said that " + "very " * 100 + "long things happened " + "and more " * 60 + "today."
    claim = claim_in(ArticleFactory(text=text), "long things happened")
    context = claim_contexts({claim.pk: claim.text})[claim.pk]
    assert len(context.before) <= CONTEXT_CHARS and len(context.after) <= CONTEXT_CHARS
    assert context.cut_before and context.cut_after


def test_a_row_names_the_origin_the_last_relay_and_the_sentence(editor_client, bridge):
    body = editor_client.get(URL).content.decode()
    row = body[body.index('<td class="title">') :].split("</td>", 1)[0]
    assert '<span class="muted">Quoted:</span> Two officials' in row
    assert '<span class="muted">· last relay</span> TASS' in row
    assert "Example Wire" not in row, "only the origin and the last relay, on one line"
    assert (
        "<bdi>Two officials told TASS that\u00a0</bdi></span>"
        '<mark class="in-context">the bridge was closed overnight</mark>'
        '<span class="tail">, and that repairs would start soon.</span>'
    ) in row


def test_own_reporting_says_so(editor_client, db):
    article = ArticleFactory(text=TEXT)
    claim_in(article, "It rained in Valmor on Sunday.")
    body = editor_client.get(URL).content.decode()
    assert '<span class="muted">Own reporting</span>' in body


def test_the_query_count_does_not_grow_with_the_rows(editor_client, bridge, django_assert_max_num_queries):
    with django_assert_max_num_queries(18) as few:
        editor_client.get(URL)
    for n in range(30):
        article = ArticleFactory(text=TEXT.replace("Valmor", f"Valmor {n}"))
        claim = claim_in(article, "the bridge was closed overnight")
        HopFactory(claim=claim, position=0, source=SourceFactory(name=f"Official {n}", type=SourceType.PERSON))
        HopFactory(claim=claim, position=1, source=SourceFactory(name=f"Wire {n}", type=SourceType.NEWS_AGENCY))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = editor_client.get(URL)
    assert response.content.decode().count('class="in-context"') == 31


def test_a_row_shows_its_publisher_assignee_flag_and_confirmed_hops(editor_client, bridge, editor, factchecker):
    from newsverify.review.services import claim_assign, claim_flag, hop_confirm

    article = bridge.article
    article.publisher = ""
    article.save(update_fields=["publisher"])
    claim_flag(claim=bridge, by=editor, note="Which officials?")
    claim_assign(claim=bridge, by=editor, assignee=factchecker)
    hop_confirm(hop=bridge.hops.get(position=0), by=factchecker, evidence_url="https://example.org/e")
    row = editor_client.get(URL).content.decode()
    assert '<div class="muted small">Publisher not named</div>' in row
    assert '<span class="flag-label" title="Flagged as unverified">⚑</span>' in row
    assert '<td class="num">1/3</td>' in row
    assert f"<td>{factchecker.get_username()}</td>" in row
