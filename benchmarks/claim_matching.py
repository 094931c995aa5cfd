"""Claim matching across articles: precision and recall on labelled pairs, and time as the archive grows.

    .venv/bin/python benchmarks/claim_matching.py                    # every encoder, archives of 1k and 10k
    .venv/bin/python benchmarks/claim_matching.py --sizes 1000,10000,100000            # ~15 min on 2 cores
    .venv/bin/python benchmarks/claim_matching.py --encoders words --speed-encoders static --sizes 500,2000
    .venv/bin/python benchmarks/claim_matching.py --sizes 1000,10000,100000 --keep-archives DIR  # built once
    .venv/bin/python benchmarks/claim_matching.py --pg postgres://HOST/NAME   # on PostgreSQL, archives kept

Quality: the pairs are built from benchmarks/data/claim_events.json (sentences written for this
benchmark): per event 5 positives (wire copy, paraphrase, a paraphrase whose figure drifted, and
their cross pairs) and 6 negatives (the same words about another place or day, a sibling claim
about the same event, an unrelated claim). Acceptance: precision >= 0.9 at recall >= 0.8. Encoders:
``words`` (hashed word stems), ``static`` (MiniLM's vocabulary distilled into a table), ``cascade``
(static, MiniLM for the pairs it leaves undecided), ``minilm``.

Speed: matching one new article of 10 claims (``story_match_article``: its embeddings, the index
lookups, the comparisons, the filing) against archives of stored claims, against the engine's time
on the same article, timed in turn in the same run (wall and CPU time, the PostgreSQL server
process's included when it runs on this machine; the models are loaded before, once per process).
The archive's texts vary places, days and figures; its stored MiniLM vectors are random (their
values do not change the time; the static encoder computes its own from the texts, so it finds more
matches there), except the 20 relays of the new article's events, embedded for real.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EVENTS = ROOT / "benchmarks" / "data" / "claim_events.json"
POSITIVE = (
    ("base", "wire"),
    ("base", "paraphrase"),
    ("base", "drift"),
    ("wire", "paraphrase"),
    ("paraphrase", "drift"),
)


def claim_pairs() -> list[dict]:
    events = json.loads(EVENTS.read_text())["events"]
    pairs = []
    for index, event in enumerate(events):
        origin = event["origin"]
        for a, b in POSITIVE:
            pairs.append({"a": event[a], "b": event[b], "same": True, "kind": b, "origin": origin})
        for a in ("base", "wire", "paraphrase"):
            pairs.append({"a": event[a], "b": event["other"], "same": False, "kind": "other event", "origin": origin})
        for a in ("base", "paraphrase"):
            pairs.append({"a": event[a], "b": event["sibling"], "same": False, "kind": "sibling claim", "origin": ""})
        unrelated = events[(index + 1) % len(events)]["paraphrase"]
        pairs.append({"a": event["base"], "b": unrelated, "same": False, "kind": "unrelated", "origin": ""})
    return pairs


def quality(encoder: str) -> dict:
    from newsverify.stories import matching
    from newsverify.stories.embeddings import embed, encoders_of

    pairs = claim_pairs()
    texts = sorted({text for pair in pairs for text in (pair["a"], pair["b"])})
    # ``cascade``: the static cosine, MiniLM's for the pairs it leaves undecided (as services does).
    names = encoders_of(encoder)
    vectors, per_claim_ms = {}, {}
    for name in names:
        embed(texts[:4], name=name)  # the model load is not the matching time
        started = time.perf_counter()
        vectors[name] = dict(zip(texts, embed(texts, name=name), strict=True))
        per_claim_ms[name] = (time.perf_counter() - started) * 1000 / len(texts)
    asked = set()

    def cosine_of(a: str, b: str) -> float:
        cosine = float(vectors[names[0]][a] @ vectors[names[0]][b])
        if encoder == "cascade" and matching.cascade_undecided(cosine):
            asked.add((a, b))
            cosine = float(vectors["minilm"][a] @ vectors["minilm"][b])
        return cosine

    def score(paraphrase_at: float) -> tuple[float, float, dict]:
        saved = matching.PARAPHRASE_COSINE
        matching.PARAPHRASE_COSINE = paraphrase_at
        tp = fp = fn = 0
        kinds: dict[str, list[int]] = {}
        for pair in pairs:
            a = matching.claim_features(pair["a"], origin=matching.Origin(name=pair["origin"]))
            b = matching.claim_features(pair["b"], origin=matching.Origin(name=pair["origin"] if pair["same"] else ""))
            found = matching.match_decide(a, b, cosine=cosine_of(pair["a"], pair["b"])) is not None
            tp += found and pair["same"]
            fp += found and not pair["same"]
            fn += not found and pair["same"]
            kinds.setdefault(pair["kind"], [0, 0])
            kinds[pair["kind"]][0] += found
            kinds[pair["kind"]][1] += 1
        matching.PARAPHRASE_COSINE = saved
        return tp / max(tp + fp, 1), tp / max(tp + fn, 1), kinds

    precision, recall, kinds = score(matching.PARAPHRASE_COSINE)
    features = [
        (
            matching.claim_features(pair["a"], origin=matching.Origin(name=pair["origin"])),
            matching.claim_features(pair["b"], origin=matching.Origin(name=pair["origin"] if pair["same"] else "")),
        )
        for pair in pairs
    ]
    # The pairs the words leave open: no conflict, no wire copy; only these are ever embedded.
    open_pairs = {
        (pair["a"], pair["b"])
        for pair, (a, b) in zip(pairs, features, strict=True)
        if matching.conflict(a, b) is None and matching.match_decide(a, b, cosine=None) is None
    }
    sweep = {round(t, 2): score(t)[:2] for t in (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85)}
    return {
        "pairs": len(pairs),
        "precision": precision,
        "recall": recall,
        "kinds": kinds,
        "sweep": sweep,
        "ms": per_claim_ms,
        "asked": len(asked & open_pairs),
        "open": len(open_pairs),
    }


PLACES = "Ostrel Valmor Kessin Dravo Lunok Pelta Sarn Tovik Umbra Varno Wessel Yarrow Zelen Arkon Borsk Corva".split()  # noqa: SIM905
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _varied(sentence: str, rng: random.Random) -> str:
    words = sentence.split()
    out = []
    for word in words:
        bare = word.strip(".,")
        if bare in DAYS:
            word = word.replace(bare, rng.choice(DAYS))
        elif bare[:1].isupper() and out and bare.isalpha():
            word = word.replace(bare, rng.choice(PLACES) + rng.choice(("", "a", "o", "en", "ia")))
        elif bare.isdigit():
            word = word.replace(bare, str(rng.randint(2, 5000)))
        out.append(word)
    return " ".join(out)


_DATABASE: Path | None = None  # the SQLite file, when the benchmark runs on one


def _django(pg_url: str | None = None) -> None:
    """Django on a temporary SQLite file, or on the PostgreSQL database ``pg_url`` (dropped and
    created again: only its snapshots, ``_snapshot``, are kept)."""
    global _DATABASE
    if pg_url:
        os.environ["DATABASE_URL"] = pg_url
        # Emptied first: the archive of each size is grown from here or copied from its snapshot.
        _pg_admin("DROP DATABASE IF EXISTS {}", _pg_name())
        _pg_admin("CREATE DATABASE {}", _pg_name())
    else:
        folder = tempfile.mkdtemp(prefix="newsverify-bench-stories-")
        atexit.register(shutil.rmtree, folder, ignore_errors=True)  # the archive is a few hundred MB at 100k
        _DATABASE = Path(folder) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{_DATABASE}"
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsverify.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _articles_with_claims(bodies: list[str], texts: list[list[str]]) -> list:  # type: ignore[type-arg]
    """Analysed articles, ``texts[i]`` the claims of ``bodies[i]``, each claim with one origin hop
    (the ministry): a few bulk inserts for any number of articles."""
    from newsverify.articles.models import Article, ArticleStatus
    from newsverify.articles.services import article_content_hash
    from newsverify.review.models import Claim, ClaimKind, Evidence, Hop
    from newsverify.sources.models import Source, SourceType

    source, _ = Source.objects.get_or_create(name="Interior Ministry", type=SourceType.GOVERNMENT_BODY)
    articles = Article.objects.bulk_create(
        Article(title="bench", text=body, content_hash=article_content_hash(body), status=ArticleStatus.DONE)
        for body in bodies
    )
    claims = Claim.objects.bulk_create(
        Claim(
            article=article, engine_key=f"c{i}", span_start=0, span_end=1, text=text, kind=ClaimKind.INDIRECT, depth=1
        )
        for article, article_texts in zip(articles, texts, strict=True)
        for i, text in enumerate(article_texts)
    )
    Hop.objects.bulk_create(Hop(claim=c, position=0, source=source, evidence=Evidence.EXPLICIT) for c in claims)
    return claims


def _archive_add(texts: list[list[str]], rng: random.Random, *, encoder: str, real_vectors: bool = False) -> None:
    """Stored articles of these claims, filed in the matching index as ``story_match_article`` files
    them: their keys, and a vector each (random unless ``real_vectors``: the values do not change
    the time, and embedding 100,000 claims would take most of an hour)."""
    import numpy as np
    from django.db import connection

    from newsverify.stories.embeddings import DIMENSIONS, embed, encoders_of, static_pieces, vector_to_bytes
    from newsverify.stories.matching import claim_features, index_keys, text_hash
    from newsverify.stories.models import ClaimEntry, ClaimKey, ClaimVector
    from newsverify.stories.services import claim_entry

    encoder = encoders_of(encoder)[-1]  # the stored vectors are this one's
    bodies = [" ".join(article_texts) + f" ({rng.random()})" for article_texts in texts]
    claims = _articles_with_claims(bodies, texts)
    features = {claim.pk: claim_features(claim.text) for claim in claims}
    if real_vectors:
        vectors = embed([claim.text for claim in claims], name=encoder)
    else:
        randoms = np.random.default_rng(rng.randrange(2**32)).standard_normal((len(claims), DIMENSIONS[encoder]))
        vectors = randoms / np.linalg.norm(randoms, axis=1, keepdims=True)
    rows = [
        (claim.pk, claim.article_id, key) for claim in claims for key in dict.fromkeys(index_keys(features[claim.pk]))
    ]
    table = connection.ops.quote_name(ClaimKey._meta.db_table)
    with connection.cursor() as cursor:  # some 20 rows a claim: the ORM would take most of the build
        cursor.executemany(f"INSERT INTO {table} (claim_id, article_id, key) VALUES (%s, %s, %s)", rows)  # noqa: S608  # nosec B608
    pieces = static_pieces([claim.text for claim in claims])  # kept as the matcher keeps them with static
    ClaimEntry.objects.bulk_create(
        (
            claim_entry(claim.pk, claim.article_id, features[claim.pk], kept)
            for claim, kept in zip(claims, pieces, strict=True)
        ),
        batch_size=5000,
    )
    ClaimVector.objects.bulk_create(
        (
            ClaimVector(claim=claim, encoder=encoder, vector=vector_to_bytes(vector), text_hash=text_hash(claim.text))
            for claim, vector in zip(claims, vectors, strict=True)
        ),
        batch_size=5000,
    )


def _pg_name() -> str:
    return os.environ["DATABASE_URL"].rsplit("/", 1)[1].split("?")[0]


def _pg_admin(statement: str, *names: str) -> None:
    """One statement on the server's maintenance database (``{}`` are the quoted ``names``)."""
    import psycopg
    from psycopg import sql

    url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(sql.SQL(statement).format(*map(sql.Identifier, names)))


def _pg_exists(name: str) -> bool:
    import psycopg

    url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(url, autocommit=True) as admin:
        return admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def _snapshot(keep: Path | None, size: int) -> str | None:
    """Where the archive of ``size`` claims is kept: a file in ``keep`` (SQLite), or a database
    named after the benchmark's (PostgreSQL, always kept: building 100,000 claims takes minutes)."""
    if _DATABASE is None:
        return f"{_pg_name()}_{size}"
    return str(keep / f"claims-{size}.sqlite3") if keep else None


def _snapshot_exists(snapshot: str) -> bool:
    return Path(snapshot).exists() if _DATABASE is not None else _pg_exists(snapshot)


def _archive_load(snapshot: str) -> None:
    """Replace the benchmark's database by a kept archive (a copy: the snapshot is never written),
    migrated to the current schema."""
    from django.core.management import call_command
    from django.db import connection

    connection.close()
    if _DATABASE is None:
        _pg_admin("DROP DATABASE {}", _pg_name())
        _pg_admin("CREATE DATABASE {} TEMPLATE {}", _pg_name(), snapshot)
    else:
        for journal in (f"{_DATABASE}-wal", f"{_DATABASE}-shm"):  # the old file's WAL must not be replayed
            Path(journal).unlink(missing_ok=True)
        shutil.copyfile(snapshot, _DATABASE)
    call_command("migrate", verbosity=0)
    if _entries_fill():
        _archive_keep(snapshot, again=True)  # filled once, not at every load


def _entries_fill() -> int:
    """The ``ClaimEntry`` rows of an archive kept before the matcher stored them, as it writes them,
    and the static pieces of entries kept before those were stored."""
    from newsverify.review.models import Claim
    from newsverify.stories.embeddings import pieces_to_bytes, static_pieces
    from newsverify.stories.matching import claim_features
    from newsverify.stories.models import ClaimEntry
    from newsverify.stories.services import claim_entry

    missing = Claim.objects.filter(story_entry__isnull=True, story_keys__isnull=False).distinct()
    rows = list(missing.values_list("pk", "article_id", "text"))
    pieces = static_pieces([text for _, _, text in rows])
    entries = [
        claim_entry(pk, article_id, claim_features(text), kept)
        for (pk, article_id, text), kept in zip(rows, pieces, strict=True)
    ]
    ClaimEntry.objects.bulk_create(entries, batch_size=5000)
    bare = list(ClaimEntry.objects.filter(pieces__isnull=True).values_list("pk", "claim__text"))
    for start in range(0, len(bare), 5000):
        chunk = bare[start : start + 5000]
        kept = static_pieces([text for _, text in chunk])
        ClaimEntry.objects.bulk_update(
            [ClaimEntry(pk=pk, pieces=pieces_to_bytes(p)) for (pk, _), p in zip(chunk, kept, strict=True)],
            ["pieces"],
            batch_size=1000,
        )
    return len(entries) + len(bare)


def _archive_keep(snapshot: str, *, again: bool = False) -> None:
    """Copy the archive as built to ``snapshot``, for later runs: a file written whole then renamed,
    or a database made from this one as its template, vacuumed first (as autovacuum keeps a live
    one: without it PostgreSQL's index-only scans read the table)."""
    from django.db import connection

    if _DATABASE is None:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        connection.close()
        if again:
            _pg_admin("DROP DATABASE {}", snapshot)
        _pg_admin("CREATE DATABASE {} TEMPLATE {}", snapshot, _pg_name())
        return
    connection.close()
    Path(snapshot).parent.mkdir(parents=True, exist_ok=True)
    partial = Path(snapshot).with_suffix(".partial")
    shutil.copyfile(_DATABASE, partial)
    os.replace(partial, snapshot)


def _archive_grow(target: int, rng: random.Random, sentences: list[str], *, encoder: str) -> None:
    """Stored articles of 10 claims each, sentences of the events with their places, days and
    figures varied, until the archive holds ``target`` claims; 500 articles a round."""
    from newsverify.review.models import Claim

    stored = Claim.objects.count()
    while stored < target:
        articles = min(500, -(-(target - stored) // 10))
        _archive_add(
            [[_varied(rng.choice(sentences), rng) for _ in range(10)] for _ in range(articles)], rng, encoder=encoder
        )
        stored += articles * 10


def speed(encoders: list[str], sizes: list[int], repeats: int, *, keep: Path | None = None) -> list[dict]:  # type: ignore[type-arg]
    """Each encoder timed on the same archive at each size (its stored vectors are MiniLM's: the
    static encoder's are computed each time, and the cascade reads MiniLM's). With ``keep``, the
    archive of each size is copied there once built, and read from there by later runs."""
    from django.conf import settings
    from django.test.utils import override_settings

    from newsverify.articles.models import Article
    from newsverify.attribution import extract_chains
    from newsverify.review.models import Claim
    from newsverify.stories.embeddings import embed, encoders_of
    from newsverify.stories.services import story_match_article

    events = json.loads(EVENTS.read_text())["events"]
    sentences = [event[k] for event in events for k in ("base", "paraphrase", "sibling", "other")]
    rng = random.Random(10)  # nosec B311 - a fixed sample of benchmark pairs, not a secret
    new_texts = [events[i]["wire"] for i in range(10)]
    article_text = " ".join(f"{t[:-1]}, the {events[i]['origin'].lower()} said." for i, t in enumerate(new_texts))
    # Loaded once per process, before any timing: the spaCy model and the sentence encoder.
    started = time.perf_counter()
    extract_chains(article_text, model=settings.NEWSVERIFY_SPACY_MODEL)
    for name in {name for encoder in encoders for name in encoders_of(encoder)}:
        embed(new_texts[:2], name=name)
    print(f"   (models loaded in {time.perf_counter() - started:.1f} s, once per process, not timed below)")
    rows = []
    stored = "minilm"
    relays = [events[i][k] for i in range(10) for k in ("paraphrase", "sibling")]
    for size in sizes:
        started = time.perf_counter()
        snapshot = _snapshot(keep, size)
        if snapshot and _snapshot_exists(snapshot) and Claim.objects.count() < size:
            _archive_load(snapshot)
        _archive_grow(size, rng, sentences, encoder=stored)
        if not Claim.objects.filter(text=relays[0]).exists():
            # The new article's events are in the archive too, in other words and with their real
            # vectors: those pairs need the embeddings (a wire copy or a conflict alone would not).
            _archive_add([relays[:10], relays[10:]], rng, encoder=stored, real_vectors=True)
        if snapshot and not _snapshot_exists(snapshot):
            _archive_keep(snapshot)
        built = time.perf_counter() - started
        backend = _backend_pid()
        for encoder in encoders:
            wall: dict[str, list[float]] = {"engine": [], "matching": []}
            cpu: dict[str, list[float]] = {"engine": [], "matching": []}
            # Warm-up first (not counted), then engine and matching in turn on the same article,
            # so the load on the machine weighs on both alike. Wall time, and this process's CPU
            # time (both run on one thread): the machine is shared, and waiting for a core is not cost.
            # The stories' notes rebuilt in this process, as in the worker (outside one they are
            # handed to a broker, and their rebuild would not be counted).
            with override_settings(NEWSVERIFY_STORY_EMBEDDINGS=encoder, NEWSVERIFY_STORY_NOTES_IN_BACKGROUND=False):
                for attempt in range(repeats + 1):
                    claims = _articles_with_claims([article_text + f" [{size}-{encoder}-{attempt}]"], [new_texts])
                    for step, run in (
                        ("engine", lambda: extract_chains(article_text, model=settings.NEWSVERIFY_SPACY_MODEL)),
                        ("matching", lambda: story_match_article(article_id=claims[0].article_id)),  # noqa: B023
                    ):
                        started, started_cpu = time.perf_counter(), time.process_time() + _server_cpu(backend)
                        outcome = run()
                        if attempt:
                            wall[step].append(time.perf_counter() - started)
                            cpu[step].append(time.process_time() + _server_cpu(backend) - started_cpu)
                        if step == "matching":
                            matches = len(outcome)  # type: ignore[arg-type]  # story_match_article's list
                            found = _relays_found(outcome, events)  # type: ignore[arg-type]
                    Article.objects.filter(pk=claims[0].article_id).delete()  # the archive stays at its size
            row = {
                "encoder": encoder,
                "size": size,
                "built": built,
                "matches": matches,
                "relays": found,
                **{f"{step}_wall": statistics.median(times) for step, times in wall.items()},
                **{f"{step}_cpu": statistics.median(times) for step, times in cpu.items()},
                "ratio_wall": sorted(m / e for m, e in zip(wall["matching"], wall["engine"], strict=True)),
                "ratio_cpu": sorted(m / e for m, e in zip(cpu["matching"], cpu["engine"], strict=True)),
            }
            rows.append(row)
            _speed_print(row, next(r for r in rows if r["encoder"] == encoder), encoder=encoder, repeats=repeats)
    return rows


def _backend_pid() -> int | None:
    """The process of this connection's PostgreSQL server, when it runs on this machine (None on
    SQLite, whose work is this process's own)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    return pid if Path(f"/proc/{pid}/schedstat").exists() else None


def _server_cpu(pid: int | None) -> float:
    """The CPU time (s) the database server's process has run, so that PostgreSQL's share of the
    matching is counted as SQLite's is (nanoseconds, from the kernel's scheduler statistics)."""
    if pid is None:
        return 0.0
    return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0]) / 1e9


def _relays_found(matches: list, events: list[dict]) -> int:  # type: ignore[type-arg]
    """How many of the matches pair a new claim (an event's wire copy) with its true relay in the
    archive (the same event's paraphrase): the matches a reader wants found."""
    from newsverify.review.models import Claim

    ids = {match.claim_id for match in matches} | {match.other_id for match in matches}
    texts = dict(Claim.objects.filter(pk__in=ids).values_list("pk", "text"))
    true = {(event["wire"], event["paraphrase"]) for event in events[:10]}
    return sum((texts.get(match.claim_id), texts.get(match.other_id)) in true for match in matches)


def _speed_print(row: dict, first: dict, *, encoder: str, repeats: int) -> None:
    wall, cpu = row["ratio_wall"], row["ratio_cpu"]
    print(
        f"== {encoder}, archive {row['size']:>7} claims (built in {row['built']:.0f} s), medians of {repeats}: "
        f"matching a new 10-claim article {row['matching_wall'] * 1000:.1f} ms wall / "
        f"{row['matching_cpu'] * 1000:.1f} ms CPU "
        f"({row['matches']} matches, {row['relays']} of the 10 true relays; "
        f"x{row['matching_cpu'] / first['matching_cpu']:.2f} the CPU of the "
        f"{first['size']} archive), engine {row['engine_wall'] * 1000:.0f} / {row['engine_cpu'] * 1000:.0f} ms; "
        f"matching / engine: wall {statistics.median(wall):.2f} ({wall[0]:.2f}-{wall[-1]:.2f}), "
        f"CPU {statistics.median(cpu):.2f} ({cpu[0]:.2f}-{cpu[-1]:.2f})",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--encoders", default="words,static,cascade,minilm")
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument(
        "--speed-encoders", default="static,cascade,minilm", help="the encoders the archive timing runs"
    )
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument(
        "--pg",
        metavar="URL",
        help="run on this PostgreSQL database (dropped and created again), each size's archive kept as a "
        "database named after it (NAME_1000, ...) and copied from there by later runs",
    )
    parser.add_argument(
        "--keep-archives",
        type=Path,
        help="a folder: each size's archive is copied there once built, and later runs start from the copy "
        "(100,000 claims take some 12 minutes to build)",
    )
    args = parser.parse_args()
    _django(args.pg)
    for encoder in args.encoders.split(","):
        result = quality(encoder)
        met = result["precision"] >= 0.9 and result["recall"] >= 0.8
        timing = ", ".join(f"{name} {ms:.2f} ms" for name, ms in result["ms"].items())
        print(f"== {encoder}: {result['pairs']} pairs, embedding per claim: {timing}")
        if encoder == "cascade":
            print(f"   MiniLM asked about {result['asked']} of the {result['open']} pairs the words leave open")
        print(
            f"   precision {result['precision']:.3f}  recall {result['recall']:.3f}  "
            f"({'meets' if met else 'misses'} P>=0.9 at R>=0.8)"
        )
        for kind, (found, total) in result["kinds"].items():
            print(f"   {kind:<14} matched {found:>3} of {total}")
        print(
            "   paraphrase threshold sweep: "
            + "  ".join(f"{t}: P {p:.2f} R {r:.2f}" for t, (p, r) in result["sweep"].items())
        )
    if not args.no_speed:
        sizes = [int(size) for size in args.sizes.split(",")]
        speed(args.speed_encoders.split(","), sizes, args.repeats, keep=args.keep_archives)


if __name__ == "__main__":
    main()
