from django import forms

from newsverify.sources.models import SourceType


class SourceFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False)
    type = forms.ChoiceField(choices=[("", "Any type"), *SourceType.choices], required=False)


class SourceMergeForm(forms.Form):
    other = forms.IntegerField(
        label="Source number to merge into this one",
        min_value=1,
        error_messages={"required": "Give the number of the source to merge (shown as #123 on its page)."},
    )
