"""One URL, two answers: the fragment for an htmx swap, the whole page for anything else."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

LISTS = ["article_list", "review_queue", "source_list", "audit_log"]


@pytest.mark.parametrize("name", LISTS)
def test_an_htmx_swap_gets_the_fragment_and_every_answer_varies_on_it(factchecker_client, name):
    fragment = factchecker_client.get(reverse(name), HTTP_HX_REQUEST="true")
    page = factchecker_client.get(reverse(name))
    assert "<html" not in fragment.text and "<html" in page.text
    for response in (fragment, page):
        assert "HX-Request" in response.headers["Vary"]


@pytest.mark.parametrize("name", LISTS)
def test_htmx_restoring_history_after_a_cache_miss_gets_the_whole_page(factchecker_client, name):
    response = factchecker_client.get(reverse(name), HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert "<html" in response.text


@pytest.mark.parametrize("name", LISTS)
def test_a_boosted_navigation_gets_the_whole_page(factchecker_client, name):
    response = factchecker_client.get(reverse(name), HTTP_HX_REQUEST="true", HTTP_HX_BOOSTED="true")
    assert "<html" in response.text
