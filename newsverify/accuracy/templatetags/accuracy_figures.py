"""How the accuracy page writes its figures."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def percent(value: float | None) -> str:
    """0.667 -> '66.7%'; None (the figure does not apply) -> '—'."""
    if value is None or value == "":
        return "—"
    return f"{float(value) * 100:.1f}%"
