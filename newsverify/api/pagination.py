"""The API's pages: counted only up to a cap, so a list's cost does not grow with the archive."""

from __future__ import annotations

from typing import Any

from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from newsverify.paging import CappedPaginator


class CappedPagination(PageNumberPagination):
    """DRF's page-number pages with ``newsverify.paging.CappedPaginator``.

    ``count`` is exact while ``count_exact`` is true; past the cap it is the cap and ``count_exact``
    false. ``next`` is null on the last page either way.
    """

    django_paginator_class = CappedPaginator

    def get_paginated_response(self, data: Any) -> Response:
        paginator = self.page.paginator
        exact = not paginator.is_capped
        return Response(
            {
                "count": paginator.count if exact else paginator.cap,
                "count_exact": exact,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        answer = super().get_paginated_response_schema(schema)
        answer["properties"]["count_exact"] = {
            "type": "boolean",
            "description": "Whether count is exact; false: there are more than count.",
        }
        return answer
