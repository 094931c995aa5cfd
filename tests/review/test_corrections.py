"""The correction services (review/corrections.py): each correction, its audit record, its refusals."""

from __future__ import annotations

import pytest

from newsverify.articles.models import ArticleStatus
from newsverify.review import corrections
from newsverify.review.corrections import HopPlan, SourcePick
from newsverify.review.models import (
    Claim,
    ClaimKind,
    Evidence,
    HopReview,
    ReviewAction,
    ReviewEvent,
    ReviewStatus,
)
from newsverify.review.selectors import claims_for_article, claims_for_review, queue_counts
from newsverify.review.services import ReviewRefused, claim_set_verdict, hop_confirm
from newsverify.sources.models import Source, SourceType
from tests.factories import SourceFactory

EVIDENCE = "https://example.org/evidence"


def chain(claim: Claim) -> list[str]:
    return [hop.source.name for hop in claim.hops.order_by("position")]


def positions(claim: Claim) -> list[int]:
    return list(claim.hops.order_by("position").values_list("position", flat=True))


def last_event(claim: Claim) -> ReviewEvent:
    return ReviewEvent.objects.filter(claim=claim).order_by("-id").first()


@pytest.fixture
def interfax(db) -> Source:  # type: ignore[no-untyped-def]
    return SourceFactory(name="Interfax", type=SourceType.NEWS_AGENCY)


def test_changing_a_hops_source_records_before_and_after_and_marks_the_claim_corrected(drones, factchecker, interfax):
    hop = corrections.hop_source_change(claim=drones, by=factchecker, position=1, source=SourcePick(source=interfax))

    drones.refresh_from_db()
    assert chain(drones) == ["Defence Ministry", "Interfax", "CNN"]
    assert hop.evidence == Evidence.REVIEWER
    assert hop.mention_start is None and hop.article_source is None
    assert drones.corrected_by == factchecker and drones.corrected_at is not None
    event = last_event(drones)
    assert (event.action, event.subject, event.value_before, event.value_after, event.actor) == (
        ReviewAction.HOP_SOURCE,
        "hop 2",
        "TASS",
        "Interfax",
        factchecker,
    )


def test_a_new_source_named_by_the_reviewer_joins_the_registry(drones, editor):
    corrections.hop_source_change(
        claim=drones, by=editor, position=0, source=SourcePick(name="  Ministry of  Defence ", type="government_body")
    )
    origin = drones.hops.get(position=0).source
    assert (origin.name, origin.type) == ("Ministry of Defence", SourceType.GOVERNMENT_BODY)
    assert origin.aliases.filter(normalised="ministry of defence").exists()


def test_a_source_pick_is_one_source_or_one_new_name(interfax):
    with pytest.raises(ReviewRefused):
        SourcePick()
    with pytest.raises(ReviewRefused):
        SourcePick(source=interfax, name="Interfax")


def test_a_new_source_needs_a_type(drones, editor):
    with pytest.raises(ReviewRefused, match="needs a type"):
        corrections.hop_source_change(claim=drones, by=editor, position=0, source=SourcePick(name="X", type="alien"))


def test_the_same_source_again_is_refused(drones, editor):
    tass = drones.hops.get(position=1).source
    with pytest.raises(ReviewRefused, match="already TASS"):
        corrections.hop_source_change(claim=drones, by=editor, position=1, source=SourcePick(source=tass))


def test_changing_a_confirmed_hop_withdraws_its_confirmation_and_reopens_a_verified_claim(
    drones, factchecker, interfax
):
    hop_confirm(hop=drones.hops.get(position=1), by=factchecker, evidence_url=EVIDENCE)
    hop_confirm(hop=drones.hops.get(position=2), by=factchecker, evidence_url=EVIDENCE)
    claim_set_verdict(claim=drones, by=factchecker, verdict=ReviewStatus.VERIFIED, evidence_url=EVIDENCE)

    corrections.hop_source_change(claim=drones, by=factchecker, position=1, source=SourcePick(source=interfax))

    drones.refresh_from_db()
    assert list(HopReview.objects.filter(claim=drones).values_list("position", flat=True)) == [2]
    withdrawn = ReviewEvent.objects.get(claim=drones, action=ReviewAction.HOP_WITHDRAWN)
    assert (withdrawn.subject, withdrawn.value_before, withdrawn.value_after) == ("hop 2: TASS", "confirmed", "open")
    assert drones.review_status == ReviewStatus.NEEDS_PRIMARY_SOURCE


def test_adding_a_missed_relay_shifts_the_later_hops_with_their_confirmations(drones, factchecker, interfax):
    hop_confirm(hop=drones.hops.get(position=2), by=factchecker, evidence_url=EVIDENCE)

    new = corrections.hop_add(
        claim=drones, by=factchecker, position=2, source=SourcePick(source=interfax), medium="wire"
    )

    drones.refresh_from_db()
    assert chain(drones) == ["Defence Ministry", "TASS", "Interfax", "CNN"]
    assert positions(drones) == [0, 1, 2, 3]
    assert (new.position, new.medium, new.evidence) == (2, "wire", Evidence.REVIEWER)
    assert drones.depth == 4
    review = HopReview.objects.get(claim=drones)
    assert (review.position, review.source.name) == (3, "CNN")
    event = last_event(drones)
    assert event.action == ReviewAction.HOP_ADDED
    assert event.subject == "hop 3: Interfax via wire"
    assert (event.value_before, event.value_after) == (
        "Defence Ministry → TASS → CNN",
        "Defence Ministry → TASS → Interfax → CNN",
    )


def test_a_hop_added_without_a_position_goes_last_and_one_at_zero_is_the_new_origin(drones, editor, interfax):
    corrections.hop_add(claim=drones, by=editor, source=SourcePick(source=interfax))
    corrections.hop_add(claim=drones, by=editor, position=0, source=SourcePick(name="Oleg Dant", type="person"))
    assert chain(drones) == ["Oleg Dant", "Defence Ministry", "TASS", "CNN", "Interfax"]
    assert positions(drones) == [0, 1, 2, 3, 4]


def test_a_hop_is_added_only_within_the_chain(drones, editor, interfax):
    with pytest.raises(ReviewRefused, match="between 1 and 4"):
        corrections.hop_add(claim=drones, by=editor, position=4, source=SourcePick(source=interfax))
    assert chain(drones) == ["Defence Ministry", "TASS", "CNN"]


def test_removing_a_hop_closes_the_gap_and_withdraws_only_its_confirmation(drones, factchecker):
    hop_confirm(hop=drones.hops.get(position=0), by=factchecker, evidence_url=EVIDENCE)
    hop_confirm(hop=drones.hops.get(position=1), by=factchecker, evidence_url=EVIDENCE)
    hop_confirm(hop=drones.hops.get(position=2), by=factchecker, evidence_url=EVIDENCE)

    corrections.hop_remove(claim=drones, by=factchecker, position=1, note="TASS never ran it")

    drones.refresh_from_db()
    assert chain(drones) == ["Defence Ministry", "CNN"]
    assert positions(drones) == [0, 1]
    assert drones.depth == 2
    reviews = dict(HopReview.objects.filter(claim=drones).values_list("position", "source__name"))
    assert reviews == {0: "Defence Ministry", 1: "CNN"}
    assert ReviewEvent.objects.filter(claim=drones, action=ReviewAction.HOP_WITHDRAWN).count() == 1
    event = last_event(drones)
    assert (event.action, event.subject, event.note) == (ReviewAction.HOP_REMOVED, "hop 2: TASS", "TASS never ran it")


def test_removing_a_hop_that_is_not_there_is_refused(drones, editor):
    with pytest.raises(ReviewRefused, match="no hop 4"):
        corrections.hop_remove(claim=drones, by=editor, position=3)


def test_moving_a_hop_reorders_the_chain_and_withdraws_the_confirmations_it_passes(drones, factchecker):
    for position in (0, 1, 2):
        hop_confirm(hop=drones.hops.get(position=position), by=factchecker, evidence_url=EVIDENCE)

    corrections.hop_move(claim=drones, by=factchecker, position=1, to=0)

    assert chain(drones) == ["TASS", "Defence Ministry", "CNN"]
    reviews = dict(HopReview.objects.filter(claim=drones).values_list("position", "source__name"))
    assert reviews == {2: "CNN"}
    event = last_event(drones)
    assert (event.action, event.subject) == (ReviewAction.HOP_MOVED, "TASS: hop 2 → 1")
    with pytest.raises(ReviewRefused, match="between 1 and 3"):
        corrections.hop_move(claim=drones, by=factchecker, position=0, to=3)


def test_setting_a_hops_medium(drones, editor):
    corrections.hop_medium_set(claim=drones, by=editor, position=0, medium=" Telegram  post ")
    assert drones.hops.get(position=0).medium == "Telegram post"
    event = last_event(drones)
    assert (event.action, event.value_before, event.value_after) == (ReviewAction.HOP_MEDIUM, "none", "Telegram post")
    with pytest.raises(ReviewRefused, match="already has this medium"):
        corrections.hop_medium_set(claim=drones, by=editor, position=0, medium="Telegram post")


def test_changing_the_span_takes_the_words_from_the_article_trimmed(article, drones, editor):
    start = article.text.index("three drones")
    end = article.text.index(", CNN")
    with pytest.raises(ReviewRefused, match="already has this span"):
        corrections.claim_span_change(claim=drones, by=editor, start=start - 1, end=end)

    corrections.claim_span_change(claim=drones, by=editor, start=0, end=end)
    drones.refresh_from_db()
    assert drones.text == "According to the Defence Ministry, three drones were intercepted"
    event = last_event(drones)
    assert (event.action, event.value_before, event.value_after) == (
        ReviewAction.SPAN_CHANGED,
        "three drones were intercepted",
        drones.text,
    )
    corrections.claim_span_change(claim=drones, by=editor, start=start - 1, end=end)
    drones.refresh_from_db()
    assert (drones.span_start, drones.span_end, drones.text) == (start, end, "three drones were intercepted")


def test_a_span_outside_the_text_empty_or_on_another_claim_is_refused(article, drones, editor):
    mayor = article.claims.get(text="4 people were hurt")
    for start, end in ((0, len(article.text) + 1), (5, 5), (34, 35)):
        with pytest.raises(ReviewRefused):
            corrections.claim_span_change(claim=drones, by=editor, start=start, end=end)
    with pytest.raises(ReviewRefused, match="already another claim"):
        corrections.claim_span_change(claim=drones, by=editor, start=mayor.span_start, end=mayor.span_end)


def test_a_span_is_found_from_the_quoted_words():
    text = "Rain fell. The mayor said rain fell."
    assert corrections.span_of_quote(text, "The mayor") == (11, 20)
    with pytest.raises(ReviewRefused, match="more than once"):
        corrections.span_of_quote(text, "ain fell")
    with pytest.raises(ReviewRefused, match="not in the article"):
        corrections.span_of_quote(text, "snow")


def test_changing_the_kind(drones, editor):
    corrections.claim_kind_change(claim=drones, by=editor, kind=ClaimKind.INDIRECT)
    drones.refresh_from_db()
    assert drones.kind == ClaimKind.INDIRECT
    event = last_event(drones)
    assert (event.value_before, event.value_after) == ("According to", "Reported speech")
    with pytest.raises(ReviewRefused):
        corrections.claim_kind_change(claim=drones, by=editor, kind="rumour")


def test_not_a_claim_is_kept_with_its_history_but_left_out_of_the_article_and_the_queue(article, editor):
    rain = article.claims.get(text="It rained all day.")
    before = queue_counts()[ReviewStatus.UNREVIEWED]
    with pytest.raises(ReviewRefused, match="Say why"):
        corrections.claim_not_a_claim(claim=rain, by=editor)

    corrections.claim_not_a_claim(claim=rain, by=editor, note="Weather report, not a claim")

    rain.refresh_from_db()
    assert rain.not_a_claim and rain.corrected_by == editor
    assert rain not in claims_for_article(article)
    assert rain not in claims_for_review(filters={}, user=editor)
    assert queue_counts()[ReviewStatus.UNREVIEWED] == before - 1
    assert last_event(rain).action == ReviewAction.NOT_A_CLAIM

    corrections.claim_not_a_claim(claim=rain, by=editor, not_a_claim=False)
    assert rain in claims_for_article(article)
    assert last_event(rain).action == ReviewAction.CLAIM_RESTORED


def test_correcting_several_things_at_once_is_all_or_nothing(drones, editor):
    with pytest.raises(ReviewRefused):
        corrections.claim_correct(claim=drones, by=editor, kind=ClaimKind.DIRECT, span=(0, 0))
    drones.refresh_from_db()
    assert drones.kind == ClaimKind.ACCORDING_TO and drones.corrected_at is None
    with pytest.raises(ReviewRefused, match="Say what to correct"):
        corrections.claim_correct(claim=drones, by=editor)


def test_adding_a_claim_the_engine_missed_with_its_chain(article, factchecker, interfax):
    start = article.text.index("Rescuers said")
    end = start + len("Rescuers said 14 people were hurt")
    claim = corrections.claim_add(
        article=article,
        by=factchecker,
        start=start,
        end=end,
        kind=ClaimKind.INDIRECT,
        chain=[HopPlan(SourcePick(name="Valmor rescue service", type="organization")), HopPlan(SourcePick(interfax))],
    )
    assert claim.text == "Rescuers said 14 people were hurt"
    assert claim.depth == 2 and claim.corrected_by == factchecker
    assert chain(claim) == ["Valmor rescue service", "Interfax"]
    assert claim.engine_key.startswith("r-")
    assert claim in claims_for_article(article)
    event = last_event(claim)
    assert (event.action, event.value_after) == (ReviewAction.CLAIM_ADDED, "Valmor rescue service → Interfax")


def test_a_new_claim_is_refused_on_a_taken_span_without_a_source_or_while_analysing(article, drones, editor, interfax):
    origin = [HopPlan(SourcePick(interfax))]
    with pytest.raises(ReviewRefused, match="already a claim"):
        corrections.claim_add(
            article=article, by=editor, start=drones.span_start, end=drones.span_end, kind="indirect", chain=origin
        )
    with pytest.raises(ReviewRefused, match="Name the claim's source"):
        corrections.claim_add(article=article, by=editor, start=0, end=12, kind="indirect")
    with pytest.raises(ReviewRefused, match="Own reporting has no chain"):
        corrections.claim_add(article=article, by=editor, start=0, end=12, kind="unattributed", chain=origin)
    article.status = ArticleStatus.ANALYSING
    article.save()
    with pytest.raises(ReviewRefused, match="being analysed"):
        corrections.claim_add(article=article, by=editor, start=0, end=12, kind="indirect", chain=origin)
    assert not Claim.objects.filter(engine_key__startswith="r-").exists()


def test_a_corrected_claim_survives_re_analysis(article, drones, factchecker, interfax):
    from newsverify.articles.services import analysis_store
    from tests.reports import small_report

    corrections.hop_add(claim=drones, by=factchecker, position=2, source=SourcePick(source=interfax))
    added = corrections.claim_add(
        article=article,
        by=factchecker,
        start=article.text.index("It rained"),
        end=article.text.index("It rained") + len("It rained"),
        kind=ClaimKind.UNATTRIBUTED,
    )

    analysis_store(article_id=article.pk, report=small_report())

    drones.refresh_from_db()
    assert chain(drones) == ["Defence Ministry", "TASS", "Interfax", "CNN"]
    assert drones.corrected_by == factchecker
    assert Claim.objects.filter(pk=added.pk).exists()
