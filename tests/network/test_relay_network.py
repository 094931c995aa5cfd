"""The relay network read from stored chains: its nodes, edges, filters and exports."""

from __future__ import annotations

import datetime
import json
from io import BytesIO

import networkx as nx
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from newsverify.articles.services import analysis_store
from newsverify.network.selectors import NetworkFilters, mutual_relays, relay_network
from newsverify.review.models import Claim
from tests.factories import ArticleFactory, ClaimFactory, HopFactory, SourceFactory, UserFactory
from tests.reports import TEXT, small_report

pytestmark = pytest.mark.django_db


def store(publisher: str, *, suffix: str = "", published_on: datetime.date | None = None):  # type: ignore[no-untyped-def]
    text = TEXT + suffix
    article = ArticleFactory(text=text, publisher=publisher, published_on=published_on)
    return analysis_store(article_id=article.pk, report=small_report(text, publisher=publisher))


def edges_by_label(network) -> dict[tuple[str, str], int]:  # type: ignore[no-untyped-def]
    label = {node.id: node.label for node in network.nodes}
    return {(label[edge.source], label[edge.target]): edge.claims for edge in network.edges}


def test_a_chain_gives_one_edge_a_hop_and_the_outlet_closes_it() -> None:
    store("Example Times")
    network = relay_network(NetworkFilters())
    assert edges_by_label(network) == {
        ("Defence Ministry", "TASS"): 1,
        ("TASS", "CNN"): 1,
        ("CNN", "Example Times"): 1,
        ("the mayor", "Example Times"): 1,
        ("Rescuers", "Example Times"): 1,
    }
    # The unattributed sentence has no chain, so it is no part of the network.
    assert network.claims == 3
    outlet = next(node for node in network.nodes if node.label == "Example Times")
    assert (outlet.kind, outlet.claims) == ("outlet", 3)
    assert outlet.url == reverse("article_list") + "?publisher=Example+Times"


def test_weights_count_claims_across_articles_and_an_outlet_in_the_registry_is_its_source() -> None:
    store("Example Times")
    store("CNN", suffix=" Later.")
    network = relay_network(NetworkFilters())
    edges = edges_by_label(network)
    assert edges[("Defence Ministry", "TASS")] == 2
    assert edges[("TASS", "CNN")] == 2
    # CNN publishing a chain that ends with CNN is one node: no arrow from CNN to itself.
    assert ("CNN", "CNN") not in edges
    assert edges[("the mayor", "CNN")] == 1
    cnn = [node for node in network.nodes if node.label == "CNN"]
    assert len(cnn) == 1 and cnn[0].kind == "source outlet"
    assert cnn[0].claims == 2 + 2  # both drone chains pass through it; it publishes the mayor and rescuers
    assert sum(node.claims for node in network.nodes if node.label == "TASS") == 2


def test_filters_by_outlet_type_topic_and_date() -> None:
    store("Example Times", published_on=datetime.date(2026, 3, 1))
    store("Daily Valmor", suffix=" Later.", published_on=datetime.date(2026, 6, 1))
    only_daily = relay_network(NetworkFilters(outlet="daily valmor"))
    assert {label for _, label in edges_by_label(only_daily)} == {"TASS", "CNN", "Daily Valmor"}
    anonymous = relay_network(NetworkFilters(source_type="anonymous"))
    assert set(edges_by_label(anonymous)) == {("Rescuers", "Example Times"), ("Rescuers", "Daily Valmor")}
    drones = relay_network(NetworkFilters(topic="DRONES"))
    assert drones.claims == 2
    spring = relay_network(
        NetworkFilters(published_from=datetime.date(2026, 2, 1), published_to=datetime.date(2026, 4, 1))
    )
    assert {node.label for node in spring.nodes} >= {"Example Times"}
    assert "Daily Valmor" not in {node.label for node in spring.nodes}


def test_retired_claims_and_those_marked_not_a_claim_are_left_out() -> None:
    article = store("Example Times")
    Claim.objects.filter(article=article, text__startswith="4 people").update(not_a_claim=True)
    Claim.objects.filter(article=article, text__startswith="14 people").update(retired_at=timezone.now())
    labels = {node.label for node in relay_network(NetworkFilters()).nodes}
    assert "the mayor" not in labels and "Rescuers" not in labels
    assert "TASS" in labels


def test_past_the_limit_the_most_cited_nodes_stay_and_the_rest_is_counted() -> None:
    store("Example Times")
    store("Daily Valmor", suffix=" Later.")
    # Each outlet publishes three claims; the drone chain's three sources carry two, the others one.
    outlets = relay_network(NetworkFilters(), limit=2)
    assert {node.label for node in outlets.nodes} == {"Example Times", "Daily Valmor"}
    # "the mayor" and "Rescuers" name nobody across articles: a source of their own in each.
    assert (outlets.hidden_nodes, outlets.edges) == (7, ())
    network = relay_network(NetworkFilters(), limit=5)
    assert {node.label for node in network.nodes} == {
        "Example Times",
        "Daily Valmor",
        "Defence Ministry",
        "TASS",
        "CNN",
    }
    assert set(edges_by_label(network)) == {
        ("Defence Ministry", "TASS"),
        ("TASS", "CNN"),
        ("CNN", "Example Times"),
        ("CNN", "Daily Valmor"),
    }


def test_sources_that_relay_each_other_are_pointed_out() -> None:
    wire, paper = SourceFactory(name="Wire One"), SourceFactory(name="Paper Two")
    for first, second in ((wire, paper), (paper, wire)):
        claim = ClaimFactory(article=ArticleFactory(publisher=""), depth=2)
        HopFactory(claim=claim, position=0, source=first)
        HopFactory(claim=claim, position=1, source=second)
    pairs = mutual_relays(relay_network(NetworkFilters()))
    assert [{a.label, b.label} for a, b in pairs] == [{"Wire One", "Paper Two"}]


def test_the_query_count_does_not_grow_with_the_archive(django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    for index in range(6):
        store(f"Outlet {index}", suffix=f" Day {index}.")
    with django_assert_max_num_queries(4):
        relay_network(NetworkFilters())


# The pages and files


def test_the_page_needs_a_reviewer_role(factchecker) -> None:  # type: ignore[no-untyped-def]
    url = reverse("network")
    assert Client().get(url).status_code == 302
    nobody = Client()
    nobody.force_login(UserFactory(username="no-role"))
    assert nobody.get(url).status_code == 403
    assert nobody.get(reverse("network_data", args=["json"])).status_code == 403
    reviewer = Client()
    reviewer.force_login(factchecker)
    assert reviewer.get(url).status_code == 200


def test_the_page_draws_the_graph_and_lists_the_relays_escaped(factchecker_client) -> None:  # type: ignore[no-untyped-def]
    hostile = SourceFactory(name='<img src=x onerror="alert(1)">')
    claim = ClaimFactory(article=ArticleFactory(publisher="</script><script>alert(2)</script>"))
    HopFactory(claim=claim, position=0, source=hostile)
    html = factchecker_client.get(reverse("network")).content.decode()
    assert '<img src=x onerror="alert(1)">' not in html and "&lt;img src=x" in html
    assert "</script><script>alert(2)" not in html
    data = html.split('<script id="network-data" type="application/json">', 1)[1].split("</script>", 1)[0]
    graph = json.loads(data)
    assert {node["label"] for node in graph["nodes"]} == {hostile.name, "</script><script>alert(2)</script>"}
    assert 'src="/static/vendor/cytoscape/cytoscape.min.js"' in html or "vendor/cytoscape/cytoscape" in html


def test_json_graphml_and_gexf_carry_the_same_network(factchecker_client) -> None:  # type: ignore[no-untyped-def]
    store("Example Times")
    store("CNN", suffix=" Later.")
    data = factchecker_client.get(reverse("network_data", args=["json"])).json()
    assert data["format"] == "newsverify.network/1"
    expected = {(edge["source"], edge["target"]): edge["claims"] for edge in data["edges"]}
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        response = factchecker_client.get(reverse("network_data", args=[fmt]))
        assert response.status_code == 200
        assert response["Content-Disposition"] == f'attachment; filename="newsverify-network.{fmt}"'
        graph = read(BytesIO(b"".join(response.streaming_content)))
        assert graph.number_of_nodes() == len(data["nodes"])
        found = {(a, b): int(attrs["claims"]) for a, b, attrs in graph.edges(data=True)}
        assert found == expected
        assert all(attrs["url"].startswith("http://testserver/") for _, attrs in graph.nodes(data=True))


def test_the_files_follow_the_filters_and_refuse_bad_ones(factchecker_client) -> None:  # type: ignore[no-untyped-def]
    store("Example Times")
    url = reverse("network_data", args=["json"])
    assert factchecker_client.get(url, {"source_type": "anonymous"}).json()["claims"] == 1
    bad = factchecker_client.get(url, {"published_from": "2026-05-01", "published_to": "2026-01-01"})
    assert bad.status_code == 400 and "start date" in bad.content.decode()
    assert factchecker_client.get(reverse("network_data", args=["dot"])).status_code == 404
