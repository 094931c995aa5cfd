"""The capped paginator: exact counts up to the cap, "more than" past it, every page still reachable."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.test import RequestFactory

from newsverify.articles.models import Article
from newsverify.paging import CappedPaginator, count_label
from tests.factories import ArticleFactory


def test_under_the_cap_it_counts_exactly(db) -> None:
    ArticleFactory.create_batch(7)
    paginator = CappedPaginator(Article.objects.order_by("pk"), 3, cap=10)
    assert (paginator.count, paginator.is_capped, paginator.num_pages) == (7, False, 3)
    last = paginator.get_page(3)
    assert len(last) == 1 and not last.has_next() and last.has_previous()
    assert paginator.get_page(99).number == 3  # past the end: the last page, as Django's does


def test_past_the_cap_it_stops_counting_but_pages_on(db, django_assert_num_queries) -> None:
    ArticleFactory.create_batch(12)
    paginator = CappedPaginator(Article.objects.order_by("pk"), 3, cap=5)
    with django_assert_num_queries(1):
        assert paginator.count == 6 and paginator.is_capped
    page = paginator.get_page(4)  # beyond what was counted
    assert [a.title for a in page] == [a.title for a in Article.objects.order_by("pk")[9:12]]
    assert not page.has_next()
    assert paginator.get_page(3).has_next()
    assert count_label(paginator.count, cap=5) == "5+" and count_label(5, cap=5) == "5"


def test_the_pagination_links_say_more_than_the_cap(db) -> None:
    ArticleFactory.create_batch(8)
    paginator = CappedPaginator(Article.objects.order_by("pk"), 2, cap=4)
    request = RequestFactory().get("/articles/?q=x&page=2")
    html = render_to_string(
        "review/partials/pagination.html", {"page": paginator.get_page(2), "noun": "article", "request": request}
    )
    assert "more than 4 articles" in html and "of " not in html
    assert 'href="?q=x&amp;page=3"' in html and 'href="?q=x&amp;page=1"' in html
