"""The engine's output: frozen dataclasses with character offsets into the text as given.

Everything here is plain data. ``ChainReport.to_dict()`` produces the ``newsverify.chains/1``
JSON format; the Django apps store these objects and never look inside the parser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

FORMAT = "newsverify.chains/1"


class SourceType(StrEnum):
    PERSON = "person"
    NEWS_OUTLET = "news_outlet"
    NEWS_AGENCY = "news_agency"
    GOVERNMENT = "government"
    GOVERNMENT_BODY = "government_body"
    ORGANIZATION = "organization"
    COMPANY = "company"
    DOCUMENT = "document"
    ANONYMOUS = "anonymous"
    PLATFORM = "platform"
    OTHER = "other"


class ClaimKind(StrEnum):
    DIRECT = "direct"
    INDIRECT = "indirect"
    MIXED = "mixed"
    ACCORDING_TO = "according_to"
    INHERITED = "inherited"
    UNATTRIBUTED = "unattributed"
    BELIEF = "belief"  # what someone believes, expects or fears ("X believes the dam will hold")


class Evidence(StrEnum):
    EXPLICIT = "explicit"
    COREFERENCE = "coreference"
    CONTEXT = "context"


@dataclass(frozen=True)
class Span:
    """``text[start:end]``; ``fragments`` lists the pieces of a discontinuous span."""

    start: int
    end: int
    text: str
    fragments: tuple[tuple[int, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text}
        if len(self.fragments) > 1:
            data["fragments"] = [list(f) for f in self.fragments]
        return data


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    type: SourceType
    aliases: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "type": self.type.value, "aliases": list(self.aliases)}


@dataclass(frozen=True)
class Hop:
    """One link of a chain: ``source`` is a ``Source.id``; ``mention`` is where the text names it."""

    source: str
    evidence: Evidence
    medium: str | None = None
    mention: Span | None = None
    confidence: float | None = None  # 0..1, from how the hop was found (``confidence.py``)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "evidence": self.evidence.value,
            "medium": self.medium,
            "mention": self.mention.to_dict() if self.mention else None,
            "confidence": self.confidence,
        }


@dataclass(frozen=True)
class Claim:
    """An attributed statement (or the publisher's own, ``kind`` unattributed).

    ``chain`` runs from the original source to the last relay before the publisher.
    """

    id: str
    start: int
    end: int
    text: str
    kind: ClaimKind
    cue: Span | None = None
    chain: tuple[Hop, ...] = ()
    attribution: str | None = None
    confidence: float | None = None  # 0..1, from how the claim was found; None for the publisher's own

    @property
    def depth(self) -> int:
        return len(self.chain)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind.value,
            "cue": self.cue.to_dict() if self.cue else None,
            "chain": [hop.to_dict() for hop in self.chain],
            "depth": self.depth,
            "confidence": self.confidence,
        }


@dataclass(frozen=True)
class SourceMention(Span):
    """A source as written ("he", "the agency"); ``source_id`` says whom it means."""

    source_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = super().to_dict()
        data["source_id"] = self.source_id
        return data


@dataclass(frozen=True)
class Attribution:
    """One attribution relation as written: who (source), the cue, and the content."""

    id: str
    content: Span
    cue: Span | None = None
    source: SourceMention | None = None
    parent: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "parent": self.parent,
            "source": self.source.to_dict() if self.source else None,
            "cue": self.cue.to_dict() if self.cue else None,
            "content": self.content.to_dict(),
        }


@dataclass(frozen=True)
class Discrepancy:
    """Claims from different sources giving different figures for one quantity of one event."""

    id: str
    about: str
    claims: tuple[str, ...]
    values: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "about": self.about, "claims": list(self.claims), "values": list(self.values)}


@dataclass(frozen=True)
class ChainReport:
    publisher: str | None
    sources: tuple[Source, ...] = ()
    claims: tuple[Claim, ...] = ()
    discrepancies: tuple[Discrepancy, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    engine_version: str = ""
    model: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def source(self, source_id: str) -> Source:
        for source in self.sources:
            if source.id == source_id:
                return source
        raise KeyError(source_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "publisher": {"name": self.publisher},
            "engine": {"version": self.engine_version, "model": self.model},
            "sources": [s.to_dict() for s in self.sources],
            "claims": [c.to_dict() for c in self.claims],
            "discrepancies": [d.to_dict() for d in self.discrepancies],
            "attributions": [a.to_dict() for a in self.attributions],
        }
