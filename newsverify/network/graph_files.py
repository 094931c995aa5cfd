"""The relay network as GraphML and GEXF for Gephi and other graph tools, written by networkx."""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from newsverify.network.selectors import Network


def _digraph(network: Network, *, base_url: str) -> nx.DiGraph:
    graph = nx.DiGraph(name="newsverify relay network", claims=network.claims, hidden_nodes=network.hidden_nodes)
    for node in network.nodes:
        graph.add_node(
            node.id, label=node.label, kind=node.kind, type=node.type, claims=node.claims, url=base_url + node.url
        )
    for edge in network.edges:
        graph.add_edge(edge.source, edge.target, weight=edge.claims, claims=edge.claims)
    return graph


def graphml_lines(network: Network, *, base_url: str) -> Iterator[str]:
    for line in nx.generate_graphml(_digraph(network, base_url=base_url)):
        yield line + "\n"


def gexf_lines(network: Network, *, base_url: str) -> Iterator[str]:
    for line in nx.generate_gexf(_digraph(network, base_url=base_url)):
        yield line + "\n"
