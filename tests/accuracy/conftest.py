from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Group

from tests.factories import UserFactory

SHARED_EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "eval"
SCORER = SHARED_EVAL / "score.py"


def shared_scorer() -> Path:
    """The evaluation scorer beside the project; the test skips where that folder is not there."""
    if not SCORER.exists():
        pytest.skip(f"{SCORER} is not there (the evaluation folder sits beside the project's checkout)")
    return SCORER


def run_scorer(*args: str | Path) -> dict[str, Any]:
    """``score.py ARGS --json``, its JSON answer."""
    done = subprocess.run(
        [sys.executable, str(shared_scorer()), *map(str, args), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


@pytest.fixture
def staff(db):  # type: ignore[no-untyped-def]
    user = UserFactory(username="desk", is_staff=True)
    user.groups.add(Group.objects.get(name="Fact-checker"))
    return user


@pytest.fixture
def staff_client(client, staff):  # type: ignore[no-untyped-def]
    client.force_login(staff)
    return client
