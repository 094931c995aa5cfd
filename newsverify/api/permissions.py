"""The web app's roles, for the API: read with any newsroom role, submit with the Editor's."""

from __future__ import annotations

from rest_framework.permissions import BasePermission

READ_PERMISSION = "articles.view_article"
SUBMIT_PERMISSION = "articles.add_article"


class NewsroomReader(BasePermission):
    message = "Your account has no newsroom role (Editor or Fact-checker)."

    def has_permission(self, request, view) -> bool:  # type: ignore[no-untyped-def]
        return bool(request.user and request.user.has_perm(READ_PERMISSION))


class ArticleSubmitter(BasePermission):
    """Reading as NewsroomReader; creating an article needs the Editor's permission to upload."""

    message = "Submitting articles needs the Editor role."

    def has_permission(self, request, view) -> bool:  # type: ignore[no-untyped-def]
        if request.method == "POST":
            return bool(request.user and request.user.has_perm(SUBMIT_PERMISSION))
        return True
