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


def _norm_name(name: str) -> str:
    words = "".join(ch.lower() if ch.isalnum() else " " for ch in name).split()
    return " ".join(words[1:] if words and words[0] in ("the", "a", "an") else words)


def report_errors(report: ChainReport, text: str) -> list[str]:
    """Every property of a report that a bug could break (empty when all hold): the spans point
    into the text, a claim's span starts and ends on its words, each hop names a source of the
    report and the publisher is never in a chain, no source relays itself, attributions' parents
    exist and hold no cycle, and a claim's attribution and a discrepancy's claims exist."""
    errors = offset_errors(report, text)
    for label, span in every_span(report):
        if span.text != span.text.strip():
            errors.append(f"{label}: {span.text!r} starts or ends in white space")
    source_ids = [s.id for s in report.sources]
    if len(set(source_ids)) != len(source_ids):
        errors.append(f"source ids repeat: {source_ids}")
    publisher = _norm_name(report.publisher or "")
    attribution_ids = {a.id for a in report.attributions}
    claim_ids = [c.id for c in report.claims]
    if len(set(claim_ids)) != len(claim_ids):
        errors.append(f"claim ids repeat: {claim_ids}")
    for c in report.claims:
        if (c.kind.value == "unattributed") != (c.chain == ()):
            errors.append(f"claim {c.id}: kind {c.kind.value} with a chain of {len(c.chain)}")
        for i, hop in enumerate(c.chain):
            if hop.source not in source_ids:
                errors.append(f"hop {i} of {c.id}: source {hop.source} is not among the report's sources")
            elif publisher and _norm_name(report.source(hop.source).name) == publisher:
                errors.append(f"hop {i} of {c.id}: the publisher {report.publisher!r} is in the chain")
            if i and c.chain[i - 1].source == hop.source:
                errors.append(f"hop {i} of {c.id}: {hop.source} relays itself")
        for label, value in [
            (f"claim {c.id}", c.confidence),
            *((f"hop {i} of {c.id}", h.confidence) for i, h in enumerate(c.chain)),
        ]:
            if value is not None and not 0.0 <= value <= 1.0:
                errors.append(f"{label}: confidence {value} outside 0..1")
        if (c.confidence is None) != (c.kind.value == "unattributed"):
            errors.append(f"claim {c.id}: kind {c.kind.value} with confidence {c.confidence}")
        if c.attribution is not None and c.attribution not in attribution_ids:
            errors.append(f"claim {c.id}: attribution {c.attribution} does not exist")
    parents = {a.id: a.parent for a in report.attributions}
    for a in report.attributions:
        if a.parent is not None and a.parent not in parents:
            errors.append(f"{a.id}: parent {a.parent} does not exist")
        seen, node = {a.id}, a.parent
        while node is not None and node in parents:
            if node in seen:
                errors.append(f"{a.id}: its parents form a cycle through {node}")
                break
            seen.add(node)
            node = parents[node]
        if a.source is not None and a.source.source_id is not None and a.source.source_id not in source_ids:
            errors.append(f"{a.id}: source_id {a.source.source_id} is not among the report's sources")
    for d in report.discrepancies:
        if not set(d.claims) <= set(claim_ids):
            errors.append(f"discrepancy {d.id}: claims {d.claims} not all in the report")
        if len(d.claims) < 2 or len(d.claims) != len(d.values):
            errors.append(f"discrepancy {d.id}: {len(d.claims)} claims for {len(d.values)} values")
    return errors
