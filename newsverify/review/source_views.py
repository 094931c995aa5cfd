"""The source registry's pages: each source with the claims citing it, and merging (staff)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from newsverify.htmx import wants_fragment
from newsverify.review import source_merge as services
from newsverify.review import source_selectors as selectors
from newsverify.sources.forms import SourceFilterForm, SourceMergeForm
from newsverify.sources.models import Source


def _get_source_for_user(request: HttpRequest, source_id: int) -> Source:
    if not request.user.has_perm("review.view_claim"):
        raise PermissionDenied
    return get_object_or_404(Source.objects.prefetch_related("aliases"), pk=source_id)


@login_required
def source_list(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("review.view_claim"):
        raise PermissionDenied
    form = SourceFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    sources = selectors.sources_search(q=filters.get("q", ""), type=filters.get("type", ""))
    page = Paginator(sources, 50).get_page(request.GET.get("page"))
    context = {"form": form, "page": page}
    if wants_fragment(request):
        return render(request, "sources/source_list.html#results", context)
    return render(request, "sources/source_list.html", context)


def _render_source(
    request: HttpRequest, source: Source, *, merge_form: SourceMergeForm | None = None, status: int = 200
) -> HttpResponse:
    page = Paginator(selectors.source_citing_hops(source), 50).get_page(request.GET.get("page"))
    context = {
        "source": source,
        "record": selectors.source_record(source),
        "page": page,
        "citations": selectors.citations_from_hops(page),
        "can_merge": request.user.is_staff,
        "candidates": selectors.source_merge_candidates(source) if request.user.is_staff else [],
        "merge_form": merge_form or SourceMergeForm(),
    }
    return render(request, "sources/source_detail.html", context, status=status)


@login_required
def source_detail(request: HttpRequest, source_id: int) -> HttpResponse:
    return _render_source(request, _get_source_for_user(request, source_id))


@login_required
@require_POST
def source_merge(request: HttpRequest, source_id: int) -> HttpResponse:
    """Merge the posted source into this one. Staff only."""
    into = _get_source_for_user(request, source_id)
    if not request.user.is_staff:
        raise PermissionDenied
    form = SourceMergeForm(request.POST)
    if not form.is_valid():
        return _render_source(request, into, merge_form=form, status=422)
    other = Source.objects.filter(pk=form.cleaned_data["other"]).first()
    if other is None:
        form.add_error("other", f"There is no source #{form.cleaned_data['other']}.")
        return _render_source(request, into, merge_form=form, status=422)
    try:
        event = services.source_merge(into=into, other=other, by=request.user)
    except services.MergeRefused as exc:
        form.add_error("other", str(exc))
        return _render_source(request, into, merge_form=form, status=422)
    messages.success(request, f"Merged {event.value_before} into {into.name}. {event.note}")
    return redirect(into)
