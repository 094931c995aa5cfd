"""W3C PROV-O for a claim's chain (the ``prov`` library; PROV-JSON and Turtle).

Each hop is a report entity (``nv:claim-12-hop-0`` the origin's) attributed to its source; a later
report ``prov:wasQuotedFrom`` the one before it, the publishing article's report quotes the last
relay and ``prov:hadPrimarySource`` the origin's. The engine that read the chain is a
``prov:SoftwareAgent``; each fact-checker who reviewed it is a ``prov:Person`` associated with the
review activity.
"""

from __future__ import annotations

from django.conf import settings
from prov.constants import PROV
from prov.model import PROV_LABEL, PROV_TYPE, ProvDocument

from newsverify.exports.claimreview import PERSON_TYPES
from newsverify.review.models import Claim, ReviewAction

NV = "nv"


def namespace_uri(base_url: str | None = None) -> str:
    return f"{(base_url or settings.NEWSVERIFY_SITE_URL).rstrip('/')}/ns/prov#"


def hop_report_id(claim: Claim, position: int) -> str:
    return f"{NV}:claim-{claim.pk}-hop-{position}"


def article_report_id(claim: Claim) -> str:
    return f"{NV}:claim-{claim.pk}-article-{claim.article_id}"


def chain_prov(claim: Claim, *, base_url: str | None = None) -> ProvDocument:
    """The chain of ``claim`` (read through ``claim_for_export``) as a PROV document."""
    article = claim.article
    document = ProvDocument()
    nv = document.add_namespace(NV, namespace_uri(base_url))

    reports = []
    for hop in sorted(claim.hops.all(), key=lambda hop: hop.position):
        source = hop.source
        agent = document.agent(
            f"{NV}:source-{source.pk}",
            {
                PROV_TYPE: PROV["Person"] if source.type in PERSON_TYPES else PROV["Organization"],
                PROV_LABEL: source.name,
                f"{NV}:sourceType": source.type,
            },
        )
        attributes = {PROV_TYPE: nv["Report"], PROV_LABEL: f"{claim.text} (as {source.name} gave it)"}
        attributes[f"{NV}:position"] = hop.position
        attributes[f"{NV}:evidence"] = hop.evidence
        if hop.medium:
            attributes[f"{NV}:medium"] = hop.medium
        if hop.mention_text:
            attributes[f"{NV}:mention"] = hop.mention_text
        report = document.entity(hop_report_id(claim, hop.position), attributes)
        document.attribution(report, agent)
        reports.append(report)

    publisher = document.agent(
        f"{NV}:publisher-article-{article.pk}",
        {PROV_TYPE: PROV["Organization"], PROV_LABEL: article.publisher_label},
    )
    article_attributes = {PROV_TYPE: nv["Report"], PROV_LABEL: article.title, f"{NV}:claimText": claim.text}
    if article.url:
        article_attributes[f"{NV}:url"] = article.url
    if claim.retired_at is not None:
        # A re-analysis no longer reads this claim; its identifiers stay, and say what reads it now.
        article_attributes[f"{NV}:retiredAt"] = claim.retired_at
        if claim.superseded_by_id is not None:
            article_attributes[f"{NV}:supersededBy"] = nv[f"claim-{claim.superseded_by_id}-article-{article.pk}"]
    article_report = document.entity(article_report_id(claim), article_attributes)
    document.attribution(article_report, publisher)
    reports.append(article_report)

    for earlier, later in zip(reports, reports[1:], strict=False):
        document.quotation(later, earlier)
    if len(reports) > 1:
        document.primary_source(article_report, reports[0])

    engine_version = article.engine_version or "unknown"
    engine = document.agent(
        f"{NV}:engine-{engine_version}",
        {
            PROV_TYPE: PROV["SoftwareAgent"],
            PROV_LABEL: "newsverify attribution engine",
            f"{NV}:version": engine_version,
        },
    )
    analysis = document.activity(
        f"{NV}:article-{article.pk}-analysis", article.analysis_started_at, article.analysed_at
    )
    document.association(analysis, engine)
    document.usage(analysis, article_report)
    for report in reports[:-1]:
        document.generation(report, analysis)

    review_events = [
        event
        for event in claim.events.all()
        if event.action in (ReviewAction.VERDICT, ReviewAction.STATUS, ReviewAction.HOP_CONFIRMED)
    ]
    if review_events:
        review = document.activity(
            f"{NV}:claim-{claim.pk}-review",
            other_attributes={f"{NV}:reviewStatus": claim.review_status},
        )
        document.usage(review, article_report)
        for actor in {event.actor_id: event.actor for event in review_events}.values():
            reviewer = document.agent(
                f"{NV}:user-{actor.pk}", {PROV_TYPE: PROV["Person"], PROV_LABEL: actor.get_username()}
            )
            document.association(review, reviewer)
    return document


def chain_prov_json(claim: Claim, *, base_url: str | None = None) -> str:
    return chain_prov(claim, base_url=base_url).serialize(format="json", indent=2)


# prov writes these relations only in their qualified form (``prov:qualifiedQuotation [ prov:entity
# X ]``); PROV-O asks for the binary property beside it, and that is what readers query.
QUALIFIED_SHORTCUTS = {
    "qualifiedQuotation": ("entity", "wasQuotedFrom"),
    "qualifiedPrimarySource": ("entity", "hadPrimarySource"),
    "qualifiedDerivation": ("entity", "wasDerivedFrom"),
    "qualifiedUsage": ("entity", "used"),
    "qualifiedGeneration": ("activity", "wasGeneratedBy"),
    "qualifiedAssociation": ("agent", "wasAssociatedWith"),
}


def chain_prov_turtle(claim: Claim, *, base_url: str | None = None) -> str:
    from rdflib import Graph
    from rdflib.namespace import PROV

    turtle = chain_prov(claim, base_url=base_url).serialize(format="rdf", rdf_format="turtle")
    graph = Graph()
    graph.parse(data=turtle, format="turtle")
    for qualifier, (influencer, binary) in QUALIFIED_SHORTCUTS.items():
        for subject, node in list(graph.subject_objects(PROV[qualifier])):
            for target in graph.objects(node, PROV[influencer]):
                graph.add((subject, PROV[binary], target))
    return graph.serialize(format="turtle")
