"""Downloads of the exports for any logged-in newsroom user (the role needed to read articles)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.views.decorators.http import require_GET

from newsverify.articles.models import Article
from newsverify.exports import selectors
from newsverify.exports.claimreview import ClaimNotReviewed, claim_review
from newsverify.exports.csv import claims_csv_lines
from newsverify.exports.prov import chain_prov_json, chain_prov_turtle
from newsverify.review.forms import ClaimQueueForm
from newsverify.review.models import Claim


def request_base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _get_claim_for_user(request: HttpRequest, claim_id: int) -> Claim:
    if not request.user.has_perm("articles.view_article"):
        raise PermissionDenied
    try:
        return selectors.claim_for_export(claim_id=claim_id)
    except Claim.DoesNotExist:
        raise Http404("No such claim.") from None


@login_required
@require_GET
def claim_claimreview(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = _get_claim_for_user(request, claim_id)
    try:
        data = claim_review(claim, base_url=request_base_url(request))
    except ClaimNotReviewed as exc:
        return HttpResponse(str(exc), status=409, content_type="text/plain; charset=utf-8")
    return JsonResponse(data, content_type="application/ld+json", json_dumps_params={"indent": 2})


@login_required
@require_GET
def claim_prov(request: HttpRequest, claim_id: int, fmt: str) -> HttpResponse:
    if fmt not in ("json", "ttl"):
        raise Http404("PROV comes as .json (PROV-JSON) or .ttl (Turtle).")
    claim = _get_claim_for_user(request, claim_id)
    if fmt == "ttl":
        body, content_type = chain_prov_turtle(claim, base_url=request_base_url(request)), "text/turtle"
    else:
        body, content_type = chain_prov_json(claim, base_url=request_base_url(request)), "application/json"
    response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="claim-{claim.pk}-prov.{fmt}"'
    return response


@login_required
@require_GET
def claims_csv(request: HttpRequest) -> StreamingHttpResponse:
    """The claims as CSV: all of them, one article's (``?article=``), or what the review queue's filters select.

    The queue's parameters (``ClaimQueueForm``) narrow as they do in the queue, invalid ones included
    (then nothing is narrowed, as there); ``page`` and ``sort`` make no difference.
    """
    if not request.user.has_perm("articles.view_article"):
        raise PermissionDenied
    form = ClaimQueueForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    claims = selectors.claims_for_csv(filters=filters, user=request.user)
    filename = "claims.csv"
    if article_id := request.GET.get("article", "").strip():
        # One article's claims are the ones its page lists, read the same way.
        article = Article.objects.only("pk").filter(pk=int(article_id)).first() if article_id.isdigit() else None
        if article is None:
            raise Http404("No such article.")
        claims = selectors.article_claims_for_csv(article=article, filters=filters, user=request.user)
        filename = f"article-{article_id}-claims.csv"
    response = StreamingHttpResponse(
        claims_csv_lines(claims, base_url=request_base_url(request)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
