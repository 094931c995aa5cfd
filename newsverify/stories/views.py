"""The story page: one origin statement and every report that relays it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from newsverify.stories.models import Story
from newsverify.stories.selectors import story_page


@login_required
def story_detail(request: HttpRequest, story_id: int) -> HttpResponse:
    if not request.user.has_perm("review.view_claim"):
        raise PermissionDenied
    story = get_object_or_404(Story, pk=story_id)
    page = story_page(story)
    if page is None:
        raise Http404("No article reads this story's claims any more.")
    return render(request, "stories/story_detail.html", {"page": page})
