"""Claims with their chains and statuses as CSV, streamed a row at a time.

Cells a spreadsheet would read as a formula (starting with = + - @, or a tab or carriage return
that some spreadsheets strip first) get a leading apostrophe: article text is untrusted input.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from newsverify.articles.models import NO_PUBLISHER
from newsverify.exports.claimreview import absolute_url
from newsverify.review.models import Claim, DiscrepancyClaim, Flag, Hop, ReviewAction, ReviewEvent

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


# Claims are read a chunk at a time as plain values (never the article's text, never model rows),
# and each chunk's hops, verdicts, discrepancies and flag counts in one query each.
CHUNK = 1000
_ROW_FIELDS = (
    "pk",
    "article_id",
    "article__title",
    "article__publisher",
    "article__url",
    "text",
    "kind",
    "depth",
    "review_status",
)


class _Echo:
    def write(self, value: str) -> str:
        return value


def claims_csv_lines(claims: QuerySet[Claim] | Iterable[Claim], *, base_url: str | None = None) -> Iterator[str]:
    """The CSV, one line at a time (for a StreamingHttpResponse), in bounded memory whatever the number of claims.

    ``claims`` is any queryset of claims (its filters count; what it loads does not), ordered by
    article, then position in the text.
    """
    writer = csv.writer(_Echo())
    yield writer.writerow(HEADER)
    if not isinstance(claims, QuerySet):
        claims = Claim.objects.filter(pk__in=[claim.pk for claim in claims])
    username = f"assignee__{get_user_model().USERNAME_FIELD}"
    # In a transaction of its own: outside one, PostgreSQL's server-side cursor is declared WITH
    # HOLD, and such a cursor is computed whole when the statement's transaction commits, i.e.
    # before the first row (3.7 s for the whole queue at 400,000 claims, growing with the archive);
    # inside one, rows come as they are read, the first chunk in milliseconds. It also gives the
    # export one snapshot of the database from its first row to its last.
    with transaction.atomic():
        rows = (
            claims.prefetch_related(None)
            .select_related(None)
            .order_by("article_id", "span_start", "pk")
            .values_list(*_ROW_FIELDS, username)
            .iterator(chunk_size=CHUNK)
        )
        url = _ClaimUrl(base_url)
        while chunk := list(islice(rows, CHUNK)):
            extras = _ChunkExtras([row[0] for row in chunk])
            for pk, article_id, title, publisher, article_url, text, kind, depth, status, assignee in chunk:
                publisher = publisher or NO_PUBLISHER
                flags_total, flags_open = extras.flags.get(pk, (0, 0))
                row = [
                    article_id,
                    title,
                    publisher,
                    pk,
                    text,
                    kind,
                    depth,
                    " -> ".join([*extras.chains.get(pk, []), publisher]),
                    status,
                    extras.evidence_url(pk, status),
                    assignee or "",
                    flags_total,
                    flags_open,
                    "; ".join(extras.discrepancies.get(pk, [])),
                    url(article_id, pk),
                    article_url,
                ]
                yield writer.writerow([cell_neutralise(value) for value in row])


class _ClaimUrl:
    """The claim's absolute URL, reversed once rather than once per row."""

    ARTICLE, CLAIM = 987654321, 987654322  # stand for the ids in the URL reversed once

    def __init__(self, base_url: str | None) -> None:
        url = absolute_url(reverse("claim_detail", args=[self.ARTICLE, self.CLAIM]), base_url=base_url)
        url = url.replace("{", "{{").replace("}", "}}")
        self.template = url.replace(str(self.ARTICLE), "{article}").replace(str(self.CLAIM), "{claim}")

    def __call__(self, article_id: int, pk: int) -> str:
        return self.template.format(article=article_id, claim=pk)


class _ChunkExtras:
    """What a chunk of rows needs besides the claim itself: four queries for the whole chunk."""

    def __init__(self, ids: list[int]) -> None:
        self.chains: dict[int, list[str]] = defaultdict(list)
        hops = Hop.objects.filter(claim_id__in=ids).order_by("claim_id", "position")
        for claim_id, name in hops.values_list("claim_id", "source__name"):
            self.chains[claim_id].append(name)
        self.verdicts: dict[int, list[tuple[Any, int, str, str]]] = defaultdict(list)
        events = ReviewEvent.objects.filter(
            claim_id__in=ids, action__in=[ReviewAction.VERDICT, ReviewAction.STATUS]
        ).values_list("claim_id", "created_at", "pk", "status_after", "evidence_url")
        for claim_id, created_at, pk, status_after, evidence_url in events:
            self.verdicts[claim_id].append((created_at, pk, status_after, evidence_url))
        self.discrepancies: dict[int, list[str]] = defaultdict(list)
        members = (
            DiscrepancyClaim.objects.filter(claim_id__in=ids)
            .order_by("discrepancy", "position")
            .values_list("claim_id", "discrepancy__about", "value")
        )
        for claim_id, about, value in members:
            self.discrepancies[claim_id].append(f"{about}: {value}" if value else about)
        counts = (
            Flag.objects.filter(claim_id__in=ids)
            .order_by()
            .values("claim_id")
            .annotate(total=Count("pk"), open=Count("pk", filter=Q(resolved_at__isnull=True)))
            .values_list("claim_id", "total", "open")
        )
        self.flags = {claim_id: (total, open_) for claim_id, total, open_ in counts}

    def evidence_url(self, claim_id: int, status: str) -> str:
        """The evidence of the event that set the claim's current verdict (the latest that moved it there)."""
        setting = [event for event in self.verdicts.get(claim_id, []) if event[2] == status]
        return max(setting)[3] if setting else ""
