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
