"""``{% story_link claim %}``: the link from a claim's chain panel to the story it is part of."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from newsverify.stories.models import StoryClaim
from newsverify.stories.selectors import story_size
from newsverify.stories.upstream import upstream_for_article

register = template.Library()


@register.simple_tag
def story_link(claim: object) -> str:
    membership = StoryClaim.objects.filter(claim_id=getattr(claim, "pk", None)).first()
    if membership is None:
        return ""
    reports, outlets = story_size(membership.story_id)
    return format_html(
        '<p class="story-link small"><a href="{}">Part of a story: {} report{} in {} outlet{}</a></p>',
        membership.story.get_absolute_url(),
        reports,
        "" if reports == 1 else "s",
        outlets,
        "" if outlets == 1 else "s",
    )


@register.inclusion_tag("stories/partials/upstream_notices.html")
def upstream_notices(article: object) -> dict[str, object]:
    """On an article's page: the corrections upstream of the reports it relays."""
    return {"corrections": list(upstream_for_article(getattr(article, "pk", 0)))}
