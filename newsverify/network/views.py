"""The relay network: a page that draws it, and the same data as JSON, GraphML and GEXF."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from newsverify.articles.selectors import publishers_known
from newsverify.network import dashboards, graph_files, selectors
from newsverify.network.forms import DashboardFilterForm, NetworkFilterForm

GRAPH_FILES = {
    "graphml": (graph_files.graphml_lines, "application/graphml+xml; charset=utf-8"),
    "gexf": (graph_files.gexf_lines, "application/gexf+xml; charset=utf-8"),
}


def _reviewer_only(request: HttpRequest) -> None:
    if not request.user.has_perm("review.view_claim"):
        raise PermissionDenied


def _form(request: HttpRequest) -> NetworkFilterForm:
    _reviewer_only(request)
    return NetworkFilterForm(request.GET or None)


@login_required
@require_GET
def network_page(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    filters = form.filters()
    network = selectors.relay_network(filters)
    context = {
        "form": form,
        "network": network,
        "graph": network.as_json(),
        "relays": network.heaviest_edges(),
        "mutual": selectors.mutual_relays(network),
        "query": filters.query(),
        "outlets": publishers_known(),
    }
    return render(request, "network/network.html", context)


@login_required
@require_GET
def network_data(request: HttpRequest, fmt: str) -> HttpResponse:
    form = _form(request)
    if form.is_bound and not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    network = selectors.relay_network(form.filters())
    if fmt == "json":
        return JsonResponse(network.as_json())
    if fmt not in GRAPH_FILES:
        raise Http404
    lines, content_type = GRAPH_FILES[fmt]
    base_url = request.build_absolute_uri("/").rstrip("/")
    response = StreamingHttpResponse(lines(network, base_url=base_url), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="newsverify-network.{fmt}"'
    return response


@login_required
@require_GET
def outlet_dashboard(request: HttpRequest) -> HttpResponse:
    """Per outlet: depth of its claims, anonymous origins, the origins it relies on, over time;
    and the discrepancy board. Each chart has a table of the same figures beside it."""
    _reviewer_only(request)
    form = DashboardFilterForm(request.GET or None)
    filters = form.filters()
    outlets = dashboards.outlet_rows(filters)
    months = dashboards.months(filters)
    charts = {
        "bands": list(dashboards.DEPTH_LABELS.values()),
        "outlets": [
            {"label": row.outlet, "shares": row.shares, "anonymous": round(row.anonymous_share, 4)} for row in outlets
        ],
        "months": [
            {"label": row.month.strftime("%b %Y"), "counts": [row.by_band[b] for b in dashboards.BANDS]}
            for row in months
        ],
    }
    context = {
        "form": form,
        "filters": filters,
        "bands": dashboards.DEPTH_LABELS,
        "outlets": outlets,
        "months": months,
        "origins": dashboards.relied_on_origins(filters),
        "board": dashboards.board_entries(filters),
        "repeated": dashboards.repeated_unverified(filters),
        "charts": charts,
        "outlet_names": publishers_known(),
    }
    return render(request, "network/dashboards.html", context)
