"""The kept count of current claims citing each source (the source list's order) stays equal to a recount."""

from __future__ import annotations

import dataclasses

from newsverify.articles.services import analysis_store
from newsverify.review.corrections import (
    SourcePick,
    claim_not_a_claim,
    hop_add,
    hop_move,
    hop_remove,
    hop_source_change,
)
from newsverify.review.models import Claim, ReviewStatus
from newsverify.review.services import claim_verdict
from newsverify.review.source_citations import source_citations_recount
from newsverify.review.source_merge import source_merge, source_merge_undo
from newsverify.review.source_selectors import source_merge_preview, sources_search
from newsverify.sources.models import Source, SourceType
from newsverify.sources.services import source_resolve
from tests.factories import ArticleFactory
from tests.reports import TEXT, small_report


def kept() -> dict[str, int]:
    """Each source's kept count of citing claims; the test fails too if its hop counts drift from a recount."""
    return {source.name: source.claims_cited for source in Source.objects.order_by("pk")}


def kept_all() -> list[tuple[int, int, int]]:
    return list(
        Source.objects.order_by("pk").values_list("claims_cited", "origin_cited", "relay_cited", "verified_cited")
    )


def recounted() -> dict[str, int]:
    before = kept_all()
    source_citations_recount()
    assert kept_all() == before
    return kept()


def test_storing_an_analysis_counts_each_citing_claim_once_and_again_moves_nothing(article) -> None:
    counts = kept()
    assert counts["TASS"] == counts["CNN"] == counts["Defence Ministry"] == 1
    analysis_store(article_id=article.pk, report=small_report())
    assert kept() == counts == recounted()


def test_a_claim_the_new_reading_drops_no_longer_counts(article) -> None:
    report = small_report()
    dropped = dataclasses.replace(report, claims=tuple(c for c in report.claims if "drones" not in c.text))
    analysis_store(article_id=article.pk, report=dropped)
    counts = kept()
    assert counts["TASS"] == 0 and counts["CNN"] == 0
    assert counts == recounted()


def test_a_second_article_adds_to_the_shared_registry_source(article) -> None:
    other = ArticleFactory(text=TEXT + " Another day.", publisher="Example Times")
    analysis_store(article_id=other.pk, report=small_report(TEXT + " Another day."))
    assert kept()["TASS"] == 2
    assert kept() == recounted()


def test_corrections_move_the_counts(article, editor) -> None:
    drones = Claim.objects.get(article=article, text="three drones were intercepted")
    interfax = source_resolve(name="Interfax", type=SourceType.NEWS_AGENCY)
    hop_add(claim=drones, by=editor, source=SourcePick(source=interfax))
    assert kept()["Interfax"] == 1
    hop_source_change(claim=drones, by=editor, position=1, source=SourcePick(name="Reuters", type="news_agency"))
    hop_remove(claim=drones, by=editor, position=0)
    counts = kept()
    assert counts["Reuters"] == 1 and counts["Defence Ministry"] == 0 and counts["TASS"] == 0
    assert counts == recounted()
    claim_not_a_claim(claim=drones, by=editor, note="A headline, not a claim.")
    assert kept()["Reuters"] == 0 and kept() == recounted()


def test_moving_a_hop_moves_the_origin_and_relay_counts(article, editor) -> None:
    drones = Claim.objects.get(article=article, text="three drones were intercepted")
    hop_move(claim=drones, by=editor, position=1, to=0)  # TASS before the ministry: TASS the origin
    origin, relay = {}, {}
    for name, as_origin, as_relay in Source.objects.values_list("name", "origin_cited", "relay_cited"):
        origin[name], relay[name] = as_origin, as_relay
    assert (origin["TASS"], relay["TASS"]) == (1, 0)
    assert (origin["Defence Ministry"], relay["Defence Ministry"]) == (0, 1)
    assert kept() == recounted()


def test_a_merge_and_its_split_move_the_counts(article, staff) -> None:
    tass = Source.objects.get(name="TASS")
    twin = source_resolve(name="Tass news agency", type=SourceType.NEWS_AGENCY)
    other = ArticleFactory(text=TEXT + " Later.", publisher="Example Times")
    report = small_report(TEXT + " Later.")
    report = dataclasses.replace(
        report,
        sources=tuple(
            dataclasses.replace(s, name="Tass news agency", aliases=()) if s.name == "TASS" else s
            for s in report.sources
        ),
    )
    analysis_store(article_id=other.pk, report=report)
    assert (Source.objects.get(pk=tass.pk).claims_cited, Source.objects.get(pk=twin.pk).claims_cited) == (1, 1)
    merge = source_merge(
        into=tass, other=twin, by=staff, fingerprint=source_merge_preview(into=tass, other=twin).fingerprint
    )
    assert Source.objects.get(pk=tass.pk).claims_cited == 2
    listed = {s.name: s.claims_total for s in sources_search()}
    assert listed["TASS"] == 2 and "Tass news agency" not in listed
    source_merge_undo(merge=merge, by=staff)
    assert (Source.objects.get(pk=tass.pk).claims_cited, Source.objects.get(pk=twin.pk).claims_cited) == (1, 1)
    assert kept() == recounted()


def test_a_verdict_moves_the_verified_count_of_each_source_of_the_chain(article, factchecker) -> None:
    drones = Claim.objects.get(article=article, text="three drones were intercepted")
    claim_verdict(claim=drones, by=factchecker, status=ReviewStatus.VERIFIED, evidence_url="https://example.org/a")
    verified = dict(Source.objects.values_list("name", "verified_cited"))
    assert verified["TASS"] == verified["CNN"] == verified["Defence Ministry"] == 1 and verified["the mayor"] == 0
    claim_verdict(claim=drones, by=factchecker, status=ReviewStatus.DISPUTED, evidence_url="https://example.org/b")
    assert Source.objects.get(name="TASS").verified_cited == 0
    recounted()
