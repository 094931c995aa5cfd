"""A long article's page: its text marked a section at a time, its claims listed a page at a time,
a fixed number of queries whatever the number of claims, and polls that never render it twice.

The sections and pages are made small here (``SECTION_CLAIMS``, ``PANEL_CLAIMS``) so that an
article of a few dozen claims has several of each; benchmarks/article_page.py measures 10,000.
"""

import re
from html import unescape

import pytest
from django.urls import reverse

from newsverify.review import selectors
from tests.big_articles import article_with_claims

SECTION = 10
PANEL = 8


@pytest.fixture(autouse=True)
def _small_sections(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(selectors, "SECTION_CLAIMS", SECTION)
    monkeypatch.setattr(selectors, "PANEL_CLAIMS", PANEL)


@pytest.fixture
def big(db):  # type: ignore[no-untyped-def]
    return article_with_claims(45)


def url(article) -> str:  # type: ignore[no-untyped-def]
    return reverse("article_detail", args=[article.pk])


def article_text(body: str) -> str:
    """The text inside ``#article-text``, tags dropped, as the browser's selection offsets count it."""
    inner = re.search(r'<article [^>]*id="article-text"[^>]*>(.*?)</article>', body, re.S).group(1)
    return unescape(re.sub(r"<[^>]+>", "", inner))


def marked_ids(body: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<mark class="claim[^"]*" id="claim-(\d+)"', body)]


def in_reading_order(article) -> list[int]:  # type: ignore[no-untyped-def]
    return list(article.claims.current().order_by("span_start").values_list("pk", flat=True))


def test_only_the_first_section_is_marked_and_the_rest_is_plain_text(editor_client, big):
    body = editor_client.get(url(big)).content.decode()
    order = in_reading_order(big)
    assert marked_ids(body) == order[:SECTION]
    assert article_text(body) == big.text, "plain sections keep every character, so offsets still count"
    plain = re.findall(r'<span class="text-section is-plain" id="text-section-(\d+)" data-claim-ids="([\d ]+)"', body)
    assert [int(index) for index, _ids in plain] == [1, 2, 3, 4]
    assert [int(pk) for pk in plain[0][1].split()] == order[SECTION : 2 * SECTION]
    assert f'hx-get="{url(big)}?section=2" hx-trigger="intersect once, loadSection"' in body


def test_a_section_asked_for_comes_with_its_claims_marked(editor_client, big):
    response = editor_client.get(url(big), {"section": 2}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="text-section-2")
    body = response.content.decode()
    order = in_reading_order(big)
    assert marked_ids(body) == order[2 * SECTION : 3 * SECTION]
    assert body.startswith('<span class="text-section" id="text-section-2">')
    assert "<article" not in body, "the section alone, not the page"


def test_a_section_past_the_end_is_404(editor_client, big):
    response = editor_client.get(url(big), {"section": 99}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="text-section-99")
    assert response.status_code == 404


def test_a_linked_claim_far_down_is_marked_open_on_its_page(editor_client, big):
    order = in_reading_order(big)
    far = order[3 * SECTION + 2]
    body = editor_client.get(reverse("claim_detail", args=[big.pk, far])).content.decode()
    assert f'class="claim depth-2 is-open" id="claim-{far}"' in body
    assert set(order[3 * SECTION : 4 * SECTION]) <= set(marked_ids(body)), "its whole section is marked"
    assert not set(order[SECTION : 3 * SECTION]) & set(marked_ids(body))
    assert article_text(body) == big.text


def table_links(body: str, article) -> list[int]:  # type: ignore[no-untyped-def]
    prefix = reverse("claim_detail", args=[article.pk, 1])[: -len("1/")]
    return [int(pk) for pk in re.findall(rf'<td><a href="{re.escape(prefix)}(\d+)/"', body)]


def test_the_claims_table_lists_a_page_and_offers_the_next(editor_client, big):
    body = editor_client.get(url(big)).content.decode()
    order = in_reading_order(big)
    assert "45 claims, in reading order" in body
    assert table_links(body, big) == order[:PANEL]
    assert f'href="{url(big)}?claims_from={PANEL}"' in body
    rows = editor_client.get(url(big), {"claims_from": 40}, HTTP_HX_REQUEST="true").content.decode()
    assert table_links(rows, big) == order[40:45]
    assert "claims_from=" not in rows, "the last page offers no next one"
    assert "<table" not in rows, "the rows alone"


@pytest.mark.parametrize("claims", [3, 45])
def test_the_article_page_takes_the_same_queries_whatever_its_claims(
    editor_client, db, claims, django_assert_max_num_queries
):
    article = article_with_claims(claims)
    editor_client.get(url(article))  # the session and permissions, cached after the first request
    # 15: the 14 of the page (the session's user with its permissions and groups in one:
    # newsverify.roles; the claims table's rows in one: claims_for_table), and the upstream
    # corrections of the reports it relays (newsverify.stories).
    with django_assert_max_num_queries(15):
        assert editor_client.get(url(article)).status_code == 200


@pytest.mark.parametrize("claims", [3, 45])
def test_a_chain_and_a_claim_page_take_the_same_queries_whatever_the_claims(
    editor_client, db, claims, django_assert_max_num_queries
):
    article = article_with_claims(claims)
    claim = article.claims.order_by("span_start")[claims // 2]
    claim_url = reverse("claim_detail", args=[article.pk, claim.pk])
    editor_client.get(claim_url)
    # One for the link to the claim's story, and on the full page one for its upstream corrections
    # (newsverify.stories). The panel reads only the parts the claim has (review.selectors.claim_for_panel).
    with django_assert_max_num_queries(8):
        assert editor_client.get(claim_url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="chain-panel").status_code == 200
    with django_assert_max_num_queries(17):
        assert editor_client.get(claim_url).status_code == 200


def test_a_finished_big_article_is_never_polled_and_a_last_poll_gets_its_reading_once(editor_client, big):
    # The page of a finished article carries no poller (tests/articles/test_article_poll.py has the
    # schedule); a poll still in flight when the reading was stored gets it, and polling stops.
    assert 'id="analysis-poll"' not in editor_client.get(url(big)).content.decode()
    response = editor_client.get(url(big), {"poll": 3}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="analysis-poll")
    assert response.status_code == 286, "stop polling"
    assert 'id="analysis"' in response.content.decode()
    assert marked_ids(response.content.decode())


def test_marked_claims_carry_their_flag_and_discrepancy_marks(editor_client, editor, big):
    from newsverify.review.services import claim_flag

    order = in_reading_order(big)
    claim_flag(claim=big.claims.get(pk=order[3]), by=editor, note="Which drones?")
    body = editor_client.get(url(big)).content.decode()
    assert f'class="claim depth-2 is-flagged" id="claim-{order[3]}"' in body
    assert f'class="claim depth-2 has-discrepancy" id="claim-{order[1]}"' in body, "c0 and c1 disagree"
    assert f'class="claim depth-2" id="claim-{order[2]}"' in body
