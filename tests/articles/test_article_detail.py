import pytest
from django.urls import reverse

from newsverify.articles.models import ArticleStatus
from newsverify.articles.services import analysis_store
from newsverify.articles.views import POLL_DELAYS_MS
from tests.factories import ArticleFactory
from tests.reports import TEXT, small_report


def url(article) -> str:  # type: ignore[no-untyped-def]
    return reverse("article_detail", args=[article.pk])


@pytest.fixture
def analysed(db):  # type: ignore[no-untyped-def]
    article = ArticleFactory(text=TEXT, publisher="Example Times")
    return analysis_store(article_id=article.pk, report=small_report())


def test_it_requires_login(client, analysed):
    response = client.get(url(analysed))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_user_without_a_role_gets_403(client, outsider, analysed):
    client.force_login(outsider)
    assert client.get(url(analysed)).status_code == 403


def test_it_highlights_claims_by_depth_with_badges_and_a_legend(editor_client, analysed):
    body = editor_client.get(url(analysed)).content.decode()
    assert 'class="claim depth-3" id="claim-' in body
    assert 'data-badge="3+"' in body
    assert 'class="claim depth-1 has-discrepancy"' in body, "discrepancies are marked on the claims they join"
    assert 'class="claim depth-0"' in body
    assert "Third-hand and beyond" in body and "Own reporting" in body, "the legend names each band"
    assert '<span class="cue" data-span="0-12">According to</span>' in body
    assert '<span class="source-mention"' in body


def test_every_claim_link_has_a_real_href(editor_client, analysed):
    body = editor_client.get(url(analysed)).content.decode()
    claim = analysed.claims.get(text="three drones were intercepted")
    claim_url = reverse("claim_detail", args=[analysed.pk, claim.pk])
    assert f'href="{claim_url}" hx-get="{claim_url}"' in body


def test_article_text_and_title_are_escaped_before_analysis(editor_client, db):
    text = 'Officials said <script>alert("pwned")</script> and <img src=x onerror=alert(1)> happened.'
    article = ArticleFactory(title='<script>alert("title")</script>', text=text)
    body = editor_client.get(url(article)).content.decode()
    assert "<script>alert(" not in body
    assert "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;" in body
    assert "&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;" in body
    assert "<img src=x" not in body


def test_hostile_text_stays_escaped_inside_highlighted_claims(editor_client, db):
    from newsverify.attribution import ChainReport, Claim, ClaimKind, Evidence, Hop, Source, SourceType

    text = 'CNN said <script>alert("x")</script> was found.'
    article = ArticleFactory(title="<b>bold</b>", text=text)
    start = text.index("<script>")
    end = text.index("</script>") + len("</script>")
    report = ChainReport(
        publisher=None,
        sources=(Source("s1", "CNN <i>", SourceType.NEWS_OUTLET),),
        claims=(Claim("c1", start, end, text[start:end], ClaimKind.INDIRECT, chain=(Hop("s1", Evidence.EXPLICIT),)),),
    )
    analysis_store(article_id=article.pk, report=report)
    body = editor_client.get(url(article)).content.decode()
    assert "<script>alert" not in body
    assert "<b>bold</b>" not in body
    assert '<a class="claim-link"' in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</a></mark>" in body
    claim = article.claims.get()
    panel = editor_client.get(
        reverse("claim_detail", args=[article.pk, claim.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "CNN &lt;i&gt;" in panel and "CNN <i>" not in panel


def test_a_pending_article_polls_and_shows_the_text(editor_client, db):
    article = ArticleFactory(status=ArticleStatus.QUEUED, text="Officials said it rained.")
    body = editor_client.get(url(article)).content.decode()
    assert 'id="analysis-poll"' in body and f'hx-trigger="load delay:{POLL_DELAYS_MS[0]}ms"' in body
    assert "Officials said it rained." in body


def test_the_poll_swaps_in_the_result_and_stops_when_done(editor_client, analysed):
    response = editor_client.get(
        url(analysed), {"poll": "3", "shown": "analysing"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="analysis-poll"
    )
    body = response.content.decode()
    assert response.status_code == 286, "htmx stops polling on 286"
    assert response["HX-Retarget"] == "#analysis" and response["HX-Reswap"] == "outerHTML"
    assert "analysis-poll" not in body
    assert 'class="claim depth-3"' in body


def test_a_failed_article_shows_the_reason(editor_client, db):
    article = ArticleFactory(status=ArticleStatus.FAILED, failure_reason="The engine choked on <this>.")
    body = editor_client.get(url(article)).content.decode()
    assert "The analysis failed." in body
    assert "The engine choked on &lt;this&gt;." in body
    assert "Re-analyse" in body


def test_the_side_panel_lists_every_claim_and_flags_show_in_the_text(editor_client, editor, analysed):
    from newsverify.review.services import claim_flag

    drones = analysed.claims.get(text="three drones were intercepted")
    claim_flag(claim=drones, by=editor, note="Check the ministry")
    body = editor_client.get(url(analysed)).content.decode()
    assert "4 claims, in reading order" in body
    assert f'id="claim-{drones.pk}" data-badge="3+ \u2691"' in body
    assert 'title="Flagged as unverified">\u2691</span>' in body


def test_the_page_does_not_query_per_claim(editor_client, editor, db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from newsverify.attribution import ChainReport, Claim, ClaimKind, Evidence, Hop, Source, SourceType
    from newsverify.review.services import claim_flag

    def page_queries(sentences: int) -> int:
        sentence = "Officials said it rained. "
        text = sentence * sentences
        article = ArticleFactory(text=text.strip())
        claims = tuple(
            Claim(f"c{n}", n * len(sentence) + 15, n * len(sentence) + 24, "it rained", ClaimKind.INDIRECT,
                  chain=(Hop("s1", Evidence.EXPLICIT), Hop("s2", Evidence.CONTEXT)))
            for n in range(sentences)
        )  # fmt: skip
        sources = (Source("s1", "Officials", SourceType.ANONYMOUS), Source("s2", "CNN", SourceType.NEWS_OUTLET))
        analysis_store(article_id=article.pk, report=ChainReport(publisher=None, sources=sources, claims=claims))
        for claim in article.claims.all()[:2]:
            claim_flag(claim=claim, by=editor, note="x")
        editor_client.get(url(article))  # warm the session and permission caches
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(url(article)).status_code == 200
        return len(queries)

    assert page_queries(3) == page_queries(12)
