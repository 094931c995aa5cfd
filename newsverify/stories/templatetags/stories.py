"""``{% story_link claim %}``: in a claim's chain panel, the story it is part of and how it drifted."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string

from newsverify.stories import selectors
from newsverify.stories.upstream import upstream_for_article

register = template.Library()


@register.simple_tag
def story_link(claim: object) -> str:
    """Counted in SQL and read from the story's kept notes: two queries, whatever the story's size."""
    link = selectors.story_link(getattr(claim, "pk", 0))
    if link is None:
        return ""
    return render_to_string("stories/partials/story_link.html", {"link": link})


@register.inclusion_tag("stories/partials/upstream_notices.html")
def upstream_notices(article: object) -> dict[str, object]:
    """On an article's page: the corrections upstream of the reports it relays."""
    return {"corrections": list(upstream_for_article(getattr(article, "pk", 0)))}
