"""The embedded broker never shows a worker a message before it is written whole."""

from __future__ import annotations

import os
from pathlib import Path
from queue import Empty

import pytest
from kombu import Connection

from newsverify import broker
from newsverify.celery import app


@pytest.fixture
def channel(tmp_path: Path):  # type: ignore[no-untyped-def]
    folder = tmp_path / "queue"
    folder.mkdir()
    options = {"data_folder_in": str(folder), "data_folder_out": str(folder), "control_folder": str(tmp_path)}
    with Connection("filesystem://", transport=broker.Transport, transport_options=options) as connection:
        yield connection.default_channel


def test_a_message_is_invisible_until_it_is_whole_then_read_once(channel, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    probed: list[str] = []
    replace = os.replace

    def probe(source: str, target: str) -> None:
        # The message is written, not yet renamed: a worker polling now finds nothing to read.
        assert Path(source).read_bytes()  # written whole, aside
        with pytest.raises(Empty):
            channel._get("analyses")
        probed.append(source)
        replace(source, target)

    monkeypatch.setattr(broker.os, "replace", probe)
    channel._put("analyses", {"body": "an article id", "n": 1})
    assert len(probed) == 1 and probed[0].endswith(".analyses.msg.part")
    assert channel._get("analyses") == {"body": "an article id", "n": 1}
    assert list(Path(channel.data_folder_in).iterdir()) == []  # taken, and nothing left behind


def test_each_message_is_read_once_from_its_own_queue(channel) -> None:  # type: ignore[no-untyped-def]
    for n in range(3):
        channel._put("analyses", {"n": n})
    channel._put("other", {"n": 99})
    assert sorted(channel._get("analyses")["n"] for _ in range(3)) == [0, 1, 2]
    with pytest.raises(Empty):
        channel._get("analyses")
    assert channel._get("other") == {"n": 99}


def test_a_failed_write_leaves_no_part_file(channel, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def broken(source: str, target: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(broker.os, "replace", broken)
    with pytest.raises(broker.ChannelError):
        channel._put("analyses", {"n": 1})
    assert list(Path(channel.data_folder_in).iterdir()) == []


def test_the_app_uses_it_for_the_embedded_broker() -> None:
    # The tests' own broker is filesystem:// (tests/conftest.py), as the default settings' is.
    assert str(app.conf.broker_url).startswith("filesystem://")
    with app.connection_for_write() as connection:
        assert isinstance(connection.transport, broker.Transport)
