from __future__ import annotations

from typing import Any

from rest_framework import serializers

from newsverify.articles.models import Article
from newsverify.review.models import Claim, Hop
from newsverify.sources.models import Source


class ArticleSubmitSerializer(serializers.Serializer):
    text = serializers.CharField(trim_whitespace=False)
    title = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")
    publisher = serializers.CharField(required=False, allow_blank=True, max_length=300, default="")
    url = serializers.URLField(required=False, allow_blank=True, max_length=2000, default="")
    published_on = serializers.DateField(required=False, allow_null=True, default=None)


class ClaimCountsSerializer(serializers.Serializer):
    total = serializers.IntegerField(source="claims_total")
    depth_0 = serializers.IntegerField(source="claims_depth_0")
    depth_1 = serializers.IntegerField(source="claims_depth_1")
    depth_2 = serializers.IntegerField(source="claims_depth_2")
    depth_3_or_more = serializers.IntegerField(source="claims_depth_3")
    open_flags = serializers.IntegerField()


class ArticleSerializer(serializers.ModelSerializer):
    """An article read through ``articles_with_depth_counts`` (so it carries its counts)."""

    publisher_label = serializers.CharField(read_only=True)
    is_pending = serializers.BooleanField(read_only=True)
    counts = ClaimCountsSerializer(source="*", read_only=True)

    class Meta:
        model = Article
        fields = [
            "id",
            "title",
            "publisher",
            "publisher_label",
            "url",
            "published_on",
            "status",
            "is_pending",
            "failure_reason",
            "engine_version",
            "engine_model",
            "created_at",
            "analysis_started_at",
            "analysed_at",
            "counts",
        ]
        read_only_fields = fields


class ArticleSubmitResultSerializer(serializers.Serializer):
    duplicate = serializers.BooleanField(help_text="True when this text was already submitted.")
    detail = serializers.CharField()
    article = ArticleSerializer()


class SourceBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["id", "name", "type"]


class HopSerializer(serializers.ModelSerializer):
    source = SourceBriefSerializer()
    mention = serializers.SerializerMethodField()

    class Meta:
        model = Hop
        fields = ["position", "source", "evidence", "medium", "mention"]

    def get_mention(self, hop: Hop) -> dict[str, Any] | None:
        if hop.mention_start is None:
            return None
        return {"text": hop.mention_text, "start": hop.mention_start, "end": hop.mention_end}


class DiscrepancyBriefSerializer(serializers.Serializer):
    about = serializers.CharField(source="discrepancy.about")
    value = serializers.CharField()


class ClaimSerializer(serializers.ModelSerializer):
    """A claim read through ``exports.selectors.claims_for_export``, with its chain origin first."""

    article = serializers.PrimaryKeyRelatedField(read_only=True)
    span = serializers.SerializerMethodField()
    chain = HopSerializer(source="hops", many=True)
    flags = serializers.IntegerField(source="flags_total")
    open_flags = serializers.IntegerField(source="flags_open")
    discrepancies = DiscrepancyBriefSerializer(source="discrepancy_memberships", many=True)

    class Meta:
        model = Claim
        fields = [
            "id",
            "article",
            "text",
            "span",
            "kind",
            "depth",
            "cue_text",
            "review_status",
            "chain",
            "flags",
            "open_flags",
            "discrepancies",
        ]
        read_only_fields = fields

    def get_span(self, claim: Claim) -> dict[str, int]:
        return {"start": claim.span_start, "end": claim.span_end}


class SourceSerializer(serializers.ModelSerializer):
    aliases = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
    citations = serializers.IntegerField(read_only=True, help_text="Hops across all chains that cite this source.")

    class Meta:
        model = Source
        fields = ["id", "name", "type", "aliases", "citations", "created_at"]
        read_only_fields = fields
