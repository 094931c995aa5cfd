"""Storing the engine's report: the mapping from a ``ChainReport`` to rows, and claim identity.

A claim keeps its row (its id, URL, verdict, flags, comments, events and assignee) across
re-analysis and across engine versions. The new reading is matched to the article's claims
one-to-one, best pair first (``claims_match``). A pair qualifies by one of two rules:

1. **same span**: the same start and end in the text (whatever the engine now says about it);
2. **overlapping span, same origin, similar content**: the spans overlap by at least
   ``MIN_OVERLAP`` of their union, and both chains start at the same source (the same registry
   source, or the same normalised name), or neither has a chain (own reporting). For a corrected
   claim the origin is not compared: it is the reviewer's, and may be exactly what they put right.

Pairs are taken best first: rule 1 before rule 2, a current claim before a retired one, then the
larger overlap, then the nearer start, then the older claim; each claim is in one pair at most.

- A matched claim is updated in place from the new reading; its hops are rewritten position by
  position, and a hop confirmation (``HopReview``) stays while the hop at its position has the
  same source (otherwise the link it confirmed is gone, and so is the confirmation; its event stays).
  A retired claim that is matched again comes back.
- A claim of the new reading with no match is a new row.
- A claim the new reading no longer has is **retired**, never deleted: ``retired_at`` is set and
  ``superseded_by`` names the current claim that overlaps it most (null if none). Its hops and its
  review record stay, so its URL and exports keep working.
- A **corrected** claim (``corrected_at``) is the reviewer's: analysis never changes its span,
  kind, text, depth or hops, and never retires it. When the engine's reading of that place differs
  (or the engine reads no claim there), the reading is kept in ``engine_suggestion``. A corrected
  claim that is also retired (a reviewer's "not a claim") stays retired, and still absorbs the
  engine's reading of its place, so the engine's claim does not come back as a new row. Of a
  corrected claim's hops, only ``article_source`` (the per-article mention) is re-pointed, to this
  analysis's mention of the same name, or to none.

Everything happens in one transaction with the article row locked, so running twice (or two
workers racing on a redelivered message) leaves the same rows with the same ids.
"""

from __future__ import annotations

import bisect
import functools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.db.models import CharField, Prefetch, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from newsverify.articles.changes import articles_changed
from newsverify.articles.models import Article, ArticleStatus
from newsverify.review.models import (
    Attribution,
    Claim,
    ClaimKind,
    Discrepancy,
    DiscrepancyClaim,
    Hop,
    HopReview,
)
from newsverify.review.source_citations import article_citations, citations_count, source_citations_shift
from newsverify.rows import rows_ids, rows_insert, rows_together, rows_update
from newsverify.sources.models import ArticleSource, Source, SourceType
from newsverify.sources.names import identifies_a_source, normalise
from newsverify.sources.services import SourceName, source_ids_resolve_in_transaction

if TYPE_CHECKING:
    from newsverify.attribution import ChainReport, Span
    from newsverify.attribution import Claim as EngineClaim

# Rule 2: the share of the two spans' union that they must have in common.
MIN_OVERLAP = 0.5
# The choices' values, once (Django's ``Choices.values`` builds a new list on every access).
CLAIM_KINDS = frozenset(ClaimKind.values)
SOURCE_TYPES = frozenset(SourceType.values)
# A new claim's review status, as its row's default gives it.
NEW_CLAIM_STATUS = Claim._meta.get_field("review_status").default


@dataclass(eq=False, slots=True)
class _Mention:
    """A new mention of a source in the article, as its row's columns (no model instance: a store
    of a short article spent a tenth of its CPU making and filling them)."""

    pk: int | None
    source_id: int
    engine_key: str
    name: str
    type: str
    aliases: list[str]


@dataclass(eq=False, slots=True)
class _NewClaim:
    """A claim of the new reading with no row yet: its id (reserved), its columns (``_claim_fields``)
    and what the rest of the store reads of a claim."""

    pk: int | None
    fields: dict[str, Any]
    span_start: int
    span_end: int
    retired_at: None = None
    corrected_at: None = None
    review_status: str = NEW_CLAIM_STATUS


@dataclass(frozen=True)
class Reading:
    """One claim as matching sees it: where it is in the text and whom its chain starts from.

    ``origin`` holds the keys that identify the first hop's source ("id:12", "name:tass"); empty
    for own reporting. ``retired`` claims are matched after current ones; a ``corrected`` claim's
    origin is the reviewer's, so it is not compared.
    """

    key: Any
    start: int
    end: int
    origin: frozenset[str] = frozenset()
    retired: bool = False
    corrected: bool = False


def span_overlap(a: Reading, b: Reading) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def content_overlap(a: Reading, b: Reading) -> float:
    """The share of the two spans' union that both cover: 1.0 for the same span, 0.0 for disjoint ones."""
    union = max(a.end, b.end) - min(a.start, b.start)
    if union <= 0:
        return 1.0 if (a.start, a.end) == (b.start, b.end) else 0.0
    return span_overlap(a, b) / union


def same_origin(a: Reading, b: Reading) -> bool:
    if not a.origin and not b.origin:
        return True
    return bool(a.origin & b.origin)


def claims_match(old: Sequence[Reading], new: Sequence[Reading]) -> dict[Any, Any]:
    """Pair each new reading with at most one old claim, best pair first: ``{new.key: old.key}``."""
    # Only claims that touch can pair: for each new reading, the old ones starting within reach of it
    # (sorted by start, found by bisection), so matching stays near-linear in the claims.
    by_start = sorted(range(len(old)), key=lambda index: old[index].start)
    starts = [old[index].start for index in by_start]
    reach = max((max(0, reading.end - reading.start) for reading in old), default=0)
    candidates = []
    for new_index, after in enumerate(new):
        low = bisect.bisect_left(starts, after.start - reach)
        high = bisect.bisect_right(starts, after.end)
        for old_index in by_start[low:high]:
            before = old[old_index]
            overlap = content_overlap(before, after)
            if (before.start, before.end) == (after.start, after.end):
                rule = 1
            elif (
                span_overlap(before, after) > 0
                and overlap >= MIN_OVERLAP
                and (before.corrected or same_origin(before, after))
            ):
                rule = 2
            else:
                continue
            rank = (rule, before.retired, -overlap, abs(before.start - after.start), old_index, new_index)
            candidates.append((rank, before.key, after.key))
    pairs: dict[Any, Any] = {}
    taken: set[Any] = set()
    for _, old_key, new_key in sorted(candidates, key=lambda candidate: candidate[0]):
        if new_key in pairs or old_key in taken:
            continue
        pairs[new_key] = old_key
        taken.add(old_key)
    return pairs


def best_overlap(reading: Reading, others: Iterable[Reading]) -> Any | None:
    """The key of the reading among ``others`` that shares most characters with ``reading``; None if none."""
    best = max(
        (other for other in others if span_overlap(reading, other) > 0),
        key=lambda other: (span_overlap(reading, other), -abs(other.start - reading.start)),
        default=None,
    )
    return best.key if best is not None else None


def _span(value: Span | None, text_length: int) -> tuple[int | None, int | None, str]:
    """A span's columns, or empty columns when the span is missing or outside the text."""
    if value is None or not (0 <= value.start <= value.end <= text_length):
        return None, None, ""
    return value.start, value.end, value.text[:300]


def _origin_keys(source_id: int | None, name: str) -> frozenset[str]:
    keys = set()
    if source_id is not None:
        keys.add(f"id:{source_id}")
    if key := normalise(name):
        keys.add(f"name:{key}")
    return frozenset(keys)


def _claim_reading(claim: Claim, source_names: dict[int, str]) -> Reading:
    hops = sorted(claim.hops.all(), key=lambda hop: hop.position)
    origin: frozenset[str] = frozenset()
    if hops:
        first = hops[0]
        name = first.article_source.name if first.article_source else source_names.get(first.source_id, "")
        origin = _origin_keys(first.source_id, name)
    return Reading(
        key=claim.pk,
        start=claim.span_start,
        end=claim.span_end,
        origin=origin,
        retired=claim.retired_at is not None and claim.corrected_at is None,
        corrected=claim.corrected_at is not None,
    )


@dataclass(frozen=True)
class _EngineHop:
    position: int
    article_source: ArticleSource | _Mention
    evidence: str
    medium: str
    mention: tuple[int | None, int | None, str]
    confidence: float | None = None


def _engine_hops(
    found: EngineClaim, article_sources: dict[str, ArticleSource | _Mention], text_length: int
) -> list[_EngineHop]:
    hops = []
    for position, hop in enumerate(found.chain):
        article_source = article_sources.get(hop.source)
        if article_source is None:
            continue
        hops.append(
            _EngineHop(
                position=position,
                article_source=article_source,
                evidence=hop.evidence.value,
                medium=(hop.medium or "")[:200],
                mention=_span(hop.mention, text_length),
                confidence=hop.confidence,
            )
        )
    return hops


def _engine_reading(found: EngineClaim, hops: list[_EngineHop]) -> Reading:
    origin: frozenset[str] = frozenset()
    if hops:
        origin = _origin_keys(hops[0].article_source.source_id, hops[0].article_source.name)
    return Reading(key=found.id, start=found.start, end=found.end, origin=origin)


def _claim_fields(found: EngineClaim, text_length: int) -> dict[str, Any]:
    cue_start, cue_end, cue_text = _span(found.cue, text_length)
    return {
        "engine_key": found.id,
        "span_start": found.start,
        "span_end": found.end,
        "text": found.text,
        "kind": found.kind.value if found.kind.value in CLAIM_KINDS else ClaimKind.INDIRECT,
        "depth": found.depth,
        "cue_start": cue_start,
        "cue_end": cue_end,
        "cue_text": cue_text,
        "confidence": found.confidence,
    }


# Rows that changed the same fields share an UPDATE; past this many different sets of fields, one
# UPDATE writes the union of them.
UPDATE_GROUPS = 4


class _Changes:
    """Rows changed in memory and the fields that changed, written by a few ``rows_update`` calls (one
    statement each on PostgreSQL, whatever the number of rows; a statement per batch on SQLite)."""

    def __init__(self) -> None:
        self.rows: dict[int, tuple[Any, set[str]]] = {}

    def assign(self, row: Any, values: dict[str, Any]) -> None:
        """Set ``values`` on ``row``; remember the ones that differ from what it held."""
        for name, value in values.items():
            if getattr(row, name) != value:
                setattr(row, name, value)
                self.rows.setdefault(id(row), (row, set()))[1].add(name)

    def write(self, model: type[Any]) -> None:
        groups: dict[frozenset[str], list[Any]] = {}
        for row, fields in self.rows.values():
            if row.pk is not None:
                groups.setdefault(frozenset(fields), []).append(row)
        if len(groups) > UPDATE_GROUPS:
            groups = {frozenset().union(*groups): [row for rows in groups.values() for row in rows]}
        for fields, rows in groups.items():
            names = sorted(fields)
            rows_update(model, names, [(row.pk, *(getattr(row, name) for name in names)) for row in rows])


@transaction.atomic
def analysis_store(*, article_id: int, report: ChainReport) -> Article:
    """Store ``report`` as the article's current reading, keeping each claim's identity (see the module).

    Bulk writes throughout: the number of queries does not grow with the claims, and a re-analysis
    writes only what changed. The new rows are prepared as their columns (no model instances), with
    ids reserved up front (``rows_ids``), so the rows that point at them need none read back; on
    PostgreSQL the writes then go as one statement (``rows_together``).
    """
    article, earlier_rows = _article_lock(article_id)
    text_length = len(article.text)
    # A first analysis (never stored, and no rows of a reading) reads none of them and clears nothing.
    first = article.analysed_at is None and not earlier_rows
    old_claims = (
        {}
        if first
        else {
            claim.pk: claim
            for claim in article.claims.prefetch_related(
                Prefetch("hops", queryset=Hop.objects.all()), "hop_reviews"
            ).order_by("pk")
        }
    )
    old_article_sources = [] if first else list(ArticleSource.objects.filter(article=article))
    # The hops' mentions are the rows just read: joined here, not loaded again for every hop.
    mentions = {row.pk: row for row in old_article_sources}
    orphans = set()
    for claim in old_claims.values():
        for hop in claim.hops.all():
            if hop.article_source_id in mentions:
                hop.article_source = mentions[hop.article_source_id]
            else:
                orphans.add(hop.source_id)
    source_names = dict(Source.objects.filter(pk__in=orphans).values_list("pk", "name")) if orphans else {}
    # The sources' kept counts, for the source list's order (review.source_citations): a first
    # analysis (no claims, so no hops, yet) has none to take back, and its own are counted from
    # the rows it writes.
    cited_before = article_citations(article.pk) if old_claims else Counter()
    # A first analysis has nothing to clear: the store is one transaction, so a reading is stored
    # whole (claims and mentions among it) or not at all.
    if not first:
        # Free the engine keys ("s1", ...) of the mentions for the new reading's; the old rows it does
        # not keep go at the end.
        ArticleSource.objects.filter(article=article).update(
            engine_key=Concat(Value("old-"), Cast("id", output_field=CharField()))
        )
        # One statement each: nothing else points at these rows (an attribution's children go too).
        for rows in (
            DiscrepancyClaim.objects.filter(discrepancy__article=article),
            Discrepancy.objects.filter(article=article),
            Attribution.objects.filter(article=article),
        ):
            rows._raw_delete(rows.db)

    article_sources, fresh_mentions, reused_mentions = _store_sources(article, report, previous=old_article_sources)
    found_claims = [found for found in report.claims if 0 <= found.start <= found.end <= text_length]
    engine_hops = {found.id: _engine_hops(found, article_sources, text_length) for found in found_claims}
    pairs = claims_match(
        [_claim_reading(claim, source_names) for claim in old_claims.values()],
        [_engine_reading(found, engine_hops[found.id]) for found in found_claims],
    )
    _engine_keys_free(old_claims, pairs, found_claims)

    now = timezone.now()
    dirty = _Changes()
    stored: dict[str, Claim | _NewClaim] = {}
    fresh: list[_NewClaim] = []
    chains: list[_Chain] = []
    for found in found_claims:
        fields = _claim_fields(found, text_length)
        claim = old_claims.get(pairs.get(found.id))
        if claim is None:
            new = _NewClaim(None, fields, fields["span_start"], fields["span_end"])
            fresh.append(new)
            chains.append(_Chain(new, engine_hops[found.id], existing={}, reviews=[]))
            stored[found.id] = new
            continue
        if claim.corrected_at is not None:
            suggestion = _suggestion(claim, fields, engine_hops[found.id], report=report)
            suggestion = suggestion_keep_dismissed(claim.engine_suggestion, suggestion)
            dirty.assign(claim, {"engine_key": found.id, "engine_suggestion": suggestion})
        else:
            dirty.assign(claim, {**fields, "retired_at": None, "superseded_by_id": None, "engine_suggestion": None})
            existing = {hop.position: hop for hop in claim.hops.all()}
            chains.append(
                _Chain(claim, engine_hops[found.id], existing=existing, reviews=list(claim.hop_reviews.all()))
            )
        stored[found.id] = claim

    kept = {id(claim) for claim in stored.values()}
    for claim in old_claims.values():
        if id(claim) in kept:
            continue
        if claim.corrected_at is not None:
            absent = None if claim.retired_at else {"engine_version": report.engine_version[:50], "absent": True}
            absent = suggestion_keep_dismissed(claim.engine_suggestion, absent)
            dirty.assign(claim, {"engine_suggestion": absent})
        elif claim.retired_at is None:
            dirty.assign(claim, {"retired_at": now})
    attributions = _attributions(article, report, article_sources)
    # A reviewer's "not a claim" (corrected and retired) absorbs the engine's claim but joins no discrepancy.
    discrepancies = _discrepancies(report, {key: claim for key, claim in stored.items() if claim.retired_at is None})
    # Every new row's id at once: the rows that point at them (hops, nesting, members) need none back.
    ids = rows_ids(
        {
            ArticleSource: len(fresh_mentions),
            Claim: len(fresh),
            Hop: sum(1 for chain in chains for hop in chain.hops if hop.position not in chain.existing),
            Attribution: len(attributions),
            Discrepancy: len(discrepancies),
        }
    )
    for row, pk in zip([*fresh_mentions, *fresh], [*ids[ArticleSource], *ids[Claim]], strict=True):
        row.pk = pk

    with rows_together():
        _mentions_write(article, fresh_mentions, reused_mentions)
        rows_insert(
            Claim,
            CLAIM_COLUMNS,
            [(claim.pk, article.pk, *(claim.fields[name] for name in CLAIM_COLUMNS[2:])) for claim in fresh],
            returning=(),
        )
        _supersessions_update([*old_claims.values(), *fresh], dirty)
        dirty.write(Claim)
        rewritten = {id(chain.claim) for chain in chains}
        kept_mentions = {row.pk for row in article_sources.values()}
        replaced = [row for row in old_article_sources if row.pk not in kept_mentions]
        _hops_write(
            chains,
            ids=ids[Hop],
            relinked=[claim for claim in old_claims.values() if id(claim) not in rewritten],
            previous=replaced,
            current=article_sources,
        )
        if replaced:
            ArticleSource.objects.filter(pk__in=[row.pk for row in replaced]).delete()
        _attributions_write(attributions, ids[Attribution])
        _discrepancies_write(article, discrepancies, ids[Discrepancy])

        if old_claims:
            cited_after = article_citations(article.pk)
        else:
            cited_after = citations_count(
                (id(chain.claim), hop.article_source.source_id, hop.position, chain.claim.review_status)
                for chain in chains
                for hop in chain.hops
            )
        source_citations_shift(cited_before, cited_after)
        done = {
            "status": ArticleStatus.DONE,
            "failure_reason": "",
            "engine_version": report.engine_version[:50],
            "engine_model": report.model[:100],
            "analysed_at": now,
            "updated_at": now,
        }
        rows_update(Article, list(done), [(article.pk, *done.values())])
    for name, value in done.items():
        setattr(article, name, value)
    articles_changed([article.pk])  # the pages waiting on it hear of it once this commits
    return article


@functools.cache
def _article_lock_plan(vendor: str) -> tuple[str, list[str], list[tuple[int, list[Any], Any]]]:
    """``_article_lock``'s statement, written once per database, and how its columns become an
    ``Article``: the fields' names, and for each column that needs them the converters the ORM
    would apply (SQLite's dates are text). A raw queryset worked this out on every store: a tenth
    of a short article's store CPU (cProfile)."""
    quote = connection.ops.quote_name
    table = quote(Article._meta.db_table)
    pk = quote(Article._meta.pk.column)  # type: ignore[union-attr]
    fields = Article._meta.concrete_fields
    earlier = " OR ".join(
        f"EXISTS (SELECT 1 FROM {quote(model._meta.db_table)} WHERE {quote(field)} = {table}.{pk})"  # noqa: S608  # nosec B608
        for model, field in ((Claim, "article_id"), (ArticleSource, "article_id"))
    )
    lock = " " + connection.ops.for_update_sql() if connection.features.has_select_for_update else ""
    columns = ", ".join(f"{table}.{quote(field.column)}" for field in fields)
    # Names from the models, quoted; the id is a parameter.
    sql = f"SELECT {columns}, ({earlier}) FROM {table} WHERE {table}.{pk} = %s{lock}"  # noqa: S608  # nosec B608
    converters = []
    for index, field in enumerate(fields):
        column = field.get_col(Article._meta.db_table)
        found = connection.ops.get_db_converters(column) + field.get_db_converters(connection)
        if found:
            converters.append((index, found, column))
    return sql, [field.attname for field in fields], converters


def _article_lock(article_id: int) -> tuple[Article, bool]:
    """The article, its row locked for the transaction, and whether rows of a reading point at it
    (claims or mentions): one statement, written out (the ORM's compiling of it cost as much as a
    short article's inserts), its row made an ``Article`` as the ORM would."""
    sql, names, converters = _article_lock_plan(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, [article_id])
        row = cursor.fetchone()
    if row is None:
        raise Article.DoesNotExist(f"No article {article_id}")
    *values, earlier_rows = row
    for index, found, column in converters:
        for converter in found:
            values[index] = converter(values[index], column, connection)
    return Article.from_db(connection.alias, names, values), bool(earlier_rows)


# A new claim's columns: its reserved id, its article, then ``_claim_fields``'s (every other column
# takes its default).
CLAIM_COLUMNS = (
    "id",
    "article_id",
    "engine_key",
    "span_start",
    "span_end",
    "text",
    "kind",
    "depth",
    "cue_start",
    "cue_end",
    "cue_text",
    "confidence",
)


def _engine_keys_free(old_claims: dict[int, Claim], pairs: dict[Any, Any], found: list[EngineClaim]) -> None:
    """Rename, in one statement, the stored claims whose engine key ("c1") changes or is wanted by another.

    A matched claim takes its new reading's key, an unmatched one keeps its own unless the new
    reading gives that key to another claim; the claims whose key changes are first renamed
    "old-<id>", so no two rows ever hold one key, whatever order the later updates run in.
    """
    final = {old_pk: new_key for new_key, old_pk in pairs.items()}
    wanted = {claim.id for claim in found}
    changing = []
    for claim in old_claims.values():
        target = final.get(claim.pk)
        if target is None and claim.engine_key in wanted:
            target = f"old-{claim.pk}"
        if target is not None and target != claim.engine_key:
            changing.append(claim)
    if changing:
        Claim.objects.filter(pk__in=[claim.pk for claim in changing]).update(
            engine_key=Concat(Value("old-"), Cast("id", output_field=CharField()))
        )
        for claim in changing:
            claim.engine_key = f"old-{claim.pk}"


def _store_sources(
    article: Article, report: ChainReport, *, previous: list[ArticleSource]
) -> tuple[dict[str, ArticleSource | _Mention], list[_Mention], list[ArticleSource]]:
    """The report's sources as registry ids plus this article's mentions, by engine source id; and
    of those, the new mentions (written by ``_mentions_write`` once they have ids) and the kept rows.

    An anonymous source, or one named by a description ("the mayor"), never joins across articles;
    but within one article it is the same source from one analysis to the next, so its hops and
    their confirmations keep pointing at it. (Proper names find their registry row by alias.)
    All of them are resolved in one pass (``source_ids_resolve_in_transaction``).
    """
    # Several sources of one article may share a description ("officials"): they are told apart in
    # the order the article names them, and any more of them than last time join the last one.
    known_here: dict[tuple[str, str], list[int]] = {}
    for row in sorted(previous, key=lambda row: row.pk):
        known_here.setdefault((normalise(row.name), row.type), []).append(row.source_id)
    registry: dict[str, int] = {}
    unresolved = []
    for source in report.sources:
        type = source.type.value if source.type.value in SOURCE_TYPES else SourceType.OTHER
        if type == SourceType.ANONYMOUS or not identifies_a_source(source.name):
            known = known_here.get((normalise(source.name), type))
            if known:
                registry[source.id] = known.pop(0) if len(known) > 1 else known[0]
                continue
        unresolved.append(source)
    resolved = source_ids_resolve_in_transaction([SourceName(s.name, s.type.value, s.aliases) for s in unresolved])
    registry.update({source.id: pk for source, pk in zip(unresolved, resolved, strict=True)})
    # A mention the last analysis stored exactly so (name, type, registry source, aliases) keeps its row,
    # so the hops pointing at it need no rewrite; the others are new rows.
    unused: dict[tuple[Any, ...], list[ArticleSource]] = {}
    for row in previous:
        unused.setdefault((row.name, row.type, row.source_id, tuple(row.aliases)), []).append(row)
    rows: list[ArticleSource | _Mention] = []
    fresh: list[_Mention] = []
    reused: list[ArticleSource] = []
    for source in report.sources:
        name = source.name[:300]
        type = source.type.value if source.type.value in SOURCE_TYPES else SourceType.OTHER
        same = unused.get((name, type, registry[source.id], tuple(source.aliases)))
        if same:
            old = same.pop(0)
            old.engine_key = source.id
            reused.append(old)
            rows.append(old)
        else:
            mention = _Mention(None, registry[source.id], source.id, name, type, list(source.aliases))
            fresh.append(mention)
            rows.append(mention)
    return {row.engine_key: row for row in rows}, fresh, reused


MENTION_COLUMNS = ("id", "article_id", "source_id", "engine_key", "name", "type", "aliases")


def _mentions_write(article: Article, fresh: list[_Mention], reused: list[ArticleSource]) -> None:
    """The new mentions (their ids reserved), and the kept ones' new engine keys."""
    rows_insert(
        ArticleSource,
        MENTION_COLUMNS,
        [(row.pk, article.pk, row.source_id, row.engine_key, row.name, row.type, row.aliases) for row in fresh],
        returning=(),
    )
    rows_update(ArticleSource, ["engine_key"], [(row.pk, row.engine_key) for row in reused])


# A new hop's columns, in the order ``_hops_write`` gives them.
HOP_COLUMNS = (
    "id",
    "claim_id",
    "position",
    "source_id",
    "article_source_id",
    "evidence",
    "medium",
    "mention_start",
    "mention_end",
    "mention_text",
    "confidence",
)


@dataclass
class _Chain:
    """A claim whose chain this reading writes: its new hops, its hop rows by position, its confirmations."""

    claim: Claim | _NewClaim
    hops: list[_EngineHop]
    existing: dict[int, Hop]
    reviews: list[HopReview]


def _hops_write(
    chains: list[_Chain],
    *,
    ids: list[int],
    relinked: list[Claim],
    previous: list[ArticleSource],
    current: dict[str, ArticleSource | _Mention],
) -> None:
    """Rewrite each claim's chain position by position (hop rows keep their ids where a position stays;
    new ones take ``ids``, reserved for them, in order).

    A confirmation stays with its position while the hop there has the source it confirmed. Hops
    the new reading does not write (corrected and retired claims') move off the old mentions, to
    this analysis's mention of the same name and type, or to none; the registry source stays
    (removing the old mentions would otherwise take those hops with them).
    """
    # New hops as rows of HOP_COLUMNS.
    fresh: list[tuple[Any, ...]] = []
    new_ids = iter(ids)
    dirty = _Changes()
    gone: list[int] = []
    placed: list[tuple[list[HopReview], dict[int, int], list[_EngineHop]]] = []
    for chain in chains:
        wanted = {hop.position for hop in chain.hops}
        gone.extend(hop.pk for position, hop in chain.existing.items() if position not in wanted)
        rows: dict[int, int] = {}  # position -> the hop's id
        for hop in chain.hops:
            mention_start, mention_end, mention_text = hop.mention
            values = (
                hop.article_source.source_id,
                hop.article_source.pk,
                hop.evidence,
                hop.medium,
                mention_start,
                mention_end,
                mention_text,
                hop.confidence,
            )
            if hop.position in chain.existing:
                row = chain.existing[hop.position]
                dirty.assign(row, dict(zip(HOP_COLUMNS[3:], values, strict=True)))
                rows[hop.position] = row.pk
            else:
                rows[hop.position] = next(new_ids)
                fresh.append((rows[hop.position], chain.claim.pk, hop.position, *values))
        placed.append((chain.reviews, rows, chain.hops))
    by_name = {(normalise(row.name), row.type): row for row in current.values()}
    old_ids = {row.pk for row in previous}
    for claim in relinked:
        for hop in claim.hops.all():
            if hop.article_source_id in old_ids:
                replacement = by_name.get((normalise(hop.article_source.name), hop.article_source.type))
                dirty.assign(hop, {"article_source_id": replacement.pk if replacement else None})

    if gone:
        Hop.objects.filter(pk__in=gone).delete()
    rows_insert(Hop, HOP_COLUMNS, fresh, returning=())
    dirty.write(Hop)
    repointed: list[tuple[int, int]] = []
    withdrawn: list[int] = []
    for reviews, rows, hops in placed:
        for review in reviews:
            hop_id = rows.get(review.position)
            if hop_id is not None and hops_source(hops, review.position) == review.source_id:
                if review.hop_id != hop_id:
                    repointed.append((review.pk, hop_id))
            else:
                withdrawn.append(review.pk)
    if withdrawn:
        HopReview.objects.filter(pk__in=withdrawn).delete()
    rows_update(HopReview, ["hop_id"], repointed)


def hops_source(hops: list[_EngineHop], position: int) -> int | None:
    return next((hop.article_source.source_id for hop in hops if hop.position == position), None)


def _suggestion(claim: Claim, fields: dict[str, Any], hops: list[_EngineHop], *, report: ChainReport) -> dict | None:
    """The engine's reading of a corrected claim's place, when it differs from the reviewer's; else None."""
    chain = [
        {
            "position": hop.position,
            "source_id": hop.article_source.source_id,
            "source": hop.article_source.name,
            "type": hop.article_source.type,
            "evidence": hop.evidence,
            "medium": hop.medium,
            "mention_start": hop.mention[0],
            "mention_end": hop.mention[1],
            "mention_text": hop.mention[2],
        }
        for hop in hops
    ]
    reviewer_chain = [(hop.position, hop.source_id) for hop in sorted(claim.hops.all(), key=lambda hop: hop.position)]
    same = (
        (claim.span_start, claim.span_end, claim.kind) == (fields["span_start"], fields["span_end"], fields["kind"])
        and reviewer_chain == [(hop["position"], hop["source_id"]) for hop in chain]
        and claim.retired_at is None
    )
    if same:
        return None
    return {
        "engine_version": report.engine_version[:50],
        "kind": fields["kind"],
        "span_start": fields["span_start"],
        "span_end": fields["span_end"],
        "text": fields["text"],
        "depth": fields["depth"],
        "chain": chain,
    }


def _suggested_reading(suggestion: dict[str, Any]) -> tuple[Any, ...]:
    """What a suggestion says, whichever engine version said it: compared to a dismissed one."""
    if suggestion.get("absent"):
        return ("absent",)
    chain = [(hop.get("source_id"), hop.get("medium", "")) for hop in suggestion.get("chain") or []]
    return (suggestion.get("kind"), suggestion.get("span_start"), suggestion.get("span_end"), chain)


def suggestion_keep_dismissed(previous: dict[str, Any] | None, new: dict[str, Any] | None) -> dict[str, Any] | None:
    """``new``, dismissed again when a reviewer dismissed the same reading before: not offered twice."""
    if new is None or not previous or not previous.get("dismissed"):
        return new
    if _suggested_reading(previous) == _suggested_reading(new):
        return {**new, "dismissed": True}
    return new


def _supersessions_update(claims: list[Claim], dirty: _Changes) -> None:
    """Point every retired claim at the current claim that overlaps it most (or at none).

    Recomputed for all of them, so a claim retired two analyses ago leads to today's reading, not
    to a claim that has been retired since. A retired claim that was corrected (a reviewer's "not a
    claim") keeps what the reviewer set.
    """
    current = [Reading(claim.pk, claim.span_start, claim.span_end) for claim in claims if claim.retired_at is None]
    for claim in claims:
        if claim.retired_at is None or claim.corrected_at is not None:
            continue
        successor = best_overlap(Reading(claim.pk, claim.span_start, claim.span_end), current)
        dirty.assign(claim, {"superseded_by_id": successor})


# An attribution's columns, its reserved id first.
ATTRIBUTION_COLUMNS = (
    "id",
    "article_id",
    "engine_key",
    "content_start",
    "content_end",
    "cue_start",
    "cue_end",
    "source_start",
    "source_end",
    "source_text",
    "source_id",
    "parent_id",
)


def _attributions(
    article: Article, report: ChainReport, article_sources: dict[str, ArticleSource | _Mention]
) -> list[tuple[str | None, tuple[Any, ...]]]:
    """The report's attribution spans to store: (its parent's engine key, its columns after the id)."""
    text_length = len(article.text)
    stored: list[tuple[str | None, tuple[Any, ...]]] = []
    for relation in report.attributions:
        content_start, content_end, _ = _span(relation.content, text_length)
        if content_start is None:
            continue
        cue_start, cue_end, _ = _span(relation.cue, text_length)
        source_start, source_end, source_text = _span(relation.source, text_length)
        mention = relation.source
        article_source = article_sources.get(mention.source_id or "") if mention else None
        columns = (
            article.pk,
            relation.id,
            content_start,
            content_end,
            cue_start,
            cue_end,
            source_start,
            source_end,
            source_text,
            article_source.source_id if article_source else None,
        )
        stored.append((relation.parent, columns))
    return stored


def _attributions_write(attributions: list[tuple[str | None, tuple[Any, ...]]], ids: list[int]) -> None:
    """The attribution spans at once, each with its parent's (reserved) id when that one is stored too."""
    by_key = {columns[1]: pk for (_, columns), pk in zip(attributions, ids, strict=True)}
    rows_insert(
        Attribution,
        ATTRIBUTION_COLUMNS,
        [(pk, *columns, by_key.get(parent)) for (parent, columns), pk in zip(attributions, ids, strict=True)],
        returning=(),
    )


def _discrepancies(
    report: ChainReport, claims: dict[str, Claim | _NewClaim]
) -> list[tuple[tuple[str, str], list[tuple[Claim | _NewClaim, int, str]]]]:
    """The report's discrepancies between stored claims: ((engine key, about), [(claim, position, value)])."""
    groups = []
    for group in report.discrepancies:
        members = [(position, key) for position, key in enumerate(group.claims) if key in claims]
        if len(members) < 2:
            continue
        # Values line up with claims when the engine gives one per claim; otherwise keep none.
        values = list(group.values) if len(group.values) == len(group.claims) else []
        groups.append(
            (
                (group.id, group.about[:300]),
                [(claims[key], position, values[position][:100] if values else "") for position, key in members],
            )
        )
    return groups


def _discrepancies_write(
    article: Article,
    groups: list[tuple[tuple[str, str], list[tuple[Claim | _NewClaim, int, str]]]],
    ids: list[int],
) -> None:
    """Two inserts, whatever the number of discrepancies (their ids reserved)."""
    rows_insert(
        Discrepancy,
        ("id", "article_id", "engine_key", "about"),
        [(pk, article.pk, *row) for pk, (row, _) in zip(ids, groups, strict=True)],
        returning=(),
    )
    rows_insert(
        DiscrepancyClaim,
        ("discrepancy_id", "claim_id", "position", "value"),
        [
            (pk, claim.pk, position, value)
            for pk, (_, members) in zip(ids, groups, strict=True)
            for claim, position, value in members
        ],
        returning=(),
    )
