"""The stories list (/stories/), the chain panel's story link, and the notes both read (drift,
circular citing) kept in step with the story."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from newsverify.review import corrections
from newsverify.review.models import ClaimKind
from newsverify.sources.models import SourceType
from newsverify.stories import summaries
from newsverify.stories.models import MatchHow, NoteKind, Story, StoryClaim, StoryNote
from newsverify.stories.selectors import StoryFilters, stories_list, stories_page_rows, story_link, story_page
from newsverify.stories.summaries import story_notes_refresh
from newsverify.stories.tasks import story_notes_rebuild
from newsverify.stories.upstream import upstream_correction_record
from tests.factories import SourceFactory
from tests.stories.conftest import match, relay

HEDGED = "Police reportedly detained 14 protesters outside the parliament in Valmor on Saturday."
OTHER = "The Ostrel river burst its banks near Karsk on Monday, flooding 40 homes."


@pytest.fixture
def loop_story(sources):  # type: ignore[no-untyped-def]
    """Four reports of one statement: a loop between Northwire and Valmor Daily, a drifted figure."""
    wire_a, outlet_c = sources["wire_a"], sources["outlet_c"]
    claims = {
        "origin": relay(HEDGED, publisher="Northwire", chain=[sources["ministry"]], day=7, kind=ClaimKind.DIRECT),
        "loop_a": relay(HEDGED, publisher="Valmor Daily", chain=[sources["ministry"], wire_a], day=8),
        "loop_b": relay(HEDGED, publisher="Northwire Digest", chain=[sources["ministry"], outlet_c, wire_a], day=9),
        "drifted": relay(
            "Police detained dozens of protesters outside the parliament in Valmor on Saturday.",
            publisher="Morning Post",
            chain=[sources["officials"]],
            day=10,
        ),
    }
    match(*claims.values())
    return Story.objects.get(), claims


@pytest.fixture
def anonymous_story(sources):  # type: ignore[no-untyped-def]
    first = relay(OTHER, publisher="Karsk Courier", chain=[sources["officials"]], day=2)
    second = relay(OTHER, publisher="Morning Post", chain=[sources["officials"], sources["wire_b"]], day=3)
    match(first, second)
    return StoryClaim.objects.get(claim=first).story


def _row(story: Story) -> Story:
    (row,) = stories_page_rows(stories_list(StoryFilters()).filter(pk=story.pk))
    return row


def test_the_lists_counts_are_the_story_pages(loop_story, anonymous_story):
    for story in (loop_story[0], anonymous_story):
        page = story_page(story)
        row = _row(story)
        assert (row.reports, row.statements, row.wires, row.outlets) == (
            len(page.reports),
            page.statements,
            len(page.wires),
            len(page.outlets),
        )
        assert row.origin_claim_id == page.origin.claim.pk
        assert (row.first_day, row.last_day) == (page.reports[0].date, page.reports[-1].date)
    row = _row(loop_story[0])
    assert (row.reports, row.statements, row.wires, row.outlets) == (4, 1, 1, 4)
    assert row.first_day == datetime.date(2026, 3, 7) and row.last_day == datetime.date(2026, 3, 10)
    # The anonymous story: Eastern Press Agency relays "officials"; nobody is named, still one statement.
    assert (_row(anonymous_story).wires, _row(anonymous_story).statements) == (1, 1)


def test_the_flags_come_from_the_notes_and_the_chains(loop_story, anonymous_story, factchecker):
    loop = _row(loop_story[0])
    assert (loop.has_circular, loop.has_drift, loop.anonymous_only, loop.corrected_upstream) == (
        True,
        True,
        False,
        False,
    )
    anonymous = _row(anonymous_story)
    assert (anonymous.has_circular, anonymous.has_drift, anonymous.anonymous_only) == (False, False, True)
    origin = loop_story[1]["origin"]
    with TestCase.captureOnCommitCallbacks(execute=True):
        upstream_correction_record(claim=origin, kind="retracted", url="https://example.org/retraction", by=factchecker)
    assert _row(loop_story[0]).corrected_upstream


def test_the_notes_are_what_the_story_page_finds(loop_story):
    story, claims = loop_story
    page = story_page(story)
    kept = {(note.claim_id, note.kind): note for note in StoryNote.objects.filter(story=story)}
    expected = {(r.claim.pk, drift.kind) for r in page.reports for drift in r.drift}
    expected |= {(r.claim.pk, NoteKind.CIRCULAR) for r in page.reports if r.circular}
    assert set(kept) == expected
    figure = kept[(claims["drifted"].pk, NoteKind.FIGURE)]
    assert (figure.before, figure.after, figure.origin_id) == ("14", "dozens", claims["origin"].pk)
    assert figure.text == "figure changed: 14 → dozens"
    assert story_notes_refresh(story_ids=[story.pk]) == len(expected)  # idempotent: the same rows again
    assert StoryNote.objects.filter(story=story).count() == len(expected)


def test_a_correction_of_a_members_kind_rebuilds_the_notes_after_it_commits(loop_story, editor):
    story, claims = loop_story
    loop_a = claims["loop_a"]
    assert StoryNote.objects.filter(claim=loop_a, kind=NoteKind.QUOTE).exists()
    with TestCase.captureOnCommitCallbacks(execute=True):
        corrections.claim_correct(claim=loop_a, by=editor, kind=ClaimKind.DIRECT, note="a quote")
    assert not StoryNote.objects.filter(claim=loop_a, kind=NoteKind.QUOTE).exists()
    assert StoryNote.objects.filter(claim=loop_a, kind=NoteKind.CIRCULAR).exists()  # its path is unchanged


def _correct_kind(claim, editor) -> None:  # type: ignore[no-untyped-def]
    with TestCase.captureOnCommitCallbacks(execute=True):
        corrections.claim_correct(claim=claim, by=editor, kind=ClaimKind.DIRECT, note="a quote")


def test_a_correction_in_a_request_hands_the_rebuild_to_a_worker(loop_story, editor, settings, monkeypatch):  # type: ignore[no-untyped-def]
    settings.NEWSVERIFY_STORY_NOTES_IN_BACKGROUND = True
    story, claims = loop_story
    sent: list[list[int]] = []
    monkeypatch.setattr(story_notes_rebuild, "apply_async", lambda args: sent.append(args[0]))
    _correct_kind(claims["loop_a"], editor)
    assert sent == [[story.pk]]
    # Not rebuilt in the request: the old note stays until the worker runs the task.
    assert StoryNote.objects.filter(claim=claims["loop_a"], kind=NoteKind.QUOTE).exists()
    story_notes_rebuild(*sent)
    assert not StoryNote.objects.filter(claim=claims["loop_a"], kind=NoteKind.QUOTE).exists()
    assert StoryNote.objects.filter(claim=claims["loop_a"], kind=NoteKind.CIRCULAR).exists()


def test_when_the_broker_cannot_take_the_rebuild_the_request_does_it(loop_story, editor, settings, monkeypatch):  # type: ignore[no-untyped-def]
    settings.NEWSVERIFY_STORY_NOTES_IN_BACKGROUND = True
    story, claims = loop_story

    def broker_down(**_: object) -> None:
        raise ConnectionRefusedError("broker down")

    monkeypatch.setattr(story_notes_rebuild, "apply_async", broker_down)
    _correct_kind(claims["loop_a"], editor)
    assert not StoryNote.objects.filter(claim=claims["loop_a"], kind=NoteKind.QUOTE).exists()


def test_a_change_made_in_a_worker_is_rebuilt_there(loop_story, editor, settings, monkeypatch):  # type: ignore[no-untyped-def]
    settings.NEWSVERIFY_STORY_NOTES_IN_BACKGROUND = True
    story, claims = loop_story
    monkeypatch.setattr(summaries, "current_task", SimpleNamespace(request=SimpleNamespace(id="a-task-id")))
    monkeypatch.setattr(story_notes_rebuild, "apply_async", lambda **_: pytest.fail("sent from inside a worker"))
    _correct_kind(claims["loop_a"], editor)
    assert not StoryNote.objects.filter(claim=claims["loop_a"], kind=NoteKind.QUOTE).exists()


def test_a_claim_that_leaves_its_story_takes_its_notes_and_the_new_origin_is_compared(loop_story):
    story, claims = loop_story
    # The origin's article is read again without the claim: the story's origin is now a relay.
    claims["origin"].retired_at = timezone.now()
    claims["origin"].save()
    match(claims["origin"])
    assert not StoryClaim.objects.filter(claim=claims["origin"]).exists()
    assert not StoryNote.objects.filter(origin=claims["origin"]).exists()
    assert not StoryNote.objects.filter(claim=claims["loop_a"], kind=NoteKind.QUOTE).exists()


def test_filters_by_outlet_period_and_words(loop_story, anonymous_story):
    loop = loop_story[0]

    def ids(**filters) -> list[int]:  # type: ignore[no-untyped-def]
        return list(stories_list(StoryFilters(**filters)).values_list("pk", flat=True))

    assert set(ids()) == {loop.pk, anonymous_story.pk}
    assert ids(outlet="valmor daily") == [loop.pk]
    assert ids(outlet="morning post") == ids()  # both carry a Morning Post report
    assert ids(published_from=datetime.date(2026, 3, 5)) == [loop.pk]
    assert ids(published_to=datetime.date(2026, 3, 4)) == [anonymous_story.pk]
    assert ids(published_from=datetime.date(2026, 3, 4), published_to=datetime.date(2026, 3, 6)) == []
    assert ids(query="karsk flooding") == [anonymous_story.pk]
    assert ids(query="dozens") == [loop.pk]  # a word of one report, not the origin's
    assert ids(query="karsk dozens") == []


def test_newest_activity_first_and_stories_no_article_reads_are_left_out(loop_story, anonymous_story, factchecker):
    loop = loop_story[0]
    Story.objects.filter(pk=loop.pk).update(updated_at=timezone.now() - datetime.timedelta(days=3))
    assert list(stories_list(StoryFilters()).values_list("pk", flat=True)) == [anonymous_story.pk, loop.pk]
    upstream_correction_record(
        claim=loop_story[1]["loop_a"], kind="corrected", url="https://example.org/fix", by=factchecker
    )
    assert list(stories_list(StoryFilters()).values_list("pk", flat=True)) == [loop.pk, anonymous_story.pk]
    StoryClaim.objects.filter(story=anonymous_story).update(score=1)
    for member in StoryClaim.objects.filter(story=anonymous_story).select_related("claim"):
        member.claim.retired_at = timezone.now()
        member.claim.save()
    assert list(stories_list(StoryFilters()).values_list("pk", flat=True)) == [loop.pk]


def test_the_page_requires_a_role(client, outsider, db):
    assert client.get(reverse("story_list")).status_code == 302
    client.force_login(outsider)
    assert client.get(reverse("story_list")).status_code == 403


def test_the_page_lists_each_story_with_its_figures_and_flags_escaped(editor_client, sources):
    hostile = 'Police detained 27 protesters <script>alert("x")</script> outside the parliament in Valmor.'
    first = relay(hostile, publisher="Northwire <b>", chain=[sources["ministry"]], day=7)
    second = relay(hostile.replace("27", "dozens of"), publisher="Morning Post", chain=[sources["officials"]], day=8)
    match(first, second)
    story = Story.objects.get()
    response = editor_client.get(reverse("story_list"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in body and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body
    assert "Northwire &lt;b&gt;" in body
    assert f'href="{story.get_absolute_url()}"' in body
    assert '<td class="num" data-label="Reports">2</td>' in body
    assert '<td class="num" data-label="Outlets">2</td>' in body
    assert ">drift</span>" in body and ">circular citing</span>" not in body
    assert "1 story</p>" in body
    assert f'href="{reverse("story_list")}"' in body  # the header's link
    fragment = editor_client.get(reverse("story_list"), {"outlet": "Nobody"}, HTTP_HX_REQUEST="true")
    assert fragment.content.decode().lstrip().startswith('<section id="results"')
    assert "No stories match." in fragment.content.decode()
    bad = editor_client.get(reverse("story_list"), {"published_from": "2026-05-01", "published_to": "2026-01-01"})
    assert "The start date is after the end date." in bad.content.decode()


def _stories(count: int, *, start: int = 0) -> None:
    """``count`` stories of two reports each, in two outlets, through a wire and from a ministry."""
    ministry = SourceFactory(name=f"Ministry {start}", type=SourceType.GOVERNMENT_BODY)
    wire = SourceFactory(name=f"Wire {start}", type=SourceType.NEWS_AGENCY)
    for index in range(start, start + count):
        text = f"Officials counted {index} boats in the harbour of Port {index} on Sunday."
        first = relay(text, publisher=f"Outlet {index}", chain=[ministry], day=1 + index % 27)
        second = relay(text, publisher="Morning Post", chain=[ministry, wire], day=1 + index % 27)
        story = Story.objects.create()
        for claim in (first, second):
            StoryClaim.objects.create(story=story, claim=claim, how=MatchHow.WIRE, score=1.0)
        StoryNote.objects.create(
            story=story, claim=second, origin=first, article=second.article, kind=NoteKind.FIGURE, text="figure"
        )


def _queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_a_full_page_costs_the_queries_of_a_dozen_stories(editor_client, db, django_assert_max_num_queries):
    _stories(12)
    url = reverse("story_list")
    few = _queries(editor_client, url)
    _stories(40, start=12)
    with django_assert_max_num_queries(few):
        body = editor_client.get(url).content.decode()
    assert "Page 1 of 3 · 52 stories" in body
    assert body.count('data-label="Reports">2</td>') == 25
    with django_assert_max_num_queries(few):
        assert "Page 2 of 3" in editor_client.get(url, {"page": 2}).content.decode()


def test_the_chain_panels_story_link_costs_two_queries_whatever_the_storys_size(editor_client, db):
    _stories(1)
    small = StoryClaim.objects.order_by("-claim_id").first()
    with CaptureQueriesContext(connection) as captured:
        link = story_link(small.claim_id)
    assert len(captured.captured_queries) == 2
    assert (link.reports, link.outlets, link.is_origin, [n.text for n in link.drift]) == (2, 2, False, ["figure"])
    big = Story.objects.create()
    ministry = SourceFactory(name="Big ministry", type=SourceType.GOVERNMENT_BODY)
    claims = [
        relay(
            f"Officials counted boats in the harbour, report {n}.", publisher=f"Big {n % 20}", chain=[ministry], day=3
        )
        for n in range(60)
    ]
    for claim in claims:
        StoryClaim.objects.create(story=big, claim=claim, how=MatchHow.WIRE, score=1.0)
    with CaptureQueriesContext(connection) as captured:
        link = story_link(claims[0].pk)
    assert len(captured.captured_queries) == 2
    assert (link.reports, link.outlets, link.is_origin, link.drift, link.circular) == (60, 20, True, [], False)
    # The whole panel: the same number of queries for a story of 2 reports and one of 60.
    panel = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "chain-panel"}
    small_claim = small.claim
    few = _queries_panel(editor_client, small_claim, panel)
    assert _queries_panel(editor_client, claims[5], panel) == few


def _queries_panel(client, claim, headers) -> int:  # type: ignore[no-untyped-def]
    url = reverse("claim_detail", args=[claim.article_id, claim.pk])
    with CaptureQueriesContext(connection) as captured:
        body = client.get(url, **headers).content.decode()
    assert "Part of a story" in body
    return len(captured.captured_queries)


def test_a_story_changed_many_times_in_one_transaction_is_rebuilt_once_after_it_commits(loop_story, monkeypatch):  # type: ignore[no-untyped-def]
    from django.db import transaction

    story = loop_story[0]
    rebuilt: list[set[int]] = []
    monkeypatch.setattr(summaries, "story_notes_refresh_safely", lambda ids: rebuilt.append(set(ids)))
    with TestCase.captureOnCommitCallbacks(execute=True), transaction.atomic():
        for _ in range(3):
            summaries.stories_changed({story.pk})
    assert rebuilt == [{story.pk}]
    rebuilt.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        try:
            with transaction.atomic():
                summaries.stories_changed({story.pk})
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
    assert rebuilt == []
