"""The 1-vs-3 guard on the API's lists: queries do not grow with rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lifelong_week.accounts.enums import Role
from lifelong_week.api.tokens import create_token
from tests.api.conftest import bearer
from tests.factories import CampaignFactory, OrgUnitFactory, StepFactory, member
from tests.test_query_counts import build

pytestmark = pytest.mark.django_db


def queries(client, user, url) -> int:
    _token, key = create_token(user, name="x")
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, headers=bearer(key)).status_code == 200
    return len(captured)


def campaigns_of(count: int):
    issuer = OrgUnitFactory()
    coordinator = member(issuer, Role.COORDINATOR)
    for _ in range(count):
        campaign = CampaignFactory(issuer=issuer)
        for order in (1, 2):
            step = StepFactory(campaign=campaign, order=order, receiver=issuer)
            step.senders.add(OrgUnitFactory(parent=issuer), OrgUnitFactory(parent=issuer))
    return coordinator


def test_the_campaign_list_costs_the_same_for_one_or_three(client):
    assert queries(client, campaigns_of(1), "/api/v1/campaigns") == queries(
        client, campaigns_of(3), "/api/v1/campaigns"
    )


def test_completeness_costs_the_same_for_one_or_three_units(client):
    one_step, one_user = build(1)
    three_step, three_user = build(3)
    one = queries(client, one_user, f"/api/v1/steps/{one_step.pk}/completeness")
    three = queries(client, three_user, f"/api/v1/steps/{three_step.pk}/completeness")
    assert one == three
