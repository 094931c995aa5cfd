"""Turning uploaded bytes into article text, with a clear reason whenever that is not possible."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

HTML_SUFFIXES = (".html", ".htm")
TEXT_SUFFIXES = (".txt", ".md", ".markdown")
ACCEPTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES

_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)


class UploadRejected(Exception):
    """The upload cannot become an article; ``str(exc)`` says why, in words for the uploader."""


@dataclass(frozen=True)
class ArticleDraft:
    text: str
    title: str = ""
    url: str = ""
    published_on: str = ""  # ISO date as found in the page, if any
    publisher: str = ""


def _visible(ch: str) -> bool:
    """A character that shows: not a space, a control or a format character (zero-width space, ...)."""
    return not ch.isspace() and unicodedata.category(ch)[0] not in "CZ"


def text_check(text: str, *, max_chars: int, label: str = "The text") -> str:
    if not text.strip():
        raise UploadRejected(f"{label} is empty.")
    if len(text) > max_chars:
        raise UploadRejected(
            f"{label} is {len(text):,} characters long; the limit is {max_chars:,}. Split it into several articles."
        )
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if "\x00" in text or control > max(5, len(text) // 1000):
        raise UploadRejected(
            f"{label} contains control characters, as binary files do; it does not look like an article."
        )
    if not any(_visible(ch) for ch in text):
        raise UploadRejected(f"{label} has no visible text: only invisible characters such as zero-width spaces.")
    return text


def _size(count: int) -> str:
    if count >= 1_048_576:
        return f"{count / 1_048_576:.1f} MB"
    if count >= 1024:
        return f"{count / 1024:.1f} KB"
    return f"{count} bytes"


def _decode(data: bytes, *, name: str, declared: str | None = None) -> str:
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                label = encoding.upper().removesuffix("-SIG")
                raise UploadRejected(
                    f"{name} starts like {label} text but is not valid {label} (at byte {exc.start:,}). "
                    "Save it as UTF-8 and upload it again."
                ) from None
    if b"\x00" in data[:4096]:
        raise UploadRejected(f"{name} is a binary file, not text. Upload .txt, .md or .html files.")
    encodings = [declared, "utf-8"] if declared else ["utf-8"]
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UploadRejected(
            f"{name} is not valid UTF-8 (byte 0x{data[exc.start]:02X} at position {exc.start:,}). "
            "Save it as UTF-8 and upload it again."
        ) from None
    raise AssertionError("unreachable")


def _web_address_or_blank(url: str) -> str:
    """A page's own claim about its URL is untrusted: keep it only if it is an http(s) address."""
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        return ""
    return url


def html_to_draft(html: str) -> ArticleDraft:
    """Article text and metadata from a news page, via trafilatura (boilerplate, scripts and markup go)."""
    import trafilatura

    document = trafilatura.bare_extraction(
        html, include_comments=False, include_tables=False, favor_precision=True, with_metadata=True, as_dict=False
    )
    if document is None or not (document.text or "").strip():
        return ArticleDraft(text="")
    # trafilatura ends paragraphs with one newline; articles here separate paragraphs with a blank line.
    paragraphs = [line.strip() for line in document.text.split("\n") if line.strip()]
    return ArticleDraft(
        text="\n\n".join(paragraphs),
        title=document.title or "",
        url=_web_address_or_blank(document.url or ""),
        published_on=document.date or "",
        publisher=document.sitename or "",
    )


def upload_to_draft(*, name: str, data: bytes, max_bytes: int, max_chars: int, size: int | None = None) -> ArticleDraft:
    """An uploaded file as an article draft, or UploadRejected with the reason.

    ``size`` is the file's full size when ``data`` holds only its first ``max_bytes + 1`` bytes.
    """
    lowered = name.lower()
    if not lowered.endswith(ACCEPTED_SUFFIXES):
        raise UploadRejected(f"{name}: only .txt, .md and .html files can be uploaded.")
    size = max(size or 0, len(data))
    if size > max_bytes:
        raise UploadRejected(f"{name} is {_size(size)}; the limit is {_size(max_bytes)} per file.")
    if not data.strip():
        raise UploadRejected(f"{name} is empty.")
    if lowered.endswith(HTML_SUFFIXES):
        match = _DECLARED_CHARSET.search(data[:4096])
        declared = match.group(1).decode("ascii", "ignore") if match else None
        draft = html_to_draft(_decode(data, name=name, declared=declared))
        if not draft.text.strip():
            raise UploadRejected(f"{name}: no article text was found in this page.")
    else:
        draft = ArticleDraft(text=_decode(data, name=name))
    text_check(draft.text, max_chars=max_chars, label=name)
    return draft
