"""Writes for articles: submitting, queueing analysis, storing the engine's report."""

from __future__ import annotations

import datetime
import functools
import hashlib
import logging
import re
import time
import unicodedata
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from newsverify.articles.analysis_store import analysis_store
from newsverify.articles.changes import articles_changed
from newsverify.articles.models import Article, ArticleStatus
from newsverify.articles.recovery import article_send
from newsverify.articles.uploads import UploadRejected, text_check
from newsverify.web_address import web_address_check

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

logger = logging.getLogger(__name__)


class ArticleRejected(ValueError):
    """The text cannot become an article; ``str(exc)`` says why, ``field`` names the input at fault."""

    def __init__(self, message: str, *, field: str = "text") -> None:
        super().__init__(message)
        self.field = field


def article_text_check(text: object, *, label: str = "The text") -> str:
    """The rule every door (web form, upload, API, commands) applies to an article's text.

    ArticleRejected unless ``text`` is a string with visible characters, within
    ``NEWSVERIFY_MAX_ARTICLE_CHARS``, and not full of control characters.
    """
    if not isinstance(text, str):
        raise ArticleRejected(f"{label} must be a string, not {type(text).__name__}.")
    try:
        return text_check(text, max_chars=settings.NEWSVERIFY_MAX_ARTICLE_CHARS, label=label)
    except UploadRejected as exc:
        raise ArticleRejected(str(exc)) from None


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

    ArticleRejected (a ValueError) when the text breaks ``article_text_check`` or the URL is not a
    web address: the same rule for the web form, uploads, the API and the management commands.

    The analysis is sent to the broker once the article is committed; if the broker is down the
    article is kept, ``article.waiting_for_queue`` is true and the workers send it when the broker
    is back (articles/recovery.py). ``enqueue=False`` is for callers that analyse the article
    themselves (``load_seeds``).
    """
    if isinstance(text, str) and not text.strip():
        raise ArticleRejected("An article needs some text.")
    text = article_text_normalise(article_text_check(text))
    try:
        url = web_address_check(url)
    except ValueError as exc:
        raise ArticleRejected(str(exc), field="url") from None
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
        transaction.on_commit(functools.partial(article_send, article=article))
    return article


@transaction.atomic
def article_reanalyse(*, article: Article, by: AbstractBaseUser | None) -> Article:
    """Queue the article for a fresh analysis; current results stay visible until it finishes.

    Also the way out for an article stuck *analysing* or waiting for the queue: it starts again
    with its attempts counted from zero. Sent after commit, as ``article_submit`` sends.
    """
    Article.objects.filter(pk=article.pk).update(
        status=ArticleStatus.QUEUED, failure_reason="", enqueued_at=None, analysis_attempts=0, updated_at=timezone.now()
    )
    article.refresh_from_db()
    transaction.on_commit(functools.partial(article_send, article=article))
    return article


def article_analysis_fail(*, article_id: int, reason: str) -> None:
    now = timezone.now()
    Article.objects.filter(pk=article_id).update(
        status=ArticleStatus.FAILED, failure_reason=reason.strip() or "The analysis failed.", updated_at=now
    )
    articles_changed([article_id])


def article_analyse(*, article: Article) -> Article:
    """Run the engine on the article and store its report (the slow part runs outside a transaction).

    Logs where the time went: parsing, the engine's rules, storing, in wall time, and the process's CPU
    time in the engine and in the store (``benchmarks/ingest.py`` reads it).
    """
    from newsverify.attribution import extract_chains

    timings: dict[str, float] = {}
    engine_cpu = time.process_time()
    report = extract_chains(
        article.text, publisher=article.publisher or None, model=settings.NEWSVERIFY_SPACY_MODEL, timings=timings
    )
    started, store_cpu = time.perf_counter(), time.process_time()
    engine_cpu = store_cpu - engine_cpu
    stored = analysis_store(article_id=article.pk, report=report)
    logger.info(
        "Article %s timings: parse %.4fs rules %.4fs store %.4fs (%d claims); cpu engine %.4fs store %.4fs",
        article.pk,
        timings.get("parse", 0.0),
        timings.get("rules", 0.0),
        time.perf_counter() - started,
        len(report.claims),
        engine_cpu,
        time.process_time() - store_cpu,
    )
    return stored
