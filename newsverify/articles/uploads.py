"""Turning uploaded bytes into article text, with a clear reason whenever that is not possible."""

from __future__ import annotations

import codecs
import dataclasses
import datetime
import encodings
import encodings.aliases
import re
import unicodedata
from dataclasses import dataclass

from newsverify.web_address import web_address_check

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
    encoding_note: str = ""  # set when the file's encoding had to be guessed


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


# When the bytes fit several legacy encodings equally well, the one the web uses most for the
# language wins (WHATWG's defaults: a page labelled latin-1 is decoded as windows-1252 by browsers too).
_PREFERRED_LEGACY = ("cp1252", "cp1251", "cp1250", "cp1253", "cp1254", "cp1257", "iso8859_15", "latin_1")
_ENCODING_NAMES = {"cp1252": "Windows-1252", "cp1251": "Windows-1251", "cp1250": "Windows-1250", "latin_1": "Latin-1"}


@dataclass(frozen=True)
class Decoded:
    text: str
    guessed: str = ""  # the encoding assumed when the file is neither UTF-8 nor what it declares


def _guess_encoding(data: bytes) -> str | None:
    """The likeliest legacy encoding of ``data`` (charset-normalizer), or None if it is no text."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return None
    least = min(match.chaos for match in matches)
    plausible = {name for match in matches if match.chaos <= least + 0.01 for name in match.could_be_from_charset}
    for encoding in _PREFERRED_LEGACY:
        if encoding in plausible:
            try:
                data.decode(encoding)
            except UnicodeDecodeError:
                continue
            return encoding
    return matches[0].encoding


def _text_codec(label: str | None) -> str | None:
    """Python's codec for a page's declared charset, if it is a character encoding at all.

    A page names what it likes: "undefined" is a codec that refuses everything, "unicode_escape"
    or "punycode" would turn bytes into other bytes; only charsets charset-normalizer knows count.
    """
    from charset_normalizer.constant import IANA_SUPPORTED

    try:
        name = encodings.normalize_encoding(codecs.lookup(label or "").name)
    except LookupError:
        return None
    name = encodings.aliases.aliases.get(name, name)
    return name if name in IANA_SUPPORTED else None


def _decode(data: bytes, *, name: str, declared: str | None = None) -> Decoded:
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding))
            except UnicodeDecodeError as exc:
                label = encoding.upper().removesuffix("-SIG")
                raise UploadRejected(
                    f"{name} starts like {label} text but is not valid {label} (at byte {exc.start:,}). "
                    "Save it as UTF-8 and upload it again."
                ) from None
    if b"\x00" in data[:4096]:
        raise UploadRejected(f"{name} is a binary file, not text. Upload .txt, .md or .html files.")
    if codec := _text_codec(declared):
        try:
            return Decoded(data.decode(codec))
        except UnicodeError:
            pass
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        utf8_error = exc
    guessed = _guess_encoding(data)
    if guessed is None:
        raise UploadRejected(
            f"{name} is not valid UTF-8 (byte 0x{data[utf8_error.start]:02X} at position {utf8_error.start:,}) "
            "and does not read as text in any other encoding. Save it as UTF-8 and upload it again."
        )
    return Decoded(data.decode(guessed), guessed=_ENCODING_NAMES.get(guessed, guessed))


def _web_address_or_blank(url: str) -> str:
    """A page's own claim about its URL is untrusted: keep it only if it is an http(s) address."""
    try:
        return web_address_check(url)
    except ValueError:
        return ""


def html_to_draft(html: str) -> ArticleDraft:
    """Article text and metadata from a news page, via trafilatura (boilerplate, scripts and markup go)."""
    import trafilatura

    document = trafilatura.bare_extraction(
        html,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        with_metadata=True,
        as_dict=False,
        # Only a date the page states (its metadata, a byline's <time>): no guess from a copyright
        # footer or a date somewhere in the text, which would be shown as the publication date.
        date_extraction_params={
            "extensive_search": False,
            "original_date": True,
            "max_date": datetime.date.today().isoformat(),
        },
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
        decoded = _decode(data, name=name, declared=declared)
        draft = html_to_draft(decoded.text)
        if not draft.text.strip():
            raise UploadRejected(f"{name}: no article text was found in this page.")
    else:
        decoded = _decode(data, name=name)
        draft = ArticleDraft(text=decoded.text)
    text_check(draft.text, max_chars=max_chars, label=name)
    if decoded.guessed:
        note = f"{name} is not UTF-8; it was read as {decoded.guessed}. Check its accents and quotation marks."
        draft = dataclasses.replace(draft, encoding_note=note)
    return draft
