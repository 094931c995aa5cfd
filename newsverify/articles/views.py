from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseStopPolling

from newsverify.articles import recovery, selectors, services
from newsverify.articles.forms import ArticleFilterForm, ArticleUploadForm
from newsverify.articles.models import Article
from newsverify.articles.uploads import UploadRejected, upload_to_draft
from newsverify.htmx import wants_fragment
from newsverify.review.highlighting import DEPTH_LABELS, depth_badge, highlight_article
from newsverify.review.models import Claim
from newsverify.review.selectors import article_markers, claim_spans, claims_for_article


def get_article_for_user(request: HttpRequest, article_id: int) -> Article:
    """The article, if this user may read articles at all (403) and it exists (404)."""
    if not request.user.has_perm("articles.view_article"):
        raise PermissionDenied
    return get_object_or_404(Article.objects.select_related("submitted_by"), pk=article_id)


def _require_perm(request: HttpRequest, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


DEPTH_LEGEND = [(band, depth_badge(band), label) for band, label in DEPTH_LABELS.items()]


def article_page_context(request: HttpRequest, article: Article, *, open_claim: Claim | None = None) -> dict[str, Any]:
    """Everything the article page shows; the claim view reuses it to open a chain in place."""
    claims = list(claims_for_article(article))
    counts = {band: 0 for band in DEPTH_LABELS}
    for claim in claims:
        counts[min(claim.depth, 3)] += 1
    return {
        "article": article,
        "claims": claims,
        "open_claim": open_claim,
        "highlighted": highlight_article(
            article.text,
            claims=claim_spans(claims),
            markers=article_markers(article, claims),
            open_claim_id=open_claim.pk if open_claim else None,
        ),
        "depth_legend": [(band, badge, label, counts[band]) for band, badge, label in DEPTH_LEGEND],
        "discrepancies": article.discrepancies.prefetch_related("members__claim"),
        "can_flag": request.user.has_perm("review.flag_claim"),
        "can_verdict": request.user.has_perm("review.record_verdict"),
        "can_reanalyse": request.user.has_perm("articles.reanalyse_article"),
        # Pending, but its worker is gone or the queue was down: Re-analyse is offered as a way out.
        "is_stuck": recovery.article_is_stuck(article),
    }


@login_required
def article_list(request: HttpRequest) -> HttpResponse:
    _require_perm(request, "articles.view_article")
    form = ArticleFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(selectors.articles_search(filters=filters), 50).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "publishers": selectors.publishers_known(),
        "any_pending": any(article.is_pending for article in page),
        "depth_legend": DEPTH_LEGEND,
        "can_upload": request.user.has_perm("articles.add_article"),
    }
    if wants_fragment(request):
        return render(request, "articles/article_list.html#results", context)
    return render(request, "articles/article_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def article_upload(request: HttpRequest) -> HttpResponse:
    _require_perm(request, "articles.add_article")
    form = ArticleUploadForm(request.POST or None, request.FILES or None)
    results: list[UploadResult] = []
    status = 200
    if request.method == "POST":
        if form.is_valid():
            results = _submit_upload(request, form.cleaned_data)
            if any(result.created and recovery.article_send_refused(result.article) for result in results):
                messages.warning(request, recovery.WAITING_FOR_QUEUE)
            if len(results) == 1 and results[0].created:
                return redirect(results[0].article)
            if not any(result.article for result in results):
                status = 400
        else:
            status = 400
    context = {
        "form": form,
        "results": results,
        "max_files": settings.NEWSVERIFY_MAX_UPLOAD_FILES,
        "max_chars": settings.NEWSVERIFY_MAX_ARTICLE_CHARS,
        "max_mb": settings.NEWSVERIFY_MAX_UPLOAD_BYTES / 1_048_576,
    }
    return render(request, "articles/article_upload.html", context, status=status)


@dataclass(frozen=True)
class UploadResult:
    name: str
    article: Article | None = None
    created: bool = False
    error: str = ""


def _submit_upload(request: HttpRequest, data: dict[str, Any]) -> list[UploadResult]:
    """One result per pasted text or file: the article created, the one it duplicates, or why not."""
    if data["text"].strip():
        return [
            _submit_one(
                request,
                name="Pasted text",
                text=data["text"],
                title=data["title"],
                url=data["url"],
                publisher=data["publisher"],
                published_on=data["published_on"],
            )
        ]
    results = []
    single = len(data["files"]) == 1
    for upload in data["files"]:
        try:
            draft = upload_to_draft(
                name=upload.name,
                data=upload.read(settings.NEWSVERIFY_MAX_UPLOAD_BYTES + 1),
                size=upload.size,
                max_bytes=settings.NEWSVERIFY_MAX_UPLOAD_BYTES,
                max_chars=settings.NEWSVERIFY_MAX_ARTICLE_CHARS,
            )
        except UploadRejected as exc:
            results.append(UploadResult(name=upload.name, error=str(exc)))
            continue
        results.append(
            _submit_one(
                request,
                name=upload.name,
                text=draft.text,
                # A title or URL typed in the form describes one article, not a batch.
                title=(data["title"] if single else "") or draft.title,
                url=(data["url"] if single else "") or draft.url,
                publisher=data["publisher"] or draft.publisher,
                published_on=data["published_on"] or _parse_date(draft.published_on),
            )
        )
    return results


def _parse_date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _submit_one(
    request: HttpRequest,
    *,
    name: str,
    text: str,
    title: str,
    url: str,
    publisher: str,
    published_on: datetime.date | None,
) -> UploadResult:
    try:
        article = services.article_submit(
            text=text, title=title, publisher=publisher, url=url, published_on=published_on, by=request.user
        )
    except services.DuplicateArticle as exc:
        return UploadResult(name=name, article=exc.existing)
    except ValueError as exc:
        return UploadResult(name=name, error=str(exc))
    return UploadResult(name=name, article=article, created=True)


@login_required
def article_detail(request: HttpRequest, article_id: int) -> HttpResponse:
    article = get_article_for_user(request, article_id)
    if wants_fragment(request) and request.htmx.target == "analysis":
        # The polling request: keep polling while pending, then swap in the result and stop.
        response = render(request, "articles/article_detail.html#analysis", article_page_context(request, article))
        if not article.is_pending:
            response.status_code = HttpResponseStopPolling.status_code
        return response
    if wants_fragment(request) and request.htmx.target == "chain-panel":
        return render(request, "articles/article_detail.html#panel_empty", article_page_context(request, article))
    return render(request, "articles/article_detail.html", article_page_context(request, article))


@login_required
@require_POST
def article_reanalyse(request: HttpRequest, article_id: int) -> HttpResponse:
    article = get_article_for_user(request, article_id)
    _require_perm(request, "articles.reanalyse_article")
    article = services.article_reanalyse(article=article, by=request.user)
    if recovery.article_send_refused(article):
        messages.warning(request, recovery.WAITING_FOR_QUEUE)
    if request.htmx:
        return render(request, "articles/article_detail.html#analysis", article_page_context(request, article))
    return redirect(article)
