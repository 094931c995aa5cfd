"""The project's scorer gives the figures of the evaluation scorer (``shared/eval/score.py``).

Both read the same engine reports of a few gold articles of the evaluation folder; skipped where
that folder is not beside the checkout. Nothing of it is copied: the texts are read where they are.
"""

from __future__ import annotations

import json

import pytest
from django.conf import settings

from newsverify.accuracy.scoring import mean_of, score_article
from tests.accuracy.conftest import SHARED_EVAL, run_scorer, shared_scorer
from tests.conftest import SEED_PATH

ARTICLES = ("d01_maidan_wardak_bombing", "d03_el_paso_shooting", "d04_samoa_measles_shutdown")


@pytest.fixture(scope="module")
def reports(tmp_path_factory):  # type: ignore[no-untyped-def]
    """(text path, gold path, report path) of each article, with the real engine's report."""
    shared_scorer()
    from newsverify.attribution import extract_chains_many

    pairs = [(SHARED_EVAL / "dev" / f"{name}.txt", SHARED_EVAL / "dev" / f"{name}.gold.json") for name in ARTICLES]
    pairs.append((SEED_PATH, SHARED_EVAL / "seed.gold.json"))
    texts = [text.read_text(encoding="utf-8") for text, _ in pairs]
    folder = tmp_path_factory.mktemp("reports")
    out = []
    for (text, gold), report in zip(
        pairs, extract_chains_many(texts, model=settings.NEWSVERIFY_SPACY_MODEL), strict=True
    ):
        path = folder / f"{text.stem}.json"
        path.write_text(json.dumps(report.to_dict()), encoding="utf-8")
        out.append((text, gold, path))
    return out


def _ours(text, gold, report):  # type: ignore[no-untyped-def]
    return score_article(
        text.read_text(encoding="utf-8"),
        json.loads(gold.read_text(encoding="utf-8")),
        json.loads(report.read_text(encoding="utf-8")),
    ).figures


def test_each_article_scores_the_same_as_the_evaluation_scorer(reports):  # type: ignore[no-untyped-def]
    for text, gold, report in reports:
        theirs = run_scorer(text, gold, report)
        theirs.pop("misses")
        ours = _ours(text, gold, report)
        assert ours == theirs, text.name
        # Not a trivial agreement: the engine is not perfect on these.
        assert theirs["matched"] > 0


def test_the_mean_over_articles_is_the_evaluation_scorers(reports, tmp_path):  # type: ignore[no-untyped-def]
    dev = [item for item in reports if item[0].parent == SHARED_EVAL / "dev"]
    jsonl = tmp_path / "dev.jsonl"
    with jsonl.open("w", encoding="utf-8") as handle:
        for text, _, report in dev:
            handle.write(json.dumps({**json.loads(report.read_text(encoding="utf-8")), "file": str(text)}) + "\n")
    # A folder with just these articles: links to the texts and gold files where they are.
    folder = tmp_path / "dev"
    folder.mkdir()
    for text, gold, _ in dev:
        (folder / text.name).symlink_to(text)
        (folder / gold.name).symlink_to(gold)
    theirs = run_scorer("--dir", folder, jsonl)["mean"]
    assert mean_of(_ours(*item) for item in dev) == theirs
