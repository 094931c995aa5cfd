from __future__ import annotations

import json

import pytest
from prov.model import ProvDocument
from rdflib import Graph, Namespace
from rdflib.namespace import PROV, RDF, RDFS

from newsverify.exports.prov import chain_prov, chain_prov_json, chain_prov_turtle
from newsverify.exports.selectors import claim_for_export
from newsverify.review.services import claim_set_verdict
from tests.exports.conftest import is_russian_defence_ministry

BASE = "https://newsverify.example"


@pytest.fixture
def claim(drones_claim, factchecker):  # type: ignore[no-untyped-def]
    claim_set_verdict(claim=drones_claim, by=factchecker, verdict="verified", evidence_url="https://example.org/e")
    return claim_for_export(claim_id=drones_claim.pk)


def _graph(claim) -> Graph:  # type: ignore[no-untyped-def]
    graph = Graph()
    graph.parse(data=chain_prov_turtle(claim, base_url=BASE), format="turtle")
    return graph


def _label(graph: Graph, node) -> str:  # type: ignore[no-untyped-def]
    return str(graph.value(node, RDFS.label))


def test_the_chain_follows_was_quoted_from_from_the_publisher_to_the_ministry(claim):
    graph = _graph(claim)
    nv = Namespace(f"{BASE}/ns/prov#")
    report = nv[f"claim-{claim.pk}-article-{claim.article_id}"]
    chain = []
    while report is not None:
        chain.append(_label(graph, graph.value(report, PROV.wasAttributedTo)))
        quoted = list(graph.objects(report, PROV.wasQuotedFrom))
        assert len(quoted) <= 1
        report = quoted[0] if quoted else None
    chain.reverse()
    assert len(chain) == 4
    assert is_russian_defence_ministry(chain[0])
    assert chain[1:] == ["TASS", "CNN", "Example Times"]


def test_the_publishers_report_had_the_origin_as_primary_source(claim):
    graph = _graph(claim)
    nv = Namespace(f"{BASE}/ns/prov#")
    primary = graph.value(nv[f"claim-{claim.pk}-article-{claim.article_id}"], PROV.hadPrimarySource)
    assert primary == nv[f"claim-{claim.pk}-hop-0"]
    assert is_russian_defence_ministry(_label(graph, graph.value(primary, PROV.wasAttributedTo)))


def test_the_engine_and_the_reviewer_are_agents(claim, factchecker):
    graph = _graph(claim)
    software = list(graph.subjects(RDF.type, PROV.SoftwareAgent))
    assert len(software) == 1
    people = {_label(graph, person) for person in graph.subjects(RDF.type, PROV.Person)}
    assert factchecker.username in people
    review = Namespace(f"{BASE}/ns/prov#")[f"claim-{claim.pk}-review"]
    assert (review, PROV.wasAssociatedWith, Namespace(f"{BASE}/ns/prov#")[f"user-{factchecker.pk}"]) in graph


def test_prov_json_holds_the_quotations_and_the_primary_source(claim):
    data = json.loads(chain_prov_json(claim, base_url=BASE))
    derivations = data["wasDerivedFrom"].values()
    kinds = [derivation["prov:type"]["$"] for derivation in derivations]
    assert kinds.count("prov:Quotation") == 3
    assert kinds.count("prov:PrimarySource") == 1
    document = ProvDocument.deserialize(content=json.dumps(data), format="json")
    assert len(document.get_records()) == len(chain_prov(claim, base_url=BASE).get_records())
