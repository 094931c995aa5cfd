from __future__ import annotations

import datetime

import pytest
from django.test import TestCase

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


def match(*claims) -> None:  # type: ignore[no-untyped-def]
    """Match each claim's article, oldest first, as the worker does: each run commits, and the
    stories' notes (drift, circular citing) are rebuilt after the commit (``stories.signals``)."""
    from newsverify.stories.services import story_match_article

    for claim in claims:
        with TestCase.captureOnCommitCallbacks(execute=True):
            story_match_article(article_id=claim.article_id)


@pytest.fixture
def sources(db):  # type: ignore[no-untyped-def]
    return {
        "ministry": SourceFactory(name="Interior Ministry", type=SourceType.GOVERNMENT_BODY),
        "wire_a": SourceFactory(name="Northwire", type=SourceType.NEWS_AGENCY),
        "wire_b": SourceFactory(name="Eastern Press Agency", type=SourceType.NEWS_AGENCY),
        "outlet_c": SourceFactory(name="Valmor Daily", type=SourceType.NEWS_OUTLET),
        "officials": SourceFactory(name="officials", type=SourceType.ANONYMOUS),
    }
