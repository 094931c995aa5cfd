"""How a claim's review status reads: said of the chain as it stands, not only of the stored value."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.defaultfilters import floatformat
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from newsverify.review.chain_diagram import ChainDiagram, chain_diagram
from newsverify.review.highlighting import depth_badge as badge_text
from newsverify.review.highlighting import depth_label
from newsverify.review.models import Claim, ReviewAction, ReviewEvent, ReviewStatus

register = template.Library()

IN_REVIEW = "In review"


@register.filter
def status_label(claim: Claim) -> str:
    """The claim's status in words. "Needs primary source" only while the origin hop is open.

    The stored status ``needs_primary_source`` is also where a claim goes when its review starts;
    once the origin is confirmed that reading would be wrong, so it reads "In review". Uses the
    claim's prefetched ``hop_reviews`` (the panel's and the queue's selectors load them).
    """
    starting = claim.review_status == ReviewStatus.NEEDS_PRIMARY_SOURCE
    if starting and any(review.position == 0 for review in claim.hop_reviews.all()):
        return IN_REVIEW
    return claim.get_review_status_display()


@register.filter
def claim_table_rows(claims: list[dict[str, Any]]) -> SafeString:
    """The article page's claims table rows (``review.rows.article_claim_rows``), from ``claims_for_table``'s values."""
    from newsverify.review.rows import article_claim_rows

    return article_claim_rows(claims)


@register.filter
def status_after_label(event: ReviewEvent) -> str:
    """The status an audit record moved to: a hop confirmation starts a review, it asks for nothing."""
    if event.action == ReviewAction.HOP_CONFIRMED and event.status_after == ReviewStatus.NEEDS_PRIMARY_SOURCE:
        return IN_REVIEW
    return event.get_status_after_display()


@register.filter
def depth_badge(claim: Claim) -> SafeString:
    """The claim's depth as every page shows it: its band's colour, "3+" beyond two relays, and the
    band in words with the depth as its title (``highlighting.DEPTH_LABELS`` is the one definition)."""
    return format_html(
        '<span class="badge depth-{}" title="{}, depth {}">{}</span>',
        claim.depth_band,
        depth_label(claim.depth),
        claim.depth,
        badge_text(claim.depth),
    )


@register.filter
def depth_heading(claim: Claim) -> str:
    """The band in words for the chain panel's heading, with the number of hops beyond two relays."""
    label = depth_label(claim.depth)
    return f"{label} ({claim.depth} hops)" if claim.depth >= 3 else label


@register.filter
def claim_chain_diagram(claim: Claim) -> ChainDiagram | None:
    """The panel's small picture of the chain (``review.chain_diagram``), from the prefetched hops."""
    weakest = getattr(claim, "weakest_hop", None)
    hops = [
        (
            hop.source.name,
            hop.source.type,
            getattr(hop, "review", None) is not None,
            weakest is not None and hop.pk == weakest.pk,
        )
        for hop in claim.hops.all()
    ]
    return chain_diagram(hops, publisher=claim.article.publisher_label)


@register.filter
def chain_diagram_svg(claim: Claim) -> SafeString:
    """The panel's picture of the chain as SVG (``claim_chain_diagram``), written in one pass: the
    same markup as the partial template it replaces (``tests/review/test_chain_diagram.py`` keeps
    that template and compares)."""
    diagram = claim_chain_diagram(claim)
    if diagram is None:
        return SafeString("\n")
    pk, y = int(claim.pk), diagram.y
    arrows = "".join(
        f'<line class="chain-arrow" x1="{floatformat(arrow.x1, 1)}" y1="{y}" x2="{floatformat(arrow.x2, 1)}"'
        f' y2="{y}" marker-end="url(#chain-arrow-{pk})"/>'
        for arrow in diagram.arrows
    )
    nodes = "".join(
        format_html(
            '<g class="chain-node {}"><title>{}</title><circle cx="{}" cy="{}" r="{}"/>'
            '<text x="{}" y="{}" text-anchor="middle">{}</text></g>',
            node.css,
            node.title,
            floatformat(node.x, 1),
            y,
            diagram.radius,
            floatformat(node.x, 1),
            diagram.height - 8,
            node.label,
        )
        for node in diagram.nodes
    )
    width, height = diagram.width, diagram.height
    return mark_safe(  # noqa: S308  # nosec B308 B703 - numbers, and the nodes' texts escaped by format_html
        f'<svg class="chain-diagram" viewBox="0 0 {width} {height}" width="{width}" height="{height}"'
        ' aria-hidden="true" focusable="false">\n'
        f'  <defs><marker id="chain-arrow-{pk}" class="chain-arrowhead" viewBox="0 0 8 8" refX="7" refY="4"'
        ' markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L8,4 L0,8 z"/></marker></defs>\n'
        f"  {arrows}\n  {nodes}\n</svg>\n"
    )


@register.simple_tag(takes_context=True)
def chain_hop_items(context: Any, hops: Any) -> SafeString:
    """The chain panel's hops (``review.panel_hops``), for the claim and forms in the context."""
    from newsverify.review.panel_hops import chain_hop_items as hop_items

    return hop_items(context, list(hops))
