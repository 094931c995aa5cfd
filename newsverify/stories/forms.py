from __future__ import annotations

from django import forms

from newsverify.stories.models import UpstreamKind


class UpstreamCorrectionForm(forms.Form):
    claim = forms.IntegerField(label="What was corrected")
    kind = forms.ChoiceField(label="It was", choices=UpstreamKind.choices, widget=forms.RadioSelect)
    url = forms.CharField(label="Where the correction is published", max_length=2000)
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea(attrs={"rows": 2}))
