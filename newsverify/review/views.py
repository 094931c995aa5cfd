from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_htmx.http import trigger_client_event

from newsverify.articles.selectors import publishers_known
from newsverify.articles.views import article_page_context, get_article_for_user
from newsverify.htmx import wants_fragment
from newsverify.review import selectors, services
from newsverify.review.forms import (
    AuditFilterForm,
    ClaimAssignForm,
    ClaimBulkForm,
    ClaimFlagForm,
    ClaimQueueForm,
    ClaimVerdictForm,
    CommentForm,
    HopConfirmForm,
    HopReopenForm,
)
from newsverify.review.highlighting import claim_badge
from newsverify.review.models import Claim, Hop, ReviewStatus
from newsverify.review.selectors import claim_for_panel, claim_spans


def _require_perm(request: HttpRequest, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


def _get_claim_for_user(request: HttpRequest, article_id: int, claim_id: int) -> Claim:
    article = get_article_for_user(request, article_id)
    try:
        return claim_for_panel(article=article, claim_id=claim_id)
    except Claim.DoesNotExist:
        raise Http404("No such claim in this article; it may have been replaced by a re-analysis.") from None


def _get_hop(claim: Claim, position: int) -> Hop:
    for hop in claim.hops.all():
        if hop.position == position:
            return hop
    raise Http404("No such hop in this chain; it may have been replaced by a re-analysis.")


def _render_claim(
    request: HttpRequest, claim: Claim, *, forms: dict[str, Form] | None = None, status: int = 200
) -> HttpResponse:
    """The chain panel alone for htmx; otherwise the article page with this claim open."""
    context: dict[str, Any] = {
        "claim": claim,
        "badge": claim_badge(claim_spans([claim])[0]),
        "article": claim.article,
        "flag_form": ClaimFlagForm(),
        "verdict_form": ClaimVerdictForm(open_hops=_open_hops(claim)),
        "verdict_choices": [
            (value, label)
            for value, label in ReviewStatus.choices
            if value in services.TRANSITIONS[claim.review_status]
        ],
        "hop_form": HopConfirmForm(),
        "hop_form_position": None,
        "comment_form": CommentForm(),
        "assign_form": ClaimAssignForm(
            initial={"assignee": claim.assignee_id}, fact_checkers=selectors.fact_checkers()
        ),
        "can_flag": request.user.has_perm("review.flag_claim"),
        "can_verdict": request.user.has_perm("review.record_verdict"),
        "can_assign": request.user.has_perm("review.assign_claim"),
        "can_comment": request.user.has_perm("review.comment_claim"),
    } | (forms or {})
    if wants_fragment(request):
        return render(request, "articles/article_detail.html#chain", context, status=status)
    context = article_page_context(request, claim.article, open_claim=claim) | context
    return render(request, "articles/article_detail.html", context, status=status)


def _open_hops(claim: Claim) -> int:
    """Hops of the chain not confirmed yet (``claim`` from ``claim_for_panel``)."""
    return sum(1 for hop in claim.hops.all() if hop.review is None)


def _done(request: HttpRequest, article_id: int, claim_id: int, *, announce: str) -> HttpResponse:
    """After a successful POST: the fresh panel for htmx, a redirect otherwise.

    ``announce`` is the one short sentence a screen reader says (static/js/app.js puts it in the
    page's status region, from the ``announce`` event in ``HX-Trigger``); the panel itself is not
    a live region, so it is not read out again.
    """
    claim = _get_claim_for_user(request, article_id, claim_id)
    if not request.htmx:
        messages.success(request, announce)
        return redirect(claim)
    return trigger_client_event(_render_claim(request, claim), "announce", {"message": announce})


def _refused(request: HttpRequest, claim: Claim, name: str, form: Form, error: Exception, **extra: Any) -> HttpResponse:
    form.add_error(None, str(error))
    return _render_claim(request, claim, forms={name: form, **extra}, status=422)


@login_required
def claim_detail(request: HttpRequest, article_id: int, claim_id: int) -> HttpResponse:
    return _render_claim(request, _get_claim_for_user(request, article_id, claim_id))


@login_required
@require_POST
def claim_flag(request: HttpRequest, article_id: int, claim_id: int) -> HttpResponse:
    claim = _get_claim_for_user(request, article_id, claim_id)
    _require_perm(request, "review.flag_claim")
    form = ClaimFlagForm(request.POST)
    if not form.is_valid():
        return _render_claim(request, claim, forms={"flag_form": form}, status=422)
    services.claim_flag(claim=claim, by=request.user, note=form.cleaned_data["note"])
    return _done(request, article_id, claim_id, announce="Flag recorded.")


@login_required
@require_POST
def claim_verdict(request: HttpRequest, article_id: int, claim_id: int) -> HttpResponse:
    claim = _get_claim_for_user(request, article_id, claim_id)
    _require_perm(request, "review.record_verdict")
    form = ClaimVerdictForm(request.POST, open_hops=_open_hops(claim))
    if not form.is_valid():
        return _render_claim(request, claim, forms={"verdict_form": form}, status=422)
    try:
        services.claim_set_verdict(
            claim=claim,
            by=request.user,
            verdict=form.cleaned_data["status"],
            evidence_url=form.cleaned_data["evidence_url"],
            note=form.cleaned_data["note"],
        )
    except services.ReviewRefused as exc:
        return _refused(request, claim, "verdict_form", form, exc)
    status = ReviewStatus(form.cleaned_data["status"]).label
    return _done(request, article_id, claim_id, announce=f"Review status set: {status}.")


@login_required
@require_POST
def hop_confirm(request: HttpRequest, article_id: int, claim_id: int, position: int) -> HttpResponse:
    claim = _get_claim_for_user(request, article_id, claim_id)
    _require_perm(request, "review.record_verdict")
    hop = _get_hop(claim, position)
    form = HopConfirmForm(request.POST)
    if not form.is_valid():
        return _render_claim(request, claim, forms={"hop_form": form, "hop_form_position": position}, status=422)
    try:
        services.hop_confirm(
            hop=hop, by=request.user, evidence_url=form.cleaned_data["evidence_url"], note=form.cleaned_data["note"]
        )
    except services.ReviewRefused as exc:
        return _refused(request, claim, "hop_form", form, exc, hop_form_position=position)
    return _done(request, article_id, claim_id, announce=f"Hop {position + 1} ({hop.source.name}) confirmed.")


@login_required
@require_POST
def hop_reopen(request: HttpRequest, article_id: int, claim_id: int, position: int) -> HttpResponse:
    claim = _get_claim_for_user(request, article_id, claim_id)
    _require_perm(request, "review.record_verdict")
    hop = _get_hop(claim, position)
    form = HopReopenForm(request.POST)
    if not form.is_valid():
        return _render_claim(request, claim, forms={"reopen_form": form, "hop_form_position": position}, status=422)
    try:
        services.hop_reopen(hop=hop, by=request.user, note=form.cleaned_data["note"])
    except services.ReviewRefused as exc:
        return _refused(request, claim, "reopen_form", form, exc, hop_form_position=position)
    return _done(request, article_id, claim_id, announce=f"Hop {position + 1} ({hop.source.name}) reopened.")


@login_required
@require_POST
def claim_assign(request: HttpRequest, article_id: int, claim_id: int) -> HttpResponse:
    claim = _get_claim_for_user(request, article_id, claim_id)
    _require_perm(request, "review.assign_claim")
    form = ClaimAssignForm(request.POST, fact_checkers=selectors.fact_checkers())
    if not form.is_valid():
        return _render_claim(request, claim, forms={"assign_form": form}, status=422)
    assignee = form.cleaned_data["assignee"]
    services.claim_assign(claim=claim, by=request.user, assignee=assignee)
    return _done(
        request, article_id, claim_id, announce=f"Assigned to {assignee.get_username()}." if assignee else "Unassigned."
    )


@login_required
@require_POST
def claim_comment(request: HttpRequest, article_id: int, claim_id: int) -> HttpResponse:
    claim = _get_claim_for_user(request, article_id, claim_id)
    _require_perm(request, "review.comment_claim")
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _render_claim(request, claim, forms={"comment_form": form}, status=422)
    services.claim_comment(claim=claim, by=request.user, body=form.cleaned_data["body"])
    return _done(request, article_id, claim_id, announce="Comment added.")


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    """Every review and registry change across the site, newest first, filtered in the URL.

    htmx swaps only the results; a filter that does not validate is left out and its error shown.
    """
    _require_perm(request, "review.view_claim")
    form = AuditFilterForm(request.GET or None, actors=selectors.audit_actors())
    page = Paginator(selectors.audit_events(filters=form.applied()), 50).get_page(request.GET.get("page"))
    context = {"form": form, "page": page}
    if wants_fragment(request):
        return render(request, "review/audit_log.html#results", context)
    return render(request, "review/audit_log.html", context)


def _queue_context(
    request: HttpRequest,
    query: QueryDict,
    *,
    queue_url: str,
    bulk_form: ClaimBulkForm | None = None,
    selected: frozenset[int] = frozenset(),
) -> dict[str, Any]:
    """What the queue page (or its results partial) shows for the filters in ``query``.

    ``queue_url`` is where the bulk form returns to. After a bulk action, ``selected`` (claim ids to
    keep ticked) and, when it was refused, ``bulk_form`` (its choices, to correct and send again).
    """
    form = ClaimQueueForm(query or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(selectors.claims_for_review(filters=filters, user=request.user), 50).get_page(query.get("page"))
    contexts = selectors.claim_contexts(list(page))
    for claim in page:
        reviewed = {review.position for review in claim.hop_reviews.all()}
        claim.hops_confirmed = sum(1 for hop in claim.hops.all() if hop.position in reviewed)
        claim.context = contexts.get(claim.pk)
        hops = list(claim.hops.all())
        claim.origin_source = hops[0].source if hops else None
        claim.last_relay_source = hops[-1].source if len(hops) > 1 else None
    checkers = selectors.fact_checkers()
    counts = selectors.queue_counts()
    csv_query = query.copy()
    csv_query.pop("page", None)
    return {
        "form": form,
        "page": page,
        "status_counts": [(value, label, counts[value]) for value, label in ReviewStatus.choices],
        "fact_checkers": checkers,
        "publishers": publishers_known(),
        "bulk_form": bulk_form or ClaimBulkForm(fact_checkers=checkers),
        "selected": selected,
        "queue_url": queue_url,
        "csv_url": f"{reverse('export_claims_csv')}?{csv_query.urlencode()}".rstrip("?"),
        "can_assign": request.user.has_perm("review.assign_claim"),
        "can_verdict": request.user.has_perm("review.record_verdict"),
    }


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    """Claims across all articles, filtered in the URL; htmx swaps only the results."""
    _require_perm(request, "review.view_claim")
    context = _queue_context(request, request.GET, queue_url=request.get_full_path())
    if wants_fragment(request):
        return render(request, "review/review_queue.html#results", context)
    return render(request, "review/review_queue.html", context)


def _bulk_next_url(request: HttpRequest) -> str:
    """The filtered queue the bulk form was posted from (``next``); the bare queue for anything else."""
    next_url = request.POST.get("next", "")
    queue_url = reverse("review_queue")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}) and (
        urlsplit(next_url).path == queue_url
    ):
        return next_url
    return queue_url


def _bulk_apply(request: HttpRequest, form: ClaimBulkForm) -> tuple[bool, list[str]]:
    """Carry out the bulk action: (whether it was done, what to tell the user). Refused: nothing changes."""
    if not form.is_valid():
        return False, [error for errors in form.errors.values() for error in errors]
    data = form.cleaned_data
    claims = list(Claim.objects.filter(pk__in=data["claim"]).order_by("pk"))
    try:
        if data["action"] == "assign":
            _require_perm(request, "review.assign_claim")
            changed = services.claims_bulk_assign(claims=claims, by=request.user, assignee=data["assignee"])
            who = data["assignee"].get_username() if data["assignee"] else "nobody"
            return True, [f"Assigned {changed} claim{pluralize(changed)} to {who}."]
        _require_perm(request, "review.record_verdict")
        changed = services.claims_bulk_set_status(
            claims=claims,
            by=request.user,
            verdict=data["status"],
            evidence_url=data["evidence_url"],
            note=data["note"],
        )
    except services.ReviewRefused as exc:
        return False, [f"Nothing was changed: {exc}"]
    label = ReviewStatus(data["status"]).label.lower()
    return True, [f"Set {changed} claim{pluralize(changed)} to {label}."]


@login_required
@require_POST
def review_queue_bulk(request: HttpRequest) -> HttpResponse:
    """Assign or set the status of the selected claims, then back to the same filtered queue.

    Without htmx, a redirect there with the outcome as a message. With htmx, that queue's results
    partial with the outcome inside it and the selection still ticked, so the page stays put
    (422 when the action was refused).
    """
    _require_perm(request, "review.view_claim")
    form = ClaimBulkForm(request.POST, fact_checkers=selectors.fact_checkers())
    next_url = _bulk_next_url(request)
    done, notices = _bulk_apply(request, form)
    if not request.htmx:
        for notice in notices:
            (messages.success if done else messages.error)(request, notice)
        return redirect(next_url)
    query = QueryDict(urlsplit(next_url).query)
    context = _queue_context(
        request,
        query,
        queue_url=next_url,
        bulk_form=None if done else form,
        selected=frozenset(form.cleaned_data.get("claim", [])),
    )
    # The partial's page links keep the queue's filters, not this POST's (empty) query string.
    context |= {"notices": notices, "notice_level": "success" if done else "error", "paging_query": query}
    return render(request, "review/review_queue.html#results", context, status=200 if done else 422)
