"""The 1-vs-3 guard on list pages: the number of queries does not grow with rows."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lifelong_week.accounts.enums import Role
from lifelong_week.campaigns.models import Indicator, ReportForm
from lifelong_week.reports.domain import open_report, save_figure, submit_report
from lifelong_week.reports.models import Event
from tests.factories import CampaignFactory, OrgUnitFactory, StepFactory, member

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def build(count: int):
    form = ReportForm.objects.create(code=f"f{count}", title="Mẫu", report_title="Về việc")
    indicator = Indicator.objects.create(
        form=form, order=1, code="n", label="Số", unit_of_measure="lớp"
    )
    receiver = OrgUnitFactory()
    campaign = CampaignFactory(issuer=receiver, report_form=form)
    step = StepFactory(campaign=campaign, receiver=receiver)
    coordinator = member(receiver, Role.COORDINATOR)
    for _ in range(count):
        unit = OrgUnitFactory(parent=receiver)
        step.senders.add(unit)
        reporter = member(unit, Role.REPORTER)
        report = open_report(step, unit, by=reporter)
        save_figure(report, indicator=indicator, raw="5", base_version=0, by=reporter)
        submit_report(report, by=reporter, now=dt.datetime(2021, 10, 10, tzinfo=VN))
        Event.objects.create(
            campaign=campaign, unit=unit, kind="opening", title="Khai mạc", place="Trường",
            starts_at=dt.datetime(2021, 10, 1, 7, 30, tzinfo=VN),
        )  # fmt: skip
    return step, coordinator


def queries(client, user, url) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "page",
    ["reports:step", "campaigns:detail", "orgs:tree", "campaigns:list", "accounts:home"],
)
def test_queries_do_not_grow_with_the_number_of_units(client, page):
    one, coordinator_one = build(1)
    three, coordinator_three = build(3)

    def url(step):
        if page == "reports:step":
            return reverse(page, args=[step.pk])
        if page == "campaigns:detail":
            return reverse(page, args=[step.campaign.slug])
        return reverse(page)

    assert queries(client, coordinator_one, url(one)) == queries(
        client, coordinator_three, url(three)
    )


def build_nation(provinces: int):
    """A Ministry campaign with one province campaign per province, each with a
    step to the Ministry and one submitted consolidated report."""
    from lifelong_week.orgs.enums import AdminLevel

    form = ReportForm.objects.create(code=f"n{provinces}", title="Mẫu", report_title="Về việc")
    indicator = Indicator.objects.create(
        form=form, order=1, code="n", label="Số", unit_of_measure="lớp"
    )
    ministry = OrgUnitFactory()
    guidance = CampaignFactory(issuer=ministry, report_form=form)
    viewer = member(ministry, Role.VIEWER)
    for _ in range(provinces):
        province = OrgUnitFactory(parent=ministry, admin_level=AdminLevel.PROVINCE)
        department = OrgUnitFactory(parent=province)
        campaign = CampaignFactory(
            issuer=province, coordinator=department, parent=guidance, report_form=form
        )
        inner = StepFactory(campaign=campaign, receiver=department)
        inner.senders.add(OrgUnitFactory(parent=department))
        upward = StepFactory(campaign=campaign, receiver=ministry)
        upward.senders.add(department)
        reporter = member(department, Role.REPORTER)
        report = open_report(upward, department, by=reporter)
        save_figure(report, indicator=indicator, raw="5", base_version=0, by=reporter)
        submit_report(report, by=reporter, now=dt.datetime(2021, 10, 10, tzinfo=VN))
    return guidance, viewer


@pytest.mark.django_db
def test_the_national_board_does_not_grow_with_the_number_of_provinces(client):
    one, viewer_one = build_nation(1)
    three, viewer_three = build_nation(3)
    assert queries(client, viewer_one, reverse("reports:national", args=[one.slug])) == queries(
        client, viewer_three, reverse("reports:national", args=[three.slug])
    )
