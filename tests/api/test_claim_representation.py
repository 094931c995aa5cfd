"""ClaimSerializer writes a claim by hand (for speed): exactly what its declared DRF fields write."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from newsverify.api.selectors import claims_counted, claims_for_api, claims_for_api_queue
from newsverify.api.serializers import ClaimSerializer
from newsverify.articles.synthetic import archive_generate
from newsverify.review.models import Claim, Discrepancy, DiscrepancyClaim, HopReview


def _varied_claims() -> list[int]:
    """Claims with every part a claim can have: confirmations, a correction and a suggestion, a
    discrepancy, a retired one, an assignee, flags and comments (the synthetic archive's)."""
    archive_generate(articles=8, mean_claims=6, seed=11, batch=8)
    user = get_user_model().objects.get(username="archive-checker-1")
    with_hops = list(Claim.objects.current().filter(hops__isnull=False).distinct().order_by("pk")[:3])
    for claim in with_hops:
        hop = claim.hops.order_by("position").first()
        HopReview.objects.create(
            claim=claim,
            position=hop.position,
            hop=hop,
            source=hop.source,
            confirmed_by=user,
            evidence_url="https://example.org/a?b=1&c=2",
            note="Checked <b>by phone</b>",
        )
    corrected = with_hops[0]
    corrected.corrected_at = timezone.now()
    corrected.corrected_by = user
    corrected.engine_suggestion = {"engine_version": "x", "absent": True}
    corrected.save()
    discrepancy = Discrepancy.objects.create(article=corrected.article, engine_key="d1", about="people injured")
    DiscrepancyClaim.objects.create(discrepancy=discrepancy, claim=corrected, position=0, value="12")
    retired = Claim.objects.current().exclude(pk__in=[c.pk for c in with_hops]).order_by("pk").first()
    retired.retired_at = timezone.now() - datetime.timedelta(days=1)
    retired.superseded_by = corrected
    retired.save()
    return [claim.pk for claim in with_hops] + [retired.pk]


def test_the_hand_written_claim_is_the_fields_claim(db) -> None:
    special = _varied_claims()
    user = get_user_model().objects.get(username="archive-checker-1")
    listed = claims_counted(claims_for_api_queue(filters={}, user=user)[:200])
    one_by_one = [claims_for_api().get(pk=pk) for pk in special]
    serializer = ClaimSerializer()
    compared = 0
    for claim in [*listed, *one_by_one]:
        assert serializer.to_representation(claim) == serializer.fields_representation(claim)
        compared += 1
    written = [serializer.to_representation(claim) for claim in one_by_one]
    # The comparison covered what it is meant to cover.
    assert compared > 40
    assert any(hop["confirmation"] for claim in written for hop in claim["chain"])
    assert written[0]["corrected_by"] and written[0]["discrepancies"] and written[0]["engine_suggestion"]
    assert written[-1]["retired_at"] and written[-1]["superseded_by"] == special[0]
    assert any(claim.assignee_id for claim in listed) and any(claim.flags_total for claim in listed)


def test_the_queue_list_writes_each_claim_as_it_is_written_alone(db) -> None:
    # The list loads chains, confirmations and disagreements as lists; one claim, through its managers.
    current = _varied_claims()[:3]
    user = get_user_model().objects.get(username="archive-checker-1")
    listed = {claim.pk: claim for claim in claims_counted(claims_for_api_queue(filters={}, user=user)[:200])}
    serializer = ClaimSerializer()
    written = []
    for pk in current:
        alone = claims_counted([claims_for_api().get(pk=pk)])[0]
        written.append(serializer.to_representation(listed[pk]))
        assert written[-1] == serializer.to_representation(alone)
    assert all(any(hop["confirmation"] for hop in claim["chain"]) for claim in written)
    assert any(claim["discrepancies"] for claim in written)
