"""The values the stages of ``analysis`` pass along while a report is built: parsed units,
attribution relations with their hops, and claim drafts. In a module of their own so that
later stages (``numbers``) read them without importing the analysis itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from newsverify.attribution.cues import Found
from newsverify.attribution.sources import Entity
from newsverify.attribution.types import ClaimKind, Evidence


@dataclass
class Unit:
    """One parsed chunk of a paragraph: ``doc`` offsets plus ``base`` are offsets in the text."""

    doc: Doc
    base: int
    para: int


@dataclass
class HopDraft:
    entity: Entity
    evidence: Evidence
    mention: tuple[int, int] | None = None
    medium: str | None = None


@dataclass
class Rel:
    """An attribution relation being built."""

    found: Found
    para: int
    sent: tuple[int, int]
    source_entity: Entity | None = None
    source_mention: tuple[int, int] | None = None
    recipient_entity: Entity | None = None  # "told the BBC": the outlet spoken to, when it relays
    own: list[HopDraft] = field(default_factory=list)  # relay side: cited sources, the source, recipient
    origin: list[HopDraft] = field(default_factory=list)  # speech subject of an according-to
    parent: Rel | None = None
    via: Rel | None = None  # "citing the ministry, which called ...": the relation it hangs off
    continues: Rel | None = None  # '"A," she said. "B"': B's claim is its own, its attribution A's
    children: list[Rel] = field(default_factory=list)
    id: str = ""

    @property
    def content_start(self) -> int:
        return min(s for s, _ in self.found.content)

    @property
    def content_end(self) -> int:
        return max(e for _, e in self.found.content)

    def covers(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.found.content)


@dataclass
class ClaimDraft:
    start: int
    end: int
    kind: ClaimKind
    chain: list[HopDraft]
    cue: tuple[int, int] | None = None
    rel: Rel | None = None
