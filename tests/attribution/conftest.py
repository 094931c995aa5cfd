"""Fixtures for the engine's tests: no database and no Django, only spaCy.

The real pipeline loads once per test session (about a second). Tests that can do without it
build a ``Doc`` by hand (see ``test_cues_handbuilt.py``).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsverify.attribution import ChainReport


@pytest.fixture(scope="session")
def nlp():
    """The real spaCy pipeline (the engine's default model), loaded once for the whole run."""
    from newsverify.attribution import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def extract(nlp) -> Callable[..., ChainReport]:
    """``extract(text, publisher=None)``: the engine's report for ``text``."""
    from newsverify.attribution import extract_chains

    def run(text: str, publisher: str | None = None) -> ChainReport:
        return extract_chains(text, publisher=publisher)

    return run
