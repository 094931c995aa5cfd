"""The relay network: a page that draws it, and the same data as JSON, GraphML and GEXF."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from newsverify.articles.selectors import publishers_known
from newsverify.network import graph_files, selectors
from newsverify.network.forms import NetworkFilterForm

GRAPH_FILES = {
    "graphml": (graph_files.graphml_lines, "application/graphml+xml; charset=utf-8"),
    "gexf": (graph_files.gexf_lines, "application/gexf+xml; charset=utf-8"),
}


def _form(request: HttpRequest) -> NetworkFilterForm:
    if not request.user.has_perm("review.view_claim"):
        raise PermissionDenied
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
