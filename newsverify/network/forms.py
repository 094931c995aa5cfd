from __future__ import annotations

import datetime

from django import forms

from newsverify.network.dashboards import DashboardFilters
from newsverify.network.selectors import NetworkFilters, source_type_choices


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


class NetworkFilterForm(OutletPeriodForm):
    source_type = forms.ChoiceField(label="Chains with a source of type", required=False, choices=source_type_choices)
    topic = forms.CharField(label="Topic", required=False, max_length=200, help_text="Words in the claim or the title")

    def filters(self) -> NetworkFilters:
        data = self.valid_data()
        return NetworkFilters(
            published_from=data.get("published_from"),  # type: ignore[arg-type]
            published_to=data.get("published_to"),  # type: ignore[arg-type]
            outlet=str(data.get("outlet") or ""),
            source_type=str(data.get("source_type") or ""),
            topic=str(data.get("topic") or ""),
        )


class DashboardFilterForm(OutletPeriodForm):
    def filters(self) -> DashboardFilters:
        data = self.valid_data()
        return DashboardFilters(
            published_from=data.get("published_from"),  # type: ignore[arg-type]
            published_to=data.get("published_to"),  # type: ignore[arg-type]
            outlet=str(data.get("outlet") or ""),
        )
