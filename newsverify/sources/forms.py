from django import forms

from newsverify.sources.models import Source, SourceType


class SourceFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False)
    type = forms.ChoiceField(choices=[("", "Any type"), *SourceType.choices], required=False)


class SourceMergePickForm(forms.Form):
    """The merge page's query: a search for the duplicate, or the duplicate picked from the results."""

    q = forms.CharField(label="Find the duplicate", required=False, max_length=200)
    other = forms.ModelChoiceField(queryset=Source.objects.all(), required=False)


class SourceMergeConfirmForm(forms.Form):
    """The confirmation of a previewed merge: which source, and the preview's fingerprint."""

    other = forms.ModelChoiceField(
        queryset=Source.objects.all(),
        widget=forms.HiddenInput,
        error_messages={
            "required": "Pick the duplicate to merge first.",
            "invalid_choice": "That source no longer exists; search for it again.",
        },
    )
    fingerprint = forms.CharField(
        widget=forms.HiddenInput,
        max_length=64,
        error_messages={"required": "Confirm from the preview, which shows what will move."},
    )
