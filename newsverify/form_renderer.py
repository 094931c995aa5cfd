"""Form widgets rendered without a template per option (``FORM_RENDERER``, issue 9).

Django renders a ``<select>`` through a template that includes one template per option and one
more for each element's attributes: a filter form of five selects cost the review queue about 8 ms
on every request. This renderer writes the same HTML for the plain widgets (``select``, ``input``
and the input types built on it) directly, with the same escaping; every other widget, and any
template a project overrides (the check is made once, on the template Django would load), still
goes through Django's templates.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any

import django.forms
from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

WIDGETS = "django/forms/widgets/"
INPUTS = frozenset(
    WIDGETS + name
    for name in (
        "input.html",
        "text.html",
        "search.html",
        "number.html",
        "email.html",
        "url.html",
        "tel.html",
        "password.html",
        "hidden.html",
        "date.html",
        "datetime.html",
        "time.html",
        "color.html",
    )
)
SELECT = WIDGETS + "select.html"
OPTION = WIDGETS + "select_option.html"


def _text(value: Any) -> str:
    """``{{ value|stringformat:'s' }}``: the value as a string, escaped unless already safe."""
    return str(conditional_escape(value if hasattr(value, "__html__") else str(value)))


def attrs_html(attrs: dict[str, Any]) -> str:
    """``attrs.html``: `` name="value"`` for each attribute, the name alone for True, nothing for False."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        shown = conditional_escape(name)
        parts.append(f" {shown}" if value is True else f' {shown}="{_text(value)}"')
    return "".join(parts)


def input_html(widget: dict[str, Any]) -> SafeString:
    value = widget["value"]
    shown = f' value="{_text(value)}"' if value is not None else ""
    return mark_safe(  # noqa: S308  # nosec B703 B308 - every part is escaped
        f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"'
        f"{shown}{attrs_html(widget['attrs'])}>"
    )


def select_html(widget: dict[str, Any]) -> SafeString:
    """``select.html`` with its options (each ``select_option.html``)."""
    parts = [f'<select name="{conditional_escape(widget["name"])}"{attrs_html(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            parts.append(
                f'\n  <option value="{_text(option["value"])}"{attrs_html(option["attrs"])}>'
                f"{conditional_escape(option['label'])}</option>\n"  # the option template ends with a newline
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))  # noqa: S308  # nosec B703 B308 - every part is escaped


class FastWidgetRenderer(DjangoTemplates):
    """Django's template renderer, with selects and inputs written in Python (the same HTML)."""

    @cached_property
    def _django_own(self) -> frozenset[str]:
        """The templates written here that resolve to Django's own files (none overridden)."""
        own = Path(django.forms.__file__).parent / "templates"
        return frozenset(
            name
            for name in (*INPUTS, SELECT, OPTION, WIDGETS + "attrs.html")
            if Path(self.get_template(name).origin.name).is_relative_to(own)
        )

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        widget = context.get("widget")
        own = self._django_own
        if widget is None or widget.get("template_name") != template_name or WIDGETS + "attrs.html" not in own:
            return super().render(template_name, context, request=request)
        if template_name in INPUTS and template_name in own:
            return input_html(widget)
        if template_name == SELECT and {SELECT, OPTION} <= own:
            options = [option for _group, choices, _index in widget["optgroups"] for option in choices]
            if all(option.get("template_name") == OPTION for option in options):
                return select_html(widget)
        return super().render(template_name, context, request=request)
