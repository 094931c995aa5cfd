"""Every list page makes no more queries for a big archive than for a small one (issue 9).

The archive comes from ``generate_archive``'s code, through the real store: a dozen articles (so
every list has rows), then more than a page of everything the lists show (articles, claims,
sources), with flags, comments, verdicts and assignees. A query per row (a count, a deferred
field, a chain) fails these tests.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsverify.articles.models import Article
from newsverify.articles.synthetic import archive_generate
from newsverify.review.models import Claim, Comment, Flag

PAGES = {
    "article list": "/articles/",
    "article search": "/articles/?q=drones",
    "review queue": "/review/",
    "review queue, flagged": "/review/?flagged=on",
    "review queue, deepest": "/review/?sort=deepest",
    "source list": "/sources/",
    "audit log": "/audit/",
    "API claims list": "/api/v1/claims/",
    "API articles list": "/api/v1/articles/",
}


@pytest.fixture
def archive_client(client, db):  # type: ignore[no-untyped-def]
    def grow(articles: int) -> None:
        archive_generate(articles=articles, mean_claims=6, seed=7, batch=articles)

    grow(12)
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="archive-checker-1"))
    client.grow = grow
    return client


def _queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    assert b"No claims match" not in response.content, url  # a page with rows, or it proves nothing
    return len(captured.captured_queries)


@pytest.mark.parametrize("url", PAGES.values(), ids=PAGES.keys())
def test_a_list_page_makes_no_more_queries_for_a_full_page(archive_client, url, django_assert_max_num_queries) -> None:
    few = _queries(archive_client, url)
    archive_client.grow(50)
    assert Article.objects.count() > 50
    assert Claim.objects.current().count() > 300
    assert Flag.objects.count() > 5 and Comment.objects.count() > 5
    with django_assert_max_num_queries(few):
        assert archive_client.get(url).status_code == 200


def test_the_article_api_lists_its_claims_in_a_fixed_number_of_queries(
    archive_client, django_assert_max_num_queries
) -> None:
    small = Article.objects.order_by("pk").first()
    few = _queries(archive_client, f"/api/v1/articles/{small.pk}/claims/")
    archive_generate(articles=1, mean_claims=80, seed=8)
    big = Article.objects.order_by("-pk").first()
    assert big.claims.current().count() > 50
    with django_assert_max_num_queries(few):
        archive_client.get(f"/api/v1/articles/{big.pk}/claims/")
