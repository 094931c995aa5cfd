"""Matching an article's claims to the claims already stored, and filing the matches as stories.

``story_match_article`` runs in the worker once an analysis is stored (``tasks.py``), never in a
web request: the embedding of the article's claims is the slow part. Running it twice leaves the
same rows: a claim's index entries are rewritten, not added to, and a claim already in the story
of its matches stays there.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from newsverify.review.models import Claim, Hop
from newsverify.sources.models import Source, SourceType
from newsverify.stories.embeddings import (
    embed,
    encoders_of,
    pieces_from_bytes,
    pieces_to_bytes,
    static_pieces,
    static_vectors,
    vector_from_bytes,
    vector_to_bytes,
)
from newsverify.stories.matching import (
    ClaimFeatures,
    MatchVerdict,
    Origin,
    cascade_undecided,
    claim_features,
    conflict,
    features_of,
    features_stored,
    index_keys,
    match_decide,
    text_hash,
)
from newsverify.stories.models import ClaimEntry, ClaimKey, ClaimVector, Story, StoryClaim
from newsverify.stories.summaries import stories_changed

# The stored claims compared in full with each new claim: those sharing most index keys with it.
CANDIDATES = 40
# A key filed under more claims than this ranks nothing and is not looked up (``_candidates``).
# Measured on the benchmark's archives (1,000 to 100,000 claims): 500 finds the same true relays
# as 1,000 in two thirds of the join's time; no cap finds one more at 100,000, in twice the time.
KEY_POSTINGS_CAP = 500


@dataclass(frozen=True)
class ClaimMatch:
    claim_id: int
    other_id: int
    verdict: MatchVerdict


@dataclass(frozen=True)
class MatchClaim:
    """A current claim of the article being matched, as the matcher needs it."""

    pk: int
    text: str
    origin: Origin


def _heads_sql(claims: str) -> str:
    """The joins that give each row of ``claims`` (an alias of the claims table) the source at the
    head of its chain (``head``, ``source``)."""
    q = connection.ops.quote_name
    hops, sources = q(Hop._meta.db_table), q(Source._meta.db_table)
    return (
        f"LEFT JOIN {hops} head ON head.claim_id = {claims}.id AND head.position = 0 "
        f"LEFT JOIN {sources} source ON source.id = head.source_id "
    )


_HEAD_COLUMNS = "head.source_id, source.merged_into_id, source.name, source.type"


def _origin(source_id: int | None, merged_into: int | None, name: str | None, kind: str | None) -> Origin | None:
    """The origin of ``_HEAD_COLUMNS`` (None: a claim with no chain)."""
    if source_id is None:
        return None
    return Origin(source_id=merged_into or source_id, name=name or "", anonymous=kind == SourceType.ANONYMOUS)


def _current_claims(article_id: int) -> list[MatchClaim]:
    """The article's current claims with the heads of their chains, in one statement."""
    claims = connection.ops.quote_name(Claim._meta.db_table)
    # The names are ours and every value a parameter: nothing from outside is formatted in.
    sql = (
        f"SELECT mine.id, mine.text, {_HEAD_COLUMNS} FROM {claims} mine {_heads_sql('mine')}"  # noqa: S608  # nosec B608
        "WHERE mine.article_id = %s AND mine.retired_at IS NULL AND mine.not_a_claim = %s ORDER BY mine.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [article_id, False])
        return [MatchClaim(pk, text, _origin(*head) or Origin()) for pk, text, *head in cursor.fetchall()]


def _vectors(texts: dict[int, str], *, encoder: str) -> dict[int, np.ndarray]:
    """Each claim's embedding (``texts``: claim id to text): the stored one when its text is
    unchanged, else computed now (one batch) and stored, so a claim is embedded once whichever side
    of a comparison it is on."""
    stored = ClaimVector.objects.filter(claim_id__in=texts, encoder=encoder).values_list(
        "claim_id", "vector", "text_hash"
    )
    vectors = {
        claim_id: vector_from_bytes(bytes(vector))
        for claim_id, vector, hashed in stored
        if hashed == text_hash(texts[claim_id])
    }
    missing = [pk for pk in texts if pk not in vectors]
    if missing:
        rows = []
        for pk, vector in zip(missing, embed([texts[pk] for pk in missing], name=encoder), strict=True):
            vectors[pk] = vector
            rows.append(
                ClaimVector(
                    claim_id=pk, encoder=encoder, vector=vector_to_bytes(vector), text_hash=text_hash(texts[pk])
                )
            )
        with transaction.atomic():
            ClaimVector.objects.filter(claim_id__in=missing).delete()
            ClaimVector.objects.bulk_create(rows)
    return vectors


def _json(value: object) -> object:
    """A JSON column's value as read by a raw query: text on SQLite and with Django's psycopg loaders."""
    return json.loads(value) if isinstance(value, str | bytes) else value


def _index_held(article_id: int) -> tuple[dict[int, tuple[str, object]], set[int], set[int]]:
    """What the index holds for the article now, in one statement: each claim's entry (text hash,
    stored features), every claim with keys or an entry (a claim the article no longer reads
    among them), and the claims whose entry keeps static pieces."""
    q = connection.ops.quote_name
    keys, entries = q(ClaimKey._meta.db_table), q(ClaimEntry._meta.db_table)
    # The names are ours and every value a parameter: nothing from outside is formatted in.
    sql = (
        "SELECT claim_id, text_hash, features, pieces IS NOT NULL "  # noqa: S608  # nosec B608
        f"FROM {entries} WHERE article_id = %s UNION ALL SELECT claim_id, NULL, NULL, %s "
        f"FROM (SELECT DISTINCT claim_id FROM {keys} WHERE article_id = %s) keyed"
    )
    held: dict[int, tuple[str, object]] = {}
    filed: set[int] = set()
    with_pieces: set[int] = set()
    with connection.cursor() as cursor:
        cursor.execute(sql, [article_id, False, article_id])
        for claim_id, hashed, stored, kept in cursor.fetchall():
            filed.add(claim_id)
            if hashed is not None:
                held[claim_id] = (hashed, _json(stored))
                if kept:
                    with_pieces.add(claim_id)
    return held, filed, with_pieces


@transaction.atomic
def _index_write(
    article_id: int,
    claims: list[MatchClaim],
    features: dict[int, ClaimFeatures],
    pieces: dict[int, np.ndarray] | None = None,
) -> None:
    """File the article's claims in the index, rewriting only what changed: a claim whose entry
    holds its features as they are now keeps its keys (they are computed from those features), a
    claim new or changed has its keys and entry written, and the keys, entries and vectors of claims
    the article no longer reads are deleted. A first analysis only inserts. ``pieces``: the claims'
    static pieces, kept with their entries (an entry written without them is written again)."""
    held, filed, with_pieces = _index_held(article_id)
    pieces = pieces or {}
    fresh = [
        claim
        for claim in claims
        if held.get(claim.pk) != (text_hash(claim.text), features_stored(features[claim.pk]))
        or (claim.pk in pieces and claim.pk not in with_pieces)
    ]
    stale = filed - ({claim.pk for claim in claims} - {claim.pk for claim in fresh})
    if stale:
        ClaimKey.objects.filter(claim_id__in=stale).delete()
        ClaimEntry.objects.filter(claim_id__in=stale).delete()
        gone = stale - {claim.pk for claim in claims}
        if gone:
            ClaimVector.objects.filter(claim_id__in=gone).delete()
    if not fresh:
        return
    rows = [(claim.pk, article_id, key) for claim in fresh for key in dict.fromkeys(index_keys(features[claim.pk]))]
    # A plain executemany: some 20 rows a claim, and the ORM's bulk_create spent four times as long
    # building them as the database did storing them.
    table, claim, of, key = map(connection.ops.quote_name, (ClaimKey._meta.db_table, "claim_id", "article_id", "key"))
    # The names are ours and every value a parameter: nothing from outside is formatted in.
    sql = f"INSERT INTO {table} ({claim}, {of}, {key}) VALUES (%s, %s, %s)"  # noqa: S608  # nosec B608
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    ClaimEntry.objects.bulk_create(
        claim_entry(claim.pk, article_id, features[claim.pk], pieces.get(claim.pk)) for claim in fresh
    )


def claim_entry(
    claim_id: int, article_id: int, features: ClaimFeatures, pieces: np.ndarray | None = None
) -> ClaimEntry:
    """The claim's features as the index keeps them (``ClaimEntry``), with its static pieces if given."""
    return ClaimEntry(
        claim_id=claim_id,
        article_id=article_id,
        text_hash=text_hash(features.text),
        features=features_stored(features),
        pieces=None if pieces is None else pieces_to_bytes(pieces),
    )


def _candidates(
    article_id: int,
) -> tuple[dict[int, list[int]], dict[int, ClaimFeatures], dict[int, np.ndarray]]:
    """For each of the article's claims, the current stored claims of other articles sharing most
    index keys with it, and their features: a self-join of the key table on its indexed ``key``
    column (never a scan of the claims), then for the chosen ones only, by id, their texts, their
    stored features and static pieces (``ClaimEntry``, while their text is the one they were
    computed from) and the heads of their chains.

    A key filed under more than ``KEY_POSTINGS_CAP`` claims is skipped, as a search engine drops
    its stop words: a figure such as "3", a country's name, the shared phrases of a template are
    what thousands of claims have in common, so they rank nothing, and joining their postings was
    most of the time on a large archive. Whether a key is that common is one bounded index probe
    (is there a posting past the cap?), never a count of all its postings. A key kept weighs one
    over the number of claims filed under it (at most the cap to count), so one rare name shared
    outranks two figures that hundreds of claims share (on the benchmark's archive of 100,000, 7
    of its 10 true relays found with MiniLM instead of 5). The top ``CANDIDATES`` are picked in
    SQL, so only those rows come back.
    """
    q = connection.ops.quote_name
    keys, entries = q(ClaimKey._meta.db_table), q(ClaimEntry._meta.db_table)
    claims = q(Claim._meta.db_table)
    # The names are ours and every value a parameter: nothing from outside is formatted in.
    sql = (
        f"WITH mine AS (SELECT claim_id, key FROM {keys} WHERE article_id = %s), "  # noqa: S608  # nosec B608
        # Each kept key's postings counted once (MATERIALIZED: not once per posting joined to it).
        "kept AS MATERIALIZED (SELECT claim_id, key, "
        f"(SELECT COUNT(*) FROM {keys} posting WHERE posting.key = mine.key) AS postings FROM mine "
        f"WHERE NOT EXISTS (SELECT 1 FROM {keys} common WHERE common.key = mine.key LIMIT 1 OFFSET %s)), "
        # Other articles' claims are told apart by claim id, not article: the (key, claim) index
        # then answers the join alone, with no read of the table's rows.
        "pairs AS (SELECT kept.claim_id AS claim_id, theirs.claim_id AS other_id, "
        "SUM(1.0 / kept.postings) AS weight "
        f"FROM kept JOIN {keys} theirs ON theirs.key = kept.key "
        "WHERE theirs.claim_id NOT IN (SELECT claim_id FROM mine) GROUP BY kept.claim_id, theirs.claim_id), "
        "ranked AS (SELECT claim_id, other_id, "
        "ROW_NUMBER() OVER (PARTITION BY claim_id ORDER BY weight DESC, other_id) AS place FROM pairs) "
        "SELECT claim_id, other_id FROM ranked WHERE place <= %s ORDER BY claim_id, place"
    )
    # The chosen ones' texts, stored features and chain heads: a second query, by id. Joined to the
    # ranking in one, PostgreSQL misjudged how few they are and scanned the claims and hops whole.
    read = (
        f"SELECT other.id, other.text, entry.text_hash, entry.features, entry.pieces, {_HEAD_COLUMNS} "  # noqa: S608  # nosec B608
        f"FROM {claims} other LEFT JOIN {entries} entry ON entry.claim_id = other.id {_heads_sql('other')}"
        "WHERE other.id IN ({}) AND other.retired_at IS NULL AND other.not_a_claim = %s"
    )
    ranked: list[tuple[int, int]]
    features: dict[int, ClaimFeatures] = {}
    pieces: dict[int, np.ndarray] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [article_id, KEY_POSTINGS_CAP, CANDIDATES])
        ranked = cursor.fetchall()
        ids = sorted({other_id for _, other_id in ranked})
        if ids:
            cursor.execute(read.format(", ".join(["%s"] * len(ids))), [*ids, False])
            for other_id, text, hashed, entry, kept, *head in cursor.fetchall():
                features[other_id] = features_of(text, _json(entry), hashed, origin=_origin(*head))
                if kept is not None and hashed == text_hash(text):
                    pieces[other_id] = pieces_from_bytes(bytes(kept))
    found: dict[int, list[int]] = defaultdict(list)
    for claim_id, other_id in ranked:
        if other_id in features:  # current, and a claim
            found[claim_id].append(other_id)
    return dict(found), features, pieces


# An encoder cheaper to run than to read back: its vectors are computed each time, never stored.
_UNSTORED = frozenset({"static"})


def _pair_cosines(
    pairs: list[tuple[int, int]],
    texts: dict[int, str],
    *,
    encoder: str,
    pieces: dict[int, np.ndarray] | None = None,
) -> dict[tuple[int, int], float]:
    """The cosine of each pair. ``static``'s (a table lookup) is computed for both sides, from the
    claims' ``pieces`` where known, else from their texts; the other encoders' vectors are stored
    once per claim; ``cascade`` takes the static cosine, and MiniLM's only for the pairs the static
    one leaves undecided."""
    cosines: dict[tuple[int, int], float] = {}
    cheap = "static" if encoder == "cascade" else encoder
    if cheap in _UNSTORED:
        pieces = pieces or {}
        ids = sorted({pk for pair in pairs for pk in pair})
        known = [pk for pk in ids if pk in pieces]
        unknown = [pk for pk in ids if pk not in pieces]
        vectors = dict(zip(known, static_vectors([pieces[pk] for pk in known]), strict=True))
        vectors.update(zip(unknown, embed([texts[pk] for pk in unknown], name=cheap), strict=True))
        cosines = {pair: float(np.dot(vectors[pair[0]], vectors[pair[1]])) for pair in pairs}
        if encoder != "cascade":
            return cosines
        pairs = [pair for pair, cosine in cosines.items() if cascade_undecided(cosine)]
        encoder = "minilm"
    vectors = _vectors({pk: texts[pk] for pair in pairs for pk in pair}, encoder=encoder) if pairs else {}
    cosines.update({(a, b): float(np.dot(vectors[a], vectors[b])) for a, b in pairs})
    return cosines


def claims_match(claims: list[MatchClaim], article_id: int, *, encoder: str) -> list[ClaimMatch]:
    """Every match between the article's claims and the stored claims of other articles.

    The embedding is the slow part, so it is left for last: a candidate that names another day,
    place or origin is dropped, and wire copy is decided from the words alone; only the pairs left
    need the two claims' vectors (stored ones are reused).
    """
    features = {claim.pk: claim_features(claim.text, origin=claim.origin) for claim in claims}
    # With the static encoder, the claims' pieces are kept with their entries: as candidates of
    # later articles, their vectors are then read, not tokenised again.
    static = encoders_of(encoder)[0] in _UNSTORED
    pieces = dict(zip([c.pk for c in claims], static_pieces([c.text for c in claims]), strict=True)) if static else {}
    _index_write(article_id, claims, features, pieces)
    candidates, other_features, other_pieces = _candidates(article_id)
    wanted = {claim.pk: candidates.get(claim.pk, []) for claim in claims}
    found = []
    pending: list[tuple[int, int]] = []
    for claim in claims:
        for other_id in wanted[claim.pk]:
            mine, theirs = features[claim.pk], other_features[other_id]
            verdict = match_decide(mine, theirs, cosine=None)
            if verdict is not None:
                found.append(ClaimMatch(claim_id=claim.pk, other_id=other_id, verdict=verdict))
            elif conflict(mine, theirs) is None:
                pending.append((claim.pk, other_id))
    if pending:
        texts = {claim.pk: claim.text for claim in claims} | {pk: f.text for pk, f in other_features.items()}
        cosines = _pair_cosines(pending, texts, encoder=encoder, pieces=pieces | other_pieces)
        for claim_id, other_id in pending:
            verdict = match_decide(features[claim_id], other_features[other_id], cosine=cosines[claim_id, other_id])
            if verdict is not None:
                found.append(ClaimMatch(claim_id=claim_id, other_id=other_id, verdict=verdict))
    return found


def _story_merge(into: Story, others: set[int]) -> None:
    if others:
        StoryClaim.objects.filter(story_id__in=others).update(story=into)
        Story.objects.filter(pk__in=others).delete()


@transaction.atomic
def _stories_file(claims: list[MatchClaim], matches: list[ClaimMatch]) -> set[int]:
    """File each matched claim, and the claims it matched, in one story: the members are read in one
    query and followed in memory, the new rows written in one insert at the end. Returns the
    stories the claims are in now."""
    by_claim: dict[int, list[ClaimMatch]] = {}
    for match in matches:
        by_claim.setdefault(match.claim_id, []).append(match)
    involved = {claim.pk for claim in claims} | {match.other_id for match in matches}
    # claim id -> story id, for every claim involved that is in a story (or joins one below).
    story_of = dict(
        StoryClaim.objects.select_for_update().filter(claim_id__in=involved).values_list("claim_id", "story_id")
    )
    joining: dict[int, StoryClaim] = {}
    touched: set[int] = set()
    for claim in claims:
        mine = sorted(by_claim.get(claim.pk, []), key=lambda m: (-m.verdict.score, m.other_id))
        if not mine:
            continue
        stories = {story_of[pk] for pk in (claim.pk, *(m.other_id for m in mine)) if pk in story_of}
        current = story_of.get(claim.pk)
        # A claim already in a story keeps it (the others' stories join it): a second run changes nothing.
        if current is not None:
            target_id = current
        elif stories:
            target_id = min(stories)
        else:
            target_id = Story.objects.create().pk
        merged = stories - {target_id}
        if merged:
            _story_merge(Story(pk=target_id), merged)
            story_of = {pk: target_id if story in merged else story for pk, story in story_of.items()}
            for row in joining.values():
                row.story_id = target_id if row.story_id in merged else row.story_id
        touched.add(target_id)
        for match in mine:
            if match.other_id not in story_of:
                story_of[match.other_id] = target_id
                joining[match.other_id] = StoryClaim(
                    story_id=target_id, claim_id=match.other_id, matched_to_id=claim.pk, how=match.verdict.how,
                    score=match.verdict.score, why=match.verdict.why,
                )  # fmt: skip
        best = mine[0]
        fields = {
            "story_id": target_id, "matched_to_id": best.other_id, "how": best.verdict.how,
            "score": best.verdict.score, "why": best.verdict.why,
        }  # fmt: skip
        if current is None:
            story_of[claim.pk] = target_id
            joining[claim.pk] = StoryClaim(claim_id=claim.pk, **fields)
        else:
            # ``update`` does not touch auto_now fields: matched_at is set here as save() would.
            StoryClaim.objects.filter(claim_id=claim.pk).update(matched_at=timezone.now(), **fields)
    StoryClaim.objects.bulk_create(joining.values())
    Story.objects.filter(pk__in=touched).update(updated_at=timezone.now())
    return {story_of[claim.pk] for claim in claims if claim.pk in story_of}


def _stories_prune(article_id: int, claims: list[MatchClaim]) -> set[int]:
    """Claims the article no longer reads leave their stories; a story left in one article ends.
    Returns the stories they left (none, and nothing written, when every member is still read)."""
    leaving = StoryClaim.objects.filter(claim__article_id=article_id).exclude(claim_id__in=[c.pk for c in claims])
    left = set(leaving.values_list("story_id", flat=True))
    if not left:
        return left
    leaving.delete()
    for story in Story.objects.filter(pk__in=left).annotate(articles=Count("members__claim__article", distinct=True)):
        if story.articles < 2:
            story.delete()
    return left


def story_match_article(*, article_id: int) -> list[ClaimMatch]:
    """Match the article's current claims to the stored claims of other articles; file the stories.

    Idempotent: a second run rewrites the same index rows and leaves every claim in its story.
    Returns the matches found (for logs and tests). An article that is gone has no claims: nothing
    is matched, and nothing was left of it to prune.
    """
    claims = _current_claims(article_id)
    encoder = settings.NEWSVERIFY_STORY_EMBEDDINGS
    matches = claims_match(claims, article_id, encoder=encoder)
    with transaction.atomic():
        stories = _stories_file(claims, matches)
        # The notes of every story the article is in are rebuilt once this commits: the stories it
        # joined, those it was in already (a re-analysis can change a member's chain without
        # changing its story), and those its claims left.
        stories_changed(stories | _stories_prune(article_id, claims))
    return matches
