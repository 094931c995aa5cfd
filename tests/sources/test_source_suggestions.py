"""Suggested duplicates: alike names, acronyms and aliases, same type only, never anonymous or generic."""

import pytest

from newsverify.review.source_merge import source_merge
from newsverify.review.source_selectors import source_merge_candidates, source_merge_preview
from newsverify.sources.models import SourceType
from newsverify.sources.names import acronyms, is_generic
from newsverify.sources.similarity import name_match
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db

BODY = SourceType.GOVERNMENT_BODY


def suggested(source):  # type: ignore[no-untyped-def]
    return [candidate.source.name for candidate in source_merge_candidates(source)]


def test_another_ministry_is_never_suggested_for_a_ministry():
    defence = SourceFactory(name="Defence Ministry", type=BODY)
    for name in ("Foreign Ministry", "Health Ministry", "Ministry of the Interior", "Defence Committee"):
        SourceFactory(name=name, type=BODY)
    SourceFactory(name="Ukrainian Defence Ministry", type=BODY)
    russian = SourceFactory(name="Russian Defence Ministry", type=BODY)
    assert "Foreign Ministry" not in suggested(defence) and "Defence Committee" not in suggested(defence)
    assert "Ukrainian Defence Ministry" not in suggested(russian), "a different country's ministry"


def test_the_same_ministry_written_another_way_is_suggested_best_first():
    defence = SourceFactory(name="Defence Ministry", type=BODY)
    SourceFactory(name="Ministry of Defence", type=BODY)
    SourceFactory(name="Defense Ministry", type=BODY)
    SourceFactory(name="Defence Ministry of Valmor", type=BODY)
    SourceFactory(name="Foreign Ministry", type=BODY)
    found = source_merge_candidates(defence)
    assert [c.source.name for c in found] == ["Ministry of Defence", "Defense Ministry", "Defence Ministry of Valmor"]
    assert [c.why for c in found] == ["same words", "spelled alike", "one name within the other"]
    assert found[0].score > found[1].score > found[2].score - 1


def test_an_acronym_matches_the_name_it_abbreviates():
    grid = SourceFactory(name="National Grid Authority", type=BODY)
    SourceFactory(name="NGA", type=BODY)
    SourceFactory(name="NGO", type=BODY)
    (candidate,) = source_merge_candidates(grid)
    assert (candidate.source.name, candidate.why) == ("NGA", "acronym")
    assert suggested(SourceFactory(name="MoD", type=BODY)) == []
    SourceFactory(name="Ministry of Defence", type=BODY)
    assert suggested(SourceFactory(name="MOD", type=BODY)) == ["MoD", "Ministry of Defence"]


def test_an_alias_of_either_source_can_match():
    port = SourceFactory(name="Port Board", type=BODY)
    port.aliases.create(name="Harbour Authority of Valmor", normalised="harbour authority of valmor")
    harbour = SourceFactory(name="Valmor Harbour Authority", type=BODY)
    (candidate,) = source_merge_candidates(harbour)
    assert candidate.source == port and candidate.names == ("Valmor Harbour Authority", "Harbour Authority of Valmor")
    # And the other way round: the alias is on the source whose duplicates we look for.
    assert suggested(port) == ["Valmor Harbour Authority"]


def test_only_sources_of_the_same_type_are_suggested():
    tass = SourceFactory(name="TASS", type=SourceType.NEWS_AGENCY)
    SourceFactory(name="Tass", type=SourceType.NEWS_OUTLET)
    SourceFactory(name="TASS news agency", type=SourceType.NEWS_AGENCY)
    assert suggested(tass) == ["TASS news agency"]


def test_anonymous_and_generic_sources_are_never_suggested_nor_given_suggestions():
    officials = SourceFactory(name="Officials", type=SourceType.ANONYMOUS)
    SourceFactory(name="Officials", type=SourceType.ANONYMOUS)
    state_media = SourceFactory(name="State media", type=SourceType.NEWS_OUTLET)
    SourceFactory(name="state media", type=SourceType.NEWS_OUTLET)
    SourceFactory(name="Witnesses", type=SourceType.OTHER)
    media = SourceFactory(name="Valmor State Media", type=SourceType.NEWS_OUTLET)
    assert suggested(officials) == [] and suggested(state_media) == []
    assert "State media" not in suggested(media) and "state media" not in suggested(media)
    assert suggested(SourceFactory(name="Witnesses", type=SourceType.OTHER)) == []


def test_a_merged_away_source_is_not_suggested(django_user_model):
    staff = django_user_model.objects.create(username="desk", is_staff=True)
    defence = SourceFactory(name="Defence Ministry", type=BODY)
    twin = SourceFactory(name="Ministry of Defence", type=BODY)
    other = SourceFactory(name="Defense Ministry", type=BODY)
    source_merge(into=other, other=twin, by=staff, fingerprint=source_merge_preview(into=other, other=twin).fingerprint)
    assert suggested(defence) == ["Defense Ministry"]
    twin.refresh_from_db()
    assert suggested(twin) == []


def test_the_generic_noun_test():
    for name in ("officials", "State media", "Witnesses", "two senior officials", "the police", "he"):
        assert is_generic(name), name
    for name in ("Foreign Ministry", "National Grid Authority", "Reuters", "Valmor State Media"):
        assert not is_generic(name), name


def test_acronyms_and_name_matches():
    assert acronyms("Ministry of Defence") == {"md", "mod"}
    assert acronyms("Reuters") == frozenset()
    assert name_match("BBC", "British Broadcasting Corporation").why == "acronym"
    assert name_match("Jane Doe", "Doe") is not None and name_match("John Smith", "Jane Smith") is None
    assert name_match("Valmor Times", "Valmor Post") is None, "two papers of one town"
