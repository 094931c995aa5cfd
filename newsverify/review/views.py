from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import trigger_client_event

from newsverify.htmx import wants_fragment
from newsverify.paging import CappedPaginator, count_label
from newsverify.review import corrections, selectors, services
from newsverify.review.forms import (
    AuditFilterForm,
    ClaimAddForm,
    ClaimAssignForm,
    ClaimBulkForm,
    ClaimCorrectForm,
    ClaimFlagForm,
    ClaimQueueForm,
    ClaimVerdictForm,
    CommentForm,
    HopAddForm,
    HopConfirmForm,
    HopMediumForm,
    HopMoveForm,
    HopRemoveForm,
    HopReopenForm,
    HopSourceForm,
    SuggestionDecisionForm,
    hop_place_choices,
)
from newsverify.review.highlighting import claim_badge
from newsverify.review.models import Claim, ClaimKind, Hop, ReviewStatus
from newsverify.review.rows import queue_rows
from newsverify.review.selectors import article_reading, claim_for_panel, claim_spans
from newsverify.review.source_selectors import sources_search
from newsverify.sources.models import Source, SourceType


def _require_perm(request: HttpRequest, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


def _get_claim_for_user(request: HttpRequest, article_id: int, claim_id: int, *, to_change: bool = False) -> Claim:
    """The claim of this article, if this user may read articles (403) and it exists (404).

    ``to_change``: a claim retired by a re-analysis is kept as a record, and refuses changes (403).
    """
    _require_perm(request, "articles.view_article")
    try:
        claim = claim_for_panel(article_id=article_id, claim_id=claim_id)
    except Claim.DoesNotExist:
        raise Http404("No such claim in this article.") from None
    if to_change and claim.is_retired:
        raise PermissionDenied("This claim was retired by a re-analysis; it is kept as a record and cannot change.")
    return claim


def _get_article_for_user(request: HttpRequest, article_id: int) -> Any:
    """The article, if this user may read articles at all (403) and it exists (404)."""
    _require_perm(request, "articles.view_article")
    try:
        return selectors.article_for_review(article_id)
    except ObjectDoesNotExist:
        raise Http404("No such article.") from None


def _article_page(request: HttpRequest, article: Any, *, open_claim: Claim | None = None) -> dict[str, Any]:
    """The article page around a claim's panel or the chain editor: its reading and what this user may do."""
    return {
        "article": article,
        **article_reading(article, open_claim=open_claim).context(),
        "can_flag": request.user.has_perm("review.flag_claim"),
        "can_verdict": request.user.has_perm("review.record_verdict"),
        "can_reanalyse": request.user.has_perm("articles.reanalyse_article"),
    }


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
        # A retired claim is a record: its panel shows it, and offers no action on it.
        "can_flag": request.user.has_perm("review.flag_claim") and not claim.is_retired,
        "can_verdict": request.user.has_perm("review.record_verdict") and not claim.is_retired,
        "can_assign": request.user.has_perm("review.assign_claim") and not claim.is_retired,
        "can_comment": request.user.has_perm("review.comment_claim") and not claim.is_retired,
        # A reviewer's "not a claim" is retired too, and is restored from its editor.
        "can_correct": request.user.has_perm("review.correct_claim") and (not claim.is_retired or claim.not_a_claim),
    } | (forms or {})
    if wants_fragment(request):
        return render(request, "articles/article_detail.html#chain", context, status=status)
    return render(
        request,
        "articles/article_detail.html",
        _article_page(request, claim.article, open_claim=claim) | context,
        status=status,
    )


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
    """The article with this claim's chain open.

    A claim retired by a re-analysis leads to the claim that now reads its passage, when it has no
    review record of its own; otherwise its page explains what happened and keeps its record.
    """
    claim = _get_claim_for_user(request, article_id, claim_id)
    if claim.is_retired and claim.successor is not None and not claim.events.all():
        # Not permanent: a later analysis may read this claim again, and bring it back.
        return HttpResponseRedirect(claim.successor.get_absolute_url())
    return _render_claim(request, claim)


@login_required
@require_POST
def claim_flag(request: HttpRequest, article_id: int, claim_id: int) -> HttpResponse:
    claim = _get_claim_for_user(request, article_id, claim_id, to_change=True)
    _require_perm(request, "review.flag_claim")
    form = ClaimFlagForm(request.POST)
    if not form.is_valid():
        return _render_claim(request, claim, forms={"flag_form": form}, status=422)
    services.claim_flag(claim=claim, by=request.user, note=form.cleaned_data["note"])
    return _done(request, article_id, claim_id, announce="Flag recorded.")


@login_required
@require_POST
def claim_verdict(request: HttpRequest, article_id: int, claim_id: int) -> HttpResponse:
    claim = _get_claim_for_user(request, article_id, claim_id, to_change=True)
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
            open_hops_confirmed=form.cleaned_data["confirm_open_hops"],
        )
    except services.OpenHopsUnconfirmed as exc:
        form.add_error("confirm_open_hops", exc.asking("tick the box to record the verdict anyway"))
        return _render_claim(request, claim, forms={"verdict_form": form}, status=422)
    except services.ReviewRefused as exc:
        return _refused(request, claim, "verdict_form", form, exc)
    status = ReviewStatus(form.cleaned_data["status"]).label
    return _done(request, article_id, claim_id, announce=f"Review status set: {status}.")


@login_required
@require_POST
def hop_confirm(request: HttpRequest, article_id: int, claim_id: int, position: int) -> HttpResponse:
    claim = _get_claim_for_user(request, article_id, claim_id, to_change=True)
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
    claim = _get_claim_for_user(request, article_id, claim_id, to_change=True)
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
    claim = _get_claim_for_user(request, article_id, claim_id, to_change=True)
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
    claim = _get_claim_for_user(request, article_id, claim_id, to_change=True)
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
    page = CappedPaginator(selectors.audit_events(filters=form.applied()), 50).get_page(request.GET.get("page"))
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
    page = CappedPaginator(selectors.claims_for_queue_rows(filters=filters, user=request.user), 50).get_page(
        query.get("page")
    )
    selectors.queue_rows_attach(list(page))
    checkers = selectors.fact_checkers()
    counts = selectors.queue_counts()
    csv_query = query.copy()
    csv_query.pop("page", None)
    can_assign = request.user.has_perm("review.assign_claim")
    can_verdict = request.user.has_perm("review.record_verdict")
    return {
        "form": form,
        "page": page,
        "rows": queue_rows(page, selectable=can_assign or can_verdict, selected=selected),
        "status_counts": [(value, label, count_label(counts[value])) for value, label in ReviewStatus.choices],
        "fact_checkers": checkers,
        "publishers": selectors.queue_publishers(),
        "bulk_form": bulk_form or ClaimBulkForm(fact_checkers=checkers),
        "selected": selected,
        "queue_url": queue_url,
        "csv_url": f"{reverse('export_claims_csv')}?{csv_query.urlencode()}".rstrip("?"),
        "can_assign": can_assign,
        "can_verdict": can_verdict,
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
    claims = list(Claim.objects.current().filter(pk__in=data["claim"]).order_by("pk"))
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
            open_hops_confirmed=data["confirm_open_hops"],
        )
    except services.OpenHopsUnconfirmed as exc:
        about = f"“{exc.claim.text[:60]}”: " if exc.claim is not None else ""
        return False, [f"Nothing was changed: {about}{exc.asking('tick “despite open hops” to set it anyway')}"]
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


# Corrections: the chain editor ("Edit chain" in the panel), the source picker, and adding a claim.

CORRECT = "review.correct_claim"


def _source_candidates(query: str) -> list[Source]:
    """Registry sources whose name or alias contains ``query``, most cited first (never anonymous ones)."""
    query = query.strip()
    if len(query) < 2:
        return []
    return list(sources_search(q=query).exclude(type=SourceType.ANONYMOUS)[:8])


def _edit_context(request: HttpRequest, claim: Claim, **extra: Any) -> dict[str, Any]:
    hops = list(claim.hops.all())
    for hop in hops:
        hop.picker = f"hop-{hop.position}"
    pick_for = request.GET.get("pick", "")
    pick_q = request.GET.get("q", "")
    return {
        "claim": claim,
        "article": claim.article,
        "badge": claim_badge(claim_spans([claim])[0]),
        "editing": True,
        "edit_hops": hops,
        "hop_places": hop_place_choices(len(hops)),
        "kind_choices": ClaimKind.choices,
        "source_types": SourceType.choices,
        "pick_for": pick_for,
        "pick_q": pick_q,
        "candidates": _source_candidates(pick_q) if pick_for else [],
        "can_correct": True,
    } | extra


def _render_edit(request: HttpRequest, claim: Claim, *, status: int = 200, **extra: Any) -> HttpResponse:
    """The chain editor: for htmx the panel, with the article text swapped out of band (its highlights
    follow the correction); otherwise the article page with the editor open."""
    context = _article_page(request, claim.article, open_claim=claim) | _edit_context(request, claim, **extra)
    if wants_fragment(request):
        panel = render_to_string("articles/article_detail.html#chain_edit", context, request=request)
        text = render_to_string("articles/article_detail.html#article_text", context | {"oob": True}, request=request)
        return HttpResponse(panel + text, status=status)
    return render(request, "articles/article_detail.html", context, status=status)


def _corrected(request: HttpRequest, claim: Claim, notice: str) -> HttpResponse:
    """After a correction: the fresh editor with one short message (htmx), or back to it (a redirect)."""
    claim = _get_claim_for_user(request, claim.article_id, claim.pk)
    if not request.htmx:
        messages.success(request, notice)
        return redirect("claim_edit", claim.article_id, claim.pk)
    return _render_edit(request, claim, notice=notice)


def _correction_refused(
    request: HttpRequest, claim: Claim, form: Form, error: Exception | None, **where: Any
) -> HttpResponse:
    if error is not None:
        form.add_error(None, str(error))
    return _render_edit(request, claim, status=422, error_form=form, **where)


@login_required
def claim_edit(request: HttpRequest, article_id: int, claim_id: int) -> HttpResponse:
    """The chain editor. ``?pick=<picker>&q=<words>`` lists registry sources for one picker (no JS)."""
    claim = _get_claim_for_user(request, article_id, claim_id)
    _require_perm(request, CORRECT)
    return _render_edit(request, claim)


@login_required
def source_candidates(request: HttpRequest) -> HttpResponse:
    """The source picker's results as you type: radio buttons for the registry sources that match."""
    _require_perm(request, CORRECT)
    query = request.GET.get("q", "")
    context = {"candidates": _source_candidates(query), "pick_q": query.strip(), "picker": request.GET.get("for", "")}
    return render(request, "articles/article_detail.html#source_candidates", context)


def _chain_correction(
    request: HttpRequest,
    article_id: int,
    claim_id: int,
    form_class: type[Form],
    apply: Any,
    *,
    position: int | None = None,
    name: str,
    **form_kwargs: Any,
) -> HttpResponse:
    """Shared by the hop corrections: permission, form, one service call, the editor again."""
    claim = _get_claim_for_user(request, article_id, claim_id)
    _require_perm(request, CORRECT)
    if position is not None:
        _get_hop(claim, position)  # a hop this chain does not have is not found, whatever the form says
    form = form_class(request.POST, **form_kwargs)
    where = {"error_name": name, "error_position": position}
    if not form.is_valid():
        return _correction_refused(request, claim, form, None, **where)
    try:
        notice = apply(claim, form)
    except services.ReviewRefused as exc:
        return _correction_refused(request, claim, form, exc, **where)
    return _corrected(request, claim, notice)


@login_required
@require_POST
def hop_add(request: HttpRequest, article_id: int, claim_id: int) -> HttpResponse:
    def apply(claim: Claim, form: HopAddForm) -> str:
        hop = corrections.hop_add(
            claim=claim,
            by=request.user,
            source=form.pick(),
            position=form.cleaned_data["position"],
            medium=form.cleaned_data["medium"],
        )
        return f"Added {hop.source.name} as hop {hop.position + 1}."

    hops = Hop.objects.filter(claim_id=claim_id).count()
    return _chain_correction(request, article_id, claim_id, HopAddForm, apply, name="add", hops=hops)


@login_required
@require_POST
def hop_source(request: HttpRequest, article_id: int, claim_id: int, position: int) -> HttpResponse:
    def apply(claim: Claim, form: HopSourceForm) -> str:
        before = _get_hop(claim, position).source.name
        hop = corrections.hop_source_change(claim=claim, by=request.user, position=position, source=form.pick())
        return f"Hop {position + 1}: {before} → {hop.source.name}."

    return _chain_correction(request, article_id, claim_id, HopSourceForm, apply, position=position, name="source")


@login_required
@require_POST
def hop_medium(request: HttpRequest, article_id: int, claim_id: int, position: int) -> HttpResponse:
    def apply(claim: Claim, form: HopMediumForm) -> str:
        hop = corrections.hop_medium_set(
            claim=claim, by=request.user, position=position, medium=form.cleaned_data["medium"]
        )
        return f"Hop {position + 1}: medium {hop.medium or 'cleared'}."

    return _chain_correction(request, article_id, claim_id, HopMediumForm, apply, position=position, name="medium")


@login_required
@require_POST
def hop_move(request: HttpRequest, article_id: int, claim_id: int, position: int) -> HttpResponse:
    def apply(claim: Claim, form: HopMoveForm) -> str:
        to = position - 1 if form.cleaned_data["direction"] == "up" else position + 1
        corrections.hop_move(claim=claim, by=request.user, position=position, to=to)
        return f"Moved hop {position + 1} to {to + 1}."

    return _chain_correction(request, article_id, claim_id, HopMoveForm, apply, position=position, name="move")


@login_required
@require_POST
def hop_remove(request: HttpRequest, article_id: int, claim_id: int, position: int) -> HttpResponse:
    def apply(claim: Claim, form: HopRemoveForm) -> str:
        name = _get_hop(claim, position).source.name
        corrections.hop_remove(claim=claim, by=request.user, position=position, note=form.cleaned_data["note"])
        return f"Removed hop {position + 1} ({name})."

    return _chain_correction(request, article_id, claim_id, HopRemoveForm, apply, position=position, name="remove")


@login_required
@require_POST
def claim_correct(request: HttpRequest, article_id: int, claim_id: int) -> HttpResponse:
    def apply(claim: Claim, form: ClaimCorrectForm) -> str:
        data = form.cleaned_data
        corrections.claim_correct(
            claim=claim,
            by=request.user,
            span=data["span"],
            kind=data["kind"] or None,
            not_a_claim=data["not_a_claim"],
            note=data["note"],
        )
        if data["not_a_claim"] is not None:
            return "Marked not a claim." if data["not_a_claim"] else "Restored as a claim."
        return "Span corrected." if data["span"] else f"Kind: {ClaimKind(data['kind']).label}."

    article = _get_article_for_user(request, article_id)
    return _chain_correction(
        request, article_id, claim_id, ClaimCorrectForm, apply, name="claim", article_text=article.text
    )


@login_required
@require_http_methods(["GET", "POST"])
def claim_add(request: HttpRequest, article_id: int) -> HttpResponse:
    """Add a claim the engine missed: select its words in the article, name its origin, then build the
    rest of its chain in the editor. GET shows the form (``?pick=add-claim&q=`` searches without JS)."""
    article = _get_article_for_user(request, article_id)
    _require_perm(request, CORRECT)
    form = ClaimAddForm(request.POST or None, article_text=article.text)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            pick = form.pick()
            try:
                claim = corrections.claim_add(
                    article=article,
                    by=request.user,
                    start=data["span"][0],
                    end=data["span"][1],
                    kind=data["kind"],
                    chain=[corrections.HopPlan(pick, data["medium"])] if pick else [],
                )
            except services.ReviewRefused as exc:
                form.add_error(None, str(exc))
            else:
                claim = _get_claim_for_user(request, article_id, claim.pk)
                notice = "Claim added. Add the rest of its chain here, if it has one."
                if not request.htmx:
                    messages.success(request, notice)
                    return redirect("claim_edit", article_id, claim.pk)
                response = _render_edit(request, claim, notice=notice)
                response["HX-Push-Url"] = reverse("claim_edit", args=[article_id, claim.pk])
                return response
        status = 422
    query = request.GET.get("q", "") if request.GET.get("pick") == "add-claim" else ""
    context = _article_page(request, article) | {
        "add_form": form,
        "adding": True,
        "kind_choices": ClaimKind.choices,
        "source_types": SourceType.choices,
        "pick_for": "add-claim" if query else "",
        "pick_q": query,
        "candidates": _source_candidates(query),
    }
    if wants_fragment(request):
        return render(request, "articles/article_detail.html#claim_add", context, status=status)
    return render(request, "articles/article_detail.html", context, status=status)


# The engine's reading of a corrected claim, in the chain panel: accepted or dismissed.


def _suggestion_decision(request: HttpRequest, article_id: int, claim_id: int, *, accept: bool) -> HttpResponse:
    claim = _get_claim_for_user(request, article_id, claim_id)
    _require_perm(request, CORRECT)
    if claim.is_retired and not claim.not_a_claim:
        raise PermissionDenied("This claim was retired by a re-analysis; it is kept as a record and cannot change.")
    form = SuggestionDecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    decide = corrections.engine_suggestion_accept if accept else corrections.engine_suggestion_dismiss
    try:
        decide(claim=claim, by=request.user, note=note)
    except services.ReviewRefused as exc:
        return _render_claim(request, claim, forms={"suggestion_error": str(exc)}, status=422)  # type: ignore[dict-item]
    announce = "The engine’s reading is now the claim’s." if accept else "The engine’s reading was dismissed."
    claim = _get_claim_for_user(request, article_id, claim_id)
    if not request.htmx:
        messages.success(request, announce)
        return redirect(claim)
    # The claim's words may have moved: the article text follows, swapped out of band.
    context = _article_page(request, claim.article, open_claim=claim)
    text = render_to_string("articles/article_detail.html#article_text", context | {"oob": True}, request=request)
    panel = _render_claim(request, claim)
    panel.content = panel.content + text.encode()
    return trigger_client_event(panel, "announce", {"message": announce})


@login_required
@require_POST
def engine_suggestion_accept(request: HttpRequest, article_id: int, claim_id: int) -> HttpResponse:
    return _suggestion_decision(request, article_id, claim_id, accept=True)


@login_required
@require_POST
def engine_suggestion_dismiss(request: HttpRequest, article_id: int, claim_id: int) -> HttpResponse:
    return _suggestion_decision(request, article_id, claim_id, accept=False)
