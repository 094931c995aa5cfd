"""Who relays whom across the newsroom: sources and outlets as nodes, relays as edges.

A claim's chain is read from its origin to its last relay (hop positions 0, 1, ...), and the
article's publisher closes it: "Defence Ministry -> TASS -> CNN -> outlet" gives three edges. An
edge's weight is how many claims pass along it, a node's how many claims pass through it; each
claim counts once per edge and node, however often a source repeats in its chain.

An outlet whose name is a source's name or alias in the registry is that source's node, so an
outlet that publishes and is also cited by others appears once (which is what makes circular
citing visible). Only the current reading of each article counts: claims retired by a re-analysis
or marked "not a claim" by a reviewer are left out.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Q, QuerySet
from django.urls import reverse

from newsverify.review.models import Claim, Hop
from newsverify.sources.models import Source, SourceAlias, SourceType
from newsverify.sources.names import normalise

# Past this many nodes the picture keeps the ones most claims pass through (the rest is counted).
NODE_LIMIT = 2000
OUTLET = "outlet"


@dataclass(frozen=True)
class NetworkFilters:
    published_from: datetime.date | None = None
    published_to: datetime.date | None = None
    outlet: str = ""
    source_type: str = ""
    topic: str = ""

    def query(self) -> str:
        """The filters as a query string, for the export links of the same picture."""
        pairs = {
            "published_from": self.published_from.isoformat() if self.published_from else "",
            "published_to": self.published_to.isoformat() if self.published_to else "",
            "outlet": self.outlet,
            "source_type": self.source_type,
            "topic": self.topic,
        }
        return urlencode({key: value for key, value in pairs.items() if value})


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    kind: str  # "source", "outlet", or "source outlet" when a registry source also publishes
    type: str  # a SourceType value, or "outlet" for a publisher that is not in the registry
    type_label: str
    claims: int
    url: str


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    claims: int


@dataclass(frozen=True)
class Network:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    claims: int  # claims with a chain under these filters
    hidden_nodes: int  # nodes left out beyond the limit

    def heaviest_edges(self, count: int = 25) -> list[tuple[Node, Node, int]]:
        """The relays most claims pass along, with their ends, for the table beside the picture."""
        by_id = {node.id: node for node in self.nodes}
        ranked = sorted(self.edges, key=lambda edge: (-edge.claims, edge.source, edge.target))[:count]
        return [(by_id[edge.source], by_id[edge.target], edge.claims) for edge in ranked]

    def as_json(self) -> dict[str, object]:
        return {
            "format": "newsverify.network/1",
            "claims": self.claims,
            "hidden_nodes": self.hidden_nodes,
            "nodes": [node.__dict__ for node in self.nodes],
            "edges": [edge.__dict__ for edge in self.edges],
        }


def network_claims(filters: NetworkFilters) -> QuerySet[Claim]:
    """The current claims under the filters (a date range leaves out articles without a date)."""
    claims = Claim.objects.current().filter(not_a_claim=False)
    if filters.published_from:
        claims = claims.filter(article__published_on__gte=filters.published_from)
    if filters.published_to:
        claims = claims.filter(article__published_on__lte=filters.published_to)
    if filters.outlet:
        claims = claims.filter(article__publisher__iexact=filters.outlet.strip())
    if filters.topic:
        words = filters.topic.strip()
        claims = claims.filter(Q(text__icontains=words) | Q(article__title__icontains=words))
    if filters.source_type:
        claims = claims.filter(pk__in=Hop.objects.filter(source__type=filters.source_type).values("claim_id"))
    return claims


def _chains(claims: QuerySet[Claim]) -> Iterator[tuple[list[int], str]]:
    """Each claim's chain of source ids, origin first, with its article's publisher; in chunks."""
    rows = (
        Hop.objects.filter(claim__in=claims)
        .order_by("claim_id", "position")
        .values_list("claim_id", "source_id", "claim__article__publisher")
        .iterator(chunk_size=5000)
    )
    current: int | None = None
    chain: list[int] = []
    publisher = ""
    for claim_id, source_id, claim_publisher in rows:
        if claim_id != current:
            if chain:
                yield chain, publisher
            current, chain, publisher = claim_id, [], claim_publisher or ""
        chain.append(source_id)
    if chain:
        yield chain, publisher


def _outlet_sources(keys: Iterable[str]) -> dict[str, int]:
    """Normalised publisher names that are a registry source's name or alias -> that source."""
    wanted = [key for key in set(keys) if key]
    found: dict[str, int] = {}
    for normalised, source_id, merged_into in SourceAlias.objects.filter(normalised__in=wanted).values_list(
        "normalised", "source_id", "source__merged_into_id"
    ):
        found[normalised] = merged_into or source_id
    return found


def relay_network(filters: NetworkFilters, *, limit: int = NODE_LIMIT) -> Network:
    edge_claims: Counter[tuple[str, str]] = Counter()
    node_claims: Counter[str] = Counter()
    outlet_names: dict[str, str] = {}
    claims = network_claims(filters)
    publishers = claims.order_by().values_list("article__publisher", flat=True).distinct()
    outlet_source = _outlet_sources(normalise(publisher or "") for publisher in publishers)
    chained = 0
    for chain, publisher in _chains(claims):
        chained += 1
        ids = [f"source:{source_id}" for source_id in chain]
        key = normalise(publisher)
        if key:
            outlet = f"source:{outlet_source[key]}" if key in outlet_source else f"{OUTLET}:{key}"
            outlet_names.setdefault(outlet, publisher.strip())
            ids.append(outlet)
        node_claims.update(set(ids))
        edge_claims.update({(a, b) for a, b in zip(ids, ids[1:], strict=False) if a != b})

    kept = [node_id for node_id, _ in sorted(node_claims.items(), key=lambda item: (-item[1], item[0]))[:limit]]
    kept_set = set(kept)
    source_ids = [int(node_id.split(":", 1)[1]) for node_id in kept if node_id.startswith("source:")]
    sources = {source.pk: source for source in Source.objects.filter(pk__in=source_ids).only("id", "name", "type")}
    nodes = []
    for node_id in kept:
        prefix, value = node_id.split(":", 1)
        if prefix == OUTLET:
            label = outlet_names[node_id]
            url = f"{reverse('article_list')}?{urlencode({'publisher': label})}"
            nodes.append(Node(node_id, label, OUTLET, OUTLET, "Outlet", node_claims[node_id], url))
            continue
        source = sources.get(int(value))
        if source is None:  # removed since the hops were read
            continue
        kind = "source outlet" if node_id in outlet_names else "source"
        nodes.append(
            Node(
                node_id,
                source.name,
                kind,
                source.type,
                source.get_type_display(),
                node_claims[node_id],
                source.get_absolute_url(),
            )
        )
    present = {node.id for node in nodes}
    edges = tuple(
        Edge(a, b, count)
        for (a, b), count in sorted(edge_claims.items())
        if a in kept_set and b in kept_set and a in present and b in present
    )
    return Network(tuple(nodes), edges, claims=chained, hidden_nodes=max(len(node_claims) - limit, 0))


def mutual_relays(network: Network) -> list[tuple[Node, Node]]:
    """Pairs that relay each other (A -> B and B -> A): where citing may run in a circle."""
    by_id = {node.id: node for node in network.nodes}
    pairs = {(edge.source, edge.target) for edge in network.edges}
    found = sorted({tuple(sorted(pair)) for pair in pairs if (pair[1], pair[0]) in pairs})
    return [(by_id[a], by_id[b]) for a, b in found]


def source_type_choices() -> list[tuple[str, str]]:
    return [("", "Any type"), *SourceType.choices]
