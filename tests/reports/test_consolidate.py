"""The Department's report to the Ministry, drafted from the districts' reports."""

from __future__ import annotations

from io import BytesIO

import pytest
from docx import Document

from lifelong_week.accounts.models import User
from lifelong_week.reports.consolidate import draft_consolidated
from lifelong_week.reports.domain import open_report, save_section
from lifelong_week.reports.rollup import rollup
from tests.office import convert_to_pdf, flat, pdf_text


@pytest.fixture
def department_report(full_demo):
    step = full_demo.campaign.steps.get(order=2)
    author = User.objects.get(username="sogd.baocao")
    return open_report(step, full_demo.units["80-SGDDT"], by=author), author


def test_the_draft_takes_every_total_and_what_each_unit_wrote(department_report, full_demo):
    report, author = department_report
    first_section = report.campaign.report_form.sections.first()
    save_section(
        report, section=first_section, text="Sở đã viết mục này.", base_version=0, by=author
    )

    filled = draft_consolidated(report, by=author)

    totals = rollup(
        report.campaign, full_demo.units["80-SGDDT"], step=full_demo.campaign.steps.get(order=1)
    )
    values = {row.indicator.code: row.value for row in report.figures.select_related("indicator")}
    for total in totals.totals:
        if total.sums:
            assert values[total.indicator.code] == total.total, total.indicator.code
    texts = {row.section.code: row.text for row in report.texts.select_related("section")}
    assert texts["I.1"] == "Sở đã viết mục này."  # an edit is never overwritten
    assert "**UBND thành phố Tân An:**" in texts["I.2"]
    assert "**UBND huyện Mộc Hóa:**" not in texts["I.2"]  # drafts do not count
    assert filled == 7 + sum(1 for t in totals.totals if t.sums or t.units)
    assert draft_consolidated(report, by=author) == 0  # nothing left empty to fill


def test_the_consolidated_document_lists_every_unit_in_an_appendix(department_report, tmp_path):
    from lifelong_week.documents.unit_report import report_docx_bytes

    report, author = department_report
    draft_consolidated(report, by=author)
    path = tmp_path / "so-gddt.docx"
    path.write_bytes(report_docx_bytes(report))

    document = Document(BytesIO(path.read_bytes()))
    header = " ".join(cell.text for row in document.tables[0].rows for cell in row.cells)
    assert "UBND TỈNH LONG AN" in header
    assert "Số:" in header and "/BC-SGDĐT" in header
    pdf = convert_to_pdf([path], tmp_path)[0]
    text = flat(pdf_text(pdf))
    assert "DANH SÁCH ĐƠN VỊ BÁO CÁO VÀ MỘT SỐ SỐ LIỆU CHÍNH" in text
    # Printed years after the 2021 campaign ended: a unit that never sent
    # (no report, a draft, a report returned and not sent again) did not send.
    for name in (
        "UBND thành phố Tân An",
        "UBND huyện Bến Lức",
        "Không gửi",
        "Đã tiếp nhận",
    ):
        assert name in text, name
    for line in ("- Bộ GD&ĐT (b/c);", "- UBND tỉnh Long An (b/c);", "- Lưu: VT."):
        assert line in text, line


def test_only_a_report_that_consolidates_others_has_an_appendix(client, report, reporter):
    from django.urls import reverse

    client.force_login(reporter)
    response = client.get(reverse("reports:appendix_xlsx", args=[report.pk]))
    assert response.status_code == 404


def test_a_report_returned_and_never_sent_again_reads_so_in_the_appendix(department_report):
    from lifelong_week.reports.consolidate import appendix_sheet

    report, _author = department_report
    _title, _header, rows = appendix_sheet(report)
    by_code = {row[1]: row for row in rows}
    # Cần Đước sent on 13/10, was returned, and the 2021 campaign is long over.
    assert by_code["806"][3:5] == ["Bị trả lại, không gửi lại", "13/10/2021 10:05"]
    assert by_code["803"][3] == "Không gửi"
