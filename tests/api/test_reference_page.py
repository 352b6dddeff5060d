"""The API reference officials open from their home page is Vietnamese,
server-rendered, and lists every operation the API has."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from lifelong_week.accounts.models import User
from lifelong_week.api.v1 import api

pytestmark = pytest.mark.django_db


def test_every_operation_is_listed_in_vietnamese(client, demo):
    client.force_login(User.objects.get(username="bo.theodoi"))
    home = client.get(reverse("accounts:home")).content.decode()
    assert f'href="{reverse("api_pages:reference")}"' in home
    assert "/api/v1/docs" not in home  # Swagger's English interface is for developers

    page = client.get(reverse("api_pages:reference")).content.decode()

    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    listed = set(re.findall(r"<h2[^>]*><code>(GET|POST|PUT) ([^<]+)</code></h2>", page))
    expected = {(m.upper(), p) for p, ops in schema["paths"].items() for m in ops}
    assert listed == expected
    assert "Nội dung gửi lên (JSON)" in page and "Mã chỉ tiêu → giá trị" in page
    for english in ("Parameters", "Responses", "Try it out", "Request body"):
        assert english not in page


def test_the_reference_needs_signing_in(client):
    response = client.get(reverse("api_pages:reference"))
    assert response.status_code == 302
