"""One reading of an article for every door: the article page (``article_reading``), the API's
article and claims, and the CSV exports list the same claims, in the same order, with the same
chains, flags, statuses and disagreements; none of them costs a query per claim."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from newsverify.articles.services import analysis_store
from newsverify.review.corrections import HopPlan, SourcePick, claim_add, claim_not_a_claim, hop_source_change
from newsverify.review.models import Claim
from newsverify.review.services import claim_flag, hop_confirm
from newsverify.sources.models import SourceType
from tests.api.conftest import token_client
from tests.factories import ArticleFactory, ClaimFactory, HopFactory, SourceFactory
from tests.reports import TEXT, small_report

EVIDENCE = "https://example.org/evidence"


@pytest.fixture
def reviewed(article, editor, factchecker):  # type: ignore[no-untyped-def]
    """The small article after a review: a flag, a confirmed hop, a corrected origin, a claim added,
    one marked not a claim, then a re-analysis (which keeps all of that)."""
    claims = {claim.text: claim for claim in article.claims.all()}
    claim_flag(claim=claims["4 people were hurt"], by=editor, note="Which mayor?")
    drones = claims["three drones were intercepted"]
    hop_confirm(hop=drones.hops.get(position=1), by=factchecker, evidence_url=EVIDENCE)
    hop_source_change(
        claim=drones, by=factchecker, position=0, source=SourcePick(name="Air defence command", type="government_body")
    )
    claim_not_a_claim(claim=claims["It rained all day."], by=editor, note="Weather, not a claim.")
    start = TEXT.index("CNN cited TASS")
    claim_add(
        article=article,
        by=editor,
        start=start,
        end=start + len("CNN cited TASS"),
        kind="indirect",
        chain=[HopPlan(SourcePick(name="CNN", type=SourceType.NEWS_OUTLET))],
    )
    analysis_store(article_id=article.pk, report=small_report())
    article.refresh_from_db()
    return article


def web_reading(client, article) -> tuple[list[dict], dict[int, int], list[int]]:  # type: ignore[no-untyped-def]
    """The page's claims (its table's rows), its legend's counts by band, and the claims highlighted
    in its text, in order."""
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    highlighted = [int(pk) for pk in re.findall(r'<mark[^>]* id="claim-(\d+)"', response.content.decode())]
    legend = {band: count for band, _badge, _label, count in response.context["depth_legend"]}
    return list(response.context["claims"]), legend, highlighted


def csv_rows(response) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_page_the_api_and_the_exports_list_the_same_claims_the_same_way(reviewed, editor_client, editor):
    rows, legend, highlighted = web_reading(editor_client, reviewed)
    ids = [row["pk"] for row in rows]
    assert len(ids) == 4, "the rain is not a claim; the added claim is"
    assert highlighted == ids, "the text highlights what the page lists, in reading order"

    api = token_client(editor)
    listed = api.get(f"/api/v1/articles/{reviewed.pk}/claims/").json()["results"]
    # The table shows a claim's text, status, origin and whether a flag is open; the rest is its chain panel's.
    claims = {claim.pk: claim for claim in Claim.objects.filter(pk__in=ids).prefetch_related("hops__source")}
    for row in rows:
        claim = claims[row["pk"]]
        origin = [hop.source.name for hop in claim.hops.all() if hop.position == 0]
        assert (row["text"], row["review_status"]) == (claim.text, claim.review_status)
        assert row["origin_name"] == (origin[0] if origin else None)
        assert row["flagged"] == claim.flags.filter(resolved_at__isnull=True).exists()
        assert row["origin_confirmed"] == claim.hop_reviews.filter(position=0).exists()
    web_rows = [
        (
            claim.pk,
            claim.text,
            claim.review_status,
            [hop.source.name for hop in claim.hops.all()],
            claim.flags.filter(resolved_at__isnull=True).count(),
            [member.discrepancy.about for member in claim.discrepancy_memberships.all()],
            sum(1 for hop in claim.hops.all() if any(r.position == hop.position for r in claim.hop_reviews.all())),
        )
        for claim in (claims[pk] for pk in ids)
    ]
    api_rows = [
        (
            row["id"],
            row["text"],
            row["review_status"],
            [hop["source"]["name"] for hop in row["chain"]],
            row["open_flags"],
            [d["about"] for d in row["discrepancies"]],
            row["hops_confirmed"],
        )
        for row in listed
    ]
    assert api_rows == web_rows
    assert any(row[4] for row in web_rows) and any(row[5] for row in web_rows) and any(row[6] for row in web_rows)

    detail = api.get(f"/api/v1/articles/{reviewed.pk}/").json()["counts"]
    assert detail["total"] == len(ids)
    assert [detail["depth_0"], detail["depth_1"], detail["depth_2"], detail["depth_3_or_more"]] == [
        legend[0],
        legend[1],
        legend[2],
        legend[3],
    ]

    publisher = reviewed.publisher_label
    expected_csv = [
        (str(pk), text, status, " -> ".join([*chain, publisher]), str(flags))
        for pk, text, status, chain, flags, *_ in web_rows
    ]
    for response in (
        editor_client.get(reverse("export_claims_csv"), {"article": reviewed.pk}),
        api.get("/api/v1/claims/export.csv/", {"article": reviewed.pk}),
    ):
        rows = [
            (row["claim_id"], row["claim"], row["review_status"], row["chain"], row["open_flags"])
            for row in csv_rows(response)
        ]
        assert rows == expected_csv


def test_an_unknown_article_is_refused_by_the_exports(db, editor_client, editor):
    assert editor_client.get(reverse("export_claims_csv"), {"article": 999999}).status_code == 404
    response = token_client(editor).get("/api/v1/claims/export.csv/", {"article": 999999})
    assert response.status_code == 400
    assert response.json() == {"article": "No article 999999."}


def _grow(article, more: int) -> None:  # type: ignore[no-untyped-def]
    """``more`` claims over the article's words, each with a two-hop chain, a flag and a confirmation."""
    for index in range(more):
        claim = ClaimFactory(article=article, span_start=index, span_end=index + 3, depth=2)
        HopFactory(claim=claim, position=0, source=SourceFactory(type=SourceType.PERSON))
        HopFactory(claim=claim, position=1, source=SourceFactory())


def _queries(client, url: str, **params: object) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
        assert response.status_code == 200
        if response.streaming:
            b"".join(response.streaming_content)
    return len(queries)


@pytest.mark.parametrize(
    "door",
    ["page", "api claims", "csv", "api csv"],
)
def test_no_door_costs_a_query_per_claim(db, client, editor, door):
    client.force_login(editor)
    api = token_client(editor)
    small, large = ArticleFactory(text=TEXT), ArticleFactory(text=TEXT + " More.")
    _grow(small, 2)
    _grow(large, 12)

    def cost(article) -> int:  # type: ignore[no-untyped-def]
        if door == "page":
            return _queries(client, article.get_absolute_url())
        if door == "api claims":
            return _queries(api, f"/api/v1/articles/{article.pk}/claims/")
        if door == "csv":
            return _queries(client, reverse("export_claims_csv"), article=article.pk)
        return _queries(api, "/api/v1/claims/export.csv/", article=article.pk)

    cost(small)  # sessions, tokens and permission caches warmed
    assert cost(large) == cost(small)
