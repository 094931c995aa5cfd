"""The attribution engine: article text in, claims with their source chains out.

Pure Python on spaCy; imports nothing from Django. Public API::

    from newsverify.attribution import extract_chains
    report = extract_chains(text, publisher="Example Times")
    report.to_dict()   # the newsverify.chains/1 format
"""

from newsverify.attribution.pipeline import ENGINE_VERSION, extract_chains, extract_chains_many, get_nlp
from newsverify.attribution.types import (
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

__all__ = [
    "ENGINE_VERSION",
    "Attribution",
    "ChainReport",
    "Claim",
    "ClaimKind",
    "Discrepancy",
    "Evidence",
    "Hop",
    "Source",
    "SourceMention",
    "SourceType",
    "Span",
    "extract_chains",
    "extract_chains_many",
    "get_nlp",
]
