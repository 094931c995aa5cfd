"""The fast widget renderer writes exactly what Django's widget templates write."""

from __future__ import annotations

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from newsverify.articles.forms import ArticleFilterForm
from newsverify.form_renderer import FastWidgetRenderer
from newsverify.review.forms import AuditFilterForm, ClaimQueueForm
from newsverify.sources.forms import SourceFilterForm

NASTY = "\"><script>alert('x')</script>&amp;"


class EveryWidget(forms.Form):
    text = forms.CharField(widget=forms.TextInput(attrs={"placeholder": NASTY, "autofocus": True, "hidden": False}))
    search = forms.CharField(widget=forms.TextInput(attrs={"type": "search"}))
    number = forms.IntegerField(min_value=0)
    when = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    hidden = forms.CharField(widget=forms.HiddenInput)
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True))
    url = forms.URLField(assume_scheme="https")
    choice = forms.ChoiceField(choices=[("", "Any"), ("a", "A & B"), (NASTY, NASTY), ("3", 3)])
    grouped = forms.ChoiceField(choices=[("", "None"), ("Group <1>", [("x", "X"), ("y", "Y")]), ("z", "Z")])
    many = forms.MultipleChoiceField(choices=[("1", "One"), ("2", "Two"), ("3", "Three")])
    flag = forms.BooleanField(required=False)
    note = forms.CharField(widget=forms.Textarea)
    pick = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)


BOUND = {
    "text": NASTY,
    "search": "q",
    "number": "12",
    "when": "2024-02-29",
    "hidden": NASTY,
    "secret": "pw",
    "url": "https://example.org/?a=1&b=2",
    "choice": NASTY,
    "grouped": "y",
    "many": ["1", "3"],
    "flag": "on",
    "note": NASTY,
    "pick": "b",
}


def _render(form: forms.Form, renderer) -> dict[str, str]:
    form.renderer = renderer
    return {name: str(form[name]) for name in form.fields}


FORMS = [
    lambda: EveryWidget(),
    lambda: EveryWidget(BOUND),
    lambda: EveryWidget(initial={"when": datetime.date(2024, 1, 2), "choice": "a", "number": 0}),
    lambda: ClaimQueueForm({"status": "verified", "depth": "3", "sort": "deepest", "published_from": "2024-01-01"}),
    lambda: ClaimQueueForm(None),
    lambda: ArticleFilterForm({"status": "done", "q": NASTY}),
    lambda: AuditFilterForm(None, actors=[]),
    lambda: SourceFilterForm({"type": "person", "q": "x"}),
]


@pytest.mark.parametrize("make", FORMS)
def test_every_widget_is_written_as_django_writes_it(make) -> None:
    fast, django_own = FastWidgetRenderer(), DjangoTemplates()
    expected = _render(make(), django_own)
    assert _render(make(), fast) == expected
    # Escaped, not passed through.
    assert "<script>" not in "".join(expected.values())


def test_it_writes_selects_and_inputs_itself() -> None:
    """Not merely falling back: a select's options are not rendered through a template."""
    fast = FastWidgetRenderer()
    calls: list[str] = []
    real = fast.engine.get_template

    def counting(name: str):
        calls.append(name)
        return real(name)

    fast._django_own  # noqa: B018 - resolved once, before counting
    fast.engine.get_template = counting  # type: ignore[method-assign]
    form = EveryWidget(BOUND)
    form.renderer = fast
    str(form["choice"]), str(form["text"]), str(form["when"])
    assert calls == []
    str(form["pick"])  # a radio select still goes through its templates
    assert calls
