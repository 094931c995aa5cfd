"""The outlet dashboards: claims by depth band and anonymous origin per outlet, by month, the
origins relied on, and the discrepancy board."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from newsverify.articles.services import analysis_store
from newsverify.network.dashboards import (
    DashboardFilters,
    board_entries,
    discrepancy_board,
    months,
    outlet_rows,
    relied_on_origins,
    repeated_unverified,
    story_drift_board,
)
from newsverify.review.models import Claim, ClaimKind
from newsverify.stories.models import MatchHow, NoteKind, Story, StoryClaim, StoryNote
from tests.factories import ArticleFactory, ClaimFactory, UserFactory
from tests.reports import TEXT, small_report
from tests.stories.conftest import match, relay

pytestmark = pytest.mark.django_db


def store(publisher: str, *, suffix: str = "", published_on: datetime.date | None = None):  # type: ignore[no-untyped-def]
    text = TEXT + suffix
    article = ArticleFactory(text=text, publisher=publisher, published_on=published_on)
    return analysis_store(article_id=article.pk, report=small_report(text, publisher=publisher))


def test_an_outlets_claims_by_band_and_anonymous_origin() -> None:
    # The small report: one claim three hops out (ministry -> TASS -> CNN), two firsthand (the mayor,
    # anonymous rescuers) and one of the outlet's own.
    store("Example Times")
    store("Daily Valmor", suffix=" Later.")
    Claim.objects.filter(article__publisher="Daily Valmor", text__startswith="4 people").update(
        retired_at=timezone.now()
    )
    rows = {row.outlet: row for row in outlet_rows(DashboardFilters())}
    times = rows["Example Times"]
    assert (times.claims, times.by_band) == (4, {0: 1, 1: 2, 2: 0, 3: 1})
    assert times.cells == [(1, 25), (2, 50), (0, 0), (1, 25)]
    assert (times.anonymous, times.anonymous_percent) == (1, 25)
    assert rows["Daily Valmor"].claims == 3  # its retired claim is not counted
    assert [row.outlet for row in outlet_rows(DashboardFilters(outlet="daily valmor"))] == ["Daily Valmor"]


def test_claims_by_month_use_the_publication_date_or_else_the_upload() -> None:
    store("Example Times", published_on=datetime.date(2026, 3, 14))
    store("Example Times", suffix=" Later.", published_on=datetime.date(2026, 5, 2))
    undated = store("Daily Valmor", suffix=" Undated.")
    found = months(DashboardFilters())
    uploaded = undated.created_at.date().replace(day=1)
    assert [(row.month, row.claims) for row in found] == sorted(
        [(datetime.date(2026, 3, 1), 4), (datetime.date(2026, 5, 1), 4), (uploaded, 4)]
    )
    spring = months(DashboardFilters(published_from=datetime.date(2026, 3, 1), published_to=datetime.date(2026, 4, 30)))
    assert [row.month for row in spring] == [datetime.date(2026, 3, 1)]
    assert spring[0].shares == [0.25, 0.5, 0.0, 0.25]


def test_the_origins_relied_on_most_count_claims_and_outlets() -> None:
    store("Example Times")
    store("Daily Valmor", suffix=" Later.")
    origins = relied_on_origins(DashboardFilters())
    first = origins[0]
    # The ministry is one registry source in both articles; "the mayor" and "Rescuers" are per article.
    assert (first.name, first.type_label, first.claims, first.outlets) == ("Defence Ministry", "Government body", 2, 2)
    assert sorted(origin.claims for origin in origins[1:]) == [1, 1, 1, 1]


def test_the_discrepancy_board_lists_the_newest_articles_first() -> None:
    old = store("Example Times", published_on=datetime.date(2026, 1, 5))
    new = store("Daily Valmor", suffix=" Later.", published_on=datetime.date(2026, 9, 5))
    board = list(discrepancy_board(DashboardFilters()))
    assert [item.article_id for item in board] == [new.pk, old.pk]
    assert [member.value for member in board[0].members.all()] == ["4", "14"]
    assert list(discrepancy_board(DashboardFilters(outlet="Example Times"))) == [board[1]]


def test_the_page_shows_each_chart_with_its_table_escaped(factchecker) -> None:  # type: ignore[no-untyped-def]
    store("<b>Bold</b> Times")
    client = Client()
    assert client.get(reverse("outlet_dashboard")).status_code == 302
    client.force_login(UserFactory(username="no-role"))
    assert client.get(reverse("outlet_dashboard")).status_code == 403
    client.force_login(factchecker)
    response = client.get(reverse("outlet_dashboard"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<b>Bold</b>" not in html and "&lt;b&gt;Bold&lt;/b&gt; Times" in html
    for chart in ("chart-depth", "chart-anonymous", "chart-months"):
        assert f'id="{chart}"' in html
    assert "people hurt" in html  # the discrepancy board
    bad = client.get(reverse("outlet_dashboard"), {"published_from": "2026-05-01", "published_to": "2026-01-01"})
    assert "The start date is after the end date." in bad.content.decode()


def test_the_page_costs_the_same_queries_for_a_bigger_archive(factchecker) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(factchecker)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("outlet_dashboard")).status_code == 200
        return len(captured)

    store("Outlet 0")
    few = queries()
    for index in range(1, 6):
        store(f"Outlet {index}", suffix=f" Day {index}.")
    assert queries() == few <= 16


def test_unverified_secondhand_claims_are_ranked_by_the_articles_carrying_them(factchecker) -> None:  # type: ignore[no-untyped-def]
    from newsverify.review.models import ReviewStatus
    from newsverify.stories.models import MatchHow, Story, StoryClaim

    articles = [store(f"Outlet {index}", suffix=f" Day {index}.") for index in range(3)]
    drones = [article.claims.get(text="three drones were intercepted") for article in articles]  # depth 3
    mayor = [article.claims.get(text="4 people were hurt") for article in articles]  # firsthand
    wide, firsthand = Story.objects.create(), Story.objects.create()
    for claim in drones:
        StoryClaim.objects.create(story=wide, claim=claim, how=MatchHow.WIRE, score=1.0)
    for claim in mayor:
        StoryClaim.objects.create(story=firsthand, claim=claim, how=MatchHow.WIRE, score=1.0)
    rows = repeated_unverified(DashboardFilters())
    assert [(row.story_id, row.articles, row.outlets) for row in rows] == [(wide.pk, 3, 3)]
    assert rows[0].text == "three drones were intercepted"
    # A verdict on one copy leaves two unverified; on two, one article is no repetition.
    Claim.objects.filter(pk=drones[0].pk).update(review_status=ReviewStatus.VERIFIED)
    assert [row.articles for row in repeated_unverified(DashboardFilters())] == [2]
    Claim.objects.filter(pk=drones[1].pk).update(review_status=ReviewStatus.DISPUTED)
    assert repeated_unverified(DashboardFilters()) == []


def test_the_board_lists_a_figure_changed_across_articles_once_newest_first(factchecker, sources) -> None:  # type: ignore[no-untyped-def]
    said = "Police detained 27 protesters outside the parliament in Valmor on Saturday."
    origin = relay(said, publisher="Northwire", chain=[sources["ministry"]], day=7)
    same = relay(said, publisher="Morning Post", chain=[sources["ministry"], sources["wire_a"]], day=8)
    dozens = relay(said.replace("27", "dozens of"), publisher="Harbour Herald", chain=[sources["ministry"]], day=9)
    later = relay(said.replace("27", "30"), publisher="Valmor Daily", chain=[sources["ministry"]], day=12)
    match(origin, same, dozens, later)
    story = Story.objects.get()
    board = story_drift_board(DashboardFilters())
    assert [(note.article_id, note.before, note.after) for note in board] == [
        (later.article_id, "27", "30"),
        (dozens.article_id, "27", "dozens"),
    ]
    # A second relay of the same change in the same article is the same entry.
    twin = ClaimFactory(
        article=dozens.article, span_start=dozens.span_start, span_end=dozens.span_end, kind=ClaimKind.INDIRECT
    )
    StoryClaim.objects.create(story=story, claim=twin, how=MatchHow.WIRE, score=1.0)
    StoryNote.objects.create(
        story=story,
        claim=twin,
        origin=origin,
        article=dozens.article,
        kind=NoteKind.FIGURE,
        before="27",
        after="dozens",
    )
    # And a note about a relay in the origin's own article is the in-article board's to show.
    inside = ClaimFactory(article=origin.article, span_start=origin.span_start, span_end=origin.span_end)
    StoryClaim.objects.create(story=story, claim=inside, how=MatchHow.WIRE, score=1.0)
    StoryNote.objects.create(
        story=story, claim=inside, origin=origin, article=origin.article, kind=NoteKind.FIGURE, before="27", after="9"
    )
    assert len(story_drift_board(DashboardFilters())) == 2
    assert [note.article_id for note in story_drift_board(DashboardFilters(outlet="harbour herald"))] == [
        dozens.article_id
    ]
    spring = DashboardFilters(published_to=datetime.date(2026, 3, 10))
    assert [note.article_id for note in story_drift_board(spring)] == [dozens.article_id]
    # With the in-article discrepancies, newest article first.
    old = store("Example Times", published_on=datetime.date(2026, 3, 10))
    entries = board_entries(DashboardFilters())
    assert [(entry.article_id, entry.drift is not None) for entry in entries] == [
        (later.article_id, True),
        (old.pk, False),
        (dozens.article_id, True),
    ]
    client = Client()
    client.force_login(factchecker)
    html = client.get(reverse("outlet_dashboard")).content.decode()
    assert f'href="{story.get_absolute_url()}">Story #{story.pk}</a>' in html
    assert html.count("across articles</span>") == 2 and html.count("in one article</span>") == 1
    assert html.index("at the origin (Northwire)") < html.index("in one article</span>")  # the newest first
