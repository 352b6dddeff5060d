"""The largest figure a unit may give is stored and read back exactly on
SQLite and PostgreSQL, and every page, document and export of its report
still opens; one more is refused at the field with nothing saved."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from lifelong_week.accounts.models import User
from lifelong_week.campaigns.models import Indicator
from lifelong_week.reports.domain import ReportError, save_figure, submit_report
from lifelong_week.reports.models import FigureValue, Report

pytestmark = pytest.mark.django_db


def test_the_bound_holds_on_every_output(full_demo, client):
    report = Report.objects.get(campaign=full_demo.campaign, unit__code="808")  # sent
    Report.objects.filter(pk=report.pk).update(status="draft")
    report.refresh_from_db()
    reporter = report.changes.exclude(by=None).first().by  # its own reporter
    funding = Indicator.objects.get(form=report.campaign.report_form, code="funding_state")
    version = FigureValue.objects.get(report=report, indicator=funding).version

    with pytest.raises(ReportError, match="Số quá lớn"):
        save_figure(
            report, indicator=funding, raw="10.000.000.000.000", base_version=version, by=reporter
        )
    save_figure(
        report,
        indicator=funding,
        raw="9.999.999.999.999",
        base_version=version,
        by=reporter,
        note="Số thử nghiệm giới hạn lưu trữ",
    )
    submit_report(report, by=reporter)

    row = FigureValue.objects.get(report=report, indicator=funding)
    assert row.value == Decimal("9999999999999")
    coordinator = User.objects.get(username="sogd.dieuphoi")
    client.force_login(coordinator)
    step = report.step
    for url in (
        report.urls.edit,
        reverse("reports:docx", args=[report.pk]),
        reverse("reports:step", args=[step.pk]),
        reverse("reports:step_export", args=[step.pk, "xlsx"]),
        reverse("reports:step_export", args=[step.pk, "csv"]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if url.endswith((".csv",)) or url == report.urls.edit:
            assert b"9999999999999" in body.replace(b".", b""), url
