"""The evaluation driver (``eval/evaluate.py``): skipped without the shared data, and finds gold
folders by their pairs of files. (Scoring itself is the shared scorer's, run by ``make eval``.)"""

import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load_driver():
    spec = importlib.util.spec_from_file_location("evaluate", ROOT / "eval" / "evaluate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["evaluate"] = module
    spec.loader.exec_module(module)
    return module


def test_without_shared_data_the_run_is_skipped_and_succeeds(tmp_path, capsys):
    driver = load_driver()

    assert driver.main(["--shared", str(tmp_path / "absent")]) == 0

    out = capsys.readouterr().out
    assert "skipped" in out
    assert str(tmp_path / "absent") in out


def test_gold_folders_are_those_with_a_text_and_its_reading(tmp_path):
    driver = load_driver()
    (tmp_path / "eval" / "dev").mkdir(parents=True)
    (tmp_path / "eval" / "dev" / "a.txt").write_text("Text.", encoding="utf-8")
    (tmp_path / "eval" / "dev" / "a.gold.json").write_text(json.dumps({"claims": []}), encoding="utf-8")
    (tmp_path / "eval" / "texts_only").mkdir()
    (tmp_path / "eval" / "texts_only" / "b.txt").write_text("Text.", encoding="utf-8")
    (tmp_path / "eval" / "score.py").write_text("", encoding="utf-8")

    shared = driver.Shared(tmp_path)

    assert shared.exists()
    assert [f.name for f in shared.gold_folders()] == ["dev"]


def test_a_result_line_names_the_article_and_its_figures():
    driver = load_driver()
    result = {"gold_claims": 3, "pred_claims": 2, "matched": 2, "f1": 0.8, "precision": 1.0, "recall": 0.667}

    shown = driver.line("d99_example", result, 12)

    assert shown.startswith("d99_example ")
    assert "F1 0.800" in shown
    assert "R 0.667" in shown
    assert "medium -" in shown
