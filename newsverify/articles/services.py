"""Writes for articles: submitting, queueing analysis, storing the engine's report."""

from __future__ import annotations

import datetime
import hashlib
import re
import unicodedata
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from newsverify.articles.models import Article, ArticleStatus
from newsverify.review.models import (
    Attribution,
    Claim,
    ClaimKind,
    Discrepancy,
    DiscrepancyClaim,
    Hop,
)
from newsverify.sources.models import ArticleSource, SourceType
from newsverify.sources.services import source_resolve

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from newsverify.attribution import ChainReport, Span


def web_address_check(url: str, *, label: str = "The URL") -> str:
    """``url`` stripped, if it is an http(s) address; ValueError otherwise. Empty stays empty."""
    url = url.strip()
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise ValueError(f"{label} {url[:100]!r} is not an http or https address.") from None
    return url


class DuplicateArticle(Exception):
    def __init__(self, existing: Article) -> None:
        super().__init__(f"Already uploaded as article {existing.pk}")
        self.existing = existing


def article_text_normalise(text: str) -> str:
    """The text as stored and analysed: NFC, Unix newlines, no trailing blank space."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


def article_content_hash(text: str) -> str:
    """Same article, same hash, whatever the spacing: whitespace runs count as one space."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


def article_title_from_text(text: str) -> str:
    """The first line, or its first sentence, shortened at a word to fit a list row."""
    first_line = text.strip().split("\n", 1)[0].strip()
    sentence = re.split(r"(?<=[.!?])\s", first_line, maxsplit=1)[0]
    title = sentence if len(sentence) >= 20 else first_line
    return title if len(title) <= 100 else title[:99].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"


@transaction.atomic
def article_submit(
    *,
    text: str,
    title: str = "",
    publisher: str = "",
    url: str = "",
    published_on: datetime.date | None = None,
    by: AbstractBaseUser | None,
    enqueue: bool = True,
) -> Article:
    """Store a new article and queue its analysis; raises DuplicateArticle if the text is known.

    ``enqueue=False`` is for callers that analyse the article themselves (``load_seeds``).
    """
    from newsverify.articles.tasks import analyse_article

    text = article_text_normalise(text)
    if not text:
        raise ValueError("An article needs some text.")
    url = web_address_check(url)
    content_hash = article_content_hash(text)
    existing = Article.objects.filter(content_hash=content_hash).first()
    if existing is not None:
        raise DuplicateArticle(existing)
    try:
        with transaction.atomic():
            article = Article.objects.create(
                text=text,
                content_hash=content_hash,
                title=(title.strip() or article_title_from_text(text))[:500],
                publisher=publisher.strip()[:300],
                url=url,
                published_on=published_on,
                submitted_by=by,
            )
    except IntegrityError:
        # Someone uploaded the same text a moment ago, between our check and our insert.
        raise DuplicateArticle(Article.objects.get(content_hash=content_hash)) from None
    if enqueue:
        analyse_article.delay_on_commit(article.pk)
    return article


@transaction.atomic
def article_reanalyse(*, article: Article, by: AbstractBaseUser | None) -> Article:
    """Queue the article for a fresh analysis; current results stay visible until it finishes."""
    from newsverify.articles.tasks import analyse_article

    Article.objects.filter(pk=article.pk).update(
        status=ArticleStatus.QUEUED, failure_reason="", updated_at=timezone.now()
    )
    article.refresh_from_db()
    analyse_article.delay_on_commit(article.pk)
    return article


def article_analysis_start(*, article_id: int) -> Article | None:
    """Mark the article as being analysed; None if it no longer exists.

    Deliberately unconditional: under acks_late a message is redelivered when a worker dies
    mid-analysis, and that delivery must be able to pick up an article left "analysing". Two
    deliveries racing is harmless because analysis_store replaces results under a row lock.
    """
    now = timezone.now()
    changed = Article.objects.filter(pk=article_id).update(
        status=ArticleStatus.ANALYSING, failure_reason="", analysis_started_at=now, updated_at=now
    )
    if not changed:
        return None
    return Article.objects.get(pk=article_id)


def article_analysis_fail(*, article_id: int, reason: str) -> None:
    now = timezone.now()
    Article.objects.filter(pk=article_id).update(
        status=ArticleStatus.FAILED, failure_reason=reason.strip() or "The analysis failed.", updated_at=now
    )


def article_analyse(*, article: Article) -> Article:
    """Run the engine on the article and store its report (the slow part runs outside a transaction)."""
    from newsverify.attribution import extract_chains

    report = extract_chains(article.text, publisher=article.publisher or None, model=settings.NEWSVERIFY_SPACY_MODEL)
    return analysis_store(article_id=article.pk, report=report)


def _span(value: Span | None, text_length: int) -> tuple[int | None, int | None, str]:
    """A span's columns, or empty columns when the span is missing or outside the text."""
    if value is None or not (0 <= value.start <= value.end <= text_length):
        return None, None, ""
    return value.start, value.end, value.text[:300]


@transaction.atomic
def analysis_store(*, article_id: int, report: ChainReport) -> Article:
    """Replace the article's claims, chains, spans and discrepancies with ``report``.

    One transaction with the article row locked: running twice, or two workers racing on a
    redelivered message, leaves exactly one copy. Review work survives re-analysis: flags and
    events move to the new claim with the same text, which keeps its review status.
    """
    article = Article.objects.select_for_update().get(pk=article_id)
    old_claims = list(article.claims.all())
    # Free the engine keys ("c1", ...) for the new claims; old rows live until review work has moved.
    article.claims.update(engine_key=Concat(Value("old-"), Cast("id", output_field=CharField())))
    Discrepancy.objects.filter(article=article).delete()
    Attribution.objects.filter(article=article).delete()
    Hop.objects.filter(claim__article=article).delete()
    ArticleSource.objects.filter(article=article).delete()

    article_sources = _store_sources(article, report)
    claims = _store_claims(article, report, article_sources)
    _carry_review_over(old_claims, list(claims.values()))
    Claim.objects.filter(pk__in=[claim.pk for claim in old_claims]).delete()
    _store_attributions(article, report, article_sources)
    _store_discrepancies(article, report, claims)

    now = timezone.now()
    Article.objects.filter(pk=article.pk).update(
        status=ArticleStatus.DONE,
        failure_reason="",
        engine_version=report.engine_version[:50],
        engine_model=report.model[:100],
        analysed_at=now,
        updated_at=now,
    )
    article.refresh_from_db()
    return article


def _store_sources(article: Article, report: ChainReport) -> dict[str, ArticleSource]:
    """The report's sources as registry rows plus this article's mentions, by engine source id."""
    article_sources: dict[str, ArticleSource] = {}
    for source in report.sources:
        registry = source_resolve(name=source.name, type=source.type.value, aliases=source.aliases)
        article_sources[source.id] = ArticleSource.objects.create(
            article=article,
            source=registry,
            engine_key=source.id,
            name=source.name[:300],
            type=source.type.value if source.type.value in SourceType.values else SourceType.OTHER,
            aliases=list(source.aliases),
        )
    return article_sources


def _store_claims(article: Article, report: ChainReport, article_sources: dict[str, ArticleSource]) -> dict[str, Claim]:
    """Claims and their hops, by engine claim id. Spans outside the text are dropped, not stored."""
    text_length = len(article.text)
    unsaved: dict[str, Claim] = {}
    for found in report.claims:
        if not (0 <= found.start <= found.end <= text_length):
            continue
        cue_start, cue_end, cue_text = _span(found.cue, text_length)
        unsaved[found.id] = Claim(
            article=article,
            engine_key=found.id,
            span_start=found.start,
            span_end=found.end,
            text=found.text,
            kind=found.kind.value if found.kind.value in ClaimKind.values else ClaimKind.INDIRECT,
            depth=found.depth,
            cue_start=cue_start,
            cue_end=cue_end,
            cue_text=cue_text,
            confidence=found.confidence,
        )
    Claim.objects.bulk_create(unsaved.values())
    claims = {claim.engine_key: claim for claim in article.claims.filter(engine_key__in=list(unsaved))}

    hops = []
    for found in report.claims:
        if found.id not in claims:
            continue
        for position, hop in enumerate(found.chain):
            article_source = article_sources.get(hop.source)
            if article_source is None:
                continue
            mention_start, mention_end, mention_text = _span(hop.mention, text_length)
            hops.append(
                Hop(
                    claim=claims[found.id],
                    position=position,
                    source_id=article_source.source_id,
                    article_source=article_source,
                    evidence=hop.evidence.value,
                    medium=(hop.medium or "")[:200],
                    mention_start=mention_start,
                    mention_end=mention_end,
                    mention_text=mention_text,
                    confidence=hop.confidence,
                )
            )
    Hop.objects.bulk_create(hops)
    return claims


def _store_attributions(article: Article, report: ChainReport, article_sources: dict[str, ArticleSource]) -> None:
    text_length = len(article.text)
    stored: dict[str, Attribution] = {}
    for relation in report.attributions:
        content_start, content_end, _ = _span(relation.content, text_length)
        if content_start is None:
            continue
        cue_start, cue_end, _ = _span(relation.cue, text_length)
        source_start, source_end, source_text = _span(relation.source, text_length)
        mention = relation.source
        article_source = article_sources.get(mention.source_id or "") if mention else None
        stored[relation.id] = Attribution.objects.create(
            article=article,
            engine_key=relation.id,
            content_start=content_start,
            content_end=content_end,
            cue_start=cue_start,
            cue_end=cue_end,
            source_start=source_start,
            source_end=source_end,
            source_text=source_text,
            source_id=article_source.source_id if article_source else None,
        )
    for relation in report.attributions:
        if relation.id in stored and relation.parent in stored:
            Attribution.objects.filter(pk=stored[relation.id].pk).update(parent=stored[relation.parent])


def _store_discrepancies(article: Article, report: ChainReport, claims: dict[str, Claim]) -> None:
    for group in report.discrepancies:
        members = [(position, key) for position, key in enumerate(group.claims) if key in claims]
        if len(members) < 2:
            continue
        # Values line up with claims when the engine gives one per claim; otherwise keep none.
        values = list(group.values) if len(group.values) == len(group.claims) else []
        discrepancy = Discrepancy.objects.create(article=article, engine_key=group.id, about=group.about[:300])
        DiscrepancyClaim.objects.bulk_create(
            DiscrepancyClaim(
                discrepancy=discrepancy,
                claim=claims[key],
                position=position,
                value=values[position][:100] if values else "",
            )
            for position, key in members
        )


def _carry_review_over(old_claims: list[Claim], new_claims: list[Claim]) -> None:
    from newsverify.review.services import claim_review_move  # review.services imports this module

    by_span = {(c.span_start, c.span_end, c.text): c for c in new_claims}
    by_text = {c.text: c for c in reversed(new_claims)}
    taken: set[int] = set()
    for old in old_claims:
        new = by_span.get((old.span_start, old.span_end, old.text)) or by_text.get(old.text)
        if new is None or new.pk in taken:
            continue
        taken.add(new.pk)
        claim_review_move(old=old, new=new)
