"""claim_for_panel: the claim and its parts as prefetch_related leaves them, by queries compiled once."""

from __future__ import annotations

import pytest
from django.db.models import Prefetch

from newsverify.review.models import Claim, Comment, DiscrepancyClaim, Flag, ReviewEvent
from newsverify.review.selectors import claim_for_panel, hop_reviews_in_order, hops_in_order
from newsverify.review.services import claim_comment, claim_flag, hop_confirm

pytestmark = pytest.mark.django_db
# Each part, and the rows it reads with it.
RELATED = {
    "hops": ("source", "article_source"),
    "flags": ("created_by", "resolved_by"),
    "events": ("actor",),
    "hop_reviews": ("confirmed_by",),
    "comments": ("author",),
    "discrepancy_memberships": ("discrepancy",),
}
PARTS = tuple(RELATED)


def _orm(claim: Claim) -> Claim:
    """What the panel read before: the ORM's own select_related and prefetch_related."""
    return (
        Claim.objects.select_related("article__submitted_by", "superseded_by", "assignee", "corrected_by")
        .prefetch_related(
            Prefetch("hops", queryset=hops_in_order("source", "article_source")),
            Prefetch("flags", queryset=Flag.objects.select_related("created_by", "resolved_by")),
            Prefetch("events", queryset=ReviewEvent.objects.select_related("actor")),
            Prefetch("hop_reviews", queryset=hop_reviews_in_order("confirmed_by")),
            Prefetch("comments", queryset=Comment.objects.select_related("author")),
            Prefetch(
                "discrepancy_memberships",
                queryset=DiscrepancyClaim.objects.select_related("discrepancy").prefetch_related(
                    Prefetch("discrepancy__members", queryset=DiscrepancyClaim.objects.select_related("claim"))
                ),
            ),
        )
        .get(pk=claim.pk)
    )


def _columns(row):  # type: ignore[no-untyped-def]
    if row is None:
        return None
    return {field.attname: getattr(row, field.attname) for field in type(row)._meta.concrete_fields}


def _same(ours, theirs) -> None:  # type: ignore[no-untyped-def]
    assert _columns(ours) == _columns(theirs)
    for related in ("article", "superseded_by", "assignee", "corrected_by"):
        mine, other = getattr(ours, related), getattr(theirs, related)
        assert _columns(mine) == _columns(other), related
    assert _columns(ours.article.submitted_by) == _columns(theirs.article.submitted_by)
    for part in PARTS:
        mine, other = list(getattr(ours, part).all()), list(getattr(theirs, part).all())
        assert [_columns(row) for row in mine] == [_columns(row) for row in other], part
        assert all(row.claim is ours for row in mine), part  # each row's claim is the panel's, not read again
        for name in RELATED[part]:
            assert [_columns(getattr(row, name)) for row in mine] == [_columns(getattr(row, name)) for row in other]


@pytest.fixture
def reviewed(drones, factchecker, editor):  # type: ignore[no-untyped-def]
    hop_confirm(hop=drones.hops.get(position=1), by=factchecker, evidence_url="https://tass.example/1")
    claim_flag(claim=drones, by=editor, note="unsure")
    claim_comment(claim=drones, by=factchecker, body="looking")
    claim_comment(claim=drones, by=editor, body="thanks")
    return drones


def test_the_panel_reads_what_the_orm_read(reviewed, article) -> None:
    for claim in [reviewed, *article.claims.all()]:
        ours = claim_for_panel(article=article, claim_id=claim.pk)
        _same(ours, _orm(claim))
    disagreeing = [claim for claim in article.claims.all() if claim.discrepancy_memberships.exists()]
    assert disagreeing, "the small report has numbers that disagree"
    ours = claim_for_panel(article_id=article.pk, claim_id=disagreeing[0].pk)
    members = [m.claim.text for d in ours.discrepancy_memberships.all() for m in d.discrepancy.members.all()]
    assert len(members) >= 2


def test_a_part_stays_the_claims_own_relation(reviewed, article) -> None:
    claim = claim_for_panel(article=article, claim_id=reviewed.pk)
    assert list(claim.hops.filter(position__gte=0)) == list(reviewed.hops.order_by("position"))
    assert claim.hops.count() == reviewed.hops.count() and claim.comments.filter(body="thanks").count() == 1


def test_a_claim_of_another_article_is_not_found(reviewed, article) -> None:
    with pytest.raises(Claim.DoesNotExist):
        claim_for_panel(article_id=article.pk + 1, claim_id=reviewed.pk)


def test_parts_a_claim_has_none_of_are_not_queried(drones, article, django_assert_num_queries) -> None:
    # The claim (with which parts it has), its hops; no flags, history, confirmations, comments.
    with django_assert_num_queries(2):
        claim = claim_for_panel(article=article, claim_id=drones.pk)
        assert not claim.flags.all() and not claim.comments.all() and claim.hops.all()
