from __future__ import annotations

import datetime

from django import forms

from newsverify.network.selectors import NetworkFilters, source_type_choices


class NetworkFilterForm(forms.Form):
    published_from = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    published_to = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    outlet = forms.CharField(label="Outlet", required=False, max_length=300)
    source_type = forms.ChoiceField(label="Chains with a source of type", required=False, choices=source_type_choices)
    topic = forms.CharField(label="Topic", required=False, max_length=200, help_text="Words in the claim or the title")

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean()
        start: datetime.date | None = cleaned.get("published_from")
        end: datetime.date | None = cleaned.get("published_to")
        if start and end and start > end:
            raise forms.ValidationError("The start date is after the end date.")
        return cleaned

    def filters(self) -> NetworkFilters:
        """The valid filters (all empty when the form is unbound or invalid)."""
        if not self.is_bound or not self.is_valid():
            return NetworkFilters()
        data = self.cleaned_data
        return NetworkFilters(
            published_from=data.get("published_from"),
            published_to=data.get("published_to"),
            outlet=data.get("outlet", ""),
            source_type=data.get("source_type", ""),
            topic=data.get("topic", ""),
        )
