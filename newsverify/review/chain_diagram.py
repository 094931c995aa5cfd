"""A small picture of one claim's chain for its panel: each source a dot, an arrow to the next,
the publishing outlet last; geometry computed here so the template only draws it.

An inline SVG (no script, no inline style: colours come from the stylesheet, by source type, as
on the relay network page). It repeats what the chain's line of text says, so it is hidden from
screen readers, which read that line instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsverify.sources.models import SourceType

STEP = 96  # horizontal room per node
RADIUS = 9
HEIGHT = 58
LABEL_CHARS = 15
# The same groups as the network page's legend.
GROUPS = {
    SourceType.PERSON: "person",
    SourceType.GOVERNMENT: "government",
    SourceType.GOVERNMENT_BODY: "government",
    SourceType.NEWS_AGENCY: "news",
    SourceType.NEWS_OUTLET: "news",
    SourceType.ANONYMOUS: "anonymous",
}


@dataclass(frozen=True)
class DiagramNode:
    x: float
    label: str
    title: str
    css: str


@dataclass(frozen=True)
class DiagramArrow:
    x1: float
    x2: float


@dataclass(frozen=True)
class ChainDiagram:
    width: int
    height: int
    y: int
    radius: int
    nodes: tuple[DiagramNode, ...]
    arrows: tuple[DiagramArrow, ...]


def _short(name: str) -> str:
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1].rstrip() + "…"


def chain_diagram(hops: Sequence[tuple[str, str, bool, bool]], *, publisher: str) -> ChainDiagram | None:
    """``hops``: (source name, source type, confirmed, weakest open) from the origin on."""
    if not hops:
        return None
    nodes = []
    for index, (name, source_type, confirmed, weakest) in enumerate(hops):
        css = [f"type-{GROUPS.get(source_type, 'other')}"]
        if confirmed:
            css.append("is-confirmed")
        if weakest:
            css.append("is-weakest")
        role = "origin" if index == 0 else "relay"
        state = ", confirmed" if confirmed else (", weakest open hop" if weakest else "")
        nodes.append(DiagramNode(STEP * index + STEP / 2, _short(name), f"{name} ({role}{state})", " ".join(css)))
    nodes.append(DiagramNode(STEP * len(hops) + STEP / 2, _short(publisher), f"{publisher} (publisher)", "type-outlet"))
    arrows = tuple(
        DiagramArrow(left.x + RADIUS + 3, right.x - RADIUS - 5) for left, right in zip(nodes, nodes[1:], strict=False)
    )
    return ChainDiagram(STEP * len(nodes), HEIGHT, RADIUS + 4, RADIUS, tuple(nodes), arrows)
