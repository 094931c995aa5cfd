"""Merging two registry rows that are one real-world source."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from newsverify.review.models import Attribution, Hop, HopReview, ReviewAction, ReviewEvent
from newsverify.review.services import hop_confirm
from newsverify.review.source_merge import MergeRefused, source_merge
from newsverify.review.source_selectors import sources_search
from newsverify.sources.models import ArticleSource, Source, SourceAlias, SourceType
from newsverify.sources.services import source_resolve
from tests.factories import ClaimFactory, HopFactory


@pytest.fixture
def twins(article):  # type: ignore[no-untyped-def]
    """'TASS' from the article, and 'Tass news agency' registered separately with its own claim."""
    tass = Source.objects.get(name="TASS")
    twin = source_resolve(name="Tass news agency", type=SourceType.NEWS_AGENCY, aliases=["ITAR-TASS"])
    claim = ClaimFactory(article=article, engine_key="extra", depth=1)
    HopFactory(claim=claim, position=0, source=twin)
    return tass, twin


def test_hops_aliases_and_mentions_move_and_the_other_row_goes(twins, staff, article):
    tass, twin = twins
    hops_before = Hop.objects.filter(source__in=[tass, twin]).count()
    mentions_before = ArticleSource.objects.filter(source__in=[tass, twin]).count()
    event = source_merge(into=tass, other=twin, by=staff)
    assert not Source.objects.filter(pk=twin.pk).exists()
    assert Hop.objects.filter(source=tass).count() == hops_before
    assert ArticleSource.objects.filter(source=tass).count() == mentions_before
    assert set(SourceAlias.objects.filter(source=tass).values_list("name", flat=True)) == {
        "TASS",
        "Tass news agency",
        "ITAR-TASS",
    }
    assert (event.action, event.source, event.actor) == (ReviewAction.SOURCE_MERGED, tass, staff)
    assert event.value_before.startswith("Tass news agency (#") and event.value_after == f"TASS (#{tass.pk})"
    assert "Moved 1 hop" in event.note


def test_counts_stay_right_after_a_merge(twins, staff):
    tass, twin = twins
    before = {s.pk: (s.claims_total, s.origin_total, s.relay_total) for s in sources_search()}
    source_merge(into=tass, other=twin, by=staff)
    after = {s.pk: (s.claims_total, s.origin_total, s.relay_total) for s in sources_search()}
    expected = tuple(a + b for a, b in zip(before[tass.pk], before[twin.pk], strict=True))
    assert after[tass.pk] == expected == (2, 1, 1)


def test_a_new_article_naming_the_twin_resolves_to_the_merged_source(twins, staff):
    tass, twin = twins
    source_merge(into=tass, other=twin, by=staff)
    assert source_resolve(name="ITAR-TASS", type=SourceType.NEWS_AGENCY) == tass
    assert source_resolve(name="Tass News Agency", type=SourceType.NEWS_AGENCY) == tass


def test_attributions_and_hop_confirmations_move_too(twins, staff, factchecker):
    tass, twin = twins
    hop = Hop.objects.get(source=twin)
    hop_confirm(hop=hop, by=factchecker, evidence_url="https://tass.example/1")
    Attribution.objects.filter(source=tass).update(source=twin)
    source_merge(into=tass, other=twin, by=staff)
    assert HopReview.objects.get().source == tass
    assert not Attribution.objects.filter(source_id=twin.pk).exists()


def test_only_staff_can_merge_and_never_a_source_into_itself(twins, factchecker, staff):
    tass, twin = twins
    with pytest.raises(PermissionDenied):
        source_merge(into=tass, other=twin, by=factchecker)
    with pytest.raises(MergeRefused):
        source_merge(into=tass, other=tass, by=staff)
    assert Source.objects.filter(pk=twin.pk).exists()
    assert not ReviewEvent.objects.filter(action=ReviewAction.SOURCE_MERGED).exists()


def test_the_page_merges_for_staff_and_says_what_moved(staff_client, twins):
    tass, twin = twins
    response = staff_client.post(reverse("source_merge", args=[tass.pk]), {"other": twin.pk}, follow=True)
    body = response.content.decode()
    assert response.redirect_chain == [(tass.get_absolute_url(), 302)]
    assert "Merged Tass news agency" in body and "Moved 1 hop" in body
    audit = staff_client.get(reverse("audit_log")).content.decode()
    assert "Merged sources" in audit and f'href="{tass.get_absolute_url()}"' in audit


def test_a_factchecker_or_editor_gets_403(factchecker_client, twins):
    tass, twin = twins
    assert factchecker_client.post(reverse("source_merge", args=[tass.pk]), {"other": twin.pk}).status_code == 403
    assert Source.objects.filter(pk=twin.pk).exists()


def test_an_unknown_or_same_source_is_explained(staff_client, twins):
    tass, _ = twins
    response = staff_client.post(reverse("source_merge", args=[tass.pk]), {"other": 999999})
    assert response.status_code == 422 and "There is no source #999999." in response.content.decode()
    response = staff_client.post(reverse("source_merge", args=[tass.pk]), {"other": tass.pk})
    assert response.status_code == 422 and "cannot be merged into itself" in response.content.decode()


def test_the_admin_action_merges_into_the_oldest(admin_client, twins):
    tass, twin = twins
    response = admin_client.post(
        reverse("admin:sources_source_changelist"),
        {"action": "merge_sources", "_selected_action": [tass.pk, twin.pk]},
    )
    assert response.status_code == 302
    assert list(Source.objects.filter(pk__in=[tass.pk, twin.pk])) == [tass]


def test_it_rejects_get(staff_client, twins):
    assert staff_client.get(reverse("source_merge", args=[twins[0].pk])).status_code == 405
