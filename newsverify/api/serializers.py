from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.validators import URLValidator
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from newsverify.articles.models import Article
from newsverify.review.corrections import SourcePick
from newsverify.review.models import Claim, ClaimKind, Hop, HopReview, ReviewStatus
from newsverify.review.selectors import hop_reviews_attach
from newsverify.review.services import TRANSITIONS
from newsverify.sources.models import Source, SourceType
from newsverify.web_address import web_address_validator


class StrictCharField(serializers.CharField):
    """A string, and only a string: DRF's CharField would take ``12345`` or ``true`` as text."""

    default_error_messages = {"not_a_string": "Must be a string (in quotes), not a {kind}."}

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("not_a_string", kind="number" if isinstance(data, (int, float)) else type(data).__name__)
        return super().to_internal_value(data)


class ArticleSubmitSerializer(serializers.Serializer):
    text = StrictCharField(trim_whitespace=False)
    title = StrictCharField(required=False, allow_blank=True, max_length=500, default="")
    publisher = StrictCharField(required=False, allow_blank=True, max_length=300, default="")
    url = serializers.URLField(required=False, allow_blank=True, max_length=2000, default="")
    published_on = serializers.DateField(required=False, allow_null=True, default=None)


# The schema's enum of review statuses, the one ``ClaimSerializer.review_status`` names. Fields that take
# the same choices under another name refer to it: drf-spectacular would otherwise name the choices twice,
# and a field named "status" would collide with the article's status enum.
REVIEW_STATUS_ENUM = {"$ref": "#/components/schemas/ReviewStatusEnum"}


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
    waiting_for_queue = serializers.BooleanField(
        read_only=True, help_text="Saved and queued, but not yet handed to the analysis queue (it was unreachable)."
    )
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
            "waiting_for_queue",
            "analysis_attempts",
            "failure_reason",
            "engine_version",
            "engine_model",
            "created_at",
            "analysis_started_at",
            "enqueued_at",
            "analysed_at",
            "counts",
        ]
        read_only_fields = fields


class ArticleSubmitResultSerializer(serializers.Serializer):
    duplicate = serializers.BooleanField(help_text="True when this text was already submitted.")
    detail = serializers.CharField()
    article = ArticleSerializer()


class ArticleReanalyseResultSerializer(serializers.Serializer):
    detail = serializers.CharField()
    article = ArticleSerializer()


class SourceBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["id", "name", "type"]


class UserBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = get_user_model()
        fields = ["id", "username"]


class HopConfirmationSerializer(serializers.ModelSerializer):
    confirmed_by = UserBriefSerializer()

    class Meta:
        model = HopReview
        fields = ["confirmed_by", "confirmed_at", "evidence_url", "note"]


class HopSerializer(serializers.ModelSerializer):
    """A hop of a claim that ``hop_reviews_attach`` has seen (``ClaimSerializer`` does that)."""

    source = SourceBriefSerializer()
    mention = serializers.SerializerMethodField()
    confirmation = HopConfirmationSerializer(
        source="review", allow_null=True, help_text="A fact-checker's confirmation of this link; null while open."
    )

    class Meta:
        model = Hop
        fields = ["position", "source", "evidence", "medium", "mention", "confirmation"]

    def get_mention(self, hop: Hop) -> dict[str, Any] | None:
        if hop.mention_start is None:
            return None
        return {"text": hop.mention_text, "start": hop.mention_start, "end": hop.mention_end}


class DiscrepancyBriefSerializer(serializers.Serializer):
    about = serializers.CharField(source="discrepancy.about")
    value = serializers.CharField()


_DATETIME_FIELD = serializers.DateTimeField()


def _datetime(value: Any) -> str | None:
    return None if value is None else _DATETIME_FIELD.to_representation(value)


def _user_brief(user: Any) -> dict[str, Any] | None:
    return None if user is None else {"id": user.pk, "username": user.username}


def _claim_parts_attach(claim: Claim) -> None:
    """Set ``chain_hops`` (each hop with its ``review``), ``hops_confirmed`` and ``discrepancy_members``
    on the claim: from the lists the queue's list loads (``claims_for_api_queue``), else from the
    related managers its other reads prefetch."""
    if hasattr(claim, "hop_list"):
        hops, reviews, members = claim.hop_list, claim.hop_review_list, claim.discrepancy_list
    else:
        hops, reviews = list(claim.hops.all()), list(claim.hop_reviews.all())
        members = list(claim.discrepancy_memberships.all())
    hop_reviews_attach(claim, hops=hops, reviews=reviews)
    claim.chain_hops, claim.discrepancy_members = hops, members


def _hop(hop: Hop) -> dict[str, Any]:
    review = getattr(hop, "review", None)
    return {
        "position": hop.position,
        "source": {"id": hop.source.pk, "name": hop.source.name, "type": hop.source.type},
        "evidence": hop.evidence,
        "medium": hop.medium,
        "mention": None
        if hop.mention_start is None
        else {"text": hop.mention_text, "start": hop.mention_start, "end": hop.mention_end},
        "confirmation": None
        if review is None
        else {
            "confirmed_by": _user_brief(review.confirmed_by),
            "confirmed_at": _datetime(review.confirmed_at),
            "evidence_url": review.evidence_url,
            "note": review.note,
        },
    }


class ClaimSerializer(serializers.ModelSerializer):
    """A claim read through ``api.selectors`` (``claims_for_api`` or the queue's), with its chain origin first."""

    article = serializers.PrimaryKeyRelatedField(read_only=True)
    span = serializers.SerializerMethodField()
    next_statuses = serializers.SerializerMethodField(
        help_text="The review statuses this claim can move to (POST verdict/)."
    )
    assignee = UserBriefSerializer(allow_null=True, help_text="The fact-checker the claim is given to, if any.")
    # Read from the lists ``_claim_parts_attach`` sets (the claim's hops and disagreements, however loaded).
    chain = HopSerializer(source="chain_hops", many=True)
    hops_confirmed = serializers.IntegerField(help_text="How many links of the chain a fact-checker confirmed.")
    flags = serializers.IntegerField(source="flags_total")
    open_flags = serializers.IntegerField(source="flags_open")
    comments = serializers.IntegerField(source="comments_total")
    discrepancies = DiscrepancyBriefSerializer(source="discrepancy_members", many=True)
    retired_at = serializers.DateTimeField(
        allow_null=True,
        help_text="Set when a re-analysis no longer reads this claim: it is kept as a record, and out of every list.",
    )
    superseded_by = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True, help_text="For a retired claim: the current claim that now reads its passage."
    )
    engine_suggestion = serializers.JSONField(
        allow_null=True,
        help_text=(
            "For a corrected claim: the engine's reading of its passage, when it differs from the reviewer's "
            '("dismissed": true once a reviewer dismissed it; POST suggestion/accept/ or suggestion/dismiss/).'
        ),
    )
    corrected_by = UserBriefSerializer(allow_null=True, help_text="The reviewer who last corrected the claim.")

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
            "next_statuses",
            "assignee",
            "chain",
            "hops_confirmed",
            "flags",
            "open_flags",
            "comments",
            "discrepancies",
            "retired_at",
            "superseded_by",
            "engine_suggestion",
            "not_a_claim",
            "corrected_at",
            "corrected_by",
        ]
        read_only_fields = fields

    def to_representation(self, claim: Claim) -> dict[str, Any]:
        """What DRF's fields above write (``tests/api/test_claim_representation.py`` compares the two),
        written directly: a page of fifty claims through the generic fields cost more than its queries."""
        _claim_parts_attach(claim)
        return {
            "id": claim.pk,
            "article": claim.article_id,
            "text": claim.text,
            "span": {"start": claim.span_start, "end": claim.span_end},
            "kind": claim.kind,
            "depth": claim.depth,
            "cue_text": claim.cue_text,
            "review_status": claim.review_status,
            "next_statuses": self.get_next_statuses(claim),
            "assignee": _user_brief(claim.assignee),
            "chain": [_hop(hop) for hop in claim.chain_hops],
            "hops_confirmed": int(claim.hops_confirmed),
            "flags": int(claim.flags_total),
            "open_flags": int(claim.flags_open),
            "comments": int(claim.comments_total),
            "discrepancies": [
                {"about": member.discrepancy.about, "value": member.value} for member in claim.discrepancy_members
            ],
            "retired_at": _datetime(claim.retired_at),
            "superseded_by": claim.superseded_by_id,
            "engine_suggestion": claim.engine_suggestion,
            "not_a_claim": claim.not_a_claim,
            "corrected_at": _datetime(claim.corrected_at),
            "corrected_by": _user_brief(claim.corrected_by),
        }

    def fields_representation(self, claim: Claim) -> dict[str, Any]:
        """The same through DRF's generic fields (what ``to_representation`` must equal)."""
        _claim_parts_attach(claim)
        return super().to_representation(claim)

    def get_span(self, claim: Claim) -> dict[str, int]:
        return {"start": claim.span_start, "end": claim.span_end}

    @extend_schema_field({"type": "array", "items": REVIEW_STATUS_ENUM})
    def get_next_statuses(self, claim: Claim) -> list[str]:
        return [value for value in ReviewStatus.values if value in TRANSITIONS[claim.review_status]]


class SourceSerializer(serializers.ModelSerializer):
    aliases = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
    citations = serializers.IntegerField(read_only=True, help_text="Hops across all chains that cite this source.")
    merged_into = serializers.PrimaryKeyRelatedField(
        read_only=True, help_text="The source this one was merged into (its citations are there), or null."
    )

    class Meta:
        model = Source
        fields = ["id", "name", "type", "aliases", "citations", "merged_into", "created_at"]
        read_only_fields = fields


# The review actions' input, as the web's review forms take it.


def _needed(message: str) -> dict[str, str]:
    """The message for a field left out, empty or blank."""
    return {"required": message, "null": message, "blank": message}


class EvidenceURLField(serializers.URLField):
    """An http or https address, as the web's evidence fields take it."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=2000, **kwargs)
        self.validators = [
            web_address_validator if isinstance(check, URLValidator) else check for check in self.validators
        ]


class ClaimFlagSerializer(serializers.Serializer):
    note = serializers.CharField(
        max_length=2000,
        help_text="What is unverified, and why.",
        error_messages=_needed("Say what is unverified: a flag needs a note."),
    )


@extend_schema_field(
    {
        "allOf": [REVIEW_STATUS_ENUM],
        "description": "A verdict (verified, disputed, false, misattributed: needs evidence_url) or a status change.",
    }
)
class ReviewStatusField(serializers.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=ReviewStatus.choices, **kwargs)


class ClaimVerdictSerializer(serializers.Serializer):
    status = ReviewStatusField()
    evidence_url = EvidenceURLField(required=False, allow_blank=True, default="")
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    confirm_open_hops = serializers.BooleanField(
        required=False,
        default=False,
        help_text="A verdict on a chain with hops nobody confirmed is refused unless this is true.",
    )


class HopConfirmSerializer(serializers.Serializer):
    evidence_url = EvidenceURLField(error_messages=_needed("Confirming a hop needs an evidence URL."))
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class HopReopenSerializer(serializers.Serializer):
    note = serializers.CharField(
        max_length=2000,
        help_text="Why the confirmation is withdrawn.",
        error_messages=_needed("Say why the hop is reopened."),
    )


class ClaimAssignSerializer(serializers.Serializer):
    # Only fact-checkers are offered, and one message covers every other id: an unknown id and a user
    # who is not a fact-checker answer alike, so the endpoint tells nobody who exists or what they do.
    assignee = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(is_active=True),
        allow_null=True,
        help_text="A fact-checker's user id, or null to unassign.",
        error_messages={
            "does_not_exist": "No fact-checker has this id.",
            "incorrect_type": "A fact-checker's user id (a number), or null.",
        },
    )

    def validate_assignee(self, assignee: Any) -> Any:
        if assignee is not None and not assignee.has_perm("review.record_verdict"):
            raise serializers.ValidationError(self.fields["assignee"].error_messages["does_not_exist"])
        return assignee


class CommentSerializer(serializers.Serializer):
    body = serializers.CharField(
        max_length=4000, error_messages=_needed("Write something first: the comment is empty.")
    )


# Corrections (review.corrections): a source is one from the registry (its id, as the API lists it)
# or a new one (name and type); a span is offsets into the article text or the claim's words.


class SourcePickSerializer(serializers.Serializer):
    id = serializers.PrimaryKeyRelatedField(
        # Anonymous sources ("officials") stay per article: a new one is named instead.
        queryset=Source.objects.exclude(type=SourceType.ANONYMOUS),
        required=False,
        help_text="A registry source (GET /sources/?q=); not an anonymous one.",
        error_messages={"does_not_exist": "No registry source {pk_value} (an anonymous one is named new)."},
    )
    name = serializers.CharField(max_length=300, required=False, help_text="A new source's name (with type).")
    type = serializers.ChoiceField(choices=SourceType.choices, required=False, help_text="A new source's type.")

    def validate(self, data: dict[str, Any]) -> SourcePick:
        if ("id" in data) == bool(data.get("name", "").strip()):
            raise serializers.ValidationError("Give a registry source's id, or a new source's name and type.")
        if "id" in data:
            return SourcePick(source=data["id"])
        if "type" not in data:
            raise serializers.ValidationError({"type": "A new source needs a type."})
        return SourcePick(name=data["name"], type=data["type"])


class HopAddSerializer(serializers.Serializer):
    position = serializers.IntegerField(
        min_value=0, required=False, allow_null=True, default=None, help_text="0 the new origin; left out: last."
    )
    source = SourcePickSerializer()
    medium = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class HopChangeSerializer(serializers.Serializer):
    source = SourcePickSerializer(required=False, help_text="The hop's right source.")
    medium = serializers.CharField(max_length=200, required=False, allow_blank=True, help_text="Empty clears it.")
    position = serializers.IntegerField(min_value=0, required=False, help_text="Move the hop here (0: the origin).")

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if not data:
            raise serializers.ValidationError("Give the hop's new source, medium or position.")
        return data


class SpanSerializer(serializers.Serializer):
    start = serializers.IntegerField(min_value=0)
    end = serializers.IntegerField(min_value=0)


class ClaimCorrectSerializer(serializers.Serializer):
    span = SpanSerializer(required=False, help_text="Character offsets into the article text (code points).")
    text = serializers.CharField(
        required=False, trim_whitespace=False, help_text="Or the claim's words, found in the article (once)."
    )
    kind = serializers.ChoiceField(choices=ClaimKind.choices, required=False)
    not_a_claim = serializers.BooleanField(required=False, help_text="True: not a claim; false: restore it.")
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if not {"span", "text", "kind", "not_a_claim"} & set(data):
            raise serializers.ValidationError("Give the span (or text), the kind, or not_a_claim.")
        return data


class ChainHopSerializer(serializers.Serializer):
    source = SourcePickSerializer()
    medium = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class ClaimAddSerializer(serializers.Serializer):
    span = SpanSerializer(required=False, help_text="Character offsets into the article text (code points).")
    text = serializers.CharField(
        required=False, trim_whitespace=False, help_text="Or the claim's words, found in the article (once)."
    )
    kind = serializers.ChoiceField(choices=ClaimKind.choices)
    chain = ChainHopSerializer(
        many=True, required=False, default=list, help_text="Origin first; none for own reporting."
    )

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if "span" not in data and "text" not in data:
            raise serializers.ValidationError({"span": "Give the span (start, end) or the claim's text."})
        return data


class SuggestionDecisionSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
