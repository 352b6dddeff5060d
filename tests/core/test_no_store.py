"""Pages with a person's data, a new API key or the API's JSON are never
kept by a browser or a proxy; visitors' public pages and photos keep the
caching they chose."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lifelong_week.accounts.models import User
from lifelong_week.reports.models import Photo

pytestmark = pytest.mark.django_db


def _no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_personal_pages_keys_and_api_answers_are_not_stored(full_demo, client):
    reporter = User.objects.get(username="tanan.baocao")
    client.force_login(reporter)
    report = reporter.memberships.first().unit.reports.first()

    assert _no_store(client.get(reverse("accounts:home")))
    assert _no_store(client.get(report.urls.edit))
    created = client.post(
        reverse("api_pages:tokens"), {"name": "Hệ thống thống kê", "lifetime": "30"}
    )
    assert created.status_code == 200 and "token-key" in created.content.decode()
    assert _no_store(created)
    key = created.context["key"]
    api = client.get("/api/v1/campaigns", headers={"Authorization": f"Bearer {key}"})
    assert api.status_code == 200 and _no_store(api)
    assert _no_store(client.get("/api/v1/campaigns"))  # refused, and still not stored


def test_public_pages_and_photos_keep_their_own_caching(full_demo, client):
    assert not _no_store(client.get("/"))
    published = Photo.objects.filter(may_publish=True, report__status="accepted").first()
    response = client.get(published.urls.thumbnail)
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
