from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from newsverify.articles.views import article_page_context, get_article_for_user
from newsverify.review import services
from newsverify.review.forms import ClaimFlagForm, ClaimVerdictForm
from newsverify.review.highlighting import claim_badge
from newsverify.review.models import Claim
from newsverify.review.selectors import claim_for_panel, claim_spans


def _get_claim_for_user(request: HttpRequest, article_id: int, claim_id: int) -> Claim:
    article = get_article_for_user(request, article_id)
    try:
        return claim_for_panel(article=article, claim_id=claim_id)
    except Claim.DoesNotExist:
        raise Http404("No such claim in this article; it may have been replaced by a re-analysis.") from None


def _render_claim(
    request: HttpRequest,
    claim: Claim,
    *,
    flag_form: ClaimFlagForm | None = None,
    verdict_form: ClaimVerdictForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The chain panel alone for htmx; otherwise the article page with this claim open."""
    context = {
        "claim": claim,
        "badge": claim_badge(claim_spans([claim])[0]),
        "article": claim.article,
        "flag_form": flag_form or ClaimFlagForm(),
        "verdict_form": verdict_form or ClaimVerdictForm(),
        "can_flag": request.user.has_perm("review.flag_claim"),
        "can_verdict": request.user.has_perm("review.record_verdict"),
    }
    if request.htmx:
        return render(request, "articles/article_detail.html#chain", context, status=status)
    context = article_page_context(request, claim.article, open_claim=claim) | context
    return render(request, "articles/article_detail.html", context, status=status)


@login_required
def claim_detail(request: HttpRequest, article_id: int, claim_id: int) -> HttpResponse:
    return _render_claim(request, _get_claim_for_user(request, article_id, claim_id))


@login_required
@require_POST
def claim_flag(request: HttpRequest, article_id: int, claim_id: int) -> HttpResponse:
    claim = _get_claim_for_user(request, article_id, claim_id)
    if not request.user.has_perm("review.flag_claim"):
        raise PermissionDenied
    form = ClaimFlagForm(request.POST)
    if not form.is_valid():
        return _render_claim(request, claim, flag_form=form, status=422)
    services.claim_flag(claim=claim, by=request.user, note=form.cleaned_data["note"])
    if not request.htmx:
        return redirect(claim)
    return _render_claim(request, _get_claim_for_user(request, article_id, claim_id))


@login_required
@require_POST
def claim_verdict(request: HttpRequest, article_id: int, claim_id: int) -> HttpResponse:
    claim = _get_claim_for_user(request, article_id, claim_id)
    if not request.user.has_perm("review.record_verdict"):
        raise PermissionDenied
    form = ClaimVerdictForm(request.POST)
    if not form.is_valid():
        return _render_claim(request, claim, verdict_form=form, status=422)
    services.claim_verdict(
        claim=claim,
        by=request.user,
        status=form.cleaned_data["status"],
        evidence_url=form.cleaned_data["evidence_url"],
        note=form.cleaned_data["note"],
    )
    if not request.htmx:
        return redirect(claim)
    return _render_claim(request, _get_claim_for_user(request, article_id, claim_id))
