"""``python -m newsverify.attribution``: the table, --json, --jsonl and standard input (one test runs
the module in a process of its own; the others call the same code in this one)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsverify.attribution.cli import build_parser, run

ROOT = Path(__file__).resolve().parents[2]

FIRST = "Cargo volumes fell by a third, the Lakeside Gazette reported, citing the Harbour Authority.\n"
SECOND = "Mayor Ana Ribeiro told the BBC that the tunnel would open in May.\n"


def cli(*args: str, stdin: str | None = None) -> str:
    """The command line run in this process (the model is loaded once per test session)."""
    out = io.StringIO()
    options = build_parser().parse_args(list(args))
    assert run(options, out, stdin=io.StringIO(stdin or "")) == 0
    return out.getvalue()


def python_m(*args: str) -> str:
    """``python -m newsverify.attribution ARGS`` in a process of its own, without Django."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(
        [sys.executable, "-m", "newsverify.attribution", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("articles")
    first, second = folder / "first.txt", folder / "second.txt"
    first.write_text(FIRST, encoding="utf-8")
    second.write_text(SECOND, encoding="utf-8")
    return first, second


def test_the_table_shows_the_chain_ending_at_the_publisher(articles) -> None:
    out = python_m(str(articles[0]), "--publisher", "Evening Ledger")
    row = next(line for line in out.splitlines() if line.startswith("Cargo volumes"))
    assert row.endswith("Harbour Authority -> Lakeside Gazette -> Evening Ledger")
    assert "2 secondhand" in row
    assert out.splitlines()[0].split() == ["claim", "kind", "depth", "chain"]


def test_the_table_says_publisher_when_none_is_given(articles) -> None:
    out = cli(str(articles[1]))
    row = next(line for line in out.splitlines() if "tunnel" in line)
    assert row.endswith("Ana Ribeiro -> BBC -> publisher")


def test_json_is_the_chains_format(articles) -> None:
    data = json.loads(cli(str(articles[0]), "--json"))
    assert data["format"] == "newsverify.chains/1"
    assert data["publisher"] == {"name": None}
    (claim,) = data["claims"]
    assert claim["text"] == "Cargo volumes fell by a third"
    assert FIRST[claim["start"] : claim["end"]] == claim["text"]
    names = {s["id"]: s["name"] for s in data["sources"]}
    assert [names[h["source"]] for h in claim["chain"]] == ["Harbour Authority", "Lakeside Gazette"]
    assert claim["depth"] == 2
    assert set(data) >= {"sources", "claims", "discrepancies", "attributions"}


def test_jsonl_gives_one_line_per_file_with_its_path(articles) -> None:
    out = cli("--jsonl", str(articles[0]), str(articles[1]))
    lines = out.splitlines()
    assert len(lines) == 2
    reports = [json.loads(line) for line in lines]
    assert [r["file"] for r in reports] == [str(articles[0]), str(articles[1])]
    assert all(r["format"] == "newsverify.chains/1" for r in reports)
    assert [r["claims"][0]["text"] for r in reports] == [
        "Cargo volumes fell by a third",
        "the tunnel would open in May",
    ]


def test_a_dash_reads_standard_input() -> None:
    data = json.loads(cli("-", "--json", stdin=SECOND))
    assert [c["text"] for c in data["claims"]] == ["the tunnel would open in May"]
    assert data["claims"][0]["start"] == SECOND.index("the tunnel")


def test_an_empty_file_and_a_non_utf8_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Jos\xe9 Ribeiro said that the caf\xe9 would reopen in May.\n".encode("latin-1"))
    lines = cli("--jsonl", str(empty), str(latin)).splitlines()
    first, second = (json.loads(line) for line in lines)
    assert first["claims"] == [] and first["file"] == str(empty)
    assert [c["text"] for c in second["claims"]] == ["the caf\ufffd would reopen in May"]
