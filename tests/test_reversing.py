"""reverse_ids writes the URL reverse() writes, under any script prefix."""

from __future__ import annotations

import pytest
from django.urls import clear_script_prefix, reverse, set_script_prefix

from newsverify.reversing import reverse_ids

ROUTES = [("article_detail", (7,)), ("claim_detail", (12, 3456)), ("source_detail", (0,)), ("hop_confirm", (1, 2, 3))]


@pytest.mark.parametrize(("name", "ids"), ROUTES)
@pytest.mark.parametrize("prefix", ["/", "/newsroom/"])
def test_the_same_url_as_reverse(name, ids, prefix) -> None:
    set_script_prefix(prefix)
    try:
        assert reverse_ids(name, *ids) == reverse(name, args=ids)
        assert reverse_ids(name, *ids).startswith(prefix)
    finally:
        clear_script_prefix()


def test_ids_are_integers() -> None:
    assert reverse_ids("article_detail", "42") == reverse("article_detail", args=[42])
    with pytest.raises(ValueError):
        reverse_ids("article_detail", "42/../admin")


def test_a_changed_urlconf_is_not_served_from_the_cache(settings) -> None:
    before = reverse_ids("article_detail", 7)
    settings.ROOT_URLCONF = "tests.urls_mounted"
    assert reverse_ids("article_detail", 7) == reverse("article_detail", args=[7]) == "/mounted" + before
