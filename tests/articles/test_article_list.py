import pytest
from django.urls import reverse

from newsverify.articles.models import ArticleStatus
from newsverify.articles.services import analysis_store
from tests.factories import ArticleFactory
from tests.reports import TEXT, small_report

URL = reverse("article_list")


@pytest.fixture
def articles(db):  # type: ignore[no-untyped-def]
    analysed = ArticleFactory(title="Drones over Moscow", text=TEXT, publisher="Example Times")
    analysis_store(article_id=analysed.pk, report=small_report())
    pending = ArticleFactory(title="Budget talks", publisher="Daily Planet", status=ArticleStatus.QUEUED)
    return analysed, pending


def test_it_requires_login(client, db):
    assert client.get(URL).status_code == 302


def test_a_user_without_a_role_gets_403(client, outsider):
    client.force_login(outsider)
    assert client.get(URL).status_code == 403


def test_it_lists_status_and_claim_counts_by_depth(editor_client, articles):
    body = editor_client.get(URL).content.decode()
    assert "Drones over Moscow" in body and "Budget talks" in body
    # small_report: one claim at depth 0, two at 1, none at 2, one at 3+
    assert '<span class="count depth-0" title="Own reporting">1</span>' in body
    assert '<span class="count depth-1" title="Firsthand">2</span>' in body
    assert '<span class="count depth-2" title="Secondhand">0</span>' in body
    assert '<span class="count depth-3" title="Third-hand and beyond">1</span>' in body
    assert "Queued" in body and "Analysed" in body


def test_flags_count_once_and_do_not_inflate_claim_counts(editor_client, editor, articles):
    from newsverify.review.services import claim_flag

    drones = articles[0].claims.get(text="three drones were intercepted")
    claim_flag(claim=drones, by=editor, note="one")
    claim_flag(claim=drones, by=editor, note="two")
    body = editor_client.get(URL).content.decode()
    assert '<span class="count depth-3" title="Third-hand and beyond">1</span>' in body
    assert '<span class="flag-count">2</span>' in body


def test_it_polls_while_an_article_is_pending(editor_client, articles):
    assert 'hx-trigger="every 3s"' in editor_client.get(URL).content.decode()
    assert 'hx-trigger="every 3s"' not in editor_client.get(URL, {"status": "done"}).content.decode()


@pytest.mark.parametrize(
    ("params", "shown", "hidden"),
    [
        ({"q": "moscow"}, "Drones over Moscow", "Budget talks"),
        ({"q": "intercepted"}, "Drones over Moscow", "Budget talks"),
        ({"status": "queued"}, "Budget talks", "Drones over Moscow"),
        ({"publisher": "planet"}, "Budget talks", "Drones over Moscow"),
        ({"depth": "3"}, "Drones over Moscow", "Budget talks"),
    ],
)
def test_it_searches_and_filters(editor_client, articles, params, shown, hidden):
    body = editor_client.get(URL, params).content.decode()
    assert shown in body
    assert hidden not in body


def test_htmx_gets_only_the_results(editor_client, articles):
    body = editor_client.get(URL, {"q": "budget"}, HTTP_HX_REQUEST="true").content.decode()
    assert body.lstrip().startswith('<section id="results"')
    assert "Budget talks" in body and "<html" not in body


def test_titles_are_escaped(editor_client, db):
    ArticleFactory(title="<script>alert(1)</script>")
    body = editor_client.get(URL).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
