from __future__ import annotations

import datetime

import pytest

from newsverify.review.models import ClaimKind
from newsverify.sources.models import SourceType
from tests.factories import ArticleFactory, ClaimFactory, HopFactory, SourceFactory


def relay(text: str, *, publisher: str, chain: list, day: int, kind: str = ClaimKind.INDIRECT):  # type: ignore[no-untyped-def]
    """An analysed article by ``publisher`` whose one claim ``text`` came along ``chain`` (origin first)."""
    heading = f"{publisher}, 2026-03-{day:02d}.\n"
    article = ArticleFactory(text=heading + text, publisher=publisher, published_on=datetime.date(2026, 3, day))
    start = len(heading)
    claim = ClaimFactory(article=article, span_start=start, span_end=start + len(text), kind=kind, depth=len(chain))
    for position, source in enumerate(chain):
        HopFactory(claim=claim, position=position, source=source)
    return claim


@pytest.fixture
def sources(db):  # type: ignore[no-untyped-def]
    return {
        "ministry": SourceFactory(name="Interior Ministry", type=SourceType.GOVERNMENT_BODY),
        "wire_a": SourceFactory(name="Northwire", type=SourceType.NEWS_AGENCY),
        "wire_b": SourceFactory(name="Eastern Press Agency", type=SourceType.NEWS_AGENCY),
        "outlet_c": SourceFactory(name="Valmor Daily", type=SourceType.NEWS_OUTLET),
        "officials": SourceFactory(name="officials", type=SourceType.ANONYMOUS),
    }
