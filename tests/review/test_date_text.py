"""The rows' dates (``review.rows.date_text``) are written as the ``date`` filter writes them."""

from __future__ import annotations

import datetime
import zoneinfo

from django.template import Context, Template
from django.test import override_settings
from django.utils import timezone

from newsverify.review.rows import date_text

DATES = [datetime.date(1, 1, 1), datetime.date(999, 2, 28), datetime.date(2024, 2, 29), datetime.date(2026, 12, 31)]
TIMES = [
    datetime.datetime(2024, 3, 31, 0, 59, 59, 123456, tzinfo=datetime.UTC),
    datetime.datetime(2024, 10, 27, 23, 5, tzinfo=datetime.UTC),
    datetime.datetime(2026, 1, 1, 9, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Kolkata")),
]


def _filtered(value: object, pattern: str) -> str:
    """``{{ value|date:pattern }}`` as a template writes it (aware datetimes in the current time zone)."""
    return Template("{{ value|date:pattern }}").render(Context({"value": value, "pattern": pattern}))


def test_every_pattern_the_rows_use_is_written_as_the_template_writes_it() -> None:
    for zone in ("UTC", "Europe/London", "America/St_Johns"):
        with override_settings(TIME_ZONE=zone), timezone.override(zone):
            for value in TIMES:
                for pattern in ("j M Y", "Y-m-d", "c", "j M H:i", "D j F"):
                    assert date_text(value, pattern) == _filtered(value, pattern), (zone, value, pattern)
    for value in DATES:
        for pattern in ("j M Y", "Y-m-d", "c", "N j, Y"):
            assert date_text(value, pattern) == _filtered(value, pattern), (value, pattern)
    assert date_text(None, "c") == date_text("", "c") == ""
