"""The source registry's pages: each source with the claims citing it, and merging (staff)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from newsverify.htmx import wants_fragment
from newsverify.paging import CappedPaginator
from newsverify.review import source_merge as services
from newsverify.review import source_selectors as selectors
from newsverify.review.rows import SOURCE_ROW_VALUES, source_rows
from newsverify.sources.forms import SourceFilterForm, SourceMergeConfirmForm, SourceMergePickForm
from newsverify.sources.models import Source, SourceMerge
from newsverify.sources.selectors import source_live, source_stays_per_article


def _get_source_for_user(request: HttpRequest, source_id: int) -> Source:
    if not request.user.has_perm("review.view_claim"):
        raise PermissionDenied
    return get_object_or_404(Source.objects.prefetch_related("aliases"), pk=source_id)


def _require_staff(request: HttpRequest) -> None:
    if not request.user.is_staff:
        raise PermissionDenied


@login_required
def source_list(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("review.view_claim"):
        raise PermissionDenied
    form = SourceFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    sources = selectors.sources_search(q=filters.get("q", ""), type=filters.get("type", "")).values(*SOURCE_ROW_VALUES)
    page = CappedPaginator(sources, 50).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "rows": source_rows(page)}
    if wants_fragment(request):
        return render(request, "sources/source_list.html#results", context)
    return render(request, "sources/source_list.html", context)


def _render_source(
    request: HttpRequest, source: Source, *, undo_error: tuple[int, str] | None = None, status: int = 200
) -> HttpResponse:
    page = Paginator(selectors.source_citing_hops(source), 50).get_page(request.GET.get("page"))
    merges_in = [(merge, services.source_merge_summary(merge)) for merge in selectors.source_merges_in(source)]
    context = {
        "source": source,
        "record": selectors.source_record(source),
        "page": page,
        "citations": selectors.citations_from_hops(page),
        "can_merge": request.user.is_staff,
        "stays_per_article": source_stays_per_article(source),
        "candidates": selectors.source_merge_candidates(source) if request.user.is_staff else [],
        "merges_in": merges_in,
        "undo_error": undo_error,
    }
    return render(request, "sources/source_detail.html", context, status=status)


@login_required
def source_detail(request: HttpRequest, source_id: int) -> HttpResponse:
    source = _get_source_for_user(request, source_id)
    if source.is_merged:
        # 302, not 301: a merge can be split back, and browsers keep a permanent redirect for good.
        survivor = source_live(source)
        merge = selectors.source_merge_out(source)
        when = f" on {merge.merged_at:%d %b %Y} by {merge.merged_by.get_username()}" if merge else ""
        messages.info(
            request, f"{source.name} (#{source.pk}) was merged into {survivor.name}{when}: its citations are here."
        )
        return redirect(survivor)
    return _render_source(request, source)


def _merge_page(
    request: HttpRequest,
    into: Source,
    *,
    q: str = "",
    other: Source | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    context: dict[str, Any] = {
        "source": into,
        "q": q,
        "results": selectors.source_merge_search(into, q=q),
        "candidates": [] if other else selectors.source_merge_candidates(into),
        "error": error,
    }
    if other is not None:
        context["preview"] = selectors.source_merge_preview(into=into, other=other)
        try:
            services.source_merge_check(into=into, other=other, by=request.user)
        except services.MergeRefused as exc:
            context["refused"] = str(exc)
    if wants_fragment(request) and other is None:
        return render(request, "sources/source_merge.html#picker-results", context, status=status)
    return render(request, "sources/source_merge.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def source_merge(request: HttpRequest, source_id: int) -> HttpResponse:
    """Staff only. GET: find the duplicate (suggestions, search), then preview what would move.
    POST: confirm the previewed merge; refused when the sources changed since the preview."""
    into = _get_source_for_user(request, source_id)
    _require_staff(request)
    if into.is_merged:
        survivor = source_live(into)
        messages.info(request, f"{into.name} was merged into {survivor.name}: merge duplicates into it instead.")
        return redirect(reverse("source_merge", args=[survivor.pk]))
    if request.method == "POST":
        return _merge_confirm(request, into)
    form = SourceMergePickForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    return _merge_page(request, into, q=data.get("q", ""), other=data.get("other"))


def _merge_confirm(request: HttpRequest, into: Source) -> HttpResponse:
    form = SourceMergeConfirmForm(request.POST)
    if not form.is_valid():
        error = " ".join(str(message) for errors in form.errors.values() for message in errors)
        other = form.cleaned_data.get("other")
        return _merge_page(request, into, other=other, error=error, status=422)
    other = form.cleaned_data["other"]
    try:
        merge = services.source_merge(
            into=into, other=other, by=request.user, fingerprint=form.cleaned_data["fingerprint"]
        )
    except services.MergeStale as exc:
        return _merge_page(request, into, other=other, error=str(exc), status=409)
    except services.MergeRefused as exc:
        return _merge_page(request, into, other=other, error=str(exc), status=422)
    messages.success(
        request,
        f"Merged {other.name} into {into.name}. Moved {services.source_merge_summary(merge)}. "
        "“Split back” below undoes it.",
    )
    return redirect(into)


@login_required
@require_POST
def source_merge_undo(request: HttpRequest, merge_id: int) -> HttpResponse:
    """Split a merge back (staff only); refused with the reason when later changes make it unsafe."""
    if not request.user.has_perm("review.view_claim"):
        raise PermissionDenied
    _require_staff(request)
    merge = get_object_or_404(SourceMerge.objects.select_related("survivor", "merged"), pk=merge_id)
    try:
        services.source_merge_undo(merge=merge, by=request.user)
    except services.MergeRefused as exc:
        survivor = source_live(merge.survivor)
        return _render_source(request, survivor, undo_error=(merge.pk, str(exc)), status=409)
    messages.success(
        request,
        f"Split {merge.merged.name} back out of {merge.survivor.name}: "
        f"moved back {services.source_merge_summary(merge)}.",
    )
    return redirect(merge.merged)
