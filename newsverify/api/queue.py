"""The review queue's query parameters in the API: the web queue's form, and their OpenAPI description.

The web queue leaves a filter it cannot read out; the API answers 400 with the form's errors instead,
so a client's typo does not silently widen what it gets.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from drf_spectacular.utils import OpenApiParameter

from newsverify.review.forms import ClaimQueueForm

DESCRIPTIONS = {
    "q": "Claim text or article title contains this.",
    "status": "Only claims in this review status.",
    "depth": "Only claims at this depth: 0 own reporting, 1 firsthand, 2 secondhand, 3 third-hand or deeper.",
    "kind": "Only claims of this kind.",
    "source": "A source of the chain has this in its name or an alias.",
    "source_id": "A source of the chain is this one (its id).",
    "source_type": "A source of the chain is of this type.",
    "never_verified": "Only chains none of whose sources was ever in a verified chain.",
    "publisher": "The article's publisher contains this.",
    "published_from": "The article was published on or after this day.",
    "published_to": "The article was published on or before this day.",
    "assignee": "`me`, `none` (unassigned) or a user id.",
    "flagged": "Only claims with an open flag.",
    "sort": "The order: newest article first (the default), oldest, deepest chain first, or by review status.",
}


class ClaimQueueParams(ClaimQueueForm):
    """``ClaimQueueForm``, refusing an assignee that is not ``me``, ``none`` or a user id."""

    def clean_assignee(self) -> str:
        assignee = (self.cleaned_data.get("assignee") or "").strip()
        if assignee and assignee not in ("me", "none") and not assignee.isdigit():
            raise forms.ValidationError("Either “me”, “none” or a user id.", code="invalid")
        return assignee


def _parameter_type(field: forms.Field) -> type[Any]:
    if isinstance(field, forms.BooleanField):
        return bool
    if isinstance(field, forms.IntegerField):
        return int
    if isinstance(field, forms.DateField):
        return datetime.date
    return str


def queue_parameters() -> list[OpenApiParameter]:
    """One query parameter per field of the queue's form, with the choices of the choice fields."""
    return [
        OpenApiParameter(
            name,
            _parameter_type(field),
            description=DESCRIPTIONS.get(name) or str(field.help_text or field.label or ""),
            enum=[value for value, _ in field.choices if value != ""] if isinstance(field, forms.ChoiceField) else None,
        )
        for name, field in ClaimQueueParams.base_fields.items()
    ]
