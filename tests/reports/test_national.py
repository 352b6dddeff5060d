"""The Ministry above the provinces: each province's consolidated report and
collection, and national totals — on the full demo (Long An and Hậu Giang)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from lifelong_week.accounts.enums import Role
from lifelong_week.accounts.models import User
from lifelong_week.campaigns.enums import CountPolicy
from lifelong_week.campaigns.models import Campaign
from lifelong_week.reports.domain import accept_report
from lifelong_week.reports.enums import ReportStatus
from lifelong_week.reports.models import FigureValue, Report
from lifelong_week.reports.national import build_national_board
from tests.factories import member


@pytest.fixture
def guidance(full_demo):
    return Campaign.objects.get(slug="bo-gddt-2021")


def consolidated(slug):
    return Report.objects.get(campaign__slug=slug, step__receiver__code="BGDDT")


def test_each_province_with_its_report_its_collection_and_the_national_totals(guidance):
    board = build_national_board(guidance)
    rows = {row.province.code: row for row in board.rows}

    assert set(rows) == {"80", "93"}
    hau_giang, long_an = rows["93"], rows["80"]
    assert hau_giang.report.status == ReportStatus.SUBMITTED
    assert (hau_giang.sent, hau_giang.expected) == (4, 4)
    # Long An's Department has not yet sent to the Ministry.
    assert long_an.report is None or long_an.report.status not in ("submitted", "accepted")
    long_an_step = guidance.children.get(slug="long-an-2021").steps.get(order=1)
    sent = Report.objects.filter(step=long_an_step, status__in=["submitted", "accepted"]).count()
    assert (long_an.sent, long_an.expected) == (sent, long_an_step.senders.count())
    assert board.reported == 1

    report = consolidated("hau-giang-2021")
    indicator = guidance.report_form.indicators.get(code="online_classes")
    value = FigureValue.objects.get(report=report, indicator=indicator).value

    board = build_national_board(guidance)
    assert board.totals[indicator.pk] == value
    assert board.counted == 1

    # Accepted only: Hậu Giang's report is only submitted, so nothing counts yet …
    guidance.count_policy = CountPolicy.ACCEPTED
    guidance.save()
    assert build_national_board(guidance).totals.get(indicator.pk, Decimal(0)) == 0
    # … until the Ministry accepts it.
    ministry_officer = member(guidance.coordinator, Role.COORDINATOR)
    accept_report(report, by=ministry_officer)
    assert build_national_board(guidance).totals[indicator.pk] == value


def test_the_hau_giang_consolidation_equals_its_districts(full_demo):
    from lifelong_week.reports.rollup import rollup

    report = consolidated("hau-giang-2021")
    step1 = report.campaign.steps.get(order=1)
    totals = rollup(report.campaign, report.unit, step=step1)
    figures = {f.indicator_id: f.value for f in report.figures.all()}
    for total in totals.totals:
        if total.sums and total.total is not None:
            assert figures[total.indicator.pk] == total.total, total.indicator.code


def test_only_the_ministry_sees_the_provinces_and_finds_the_page(client, guidance):
    url = reverse("reports:national", args=[guidance.slug])
    for username in ("sogd.dieuphoi", "haugiang.dieuphoi", "benluc.baocao"):
        client.force_login(User.objects.get(username=username))
        assert client.get(url).status_code == 404, username

    client.force_login(User.objects.get(username="bo.theodoi"))
    html = client.get(url).content.decode()
    assert "Hậu Giang" in html and "Long An" in html
    assert 'id="so-lieu-cac-tinh"' in html
    assert url in client.get(guidance.get_absolute_url()).content.decode()
    assert url in client.get(reverse("accounts:home")).content.decode()


def test_the_ministry_sees_a_departments_figures_once_sent_and_not_before(client, guidance):
    from django.utils import timezone

    from lifelong_week.reports.domain import open_report, submit_report
    from tests.reports.conftest import fill_all_figures

    long_an = guidance.children.get(slug="long-an-2021")
    step = long_an.steps.get(receiver__code="BGDDT")
    clerk = User.objects.get(username="sogd.dieuphoi")
    report = open_report(step, long_an.coordinator, by=clerk)
    fill_all_figures(report, clerk, value="4321")
    client.force_login(User.objects.get(username="bo.theodoi"))
    url = reverse("reports:national", args=[guidance.slug])

    assert "4.321" not in client.get(url).content.decode()  # a draft stays with Long An
    assert "4.321" not in client.get(url).content.decode()  # … also when served from the cache

    submit_report(report, by=clerk, now=timezone.now())
    page = client.get(url).content.decode()
    long_an_row = page[page.index('<tr data-unit="80">') :]
    assert "Đã gửi" in long_an_row[: long_an_row.index("</tr>")]
    assert "4.321" in page[page.index('id="so-lieu-cac-tinh"') :]
