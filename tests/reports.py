"""Engine reports built by hand, for tests of how Django stores them (no parser involved)."""

from __future__ import annotations

from newsverify.attribution import (
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

TEXT = (
    "According to the Defence Ministry, three drones were intercepted, CNN cited TASS.\n\n"
    "The mayor said 4 people were hurt. Rescuers said 14 people were hurt. It rained all day."
)


def span(text: str, fragment: str, start_at: int = 0) -> Span:
    start = text.index(fragment, start_at)
    return Span(start, start + len(fragment), fragment)


def mention(text: str, fragment: str, source_id: str) -> SourceMention:
    s = span(text, fragment)
    return SourceMention(s.start, s.end, s.text, source_id=source_id)


def small_report(text: str = TEXT, *, publisher: str | None = "Example Times") -> ChainReport:
    drones = span(text, "three drones were intercepted")
    mayor = span(text, "4 people were hurt")
    rescuers = span(text, "14 people were hurt")
    rain = span(text, "It rained all day.")
    return ChainReport(
        publisher=publisher,
        sources=(
            Source("s1", "Defence Ministry", SourceType.GOVERNMENT_BODY, ("the Defence Ministry",)),
            Source("s2", "TASS", SourceType.NEWS_AGENCY),
            Source("s3", "CNN", SourceType.NEWS_OUTLET),
            Source("s4", "the mayor", SourceType.PERSON),
            Source("s5", "Rescuers", SourceType.ANONYMOUS),
        ),
        claims=(
            Claim(
                "c1",
                drones.start,
                drones.end,
                drones.text,
                ClaimKind.ACCORDING_TO,
                cue=span(text, "According to"),
                chain=(
                    Hop("s1", Evidence.EXPLICIT, None, span(text, "the Defence Ministry")),
                    Hop("s2", Evidence.EXPLICIT, "report", span(text, "TASS")),
                    Hop("s3", Evidence.EXPLICIT, None, span(text, "CNN")),
                ),
                attribution="a1",
            ),
            Claim(
                "c2",
                mayor.start,
                mayor.end,
                mayor.text,
                ClaimKind.INDIRECT,
                cue=span(text, "said"),
                chain=(Hop("s4", Evidence.EXPLICIT, None, span(text, "The mayor")),),
            ),
            Claim(
                "c3",
                rescuers.start,
                rescuers.end,
                rescuers.text,
                ClaimKind.INDIRECT,
                cue=span(text, "said", text.index("Rescuers")),
                chain=(Hop("s5", Evidence.EXPLICIT, None, span(text, "Rescuers")),),
            ),
            Claim("c4", rain.start, rain.end, rain.text, ClaimKind.UNATTRIBUTED),
        ),
        discrepancies=(Discrepancy("d1", "people hurt", ("c2", "c3"), ("4", "14")),),
        attributions=(
            Attribution(
                "a1",
                content=drones,
                cue=span(text, "According to"),
                source=mention(text, "the Defence Ministry", "s1"),
            ),
            Attribution("a2", content=drones, cue=span(text, "cited"), source=mention(text, "CNN", "s3"), parent=None),
        ),
        engine_version="test",
        model="hand-built",
    )


def many_claims_report(claims: int, *, reading: int = 0) -> tuple[str, ChainReport]:
    """A text of ``claims`` attributed sentences and the report of them: each claim's chain is its
    speaker, relayed by one of a few outlets; every fifth speaker is anonymous. ``reading`` > 0 gives
    another engine reading of the same text: every third claim a word shorter (so it is matched by
    overlap, not by its span), the claims from a different outlet, the last ``reading`` claims dropped.
    """
    outlets = ("Radio Valmor", "the Coastal Herald", "the Kestrel News Agency")
    sentences = [
        f"Speaker Number{n} told {outlets[n % 3]} that bridge {n} stayed closed all week." for n in range(claims)
    ]
    text = "\n\n".join(sentences)
    sources = [Source(f"o{k}", outlet, SourceType.NEWS_OUTLET) for k, outlet in enumerate(outlets)]
    found, relations = [], []
    start = 0
    for n, sentence in enumerate(sentences[: claims - reading]):
        base = text.index(sentence, start)
        start = base + len(sentence)
        anonymous = n % 5 == 4
        sources.append(
            Source(
                f"p{n}",
                "officials" if anonymous else f"Speaker Number{n}",
                SourceType.ANONYMOUS if anonymous else SourceType.PERSON,
            )
        )
        content = span(text, f"bridge {n} stayed closed all week", base)
        if reading and n % 3 == 0:
            content = Span(content.start, content.end - len(" week"), content.text[: -len(" week")])
        speaker = span(text, f"Speaker Number{n}", base)
        outlet = (n + reading) % 3
        found.append(
            Claim(
                f"c{n}",
                content.start,
                content.end,
                content.text,
                ClaimKind.INDIRECT,
                cue=span(text, "told", base),
                chain=(
                    Hop(f"p{n}", Evidence.EXPLICIT, None, speaker),
                    Hop(f"o{outlet}", Evidence.EXPLICIT, None, span(text, outlets[n % 3], base)),
                ),
                attribution=f"a{n}",
            )
        )
        relations.append(
            Attribution(
                f"a{n}",
                content=content,
                cue=span(text, "told", base),
                source=SourceMention(speaker.start, speaker.end, speaker.text, source_id=f"p{n}"),
            )
        )
    groups = tuple(
        Discrepancy(f"d{k}", f"bridges {k}", (f"c{k}", f"c{k + 3}"), ("closed", "open"))
        for k in range(0, len(found) - 3, 7)
    )
    return text, ChainReport(
        publisher="Example Times",
        sources=tuple(sources),
        claims=tuple(found),
        discrepancies=groups,
        attributions=tuple(relations),
        engine_version=f"test-{reading}",
        model="hand-built",
    )


# Invented names for a long synthetic article (no third-party text).
_OFFICIALS = ("The mayor of Arlen", "A spokeswoman for the Vell council", "Inspector Daro", "The Orsk coastguard")
_AGENCIES = ("Norden Wire", "Kestrel News", "the Pell Agency")
_PLACES = ("the harbour", "the northern ridge", "the old mill", "Route 9", "the river delta")


def long_article_report(n: int, *, publisher: str = "Example Times", lead: str = "") -> tuple[str, ChainReport]:
    """A long article and its reading with ``n`` claims, built by hand (no parser): for tests and
    benchmarks of big articles. Most claims have a two-hop chain (official, then agency) with a
    cue, an attribution and mentions; every tenth is the publisher's own; every hundredth pair of
    claims disagrees on a number. ``lead`` is text before the first sentence (to make articles differ)."""
    pieces: list[str] = [lead]
    at = len(lead)
    sources = [Source(f"o{i}", name, SourceType.PERSON) for i, name in enumerate(_OFFICIALS)]
    sources += [Source(f"g{i}", name, SourceType.NEWS_AGENCY) for i, name in enumerate(_AGENCIES)]
    claims: list[Claim] = []
    attributions: list[Attribution] = []
    discrepancies: list[Discrepancy] = []

    def add(piece: str) -> int:
        nonlocal at
        start = at
        pieces.append(piece)
        at += len(piece)
        return start

    for i in range(n):
        if i and i % 5 == 0:
            add("\n\n")
        place = _PLACES[i % len(_PLACES)]
        if i % 10 == 9:
            content = f"Crews cleared {i} metres of road near {place}."
            start = add(content)
            claims.append(Claim(f"c{i}", start, start + len(content), content, ClaimKind.UNATTRIBUTED))
            add(" ")
            continue
        official, agency = i % len(_OFFICIALS), i % len(_AGENCIES)
        content = f"{i % 97 + 2} drones were intercepted over {place}"
        official_at = add(_OFFICIALS[official])
        cue_at = add(" said ")
        start = add(content)
        add(", ")
        agency_at = add(_AGENCIES[agency])
        add(" reported. ")
        official_span = Span(official_at, official_at + len(_OFFICIALS[official]), _OFFICIALS[official])
        agency_span = Span(agency_at, agency_at + len(_AGENCIES[agency]), _AGENCIES[agency])
        cue = Span(cue_at + 1, cue_at + 5, "said")
        claims.append(
            Claim(
                f"c{i}",
                start,
                start + len(content),
                content,
                ClaimKind.INDIRECT,
                cue=cue,
                chain=(
                    Hop(f"o{official}", Evidence.EXPLICIT, None, official_span, 0.9),
                    Hop(f"g{agency}", Evidence.EXPLICIT, "report", agency_span, 0.8),
                ),
                attribution=f"a{i}",
                confidence=0.85,
            )
        )
        attributions.append(
            Attribution(
                f"a{i}",
                content=Span(start, start + len(content), content),
                cue=cue,
                source=SourceMention(
                    official_span.start, official_span.end, official_span.text, source_id=f"o{official}"
                ),
            )
        )
        if i % 100 == 1:
            discrepancies.append(
                Discrepancy(f"d{i}", f"drones intercepted {i}", (f"c{i - 1}", f"c{i}"), ("1", str(i % 97 + 2)))
            )
    return "".join(pieces), ChainReport(
        publisher=publisher,
        sources=tuple(sources),
        claims=tuple(claims),
        discrepancies=tuple(discrepancies),
        attributions=tuple(attributions),
        engine_version="synthetic",
        model="hand-built",
    )
