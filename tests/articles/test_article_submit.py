import pytest

from newsverify.articles.models import Article, ArticleStatus
from newsverify.articles.services import DuplicateArticle, article_submit


@pytest.mark.django_db
def test_it_stores_a_queued_article_and_enqueues_analysis_after_commit(editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        article = article_submit(
            text="  Officials said it rained.\r\n\r\nMore text.  ", publisher="Example Times", by=editor
        )
    assert article.status == ArticleStatus.QUEUED
    assert article.text == "Officials said it rained.\n\nMore text."
    assert article.title == "Officials said it rained."
    assert article.submitted_by == editor
    assert len(callbacks) == 1, "analysis is enqueued once, and only when the transaction commits"


@pytest.mark.django_db
def test_it_enqueues_nothing_when_the_transaction_rolls_back(editor, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(RuntimeError), transaction.atomic():
        article_submit(text="Rolled back.", by=editor)
        raise RuntimeError
    assert callbacks == []
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_it_points_a_duplicate_to_the_existing_article(editor):
    first = article_submit(text="The same   article.\n\nTwice.", by=editor)
    with pytest.raises(DuplicateArticle) as excinfo:
        article_submit(text="The same article.\nTwice.  ", title="Another title", by=editor)
    assert excinfo.value.existing == first
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_it_rejects_empty_text(editor):
    with pytest.raises(ValueError, match="needs some text"):
        article_submit(text=" \n\t ", by=editor)
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_the_database_refuses_a_failed_article_without_a_reason(editor):
    from django.db import IntegrityError

    article = article_submit(text="Some text.", by=editor)
    with pytest.raises(IntegrityError):
        Article.objects.filter(pk=article.pk).update(status=ArticleStatus.FAILED, failure_reason="")


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/a", "not a url"])
def test_it_refuses_a_url_that_is_not_a_web_address(editor, url):
    with pytest.raises(ValueError, match="not an http or https address"):
        article_submit(text="Some text.", url=url, by=editor)
    assert not Article.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("Officials said it rained. " * 3, "the limit is 50"),
        ("A\x01\x02\x03\x04\x05\x06\x07 text.", "control characters"),
        ("\u200b", "no visible text"),
        (12345, "must be a string"),
    ],
)
def test_every_door_gets_the_same_text_rule(editor, settings, text, says):
    """The rule lives in the service: the API, uploads and commands cannot go round the web form's check."""
    from newsverify.articles.services import ArticleRejected

    settings.NEWSVERIFY_MAX_ARTICLE_CHARS = 50
    with pytest.raises(ArticleRejected, match=says) as excinfo:
        article_submit(text=text, by=editor)
    assert excinfo.value.field == "text"
    assert not Article.objects.exists()
