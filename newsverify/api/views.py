"""The API's views: thin, each one a selector read or one service call."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpResponse, StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.serializers import Serializer
from rest_framework.settings import api_settings

from newsverify.api import serializers
from newsverify.api.pagination import CappedPagination
from newsverify.api.permissions import ArticleSubmitter, ClaimCorrector, NewsroomReader, ReviewRole
from newsverify.api.queue import ClaimQueueParams, queue_parameters
from newsverify.api.selectors import claims_counted, claims_for_api, claims_for_api_article, claims_for_api_queue
from newsverify.api.throttling import AnonThrottle, TokenAddressThrottle, TokenUsernameThrottle
from newsverify.articles.models import Article, ArticleStatus
from newsverify.articles.recovery import WAITING_FOR_QUEUE, article_send_refused
from newsverify.articles.selectors import articles_with_depth_counts
from newsverify.articles.services import ArticleRejected, DuplicateArticle, article_reanalyse, article_submit
from newsverify.exports.claimreview import ClaimNotReviewed, claim_review
from newsverify.exports.csv import claims_csv_lines
from newsverify.exports.prov import chain_prov_json, chain_prov_turtle
from newsverify.review import corrections
from newsverify.review import services as review
from newsverify.review.models import Claim, Hop, ReviewStatus
from newsverify.review.selectors import claims_for_article
from newsverify.sign_in import lockout_message
from newsverify.sources.models import Source, SourceType

READ = [IsAuthenticated, NewsroomReader]


def base_url(request: Request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


class TokenObtainView(ObtainAuthToken):
    """POST username and password, get the user's token. Throttled harder than the rest (guessing).

    Counted per client address and per username, as the login page counts sign-in attempts.
    """

    # Permissions are checked before throttles, so the other endpoints answer 401 to anonymous
    # callers before any rate applies; this one is where the anonymous rate counts.
    throttle_classes = [TokenAddressThrottle, TokenUsernameThrottle, AnonThrottle]
    # ObtainAuthToken names its own parsers; take the API's (deep JSON nesting is a 400 there).
    parser_classes = api_settings.DEFAULT_PARSER_CLASSES

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        try:
            return super().post(request, *args, **kwargs)
        except ValidationError:
            # django-axes refused the account (it marks the request it was given): say so, not "wrong password".
            if getattr(request, "axes_locked_out", False):
                return Response({"detail": lockout_message()}, status=status.HTTP_429_TOO_MANY_REQUESTS)
            raise


@extend_schema(
    parameters=[
        OpenApiParameter("status", str, enum=ArticleStatus.values, description="Only articles in this status."),
        OpenApiParameter("publisher", str, description="Publisher name contains this."),
    ]
)
class ArticleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = serializers.ArticleSerializer
    pagination_class = CappedPagination
    permission_classes = [*READ, ArticleSubmitter]

    def get_queryset(self) -> QuerySet[Article]:
        articles = articles_with_depth_counts().order_by("-created_at", "-id")
        if self.action == "list":
            if (wanted := self.request.query_params.get("status", "")) in ArticleStatus.values:
                articles = articles.filter(status=wanted)
            elif wanted:
                raise ValidationError({"status": f"One of {', '.join(ArticleStatus.values)}."})
            if publisher := self.request.query_params.get("publisher", "").strip():
                articles = articles.filter(publisher__icontains=publisher)
        return articles

    @extend_schema(
        request=serializers.ArticleSubmitSerializer,
        responses={
            201: serializers.ArticleSubmitResultSerializer,
            200: OpenApiResponse(serializers.ArticleSubmitResultSerializer, description="Already submitted."),
            202: OpenApiResponse(
                serializers.ArticleSubmitResultSerializer,
                description="Saved, but the analysis queue is unreachable: it is analysed when the queue is back.",
            ),
        },
        description=(
            "Submit an article; its analysis is queued (poll GET /articles/{id}/ until status is done or failed). "
            "A text already submitted is not stored twice: the answer is 200 with the existing article."
        ),
    )
    def create(self, request: Request) -> Response:
        submitted = serializers.ArticleSubmitSerializer(data=request.data)
        submitted.is_valid(raise_exception=True)
        try:
            article = article_submit(**submitted.validated_data, by=request.user)
        except DuplicateArticle as duplicate:
            article, created = duplicate.existing, False
        except ArticleRejected as exc:
            raise ValidationError({exc.field: str(exc)}) from exc
        else:
            created = True
        refused = created and article_send_refused(article)
        if refused:
            detail, answer = f"Saved as article {article.pk}. {WAITING_FOR_QUEUE}", status.HTTP_202_ACCEPTED
        elif created:
            detail, answer = "Submitted; the analysis is queued.", status.HTTP_201_CREATED
        else:
            detail = f"This text was already submitted as article {article.pk}; nothing new was stored."
            answer = status.HTTP_200_OK
        article = articles_with_depth_counts().get(pk=article.pk)
        result = serializers.ArticleSubmitResultSerializer(
            {"duplicate": not created, "detail": detail, "article": article}
        ).data
        location = self.reverse_action("detail", args=[article.pk])
        return Response(result, status=answer, headers={"Location": location})

    @extend_schema(
        request=None,
        responses={
            202: serializers.ArticleReanalyseResultSerializer,
            403: OpenApiResponse(description="Re-analysing needs a newsroom role (Editor or Fact-checker)."),
            404: OpenApiResponse(description="No such article."),
        },
        description=(
            "Queue the article for a fresh analysis, as the web's Re-analyse button does: also the way to retry "
            "one that failed, is stuck analysing or waits for the queue. The current results stay until it is done. "
            "Answers 202; ``waiting_for_queue`` says if the queue was unreachable (it is sent when the queue is back)."
        ),
    )
    @action(detail=True, methods=["post"])
    def reanalyse(self, request: Request, pk: str | None = None) -> Response:
        article = article_reanalyse(article=self.get_object(), by=request.user)
        if article_send_refused(article):
            detail = WAITING_FOR_QUEUE
        else:
            detail = "Queued for a fresh analysis; poll the article until its status is done or failed."
        article = articles_with_depth_counts().get(pk=article.pk)
        result = serializers.ArticleReanalyseResultSerializer({"detail": detail, "article": article}).data
        return Response(result, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        methods=["GET"],
        responses=serializers.ClaimSerializer(many=True),
        description="The article's claims (not those a reviewer marked not a claim).",
    )
    @extend_schema(
        methods=["POST"],
        request=serializers.ClaimAddSerializer,
        responses={
            201: serializers.ClaimSerializer,
            400: OpenApiResponse(description="Invalid input (by field), or the review rules refuse it (detail)."),
            403: OpenApiResponse(description="Correcting claims needs the Editor or Fact-checker role."),
        },
        description=(
            "Add a claim the engine missed (Editor, Fact-checker): its span (or its words), its kind and its "
            "chain, origin first. Recorded in the audit log; re-analysis keeps it."
        ),
    )
    @action(detail=True, methods=["get", "post"], permission_classes=[*READ, ClaimCorrector])
    def claims(self, request: Request, pk: str | None = None) -> Response:
        article = self.get_object()
        if request.method == "POST":
            return self._claim_add(request, article)
        page = claims_counted(self.paginate_queryset(claims_for_api_article(article)))
        return self.get_paginated_response(serializers.ClaimSerializer(page, many=True).data)

    def _claim_add(self, request: Request, article: Article) -> Response:
        given = serializers.ClaimAddSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        try:
            start, end = claim_span(data, article.text)
            claim = corrections.claim_add(
                article=article,
                by=request.user,
                start=start,
                end=end,
                kind=data["kind"],
                chain=[corrections.HopPlan(hop["source"], hop["medium"]) for hop in data["chain"]],
            )
        except review.ReviewRefused as exc:
            raise ReviewRefusedError(str(exc)) from exc
        body = serializers.ClaimSerializer(claims_for_api().get(pk=claim.pk)).data
        location = reverse("api-claim-detail", args=[claim.pk], request=request)
        return Response(body, status=status.HTTP_201_CREATED, headers={"Location": location})


def claim_span(data: dict[str, Any], text: str) -> tuple[int, int]:
    """The span a correction gives: its offsets, or where its words stand in the article."""
    if "span" in data:
        return data["span"]["start"], data["span"]["end"]
    return corrections.span_of_quote(text, data["text"])


class ReviewRefusedError(APIException):
    """The review rules refuse the action; ``detail`` is the service's message, for people."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = "The review rules do not allow this."
    default_code = "review_refused"


def review_schema(request: type[Serializer], description: str, *, hop: bool = False) -> Any:
    """The OpenAPI description of a review action: its input, and the claim as it is after it."""
    parameters = [OpenApiParameter("position", int, OpenApiParameter.PATH, description="The hop, 0 the origin.")]
    return extend_schema(
        request=request,
        parameters=parameters if hop else None,
        responses={
            200: serializers.ClaimSerializer,
            400: OpenApiResponse(description="Invalid input (by field), or the review rules refuse it (detail)."),
            403: OpenApiResponse(description="The user's role does not allow this action."),
            404: OpenApiResponse(description="No such claim" + (" or hop." if hop else ".")),
        },
        description=description + " Recorded in the audit log.",
    )


@extend_schema_view(
    list=extend_schema(
        parameters=queue_parameters(),
        description=(
            "The review queue: claims across all articles, filtered as the web queue filters them. "
            "A parameter that does not validate answers 400 with the errors by parameter."
        ),
        responses={
            200: serializers.ClaimSerializer(many=True),
            400: OpenApiResponse(description="A parameter does not validate; the errors by parameter."),
            403: OpenApiResponse(description="The user has no newsroom role."),
        },
    )
)
class ClaimViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = serializers.ClaimSerializer
    permission_classes = [*READ, ReviewRole]
    pagination_class = CappedPagination
    queryset = Claim.objects.none()
    # The permission the web's review views ask for the same action.
    review_permissions = {
        "list": "review.view_claim",
        "flag": "review.flag_claim",
        "verdict": "review.record_verdict",
        "hop_confirm": "review.record_verdict",
        "hop_reopen": "review.record_verdict",
        "assign": "review.assign_claim",
        "comment": "review.comment_claim",
        "hops": "review.correct_claim",
        "hop": "review.correct_claim",
        "correct": "review.correct_claim",
        "suggestion_accept": "review.correct_claim",
        "suggestion_dismiss": "review.correct_claim",
    }

    def get_queryset(self) -> QuerySet[Claim]:
        if self.action == "list":
            params = ClaimQueueParams(self.request.query_params)
            if not params.is_valid():
                raise ValidationError(params.errors)
            return claims_for_api_queue(filters=params.cleaned_data, user=self.request.user)
        return claims_for_api()

    def paginate_queryset(self, queryset: QuerySet[Claim]) -> list[Claim] | None:
        """The page's claims with their flags and comments counted (for those rows only)."""
        page = super().paginate_queryset(queryset)
        return None if page is None else claims_counted(page)

    def _input(self, request: Request, serializer_class: type[Serializer]) -> dict[str, Any]:
        given = serializer_class(data=request.data)
        given.is_valid(raise_exception=True)
        return given.validated_data

    def _hop(self, position: str) -> Hop:
        """The hop at ``position`` of this request's claim (404 for either missing)."""
        for hop in self.get_object().hops.all():
            if hop.position == int(position):
                return hop
        raise Http404("No such hop in this chain; it may have been replaced by a re-analysis.")

    def _act(self, service: Callable[..., object], *, restores: bool = False, **arguments: Any) -> Response:
        """Call one review service as the request's user; answer with the claim as it is after it.

        A refusal (``ReviewRefused``) is a 400 with the service's message; so is any action on a claim
        retired by a re-analysis (kept as a record, it cannot change). ``restores``: the action may
        bring back a claim a reviewer marked not a claim.
        """
        claim = self.get_object()
        if claim.is_retired and not (restores and claim.not_a_claim):
            successor = f" Its passage is now read as claim {claim.superseded_by_id}." if claim.superseded_by_id else ""
            raise ReviewRefusedError(f"Claim {claim.pk} was retired by a re-analysis and cannot change.{successor}")
        try:
            service(by=self.request.user, **arguments)
        except review.ReviewRefused as exc:
            raise ReviewRefusedError(str(exc)) from exc
        return Response(self.get_serializer(self.get_object()).data)

    @review_schema(serializers.ClaimFlagSerializer, "Flag the claim as unverified (Editor).")
    @action(detail=True, methods=["post"])
    def flag(self, request: Request, pk: str | None = None) -> Response:
        claim, data = self.get_object(), self._input(request, serializers.ClaimFlagSerializer)
        return self._act(review.claim_flag, claim=claim, note=data["note"])

    @review_schema(
        serializers.ClaimVerdictSerializer,
        "Set the review status (Fact-checker): a verdict needs an evidence URL and closes the open flags; "
        "the move must be one of the claim's next_statuses. A verdict while hops of the chain are still open "
        "(not confirmed) is refused (400, confirm_open_hops) unless confirm_open_hops is true.",
    )
    @action(detail=True, methods=["post"])
    def verdict(self, request: Request, pk: str | None = None) -> Response:
        claim, data = self.get_object(), self._input(request, serializers.ClaimVerdictSerializer)
        try:
            return self._act(
                review.claim_set_verdict,
                claim=claim,
                verdict=data["status"],
                evidence_url=data["evidence_url"],
                note=data["note"],
                open_hops_confirmed=data["confirm_open_hops"],
            )
        except ReviewRefusedError as exc:
            if isinstance(exc.__cause__, review.OpenHopsUnconfirmed):
                how = 'send "confirm_open_hops": true to record the verdict anyway'
                raise ValidationError({"confirm_open_hops": [exc.__cause__.asking(how)]}) from exc.__cause__
            raise

    @review_schema(
        serializers.HopConfirmSerializer,
        "Confirm one link of the chain, with evidence (Fact-checker); an unreviewed claim moves to needs "
        "primary source.",
        hop=True,
    )
    @action(detail=True, methods=["post"], url_path=r"hops/(?P<position>\d+)/confirm", url_name="hop-confirm")
    def hop_confirm(self, request: Request, pk: str | None = None, position: str = "") -> Response:
        hop, data = self._hop(position), self._input(request, serializers.HopConfirmSerializer)
        return self._act(review.hop_confirm, hop=hop, evidence_url=data["evidence_url"], note=data["note"])

    @review_schema(
        serializers.HopReopenSerializer,
        "Withdraw a hop's confirmation, saying why (Fact-checker); a verified claim is reopened.",
        hop=True,
    )
    @action(detail=True, methods=["post"], url_path=r"hops/(?P<position>\d+)/reopen", url_name="hop-reopen")
    def hop_reopen(self, request: Request, pk: str | None = None, position: str = "") -> Response:
        hop, data = self._hop(position), self._input(request, serializers.HopReopenSerializer)
        return self._act(review.hop_reopen, hop=hop, note=data["note"])

    @review_schema(serializers.ClaimAssignSerializer, "Give the claim to a fact-checker, or to nobody (assignee null).")
    @action(detail=True, methods=["post"])
    def assign(self, request: Request, pk: str | None = None) -> Response:
        claim, data = self.get_object(), self._input(request, serializers.ClaimAssignSerializer)
        return self._act(review.claim_assign, claim=claim, assignee=data["assignee"])

    @review_schema(serializers.CommentSerializer, "Add a comment to the claim's discussion.")
    @action(detail=True, methods=["post"], url_path="comments")
    def comment(self, request: Request, pk: str | None = None) -> Response:
        claim, data = self.get_object(), self._input(request, serializers.CommentSerializer)
        return self._act(review.claim_comment, claim=claim, body=data["body"])

    # Corrections: a reviewer's reading of the chain and the claim replaces the engine's.

    @review_schema(
        serializers.HopAddSerializer,
        "Add a hop the engine missed (Editor, Fact-checker) at ``position`` (0: the new origin; left out: "
        "last, next to the publisher); later hops move down one, keeping their confirmations.",
    )
    @action(detail=True, methods=["post"], url_path="hops", url_name="hops")
    def hops(self, request: Request, pk: str | None = None) -> Response:
        claim, data = self.get_object(), self._input(request, serializers.HopAddSerializer)
        return self._act(
            corrections.hop_add, claim=claim, source=data["source"], position=data["position"], medium=data["medium"]
        )

    @extend_schema(
        methods=["PATCH"],
        request=serializers.HopChangeSerializer,
        parameters=[OpenApiParameter("position", int, OpenApiParameter.PATH, description="The hop, 0 the origin.")],
        responses={
            200: serializers.ClaimSerializer,
            400: OpenApiResponse(description="Invalid input (by field), or the review rules refuse it (detail)."),
            403: OpenApiResponse(description="Correcting claims needs the Editor or Fact-checker role."),
            404: OpenApiResponse(description="No such claim."),
        },
        description=(
            "Correct a hop (Editor, Fact-checker): its source, its medium, or its place (position: move it there). "
            "A changed or moved hop's confirmation is withdrawn. Recorded in the audit log."
        ),
    )
    @extend_schema(
        methods=["DELETE"],
        parameters=[OpenApiParameter("position", int, OpenApiParameter.PATH, description="The hop, 0 the origin.")],
        responses={
            200: serializers.ClaimSerializer,
            400: OpenApiResponse(description="The review rules refuse it (detail)."),
            403: OpenApiResponse(description="Correcting claims needs the Editor or Fact-checker role."),
            404: OpenApiResponse(description="No such claim."),
        },
        description="Remove a hop (Editor, Fact-checker); later hops move up. Recorded in the audit log.",
    )
    @action(detail=True, methods=["patch", "delete"], url_path=r"hops/(?P<position>\d+)", url_name="hop")
    def hop(self, request: Request, pk: str | None = None, position: str = "") -> Response:
        claim, at = self.get_object(), int(position)
        self._hop(position)  # a hop this chain does not have is a 404, before the input is read
        if request.method == "DELETE":
            return self._act(corrections.hop_remove, claim=claim, position=at)
        data = self._input(request, serializers.HopChangeSerializer)
        return self._act(
            corrections.hop_correct,
            claim=claim,
            position=at,
            source=data.get("source"),
            medium=data.get("medium"),
            to=data.get("position"),
        )

    @review_schema(
        serializers.ClaimCorrectSerializer,
        "Correct the claim itself (Editor, Fact-checker): its span (offsets, or its words), its kind, or mark it "
        "not a claim (kept with its history, left out of the article, the queue and the exports; false restores "
        "it). Several at once: all or none.",
    )
    @action(detail=True, methods=["post"])
    def correct(self, request: Request, pk: str | None = None) -> Response:
        claim, data = self.get_object(), self._input(request, serializers.ClaimCorrectSerializer)
        try:
            span = claim_span(data, claim.article.text) if {"span", "text"} & set(data) else None
        except review.ReviewRefused as exc:
            raise ReviewRefusedError(str(exc)) from exc
        return self._act(
            corrections.claim_correct,
            claim=claim,
            span=span,
            kind=data.get("kind"),
            not_a_claim=data.get("not_a_claim"),
            note=data["note"],
            restores=data.get("not_a_claim") is False,
        )

    @review_schema(
        serializers.SuggestionDecisionSerializer,
        "Accept the engine's reading of a corrected claim (engine_suggestion): its span, kind and chain become "
        "the claim's, still a reviewer's reading that re-analysis keeps (Editor, Fact-checker). When the engine "
        "reads no claim there, the claim is marked not a claim.",
    )
    @action(detail=True, methods=["post"], url_path="suggestion/accept", url_name="suggestion-accept")
    def suggestion_accept(self, request: Request, pk: str | None = None) -> Response:
        claim, data = self.get_object(), self._input(request, serializers.SuggestionDecisionSerializer)
        return self._act(corrections.engine_suggestion_accept, claim=claim, note=data["note"], restores=True)

    @review_schema(
        serializers.SuggestionDecisionSerializer,
        "Dismiss the engine's reading of a corrected claim: the reviewer's stands, and the suggestion is kept "
        "as dismissed (not offered again while the engine reads the same) (Editor, Fact-checker).",
    )
    @action(detail=True, methods=["post"], url_path="suggestion/dismiss", url_name="suggestion-dismiss")
    def suggestion_dismiss(self, request: Request, pk: str | None = None) -> Response:
        claim, data = self.get_object(), self._input(request, serializers.SuggestionDecisionSerializer)
        return self._act(corrections.engine_suggestion_dismiss, claim=claim, note=data["note"], restores=True)

    @extend_schema(
        responses={
            (200, "application/ld+json"): OpenApiResponse(OpenApiTypes.OBJECT, description="schema.org ClaimReview"),
            409: OpenApiResponse(description="The claim has no verdict yet."),
        }
    )
    @action(detail=True, methods=["get"])
    def claimreview(self, request: Request, pk: str | None = None) -> Response:
        claim = self.get_object()
        try:
            return Response(claim_review(claim, base_url=base_url(request)))
        except ClaimNotReviewed as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)

    @extend_schema(responses=OpenApiResponse(OpenApiTypes.OBJECT, description="The chain in PROV-JSON."))
    @action(detail=True, methods=["get"])
    def prov(self, request: Request, pk: str | None = None) -> Response:
        return Response(json.loads(chain_prov_json(self.get_object(), base_url=base_url(request))))

    @extend_schema(responses={(200, "text/turtle"): OpenApiResponse(OpenApiTypes.STR, description="PROV-O, Turtle.")})
    @action(detail=True, methods=["get"], url_path="prov/turtle", url_name="prov-turtle")
    def prov_turtle(self, request: Request, pk: str | None = None) -> HttpResponse:
        body = chain_prov_turtle(self.get_object(), base_url=base_url(request))
        return HttpResponse(body, content_type="text/turtle; charset=utf-8")

    @extend_schema(
        parameters=[
            OpenApiParameter("article", int, description="Only claims of this article."),
            OpenApiParameter("review_status", str, enum=ReviewStatus.values, description="Only claims in this status."),
        ],
        responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="Claims as CSV.")},
    )
    @action(detail=False, methods=["get"], url_path="export.csv", url_name="csv")
    def csv(self, request: Request) -> StreamingHttpResponse:
        claims = Claim.objects.current()
        if (article_id := request.query_params.get("article", "")).strip():
            if not article_id.isdigit():
                raise ValidationError({"article": "An article id."})
            # One article's claims are the ones its page lists, read the same way.
            article = Article.objects.only("pk").filter(pk=int(article_id)).first()
            if article is None:
                raise ValidationError({"article": f"No article {article_id}."})
            claims = claims_for_article(article)
        if review_status := request.query_params.get("review_status", ""):
            if review_status not in ReviewStatus.values:
                raise ValidationError({"review_status": f"One of {', '.join(ReviewStatus.values)}."})
            claims = claims.filter(review_status=review_status)
        response = StreamingHttpResponse(claims_csv_lines(claims, base_url=base_url(request)), content_type="text/csv")
        response["Content-Disposition"] = 'attachment; filename="claims.csv"'
        return response


@extend_schema(
    parameters=[
        OpenApiParameter("type", str, enum=SourceType.values, description="Only sources of this type."),
        OpenApiParameter("q", str, description="Name contains this."),
    ]
)
class SourceViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.SourceSerializer
    permission_classes = READ
    queryset = Source.objects.none()

    def get_queryset(self) -> QuerySet[Source]:
        current = Q(hops__claim__retired_at__isnull=True)
        sources = (
            Source.objects.prefetch_related("aliases")
            .annotate(citations=Count("hops", filter=current))
            .order_by("name", "pk")
        )
        if self.action == "list":
            # A merged-away source is still found by its id (it names its survivor), not listed.
            sources = sources.filter(merged_into__isnull=True)
            if source_type := self.request.query_params.get("type", ""):
                sources = sources.filter(type=source_type)
            if query := self.request.query_params.get("q", "").strip():
                sources = sources.filter(name__icontains=query)
        return sources
