"""The newsroom's reviewed articles as gold readings, in ``newsverify.gold/1`` (the evaluation format).

What counts as reviewed:

- A claim's reading is **gold** when a reviewer has stood behind it: they corrected it (its span,
  kind or chain, or added it: ``corrected_at`` is set), or recorded a verdict on it other than
  *misattributed*, or confirmed every hop of its chain. A *misattributed* verdict says the chain is
  wrong without saying what is right, so such a claim is gold only once it is also corrected.
- A claim a reviewer marked **not a claim** is a reviewer's reading too: its words are listed in
  ``not_claims`` (a prediction there counts as a false claim).
- An article is **reviewed** when it has an analysis and at least one gold claim or one claim
  marked not a claim. ``--since`` keeps the articles with a review event on or after that day.

How an article becomes a gold file (the reviewer's reading wins everywhere):

- ``claims``: the gold claims of the current reading (a claim retired by re-analysis is left out),
  as they now stand, corrections included: ``id`` ``c<claim id>`` (claim ids are stable),
  ``content`` the claim's words in the text, ``kind``, ``cue`` (the engine's cue words; null where
  there is none, as for a claim a reviewer added), ``chain`` (the source keys, origin first),
  ``evidence`` per hop where every hop's evidence is the engine's kind (a hop a reviewer set has
  evidence "reviewer", which the format does not have, and the list is then left out), ``medium``
  (the first hop medium from the origin on, where one is set). Own reporting and a claim whose
  chain a reviewer emptied are not attributed claims and are not listed.
- ``sources``: each source of a listed chain under its registry name (the key), its type, and its
  aliases: the registry's aliases, and how this article names it (its per-article mentions and the
  hops' mention text), pronouns and bare descriptions left out.
- ``ignore``: the words of the article's other current claims, the ones no reviewer has looked at,
  so the engine is neither credited nor blamed there; one that overlaps a gold claim is left out.
- ``discrepancies``: the stored discrepancy groups, with their gold claims (two at least).
- A claim's ``content`` is found in the text by its first occurrence, as the scorer does; where the
  same words stand earlier in the text, the content is widened to the right until its first
  occurrence is the claim's own.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils.text import slugify

from newsverify.articles.models import Article, ArticleStatus
from newsverify.review.models import (
    VERDICT_STATUSES,
    Claim,
    ClaimKind,
    Discrepancy,
    Evidence,
    Hop,
    ReviewEvent,
    ReviewStatus,
)
from newsverify.sources.models import ArticleSource
from newsverify.sources.names import identifies_a_source, normalise

GOLD_FORMAT = "newsverify.gold/1"
ENGINE_EVIDENCE = frozenset({Evidence.EXPLICIT, Evidence.COREFERENCE, Evidence.CONTEXT})
# A verdict that vouches for the chain it was recorded on.
CHAIN_VERDICTS = frozenset(VERDICT_STATUSES) - {ReviewStatus.MISATTRIBUTED}


def claim_is_gold(claim: Claim) -> bool:
    """Whether a reviewer stood behind this claim's reading (corrected, ruled on, or every hop confirmed).

    Reads ``claim.hops`` and ``claim.hop_reviews``: prefetch them.
    """
    if claim.not_a_claim:
        return False
    if claim.corrected_at is not None or claim.review_status in CHAIN_VERDICTS:
        return True
    positions = {hop.position for hop in claim.hops.all()}
    confirmed = {review.position for review in claim.hop_reviews.all()}
    return bool(positions) and positions <= confirmed


def _claims_prefetch() -> Prefetch:
    return Prefetch(
        "claims",
        queryset=Claim.objects.prefetch_related(
            Prefetch("hops", queryset=Hop.objects.select_related("source", "article_source").order_by("position")),
            "hop_reviews",
            "hops__source__aliases",
        ),
    )


def reviewed_candidates(
    *, article_ids: Iterable[int] | None = None, since: datetime.date | None = None
) -> QuerySet[Article]:
    """Articles that may be reviewed (a claim corrected, ruled on or with a confirmed hop), claims prefetched.

    ``reviewed_articles`` applies the exact rule to these.
    """
    touched = Q(claims__corrected_at__isnull=False) | Q(claims__review_status__in=CHAIN_VERDICTS)
    touched |= Q(claims__hop_reviews__isnull=False)
    articles = Article.objects.filter(touched).filter(Q(analysed_at__isnull=False) | Q(status=ArticleStatus.DONE))
    if article_ids is not None:
        articles = articles.filter(pk__in=list(article_ids))
    if since is not None:
        recent = ReviewEvent.objects.filter(created_at__date__gte=since, article__isnull=False)
        articles = articles.filter(pk__in=recent.values("article_id"))
    return articles.distinct().order_by("pk").prefetch_related(_claims_prefetch())


def reviewed_articles(*, article_ids: Iterable[int] | None = None, since: datetime.date | None = None) -> list[Article]:
    """The reviewed articles (the rule in this module's docstring), oldest first, claims prefetched."""
    return [
        article
        for article in reviewed_candidates(article_ids=article_ids, since=since)
        if any(claim.not_a_claim or claim_is_gold(claim) for claim in article.claims.all())
    ]


def gold_name(article: Article) -> str:
    """The file name of the article's gold pair, without extension: ``0007_drones_over_the_port``."""
    slug = slugify(article.title)[:40].strip("-").replace("-", "_")
    return f"{article.pk:04d}_{slug}" if slug else f"{article.pk:04d}"


def _content(text: str, start: int, end: int) -> str:
    """The claim's words, widened to the right until their first occurrence in the text is this one."""
    while text.find(text[start:end]) != start and end < len(text):
        end += 1
    return text[start:end]


def _letters(text: str, start: int, end: int) -> set[int]:
    return {i for i in range(start, end) if text[i].isalnum()}


@dataclass
class _SourceEntry:
    key: str
    type: str
    aliases: list[str]


def _source_entries(article: Article, hops: list[Hop]) -> dict[int, _SourceEntry]:
    """A gold source per registry source of these hops, keyed by the source's id."""
    mentions: dict[int, list[str]] = {}
    for mention in ArticleSource.objects.filter(article=article):
        mentions.setdefault(mention.source_id, []).extend([mention.name, *mention.aliases])
    for hop in hops:
        if hop.mention_text:
            mentions.setdefault(hop.source_id, []).append(hop.mention_text)
    entries: dict[int, _SourceEntry] = {}
    keys: set[str] = set()
    for hop in hops:
        source = hop.source
        if source.pk in entries:
            continue
        key = source.name
        if key in keys:
            key = f"{source.name} (#{source.pk})"
        keys.add(key)
        names = [source.name, *(alias.name for alias in source.aliases.all())]
        names += [name for name in mentions.get(source.pk, []) if identifies_a_source(name)]
        aliases, seen = [], set()
        for name in names:
            if (folded := normalise(name)) and folded not in seen:
                seen.add(folded)
                aliases.append(name)
        entries[source.pk] = _SourceEntry(key=key, type=source.type, aliases=aliases)
    return entries


def gold_reading(article: Article) -> dict[str, Any]:
    """The article's gold reading as a ``newsverify.gold/1`` dict (the rules in this module's docstring).

    Works on an article from ``reviewed_articles`` (claims prefetched) or any other.
    """
    text = article.text
    claims = sorted(article.claims.all(), key=lambda claim: (claim.span_start, claim.span_end, claim.pk))
    current = [claim for claim in claims if claim.retired_at is None]
    gold_claims = [
        claim for claim in current if claim_is_gold(claim) and claim.kind != ClaimKind.UNATTRIBUTED and claim.hops.all()
    ]
    gold_ids = {claim.pk for claim in gold_claims}
    all_hops = [hop for claim in gold_claims for hop in claim.hops.all()]
    sources = _source_entries(article, all_hops)

    entries = []
    gold_letters: set[int] = set()
    for claim in gold_claims:
        hops = list(claim.hops.all())
        content = _content(text, claim.span_start, claim.span_end)
        gold_letters |= _letters(text, claim.span_start, claim.span_start + len(content))
        entry: dict[str, Any] = {
            "id": f"c{claim.pk}",
            "content": content,
            "kind": claim.kind,
            "cue": claim.cue_text or None,
            "chain": [sources[hop.source_id].key for hop in hops],
        }
        if all(hop.evidence in ENGINE_EVIDENCE for hop in hops):
            entry["evidence"] = [hop.evidence for hop in hops]
        if medium := next((hop.medium for hop in hops if hop.medium), ""):
            entry["medium"] = medium
        entries.append(entry)

    ignore = []
    for claim in current:
        if claim.pk in gold_ids or claim.not_a_claim:
            continue
        words = text[claim.span_start : claim.span_end]
        start = text.find(words)
        if words.strip() and not _letters(text, start, start + len(words)) & gold_letters and words not in ignore:
            ignore.append(words)

    not_claims = []
    for claim in claims:
        words = text[claim.span_start : claim.span_end]
        if claim.not_a_claim and words not in not_claims:
            not_claims.append(words)

    discrepancies = []
    for discrepancy in Discrepancy.objects.filter(article=article).prefetch_related("members"):
        members = [f"c{m.claim_id}" for m in discrepancy.members.all() if m.claim_id in gold_ids]
        if len(members) >= 2:
            discrepancies.append({"about": discrepancy.about, "claims": members})

    return {
        "format": GOLD_FORMAT,
        "text_file": f"{gold_name(article)}.txt",
        "note": (
            f"The newsroom's reviewed reading of article {article.pk} ({article.title}), exported by newsverify. "
            "claims are those a reviewer corrected, ruled on (a verdict other than misattributed) or confirmed "
            "hop by hop, as they now stand; ignore holds the article's other claims, which no reviewer has "
            "looked at; not_claims the passages a reviewer marked not a claim. chain lists the sources from the "
            "origin to the last relay before the publisher (not listed); evidence is left out where a reviewer "
            "set a hop."
        ),
        "article": {"id": article.pk, "title": article.title, "publisher": article.publisher, "url": article.url},
        "sources": {entry.key: {"type": entry.type, "aliases": entry.aliases} for entry in sources.values()},
        "claims": entries,
        "ignore": ignore,
        "not_claims": not_claims,
        "discrepancies": discrepancies,
    }


@dataclass(frozen=True)
class GoldFile:
    article: Article
    name: str
    gold: dict[str, Any]


def gold_files(articles: Iterable[Article]) -> Iterator[GoldFile]:
    for article in articles:
        yield GoldFile(article=article, name=gold_name(article), gold=gold_reading(article))


def gold_write(folder: Path, files: Iterable[GoldFile]) -> list[Path]:
    """Write ``NAME.txt`` (the article's text exactly) and ``NAME.gold.json`` for each; the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for item in files:
        text_path = folder / f"{item.name}.txt"
        gold_path = folder / f"{item.name}.gold.json"
        with open(text_path, "w", encoding="utf-8", newline="") as handle:
            handle.write(item.article.text)
        gold_path.write_text(json.dumps(item.gold, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        written += [text_path, gold_path]
    return written
