from django import forms
from django.core.validators import URLValidator

from newsverify.review.models import ReviewStatus


class ClaimFlagForm(forms.Form):
    note = forms.CharField(
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "What is unverified, and why?"}),
        error_messages={"required": "Say what is unverified: a flag needs a note."},
    )


class ClaimVerdictForm(forms.Form):
    status = forms.ChoiceField(
        choices=[(ReviewStatus.VERIFIED, "Verified"), (ReviewStatus.DISPUTED, "Disputed")],
        widget=forms.RadioSelect,
    )
    evidence_url = forms.URLField(
        label="Evidence URL",
        max_length=2000,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"], message="Enter an http or https address.", code="not_web")],
        error_messages={"required": "A verdict needs an evidence URL."},
    )
    note = forms.CharField(max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2}))
