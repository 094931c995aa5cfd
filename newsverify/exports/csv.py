"""Claims with their chains and statuses as CSV, streamed a row at a time.

Cells a spreadsheet would read as a formula (starting with = + - @, or a tab or carriage return
that some spreadsheets strip first) get a leading apostrophe: article text is untrusted input.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import QuerySet

from newsverify.exports.claimreview import absolute_url
from newsverify.exports.selectors import claim_verdict_event
from newsverify.review.models import Claim

HEADER = [
    "article_id",
    "article_title",
    "publisher",
    "claim_id",
    "claim",
    "kind",
    "depth",
    "chain",
    "review_status",
    "evidence_url",
    "assignee",
    "flags",
    "open_flags",
    "discrepancy",
    "claim_url",
    "article_url",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_neutralise(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def claim_chain_label(claim: Claim) -> str:
    """'Russian Defence Ministry -> TASS -> CNN -> Example Times'."""
    names = [hop.source.name for hop in sorted(claim.hops.all(), key=lambda hop: hop.position)]
    return " -> ".join([*names, claim.article.publisher_label])


def claim_row(claim: Claim, *, base_url: str | None = None) -> list[Any]:
    """One row; ``claim`` comes from ``claims_for_export`` (annotated with its flag counts)."""
    discrepancies = "; ".join(
        f"{member.discrepancy.about}: {member.value}" if member.value else member.discrepancy.about
        for member in claim.discrepancy_memberships.all()
    )
    article = claim.article
    verdict = claim_verdict_event(claim)
    row = [
        article.pk,
        article.title,
        article.publisher_label,
        claim.pk,
        claim.text,
        claim.kind,
        claim.depth,
        claim_chain_label(claim),
        claim.review_status,
        verdict.evidence_url if verdict else "",
        claim.assignee.get_username() if claim.assignee else "",
        claim.flags_total,
        claim.flags_open,
        discrepancies,
        absolute_url(claim.get_absolute_url(), base_url=base_url),
        article.url,
    ]
    return [cell_neutralise(value) for value in row]


class _Echo:
    def write(self, value: str) -> str:
        return value


def claims_csv_lines(claims: QuerySet[Claim] | Iterable[Claim], *, base_url: str | None = None) -> Iterator[str]:
    """The CSV, one line at a time (for a StreamingHttpResponse); ``claims`` from ``claims_for_export``."""
    writer = csv.writer(_Echo())
    yield writer.writerow(HEADER)
    rows = claims.iterator(chunk_size=500) if isinstance(claims, QuerySet) else claims
    for claim in rows:
        yield writer.writerow(claim_row(claim, base_url=base_url))
