"""Page links that keep every filter in the URL."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context: dict[str, Any], number: int) -> str:
    """``?<the filters>&page=<number>``: the filters from ``paging_query`` when the view sets one (a
    results partial answering a POST), else from the request's own query string."""
    query = context.get("paging_query") or context["request"].GET
    query = query.copy()
    query["page"] = number
    return f"?{query.urlencode()}"
