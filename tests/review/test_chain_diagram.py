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


def test_the_svg_is_written_as_the_partial_template_wrote_it(factchecker, drones) -> None:  # type: ignore[no-untyped-def]
    """``chain_diagram_svg`` against the partial it replaced (``chain_diagram_partial.html``, kept here)."""
    from pathlib import Path

    from django.template import Context, engines

    from newsverify.review.selectors import claim_for_panel
    from newsverify.review.templatetags.review_labels import chain_diagram_svg, claim_chain_diagram

    partial = engines["django"].from_string((Path(__file__).parent / "chain_diagram_partial.html").read_text())
    source = drones.hops.get(position=1).source
    source.name = 'TASS <script>"x"</script> & co'
    source.save()
    hop_confirm(hop=drones.hops.get(position=0), by=factchecker, evidence_url="https://example.org/statement")
    claim = claim_for_panel(article=drones.article, claim_id=drones.pk)
    expected = partial.template.render(Context({"claim": claim, "diagram": claim_chain_diagram(claim)}))
    assert chain_diagram_svg(claim) == expected and 'class="chain-node type-' in expected
    assert "&lt;script&gt;" in chain_diagram_svg(claim)
    claim.hops.all()._result_cache = []  # a claim of the outlet's own: no picture, the partial's newline
    assert chain_diagram_svg(claim) == partial.template.render(Context({"claim": claim, "diagram": None})) == "\n"
