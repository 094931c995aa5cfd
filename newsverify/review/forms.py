from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.http import QueryDict
from django.template.defaultfilters import pluralize
from django.utils.formats import date_format

from newsverify.review.corrections import SourcePick, span_of_quote
from newsverify.review.models import ClaimKind, ReviewAction, ReviewEvent, ReviewStatus
from newsverify.review.services import ReviewRefused
from newsverify.sources.models import Source, SourceType
from newsverify.web_address import web_address_validator

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


def _evidence_field(*, required: bool = True, message: str = "A verdict needs an evidence URL.") -> forms.URLField:
    return forms.URLField(
        label="Evidence URL",
        max_length=2000,
        required=required,
        assume_scheme="https",
        validators=[web_address_validator],
        error_messages={"required": message},
    )


def _id_field(queryset: QuerySet[Any], *, noun: str) -> forms.ModelChoiceField:
    """An optional filter on one object, typed (or linked) as its id; cleans to the object."""
    return forms.ModelChoiceField(
        label=f"{noun.capitalize()} id",
        queryset=queryset,
        required=False,
        widget=forms.NumberInput(attrs={"min": 1}),
        error_messages={"invalid_choice": f"There is no {noun} with this id."},
    )


class UserChoiceField(forms.TypedChoiceField):
    """One of a list of users by id, or nobody (empty); cleans to the user or None.

    The form sets the users per instance with ``users_set`` (fields are copied for each form).
    """

    def __init__(self, *, empty_label: str = "Nobody", **kwargs: Any) -> None:
        super().__init__(coerce=int, required=False, empty_value=None, **kwargs)
        self.empty_label = empty_label
        self.users: dict[int, Any] = {}

    def users_set(self, users: Iterable[AbstractBaseUser]) -> None:
        users = list(users)
        self.users = {user.pk: user for user in users}
        self.choices = [("", self.empty_label), *((user.pk, user.get_username()) for user in users)]

    def clean(self, value: Any) -> AbstractBaseUser | None:
        pk = super().clean(value)
        return self.users[pk] if pk is not None else None


class ClaimFlagForm(forms.Form):
    note = forms.CharField(
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "What is unverified, and why?"}),
        error_messages={"required": "Say what is unverified: a flag needs a note."},
    )


class ClaimVerdictForm(forms.Form):
    """A verdict (needs an evidence URL) or a status change (needs primary source, unreviewed)."""

    status = forms.ChoiceField(choices=ReviewStatus.choices, widget=forms.RadioSelect)
    evidence_url = _evidence_field(required=False)
    note = forms.CharField(max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2}))
    # The confirm step: a verdict on a chain with open hops is recorded only when this is ticked
    # (the rule is the service's: ``claim_set_verdict`` refuses it unconfirmed, ``OpenHopsUnconfirmed``).
    confirm_open_hops = forms.BooleanField(required=False)

    def __init__(self, *args, open_hops: int = 0, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.open_hops = open_hops
        self.fields[
            "confirm_open_hops"
        ].label = f"Record the verdict despite {open_hops} open hop{pluralize(open_hops)}"

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean()
        status = cleaned.get("status")
        verdicts = {ReviewStatus.VERIFIED, ReviewStatus.DISPUTED, ReviewStatus.FALSE, ReviewStatus.MISATTRIBUTED}
        if status in verdicts and not cleaned.get("evidence_url") and "evidence_url" not in self.errors:
            self.add_error("evidence_url", "A verdict needs an evidence URL.")
        return cleaned


class HopConfirmForm(forms.Form):
    evidence_url = _evidence_field(message="Confirming a hop needs an evidence URL.")
    note = forms.CharField(max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class HopReopenForm(forms.Form):
    note = forms.CharField(max_length=2000, error_messages={"required": "Say why the hop is reopened."})


class ClaimAssignForm(forms.Form):
    assignee = UserChoiceField()

    def __init__(self, *args, fact_checkers=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["assignee"].users_set(fact_checkers)


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Comment",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Write something first: the comment is empty."},
    )


class AuditFilterForm(forms.Form):
    """The audit log's filters; every one is a GET parameter, so a filtered log is a shareable URL.

    A value that does not validate is left out of the filtering and shown as an error.
    Dates are days in the site's time zone; "to" takes in the whole of its day.
    """

    q = forms.CharField(
        label="Search",
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Claim, subject, note or value"}),
    )
    action = forms.ChoiceField(choices=[("", "Any action"), *ReviewAction.choices], required=False)
    actor = UserChoiceField(label="Who", empty_label="Anyone")
    date_from = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    date_to = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    # The article model as the audit record names it (by string): review imports nothing from articles.
    article = _id_field(ReviewEvent._meta.get_field("article").related_model._default_manager.all(), noun="article")
    source = _id_field(Source.objects.all(), noun="source")

    def __init__(self, *args, actors=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["actor"].users_set(actors)

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "This is before the “from” date: no day is in that range.")
        return cleaned

    def applied(self) -> dict[str, Any]:
        """The filters in force: the fields that validated and are not empty ({} for an unbound form)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    def active_filters(self) -> list[tuple[str, str, str]]:
        """Each filter in force as (label, value shown, query string without it), for the log's summary."""
        return [
            (self.fields[name].label or name, self._shown(name, value), self._query_without(name))
            for name, value in self.applied().items()
        ]

    @staticmethod
    def _shown(name: str, value: Any) -> str:
        if name == "action":
            return ReviewAction(value).label
        if name == "actor":
            return value.get_username()
        if name == "q":
            return f"“{value}”"
        if isinstance(value, datetime.date):
            return date_format(value, "j M Y")
        return f"{value} (#{value.pk})"  # an article or a source

    def _query_without(self, name: str) -> str:
        """This form's query string without one filter, the page number and the empty parameters."""
        query = QueryDict(mutable=True)
        for key, values in self.data.lists():
            if key not in (name, "page"):
                query.setlist(key, [value for value in values if value])
        return query.urlencode()


class ClaimQueueForm(forms.Form):
    """The review queue's filters; every one is a GET parameter, so a filtered queue is a shareable URL."""

    SORTS = [
        ("newest", "Newest article first"),
        ("oldest", "Oldest article first"),
        ("deepest", "Deepest chain first"),
        ("status", "Review status"),
    ]

    q = forms.CharField(label="Search", required=False)
    status = forms.ChoiceField(choices=[("", "Any status"), *ReviewStatus.choices], required=False)
    depth = forms.ChoiceField(
        required=False,
        choices=[
            ("", "Any depth"),
            ("0", "Own reporting (0)"),
            ("1", "Firsthand (1)"),
            ("2", "Secondhand (2)"),
            ("3", "Third-hand+ (3+)"),
        ],
    )
    kind = forms.ChoiceField(choices=[("", "Any kind"), *ClaimKind.choices], required=False)
    source = forms.CharField(required=False, help_text="Any source in the chain, by name or alias.")
    source_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    source_type = forms.ChoiceField(
        label="Source type", choices=[("", "Any type"), *SourceType.choices], required=False
    )
    never_verified = forms.BooleanField(label="Sources never verified", required=False)
    publisher = forms.CharField(required=False)
    published_from = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    published_to = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    assignee = forms.CharField(required=False)  # "", "me", "none" or a user id
    flagged = forms.BooleanField(label="Flagged only", required=False)
    sort = forms.ChoiceField(choices=SORTS, required=False)

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean()
        start, end = cleaned.get("published_from"), cleaned.get("published_to")
        if start and end and start > end:
            cleaned["published_from"], cleaned["published_to"] = end, start
        return cleaned


class ClaimBulkForm(forms.Form):
    """An action on the claims selected in the queue."""

    ACTIONS = [("assign", "Assign to"), ("status", "Set status")]

    claim = forms.TypedMultipleChoiceField(coerce=int, error_messages={"required": "Select at least one claim."})
    action = forms.ChoiceField(choices=ACTIONS)
    assignee = UserChoiceField()
    status = forms.ChoiceField(choices=[("", "—"), *ReviewStatus.choices], required=False)
    evidence_url = _evidence_field(required=False)
    note = forms.CharField(max_length=2000, required=False)
    # A verdict on claims whose chains have open hops is set only when this is ticked (as in the panel).
    confirm_open_hops = forms.BooleanField(required=False)
    next = forms.CharField(required=False)

    def __init__(self, *args, fact_checkers=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["assignee"].users_set(fact_checkers)
        # Any claim id is accepted here; the view loads only claims that exist.
        self.fields["claim"].choices = [(value, value) for value in (self.data.getlist("claim") if self.data else [])]

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean()
        if cleaned.get("action") == "status" and not cleaned.get("status"):
            self.add_error("status", "Choose the status to set.")
        return cleaned


# Corrections (review.corrections): a source is picked from the registry by search, or named new;
# a span is the selection in the article (offsets filled in by app.js) or the claim's words typed.


class SourcePickForm(forms.Form):
    """A registry source chosen from search results (a radio button per candidate), or a new one named.

    Never an id typed: ``source`` comes from the candidates the search shows. Anonymous sources
    ("officials") stay per article, so they are named new rather than picked.
    """

    source_required = True

    source = forms.ModelChoiceField(
        queryset=Source.objects.exclude(type=SourceType.ANONYMOUS),
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "That source is no longer in the registry: search again."},
    )
    new_name = forms.CharField(label="New source", max_length=300, required=False)
    new_type = forms.ChoiceField(label="Type", choices=[("", "Type…"), *SourceType.choices], required=False)

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean()
        source, name = cleaned.get("source"), (cleaned.get("new_name") or "").strip()
        if "source" in self.errors:
            return cleaned
        if source and name:
            self.add_error(None, "Choose a source from the search results or name a new one, not both.")
        elif not source and not name and self.source_required:
            self.add_error(None, "Choose a source from the search results, or name a new one.")
        elif name and not cleaned.get("new_type"):
            self.add_error("new_type", "A new source needs a type.")
        return cleaned

    def pick(self) -> SourcePick | None:
        data = self.cleaned_data
        if data.get("source"):
            return SourcePick(source=data["source"])
        if (data.get("new_name") or "").strip():
            return SourcePick(name=data["new_name"], type=data["new_type"])
        return None


class HopSourceForm(SourcePickForm):
    pass


class HopAddForm(SourcePickForm):
    position = forms.TypedChoiceField(coerce=int, label="Place in the chain")
    medium = forms.CharField(max_length=200, required=False)

    def __init__(self, *args, hops: int = 0, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["position"].choices = hop_place_choices(hops)


def hop_place_choices(hops: int) -> list[tuple[int, str]]:
    """Where a new hop can go: before each hop (1 makes it the origin), or last, next to the publisher."""
    if hops == 0:
        return [(0, "1 · the origin")]
    return [
        (position, f"{position + 1} · " + ("the new origin" if position == 0 else f"before hop {position + 1}"))
        for position in range(hops)
    ] + [(hops, f"{hops + 1} · last, next to the publisher")]


class HopMediumForm(forms.Form):
    medium = forms.CharField(max_length=200, required=False)


class HopMoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "Up, towards the origin"), ("down", "Down, towards the publisher")])


class HopRemoveForm(forms.Form):
    note = forms.CharField(max_length=2000, required=False)


class SpanFields(forms.Form):
    """The claim's words: the selection's offsets (with its text, to check them) or the words typed alone."""

    span_start = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)
    span_end = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)
    quote = forms.CharField(label="Claim text", max_length=20000, required=False, strip=False)

    def __init__(self, *args, article_text: str = "", **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.article_text = article_text

    def clean_span(self, cleaned: dict[str, Any], *, required: bool) -> tuple[int, int] | None:
        """(start, end) in the article text, or None when no span was given (and none is required).

        Offsets are trusted when the text they cut out is the selection's text; otherwise (a page
        older than the article, or words typed) the words are looked up in the article.
        """
        start, end, quote = cleaned.get("span_start"), cleaned.get("span_end"), cleaned.get("quote") or ""
        if start is not None and end is not None and (not quote or self.article_text[start:end] == quote):
            return start, end
        if not quote.strip():
            if required:
                self.add_error("quote", "Select the claim's words in the article, or type them here.")
            return None
        try:
            return span_of_quote(self.article_text, quote)
        except ReviewRefused as exc:
            self.add_error("quote", str(exc))
            return None


class ClaimCorrectForm(SpanFields):
    """One or more corrections of the claim itself: its span, its kind, or whether it is a claim at all."""

    kind = forms.ChoiceField(choices=[("", "—"), *ClaimKind.choices], required=False)
    not_a_claim = forms.TypedChoiceField(
        choices=[("", "—"), ("yes", "Not a claim"), ("no", "A claim")],
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
    )
    note = forms.CharField(max_length=2000, required=False)

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean()
        cleaned["span"] = self.clean_span(cleaned, required=False)
        if not self.errors and cleaned["span"] is None and not cleaned.get("kind") and cleaned["not_a_claim"] is None:
            self.add_error(None, "Say what to correct: the span, the kind, or whether it is a claim.")
        return cleaned


class ClaimAddForm(SpanFields, SourcePickForm):
    """A claim the engine missed: its words, its kind and its origin (more hops in the chain editor)."""

    kind = forms.ChoiceField(choices=ClaimKind.choices, initial=ClaimKind.INDIRECT)
    medium = forms.CharField(max_length=200, required=False)

    def clean(self):  # type: ignore[no-untyped-def]
        self.source_required = self.data.get("kind") != ClaimKind.UNATTRIBUTED
        cleaned = super().clean()
        cleaned["span"] = self.clean_span(cleaned, required=True)
        return cleaned


class SuggestionDecisionForm(forms.Form):
    """Accepting or dismissing the engine's reading of a corrected claim: an optional note."""

    note = forms.CharField(max_length=2000, required=False)
