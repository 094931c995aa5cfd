from django import forms
from django.core.validators import URLValidator

from newsverify.review.models import ClaimKind, ReviewAction, ReviewStatus
from newsverify.sources.models import SourceType


def _evidence_field(*, required: bool = True, message: str = "A verdict needs an evidence URL.") -> forms.URLField:
    return forms.URLField(
        label="Evidence URL",
        max_length=2000,
        required=required,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"], message="Enter an http or https address.", code="not_web")],
        error_messages={"required": message},
    )


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
    assignee = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)

    def __init__(self, *args, fact_checkers=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.users = {user.pk: user for user in fact_checkers}
        self.fields["assignee"].choices = [("", "Nobody"), *((user.pk, user.get_username()) for user in fact_checkers)]

    def clean_assignee(self):  # type: ignore[no-untyped-def]
        pk = self.cleaned_data["assignee"]
        return self.users[pk] if pk is not None else None


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Comment",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Write something first: the comment is empty."},
    )


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(choices=[("", "Any action"), *ReviewAction.choices], required=False)
    actor = forms.IntegerField(label="Who", required=False)


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
    assignee = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)
    status = forms.ChoiceField(choices=[("", "—"), *ReviewStatus.choices], required=False)
    evidence_url = _evidence_field(required=False)
    note = forms.CharField(max_length=2000, required=False)
    next = forms.CharField(required=False)

    def __init__(self, *args, fact_checkers=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.users = {user.pk: user for user in fact_checkers}
        self.fields["assignee"].choices = [("", "Nobody"), *((user.pk, user.get_username()) for user in fact_checkers)]
        # Any claim id is accepted here; the view loads only claims that exist.
        self.fields["claim"].choices = [(value, value) for value in (self.data.getlist("claim") if self.data else [])]

    def clean_assignee(self):  # type: ignore[no-untyped-def]
        pk = self.cleaned_data["assignee"]
        return self.users[pk] if pk is not None else None

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean()
        if cleaned.get("action") == "status" and not cleaned.get("status"):
            self.add_error("status", "Choose the status to set.")
        return cleaned
