"""The story page: one origin statement and every report that relays it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from newsverify.articles.selectors import publishers_known
from newsverify.htmx import wants_fragment
from newsverify.paging import CappedPaginator
from newsverify.review.services import ReviewRefused
from newsverify.stories.forms import StoryFilterForm, UpstreamCorrectionForm
from newsverify.stories.models import Story, StoryClaim
from newsverify.stories.selectors import StoryPage, stories_list, stories_page_rows, story_page
from newsverify.stories.upstream import upstream_correction_record, upstream_for_story

STORIES_PER_PAGE = 25


@login_required
@require_GET
def story_list(request: HttpRequest) -> HttpResponse:
    """Every story, newest activity first: its origin statement, its counts and flags, a page at a time."""
    if not request.user.has_perm("review.view_claim"):
        raise PermissionDenied
    form = StoryFilterForm(request.GET or None)
    page = CappedPaginator(stories_list(form.filters()), STORIES_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = stories_page_rows(page.object_list)
    context = {"form": form, "page": page, "outlets": publishers_known()}
    if wants_fragment(request):
        return render(request, "stories/story_list.html#results", context)
    return render(request, "stories/story_list.html", context)


@login_required
def story_detail(request: HttpRequest, story_id: int) -> HttpResponse:
    if not request.user.has_perm("review.view_claim"):
        raise PermissionDenied
    story = get_object_or_404(Story, pk=story_id)
    page = story_page(story)
    if page is None:
        raise Http404("No article reads this story's claims any more.")
    return render(request, "stories/story_detail.html", _context(request, page))


def _context(request: HttpRequest, page: StoryPage, *, form: UpstreamCorrectionForm | None = None) -> dict[str, object]:
    can_mark = request.user.has_perm("review.record_verdict")
    if can_mark and form is None:
        form = UpstreamCorrectionForm(initial={"claim": page.origin.claim.pk})
    return {
        "page": page,
        "corrections": upstream_for_story(page.story.pk),
        "can_mark": can_mark,
        "upstream_form": form,
    }


@login_required
@require_POST
def upstream_correction(request: HttpRequest, story_id: int) -> HttpResponse:
    """A fact-checker marks one of the story's reports (or its origin statement) corrected or retracted."""
    if not request.user.has_perm("review.record_verdict"):
        raise PermissionDenied
    story = get_object_or_404(Story, pk=story_id)
    form = UpstreamCorrectionForm(request.POST)
    if form.is_valid():
        claim = StoryClaim.objects.filter(story=story, claim_id=form.cleaned_data["claim"]).first()
        if claim is None:
            form.add_error("claim", "Choose one of this story's reports.")
        else:
            try:
                correction = upstream_correction_record(
                    claim=claim.claim,
                    kind=form.cleaned_data["kind"],
                    url=form.cleaned_data["url"],
                    note=form.cleaned_data["note"],
                    by=request.user,
                )
            except ReviewRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                count = correction.claims.count()
                messages.success(request, f"Recorded. {count} claim{'s' if count != 1 else ''} that relay it flagged.")
                return redirect(story.get_absolute_url())
    page = story_page(story)
    if page is None:
        raise Http404("No article reads this story's claims any more.")
    return render(request, "stories/story_detail.html", _context(request, page, form=form), status=422)
