"""The web when an analysis is lost: an upload while the broker is down, and an article stuck analysing."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from newsverify.articles.models import Article, ArticleStatus
from tests.brokers import publishing_to, unreachable_broker_url
from tests.factories import ArticleFactory, UserFactory

WAITING = "it will be analysed automatically when the queue is back"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_upload_while_the_broker_is_down_is_kept_and_the_editor_told(client):
    editor = UserFactory(username="stuck-editor")
    editor.groups.add(Group.objects.get(name="Editor"))
    client.force_login(editor)
    with publishing_to(unreachable_broker_url()):
        response = client.post(
            reverse("article_upload"), {"text": "Officials said the ferry was cancelled."}, follow=True
        )
    assert response.status_code == 200
    body = response.content.decode()
    assert WAITING in body, "a message on the page it lands on"
    assert "waiting for the analysis queue" in body
    article = Article.objects.get()
    assert article.status == ArticleStatus.QUEUED and article.waiting_for_queue
    # Uploading it again finds the stored article instead of failing.
    with publishing_to(unreachable_broker_url()):
        again = client.post(reverse("article_upload"), {"text": "Officials said the ferry was cancelled."})
    assert again.status_code == 200 and Article.objects.count() == 1


def test_re_analyse_is_offered_for_an_article_stuck_analysing(factchecker_client, settings):
    started = timezone.now() - datetime.timedelta(seconds=settings.NEWSVERIFY_ANALYSIS_STUCK_AFTER + 5)
    stuck = ArticleFactory(status=ArticleStatus.ANALYSING, analysis_started_at=started)
    body = factchecker_client.get(stuck.get_absolute_url()).content.decode()
    assert "its worker may have stopped" in body
    assert reverse("article_reanalyse", args=[stuck.pk]) in body


def test_re_analyse_is_not_offered_while_an_analysis_is_running(factchecker_client):
    running = ArticleFactory(status=ArticleStatus.ANALYSING, analysis_started_at=timezone.now())
    body = factchecker_client.get(running.get_absolute_url()).content.decode()
    assert reverse("article_reanalyse", args=[running.pk]) not in body
    assert "Analysing" in body
