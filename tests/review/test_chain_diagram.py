"""The chain panel's small picture of a claim's chain: a dot a source, arrows between, the outlet last."""

from __future__ import annotations

import re

from django.urls import reverse

from newsverify.review.chain_diagram import STEP, chain_diagram
from newsverify.review.services import hop_confirm


def test_each_hop_is_a_dot_and_the_publisher_closes_the_chain() -> None:
    diagram = chain_diagram(
        [
            ("Ministry of Works", "government_body", True, False),
            ("A Very Long Agency Name", "news_agency", False, True),
        ],
        publisher="Example Times",
    )
    assert diagram is not None
    assert [node.x for node in diagram.nodes] == [STEP / 2, STEP * 1.5, STEP * 2.5]
    assert diagram.width == 3 * STEP
    assert [node.css for node in diagram.nodes] == [
        "type-government is-confirmed",
        "type-news is-weakest",
        "type-outlet",
    ]
    assert diagram.nodes[1].label == "A Very Long Ag…"
    assert diagram.nodes[1].title == "A Very Long Agency Name (relay, weakest open hop)"
    assert diagram.nodes[0].title == "Ministry of Works (origin, confirmed)"
    # Arrows run between the dots, never through them.
    for arrow, left, right in zip(diagram.arrows, diagram.nodes, diagram.nodes[1:], strict=False):
        assert left.x + diagram.radius < arrow.x1 < arrow.x2 < right.x - diagram.radius


def test_a_claim_of_the_outlets_own_has_no_picture() -> None:
    assert chain_diagram([], publisher="Example Times") is None


def test_the_panel_draws_the_chain_with_its_confirmed_hop(editor_client, factchecker, drones) -> None:  # type: ignore[no-untyped-def]
    hop_confirm(hop=drones.hops.get(position=0), by=factchecker, evidence_url="https://example.org/statement")
    url = reverse("claim_detail", args=[drones.article_id, drones.pk])
    body = editor_client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="chain-panel").content.decode()
    svg = re.search(r'<svg class="chain-diagram".*?</svg>', body, re.S)
    assert svg is not None and 'aria-hidden="true"' in svg.group(0)
    titles = re.findall(r"<title>(.*?)</title>", svg.group(0))
    assert titles == [
        "Defence Ministry (origin, confirmed)",
        "TASS (relay, weakest open hop)",
        "CNN (relay)",
        "Example Times (publisher)",
    ]
    assert svg.group(0).count("<line ") == 3
