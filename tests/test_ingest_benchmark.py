"""benchmarks/ingest.py's one-line verdict: met, not met on a free machine (with the bound its profile
gives), or inconclusive because other work had the cores."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def ingest() -> ModuleType:
    spec = importlib.util.spec_from_file_location("benchmark_ingest", ROOT / "benchmarks" / "ingest.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(
    workers: int, rate: float, *, other: float = 0.0, all_cpu: float = 100.0, shares: tuple[float, ...] = (0.97,)
) -> dict:
    return {
        "workers": workers,
        "articles_per_s": rate,
        "throughput_ratio": 0.0,
        "other_load_cores": other,
        "load_average_before": 0.3 + other,
        "pool_core_share_per_process": list(shares),
        "per_message_ms": {"all_cpu": all_cpu, "fixed_cpu": 8.0},
    }


def runs(one: dict, two: dict) -> list[dict]:
    for result in (one, two):
        result["throughput_ratio"] = round(result["articles_per_s"] / one["articles_per_s"], 3)
    return [one, two]


def test_two_workers_at_nine_tenths_of_twice_one_is_met(ingest: ModuleType) -> None:
    line = ingest.verdict(runs(run(1, 10.0), run(2, 18.0, shares=(0.98, 0.96))), cpus=2)
    assert line.startswith("verdict: 2 workers 1.80x 1 (target 1.80x;")
    assert "0.98 / 0.96" in line
    assert line.endswith(": MET")


def test_below_the_target_while_other_work_had_the_cores_is_inconclusive(ingest: ModuleType) -> None:
    line = ingest.verdict(runs(run(1, 10.0, other=0.1), run(2, 12.0, other=1.4)), cpus=2)
    assert "1.20x" in line
    assert "INCONCLUSIVE" in line
    assert "1.40 cores during the 2-worker run" in line


def test_below_the_target_on_a_free_machine_gives_the_bound_of_its_cores(ingest: ModuleType) -> None:
    # 125 ms of CPU per message on 2 cores: at most 16 articles/s, 1.6x the one worker's 10.
    line = ingest.verdict(runs(run(1, 10.0, other=0.05), run(2, 15.0, other=0.1, all_cpu=125.0)), cpus=2)
    assert "NOT MET on a free machine" in line
    assert "at most 16.00 articles/s, 1.60x the 1-worker run" in line


def test_one_worker_count_gives_no_verdict(ingest: ModuleType) -> None:
    assert ingest.verdict([run(1, 10.0)], cpus=2).startswith("verdict: none")
