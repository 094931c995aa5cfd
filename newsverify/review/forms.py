from django import forms
from django.core.validators import URLValidator

from newsverify.review.models import ReviewAction, ReviewStatus


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
