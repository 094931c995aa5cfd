from __future__ import annotations

import io

from django.core.management import call_command
from openapi_spec_validator import validate
from rest_framework.test import APIClient

from newsverify.review.forms import ClaimQueueForm


def test_the_schema_is_valid_openapi_and_lists_the_endpoints(editor_api):
    response = editor_api.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    validate(schema)
    assert schema["openapi"].startswith("3.")
    assert {
        "/api/v1/articles/",
        "/api/v1/articles/{id}/",
        "/api/v1/articles/{id}/claims/",
        "/api/v1/claims/",
        "/api/v1/claims/{id}/",
        "/api/v1/claims/{id}/flag/",
        "/api/v1/claims/{id}/verdict/",
        "/api/v1/claims/{id}/hops/{position}/confirm/",
        "/api/v1/claims/{id}/hops/{position}/reopen/",
        "/api/v1/claims/{id}/assign/",
        "/api/v1/claims/{id}/comments/",
        "/api/v1/claims/{id}/claimreview/",
        "/api/v1/claims/{id}/prov/",
        "/api/v1/claims/{id}/prov/turtle/",
        "/api/v1/claims/export.csv/",
        "/api/v1/sources/",
        "/api/v1/sources/{id}/",
        "/api/v1/auth/token/",
    } <= set(schema["paths"])
    assert "post" in schema["paths"]["/api/v1/articles/"]
    assert {"tokenAuth", "cookieAuth"} <= set(schema["components"]["securitySchemes"])


def test_the_schema_describes_the_review_queue_and_actions(editor_api):
    schema = editor_api.get("/api/schema/", {"format": "json"}).json()
    queue = {parameter["name"]: parameter for parameter in schema["paths"]["/api/v1/claims/"]["get"]["parameters"]}
    assert set(ClaimQueueForm.base_fields) | {"page"} == set(queue)
    assert queue["depth"]["schema"]["enum"] == ["0", "1", "2", "3"]
    assert "anonymous" in queue["source_type"]["schema"]["enum"]
    assert queue["published_from"]["schema"]["format"] == "date"
    assert queue["flagged"]["schema"]["type"] == "boolean"
    assert "400" in schema["paths"]["/api/v1/claims/"]["get"]["responses"]
    for path in ("flag", "verdict", "hops/{position}/confirm", "hops/{position}/reopen", "assign", "comments"):
        post = schema["paths"][f"/api/v1/claims/{{id}}/{path}/"]["post"]
        assert post["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/Claim")
        assert {"400", "403", "404"} <= set(post["responses"])
    claim = schema["components"]["schemas"]["Claim"]["properties"]
    assert {"review_status", "next_statuses", "assignee", "open_flags", "comments"} <= set(claim)
    assert "confirmation" in schema["components"]["schemas"]["Hop"]["properties"]
    verdict_status = schema["components"]["schemas"]["ClaimVerdict"]["properties"]["status"]
    assert verdict_status["allOf"] == [{"$ref": "#/components/schemas/ReviewStatusEnum"}]


def test_the_schema_needs_a_login(db):
    assert APIClient().get("/api/schema/").status_code == 401


def test_the_schema_generates_without_warnings(db):
    """Enum names stay unambiguous (the review status enum is named once) and every parameter has a type."""
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=io.StringIO())
