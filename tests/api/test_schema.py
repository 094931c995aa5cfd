from __future__ import annotations

from openapi_spec_validator import validate
from rest_framework.test import APIClient


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
        "/api/v1/claims/{id}/",
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


def test_the_schema_needs_a_login(db):
    assert APIClient().get("/api/schema/").status_code == 401
