"""The trend by engine version as bars, with their geometry computed here so the template only draws them.

An inline SVG (no script, no inline style: colours come from the stylesheet), with a title and a
description, beside the table that holds the same figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsverify.accuracy.selectors import TrendRow

WIDTH, HEIGHT = 640, 220
TOP, BOTTOM, LEFT, RIGHT = 16, 40, 40, 8
SERIES = (("f1", "Claims found (F1)", "bar-f1"), ("chain_of_gold", "Chains right (of gold)", "bar-chain"))


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    css: str
    value: float
    label: str

    @property
    def centre(self) -> float:
        return round(self.x + self.width / 2, 1)

    @property
    def short(self) -> str:
        """The figure as the bar's label: whole percents, so two labels side by side fit."""
        return f"{self.value * 100:.0f}%"

    @property
    def label_y(self) -> float:
        """Where the bar's figure is written, just above it."""
        return round(self.y - 4, 1)


@dataclass(frozen=True)
class Group:
    x: float  # centre, for the version label
    version: str
    bars: list[Bar]


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class TrendChart:
    width: int
    height: int
    baseline: float
    left: int
    right: float
    groups: list[Group]
    ticks: list[Tick]
    series: tuple[tuple[str, str, str], ...] = SERIES


def trend_chart(rows: Sequence[TrendRow]) -> TrendChart | None:
    """Grouped bars, one group per engine version, each figure from 0 to 1; None without runs."""
    if not rows:
        return None
    plot_height = HEIGHT - TOP - BOTTOM
    plot_width = WIDTH - LEFT - RIGHT
    slot = plot_width / len(rows)
    bar_width = min(36.0, slot * 0.8 / len(SERIES))
    baseline = TOP + plot_height
    groups = []
    for index, row in enumerate(rows):
        centre = LEFT + slot * index + slot / 2
        first = centre - bar_width * len(SERIES) / 2
        bars = []
        for position, (key, label, css) in enumerate(SERIES):
            value = float(row.score.figures.get(key) or 0.0)
            height = round(plot_height * max(0.0, min(1.0, value)), 1)
            bars.append(
                Bar(
                    x=round(first + bar_width * position, 1),
                    y=round(baseline - height, 1),
                    width=round(bar_width - 2, 1),
                    height=height,
                    css=css,
                    value=value,
                    label=label,
                )
            )
        groups.append(Group(x=round(centre, 1), version=row.engine_version or "?", bars=bars))
    ticks = [
        Tick(y=round(baseline - plot_height * share, 1), label=f"{share:.0%}") for share in (0, 0.25, 0.5, 0.75, 1)
    ]
    return TrendChart(
        width=WIDTH, height=HEIGHT, baseline=baseline, left=LEFT, right=WIDTH - RIGHT, groups=groups, ticks=ticks
    )
