"""The story page and the link to it from a claim's chain panel."""

from __future__ import annotations

import pytest
from django.urls import reverse

from newsverify.stories.models import Story
from newsverify.stories.services import story_match_article
from tests.stories.conftest import match, relay

HOSTILE = 'Police detained 27 protesters <script>alert("x")</script> outside the parliament in Valmor on Saturday.'


@pytest.fixture
def story(sources):  # type: ignore[no-untyped-def]
    first = relay(HOSTILE, publisher="Northwire <b>", chain=[sources["ministry"]], day=7)
    second = relay(HOSTILE, publisher="Morning Post", chain=[sources["ministry"], sources["wire_a"]], day=8)
    third = relay(HOSTILE, publisher="Harbour Herald", chain=[sources["officials"]], day=9)
    for claim in (first, second, third):
        story_match_article(article_id=claim.article_id)
    return Story.objects.get()


def test_it_requires_login(client, story):
    assert client.get(story.get_absolute_url()).status_code == 302


def test_a_user_without_a_role_gets_403(client, outsider, story):
    client.force_login(outsider)
    assert client.get(story.get_absolute_url()).status_code == 403


def test_an_unknown_story_is_404(editor_client, db):
    assert editor_client.get(reverse("story_detail", args=[999])).status_code == 404


def test_it_shows_the_origin_and_each_path_by_date_with_everything_escaped(editor_client, story):
    body = editor_client.get(story.get_absolute_url()).content.decode()
    assert "<script>alert" not in body and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body
    assert "Northwire &lt;b&gt;" in body and "Northwire <b>" not in body
    assert "<strong>1</strong> statement" in body
    assert "<strong>1</strong> wire service: Northwire" in body
    assert "<strong>3</strong> outlets" in body
    assert 'Interior Ministry → Northwire → <span class="muted">Morning Post</span>' in body
    assert "anonymous origin only" in body
    dates = [body.index(day) for day in ("7 Mar 2026", "8 Mar 2026", "9 Mar 2026")]
    assert dates == sorted(dates)


def test_the_chain_panel_links_to_the_claims_story(editor_client, story):
    claim = story.members.order_by("claim_id").first().claim
    url = reverse("claim_detail", args=[claim.article_id, claim.pk])
    body = editor_client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="chain-panel").content.decode()
    assert f'href="{story.get_absolute_url()}">Part of a story: 3 reports in 3 outlets</a>' in body
    assert "this is the origin statement" in body


def test_the_chain_panel_says_how_the_claim_drifted_from_the_origin(editor_client, sources):
    origin = relay(HOSTILE, publisher="Northwire", chain=[sources["ministry"]], day=7)
    drifted = relay(HOSTILE.replace("27", "dozens of"), publisher="Morning Post", chain=[sources["ministry"]], day=8)
    match(origin, drifted)
    url = reverse("claim_detail", args=[drifted.article_id, drifted.pk])
    body = editor_client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="chain-panel").content.decode()
    assert "≠ figure changed: 27 → dozens (from the origin statement)" in body
    assert "this is the origin statement" not in body
