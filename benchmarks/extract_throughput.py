"""Throughput of the attribution engine against the bare spaCy parse it is built on.

    .venv/bin/python benchmarks/extract_throughput.py [--words 40000] [--rounds 3] [--json]

The corpus is the seed article from ``seeds/`` plus news-like articles generated here from
templates (invented names, outlets and events; no third-party text). In one run it measures:

- parse: one ``nlp.pipe`` stream over exactly the pieces the engine parses (``analysis.prepare``:
  paragraphs cut into chunks, datelines left out), with the engine's batch size;
- extract: ``extract_chains_many`` over the same articles;

interleaved (parse, extract, parse, extract, ...) so that machine noise hits both alike, and
reports the best and the median rate of each in words per second, the extraction/parse ratio
(the engine should stay at or above 0.8x the bare parse), the peak of Python allocations during
one extraction pass (tracemalloc, measured in a separate untimed pass because tracing slows
Python down) and the process's peak resident memory (``ru_maxrss``).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsverify.attribution import extract_chains_many, get_nlp  # noqa: E402
from newsverify.attribution.analysis import prepare  # noqa: E402
from newsverify.attribution.pipeline import BATCH_SIZE  # noqa: E402

SEEDS = ROOT / "seeds"
WORD = re.compile(r"\S+")

# --- a corpus of invented news ------------------------------------------------------------------

FIRST = [
    "Ana",
    "Miriam",
    "Tomas",
    "Lena",
    "Paulo",
    "Ingrid",
    "Dario",
    "Sandra",
    "Rafael",
    "Hugo",
    "Marta",
    "Bruno",
    "Ines",
    "Stefan",
    "Pia",
    "Kofi",
    "Yara",
    "Omar",
]
LAST = [
    "Ribeiro",
    "Osei",
    "Lindqvist",
    "Petrova",
    "Mendes",
    "Halvorsen",
    "Feld",
    "Okoye",
    "Duarte",
    "Blanc",
    "Kowalski",
    "Salas",
    "Brandt",
    "Ivanov",
    "Laine",
]
TITLES = ["Mayor", "Governor", "Minister", "Senator", "Police chief", "Fire chief", "Engineer", "Professor", "Coach"]
OUTLETS = ["the Lakeside Gazette", "the Coastal Herald", "the Evening Ledger", "the Northern Tribune", "Radio Valmor"]
AGENCIES = ["Reuters", "the Kestrel News Agency", "Interfax", "AFP"]
BODIES = [
    "the Harbour Authority",
    "the Chilean Mining Ministry",
    "the Norwegian Fisheries Agency",
    "the Transport Ministry",
    "the Maritime Safety Board",
    "Halvard Shipping Ltd",
    "the Finnish Environment Ministry",
    "regional police",
]
PLACES = ["Varnsdorf", "Korvo", "Lommel", "Porto Seco", "Valmor", "Tessin Bay", "Hallberg", "Oster Vik"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
EVENTS = ["a gas explosion", "a flood", "a bridge collapse", "a fire", "a strike", "a landslide", "a blackout"]
VERBS = ["said", "told reporters", "added", "noted", "confirmed", "warned", "claimed", "estimated", "wrote"]
FACTS = [
    "{n} people were injured",
    "{n} homes were damaged",
    "the {thing} would reopen in {month}",
    "the damage would cost about {n} million euros",
    "the {thing} had not been inspected since {year}",
    "rescue teams had reached {place} by dawn",
    "power had been restored to {n} households",
    "the {thing} was safe to use",
    "{n} workers would lose their jobs",
    "the vote had been postponed",
]
THINGS = ["bridge", "tunnel", "port", "dam", "school", "factory", "railway line", "hospital wing", "ferry terminal"]
OUTCOMES = ["stayed closed", "reopened", "was evacuated"]
MONTHS = ["March", "May", "June", "September", "November"]
QUOTES = [
    "We have never seen water rise this fast.",
    "Nobody should go near the river until we say so.",
    "The crews worked through the night and they will keep working.",
    "This is the worst damage in a decade.",
    "We warned the council three times and nothing happened.",
    "Everyone who was inside got out in time.",
]


def person(rng: random.Random) -> str:
    return f"{rng.choice(TITLES)} {rng.choice(FIRST)} {rng.choice(LAST)}"


def fact(rng: random.Random, place: str) -> str:
    return rng.choice(FACTS).format(
        n=rng.choice([2, 3, 4, 6, 9, 12, 14, 40, 120]),
        thing=rng.choice(THINGS),
        month=rng.choice(MONTHS),
        year=rng.choice([1998, 2005, 2011, 2015]),
        place=place,
    )


def bare(name: str) -> str:
    """A name without its article, as in "CNN cited TASS report"."""
    return name.removeprefix("the ")


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def paragraph(rng: random.Random, place: str, day: str, event: str) -> str:
    who, outlet, agency, body = person(rng), rng.choice(OUTLETS), rng.choice(AGENCIES), rng.choice(BODIES)
    pronoun = rng.choice(["he", "she"])
    first, second, third = rng.sample(QUOTES, 3)
    forms = [
        lambda: f"{who} {rng.choice(VERBS)} that {fact(rng, place)}. {cap(pronoun)} said that {fact(rng, place)}.",
        lambda: f"{cap(fact(rng, place))}, {outlet} reported, citing {body}. {cap(fact(rng, place))}.",
        lambda: f"According to {body}, {fact(rng, place)} after {event} in {place} on {day}.",
        lambda: f'"{first} {second[:-1]}," {who} said. "{third}"',
        lambda: f'{who} said, "{first}" {cap(agency)} quoted {body} as saying that {fact(rng, place)}.',
        lambda: (
            f"{cap(fact(rng, place))}, {agency} cited {bare(rng.choice(OUTLETS))} report. "
            f"{cap(fact(rng, place))}. {cap(body)} declined to comment."
        ),
        lambda: (
            f"{who} told {outlet} that {fact(rng, place)}. The {event.split()[-1]} in {place}, "
            f"{pronoun} said, was {rng.choice(['unexpected', 'preventable', 'the worst in years'])}."
        ),
        lambda: (
            f"{cap(body)} said in a statement on {day} that {fact(rng, place)}. "
            f"The {rng.choice(THINGS)} in {place} {rng.choice(OUTCOMES)} on {day}."
        ),
    ]
    return rng.choice(forms)()


def article(rng: random.Random) -> str:
    place, day, event = rng.choice(PLACES), rng.choice(DAYS), rng.choice(EVENTS)
    lead = f"{cap(event)} hit {place} on {day}, {rng.choice(OUTLETS)} reported."
    body = [paragraph(rng, place, day, event) for _ in range(rng.randint(5, 10))]
    return "\n\n".join([lead, *body]) + "\n"


def build_corpus(words: int, seed: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    rng = random.Random(seed)  # reproducible data, not a secret  # nosec B311
    while sum(len(WORD.findall(t)) for t in texts) < words:
        texts.append(article(rng))
    return texts


# --- measuring -------------------------------------------------------------------------------------


def parse_pieces(text: str) -> list[str]:
    """The pieces the engine hands to the parser, split exactly as it splits them."""
    return [text[s:e] for s, e, _ in prepare(text).pieces]


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=40_000, help="corpus size in words (default 40000)")
    parser.add_argument("--rounds", type=int, default=3, help="parse/extract rounds, interleaved (default 3)")
    parser.add_argument("--seed", type=int, default=7, help="random seed of the generated articles")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: the engine's)")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    options = parser.parse_args(argv)

    texts = build_corpus(options.words, options.seed)
    words = sum(len(WORD.findall(t)) for t in texts)
    pieces = [piece for t in texts for piece in parse_pieces(t)]
    nlp = get_nlp(options.model)
    list(extract_chains_many(texts[:2], model=options.model))  # warm up: model, vectors, caches

    def parse() -> None:
        for _doc in nlp.pipe(pieces, batch_size=BATCH_SIZE):
            pass

    claims = 0

    def extract() -> None:
        nonlocal claims
        claims = sum(len(r.claims) for r in extract_chains_many(texts, model=options.model))

    parse_times, extract_times = [], []
    for _ in range(options.rounds):
        parse_times.append(timed(parse))
        extract_times.append(timed(extract))

    tracemalloc.start()
    extract()
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    maxrss_bytes = maxrss if sys.platform == "darwin" else maxrss * 1024

    parse_best, extract_best = words / min(parse_times), words / min(extract_times)
    parse_median, extract_median = words / statistics.median(parse_times), words / statistics.median(extract_times)
    result = {
        "model": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}",
        "articles": len(texts),
        "words": words,
        "characters": sum(len(t) for t in texts),
        "parse_pieces": len(pieces),
        "claims": claims,
        "rounds": options.rounds,
        "parse_seconds": [round(t, 3) for t in parse_times],
        "extract_seconds": [round(t, 3) for t in extract_times],
        "parse_words_per_second": {"best": round(parse_best), "median": round(parse_median)},
        "extract_words_per_second": {"best": round(extract_best), "median": round(extract_median)},
        "ratio_extract_to_parse": {
            "best": round(extract_best / parse_best, 3),
            "median": round(extract_median / parse_median, 3),
        },
        "tracemalloc_peak_mb": round(traced_peak / 2**20, 1),
        "maxrss_mb": round(maxrss_bytes / 2**20, 1),
    }
    if options.json:
        print(json.dumps(result, indent=1))
        return 0
    print(
        f"corpus: {result['articles']} articles, {words} words, {result['characters']} characters, "
        f"{result['parse_pieces']} parse pieces; model {result['model']}"
    )
    print(f"parse (nlp.pipe):        best {parse_best:8.0f} words/s   median {parse_median:8.0f} words/s")
    print(
        f"extract_chains_many:     best {extract_best:8.0f} words/s   median {extract_median:8.0f} words/s"
        f"   ({claims} claims)"
    )
    ratio = result["ratio_extract_to_parse"]
    verdict = "ok" if ratio["median"] >= 0.8 else "BELOW the 0.8x target"
    print(f"extract / parse:         best {ratio['best']:.2f}x            median {ratio['median']:.2f}x   ({verdict})")
    print(
        f"peak memory:             tracemalloc {result['tracemalloc_peak_mb']} MB (Python allocations, one "
        f"extraction pass), ru_maxrss {result['maxrss_mb']} MB (process)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
