"""Reading a ``ChainReport`` in tests: find a claim by its words, name its chain, check spans."""

from __future__ import annotations

from newsverify.attribution import ChainReport, Claim, Span


def describe(report: ChainReport) -> str:
    """The report as a few readable lines, for assertion messages."""
    names = {s.id: s.name for s in report.sources}
    lines = [f"sources: {[(s.id, s.name, s.type.value) for s in report.sources]}"]
    for c in report.claims:
        chain = " -> ".join(f"{names.get(h.source, h.source)}[{h.evidence.value}]" for h in c.chain)
        lines.append(f"  {c.kind.value:12} {c.text!r} cue={c.cue.text if c.cue else None!r} chain={chain}")
    for d in report.discrepancies:
        lines.append(f"  discrepancy {d.about}: {d.claims} {d.values}")
    return "\n".join(lines)


def claim_about(report: ChainReport, words: str) -> Claim:
    """The one claim whose text contains ``words`` (case and white space as written)."""
    found = [c for c in report.claims if words in c.text]
    assert len(found) == 1, f"expected one claim containing {words!r}, found {len(found)}:\n{describe(report)}"
    return found[0]


def attributed(report: ChainReport) -> list[Claim]:
    return [c for c in report.claims if c.kind.value != "unattributed"]


def chain_names(report: ChainReport, claim: Claim) -> list[str]:
    return [report.source(h.source).name for h in claim.chain]


def evidence(claim: Claim) -> list[str]:
    return [h.evidence.value for h in claim.chain]


def every_span(report: ChainReport) -> list[tuple[str, Span]]:
    """Every span the report holds, labelled by where it comes from."""
    spans: list[tuple[str, Span]] = []
    for c in report.claims:
        spans.append((f"claim {c.id}", Span(c.start, c.end, c.text)))
        if c.cue is not None:
            spans.append((f"cue of {c.id}", c.cue))
        for i, hop in enumerate(c.chain):
            if hop.mention is not None:
                spans.append((f"mention of hop {i} of {c.id}", hop.mention))
    for a in report.attributions:
        spans.append((f"content of {a.id}", a.content))
        if a.cue is not None:
            spans.append((f"cue of {a.id}", a.cue))
        if a.source is not None:
            spans.append((f"source of {a.id}", a.source))
    return spans


def offset_errors(report: ChainReport, text: str) -> list[str]:
    """Spans that do not point into ``text`` exactly (empty when all are right)."""
    errors = []
    for label, span in every_span(report):
        if not (0 <= span.start <= span.end <= len(text)):
            errors.append(f"{label}: {span.start}..{span.end} outside 0..{len(text)}")
        elif text[span.start : span.end] != span.text:
            errors.append(f"{label}: text[{span.start}:{span.end}]={text[span.start : span.end]!r} != {span.text!r}")
        for s, e in span.fragments:
            if not (span.start <= s <= e <= span.end):
                errors.append(f"{label}: fragment {s}..{e} outside {span.start}..{span.end}")
    return errors
