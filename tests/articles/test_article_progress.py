"""A bulk upload's progress bar: its articles counted done / analysing / queued / failed, polled in
place (backing off) while any is pending, and still once all are finished."""

from __future__ import annotations

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from newsverify.articles.models import Article, ArticleStatus
from newsverify.articles.selectors import analysis_progress
from newsverify.articles.views import POLL_DELAYS_MS
from tests.factories import ArticleFactory

PROGRESS = reverse("article_progress")


def counts(body: str) -> dict[str, int]:
    return {state: int(n) for n, state in re.findall(r"<strong>(\d+)</strong> (done|analysing|queued|failed)", body)}


def test_progress_counts_each_state_in_one_query(db, django_assert_num_queries):
    articles = [
        ArticleFactory(status=status)
        for status in (ArticleStatus.DONE, ArticleStatus.DONE, ArticleStatus.ANALYSING, ArticleStatus.QUEUED)
    ]
    articles.append(ArticleFactory(status=ArticleStatus.FAILED, failure_reason="The engine stopped."))
    ArticleFactory(status=ArticleStatus.QUEUED)  # not in the batch
    with django_assert_num_queries(1):
        progress = analysis_progress([article.pk for article in articles] + [999999])
    assert (progress.done, progress.analysing, progress.queued, progress.failed) == (2, 1, 1, 1)
    assert (progress.total, progress.finished, progress.pending) == (5, 3, 2)


def test_a_bulk_upload_shows_the_bar_for_the_articles_it_created(editor_client, db):
    existing = ArticleFactory(text="Officials said the bridge was closed on Monday.", status=ArticleStatus.DONE)
    files = [
        SimpleUploadedFile(f"story-{n}.txt", f"The mayor said {n} roads were closed after the storm.".encode())
        for n in range(3)
    ]
    files.append(SimpleUploadedFile("again.txt", existing.text.encode()))
    files.append(SimpleUploadedFile("binary.txt", b"\x00\x01\x02 not text"))
    response = editor_client.post(reverse("article_upload"), {"files": files})
    assert response.status_code == 200
    body = response.content.decode()
    created = Article.objects.exclude(pk=existing.pk).order_by("pk")
    assert created.count() == 3
    ids = ",".join(str(article.pk) for article in created)
    trigger = f'hx-trigger="load delay:{POLL_DELAYS_MS[0]}ms"'
    assert f'hx-get="{PROGRESS}?ids={ids}&amp;poll=1&amp;shown=0.0.3.0" {trigger}' in body, "it sends what it shows"
    assert counts(body) == {"done": 0, "analysing": 0, "queued": 3, "failed": 0}
    assert '<progress max="3" value="0"' in body


def test_the_bar_updates_in_place_and_stops_asking_once_all_are_finished(editor_client, db):
    first, second = ArticleFactory(status=ArticleStatus.ANALYSING), ArticleFactory(status=ArticleStatus.QUEUED)
    ids = f"{first.pk},{second.pk}"
    body = editor_client.get(PROGRESS, {"ids": ids, "poll": "3"}, HTTP_HX_REQUEST="true").content.decode()
    assert body.lstrip().startswith('<section id="upload-progress"'), "the bar alone"
    assert "poll=4" in body and f'hx-trigger="load delay:{POLL_DELAYS_MS[3]}ms"' in body, "it backs off"
    assert counts(body) == {"done": 0, "analysing": 1, "queued": 1, "failed": 0}

    Article.objects.filter(pk=first.pk).update(status=ArticleStatus.DONE)
    Article.objects.filter(pk=second.pk).update(status=ArticleStatus.FAILED, failure_reason="The engine stopped.")
    body = editor_client.get(PROGRESS, {"ids": ids, "poll": "4"}, HTTP_HX_REQUEST="true").content.decode()
    assert counts(body) == {"done": 1, "analysing": 0, "queued": 0, "failed": 1}
    assert "hx-get" not in body and "hx-trigger" not in body, "nothing left to ask"
    assert "2 articles analysed" in body


def test_bad_ids_are_left_out_and_the_bar_needs_a_role(client, editor_client, outsider, db):
    article = ArticleFactory(status=ArticleStatus.DONE)
    body = editor_client.get(PROGRESS, {"ids": f"x,{article.pk},,-3,{article.pk}"}).content.decode()
    assert counts(body)["done"] == 1 and '<progress max="1"' in body
    client.force_login(outsider)
    assert client.get(PROGRESS, {"ids": str(article.pk)}).status_code == 403
