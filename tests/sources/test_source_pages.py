from django.urls import reverse

from newsverify.review.models import ReviewStatus
from newsverify.review.services import claim_set_verdict
from newsverify.sources.models import Source


def test_the_list_needs_a_role(client, outsider):
    assert client.get(reverse("source_list")).status_code == 302
    client.force_login(outsider)
    assert client.get(reverse("source_list")).status_code == 403


def test_the_list_searches_names_and_types_in_the_url(editor_client, article):
    body = editor_client.get(reverse("source_list"), {"q": "tass"}).content.decode()
    assert ">TASS</a>" in body and ">CNN</a>" not in body
    response = editor_client.get(reverse("source_list"), {"type": "anonymous"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and ">Rescuers</a>" in body and ">TASS</a>" not in body


def test_a_source_page_shows_aliases_roles_citations_and_record(editor_client, article, factchecker):
    ministry = Source.objects.get(name="Defence Ministry")
    drones = article.claims.get(text="three drones were intercepted")
    claim_set_verdict(claim=drones, by=factchecker, verdict=ReviewStatus.VERIFIED, evidence_url="https://e.example")
    body = editor_client.get(ministry.get_absolute_url()).content.decode()
    assert "Government body" in body and "the Defence Ministry" in body
    assert "Origin of</dt><dd>1</dd>" in body and "Relay in</dt><dd>0</dd>" in body
    assert "TASS → CNN → Example Times" in body
    assert "1 of the claims citing it reviewed." in body
    assert f"?source_id={ministry.pk}" in body
    assert "Merge a duplicate" not in body, "only staff see the merge form"


def test_a_relay_is_listed_with_who_passed_it_on(editor_client, article):
    tass = Source.objects.get(name="TASS")
    body = editor_client.get(tass.get_absolute_url()).content.decode()
    assert "Relay (hop 2)" in body and "CNN → Example Times" in body


def test_staff_see_merge_candidates(staff_client, article):
    from newsverify.sources.services import source_resolve

    twin = source_resolve(name="Defence Ministry of Russia", type="government_body")
    body = staff_client.get(Source.objects.get(name="Defence Ministry").get_absolute_url()).content.decode()
    assert "Merge a duplicate" in body and f"?other={twin.pk}" in body


def test_an_unknown_source_is_404(editor_client, db):
    assert editor_client.get(reverse("source_detail", args=[999999])).status_code == 404


def test_a_relay_names_who_it_heard_the_claim_from(editor_client, article):
    cnn = Source.objects.get(name="CNN")
    body = editor_client.get(cnn.get_absolute_url()).content.decode()
    assert "Relay (hop 3)" in body and "Defence Ministry → TASS" in body


def test_a_search_matching_several_aliases_keeps_the_counts(article):
    from newsverify.review.source_selectors import sources_search

    ministry = Source.objects.get(name="Defence Ministry")
    ministry.aliases.create(name="Defence Ministry of Valmor", normalised="defence ministry of valmor")
    assert ministry.aliases.filter(name__icontains="ministry").count() >= 2
    unfiltered = sources_search().get(pk=ministry.pk)
    searched = sources_search(q="ministry").get(pk=ministry.pk)
    assert (searched.claims_total, searched.origin_total, searched.relay_total) == (
        unfiltered.claims_total,
        unfiltered.origin_total,
        unfiltered.relay_total,
    )
    assert list(sources_search(q="ministry")).count(ministry) == 1


def test_every_citation_is_reachable_page_by_page(editor_client, db):
    from tests.factories import ArticleFactory, ClaimFactory, HopFactory, SourceFactory

    source = SourceFactory(name="Harbour Authority")
    article = ArticleFactory(text="x" * 200)
    for n in range(53):
        HopFactory(claim=ClaimFactory(article=article, span_start=n, span_end=n + 5), source=source)
    first = editor_client.get(source.get_absolute_url()).content.decode()
    assert "Origin of</dt><dd>53</dd>" in first
    assert "Page 1 of 2" in first and "53 citations" in first
    second = editor_client.get(source.get_absolute_url(), {"page": 2}).content.decode()
    assert second.count('<td class="nowrap">Origin</td>') == 3


def test_a_source_page_links_its_registry_history(editor_client, article):
    tass = Source.objects.get(name="TASS")
    assert f'href="/audit/?source={tass.pk}"' in editor_client.get(tass.get_absolute_url()).content.decode()
