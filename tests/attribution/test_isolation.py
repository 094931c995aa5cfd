"""The engine is pure Python on spaCy: importing and running it must not pull in Django."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, sys
import newsverify.attribution as engine
imported = "django" in sys.modules
report = engine.extract_chains("The dam will hold, engineer Pia Laine said.")
print(json.dumps({
    "django_after_import": imported,
    "django_after_extract": "django" in sys.modules,
    "claims": [[c.text, c.kind.value] for c in report.claims],
}))
"""


def run_probe() -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_it_imports_and_extracts_without_django() -> None:
    result = run_probe()
    assert result["django_after_import"] is False
    assert result["django_after_extract"] is False
    assert result["claims"] == [["The dam will hold", "indirect"]]


def test_it_does_not_load_the_model_at_import() -> None:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["PYTHONPATH"] = str(ROOT)
    code = (
        "import sys, newsverify.attribution; "
        "print(sorted(m for m in sys.modules if m.startswith(('spacy', 'thinc', 'en_core'))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout.strip().replace("'", '"'))
    assert not any(m.startswith("en_core") for m in loaded)
