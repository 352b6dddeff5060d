"""The reports opened by a real office suite: LibreOffice converts them to PDF
and ``pdftotext -layout`` reads back what a clerk would see printed.

Skipped with a reason on a machine without LibreOffice, but in CI a missing
office suite is a failure, never a skip.
"""

from __future__ import annotations

import pytest

from lifelong_week.documents.nd30 import report_to_bytes, samples
from tests.office import convert_to_pdf, flat, pdf_text, require_office

REPORTS = {
    "district": samples.district_report,
    "department": samples.department_report,
}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, str]:
    """Both sample reports converted in one LibreOffice run."""
    require_office()
    folder = tmp_path_factory.mktemp("nd30_pdf")
    sources = []
    for name, build in REPORTS.items():
        path = folder / f"{name}.docx"
        path.write_bytes(report_to_bytes(build()))
        sources.append(path)
    convert_to_pdf(sources, folder)
    return {name: str(folder / f"{name}.pdf") for name in REPORTS}


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def page_count(pdf: str) -> int:
    return pdf_text(pdf).count("\f")


def test_header_lines_are_printed_on_page_one(pdfs):
    first = flat(pdf_text(pdfs["department"], 1))
    for line in (
        "UBND TỈNH LONG AN",
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 05/BC-SGDĐT",
        "Long An, ngày 05 tháng 10 năm 2021",
        "BÁO CÁO",
        "Về việc tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2021",
    ):
        assert line in first


def test_number_and_date_share_a_printed_line(pdfs):
    first = lines(pdf_text(pdfs["district"], 1))
    row = next(line for line in first if "Số: 07/BC-UBND" in line)
    assert "Bến Lức, ngày 08 tháng 10 năm 2021" in row


def test_issuer_wraps_before_the_district_name(pdfs):
    first = lines(pdf_text(pdfs["district"], 1))
    assert first[0].startswith("ỦY BAN NHÂN DÂN")
    assert first[1].startswith("HUYỆN BẾN LỨC")


def test_every_section_title_is_printed(pdfs):
    text = flat(pdf_text(pdfs["district"]))
    for code, part, title in samples.FORM_SECTIONS:
        number = code.split(".")[1]
        assert part in text
        assert f"{number}. {title}" in text


def test_figures_are_printed_the_vietnamese_way(pdfs):
    text = flat(pdf_text(pdfs["district"]))
    assert "Số lượt người tham gia học tập lượt người 1.250" in text
    assert "2.315" in text
    assert "45.000.000 đồng" in text


def test_page_one_has_no_number_and_later_pages_do(pdfs):
    pdf = pdfs["district"]
    assert page_count(pdf) >= 2
    first = lines(pdf_text(pdf, 1))
    assert first[0].startswith("ỦY BAN NHÂN DÂN")
    assert "1" not in first
    for page in range(2, page_count(pdf) + 1):
        assert lines(pdf_text(pdf, page))[0] == str(page)


def test_text_ends_and_closing_block_is_printed(pdfs):
    text = flat(pdf_text(pdfs["district"]))
    assert "3. Kiến nghị, đề xuất./." in text
    for entry in ("Nơi nhận:", "- Sở GD&ĐT (P.GDTrH) (b/c);", "- Lưu: VT.", "Nguyễn Văn An"):
        assert entry in text
    assert "TM. ỦY BAN NHÂN DÂN" in text
    assert "PHÓ CHỦ TỊCH" in text


def test_appendix_starts_a_page_numbered_on_its_own(pdfs):
    pdf = pdfs["department"]
    pages = [lines(pdf_text(pdf, page)) for page in range(1, page_count(pdf) + 1)]
    start = next(i for i, page in enumerate(pages) if page[0] == "Phụ lục I")
    reference = "(Kèm theo Báo cáo số 05/BC-SGDĐT ngày 05/10/2021 của Sở Giáo dục và Đào tạo)"
    assert reference in flat(" ".join(pages[start]))
    assert pages[start + 1][0] == "2"
    # The repeated header row opens the appendix's second page.
    assert pages[start + 1][1].split() == ["TT", "Nội", "dung", "Đơn", "vị", "tính", "Kết", "quả"]
