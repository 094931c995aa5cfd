"""The staff page: how the current engine scores against the reviewers' corrections."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseStopPolling

from newsverify.accuracy import selectors, services
from newsverify.htmx import wants_fragment


def _staff_only(request: HttpRequest) -> None:
    if not request.user.is_staff:
        raise PermissionDenied


@login_required
@require_GET
def accuracy_overview(request: HttpRequest) -> HttpResponse:
    _staff_only(request)
    overview = selectors.accuracy_overview()
    context = {"overview": overview}
    if wants_fragment(request):
        # The report polls while a run is pending; once it is done, it is swapped in and polling stops.
        response = render(request, "accuracy/accuracy.html#report", context)
        if overview.pending is None:
            response.status_code = HttpResponseStopPolling.status_code
        return response
    return render(request, "accuracy/accuracy.html", context)


@login_required
@require_POST
def accuracy_score(request: HttpRequest) -> HttpResponse:
    """Queue a scoring run of the current engine (a worker runs it)."""
    _staff_only(request)
    score = services.engine_score_request(by=request.user)
    messages.success(
        request, f"Scoring run {score.pk} is queued: the engine reads every reviewed article, then this page updates."
    )
    return redirect("accuracy")
