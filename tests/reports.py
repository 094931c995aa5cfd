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
