"""``reading.report_errors``, the invariants the robustness tests assert, catches broken reports
(built by hand: no model)."""

from __future__ import annotations

from newsverify.attribution import (
    Attribution,
    ChainReport,
    Claim,
    ClaimKind,
    Evidence,
    Hop,
    Source,
    SourceMention,
    SourceType,
    Span,
)
from tests.attribution.reading import report_errors

TEXT = "The Evening Ledger said the dam would hold. Pia Laine said so too."
LEDGER = Source("s1", "Evening Ledger", SourceType.NEWS_OUTLET)
LAINE = Source("s2", "Pia Laine", SourceType.PERSON)


def claim(start: int, end: int, *chain: Hop, kind: ClaimKind = ClaimKind.INDIRECT, **kw) -> Claim:
    kw.setdefault("confidence", 0.8)
    return Claim("c1", start, end, TEXT[start:end], kind, chain=chain, **kw)


def report(*claims: Claim, attributions=(), publisher: str | None = "Ledger Group") -> ChainReport:
    return ChainReport(publisher, sources=(LEDGER, LAINE), claims=claims, attributions=tuple(attributions))


def dam() -> tuple[int, int]:
    start = TEXT.index("the dam")
    return start, start + len("the dam would hold")


def test_a_sound_report_has_no_error() -> None:
    start, end = dam()
    content = Span(start, end, TEXT[start:end])
    source = SourceMention(0, 18, TEXT[0:18], source_id="s1")
    good = report(
        claim(start, end, Hop("s1", Evidence.EXPLICIT), attribution="a1"),
        attributions=[Attribution("a1", content, None, source)],
    )

    assert report_errors(good, TEXT) == []


def test_a_span_ending_in_white_space_is_an_error() -> None:
    start, end = dam()

    errors = report_errors(report(claim(start, end + 2, Hop("s1", Evidence.EXPLICIT))), TEXT)

    assert errors == ["claim c1: 'the dam would hold. ' starts or ends in white space"]


def test_the_publisher_in_a_chain_is_an_error() -> None:
    start, end = dam()

    errors = report_errors(
        report(claim(start, end, Hop("s1", Evidence.EXPLICIT)), publisher="The Evening Ledger"), TEXT
    )

    assert errors == ["hop 0 of c1: the publisher 'The Evening Ledger' is in the chain"]


def test_a_hop_to_an_unknown_source_or_to_itself_is_an_error() -> None:
    start, end = dam()
    hops = (Hop("s2", Evidence.EXPLICIT), Hop("s2", Evidence.CONTEXT), Hop("s9", Evidence.CONTEXT))

    errors = report_errors(report(claim(start, end, *hops)), TEXT)

    assert errors == ["hop 1 of c1: s2 relays itself", "hop 2 of c1: source s9 is not among the report's sources"]


def test_an_own_statement_with_a_chain_and_a_missing_parent_are_errors() -> None:
    start, end = dam()
    content = Span(start, end, TEXT[start:end])

    errors = report_errors(
        report(
            claim(start, end, Hop("s1", Evidence.EXPLICIT), kind=ClaimKind.UNATTRIBUTED, confidence=None),
            attributions=[Attribution("a1", content, parent="a7")],
        ),
        TEXT,
    )

    assert errors == ["claim c1: kind unattributed with a chain of 1", "a1: parent a7 does not exist"]


def test_a_span_whose_text_is_not_at_its_offsets_is_an_error() -> None:
    start, end = dam()
    hop = Hop("s1", Evidence.EXPLICIT)
    wrong = Claim("c1", start, end, "the dam would fall", ClaimKind.INDIRECT, chain=(hop,), confidence=0.8)

    errors = report_errors(report(wrong), TEXT)

    assert len(errors) == 1 and "!= 'the dam would fall'" in errors[0]


def test_a_confidence_outside_zero_to_one_or_missing_is_an_error() -> None:
    start, end = dam()

    errors = report_errors(
        report(claim(start, end, Hop("s1", Evidence.EXPLICIT, confidence=1.2), confidence=None)), TEXT
    )

    assert errors == ["hop 0 of c1: confidence 1.2 outside 0..1", "claim c1: kind indirect with confidence None"]
