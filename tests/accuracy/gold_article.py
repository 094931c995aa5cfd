"""An article read by the (hand-built) engine report, then reviewed through the real services."""

from __future__ import annotations

from typing import Any

from newsverify.articles.models import Article
from newsverify.articles.services import analysis_store
from newsverify.review import corrections
from newsverify.review.corrections import HopPlan, SourcePick
from newsverify.review.models import Claim, ClaimKind
from newsverify.review.services import claim_verdict, hop_confirm
from newsverify.sources.models import SourceType
from tests.factories import ArticleFactory
from tests.reports import TEXT, small_report

EVIDENCE = "https://example.org/evidence"
# The report's text with one sentence more, holding a claim the engine missed.
GOLD_TEXT = TEXT + "\n\nA harbour official said the ferry was late."


def reviewed_article(*, by: Any) -> Article:
    """drones: hop 2 changed to Interfax and the origin's medium set; the mayor's hop confirmed; the
    rescuers left unreviewed; "It rained all day." marked not a claim; the ferry claim added."""
    article = ArticleFactory(text=GOLD_TEXT, title="Drones over the harbour", publisher="Example Times")
    analysis_store(article_id=article.pk, report=small_report(GOLD_TEXT))
    drones = article.claims.get(text="three drones were intercepted")
    corrections.hop_source_change(
        claim=drones, by=by, position=1, source=SourcePick(name="Interfax", type=SourceType.NEWS_AGENCY)
    )
    corrections.hop_medium_set(claim=drones, by=by, position=0, medium="statement")
    mayor = article.claims.get(text="4 people were hurt")
    hop_confirm(hop=mayor.hops.get(position=0), by=by, evidence_url=EVIDENCE)
    corrections.claim_not_a_claim(claim=article.claims.get(kind=ClaimKind.UNATTRIBUTED), by=by, note="Weather.")
    start = GOLD_TEXT.index("the ferry was late")
    corrections.claim_add(
        article=article,
        by=by,
        start=start,
        end=start + len("the ferry was late"),
        kind=ClaimKind.INDIRECT,
        chain=[HopPlan(source=SourcePick(name="harbour official", type=SourceType.ANONYMOUS))],
    )
    return article


def rescuers(article: Article) -> Claim:
    return article.claims.get(text="14 people were hurt")


def verdict(claim: Claim, *, by: Any, status: str) -> None:
    claim_verdict(claim=claim, by=by, status=status, evidence_url=EVIDENCE)


def gold_as_report(text: str, gold: dict[str, Any]) -> dict[str, Any]:
    """The gold reading written as a chain report (``newsverify.chains/1``): what a perfect engine says."""
    ids = {key: f"s{index}" for index, key in enumerate(gold["sources"], 1)}
    claims = []
    for claim in gold["claims"]:
        start = text.find(claim["content"])
        evidence = claim.get("evidence") or ["explicit"] * len(claim["chain"])
        chain = [
            {"source": ids[key], "evidence": evidence[position], "medium": None, "mention": None}
            for position, key in enumerate(claim["chain"])
        ]
        if claim.get("medium"):
            chain[0]["medium"] = claim["medium"]
        claims.append(
            {
                "id": claim["id"],
                "start": start,
                "end": start + len(claim["content"]),
                "text": claim["content"],
                "kind": claim["kind"],
                "cue": {"text": claim["cue"]} if claim.get("cue") else None,
                "chain": chain,
                "depth": len(chain),
            }
        )
    return {
        "format": "newsverify.chains/1",
        "sources": [{"id": ids[key], "name": key, "type": s["type"]} for key, s in gold["sources"].items()],
        "claims": claims,
        "discrepancies": [{"id": f"d{i}", "claims": d["claims"]} for i, d in enumerate(gold["discrepancies"], 1)],
        "attributions": [],
    }
