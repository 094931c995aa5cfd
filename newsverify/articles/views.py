from __future__ import annotations

import dataclasses
import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseStopPolling, reswap, retarget, trigger_client_event
from health_check.views import HealthCheckView

from newsverify.articles import changes, operations, recovery, selectors, services
from newsverify.articles.forms import ArticleFilterForm, ArticleUploadForm
from newsverify.articles.models import Article, ArticleStatus
from newsverify.articles.rows import article_rows
from newsverify.articles.uploads import UploadRejected, upload_to_draft
from newsverify.htmx import wants_fragment
from newsverify.paging import CappedPaginator
from newsverify.review.selectors import DEPTH_LEGEND, article_claims_page, article_reading, article_sections

logger = logging.getLogger(__name__)


def get_article_for_user(request: HttpRequest, article_id: int, *, text: bool = True) -> Article:
    """The article, if this user may read articles at all (403) and it exists (404).

    ``text=False``: its text stays in the database until something reads it (a poll asks only its status).
    """
    if not request.user.has_perm("articles.view_article"):
        raise PermissionDenied
    articles = Article.objects.select_related("submitted_by")
    return get_object_or_404(articles if text else articles.defer("text"), pk=article_id)


def _require_perm(request: HttpRequest, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


# The client event that tells an open chain panel to fetch itself again: a new reading is stored.
ANALYSIS_STORED = "analysisStored"


# How long a page with an analysis under way waits before each question "is it done?", in ms, when
# the server answers at once (NEWSVERIFY_POLL_WAIT_SECONDS = 0): soon at first (a free worker reads a
# short article in a fraction of a second, and a poll while pending costs a few bytes and queries),
# then less and less often, up to every 2 s. When the server holds each question until the answer
# changes (the default), the page asks again as soon as it has an answer.
POLL_DELAYS_MS = (100, 150, 250, 400, 600, 1000, 2000)


def poll_schedule(attempt: int) -> dict[str, int]:
    """Poll number ``attempt`` (1 the first): how long it waits, and its number (it sends it)."""
    attempt = max(1, min(attempt, len(POLL_DELAYS_MS)))
    delay = 0 if settings.NEWSVERIFY_POLL_WAIT_SECONDS else POLL_DELAYS_MS[attempt - 1]
    return {"poll_delay": delay, "poll_attempt": attempt}


# A page that shows "queued" is told its analysis started only if it is not done this soon after,
# and an article's page asked for this soon after its analysis started (or it was sent to a free
# worker) waits for it as long: a free worker reads a short article in a fraction of a second, and
# the page is better told once, with the result, than a moment earlier that it is analysing (one
# more request and render).
STARTED_GRACE_SECONDS = 0.5


def _wait_for_news(
    article_ids: list[int],
    *,
    since: dict[int, changes.ArticleState],
    until: Callable[[], bool],
    timeout: float | None = None,
) -> None:
    """Hold a poll until ``until()`` says its page has something new to show, at most ``timeout``
    (``NEWSVERIFY_POLL_WAIT_SECONDS``; with that 0, not at all); the caller answers from what it read."""
    if settings.NEWSVERIFY_POLL_WAIT_SECONDS:
        timeout = settings.NEWSVERIFY_POLL_WAIT_SECONDS if timeout is None else timeout
        changes.articles_change_wait(article_ids, since=since, until=until, timeout=timeout)


def _poll_state(article: Article, *, is_stuck: bool) -> str:
    """What the analysis bar says of a pending article: a poll re-renders it only when this changes."""
    return article.status + ("-waiting" if article.waiting_for_queue else "") + ("-stuck" if is_stuck else "")


def _page_context(request: HttpRequest, article: Article) -> dict[str, Any]:
    # Pending, but its worker is gone or the queue was down: Re-analyse is offered as a way out.
    is_stuck = recovery.article_is_stuck(article)
    return {
        "article": article,
        **article_reading(article, claims_from=_int_param(request, "claims_from")).context(),
        "can_flag": request.user.has_perm("review.flag_claim"),
        "can_verdict": request.user.has_perm("review.record_verdict"),
        "can_reanalyse": request.user.has_perm("articles.reanalyse_article"),
        "is_stuck": is_stuck,
        "poll_shown": _poll_state(article, is_stuck=is_stuck),
        **poll_schedule(1),
    }


def _poll(request: HttpRequest, article: Article) -> HttpResponse:
    """One "is it done?" of a page whose article is being analysed.

    Still pending: only the poller comes back (a few bytes), waiting longer before the next
    question; the text, the highlights and the open panel are not sent again. Done (or failed): the
    new reading in place of the analysis, once. A first analysis whose bar changed (queued to
    analysing, stuck) gets its bar again; it has no highlights yet, so that is small.
    """
    shown = request.GET.get("shown", "")

    def news() -> bool:
        if not article.is_pending:
            return True
        return not article.has_reading and shown != _poll_state(article, is_stuck=recovery.article_is_stuck(article))

    def read_again() -> bool:
        nonlocal article
        article = get_article_for_user(request, article.pk, text=False)
        return news()

    def finished() -> bool:
        read_again()
        return not article.is_pending

    if not news():
        _wait_for_news([article.pk], since={article.pk: changes.article_state(article)}, until=read_again)
    if shown == ArticleStatus.QUEUED and article.status == ArticleStatus.ANALYSING and not article.has_reading:
        since = {article.pk: changes.article_state(article)}
        _wait_for_news([article.pk], since=since, until=finished, timeout=STARTED_GRACE_SECONDS)
    if not article.is_pending:
        return reswap(retarget(_analysis_done(request, article), "#analysis"), "outerHTML")
    attempt = int(request.GET["poll"]) if request.GET.get("poll", "").isdigit() else 1
    is_stuck = recovery.article_is_stuck(article)
    if not article.has_reading and shown != _poll_state(article, is_stuck=is_stuck):
        context = _page_context(request, article) | poll_schedule(attempt + 1)
        response = render(request, "articles/article_detail.html#analysis", context)
        return reswap(retarget(response, "#analysis"), "outerHTML")
    context = {"article": article, "poll_shown": shown, **poll_schedule(attempt + 1)}
    return render(request, "articles/article_detail.html#poll", context)


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
    selectors.article_counts_attach(page.object_list)
    context = {
        "form": form,
        "page": page,
        "rows": article_rows(page),
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
    # Bound on every POST, even one with nothing in it (an empty form, a file whose name the parser
    # dropped), so the form says what is missing instead of a bare 400.
    form = ArticleUploadForm(request.POST, request.FILES) if request.method == "POST" else ArticleUploadForm()
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
    created = [result.article.pk for result in results if result.created and result.article]
    context = {
        "form": form,
        "results": results,
        **(_progress_context(created, attempt=1) if created else {}),
        "max_files": settings.NEWSVERIFY_MAX_UPLOAD_FILES,
        "max_chars": settings.NEWSVERIFY_MAX_ARTICLE_CHARS,
        "max_mb": settings.NEWSVERIFY_MAX_UPLOAD_BYTES / 1_048_576,
    }
    return render(request, "articles/article_upload.html", context, status=status)


def _progress_context(
    article_ids: list[int], *, attempt: int, progress: selectors.AnalysisProgress | None = None
) -> dict[str, Any]:
    if progress is None:
        progress = selectors.analysis_progress(article_ids)
    return {
        "progress": progress,
        "progress_ids": ",".join(map(str, article_ids)),
        "progress_shown": _progress_shown(progress),
        **poll_schedule(attempt),
    }


def _progress_shown(progress: selectors.AnalysisProgress) -> str:
    """What a progress bar shows, as its poll sends it back: a poll is held until this changes."""
    return f"{progress.done}.{progress.analysing}.{progress.queued}.{progress.failed}"


@login_required
def article_progress(request: HttpRequest) -> HttpResponse:
    """A bulk upload's progress bar (done / analysing / queued / failed), polled in place while any
    of its articles is pending, as the article page is. ``?ids=1,2,3&shown=<the counts shown>``."""
    _require_perm(request, "articles.view_article")
    ids = list(dict.fromkeys(int(part) for part in request.GET.get("ids", "").split(",") if part.strip().isdigit()))
    ids = ids[: settings.NEWSVERIFY_MAX_UPLOAD_FILES]
    attempt = int(request.GET["poll"]) if request.GET.get("poll", "").isdigit() else 1
    since = changes.article_states(ids)
    progress = selectors.analysis_progress(ids)

    def news() -> bool:
        return not progress.pending or _progress_shown(progress) != request.GET.get("shown")

    def read_again() -> bool:
        nonlocal progress
        progress = selectors.analysis_progress(ids)
        return news()

    if not news():
        _wait_for_news(ids, since=since, until=read_again)
    context = _progress_context(ids, attempt=attempt + 1, progress=progress)
    return render(request, "articles/article_upload.html#progress", context)


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


def _int_param(request: HttpRequest, name: str) -> int:
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() else 0


@login_required
def article_detail(request: HttpRequest, article_id: int) -> HttpResponse:
    if wants_fragment(request) and request.htmx.target == "analysis-poll":
        return _poll(request, get_article_for_user(request, article_id, text=False))
    article = get_article_for_user(request, article_id)
    if wants_fragment(request) and "section" in request.GET and article.has_reading:
        # A section of a long article's text, its claims marked, as it scrolls into view.
        index = _int_param(request, "section")
        sections, _spans = article_sections(article, marked=[index])
        if index >= len(sections):
            raise Http404("No such section of the article.")
        return render(
            request, "articles/article_detail.html#text_section", {"article": article, "shown": sections[index]}
        )
    if wants_fragment(request) and "claims_from" in request.GET and article.has_reading:
        # The next page of the claims table in the panel.
        page = article_claims_page(article, claims_from=_int_param(request, "claims_from"))
        return render(request, "articles/article_detail.html#claims_rows", {"article": article, **page})
    if wants_fragment(request) and request.htmx.target == "chain-panel":
        return render(request, "articles/article_detail.html#panel_empty", _page_context(request, article))
    article = _held_for_the_result(request, article)
    return render(request, "articles/article_detail.html", _page_context(request, article))


def _held_for_the_result(request: HttpRequest, article: Article) -> Article:
    """The article, once analysed, when its page is asked for in the first moments of its first
    analysis (an upload's own redirect, on a free worker): held until STARTED_GRACE_SECONDS after the
    analysis started (or, queued with a worker free for it, was sent) at most, so that the page comes
    with the result instead of a poll for it."""
    if article.has_reading or not settings.NEWSVERIFY_POLL_WAIT_SECONDS:
        return article
    if article.status == ArticleStatus.ANALYSING:
        since = article.analysis_started_at
    elif article.status == ArticleStatus.QUEUED:
        since = article.enqueued_at
    else:
        return article
    if since is None:
        return article
    left = min(STARTED_GRACE_SECONDS, STARTED_GRACE_SECONDS - (timezone.now() - since).total_seconds())
    if left <= 0 or article.status == ArticleStatus.QUEUED and not operations.worker_free_for(article):
        return article

    def finished() -> bool:
        nonlocal article
        article = get_article_for_user(request, article.pk)
        return not article.is_pending

    _wait_for_news([article.pk], since={article.pk: changes.article_state(article)}, until=finished, timeout=left)
    return article


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


@login_required
@require_GET
def pipeline_status(request: HttpRequest) -> HttpResponse:
    """Staff: the analysis queue and the workers, so an editor can be told why an article is slow."""
    if not request.user.is_staff:
        raise PermissionDenied
    overview = operations.pipeline_overview()
    context = {"overview": overview, "now": timezone.now(), "stale_after": operations.heartbeat_stale_after()}
    if wants_fragment(request):
        return render(request, "articles/pipeline_status.html#status", context)
    return render(request, "articles/pipeline_status.html", context)


class HealthView(HealthCheckView):
    """For load balancers: 200 when the database, the broker and a worker's heartbeat are all well,
    500 otherwise. No login, no rate limit; it names each check and its state, never a host or secret."""

    checks = (
        "health_check.checks.Database",
        "newsverify.articles.operations.Broker",
        "newsverify.articles.operations.WorkerAlive",
    )
