"""Figures by unit as .xlsx and .csv: read back with the real formats."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from lifelong_week.accounts.models import User
from lifelong_week.campaigns.enums import ValueType
from lifelong_week.campaigns.models import Indicator
from lifelong_week.reports.models import FigureValue, Report


@pytest.fixture
def remark(full_demo):
    """A free-text indicator, so a unit can type something a spreadsheet would run."""
    form = full_demo.campaign.report_form
    return Indicator.objects.create(
        form=form, order=99, code="remark", label="Ghi chú", unit_of_measure="", value_type=ValueType.TEXT,
        sums_up=False, min_value=None,
    )  # fmt: skip


def test_export_figures_command_writes_every_report_and_value(full_demo, tmp_path):
    out = tmp_path / "so-lieu.xlsx"

    call_command("export_figures", campaign="long-an-2021", out=str(out))

    sheet = load_workbook(out, read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert header[:6] == (
        "Mã đơn vị",
        "Đơn vị",
        "Báo cáo về",
        "Trạng thái",
        "Thời điểm gửi",
        "Gửi muộn (ngày)",
    )
    reports = Report.objects.filter(campaign=full_demo.campaign)
    assert len(body) == reports.count()
    vinh_hung = next(row for row in body if row[0] == "797")
    report = reports.get(unit__code="797")
    assert vinh_hung[3] == "Đã gửi (gửi muộn 5 ngày)"
    assert vinh_hung[5] == 5
    banners = header.index("Băng rôn, khẩu hiệu đã treo (cái)")
    assert vinh_hung[banners] == int(report.figures.get(indicator__code="banners").value)


def test_export_for_one_subtree(full_demo, tmp_path):
    out = tmp_path / "tan-an.csv"
    call_command("export_figures", campaign="long-an-2021", unit="794", out=str(out))
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["794"]


def test_csv_from_the_step_page_is_protected_against_formula_injection(client, full_demo, remark):
    # Tân An's report has gone up; its remark is what a unit could have typed.
    report = Report.objects.get(campaign=full_demo.campaign, unit__code="794")
    FigureValue.objects.update_or_create(
        report=report, indicator=remark, defaults={"text": '=HYPERLINK("http://x.invalid","bấm")'}
    )
    client.force_login(User.objects.get(username="sogd.dieuphoi"))
    step = full_demo.campaign.steps.get(order=1)

    response = client.get(reverse("reports:step_export", args=[step.pk, "csv"]))

    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeffTT,Mã đơn vị,")
    row = next(r for r in csv.reader(io.StringIO(text.lstrip("\ufeff"))) if r[1] == "794")
    assert row[-1] == '\'=HYPERLINK("http://x.invalid","bấm")'
    xlsx = client.get(reverse("reports:step_export", args=[step.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)), read_only=True).active
    cells = next(row for row in sheet.iter_rows(values_only=True) if row[1] == "794")
    assert cells[-1] == '\'=HYPERLINK("http://x.invalid","bấm")'


def test_only_the_receiving_unit_exports_a_step(client, full_demo):
    step = full_demo.campaign.steps.get(order=1)
    client.force_login(User.objects.get(username="benluc.baocao"))
    assert client.get(reverse("reports:step_export", args=[step.pk, "xlsx"])).status_code == 404


def test_control_characters_and_formulas_anywhere_never_break_a_file(client, full_demo, remark):
    """Word's Shift+Enter pastes a vertical tab; a coordinator can type a label
    that starts with "=". Every file still opens and shows the text."""
    from docx import Document

    from lifelong_week.orgs.models import OrgUnit
    from lifelong_week.reports.domain import open_report
    from lifelong_week.reports.models import SectionText

    tan_an = Report.objects.get(campaign=full_demo.campaign, unit__code="794")
    OrgUnit.objects.filter(code="794").update(name="UBND thành phố\x0bTân An\x01")
    FigureValue.objects.update_or_create(
        report=tan_an, indicator=remark, defaults={"text": "Dòng một\x0bdòng hai\x01"}
    )
    remark.label = "=SUM(A1:A9)\x0bghi chú"
    remark.save()
    SectionText.objects.filter(report=tan_an).update(text="Đoạn một\x0bđoạn hai\x1f")
    step = full_demo.campaign.steps.get(order=1)
    client.force_login(User.objects.get(username="sogd.dieuphoi"))

    xlsx = client.get(reverse("reports:step_export", args=[step.pk, "xlsx"]))
    assert xlsx.status_code == 200
    rows = list(
        load_workbook(
            io.BytesIO(b"".join(xlsx.streaming_content)), read_only=True
        ).active.iter_rows(values_only=True)
    )
    assert rows[0][-1] == "'=SUM(A1:A9)\nghi chú"
    tan_an_row = next(row for row in rows if row[1] == "794")
    assert tan_an_row[2] == "UBND thành phố\nTân An"
    assert tan_an_row[-1] == "Dòng một\ndòng hai"
    text = b"".join(
        client.get(reverse("reports:step_export", args=[step.pk, "csv"])).streaming_content
    ).decode("utf-8")
    header = next(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert header[-1] == "'=SUM(A1:A9)\nghi chú"

    # The unit's own document, and the Department's with its appendix.
    unit_docx = client.get(reverse("reports:docx", args=[tan_an.pk]))
    assert unit_docx.status_code == 200
    body = "\n".join(
        p.text
        for p in Document(
            io.BytesIO(
                b"".join(unit_docx.streaming_content) if unit_docx.streaming else unit_docx.content
            )
        ).paragraphs
    )
    assert "Đoạn một" in body and "đoạn hai" in body
    own = open_report(
        full_demo.campaign.steps.get(order=2),
        full_demo.units["80-SGDDT"],
        by=User.objects.get(username="sogd.baocao"),
    )
    client.force_login(User.objects.get(username="sogd.baocao"))
    for name in ("reports:docx", "reports:appendix_xlsx"):
        assert client.get(reverse(name, args=[own.pk])).status_code == 200, name
