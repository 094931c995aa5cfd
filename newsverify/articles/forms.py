from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from newsverify.articles.models import ArticleStatus
from newsverify.articles.services import ArticleRejected, article_text_check
from newsverify.articles.uploads import ACCEPTED_SUFFIXES
from newsverify.web_address import web_address_validator


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):  # type: ignore[no-untyped-def]
        if not data:
            return []
        files = data if isinstance(data, (list, tuple)) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class ArticleUploadForm(forms.Form):
    text = forms.CharField(
        label="Article text",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false"}),
        help_text="Paste the article, or choose files below.",
    )
    files = MultipleFileField(
        label="Or files",
        required=False,
        widget=MultipleFileInput(attrs={"accept": ",".join(ACCEPTED_SUFFIXES)}),
    )
    title = forms.CharField(max_length=500, required=False, help_text="Defaults to the first line, or the page title.")
    publisher = forms.CharField(
        max_length=300, required=False, help_text="The outlet you are reading; leave blank if unknown."
    )
    url = forms.URLField(
        label="URL",
        max_length=2000,
        required=False,
        assume_scheme="https",
        validators=[web_address_validator],
    )
    published_on = forms.DateField(label="Published", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean_files(self) -> list[UploadedFile]:
        files = self.cleaned_data["files"]
        limit = settings.NEWSVERIFY_MAX_UPLOAD_FILES
        if len(files) > limit:
            raise forms.ValidationError(f"{len(files)} files were chosen; upload at most {limit} at a time.")
        return files

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        if text.strip():
            try:
                article_text_check(text, label="The pasted text")
            except ArticleRejected as exc:
                raise forms.ValidationError(str(exc)) from None
        return text

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean()
        has_text = bool(cleaned.get("text", "").strip())
        files = cleaned.get("files") or []
        if "text" in self.errors or "files" in self.errors:
            return cleaned
        if not has_text and not files:
            if self.data.get("text"):
                self.add_error("text", "The pasted text is empty: it holds only spaces and line breaks.")
            else:
                raise forms.ValidationError("Paste the article text or choose at least one file.")
        if has_text and files:
            raise forms.ValidationError("Paste text or choose files, not both: it is unclear which one you meant.")
        return cleaned


class ArticleFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False)
    status = forms.ChoiceField(choices=[("", "Any status"), *ArticleStatus.choices], required=False)
    publisher = forms.CharField(required=False)
    depth = forms.ChoiceField(
        label="Has claims at",
        required=False,
        choices=[("", "Any depth"), ("1", "Firsthand (1)"), ("2", "Secondhand (2)"), ("3", "Third-hand+ (3+)")],
    )
    published_from = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    published_to = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean()
        start: datetime.date | None = cleaned.get("published_from")
        end: datetime.date | None = cleaned.get("published_to")
        if start and end and start > end:
            cleaned["published_from"], cleaned["published_to"] = end, start
        return cleaned
