import pytest

from newsverify.attribution import SourceType as EngineSourceType
from newsverify.sources.models import Source, SourceAlias, SourceType
from newsverify.sources.names import identifies_a_source, normalise
from newsverify.sources.services import source_resolve


def test_the_registry_knows_every_engine_source_type():
    assert {t.value for t in EngineSourceType} == set(SourceType.values)


def test_engine_claim_kinds_match_the_model():
    from newsverify.attribution import ClaimKind as EngineKind
    from newsverify.attribution import Evidence as EngineEvidence
    from newsverify.review.models import ClaimKind, Evidence

    assert {k.value for k in EngineKind} == set(ClaimKind.values)
    # The model's evidence is the engine's, and a reviewer's (a hop set by a correction).
    assert {e.value for e in EngineEvidence} | {Evidence.REVIEWER} == set(Evidence.values)


@pytest.mark.parametrize(
    ("name", "key"),
    [("The Russian  Defence-Ministry", "russian defence ministry"), ("TASS", "tass"), ("CNN's", "cnn")],
)
def test_names_are_normalised(name, key):
    assert normalise(name) == key


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("TASS", True),
        ("the agency", False),
        ("He", False),
        ("the Kremlin", True),
        ("Her office", False),
        ("The agency", False),
        ("Their lawyers", False),
        ("The Associated Press", True),
    ],
)
def test_only_proper_names_identify_a_source(name, ok):
    assert identifies_a_source(name) is ok


@pytest.mark.django_db
def test_the_same_source_in_two_articles_is_one_registry_row():
    first = source_resolve(
        name="Russian Defence Ministry", type="government_body", aliases=["the Russian Defence Ministry"]
    )
    second = source_resolve(
        name="Russian Ministry of Defense", type="government_body", aliases=["Russian Defence Ministry"]
    )
    assert first == second
    assert set(first.aliases.values_list("normalised", flat=True)) == {
        "russian defence ministry",
        "russian ministry of defense",
    }


@pytest.mark.django_db
def test_descriptions_and_pronouns_do_not_become_aliases():
    source = source_resolve(name="TASS", type="news_agency", aliases=["the agency", "it"])
    assert list(source.aliases.values_list("name", flat=True)) == ["TASS"]
    assert source_resolve(name="Reuters", type="news_agency", aliases=["the agency"]) != source


@pytest.mark.django_db
def test_anonymous_sources_never_merge():
    assert source_resolve(name="officials", type="anonymous") != source_resolve(name="officials", type="anonymous")
    assert not SourceAlias.objects.exists()


@pytest.mark.django_db
def test_an_unknown_type_is_stored_as_other():
    assert source_resolve(name="Mystery", type="alien").type == SourceType.OTHER
    assert Source.objects.count() == 1
