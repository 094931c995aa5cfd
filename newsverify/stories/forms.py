from __future__ import annotations

import datetime

from django import forms

from newsverify.stories.models import UpstreamKind
from newsverify.stories.selectors import StoryFilters


class UpstreamCorrectionForm(forms.Form):
    claim = forms.IntegerField(label="What was corrected")
    kind = forms.ChoiceField(label="It was", choices=UpstreamKind.choices, widget=forms.RadioSelect)
    url = forms.CharField(label="Where the correction is published", max_length=2000)
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class OutletPeriodForm(forms.Form):
    """A period of publication and an outlet: what every cross-article page is filtered by."""

    published_from = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    published_to = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    outlet = forms.CharField(label="Outlet", required=False, max_length=300)

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean()
        start: datetime.date | None = cleaned.get("published_from")
        end: datetime.date | None = cleaned.get("published_to")
        if start and end and start > end:
            raise forms.ValidationError("The start date is after the end date.")
        return cleaned

    def valid_data(self) -> dict[str, object]:
        """The cleaned filters (empty when the form is unbound or invalid)."""
        if not self.is_bound or not self.is_valid():
            return {}
        return self.cleaned_data


class StoryFilterForm(OutletPeriodForm):
    """The stories list: a period and an outlet (a story with a report in them), and words."""

    q = forms.CharField(label="Search", required=False, max_length=200)

    def filters(self) -> StoryFilters:
        data = self.valid_data()
        return StoryFilters(
            query=str(data.get("q") or ""),
            outlet=str(data.get("outlet") or ""),
            published_from=data.get("published_from"),  # type: ignore[arg-type]
            published_to=data.get("published_to"),  # type: ignore[arg-type]
        )
