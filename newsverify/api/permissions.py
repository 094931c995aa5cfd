"""The web app's roles, for the API: read with any newsroom role, submit with the Editor's, review as on the web."""

from __future__ import annotations

from rest_framework.permissions import BasePermission

READ_PERMISSION = "articles.view_article"
SUBMIT_PERMISSION = "articles.add_article"
REANALYSE_PERMISSION = "articles.reanalyse_article"


class NewsroomReader(BasePermission):
    message = "Your account has no newsroom role (Editor or Fact-checker)."

    def has_permission(self, request, view) -> bool:  # type: ignore[no-untyped-def]
        return bool(request.user and request.user.has_perm(READ_PERMISSION))


class ArticleSubmitter(BasePermission):
    """Reading as NewsroomReader; creating an article needs the Editor's permission to upload, and
    re-analysing one the permission the web's Re-analyse button asks (Editor or Fact-checker)."""

    MESSAGES = {
        SUBMIT_PERMISSION: "Submitting articles needs the Editor role.",
        REANALYSE_PERMISSION: "Re-analysing articles needs a newsroom role (Editor or Fact-checker).",
    }
    NEEDED = {"create": SUBMIT_PERMISSION, "reanalyse": REANALYSE_PERMISSION}

    def has_permission(self, request, view) -> bool:  # type: ignore[no-untyped-def]
        needed = self.NEEDED.get(getattr(view, "action", None))
        if needed is None and request.method == "POST":
            needed = SUBMIT_PERMISSION
        if needed is None or (request.user and request.user.has_perm(needed)):
            return True
        self.message = self.MESSAGES[needed]
        return False


class ReviewRole(BasePermission):
    """What the web's review views ask for the same thing.

    The view names the permission each of its actions needs in ``review_permissions``; actions it
    does not name need none beyond the view's other permission classes.
    """

    MESSAGES = {
        "review.view_claim": "The review queue needs a newsroom role (Editor or Fact-checker).",
        "review.flag_claim": "Flagging claims needs the Editor role.",
        "review.record_verdict": "Review statuses, verdicts and hop confirmations need the Fact-checker role.",
        "review.assign_claim": "Assigning claims needs a newsroom role (Editor or Fact-checker).",
        "review.comment_claim": "Commenting on claims needs a newsroom role (Editor or Fact-checker).",
        "review.correct_claim": "Correcting claims needs a newsroom role (Editor or Fact-checker).",
    }

    def has_permission(self, request, view) -> bool:  # type: ignore[no-untyped-def]
        needed = getattr(view, "review_permissions", {}).get(getattr(view, "action", None))
        if needed is None or (request.user and request.user.has_perm(needed)):
            return True
        self.message = self.MESSAGES.get(needed, "Your role does not allow this.")
        return False


class ClaimCorrector(BasePermission):
    """Reading as NewsroomReader; adding a claim (POST) needs the permission to correct claims."""

    message = ReviewRole.MESSAGES["review.correct_claim"]

    def has_permission(self, request, view) -> bool:  # type: ignore[no-untyped-def]
        if request.method == "POST":
            return bool(request.user and request.user.has_perm("review.correct_claim"))
        return True
