"""The schema and the browsable docs, served without any CDN."""

from __future__ import annotations

import re

import pytest
from django.test import Client


@pytest.fixture
def anonymous():
    return Client()


def test_the_schema_lists_every_operation(anonymous, db):
    schema = anonymous.get("/api/v1/openapi.json").json()
    assert schema["info"]["version"] == "1"
    assert sorted(
        (method.upper(), path) for path, item in schema["paths"].items() for method in item
    ) == [
        ("GET", "/api/v1/campaigns"),
        ("GET", "/api/v1/campaigns/{slug}/rollup"),
        ("GET", "/api/v1/campaigns/{slug}/rollup/children"),
        ("GET", "/api/v1/reports/{report_id}"),
        ("GET", "/api/v1/steps/{step_id}/completeness"),
        ("POST", "/api/v1/steps/{step_id}/units/{code}/report"),
        ("PUT", "/api/v1/reports/{report_id}/figures"),
    ]
    assert schema["components"]["securitySchemes"] == {
        "BearerToken": {"type": "http", "scheme": "bearer"}
    }


def test_the_docs_load_nothing_from_outside(anonymous, db):
    response = anonymous.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    loaded = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert loaded
    assert all(url.startswith("/static/") for url in loaded), loaded
    # Swagger UI would otherwise send the schema to validator.swagger.io.
    assert '"validatorUrl": null' in html


def test_a_method_an_address_does_not_take_is_a_json_405(anonymous, db):
    response = anonymous.delete("/api/v1/campaigns")
    assert (response.status_code, response["Allow"]) == (405, "GET")
    assert response.json() == {
        "detail": "Phương thức này không được hỗ trợ tại địa chỉ này.",
        "errors": {},
    }
