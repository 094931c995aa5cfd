"""Upstream corrections: a report or an origin statement marked corrected or retracted flags every
claim that relays it, in every article, tells their editors, and shows on the articles and the story."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from newsverify.notifications.models import Notification, NotificationKind
from newsverify.review.models import Flag, ReviewAction, ReviewEvent
from newsverify.review.services import ReviewRefused
from newsverify.sources.models import SourceType
from newsverify.stories.models import MatchHow, Story, StoryClaim, UpstreamCorrection
from newsverify.stories.upstream import relaying_claims, upstream_correction_record
from tests.factories import SourceFactory, UserFactory
from tests.stories.conftest import relay

TEXT = "The Interior Ministry said 40 people were detained in Valmor on Saturday night."


@pytest.fixture
def chains(sources):  # type: ignore[no-untyped-def]
    """The ministry's statement as Northwire carried it, and three reports: Morning Post citing
    Northwire, Valmor Daily citing another wire, Harbour Herald citing Morning Post."""
    post = SourceFactory(name="Morning Post", type=SourceType.NEWS_OUTLET)
    editor = UserFactory(username="uploader")
    claims = {
        "wire": relay(TEXT, publisher="Northwire", chain=[sources["ministry"]], day=7),
        "post": relay(TEXT, publisher="Morning Post", chain=[sources["ministry"], sources["wire_a"]], day=8),
        "daily": relay(TEXT, publisher="Valmor Daily", chain=[sources["ministry"], sources["wire_b"]], day=8),
        "herald": relay(TEXT, publisher="Harbour Herald", chain=[sources["ministry"], sources["wire_a"], post], day=9),
    }
    story = Story.objects.create()
    for claim in claims.values():
        claim.article.submitted_by = editor
        claim.article.save(update_fields=["submitted_by"])
        StoryClaim.objects.create(story=story, claim=claim, how=MatchHow.WIRE, score=1.0)
    return claims


def test_the_origin_statement_is_relayed_by_every_report(chains) -> None:  # type: ignore[no-untyped-def]
    of_origin, relaying = relaying_claims(chains["wire"])
    assert of_origin is True
    assert {claim.pk for claim in relaying} == {claim.pk for claim in chains.values()}


def test_an_outlets_report_is_relayed_by_the_reports_that_cite_it(chains) -> None:  # type: ignore[no-untyped-def]
    of_origin, relaying = relaying_claims(chains["post"])
    assert of_origin is False
    assert [claim.pk for claim in relaying] == sorted([chains["post"].pk, chains["herald"].pk])


def test_recording_flags_each_relaying_claim_and_tells_its_editor(chains, factchecker) -> None:  # type: ignore[no-untyped-def]
    correction = upstream_correction_record(
        claim=chains["post"], kind="retracted", url=" https://post.example/corrections/12 ", by=factchecker
    )
    assert (correction.of_origin, correction.url) == (False, "https://post.example/corrections/12")
    assert set(correction.claims.all()) == {chains["post"], chains["herald"]}
    flags = Flag.objects.filter(claim__in=[chains["post"], chains["herald"]])
    assert flags.count() == 2
    assert all("Morning Post's report, which this claim relays, was retracted" in flag.note for flag in flags)
    assert not Flag.objects.filter(claim=chains["daily"]).exists()
    assert ReviewEvent.objects.filter(action=ReviewAction.FLAGGED, claim=chains["herald"]).count() == 1
    sent = Notification.objects.filter(kind=NotificationKind.UPSTREAM)
    assert sorted(n.url for n in sent) == sorted(
        c.article.get_absolute_url() for c in (chains["post"], chains["herald"])
    )
    # The same correction again changes nothing.
    again = upstream_correction_record(
        claim=chains["post"], kind="retracted", url="https://post.example/corrections/12", by=factchecker
    )
    assert again.pk == correction.pk and Flag.objects.count() == 2 and sent.count() == 2


@pytest.mark.parametrize(
    ("kind", "url", "message"),
    [
        ("withdrawn", "https://x.example/", "corrected or retracted"),
        ("corrected", "javascript:alert(1)", "not an http or https address"),
        ("corrected", "", "Give the address"),
    ],
)
def test_what_is_refused_says_why_and_flags_nothing(chains, factchecker, kind, url, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ReviewRefused, match=message):
        upstream_correction_record(claim=chains["wire"], kind=kind, url=url, by=factchecker)
    assert not UpstreamCorrection.objects.exists() and not Flag.objects.exists()


def test_fact_checkers_mark_it_on_the_story_page_and_articles_show_it(chains, factchecker, editor) -> None:  # type: ignore[no-untyped-def]
    story = Story.objects.get()
    url = reverse("story_upstream_correction", args=[story.pk])
    data = {
        "claim": chains["wire"].pk,
        "kind": "corrected",
        "url": "https://wire.example/fix",
        "note": "<b>40</b> was 4",
    }
    as_editor = Client()
    as_editor.force_login(editor)
    assert as_editor.post(url, data).status_code == 403
    checker = Client()
    checker.force_login(factchecker)
    page = checker.get(story.get_absolute_url()).content.decode()
    assert "Mark a report corrected or retracted" in page
    # One section of corrections, below the reports, and a plain page title.
    assert page.count('id="upstream-h"') == 1 and page.index('id="reports-h"') < page.index('id="upstream-h"')
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert title.startswith("Story: ") and "<" not in title
    response = checker.post(url, data, follow=True)
    html = response.content.decode()
    assert "Recorded. 4 claims that relay it flagged." in html
    assert "<strong>The origin's statement was corrected</strong>" in html
    assert "&lt;b&gt;40&lt;/b&gt; was 4" in html and "<b>40</b>" not in html
    article = checker.get(chains["daily"].article.get_absolute_url()).content.decode()
    assert "Upstream correction" in article and 'href="https://wire.example/fix"' in article
    # A claim that is not one of this story's reports is refused.
    other = relay("Another claim entirely about the harbour.", publisher="Elsewhere", chain=[], day=10)
    refused = checker.post(url, {**data, "claim": other.pk, "url": "https://wire.example/other"})
    assert refused.status_code == 422 and "Choose one of this story" in refused.content.decode()
