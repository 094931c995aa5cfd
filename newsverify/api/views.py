"""The API's views: thin, each one a selector read or one service call."""

from __future__ import annotations

import json

from django.db.models import Count, QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle

from newsverify.api import serializers
from newsverify.api.permissions import ArticleSubmitter, NewsroomReader
from newsverify.articles.models import Article, ArticleStatus
from newsverify.articles.selectors import articles_with_depth_counts
from newsverify.articles.services import DuplicateArticle, article_submit
from newsverify.exports.claimreview import ClaimNotReviewed, claim_review
from newsverify.exports.csv import claims_csv_lines
from newsverify.exports.prov import chain_prov_json, chain_prov_turtle
from newsverify.exports.selectors import claims_for_export
from newsverify.review.models import Claim, ReviewStatus
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
        claims = claims_for_export().filter(article=article)
        page = self.paginate_queryset(claims)
        return self.get_paginated_response(serializers.ClaimSerializer(page, many=True).data)


@extend_schema(
    parameters=[
        OpenApiParameter("article", int, description="Only claims of this article (CSV)."),
        OpenApiParameter(
            "review_status", str, enum=ReviewStatus.values, description="Only claims in this status (CSV)."
        ),
    ]
)
class ClaimViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = serializers.ClaimSerializer
    permission_classes = READ
    queryset = Claim.objects.none()

    def get_queryset(self) -> QuerySet[Claim]:
        return claims_for_export()

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

    @extend_schema(responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="Claims as CSV.")})
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
            if source_type := self.request.query_params.get("type", ""):
                sources = sources.filter(type=source_type)
            if query := self.request.query_params.get("q", "").strip():
                sources = sources.filter(name__icontains=query)
        return sources
