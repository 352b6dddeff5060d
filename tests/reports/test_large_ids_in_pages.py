"""Numbers a page hands back to the server — versions, ids in anchors and
field names — are written plainly, never "1.234" as Vietnamese display
formats numbers: a field saved a thousand times, or a database whose ids
passed 999 (every real one), must still save and link."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from lifelong_week.accounts.models import User
from lifelong_week.campaigns.enums import ValueType
from lifelong_week.campaigns.models import Indicator
from lifelong_week.reports.domain import open_report, save_figure
from lifelong_week.reports.models import FigureValue

pytestmark = pytest.mark.django_db


def test_a_field_saved_a_thousand_times_and_an_id_past_999_still_work(demo, client):
    reporter = User.objects.get(username="benluc.baocao")
    report = open_report(demo.campaign.steps.get(order=1), demo.units["803"], by=reporter)
    big = Indicator.objects.create(
        pk=4321, form=report.campaign.report_form, order=98, code="big_id",
        label="Chỉ tiêu thử", unit_of_measure="lớp", value_type=ValueType.INTEGER,
    )  # fmt: skip
    save_figure(report, indicator=big, raw="5", base_version=0, by=reporter)
    FigureValue.objects.filter(report=report, indicator=big).update(version=1234)
    client.force_login(reporter)

    page = client.get(report.urls.edit).content.decode()

    assert 'id="figure-4321"' in page
    assert 'name="v-figure-4321" value="1234"' in page
    assert not re.search(r'(value|id|href)="[^"]*\d\.\d{3}', page), "a localized number"

    saved = client.post(
        reverse("reports:save_figure", args=[report.pk, big.pk]),
        {"figure-4321": "6", "v-figure-4321": "1234"},
        headers={"HX-Request": "true"},
    )
    assert saved.status_code == 200
    assert 'value="1235"' in saved.content.decode()
    assert FigureValue.objects.get(report=report, indicator=big).value == 6
