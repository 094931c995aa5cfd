from __future__ import annotations

from django import forms

from newsverify.network.dashboards import DashboardFilters
from newsverify.network.selectors import NetworkFilters, source_type_choices
from newsverify.stories.forms import OutletPeriodForm


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
