"""A plan as a Word file: header and closing blocks are two-column tables,
some lists use Word's automatic numbering, the title has a manual line break."""

import json
from pathlib import Path

import docx
import pytest
from docx.shared import Mm

from lifelong_week.documents.planparser import parse_plan, read_document

EXPECTED = Path(__file__).parent / "plans" / "docx-ke-hoach-so-gddt-nghe-an-2025.json"

HEADER_LEFT = ["UBND TỈNH NGHỆ AN", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Số: 1890/KH-SGDĐT"]
HEADER_RIGHT = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Nghệ An, ngày 12 tháng 9 năm 2025",
]
# (style, text): None is a plain paragraph; "\n" is a manual line break.
BODY = [
    (None, "KẾ HOẠCH"),
    (None, "Tổ chức Tuần lễ hưởng ứng học tập suốt đời\nnăm 2025"),
    (
        None,
        "Căn cứ Công văn số 5120/BGDĐT-GDTX ngày 05/9/2025 của Bộ Giáo dục và Đào tạo về việc "
        "tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2025;",
    ),
    (
        None,
        "Căn cứ Kế hoạch số 702/KH-UBND ngày 10/9/2025 của UBND tỉnh Nghệ An về tổ chức Tuần "
        "lễ hưởng ứng học tập suốt đời năm 2025, Sở Giáo dục và Đào tạo xây dựng kế hoạch "
        "như sau:",
    ),
    (None, "I. MỤC ĐÍCH, YÊU CẦU"),
    (None, "1. Mục đích: Lan tỏa tinh thần học tập suốt đời đến mọi người dân trong tỉnh."),
    (
        None,
        "2. Yêu cầu: Các hoạt động thiết thực, phù hợp với mô hình chính quyền địa phương hai cấp.",
    ),
    (None, "II. CHỦ ĐỀ, KHẨU HIỆU, THỜI GIAN"),
    (None, "1. Chủ đề"),
    (None, "“Học tập suốt đời - Nền tảng của kỷ nguyên vươn mình”"),
    (None, "2. Khẩu hiệu:"),
    ("List Bullet", "Học tập suốt đời vì một Nghệ An phát triển"),
    ("List Bullet", "Mỗi người dân là một công dân học tập"),
    (
        None,
        "3. Thời gian: Tuần lễ diễn ra từ ngày 01/10/2025 đến ngày 07/10/2025; Lễ khai mạc "
        "cấp tỉnh tổ chức ngày 01/10/2025.",
    ),
    (None, "III. NỘI DUNG HOẠT ĐỘNG"),
    ("List Number", "Tuyên truyền về Tuần lễ trên Báo Nghệ An và các nền tảng số."),
    ("List Number", "Tổ chức các lớp học kỹ năng số tại các trung tâm học tập cộng đồng."),
    ("List Number", "Phát động phong trào đọc sách trong các cơ sở giáo dục."),
    (None, "IV. TỔ CHỨC THỰC HIỆN"),
    (None, "1. Phòng Giáo dục thường xuyên - Chuyên nghiệp"),
    (None, "- Tham mưu Giám đốc Sở chỉ đạo các đơn vị triển khai Kế hoạch."),
    (None, "- Tổng hợp kết quả, báo cáo Bộ Giáo dục và Đào tạo trước ngày 25/10/2025."),
    (None, "2. UBND các xã, phường"),
    (None, "- Chỉ đạo trung tâm học tập cộng đồng tổ chức các hoạt động của Tuần lễ."),
    (None, "- Báo cáo kết quả về Sở Giáo dục và Đào tạo trước ngày 15/10/2025."),
    (
        None,
        "Trên đây là Kế hoạch tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2025 của Sở "
        "Giáo dục và Đào tạo./.",
    ),
]
CLOSING_LEFT = ["Nơi nhận:", "- Bộ GDĐT (để b/c);", "- UBND tỉnh (để b/c);", "- Lưu: VT, GDTX-CN."]
CLOSING_RIGHT = ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "", "Phan Thị Lan"]


def _add_lines(cell, texts):
    cell.paragraphs[0].text = texts[0]
    for text in texts[1:]:
        cell.add_paragraph(text)


def _two_column_table(document, left, right):
    table = document.add_table(rows=1, cols=2)
    for column, width in zip(table.columns, (Mm(65), Mm(100)), strict=True):
        column.width = width
    _add_lines(table.cell(0, 0), left)
    _add_lines(table.cell(0, 1), right)


def _add_paragraph(document, style, text):
    paragraph = document.add_paragraph(style=style)
    first, *rest = text.split("\n")
    run = paragraph.add_run(first)
    for piece in rest:
        run.add_break()
        run = paragraph.add_run(piece)


@pytest.fixture
def plan_docx(tmp_path):
    document = docx.Document()
    _two_column_table(document, HEADER_LEFT, HEADER_RIGHT)
    for style, text in BODY:
        _add_paragraph(document, style, text)
    _two_column_table(document, CLOSING_LEFT, CLOSING_RIGHT)
    path = tmp_path / "ke-hoach.docx"
    document.save(path)
    return path


def test_docx_lines_follow_the_table_cells_and_render_numbering(plan_docx):
    lines = [line for line in read_document(plan_docx) if line]

    assert lines[:6] == HEADER_LEFT + HEADER_RIGHT
    assert lines[7:9] == ["Tổ chức Tuần lễ hưởng ứng học tập suốt đời", "năm 2025"]
    assert "1. Tuyên truyền về Tuần lễ trên Báo Nghệ An và các nền tảng số." in lines
    assert "• Mỗi người dân là một công dân học tập" in lines


def test_docx_extract_equals_expected_json(plan_docx):
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))

    extract = parse_plan(read_document(plan_docx))

    assert extract.to_json_dict() == expected
    assert extract.governing_body == "UBND TỈNH NGHỆ AN"
    assert extract.purpose == "Lan tỏa tinh thần học tập suốt đời đến mọi người dân trong tỉnh."
    assert extract.requirements == (
        "Các hoạt động thiết thực, phù hợp với mô hình chính quyền địa phương hai cấp."
    )
