"""The Content-Security-Policy is strict (scripts and styles from our own
static files only) and the pages the accessibility walk does not visit —
the administrator's pages, Swagger's API console — still work under it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from lifelong_week.campaigns.models import Campaign

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_policy_is_strict(client, live_demo):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    for directive in ("script-src 'self'", "style-src 'self'", "object-src 'none'"):
        assert directive in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_admin_and_api_console_run_under_the_policy(sign_in, live_demo):
    step = Campaign.objects.get(slug="long-an-2021").steps.get(order=1)
    page = sign_in("quantri")
    refused = []
    page.on(
        "console",
        lambda m: (
            refused.append(f"{page.url}: {m.text}")
            if m.type == "error" and "Content Security Policy" in m.text
            else None
        ),
    )
    for path in (
        "/quan-tri/",
        "/quan-tri/orgs/orgunit/",
        "/quan-tri/orgs/orgunit/add/",
        "/quan-tri/campaigns/campaign/",
        "/tai-khoan/api/tai-lieu/",
        reverse("reports:not_sent", args=[step.pk]),
    ):
        page.goto(live_demo.url + path)
        page.wait_for_load_state("networkidle")
    # The print button is wired by a script file, not an inline handler.
    expect(page.get_by_role("button", name="In danh sách")).to_be_visible()
    page.goto(live_demo.url + "/api/v1/docs")
    expect(page.locator(".swagger-ui .info")).to_be_visible()
    assert refused == []
