import pytest

from newsverify.attribution import SourceType as EngineSourceType
from newsverify.sources.models import Source, SourceAlias, SourceType
from newsverify.sources.names import identifies_a_source, normalise
from newsverify.sources.services import SourceName, source_resolve, sources_resolve


def test_the_registry_knows_every_engine_source_type():
    assert {t.value for t in EngineSourceType} == set(SourceType.values)


def test_engine_claim_kinds_match_the_model():
    from newsverify.attribution import ClaimKind as EngineKind
    from newsverify.attribution import Evidence as EngineEvidence
    from newsverify.review.models import ClaimKind, Evidence

    assert {k.value for k in EngineKind} == set(ClaimKind.values)
    # A hop a reviewer adds or re-sources is known by the reviewer, not by any engine evidence.
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


@pytest.mark.django_db
def test_many_sources_resolve_in_one_pass_as_if_one_by_one(django_assert_max_num_queries):
    tass = source_resolve(name="TASS", type="news_agency")
    wanted = [
        SourceName("Tass", "news_agency"),  # an alias already registered
        SourceName("Kestrel News Agency", "news_agency", ("Kestrel",)),  # new, with an alias
        SourceName("Kestrel", "news_agency"),  # registered a moment ago, by the entry before it
        SourceName("officials", "anonymous"),
        SourceName("officials", "anonymous"),  # anonymous: never one source
        *(SourceName(f"Speaker Number{n}", "person") for n in range(50)),
    ]
    # A savepoint and its release, the aliases known, the new sources, their aliases (those refused
    # are read back only when another worker registered one first: never here), and the sources'
    # rows read as instances (the analysis store takes the ids alone, without that read).
    with django_assert_max_num_queries(6):
        resolved = sources_resolve(wanted)
    assert resolved[0] == tass
    assert resolved[1] == resolved[2] != tass
    assert resolved[3] != resolved[4]
    assert len({source.pk for source in resolved[5:]}) == 50
    assert sources_resolve([SourceName("Speaker Number7", "person")]) == [resolved[12]]


@pytest.mark.django_db
def test_a_name_another_worker_registered_first_goes_to_its_source(monkeypatch):
    """The read of the registry saw the name free; by the insert, another worker had it: the unique
    constraint refuses ours, the new source is dropped for the winner, and no row is left twice."""
    from newsverify.sources import services

    theirs = source_resolve(name="Kestrel News Agency", type="news_agency", aliases=["Kestrel"])
    sources = Source.objects.count()
    real = services._aliases_owners
    reads = []

    def seen_before_they_committed(keys):  # type: ignore[no-untyped-def]
        reads.append(set(keys))
        return {} if len(reads) == 1 else real(keys)

    monkeypatch.setattr(services, "_aliases_owners", seen_before_they_committed)
    (resolved,) = sources_resolve([SourceName("Kestrel", "news_agency")])
    assert resolved == theirs
    assert Source.objects.count() == sources, "our new source was dropped"
    assert reads[1] == {"kestrel"}, "only the refused name is read back"
    assert SourceAlias.objects.get(normalised="kestrel").source == theirs
