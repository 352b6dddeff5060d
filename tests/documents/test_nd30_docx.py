"""The .docx a clerk receives, read back with python-docx.

Each test checks one rule of Decree 30 (``shared/ND30.md``) on the sample
reports of Long An: the provincial Department (governing body above it,
figures in an appendix) and Bến Lức district (no governing body, figures in
section I.4).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import subprocess
import sys
import unicodedata

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from lifelong_week.documents.nd30 import (
    Column,
    FigureRow,
    Issuer,
    LayoutSettings,
    OfficialDocument,
    ReportSection,
    Signature,
    TableRow,
    render_report,
    report_to_bytes,
    samples,
)
from lifelong_week.documents.nd30.metrics import text_width_mm


def read(report, settings=None) -> docx.document.Document:
    data = report_to_bytes(report, settings) if settings else report_to_bytes(report)
    return docx.Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def district():
    return read(samples.district_report())


@pytest.fixture(scope="module")
def department():
    return read(samples.department_report())


def texts(cell) -> list[str]:
    return [paragraph.text for paragraph in cell.paragraphs]


def body_blocks(document):
    """Paragraphs and tables of the body in order, as ("p", text) / ("tbl", table)."""
    blocks = []
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            blocks.append(("p", "".join(t.text or "" for t in element.iter(qn("w:t")))))
        elif element.tag == qn("w:tbl"):
            blocks.append(("tbl", element))
    return blocks


def mm(length) -> float:
    return round(length.mm, 1)


# --- page --------------------------------------------------------------------------


def test_page_is_a4_portrait_not_us_letter(district):
    section = district.sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
    assert section.orientation == WD_ORIENT.PORTRAIT


def test_margins_are_20_20_30_15_mm(district):
    section = district.sections[0]
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [mm(m) for m in margins] == [20.0, 20.0, 30.0, 15.0]


def test_adjusted_margins_are_honoured():
    document = read(samples.district_report(), LayoutSettings(margin_top_mm=25, margin_left_mm=35))
    section = document.sections[0]
    assert (mm(section.top_margin), mm(section.left_margin)) == (25.0, 35.0)


def _fonts(rpr) -> dict[str, str | None]:
    fonts = rpr.find(qn("w:rFonts"))
    return {slot: fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "eastAsia", "cs")}


TNR = dict.fromkeys(("ascii", "hAnsi", "eastAsia", "cs"), "Times New Roman")


def test_normal_style_and_defaults_name_times_new_roman_in_all_four_slots(district):
    normal = district.styles["Normal"].element.rPr
    defaults = district.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    assert _fonts(normal) == TNR
    assert _fonts(defaults.find(qn("w:rPr"))) == TNR
    assert district.styles["Normal"].font.size == Pt(14)


def test_every_run_names_times_new_roman_in_all_four_slots(department):
    parts = [department.element.body]
    for section in department.sections:
        parts += [section.header._element, section.first_page_header._element]
    runs = [run for part in parts for run in part.iter(qn("w:r"))]
    assert len(runs) > 100
    assert [_fonts(run.find(qn("w:rPr"))) for run in runs] == [TNR] * len(runs)


def test_text_is_stored_nfc():
    decomposed = unicodedata.normalize("NFD", "Hội Khuyến học tỉnh")
    report = dataclasses.replace(samples.district_report(), recipients=[decomposed])
    document = read(report)
    entries = texts(document.tables[-1].rows[0].cells[0])
    assert entries[1] == "- " + unicodedata.normalize("NFC", decomposed) + ";"


# --- page numbers ----------------------------------------------------------------------


def test_page_number_is_a_page_field_centred_in_the_header_except_on_page_one(district):
    section = district.sections[0]
    assert section.different_first_page_header_footer is True
    header = section.header.paragraphs[0]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER
    instructions = [t.text.strip() for t in header._p.iter(qn("w:instrText"))]
    assert instructions == ["PAGE"]
    first_page = section.first_page_header._element
    assert not list(first_page.iter(qn("w:instrText")))
    assert not section.first_page_header.is_linked_to_previous


def test_no_page_number_in_the_footer(district):
    assert not list(district.sections[0].footer._element.iter(qn("w:instrText")))


# --- header block ----------------------------------------------------------------------


def header_table(document):
    return document.tables[0]


def test_header_columns_are_65_and_100_mm_on_grid_and_cells(district):
    table = header_table(district)
    grid = [mm(col.w) for col in table._tbl.tblGrid.gridCol_lst]
    cells = [mm(cell.width) for row in table.rows for cell in row.cells]
    assert grid == [65.0, 100.0]
    assert cells == [65.0, 100.0, 65.0, 100.0]
    assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"


def test_header_and_closing_tables_have_no_borders(district):
    for table in (district.tables[0], district.tables[-1]):
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        assert {edge.get(qn("w:val")) for edge in borders} == {"nil"}


def test_department_header_has_governing_body_issuer_number_and_date(department):
    (left, right), (number, date) = (row.cells for row in header_table(department).rows)
    assert texts(left) == ["UBND TỈNH LONG AN", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", ""]
    assert texts(right) == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", ""]
    assert texts(number) == ["Số: 05/BC-SGDĐT"]
    assert texts(date) == ["Long An, ngày 05 tháng 10 năm 2021"]


def test_governing_body_is_regular_and_issuer_bold(department):
    governing, issuer, _ = header_table(department).rows[0].cells[0].paragraphs
    assert [run.bold for run in governing.runs] == [None]
    assert [run.bold for run in issuer.runs] == [True]


def test_district_header_has_no_governing_body_and_wraps_before_huyen(district):
    (left, _), (number, date) = (row.cells for row in header_table(district).rows)
    assert texts(left) == ["ỦY BAN NHÂN DÂN", "HUYỆN BẾN LỨC", ""]
    assert all(run.bold for p in left.paragraphs[:2] for run in p.runs)
    assert texts(number) == ["Số: 07/BC-UBND"]
    assert texts(date) == ["Bến Lức, ngày 08 tháng 10 năm 2021"]


def test_motto_is_bold_and_one_size_larger_than_the_national_title(district):
    title, motto, _ = header_table(district).rows[0].cells[1].paragraphs
    assert (title.runs[0].bold, motto.runs[0].bold) == (True, True)
    assert motto.runs[0].font.size.pt == title.runs[0].font.size.pt + 1


def test_place_and_date_are_italic_on_the_row_of_the_number(district):
    number_cell, date_cell = header_table(district).rows[1].cells
    assert number_cell.paragraphs[0].runs[0].italic is None
    assert date_cell.paragraphs[0].runs[0].italic is True


def _rule_length_mm(paragraph, cell_width_mm: float) -> float:
    assert paragraph._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:val")) == "single"
    fmt = paragraph.paragraph_format
    return cell_width_mm - fmt.left_indent.mm - fmt.right_indent.mm


def test_motto_rule_is_as_long_as_the_motto(district):
    rule = header_table(district).rows[0].cells[1].paragraphs[2]
    motto_width = text_width_mm("Độc lập - Tự do - Hạnh phúc", 14, bold=True)
    assert _rule_length_mm(rule, 100) == pytest.approx(motto_width, abs=0.5)


def test_issuer_rule_is_a_third_to_a_half_of_the_name(department):
    rule = header_table(department).rows[0].cells[0].paragraphs[2]
    name_width = text_width_mm("SỞ GIÁO DỤC VÀ ĐÀO TẠO", 13, bold=True)
    assert name_width / 3 <= _rule_length_mm(rule, 65) <= name_width / 2


def test_a_draft_leaves_number_and_day_blank():
    document = read(samples.department_report(draft=True))
    (_, _), (number, date) = (row.cells for row in header_table(document).rows)
    assert texts(number) == ["Số:      /BC-SGDĐT"]
    assert texts(date) == ["Long An, ngày      tháng 10 năm 2021"]


def test_an_official_letter_has_its_subject_under_the_number_and_no_title():
    out = OfficialDocument()
    out.add_header(
        samples.DEPARTMENT,
        type_abbr=None,
        number=12,
        date=dt.date(2021, 9, 20),
        month=9,
        year=2021,
        subject="V/v tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2021",
    )
    number_cell = out.docx.tables[0].rows[1].cells[0]
    assert texts(number_cell) == [
        "Số: 12/SGDĐT",
        "V/v tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2021",
    ]
    assert number_cell.paragraphs[1].runs[0].font.size == Pt(12)
    assert texts(out.docx.tables[0].rows[1].cells[1]) == ["Long An, ngày 20 tháng 9 năm 2021"]


# --- title and body ------------------------------------------------------------------------


def test_title_is_bold_centred_with_the_summary_under_it(district):
    doc_type, summary, rule = district.paragraphs[:3]
    assert (doc_type.text, summary.text) == (
        "BÁO CÁO",
        "Về việc tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2021",
    )
    for paragraph in (doc_type, summary):
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert all(run.bold for run in paragraph.runs)
    assert rule.text == ""
    assert rule._p.pPr.find(qn("w:pBdr")) is not None


def test_every_form_section_title_is_printed_with_its_number(district):
    paragraphs = [p.text for p in district.paragraphs]
    expected = [
        "I. TỔ CHỨC TRIỂN KHAI TUẦN LỄ",
        "1. Công tác chỉ đạo, ban hành kế hoạch triển khai, kiểm tra, đôn đốc thực hiện",
        "2. Lễ phát động Tuần lễ",
        "3. Nội dung các hoạt động đã triển khai trong Tuần lễ",
        "4. Kết quả (có số liệu cụ thể) các hoạt động tổ chức Tuần lễ",
        "5. Kinh phí tổ chức Tuần lễ",
        "II. ĐÁNH GIÁ CHUNG",
        "1. Những kết quả đã đạt được; bài học kinh nghiệm",
        "2. Khó khăn, tồn tại",
        "3. Kiến nghị, đề xuất./.",
    ]
    assert [p for p in paragraphs if p in expected] == expected


def test_body_paragraphs_are_justified_indented_and_spaced(district):
    paragraph = next(p for p in district.paragraphs if p.text.startswith("Căn cứ Kế hoạch"))
    fmt = paragraph.paragraph_format
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert round(fmt.first_line_indent.cm, 2) == 1.27
    assert fmt.space_after == Pt(6)
    assert fmt.line_spacing == 1.15
    assert {run.font.size for run in paragraph.runs} == {Pt(14)}


def test_headings_are_bold_and_kept_with_the_next_paragraph(district):
    heading = next(p for p in district.paragraphs if p.text == "2. Lễ phát động Tuần lễ")
    assert all(run.bold for run in heading.runs)
    assert heading.paragraph_format.keep_with_next is True


def test_bullets_and_inline_bold_are_kept(district):
    paragraphs = {p.text: p for p in district.paragraphs}
    assert "+ Lớp hướng dẫn sử dụng dịch vụ công trực tuyến;" in paragraphs
    assert "- Ngân sách nhà nước: 45.000.000 đồng;" in paragraphs
    launch = next(p for t, p in paragraphs.items() if t.startswith("Lễ phát động Tuần lễ được"))
    assert [run.text for run in launch.runs if run.bold] == ["01/10/2021"]


def test_an_empty_section_prints_its_title_and_nothing_else(district):
    blocks = body_blocks(district)
    closing = max(i for i, (kind, _) in enumerate(blocks) if kind == "tbl")
    assert blocks[closing - 1] == ("p", "3. Kiến nghị, đề xuất./.")
    assert blocks[closing - 2] == (
        "p",
        "Một bộ phận người dân ở vùng nông thôn chưa có thiết bị và kết nối Internet ổn "
        "định để tham gia học tập trực tuyến.",
    )


def test_text_ends_with_full_stop_slash_full_stop():
    sections = [ReportSection("I.1", "I. TỔ CHỨC", "Chỉ đạo", "Đã triển khai kế hoạch;")]
    report = dataclasses.replace(samples.district_report(), sections=sections, figures=[])
    blocks = body_blocks(read(report))
    assert blocks[-2] == ("p", "Đã triển khai kế hoạch./.")
    assert blocks[-1][0] == "tbl"


def test_legal_bases_are_italic_and_end_with_semicolons_then_a_full_stop():
    out = OfficialDocument()
    paragraphs = out.add_legal_bases(
        ["Căn cứ Luật Giáo dục năm 2019", "Căn cứ Kế hoạch số 3412/KH-UBND."]
    )
    assert [p.text for p in paragraphs] == [
        "Căn cứ Luật Giáo dục năm 2019;",
        "Căn cứ Kế hoạch số 3412/KH-UBND.",
    ]
    assert all(run.italic for p in paragraphs for run in p.runs)


def test_points_are_lettered_the_vietnamese_way():
    out = OfficialDocument()
    assert [out.add_point(n, "Nội dung").text for n in (4, 5, 6)] == [
        "d) Nội dung",
        "đ) Nội dung",
        "e) Nội dung",
    ]


def test_titles_already_numbered_and_sections_without_part_are_kept():
    sections = [
        ReportSection("A", "", "Tình hình chung", "Nội dung."),
        ReportSection("I.7", "Đánh giá", "Ưu điểm", ""),
        ReportSection("x", "Đánh giá", "3. Hạn chế", ""),
    ]
    report = dataclasses.replace(samples.district_report(), sections=sections, figures=[])
    paragraphs = [p.text for p in read(report).paragraphs]
    assert paragraphs[3:8] == [
        "1. Tình hình chung",
        "Nội dung.",
        "I. ĐÁNH GIÁ",
        "7. Ưu điểm",
        "3. Hạn chế./.",
    ]


# --- figures ---------------------------------------------------------------------------------


def figure_tables(document):
    return [table for table in document.tables[1:-1]]


def test_few_figures_go_into_section_I4_as_a_table(district):
    blocks = body_blocks(district)
    index = next(i for i, (kind, _) in enumerate(blocks) if kind == "tbl" and i > 0)
    assert blocks[index - 1] == ("p", "Kết quả cụ thể các hoạt động trong Tuần lễ như sau:")
    assert blocks[index + 1] == ("p", "5. Kinh phí tổ chức Tuần lễ")
    assert len(district.sections) == 1


def test_figures_table_header_is_bold_repeated_and_numbers_right_aligned(district):
    (table,) = figure_tables(district)
    header = table.rows[0]
    assert [cell.text for cell in header.cells] == ["TT", "Nội dung", "Đơn vị tính", "Kết quả"]
    assert all(run.bold for cell in header.cells for p in cell.paragraphs for run in p.runs)
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    row = next(row for row in table.rows if row.cells[0].text == "3")
    assert [cell.text for cell in row.cells] == [
        "3",
        "Số lượt người tham gia học tập",
        "lượt người",
        "1.250",
    ]
    assert row.cells[3].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_figures_table_widths_are_set_on_grid_and_cells_and_fill_the_text_width(district):
    (table,) = figure_tables(district)
    grid = [col.w.mm for col in table._tbl.tblGrid.gridCol_lst]
    cells = [cell.width.mm for cell in table.rows[2].cells]
    assert sum(grid) == pytest.approx(165, abs=0.5)
    assert cells == pytest.approx(grid, abs=0.01)


def test_groups_are_merged_bold_rows(district):
    (table,) = figure_tables(district)
    group = table.rows[1]._tr
    (cell,) = group.findall(qn("w:tc"))
    assert cell.tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == "4"
    assert "".join(t.text for t in cell.iter(qn("w:t"))) == "Lớp học, khóa học"


def test_many_figures_go_to_an_appendix_after_the_signature(department):
    assert len(department.sections) == 2
    paragraphs = [p.text for p in department.paragraphs]
    assert "(Số liệu cụ thể tại Phụ lục I kèm theo Báo cáo này.)" in paragraphs
    start = paragraphs.index("Phụ lục I")
    assert paragraphs[start + 1 : start + 3] == [
        "SỐ LIỆU KẾT QUẢ TỔ CHỨC TUẦN LỄ HƯỞNG ỨNG HỌC TẬP SUỐT ĐỜI NĂM 2021",
        "(Kèm theo Báo cáo số 05/BC-SGDĐT ngày 05/10/2021 của Sở Giáo dục và Đào tạo)",
    ]
    reference = department.paragraphs[start + 2]
    assert all(run.italic for run in reference.runs)
    appendix_table = department.tables[-1]
    assert len(appendix_table.rows) == 1 + 5 * (1 + 9)


def test_appendix_pages_are_numbered_on_their_own(department):
    appendix = department.sections[1]
    assert appendix._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    assert appendix.different_first_page_header_footer is True
    assert appendix.header.is_linked_to_previous


def test_figures_placement_can_be_forced():
    inline = read(dataclasses.replace(samples.department_report(), figures_as_appendix=False))
    appendix = read(dataclasses.replace(samples.district_report(), figures_as_appendix=True))
    assert len(inline.sections) == 1
    assert len(appendix.sections) == 2
    assert len(figure_tables(inline)) == 1


def test_figures_without_any_section_still_reach_the_document():
    report = dataclasses.replace(samples.district_report(), sections=[], figures_as_appendix=False)
    document = read(report)
    assert len(document.sections) == 2
    assert document.tables[-1].rows[5].cells[3].text == "1.250"


def test_a_landscape_appendix_turns_the_page():
    out = OfficialDocument()
    out.add_paragraph("Nội dung.")
    label = out.add_appendix("Tổng hợp", "(Kèm theo Báo cáo số 45/BC-SGDĐT)", landscape=True)
    table = out.add_table([Column("A"), Column("B", 3, "right")], [("x", "1.250")])
    section = out.docx.sections[-1]
    assert label == "Phụ lục I"
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (section.page_width.twips, section.page_height.twips) == (16838, 11906)
    assert sum(int(c.get(qn("w:w"))) for c in table.iter(qn("w:gridCol"))) == pytest.approx(
        (297 - 45) / 25.4 * 1440, abs=3
    )


def test_a_thousand_row_table_keeps_every_row_and_cell():
    columns = [Column(f"C{i}", align="right") for i in range(8)]
    rows = [tuple(f"{r}.{c}" for c in range(8)) for r in range(1000)]
    out = OfficialDocument()
    out.add_table(columns, [*rows, TableRow(("Tổng cộng", *["x"] * 7), bold=True)])
    document = docx.Document(io.BytesIO(out.to_bytes()))
    (table,) = document.tables
    assert len(table.rows) == 1002
    assert table.rows[1000].cells[7].text == "999.7"
    assert table.rows[-1].cells[0].paragraphs[0].runs[0].bold


def test_a_row_of_the_wrong_length_is_refused():
    out = OfficialDocument()
    with pytest.raises(ValueError, match="2 cells for 3 columns"):
        out.add_table([Column("A"), Column("B"), Column("C")], [("1", "2")])


# --- closing block ----------------------------------------------------------------------------


def closing(document):
    return document.tables[-1] if len(document.sections) == 1 else document.tables[-2]


def test_closing_columns_are_80_and_85_mm(district):
    table = closing(district)
    assert [mm(col.w) for col in table._tbl.tblGrid.gridCol_lst] == [80.0, 85.0]
    assert [mm(cell.width) for cell in table.rows[0].cells] == [80.0, 85.0]


def test_recipients_end_with_semicolons_and_the_archive_copy_last(district):
    left = closing(district).rows[0].cells[0]
    assert texts(left) == [
        "Nơi nhận:",
        "- Sở GD&ĐT (P.GDTrH) (b/c);",
        "- Hội Khuyến học tỉnh;",
        "- TT.HU, TT.HĐND huyện (b/c);",
        "- CT, các PCT UBND huyện;",
        "- Phòng GD&ĐT huyện;",
        "- Lưu: VT.",
    ]
    heading = left.paragraphs[0].runs[0]
    assert (heading.bold, heading.italic, heading.font.size) == (True, True, Pt(12))
    assert {p.runs[0].font.size for p in left.paragraphs[1:]} == {Pt(11)}


def test_the_archive_copy_is_added_and_moved_last():
    report = dataclasses.replace(
        samples.district_report(), recipients=["- Lưu: VT, GDTrH", "Như trên."]
    )
    left = closing(read(report)).rows[0].cells[0]
    assert texts(left)[1:] == ["- Như trên;", "- Lưu: VT, GDTrH."]
    report = dataclasses.replace(samples.district_report(), recipients=["Sở GD&ĐT"])
    assert texts(closing(read(report)).rows[0].cells[0])[1:] == ["- Sở GD&ĐT;", "- Lưu: VT."]


def test_signature_has_authority_lines_blank_lines_and_the_name(district):
    right = closing(district).rows[0].cells[1]
    assert texts(right) == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "",
        "",
        "",
        "",
        "Nguyễn Văn An",
    ]
    for paragraph in right.paragraphs:
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert all(run.bold for p in (*right.paragraphs[:3], right.paragraphs[-1]) for run in p.runs)


def test_first_signature_line_starts_level_with_nơi_nhận(district):
    left, right = closing(district).rows[0].cells
    heading, authority = left.paragraphs[0], right.paragraphs[0]
    # Same top, and the smaller "Nơi nhận:" lowered by the difference in ascent.
    lowered = heading.paragraph_format.space_before.pt - authority.paragraph_format.space_before.pt
    assert lowered == pytest.approx((14 - 12) * 0.891, abs=0.1)


def test_an_unknown_signer_leaves_the_name_line_empty(department):
    right = closing(department).rows[0].cells[1]
    assert texts(right) == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "", "", "", ""]


def test_blank_lines_for_the_signature_follow_the_settings():
    document = read(samples.district_report(), LayoutSettings(signature_blank_lines=6))
    assert texts(closing(document).rows[0].cells[1]).count("") == 6


# --- API ---------------------------------------------------------------------------------------


def test_render_report_returns_a_python_docx_document():
    issuer = Issuer("", "Trường THCS Nguyễn Văn Tiếp", "THCSNVT", "Bến Lức")
    report = samples.district_report()
    report = dataclasses.replace(
        report,
        issuer=issuer,
        figures=[FigureRow("", "1", "Số lớp học", "lớp", "3")],
        signature=Signature([], "HIỆU TRƯỞNG", ""),
    )
    document = render_report(report)
    assert document.tables[0].rows[1].cells[0].text == "Số: 07/BC-THCSNVT"


def test_the_layout_package_imports_no_django():
    code = (
        "import sys, lifelong_week.documents.nd30.report, lifelong_week.documents.nd30.samples; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    # Runs the interpreter of this test run on a fixed string: no untrusted input.
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_text_reads_back_as_typed_with_tabs_line_breaks_and_edge_spaces():
    document = OfficialDocument()
    document.add_paragraph(" Cột\tthứ hai\ndòng sau ")
    document.add_paragraph("**Đậm** và *nghiêng* & <thẻ>")
    read_back = docx.Document(io.BytesIO(document.to_bytes()))

    first, second = read_back.paragraphs[-2:]
    assert first.text == " Cột\tthứ hai\ndòng sau "
    assert [(r.text, bool(r.bold), bool(r.italic)) for r in second.runs] == [
        ("Đậm", True, False),
        (" và ", False, False),
        ("nghiêng", False, True),
        (" & <thẻ>", False, False),
    ]
    assert [_fonts(run._r.find(qn("w:rPr"))) for p in (first, second) for run in p.runs] == [
        TNR
    ] * (len(first.runs) + len(second.runs))
