"""``{% story_link claim %}``: in a claim's chain panel, the story it is part of and how it drifted."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string

from newsverify.stories.models import StoryClaim
from newsverify.stories.selectors import story_page
from newsverify.stories.upstream import upstream_for_article

register = template.Library()


@register.simple_tag
def story_link(claim: object) -> str:
    membership = StoryClaim.objects.filter(claim_id=getattr(claim, "pk", None)).select_related("story").first()
    if membership is None:
        return ""
    page = story_page(membership.story)
    if page is None:
        return ""
    mine = next((report for report in page.reports if report.claim.pk == membership.claim_id), None)
    return render_to_string("stories/partials/story_link.html", {"page": page, "report": mine})


@register.inclusion_tag("stories/partials/upstream_notices.html")
def upstream_notices(article: object) -> dict[str, object]:
    """On an article's page: the corrections upstream of the reports it relays."""
    return {"corrections": list(upstream_for_article(getattr(article, "pk", 0)))}
