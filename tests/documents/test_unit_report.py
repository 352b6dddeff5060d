"""A unit's report leaves as an official document: exported by the command,
opened by LibreOffice, every header line, section and figure where a clerk
expects it."""

from __future__ import annotations

import zipfile
from io import BytesIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from docx import Document
from PIL import Image

from lifelong_week.reports.domain import add_photo, save_section
from tests.office import convert_to_pdf, flat, pdf_text
from tests.reports.conftest import fill_all_figures


@pytest.fixture
def filled(report, reporter):
    form = report.campaign.report_form
    for section in form.sections.all():
        save_section(
            report,
            section=section,
            text=f"Nội dung mục {section.code} của huyện Bến Lức.\n- Gạch đầu dòng **đậm**",
            base_version=0,
            by=reporter,
        )
    # A distinct value per figure, each with a thousands separator when printed.
    values = {
        indicator.code: f"{1000 + 37 * n:,}".replace(",", ".")
        for n, indicator in enumerate(form.indicators.all(), start=1)
        if indicator.value_type != "boolean"
    }
    values.update(banners="1.250", funding_state="15.500.000")
    fill_all_figures(report, reporter, **values)
    report.expected_figures = values
    return report


def test_export_report_command_writes_a_decree_30_document(filled, tmp_path):
    out = tmp_path / "ben-luc.docx"

    call_command("export_report", campaign="long-an-2021", unit="803", out=str(out))

    pdf = convert_to_pdf([out], tmp_path)[0]
    first = flat(pdf_text(pdf, 1))
    for line in (
        "ỦY BAN NHÂN DÂN",
        "HUYỆN BẾN LỨC",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: /BC-UBND",
        "Bến Lức, ngày tháng 10 năm 2021",
        "BÁO CÁO",
        "Về việc tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2021",
    ):
        assert line in first, line
    everything = flat(pdf_text(pdf))
    for section in filled.campaign.report_form.sections.all():
        assert section.title in everything, section.title
        assert f"Nội dung mục {section.code} của huyện Bến Lức." in everything
    for code, shown in filled.expected_figures.items():
        assert shown in everything, code
    assert "1.250" in everything
    for line in (
        "Nơi nhận:",
        "- Sở GD&ĐT (P.GDTrH);",
        "- Hội KH tỉnh;",
        "- Lưu: VT.",
        "TM. ỦY BAN NHÂN DÂN",
    ):
        assert line in everything, line


def test_number_and_date_fill_the_header_once_given(filled, client, reporter, tmp_path):
    client.force_login(reporter)
    client.post(filled.urls.document, {"number": "7", "date": "2021-10-08"})

    response = client.get(filled.urls.docx)

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert (
        'filename="bao-cao-long-an-2021-803-ubnd-huyen-ben-luc.docx"'
        in response["Content-Disposition"]
    )
    document = Document(BytesIO(response.content))
    header = " ".join(cell.text for row in document.tables[0].rows for cell in row.cells)
    assert "Số: 07/BC-UBND" in header
    assert "Bến Lức, ngày 08 tháng 10 năm 2021" in header


def test_photos_zip_is_named_by_unit_and_caption(filled, client, reporter):
    for caption in ("Lễ khai mạc tại Trường THCS thị trấn Bến Lức", "Lớp học trực tuyến"):
        buffer = BytesIO()
        Image.new("RGB", (300, 200), "orange").save(buffer, "JPEG")
        add_photo(
            filled,
            data=buffer.getvalue(),
            filename="a.jpg",
            caption=caption,
            may_publish=True,
            by=reporter,
        )
    client.force_login(reporter)

    response = client.get(reverse("reports:photos_zip", args=[filled.pk]))

    names = zipfile.ZipFile(BytesIO(response.content)).namelist()
    assert names == [
        "803-ubnd-huyen-ben-luc/01-le-khai-mac-tai-truong-thcs-thi-tran-ben-luc.jpg",
        "803-ubnd-huyen-ben-luc/02-lop-hoc-truc-tuyen.jpg",
    ]


def test_export_of_a_unit_without_report_says_so(demo, tmp_path):
    with pytest.raises(
        CommandError, match=r"Đơn vị “803” chưa có báo cáo trong kế hoạch “long-an-2021”\."
    ):
        call_command(
            "export_report", campaign="long-an-2021", unit="803", out=str(tmp_path / "x.docx")
        )


def test_the_figures_table_numbers_its_rows_and_prints_no_code(filled, tmp_path):
    """The "TT" column counts 1, 2, 3… as an official table does; the
    indicators' codes (plan_issued, banners…) are the platform's keys only."""
    import re

    from lifelong_week.documents.unit_report import report_docx_bytes

    data = report_docx_bytes(filled)
    table = next(t for t in Document(BytesIO(data)).tables if t.rows[0].cells[0].text == "TT")
    # A group's row is one merged cell: every cell of it reads the same.
    numbers = [r.cells[0].text for r in table.rows[1:] if r.cells[0]._tc is not r.cells[1]._tc]
    indicators = list(filled.campaign.report_form.indicators.all())
    assert numbers == [str(n) for n in range(1, len(indicators) + 1)]
    path = tmp_path / "ben-luc.docx"
    path.write_bytes(data)
    printed = flat(pdf_text(convert_to_pdf([path], tmp_path)[0]))
    assert [i.code for i in indicators if re.search(rf"\b{i.code}\b", printed)] == []
