"""A synthetic archive for measuring pages at newsroom scale: articles stored through the real store.

``synthetic_article`` writes an article's text and the engine's ``ChainReport`` for it together
(every span is an offset into that text), so no spaCy run is needed per article;
``archive_generate`` stores each report with ``analysis_store``, exactly as a worker would, then
gives a share of the claims a review record (assignees, verdicts, flags, comments), written in bulk.
The words are made up from small lists; nothing comes from a real article.
"""

from __future__ import annotations

import datetime
import multiprocessing
import queue
import random
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import OperationalError, connection, connections, transaction

from newsverify.articles.analysis_store import analysis_store
from newsverify.articles.models import Article, ArticleStatus
from newsverify.articles.services import article_content_hash
from newsverify.attribution import (
    ENGINE_VERSION,
    Attribution,
    ChainReport,
    Claim,
    ClaimKind,
    Discrepancy,
    Evidence,
    Hop,
    Source,
    SourceMention,
    SourceType,
    Span,
)
from newsverify.review.models import Claim as ClaimRow
from newsverify.review.models import Comment, Flag, ReviewAction, ReviewEvent, ReviewStatus
from newsverify.review.source_citations import source_citations_deferred, source_citations_recount
from newsverify.sources.services import SourceName, sources_resolve

PUBLISHERS = [
    f"{town} {paper}"
    for town in ("Valmor", "Northfield", "Eastport", "Calder", "Brightwater", "Oakham", "Redcliff", "Linden")
    for paper in ("Herald", "Gazette", "Times", "Courier", "Post")
]
AGENCIES = ["Reuters", "Associated Press", "AFP", "TASS", "Interfax", "Xinhua", "Anadolu", "Kyodo", "ANSA", "EFE"]
OUTLETS = ["CNN", "BBC", "Al Jazeera", "Der Spiegel", "Le Monde", "The Guardian", "NHK", "Kyiv Independent"]
BODIES = [
    f"{country} {body}"
    for country in ("Valmoran", "Northlandic", "Ostrian", "Calderan", "Meridian", "Sorvian")
    for body in ("Defence Ministry", "Foreign Ministry", "Health Ministry", "Interior Ministry", "Energy Agency")
]
COMPANIES = [
    f"{stem} {suffix}"
    for stem in ("Norland", "Vexa", "Orbis", "Kestrel", "Halden")
    for suffix in ("Energy", "Motors", "Group")
]
FIRST = [
    "Ana",
    "Boris",
    "Chen",
    "Dara",
    "Elif",
    "Femi",
    "Greta",
    "Hiro",
    "Ines",
    "Jonas",
    "Kasia",
    "Luis",
    "Mara",
    "Nils",
]
LAST = [
    "Ortega",
    "Petrov",
    "Quinn",
    "Rossi",
    "Sato",
    "Tanaka",
    "Umar",
    "Varga",
    "Weber",
    "Xu",
    "Yilmaz",
    "Zorin",
    "Brandt",
]
ANONYMOUS = ["officials", "a senior official", "sources familiar with the matter", "two diplomats", "residents"]

SUBJECTS = ["the ministry", "the army", "the company", "the council", "rescue teams", "the port authority", "police"]
VERBS = ["intercepted", "counted", "reported", "recorded", "evacuated", "detained", "repaired", "found"]
OBJECTS = ["drones", "people", "vehicles", "buildings", "ships", "suspects", "power lines", "villages"]
PLACES = ["near the border", "in the capital", "on the coast", "in the north", "overnight", "since Monday"]
CUES = ["said", "told reporters", "said in a statement", "wrote on Telegram", "confirmed"]
DEPTHS = (0, 1, 1, 1, 2, 2, 3, 0, 1, 2, 4)  # drawn uniformly: about 18% own reporting, 36% firsthand


@dataclass(frozen=True)
class SyntheticArticle:
    title: str
    publisher: str
    published_on: datetime.date | None
    text: str
    report: ChainReport


class _Writer:
    """Builds the text piece by piece and hands back the span of each piece written."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, piece: str) -> Span:
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return Span(start, self.length, piece)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _source_pool(rng: random.Random) -> list[tuple[str, SourceType, tuple[str, ...]]]:
    """The sources one article may quote: mostly shared registry names, some anonymous."""
    kind = rng.random()
    if kind < 0.15:
        return [(rng.choice(ANONYMOUS), SourceType.ANONYMOUS, ())]
    if kind < 0.35:
        return [(rng.choice(BODIES), SourceType.GOVERNMENT_BODY, ())]
    if kind < 0.45:
        return [(rng.choice(COMPANIES), SourceType.COMPANY, ())]
    return [(f"{rng.choice(FIRST)} {rng.choice(LAST)}", SourceType.PERSON, ())]


def synthetic_article(rng: random.Random, *, number: int, claims: int) -> SyntheticArticle:
    """One article of ``claims`` claims (some own reporting, chains of one to four hops) and its report."""
    publisher = rng.choice(PUBLISHERS)
    writer = _Writer()
    writer.add(f"Report {number}: {rng.choice(SUBJECTS).capitalize()} {rng.choice(VERBS)} {rng.choice(OBJECTS)}\n\n")
    sources: dict[tuple[str, SourceType], Source] = {}

    def source(name: str, type: SourceType, aliases: tuple[str, ...] = ()) -> Source:
        key = (name, type)
        if key not in sources:
            sources[key] = Source(id=f"s{len(sources) + 1}", name=name, type=type, aliases=aliases)
        return sources[key]

    found: list[Claim] = []
    attributions: list[Attribution] = []
    figures: dict[str, list[tuple[str, str]]] = {}
    for index in range(1, claims + 1):
        if index > 1:
            writer.add("\n\n" if index % 4 == 1 else " ")
        depth = rng.choice(DEPTHS)
        figure = str(rng.randint(2, 90))
        things = rng.choice(OBJECTS)
        content = (
            f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {figure} {things} {rng.choice(PLACES)} ({number}.{index})"
        )
        claim_id = f"c{index}"
        figures.setdefault(things, []).append((claim_id, figure))
        if depth == 0:
            span = writer.add(content[0].upper() + content[1:] + ".")
            found.append(
                Claim(id=claim_id, start=span.start, end=span.end, text=span.text, kind=ClaimKind.UNATTRIBUTED)
            )
            continue
        # Origin first, then the relays: "<relay> reported, citing <relay>, that <origin> <cue> <content>."
        origin_name, origin_type, origin_aliases = _source_pool(rng)[0]
        chain_sources = [source(origin_name, origin_type, origin_aliases)]
        for _ in range(depth - 1):
            relay = rng.choice(AGENCIES + OUTLETS)
            chain_sources.append(source(relay, SourceType.NEWS_AGENCY if relay in AGENCIES else SourceType.NEWS_OUTLET))
        mentions: dict[int, Span] = {}
        for position in range(depth - 1, 0, -1):
            mentions[position] = writer.add(chain_sources[position].name)
            writer.add(" reported that " if position == depth - 1 else ", citing ")
        mentions[0] = writer.add(chain_sources[0].name[0].upper() + chain_sources[0].name[1:])
        writer.add(" ")
        cue = writer.add(rng.choice(CUES))
        writer.add(" that ")
        span = writer.add(content)
        writer.add(".")
        hops = tuple(
            Hop(
                source=chain_sources[position].id,
                evidence=Evidence.EXPLICIT if position == 0 or rng.random() < 0.7 else Evidence.CONTEXT,
                medium="statement" if "statement" in cue.text else ("Telegram" if "Telegram" in cue.text else None),
                mention=mentions[position],
                confidence=round(rng.uniform(0.3, 0.99), 2),
            )
            for position in range(depth)
        )
        kind = rng.choice((ClaimKind.INDIRECT, ClaimKind.INDIRECT, ClaimKind.ACCORDING_TO, ClaimKind.BELIEF))
        found.append(
            Claim(
                id=claim_id,
                start=span.start,
                end=span.end,
                text=span.text,
                kind=kind,
                cue=cue,
                chain=hops,
                attribution=f"a{index}",
                confidence=round(rng.uniform(0.4, 0.99), 2),
            )
        )
        attributions.append(
            Attribution(
                id=f"a{index}",
                content=span,
                cue=cue,
                source=SourceMention(mentions[0].start, mentions[0].end, mentions[0].text, source_id=hops[0].source),
            )
        )
    discrepancies = tuple(
        Discrepancy(
            id=f"d{n}",
            about=f"{things} counted",
            claims=tuple(c for c, _ in pairs[:3]),
            values=tuple(v for _, v in pairs[:3]),
        )
        for n, (things, pairs) in enumerate(sorted(figures.items()), start=1)
        if len(pairs) >= 3 and rng.random() < 0.2
    )
    published_on = (
        None if rng.random() < 0.1 else datetime.date(2026, 1, 1) + datetime.timedelta(days=rng.randint(0, 330))
    )
    return SyntheticArticle(
        title=writer.parts[0].strip(),
        publisher=publisher,
        published_on=published_on,
        text=writer.text,
        report=ChainReport(
            publisher=publisher,
            sources=tuple(sources.values()),
            claims=tuple(found),
            discrepancies=discrepancies,
            attributions=tuple(attributions),
            engine_version=ENGINE_VERSION,
            model="synthetic",
        ),
    )


def claims_per_article(rng: random.Random, *, mean: int) -> int:
    """Mostly around ``mean``, a long tail of big articles (one in a hundred about ten times it)."""
    if rng.random() < 0.01:
        return mean * rng.randint(5, 12)
    return max(1, int(rng.gauss(mean, mean / 3)))


def _archive_users(prefix: str) -> tuple[list, list]:
    """A few editors and fact-checkers (no password) who flag, comment and rule on claims."""
    User = get_user_model()
    made = {"Editor": [], "Fact-checker": []}
    for group_name, stem, count in (("Editor", "editor", 4), ("Fact-checker", "checker", 6)):
        group = Group.objects.get(name=group_name)
        for n in range(1, count + 1):
            user, created = User.objects.get_or_create(username=f"{prefix}-{stem}-{n}")
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
            user.groups.add(group)
            made[group_name].append(user)
    return made["Editor"], made["Fact-checker"]


VERDICTS = [ReviewStatus.VERIFIED, ReviewStatus.DISPUTED, ReviewStatus.FALSE, ReviewStatus.MISATTRIBUTED]


def _review_some(
    seed: int, numbered: dict[int, int], *, editors: list, checkers: list
) -> tuple[list[ClaimRow], list[Flag], list[Comment], list[ReviewEvent]]:
    """A review record for a share of the articles' claims (``numbered``: article id -> its number):
    about 8% assigned, 6% with a status (with its audit record), 3% flagged (a third of those
    resolved), 4% with comments. Each article draws from its own seed, in the order of its text,
    so the archive is the same however it is cut into batches or processes. Returns the rows to write."""
    claims = (
        ClaimRow.objects.current()
        .filter(article_id__in=list(numbered))
        .only("pk", "article_id", "text", "assignee", "review_status")
        .order_by("article_id", "span_start", "pk")
    )
    changed, flags, comments, events = [], [], [], []
    rngs: dict[int, random.Random] = {}
    for claim in claims:
        rng = rngs.get(claim.article_id)
        if rng is None:
            number = numbered[claim.article_id]
            rng = rngs[claim.article_id] = random.Random(f"{seed}:review:{number}")  # nosec B311 - synthetic data
        touched = False
        if rng.random() < 0.08:
            claim.assignee = rng.choice(checkers)
            touched = True
        if rng.random() < 0.06:
            status = rng.choice([ReviewStatus.NEEDS_PRIMARY_SOURCE, *VERDICTS])
            claim.review_status = status
            touched = True
            events.append(
                ReviewEvent(
                    article_id=claim.article_id,
                    claim=claim,
                    claim_text=claim.text,
                    actor=rng.choice(checkers),
                    action=ReviewAction.VERDICT if status in VERDICTS else ReviewAction.STATUS,
                    status_before=ReviewStatus.UNREVIEWED,
                    status_after=status,
                    evidence_url="https://example.org/evidence" if status in VERDICTS else "",
                )
            )
        if touched:
            changed.append(claim)
        if rng.random() < 0.03:
            resolved = rng.random() < 0.33
            flags.append(
                Flag(
                    claim=claim,
                    created_by=rng.choice(editors),
                    note="Needs a second source.",
                    resolved_by=rng.choice(checkers) if resolved else None,
                    resolved_at=datetime.datetime.now(tz=datetime.UTC) if resolved else None,
                )
            )
        if rng.random() < 0.04:
            for n in range(rng.randint(1, 3)):
                comments.append(
                    Comment(claim=claim, author=rng.choice(editors + checkers), body=f"Checking this ({n + 1}).")
                )
    return changed, flags, comments, events


# Transient failures of a batch's transaction that a second try can get past: a deadlock, a
# serialisation failure (two processes registering the same names at once).
_RETRY_STATES = {"40P01", "40001"}
_RETRIES = 5


def _batch_store(numbers: Sequence[int], *, seed: int, mean_claims: int, editors: list, checkers: list) -> int:
    """Add the articles ``numbers`` in one transaction: each one's report through ``analysis_store``,
    then their review records in bulk. Returns the claims stored."""
    made = []
    for number in numbers:
        rng = random.Random(f"{seed}:{number}")  # nosec B311 - synthetic test data, not a secret
        article = synthetic_article(rng, number=number, claims=claims_per_article(rng, mean=mean_claims))
        made.append((number, article, rng.choice(editors)))
    for attempt in range(1, _RETRIES + 1):
        try:
            with transaction.atomic():
                rows = Article.objects.bulk_create(
                    [
                        Article(
                            title=article.title,
                            publisher=article.publisher,
                            published_on=article.published_on,
                            text=article.text,
                            content_hash=article_content_hash(article.text),
                            status=ArticleStatus.ANALYSING,
                            submitted_by=editor,
                        )
                        for _, article, editor in made
                    ]
                )
                for row, (_, article, _) in zip(rows, made, strict=True):
                    analysis_store(article_id=row.pk, report=article.report)
                changed, flags, comments, events = _review_some(
                    seed,
                    {row.pk: number for row, (number, _, _) in zip(rows, made, strict=True)},
                    editors=editors,
                    checkers=checkers,
                )
                ClaimRow.objects.bulk_update(changed, ["assignee", "review_status"], batch_size=500)
                Flag.objects.bulk_create(flags, batch_size=500)
                Comment.objects.bulk_create(comments, batch_size=500)
                ReviewEvent.objects.bulk_create(events, batch_size=500)
            return sum(len(article.report.claims) for _, article, _ in made)
        except OperationalError as error:
            if getattr(error.__cause__, "sqlstate", None) not in _RETRY_STATES or attempt == _RETRIES:
                raise
            time.sleep(0.1 * attempt)
    raise AssertionError("unreachable")  # pragma: no cover


def _registry_names() -> list[SourceName]:
    """Every name the generator draws a named source from (anonymous ones never join across articles)."""
    return [
        *(SourceName(f"{first} {last}", SourceType.PERSON.value) for first in FIRST for last in LAST),
        *(SourceName(name, SourceType.GOVERNMENT_BODY.value) for name in BODIES),
        *(SourceName(name, SourceType.COMPANY.value) for name in COMPANIES),
        *(SourceName(name, SourceType.NEWS_AGENCY.value) for name in AGENCIES),
        *(SourceName(name, SourceType.NEWS_OUTLET.value) for name in OUTLETS),
    ]


def _job(batches: list[Sequence[int]], messages: Any, options: dict[str, Any]) -> None:
    """One process's share of the batches (``--jobs``): progress and the outcome go to ``messages``."""
    try:
        with source_citations_deferred():
            for numbers in batches:
                messages.put(("progress", len(numbers), _batch_store(numbers, **options)))
        messages.put(("done", 0, 0))
    except BaseException:
        messages.put(("failed", 0, traceback.format_exc()))
        raise
    finally:
        connections.close_all()


def _jobs_run(batches: list[Sequence[int]], jobs: int, options: dict[str, Any], progress: Progress) -> int:
    """The batches in ``jobs`` processes (forked, each with its own connection), every ``jobs``-th batch each."""
    connections.close_all()  # a forked process must not share the parent's connection
    context = multiprocessing.get_context("fork")
    messages = context.Queue()
    processes = [context.Process(target=_job, args=(batches[k::jobs], messages, options)) for k in range(jobs)]
    for process in processes:
        process.start()
    done = claims = finished = 0
    failure = ""
    try:
        while finished < len(processes):
            try:
                kind, articles, value = messages.get(timeout=5)
            except queue.Empty:
                if any(process.exitcode not in (None, 0) for process in processes) and messages.empty():
                    failure = failure or "a generating process died"
                    break
                continue
            if kind == "progress":
                done += articles
                claims += value
                progress(done, claims)
            elif kind == "failed":
                failure = value
                break
            else:
                finished += 1
    finally:
        for process in processes:
            if failure and process.is_alive():
                process.terminate()
            process.join()
    if failure:
        raise RuntimeError(f"generate_archive: a process failed (its batches are rolled back):\n{failure}")
    return claims


Progress = Callable[[int, int], None]


def archive_generate(
    *,
    articles: int,
    mean_claims: int = 20,
    seed: int = 1,
    batch: int = 50,
    jobs: int = 1,
    prefix: str = "archive",
    progress: Progress | None = None,
) -> int:
    """Add ``articles`` synthetic articles, each analysed through ``analysis_store``; returns the
    number of claims stored. Numbered after the articles already there, so running it again adds more.

    ``batch`` articles are written per transaction; ``jobs`` processes (PostgreSQL only) each take
    every ``jobs``-th batch. An article's text, its reading and its review record depend only on the
    seed and its number, so the same seed gives the same archive whatever ``batch`` and ``jobs``.
    The sources' kept counts are not moved article by article (``source_citations_deferred``) but
    counted once at the end (``source_citations_recount``); with several jobs the named sources are
    registered first, so that the processes only read them, never race to create them.
    """
    editors, checkers = _archive_users(prefix)
    start = Article.objects.count()
    numbers = range(start, start + articles)
    batches = [numbers[first : first + batch] for first in range(0, articles, max(1, batch))]
    options = {"seed": seed, "mean_claims": mean_claims, "editors": editors, "checkers": checkers}
    report = progress or (lambda done, claims: None)
    if jobs > 1 and connection.vendor == "sqlite":
        raise ValueError("Several jobs need PostgreSQL: SQLite takes one writer at a time.")
    try:
        with source_citations_deferred():
            if jobs > 1 and len(batches) > 1:
                sources_resolve(_registry_names())
                claims = _jobs_run(batches, jobs, options, report)
            else:
                done = claims = 0
                for numbers_ in batches:
                    claims += _batch_store(numbers_, **options)
                    done += len(numbers_)
                    report(done, claims)
    finally:
        # Also after a failure: the batches committed before it are counted.
        source_citations_recount()
    return claims
