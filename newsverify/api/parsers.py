"""Request parsers for the API."""

from __future__ import annotations

from typing import Any

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class GuardedJSONParser(JSONParser):
    """DRF's JSON parser, answering 400 to JSON nested deeper than Python's recursion allows.

    ``json.loads`` recurses once per nesting level: ``[[[[...]]]]`` 1,000 deep raises RecursionError,
    which DRF does not catch (a 500, to anonymous callers too, since parsing comes before permissions).
    """

    def parse(self, stream: Any, media_type: str | None = None, parser_context: dict[str, Any] | None = None) -> Any:
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("JSON parse error - the document is nested too deeply.") from None
