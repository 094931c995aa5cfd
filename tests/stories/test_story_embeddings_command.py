"""``manage.py story_embeddings``: the static table built before a worker's first match, once."""

from __future__ import annotations

from io import StringIO

import numpy as np
import pytest
from django.core.management import call_command

from newsverify.stories.management.commands import story_embeddings


def run() -> str:
    out = StringIO()
    call_command("story_embeddings", stdout=out)
    return out.getvalue()


@pytest.fixture
def table_path(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    path = tmp_path / "static.npy"
    monkeypatch.setattr(story_embeddings, "static_table_path", lambda: path)
    built: list[str] = []

    def build(name: str) -> None:  # what get_encoder("static") leaves behind: the table on disk
        built.append(name)
        np.save(path, np.zeros((2, 2), dtype=np.float16))

    monkeypatch.setattr(story_embeddings, "get_encoder", build)
    return path, built


def test_an_encoder_without_a_table_builds_nothing(settings, table_path) -> None:  # type: ignore[no-untyped-def]
    settings.NEWSVERIFY_STORY_EMBEDDINGS = "minilm"
    assert "nothing to build" in run()
    assert table_path[1] == []


@pytest.mark.parametrize("setting", ["static", "cascade"])
def test_the_static_table_is_built_once(settings, table_path, setting) -> None:  # type: ignore[no-untyped-def]
    settings.NEWSVERIFY_STORY_EMBEDDINGS = setting
    path, built = table_path
    assert "building the static table" in run()
    assert built == ["static"] and path.exists()
    assert "is ready" in run()
    assert built == ["static"]
