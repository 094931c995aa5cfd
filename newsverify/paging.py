"""A paginator for lists that grow with the archive: it counts at most ``cap`` rows.

Django's paginator counts every row the list could show before it shows fifty, which costs as
much as the whole table. This one counts up to ``cap`` (a ``LIMIT`` inside the ``COUNT``), shows
"more than 1,000" past that, and knows whether a next page exists by fetching one row more.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator

COUNT_CAP = 1000


def count_label(count: int, *, cap: int = COUNT_CAP) -> str:
    """A capped count in words: "12", or "1000+" past the cap."""
    return f"{cap}+" if count > cap else str(count)


class CappedPage(Page):
    def __init__(self, object_list: Any, number: int, paginator: CappedPaginator, *, more: bool) -> None:
        super().__init__(object_list, number, paginator)
        self.more = more

    def has_next(self) -> bool:
        return self.more


class CappedPaginator(Paginator):
    """``count`` is exact up to ``cap``, else ``cap + 1`` (``is_capped``); pages past it are still reachable."""

    def __init__(self, object_list: Any, per_page: int, *, cap: int = COUNT_CAP) -> None:
        super().__init__(object_list, per_page)
        self.cap = cap

    @cached_property
    def count(self) -> int:
        rows = self.object_list
        if isinstance(rows, list):
            return len(rows[: self.cap + 1])
        # Only the ids: the order, the joins, the prefetches and the counted columns of the rows shown
        # change nothing in how many rows there are.
        rows = rows.order_by().prefetch_related(None)
        if rows.query.select_related:  # (a values() list has no joins to drop, and refuses the call)
            rows = rows.select_related(None)
        return rows.values("pk")[: self.cap + 1].count()

    @property
    def is_capped(self) -> bool:
        return self.count > self.cap

    def validate_number(self, number: Any) -> int:
        if not self.is_capped:
            return super().validate_number(number)
        try:
            number = int(number)
        except (TypeError, ValueError) as exc:
            raise PageNotAnInteger("That page number is not an integer") from exc
        if number < 1:
            raise EmptyPage("That page number is less than 1")
        return number

    def page(self, number: Any) -> CappedPage:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        return CappedPage(rows[: self.per_page], number, self, more=len(rows) > self.per_page)

    def get_page(self, number: Any) -> CappedPage:
        try:
            number = self.validate_number(number)
        except PageNotAnInteger:
            number = 1
        except EmptyPage:
            number = max(self.num_pages, 1)
        return self.page(number)
