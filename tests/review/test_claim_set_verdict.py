"""Every status transition, allowed and refused, through the service and the view."""

import pytest
from django.urls import reverse

from newsverify.review.models import Flag, ReviewAction, ReviewEvent, ReviewStatus
from newsverify.review.services import (
    TRANSITIONS,
    VERDICT_STATUSES,
    OpenHopsUnconfirmed,
    ReviewRefused,
    claim_flag,
    claim_set_verdict,
    hop_confirm,
)

EVIDENCE = "https://example.org/ministry-statement"
S = ReviewStatus


def set_status(claim, user, status):  # type: ignore[no-untyped-def]
    """Bring an unreviewed ``claim`` to ``status``: every status is one step from unreviewed."""
    if status == S.UNREVIEWED:
        return
    claim_set_verdict(claim=claim, by=user, verdict=status, evidence_url=EVIDENCE)


ALLOWED = [(before, after) for before, afters in TRANSITIONS.items() for after in sorted(afters)]
REFUSED = [(before, after) for before in S.values for after in S.values if after not in TRANSITIONS[before]]


def test_the_table_covers_every_status_and_never_leaves_a_verdict_for_unreviewed():
    assert set(TRANSITIONS) == set(S.values)
    for verdict in VERDICT_STATUSES:
        assert S.UNREVIEWED not in TRANSITIONS[verdict]
        assert S.NEEDS_PRIMARY_SOURCE in TRANSITIONS[verdict]
    assert TRANSITIONS[S.UNREVIEWED] == {S.NEEDS_PRIMARY_SOURCE, *VERDICT_STATUSES}
    assert S.UNREVIEWED in TRANSITIONS[S.NEEDS_PRIMARY_SOURCE]


@pytest.mark.parametrize(("before", "after"), ALLOWED)
def test_each_allowed_transition_moves_the_status_and_is_recorded(drones, factchecker, before, after):
    set_status(drones, factchecker, before)
    event = claim_set_verdict(claim=drones, by=factchecker, verdict=after, evidence_url=EVIDENCE, note="why")
    drones.refresh_from_db()
    assert drones.review_status == after
    assert (event.status_before, event.status_after, event.actor) == (before, after, factchecker)
    assert event.action == (ReviewAction.VERDICT if after in VERDICT_STATUSES else ReviewAction.STATUS)


@pytest.mark.parametrize(("before", "after"), REFUSED)
def test_each_refused_transition_changes_nothing(drones, factchecker, before, after):
    set_status(drones, factchecker, before)
    events = ReviewEvent.objects.count()
    with pytest.raises(ReviewRefused):
        claim_set_verdict(claim=drones, by=factchecker, verdict=after, evidence_url=EVIDENCE)
    drones.refresh_from_db()
    assert drones.review_status == before
    assert ReviewEvent.objects.count() == events


def test_a_verdict_needs_evidence_but_needs_primary_source_does_not(drones, factchecker):
    with pytest.raises(ReviewRefused, match="evidence URL"):
        claim_set_verdict(claim=drones, by=factchecker, verdict=S.FALSE, evidence_url="")
    event = claim_set_verdict(claim=drones, by=factchecker, verdict=S.NEEDS_PRIMARY_SOURCE, note="Find the ministry")
    assert (event.action, event.evidence_url) == (ReviewAction.STATUS, "")


def test_a_door_that_asks_refuses_a_verdict_on_open_hops_until_it_is_confirmed(drones, factchecker):
    """The confirm step is the service's rule, so the panel and the API refuse alike."""
    hops = list(drones.hops.order_by("position"))
    hop_confirm(hop=hops[0], by=factchecker, evidence_url=EVIDENCE)
    with pytest.raises(OpenHopsUnconfirmed) as refused:
        claim_set_verdict(
            claim=drones, by=factchecker, verdict=S.VERIFIED, evidence_url=EVIDENCE, open_hops_confirmed=False
        )
    assert refused.value.open_hops == len(hops) - 1
    assert str(refused.value).startswith(f"{len(hops) - 1} hops of this chain are still open.")
    assert not ReviewEvent.objects.filter(action=ReviewAction.VERDICT).exists()
    for hop in hops[1:]:
        hop_confirm(hop=hop, by=factchecker, evidence_url=EVIDENCE)
    claim_set_verdict(
        claim=drones, by=factchecker, verdict=S.VERIFIED, evidence_url=EVIDENCE, open_hops_confirmed=False
    )
    drones.refresh_from_db()
    assert drones.review_status == S.VERIFIED


def test_an_unknown_status_is_refused(drones, factchecker):
    with pytest.raises(ReviewRefused):
        claim_set_verdict(claim=drones, by=factchecker, verdict="maybe", evidence_url=EVIDENCE)


def test_a_claim_with_confirmed_hops_cannot_go_back_to_unreviewed(drones, factchecker):
    hop_confirm(hop=drones.hops.get(position=1), by=factchecker, evidence_url=EVIDENCE)
    drones.refresh_from_db()
    assert drones.review_status == S.NEEDS_PRIMARY_SOURCE
    with pytest.raises(ReviewRefused, match="Reopen them first"):
        claim_set_verdict(claim=drones, by=factchecker, verdict=S.UNREVIEWED)


def test_false_and_misattributed_close_open_flags_like_any_verdict(drones, editor, factchecker):
    claim_flag(claim=drones, by=editor, note="Who said this?")
    claim_set_verdict(claim=drones, by=factchecker, verdict=S.MISATTRIBUTED, evidence_url=EVIDENCE)
    assert Flag.objects.get().resolved_by == factchecker


def test_the_view_offers_only_allowed_transitions_and_explains_a_refusal(factchecker_client, drones, factchecker):
    url = reverse("claim_verdict", args=[drones.article_id, drones.pk])
    body = factchecker_client.get(drones.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert 'value="needs_primary_source"' in body and 'value="false"' in body and 'value="unreviewed"' not in body
    response = factchecker_client.post(url, {"status": "unreviewed"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    assert "cannot become unreviewed" in response.content.decode()
    response = factchecker_client.post(
        url, {"status": "false", "evidence_url": EVIDENCE, "confirm_open_hops": "on"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "Unreviewed → False" in response.content.decode()
