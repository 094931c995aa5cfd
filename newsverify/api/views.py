"""The API's views: thin, each one a selector read or one service call."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.db.models import Count, QuerySet
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
from rest_framework.serializers import Serializer
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle

from newsverify.api import serializers
from newsverify.api.permissions import ArticleSubmitter, NewsroomReader, ReviewRole
from newsverify.api.queue import ClaimQueueParams, queue_parameters
from newsverify.api.selectors import claims_for_api, claims_for_api_queue
from newsverify.articles.models import Article, ArticleStatus
from newsverify.articles.selectors import articles_with_depth_counts
from newsverify.articles.services import DuplicateArticle, article_submit
from newsverify.exports.claimreview import ClaimNotReviewed, claim_review
from newsverify.exports.csv import claims_csv_lines
from newsverify.exports.prov import chain_prov_json, chain_prov_turtle
from newsverify.exports.selectors import claims_for_export
from newsverify.review import services as review
from newsverify.review.models import Claim, Hop, ReviewStatus
from newsverify.sources.models import Source, SourceType

READ = [IsAuthenticated, NewsroomReader]


def base_url(request: Request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


class TokenObtainView(ObtainAuthToken):
    """POST username and password, get the user's token. Throttled harder than the rest (guessing)."""

    # Permissions are checked before throttles, so the other endpoints answer 401 to anonymous
    # callers before any rate applies; this one is where the anonymous rate counts.
    throttle_classes = [ScopedRateThrottle, AnonRateThrottle]
    throttle_scope = "token_obtain"


@extend_schema(
    parameters=[
        OpenApiParameter("status", str, enum=ArticleStatus.values, description="Only articles in this status."),
        OpenApiParameter("publisher", str, description="Publisher name contains this."),
    ]
)
class ArticleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = serializers.ArticleSerializer
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
        except ValueError as exc:
            raise ValidationError({"text": str(exc)}) from exc
        else:
            created = True
        article = articles_with_depth_counts().get(pk=article.pk)
        result = serializers.ArticleSubmitResultSerializer(
            {
                "duplicate": not created,
                "detail": "Submitted; the analysis is queued."
                if created
                else f"This text was already submitted as article {article.pk}; nothing new was stored.",
                "article": article,
            }
        ).data
        location = self.reverse_action("detail", args=[article.pk])
        return Response(
            result, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK, headers={"Location": location}
        )

    @extend_schema(responses=serializers.ClaimSerializer(many=True))
    @action(detail=True, methods=["get"])
    def claims(self, request: Request, pk: str | None = None) -> Response:
        article = self.get_object()
        claims = claims_for_api().filter(article=article)
        page = self.paginate_queryset(claims)
        return self.get_paginated_response(serializers.ClaimSerializer(page, many=True).data)


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
    }

    def get_queryset(self) -> QuerySet[Claim]:
        if self.action == "list":
            params = ClaimQueueParams(self.request.query_params)
            if not params.is_valid():
                raise ValidationError(params.errors)
            return claims_for_api_queue(filters=params.cleaned_data, user=self.request.user)
        return claims_for_api()

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

    def _act(self, service: Callable[..., object], **arguments: Any) -> Response:
        """Call one review service as the request's user; answer with the claim as it is after it.

        A refusal (``ReviewRefused``) is a 400 with the service's message.
        """
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
        "the move must be one of the claim's next_statuses.",
    )
    @action(detail=True, methods=["post"])
    def verdict(self, request: Request, pk: str | None = None) -> Response:
        claim, data = self.get_object(), self._input(request, serializers.ClaimVerdictSerializer)
        return self._act(
            review.claim_set_verdict,
            claim=claim,
            verdict=data["status"],
            evidence_url=data["evidence_url"],
            note=data["note"],
        )

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
        claims = claims_for_export()
        if (article := request.query_params.get("article", "")).strip():
            if not article.isdigit():
                raise ValidationError({"article": "An article id."})
            claims = claims.filter(article_id=int(article))
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
        sources = Source.objects.prefetch_related("aliases").annotate(citations=Count("hops")).order_by("name", "pk")
        if self.action == "list":
            # A merged-away source is still found by its id (it names its survivor), not listed.
            sources = sources.filter(merged_into__isnull=True)
            if source_type := self.request.query_params.get("type", ""):
                sources = sources.filter(type=source_type)
            if query := self.request.query_params.get("q", "").strip():
                sources = sources.filter(name__icontains=query)
        return sources
