"""The worker matches an article's claims once its analysis is stored (the real engine, no embedding model)."""

from __future__ import annotations

from newsverify.articles.models import ArticleStatus
from newsverify.articles.tasks import analyse_article
from newsverify.stories.models import Story
from tests.factories import ArticleFactory

SENTENCE = "Police detained 27 protesters outside the parliament in Valmor on Saturday, the Interior Ministry said."


def test_two_analysed_articles_relaying_one_statement_become_a_story(db, nlp):
    first = ArticleFactory(
        text=f"{SENTENCE}\n\nThe square was quiet by evening.", publisher="Northwire", status=ArticleStatus.QUEUED
    )
    second = ArticleFactory(
        text=f"{SENTENCE}\n\nShops reopened on Sunday.", publisher="Morning Post", status=ArticleStatus.QUEUED
    )
    analyse_article(first.pk)
    assert not Story.objects.exists()
    analyse_article(second.pk)
    story = Story.objects.get()
    articles = set(story.members.values_list("claim__article_id", flat=True))
    assert articles == {first.pk, second.pk}
    analyse_article(second.pk)  # a duplicate delivery: nothing changes
    assert Story.objects.get() == story
