"""Merging two registry rows that are one real-world source: preview, confirm, undo, redirect."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from newsverify.articles.services import analysis_store
from newsverify.review.models import Attribution, Hop, HopReview, ReviewAction, ReviewEvent
from newsverify.review.services import hop_confirm
from newsverify.review.source_citations import source_citations_recount
from newsverify.review.source_merge import MergeRefused, MergeStale, source_merge, source_merge_undo
from newsverify.review.source_selectors import source_merge_preview, sources_search
from newsverify.sources.models import ArticleSource, Source, SourceAlias, SourceMerge, SourceType
from newsverify.sources.services import source_resolve
from tests.factories import ArticleFactory, ClaimFactory, HopFactory, SourceFactory
from tests.reports import small_report


@pytest.fixture
def twins(article):  # type: ignore[no-untyped-def]
    """'TASS' from the article, and 'Tass news agency' registered separately with its own claim."""
    tass = Source.objects.get(name="TASS")
    twin = source_resolve(name="Tass news agency", type=SourceType.NEWS_AGENCY, aliases=["ITAR-TASS"])
    claim = ClaimFactory(article=article, engine_key="extra", depth=1)
    HopFactory(claim=claim, position=0, source=twin)
    source_citations_recount()  # a hop made by a factory, not by the store or a correction, is not counted
    return tass, twin


def merge(into, other, by):  # type: ignore[no-untyped-def]
    """Preview, then confirm with the preview's fingerprint, as the page does."""
    return source_merge(
        into=into, other=other, by=by, fingerprint=source_merge_preview(into=into, other=other).fingerprint
    )


def test_hops_aliases_and_mentions_move_and_the_other_row_is_kept_as_merged(twins, staff, article):
    tass, twin = twins
    hops_before = Hop.objects.filter(source__in=[tass, twin]).count()
    mentions_before = ArticleSource.objects.filter(source__in=[tass, twin]).count()
    record = merge(tass, twin, staff)
    twin.refresh_from_db()
    assert twin.merged_into == tass and twin.is_merged
    assert Hop.objects.filter(source=tass).count() == hops_before and not twin.hops.exists()
    assert ArticleSource.objects.filter(source=tass).count() == mentions_before
    assert set(SourceAlias.objects.filter(source=tass).values_list("name", flat=True)) == {
        "TASS",
        "Tass news agency",
        "ITAR-TASS",
    }
    assert (record.survivor, record.merged, record.merged_by) == (tass, twin, staff)
    assert record.hop_ids == [Hop.objects.get(claim__engine_key="extra").pk]
    assert len(record.alias_ids) == 2 and record.created_alias_id is None
    event = ReviewEvent.objects.get(action=ReviewAction.SOURCE_MERGED)
    assert (event.source, event.actor) == (tass, staff)
    assert event.value_before.startswith("Tass news agency (#") and event.value_after == f"TASS (#{tass.pk})"
    assert event.note == "Moved 1 hop, 0 article mentions and 2 aliases."


def test_the_preview_counts_what_will_move(twins, article):
    tass, twin = twins
    mention = ArticleSource.objects.create(
        article=article, source=twin, engine_key="s9", name="Tass news agency", type=SourceType.NEWS_AGENCY
    )
    preview = source_merge_preview(into=tass, other=twin)
    assert (preview.hops_total, preview.claims_total, preview.articles_total, preview.mentions_total) == (1, 1, 1, 1)
    assert preview.contents.mention_ids == (mention.pk,)
    assert set(preview.aliases) == {"Tass news agency", "ITAR-TASS"}
    assert [c.engine_key for c in preview.claims] == ["extra"]
    assert preview.articles == [(article.pk, article.title)]
    assert not preview.types_differ and re.fullmatch(r"[0-9a-f]{32}", preview.fingerprint)
    assert preview.fingerprint == source_merge_preview(into=tass, other=twin).fingerprint


def test_a_merge_that_changed_since_the_preview_is_refused(twins, staff, article):
    tass, twin = twins
    stale = source_merge_preview(into=tass, other=twin).fingerprint
    HopFactory(claim=ClaimFactory(article=article, engine_key="later"), position=0, source=twin)
    with pytest.raises(MergeStale, match="changed since the preview"):
        source_merge(into=tass, other=twin, by=staff, fingerprint=stale)
    assert not Source.objects.get(pk=twin.pk).is_merged and not SourceMerge.objects.exists()
    assert twin.hops.count() == 2


def test_counts_stay_right_after_a_merge_and_the_merged_row_leaves_the_list(twins, staff):
    tass, twin = twins
    before = {s.pk: (s.claims_total, s.origin_total, s.relay_total) for s in sources_search()}
    merge(tass, twin, staff)
    after = {s.pk: (s.claims_total, s.origin_total, s.relay_total) for s in sources_search()}
    expected = tuple(a + b for a, b in zip(before[tass.pk], before[twin.pk], strict=True))
    assert after[tass.pk] == expected == (2, 1, 1)
    assert twin.pk not in after


def test_a_new_article_naming_the_twin_resolves_to_the_merged_source(twins, staff):
    tass, twin = twins
    merge(tass, twin, staff)
    assert source_resolve(name="ITAR-TASS", type=SourceType.NEWS_AGENCY) == tass
    assert source_resolve(name="Tass News Agency", type=SourceType.NEWS_AGENCY) == tass


def test_attributions_and_hop_confirmations_move_too_and_back(twins, staff, factchecker):
    tass, twin = twins
    hop = Hop.objects.get(source=twin)
    hop_confirm(hop=hop, by=factchecker, evidence_url="https://tass.example/1")
    moving = Attribution.objects.filter(article=hop.claim.article).update(source=twin)
    assert moving
    record = merge(tass, twin, staff)
    assert HopReview.objects.get().source == tass
    assert not Attribution.objects.filter(source_id=twin.pk).exists()
    source_merge_undo(merge=record, by=staff)
    assert HopReview.objects.get().source == twin
    assert Attribution.objects.filter(source=twin).count() == moving


def test_only_staff_can_merge_and_never_a_source_into_itself(twins, factchecker, staff):
    tass, twin = twins
    fingerprint = source_merge_preview(into=tass, other=twin).fingerprint
    with pytest.raises(PermissionDenied):
        source_merge(into=tass, other=twin, by=factchecker, fingerprint=fingerprint)
    with pytest.raises(MergeRefused):
        merge(tass, tass, staff)
    assert not Source.objects.get(pk=twin.pk).is_merged
    assert not ReviewEvent.objects.filter(action=ReviewAction.SOURCE_MERGED).exists()


def test_anonymous_generic_and_merged_sources_are_refused(twins, staff, article):
    tass, twin = twins
    rescuers = Source.objects.get(name="Rescuers")
    state_media = SourceFactory(name="State media", type=SourceType.NEWS_OUTLET)
    with pytest.raises(MergeRefused, match="stays per article"):
        merge(tass, rescuers, staff)
    with pytest.raises(MergeRefused, match="stays per article"):
        merge(Source.objects.get(name="CNN"), state_media, staff)
    merge(tass, twin, staff)
    twin.refresh_from_db()
    with pytest.raises(MergeRefused, match="already merged into TASS"):
        merge(Source.objects.get(name="CNN"), twin, staff)


def test_undo_puts_back_exactly_what_moved_and_reactivates_the_source(twins, staff, article):
    tass, twin = twins
    tass.type = SourceType.OTHER
    tass.save()
    own_aliases = set(tass.aliases.values_list("pk", flat=True))
    twin_hops = set(twin.hops.values_list("pk", flat=True))
    twin_aliases = set(twin.aliases.values_list("pk", flat=True))
    record = merge(tass, twin, staff)
    assert Source.objects.get(pk=tass.pk).type == SourceType.NEWS_AGENCY
    source_merge_undo(merge=record, by=staff)
    tass.refresh_from_db()
    twin.refresh_from_db()
    assert not twin.is_merged and tass.type == SourceType.OTHER
    assert set(twin.hops.values_list("pk", flat=True)) == twin_hops
    assert set(twin.aliases.values_list("pk", flat=True)) == twin_aliases
    assert set(tass.aliases.values_list("pk", flat=True)) == own_aliases
    record.refresh_from_db()
    assert record.is_undone and record.undone_by == staff
    split = ReviewEvent.objects.get(action=ReviewAction.SOURCE_SPLIT)
    assert (split.source, split.actor) == (twin, staff)
    assert split.value_before == f"merged into TASS (#{tass.pk})" and "Moved back 1 hop" in split.note
    assert twin in sources_search()
    with pytest.raises(MergeRefused, match="already split back"):
        source_merge_undo(merge=record, by=staff)


def test_undo_removes_the_alias_the_merge_added_for_the_name(article, staff):
    tass = Source.objects.get(name="TASS")
    bare = SourceFactory(name="Tass Agency", type=SourceType.NEWS_AGENCY)
    record = merge(tass, bare, staff)
    assert tass.aliases.filter(pk=record.created_alias_id, name="Tass Agency").exists()
    source_merge_undo(merge=record, by=staff)
    assert not SourceAlias.objects.filter(name="Tass Agency").exists()


def test_undo_is_refused_when_an_article_was_reanalysed_since(twins, staff, article):
    tass, twin = twins
    ArticleSource.objects.create(
        article=article, source=twin, engine_key="s9", name="Tass news agency", type=SourceType.NEWS_AGENCY
    )
    record = merge(tass, twin, staff)
    analysis_store(article_id=article.pk, report=small_report())  # replaces the article's mentions
    with pytest.raises(MergeRefused, match=r"of what moved, .*1 of 1 article mentions no longer belong to TASS"):
        source_merge_undo(merge=record, by=staff)
    assert Source.objects.get(pk=twin.pk).is_merged


def test_undo_is_refused_when_a_later_article_came_in_by_a_moved_alias(twins, staff, db):
    tass, twin = twins
    record = merge(tass, twin, staff)
    later = ArticleFactory(text="x" * 40)
    ArticleSource.objects.create(
        article=later, source=source_resolve(name="ITAR-TASS", type=SourceType.NEWS_AGENCY), engine_key="s1",
        name="ITAR-TASS", type=SourceType.NEWS_AGENCY,
    )  # fmt: skip
    with pytest.raises(MergeRefused, match=rf"1 article \(#{later.pk}\) named it by one of its aliases"):
        source_merge_undo(merge=record, by=staff)


def test_undo_is_refused_when_the_survivor_was_merged_away_since(twins, staff):
    tass, twin = twins
    record = merge(tass, twin, staff)
    agency = SourceFactory(name="TASS Agency", type=SourceType.NEWS_AGENCY)
    merge(agency, tass, staff)
    with pytest.raises(MergeRefused, match="TASS has since been merged into TASS Agency"):
        source_merge_undo(merge=record, by=staff)


def test_only_staff_can_undo(twins, staff, factchecker):
    tass, twin = twins
    record = merge(tass, twin, staff)
    with pytest.raises(PermissionDenied):
        source_merge_undo(merge=record, by=factchecker)


# The pages


def test_the_merge_page_searches_names_and_aliases(staff_client, twins):
    tass, twin = twins
    url = reverse("source_merge", args=[tass.pk])
    body = staff_client.get(url, {"q": "itar"}).content.decode()
    assert "<html" in body and f'href="{url}?other={twin.pk}"' in body
    fragment = staff_client.get(url, {"q": "itar"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and 'id="picker-results"' in fragment and ">Tass news agency</a>" in fragment
    none = staff_client.get(url, {"q": "rescuers"}, HTTP_HX_REQUEST="true").content.decode()
    assert "No other source is named or aliased" in none, "anonymous sources are never offered"


def test_the_preview_shows_what_moves_and_the_confirm_merges(staff_client, twins):
    tass, twin = twins
    url = reverse("source_merge", args=[tass.pk])
    body = staff_client.get(url, {"other": twin.pk}).content.decode()
    assert "Merge Tass news agency into TASS?" in body
    assert "<dt>Hops</dt><dd>1</dd>" in body and "<dt>Aliases</dt><dd>2</dd>" in body
    fingerprint = re.search(r'name="fingerprint" value="([0-9a-f]+)"', body).group(1)
    assert not Source.objects.get(pk=twin.pk).is_merged, "a preview changes nothing"
    response = staff_client.post(url, {"other": twin.pk, "fingerprint": fingerprint}, follow=True)
    page = response.content.decode()
    assert response.redirect_chain == [(tass.get_absolute_url(), 302)]
    assert "Merged Tass news agency into TASS. Moved 1 hop, 0 article mentions and 2 aliases." in page
    assert "Split back" in page and Source.objects.get(pk=twin.pk).merged_into == tass
    audit = staff_client.get(reverse("audit_log")).content.decode()
    assert "Merged sources" in audit and f'href="{tass.get_absolute_url()}"' in audit


def test_a_stale_confirmation_is_refused_with_the_new_preview(staff_client, twins, article):
    tass, twin = twins
    url = reverse("source_merge", args=[tass.pk])
    fingerprint = source_merge_preview(into=tass, other=twin).fingerprint
    HopFactory(claim=ClaimFactory(article=article, engine_key="later"), position=0, source=twin)
    response = staff_client.post(url, {"other": twin.pk, "fingerprint": fingerprint})
    body = response.content.decode()
    assert response.status_code == 409 and "changed since the preview" in body
    assert "<dt>Hops</dt><dd>2</dd>" in body
    assert source_merge_preview(into=tass, other=twin).fingerprint in body
    assert not Source.objects.get(pk=twin.pk).is_merged


def test_a_confirmation_without_the_preview_is_refused(staff_client, twins):
    tass, twin = twins
    response = staff_client.post(reverse("source_merge", args=[tass.pk]), {"other": twin.pk})
    assert response.status_code == 422 and "Confirm from the preview" in response.content.decode()
    response = staff_client.post(reverse("source_merge", args=[tass.pk]), {"other": 999999, "fingerprint": "ab"})
    assert response.status_code == 422 and "no longer exists" in response.content.decode()
    assert not Source.objects.get(pk=twin.pk).is_merged


def test_a_refused_pair_shows_why_and_no_confirm_button(staff_client, twins):
    tass, _ = twins
    body = staff_client.get(reverse("source_merge", args=[tass.pk]), {"other": tass.pk}).content.decode()
    assert "cannot be merged into itself" in body and 'name="fingerprint"' not in body


def test_the_merged_away_page_redirects_to_the_survivor_with_a_notice(staff_client, editor_client, twins, staff):
    tass, twin = twins
    merge(tass, twin, staff)
    response = editor_client.get(twin.get_absolute_url(), follow=True)
    assert response.redirect_chain == [(tass.get_absolute_url(), 302)]
    assert f"Tass news agency (#{twin.pk}) was merged into TASS" in response.content.decode()
    assert "Split back" not in response.content.decode(), "only staff can undo"


def test_undo_from_the_page_and_the_twin_has_its_page_again(staff_client, twins, staff):
    tass, twin = twins
    record = merge(tass, twin, staff)
    response = staff_client.post(reverse("source_merge_undo", args=[record.pk]), follow=True)
    assert response.redirect_chain == [(twin.get_absolute_url(), 302)]
    assert "Split Tass news agency back out of TASS: moved back 1 hop" in response.content.decode()
    assert staff_client.get(twin.get_absolute_url()).status_code == 200
    audit = staff_client.get(reverse("audit_log"), {"source": twin.pk}).content.decode()
    assert "Split merged sources back" in audit


def test_a_refused_undo_says_why(staff_client, twins, staff):
    tass, twin = twins
    record = merge(tass, twin, staff)
    Hop.objects.filter(pk__in=record.hop_ids).delete()
    response = staff_client.post(reverse("source_merge_undo", args=[record.pk]))
    assert response.status_code == 409
    assert "of what moved, 1 of 1 hops no longer belong to TASS" in response.content.decode()


def test_a_factchecker_or_editor_gets_403(factchecker_client, twins, staff):
    tass, twin = twins
    url = reverse("source_merge", args=[tass.pk])
    fingerprint = source_merge_preview(into=tass, other=twin).fingerprint
    assert factchecker_client.get(url, {"other": twin.pk}).status_code == 403
    assert factchecker_client.post(url, {"other": twin.pk, "fingerprint": fingerprint}).status_code == 403
    assert not Source.objects.get(pk=twin.pk).is_merged
    record = merge(tass, twin, staff)
    assert factchecker_client.post(reverse("source_merge_undo", args=[record.pk])).status_code == 403
    assert Source.objects.get(pk=twin.pk).is_merged


def test_undo_needs_post(staff_client, twins, staff):
    record = merge(*twins, staff)
    assert staff_client.get(reverse("source_merge_undo", args=[record.pk])).status_code == 405


def test_the_admin_action_leads_to_the_preview(admin_client, twins):
    tass, twin = twins
    response = admin_client.post(
        reverse("admin:sources_source_changelist"),
        {"action": "merge_sources", "_selected_action": [tass.pk, twin.pk]},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('source_merge', args=[tass.pk])}?other={twin.pk}"
    assert not Source.objects.get(pk=twin.pk).is_merged


def test_the_api_lists_live_sources_and_a_merged_id_names_its_survivor(editor, twins, staff):
    from rest_framework.test import APIClient

    tass, twin = twins
    merge(tass, twin, staff)
    api = APIClient()
    api.force_authenticate(editor)
    listed = {row["id"] for row in api.get("/api/v1/sources/").json()["results"]}
    assert tass.pk in listed and twin.pk not in listed
    assert api.get(f"/api/v1/sources/{twin.pk}/").json()["merged_into"] == tass.pk
    assert api.get(f"/api/v1/sources/{tass.pk}/").json()["merged_into"] is None
