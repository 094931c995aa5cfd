from __future__ import annotations

import dataclasses
import datetime
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseStopPolling, reswap, retarget, trigger_client_event

from newsverify.articles import recovery, selectors, services
from newsverify.articles.forms import ArticleFilterForm, ArticleUploadForm
from newsverify.articles.models import Article
from newsverify.articles.uploads import UploadRejected, upload_to_draft
from newsverify.htmx import wants_fragment
from newsverify.paging import CappedPaginator
from newsverify.review.selectors import DEPTH_LEGEND, article_reading

logger = logging.getLogger(__name__)


def get_article_for_user(request: HttpRequest, article_id: int) -> Article:
    """The article, if this user may read articles at all (403) and it exists (404)."""
    if not request.user.has_perm("articles.view_article"):
        raise PermissionDenied
    return get_object_or_404(Article.objects.select_related("submitted_by"), pk=article_id)


def _require_perm(request: HttpRequest, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


# The client event that tells an open chain panel to fetch itself again: a new reading is stored.
ANALYSIS_STORED = "analysisStored"


def _page_context(request: HttpRequest, article: Article) -> dict[str, Any]:
    return {
        "article": article,
        **article_reading(article).context(),
        "can_flag": request.user.has_perm("review.flag_claim"),
        "can_verdict": request.user.has_perm("review.record_verdict"),
        "can_reanalyse": request.user.has_perm("articles.reanalyse_article"),
        # Pending, but its worker is gone or the queue was down: Re-analyse is offered as a way out.
        "is_stuck": recovery.article_is_stuck(article),
    }


def _analysis_done(request: HttpRequest, article: Article) -> HttpResponse:
    """The new reading in place of the old one; polling stops, and the open panel refreshes itself.

    The chain panel is kept through the swap (``hx-preserve``), so the claim a reviewer has open
    stays open; the event makes it fetch its claim again, as the new reading has it.
    """
    response = render(request, "articles/article_detail.html#analysis", _page_context(request, article))
    response.status_code = HttpResponseStopPolling.status_code
    return trigger_client_event(response, ANALYSIS_STORED, after="settle")


@login_required
def article_list(request: HttpRequest) -> HttpResponse:
    _require_perm(request, "articles.view_article")
    form = ArticleFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = CappedPaginator(selectors.articles_search(filters=filters), 50).get_page(request.GET.get("page"))
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
                if results[0].note:
                    messages.info(request, results[0].note)
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
    note: str = ""  # e.g. the encoding that was assumed


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
        except Exception:
            # A file no rule foresaw must not hide the outcome of the files before it in the batch.
            logger.exception("Upload %r could not be read", upload.name)
            results.append(UploadResult(name=upload.name, error=f"{upload.name} could not be read as an article."))
            continue
        result = _submit_one(
            request,
            name=upload.name,
            text=draft.text,
            # A title or URL typed in the form describes one article, not a batch.
            title=(data["title"] if single else "") or draft.title,
            url=(data["url"] if single else "") or draft.url,
            publisher=data["publisher"] or draft.publisher,
            published_on=data["published_on"] or _parse_date(draft.published_on),
        )
        results.append(dataclasses.replace(result, note=draft.encoding_note) if draft.encoding_note else result)
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
        # The polling request of a first analysis: keep polling while pending, then swap in the result.
        if not article.is_pending:
            return _analysis_done(request, article)
        return render(request, "articles/article_detail.html#analysis", _page_context(request, article))
    if wants_fragment(request) and request.htmx.target == "analysis-status":
        # The polling request of a re-analysis: only the notice is polled, so the current reading,
        # the open panel and the reader's focus stay put until the new reading is stored.
        if article.is_pending:
            return render(request, "articles/article_detail.html#reanalysing", {"article": article})
        return reswap(retarget(_analysis_done(request, article), "#analysis"), "outerHTML")
    if wants_fragment(request) and request.htmx.target == "chain-panel":
        return render(request, "articles/article_detail.html#panel_empty", _page_context(request, article))
    return render(request, "articles/article_detail.html", _page_context(request, article))


@login_required
@require_POST
def article_reanalyse(request: HttpRequest, article_id: int) -> HttpResponse:
    article = get_article_for_user(request, article_id)
    _require_perm(request, "articles.reanalyse_article")
    article = services.article_reanalyse(article=article, by=request.user)
    if recovery.article_send_refused(article):
        messages.warning(request, recovery.WAITING_FOR_QUEUE)
    if request.htmx:
        return render(request, "articles/article_detail.html#analysis", _page_context(request, article))
    return redirect(article)
