"""The building blocks: dates, markers, paragraphs, header fields, deadlines."""

import datetime as dt

import pytest

from lifelong_week.documents.planparser import parse_plan
from lifelong_week.documents.planparser.dates import (
    find_dates,
    find_deadlines,
    find_ranges,
    parse_header_date,
)
from lifelong_week.documents.planparser.markers import strip_marker
from lifelong_week.documents.planparser.paragraphs import build_paragraphs
from lifelong_week.documents.planparser.text import clean_line, fold, strip_quotes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ngày 01/10/2021", dt.date(2021, 10, 1)),
        ("ngày 1/10/2021", dt.date(2021, 10, 1)),
        ("ngày 01-10-2021", dt.date(2021, 10, 1)),
        ("ngày 01.10.2021", dt.date(2021, 10, 1)),
        ("ngày 01 tháng 10 năm 2022", dt.date(2022, 10, 1)),
        ("vào ngày 5/10", dt.date(2023, 10, 5)),  # year from context
        ("ngày 01/10/21", dt.date(2021, 10, 1)),
    ],
)
def test_single_dates(text, expected):
    assert [d.value for d in find_dates(text, 2023)] == [expected]


@pytest.mark.parametrize(
    "text",
    ["giai đoạn 2021-2030", "Cách mạng công nghiệp 4.0", "ngày 31/02/2021", "số 1373/QĐ-TTg"],
)
def test_things_that_are_not_dates(text):
    assert find_dates(text, 2021) == []


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("từ ngày 01/10/2021 đến ngày 07/10/2021", (2021, 10, 1), (2021, 10, 7)),
        ("từ ngày 01/10/2021 đến hết ngày 07/10/2021", (2021, 10, 1), (2021, 10, 7)),
        ("từ 01 – 07/10/2022", (2022, 10, 1), (2022, 10, 7)),
        ("từ 01-07/10/2022", (2022, 10, 1), (2022, 10, 7)),
        ("từ ngày 01 đến hết ngày 07 tháng 10 năm 2019", (2019, 10, 1), (2019, 10, 7)),
        ("(01/10 - 07/10/2024)", (2024, 10, 1), (2024, 10, 7)),
        ("từ ngày 28/9 đến ngày 04/10", (2025, 9, 28), (2025, 10, 4)),
    ],
)
def test_date_ranges(text, first, last):
    found = find_ranges(text, 2025)
    assert [(r.first, r.last) for r in found] == [(dt.date(*first), dt.date(*last))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("báo cáo trước ngày 15/10/2021", dt.date(2021, 10, 15)),
        ("báo cáo trước 15/10", dt.date(2021, 10, 15)),
        ("chậm nhất ngày 20/10/2023", dt.date(2023, 10, 20)),
        ("chậm nhất là ngày 20/10/2023", dt.date(2023, 10, 20)),
        ("trước 16 giờ 00 ngày 14/10/2019", dt.date(2019, 10, 14)),
        ("trước 17h00 ngày 12/10/2022", dt.date(2022, 10, 12)),
        ("không muộn hơn ngày 18/10/2024", dt.date(2024, 10, 18)),
        ("hạn chót nộp báo cáo: 25/10/2025", dt.date(2025, 10, 25)),
    ],
)
def test_deadlines(text, expected):
    assert [d.value for d in find_deadlines(text, 2021)] == [expected]


@pytest.mark.parametrize(
    ("text", "date", "year"),
    [
        ("Long An, ngày 05 tháng 10 năm 2021", dt.date(2021, 10, 5), 2021),
        ("Long An, ngày tháng 9 năm 2021", None, 2021),
        ("....., ngày....tháng 10 năm 2021", None, 2021),
        ("Hà Nội, ngày    tháng    năm 2023", None, 2023),
        ("Hà Nội, 05/9/2023", dt.date(2023, 9, 5), 2023),
    ],
)
def test_header_dates(text, date, year):
    assert parse_header_date(text) == (date, year)


@pytest.mark.parametrize(
    ("text", "label", "rest"),
    [
        ("I. MỤC ĐÍCH, YÊU CẦU", "I", "MỤC ĐÍCH, YÊU CẦU"),
        ("IV/ TỔ CHỨC THỰC HIỆN", "IV", "TỔ CHỨC THỰC HIỆN"),
        ("1. Mục đích", "1", "Mục đích"),
        ("1) Mục đích", "1", "Mục đích"),
        ("2.1. Hoạt động", "2.1", "Hoạt động"),
        ("a) Thành phần", "a", "Thành phần"),
        ("đ) Biểu dương", "đ", "Biểu dương"),
        ("- Gạch đầu dòng", "-", "Gạch đầu dòng"),
        ("– Gạch ngang", "–", "Gạch ngang"),
        ("+ Dấu cộng", "+", "Dấu cộng"),
        ("* Dấu sao", "*", "Dấu sao"),
        ("• Chấm tròn", "•", "Chấm tròn"),
    ],
)
def test_markers(text, label, rest):
    marker, remainder = strip_marker(text)
    assert (marker.label, remainder) == (label, rest)


@pytest.mark.parametrize(
    "text", ["V/v tổ chức Tuần lễ", "01/10/2021 khai mạc", "IIII. không phải số La Mã", "Căn cứ"]
)
def test_not_markers(text):
    assert strip_marker(text)[0] is None


def test_markdown_and_invisible_characters_are_cleaned():
    assert clean_line("  - *Tuần lễ* **học tập**\u200b\u00a0suốt đời  ") == (
        "- Tuần lễ học tập suốt đời"
    )
    assert (
        clean_line("\\- lớp học tại <https://example.org>") == "- lớp học tại https://example.org"
    )
    assert clean_line("\u00d0ào tạo") == "Đào tạo"  # eth, a legacy look-alike


def test_fold_removes_diacritics_and_keeps_length():
    text = "Tổ chức THỰC HIỆN, đoàn"
    assert fold(text) == "TO CHUC THUC HIEN, DOAN"
    assert len(fold(text)) == len(text)


def test_strip_quotes_only_removes_enclosing_quotes():
    assert strip_quotes("“Học tập suốt đời”.") == "Học tập suốt đời"
    assert strip_quotes("“A” và “B”") == "“A” và “B”"


def test_paragraph_broken_by_a_page_break_is_rejoined():
    lines = ["5. Trong đó, lòng", "", "ghép, giới thiệu các nội dung.", "", "6. Mục khác."]

    paragraphs = build_paragraphs(lines)

    assert [(p.first, p.last, p.text) for p in paragraphs] == [
        (0, 2, "Trong đó, lòng ghép, giới thiệu các nội dung."),
        (4, 4, "Mục khác."),
    ]


def test_hard_wrapped_lines_join_but_headings_stay_apart():
    lines = [
        "1. Sở Giáo dục và Đào tạo",
        "Hướng dẫn, chỉ đạo các cơ quan báo, đài tuyên truyền về",
        "Tuần lễ hưởng ứng học tập suốt đời.",
        "2. Chủ đề",
        "“Học tập suốt đời”",
        "Khẩu hiệu:",
    ]

    texts = [p.text for p in build_paragraphs(lines)]

    assert texts == [
        "Sở Giáo dục và Đào tạo",
        "Hướng dẫn, chỉ đạo các cơ quan báo, đài tuyên truyền về Tuần lễ hưởng ứng học tập "
        "suốt đời.",
        "Chủ đề",
        "“Học tập suốt đời”",
        "Khẩu hiệu:",
    ]


def test_letter_number_and_title_and_type():
    extract = parse_plan(
        [
            "BỘ GIÁO DỤC VÀ ĐÀO TẠO",
            "Số: 3764/BGDĐT-GDĐT",
            "V/v tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2021",
            "Hà Nội, ngày 31 tháng 8 năm 2021",
            "Kính gửi: Các sở giáo dục và đào tạo",
            "Bộ GDĐT hướng dẫn như sau:",
        ]
    )

    assert (extract.doc_type, extract.number, extract.issuer) == (
        "CÔNG VĂN",
        "3764/BGDĐT-GDĐT",
        "BỘ GIÁO DỤC VÀ ĐÀO TẠO",
    )
    assert extract.title == "tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2021"
    assert (extract.date, extract.year) == (dt.date(2021, 8, 31), 2021)


@pytest.mark.parametrize(
    ("type_line", "expected"),
    [
        ("QUYẾT ĐỊNH", "QUYẾT ĐỊNH"),
        ("HƯỚNG DẪN", "HƯỚNG DẪN"),
        ("THÔNG BÁO", "THÔNG BÁO"),
        ("BÁO CÁO", "BÁO CÁO"),
        ("CHƯƠNG TRÌNH", "CHƯƠNG TRÌNH"),
        ("KÉ HOẠCH", "KẾ HOẠCH"),  # OCR slip
    ],
)
def test_type_lines(type_line, expected):
    extract = parse_plan(["SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Số: 12/XX-SGDĐT", type_line, "Về việc X"])
    assert extract.doc_type == expected
    assert extract.title == "Về việc X"


def test_type_from_the_number_when_the_type_line_is_lost():
    assert parse_plan(["Số: 12/HD-SGDĐT", "", "Căn cứ Luật Giáo dục;"]).doc_type == "HƯỚNG DẪN"


def test_header_columns_on_one_line_are_split():
    extract = parse_plan(
        [
            "UBND TỈNH AN GIANG           CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "SỞ GIÁO DỤC VÀ ĐÀO TẠO       Độc lập - Tự do - Hạnh phúc",
            "Số: 88/KH-SGDĐT              An Giang, ngày 09 tháng 9 năm 2022",
            "KẾ HOẠCH",
        ]
    )

    assert (extract.issuer, extract.governing_body) == (
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        "UBND TỈNH AN GIANG",
    )
    assert (extract.number, extract.place, extract.date) == (
        "88/KH-SGDĐT",
        "An Giang",
        dt.date(2022, 9, 9),
    )


def test_deadline_before_the_subject_and_polite_prefix():
    extract = parse_plan(
        [
            "KẾ HOẠCH",
            "Tổ chức Tuần lễ năm 2022",
            "",
            "I. BÁO CÁO",
            "Trước ngày 12/10/2022, đề nghị các trường báo cáo kết quả về Phòng GDĐT.",
        ]
    )

    assert extract.to_json_dict()["report_deadlines"] == [
        {"from": "các trường", "to": "Phòng GDĐT", "date": "2022-10-12"}
    ]


def test_letter_with_a_markdown_pipe_table_header():
    extract = parse_plan(
        [
            "| UBND HUYỆN CỦ CHI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |",
            "|---|---|",
            "| PHÒNG GIÁO DỤC VÀ ĐÀO TẠO | Độc lập - Tự do - Hạnh phúc |",
            "| Số: 802/PGDĐT | Củ Chi, ngày 26 tháng 9 năm 2022 |",
            "| V/v hướng dẫn tổ chức Tuần lễ năm 2022 | |",
            "",
            "Kính gửi:",
            "- Hiệu trưởng các trường trung học cơ sở;",
            "- Giám đốc Trung tâm học tập cộng đồng các xã.",
            "",
            "1. Báo cáo: Các đơn vị gửi báo cáo về Phòng GDĐT trước ngày 14/10/2022.",
            "2. Tổng hợp báo cáo về UBND huyện trước ngày 16/10/2022.",
            "",
            "| Nơi nhận: | TRƯỞNG PHÒNG |",
            "| - Như trên; | |",
            "| - Lưu: VT. | Lê Văn Tám |",
        ]
    )

    data = extract.to_json_dict()
    assert (data["doc_type"], data["issuer"], extract.governing_body) == (
        "CÔNG VĂN",
        "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
        "UBND HUYỆN CỦ CHI",
    )
    assert data["title"] == "hướng dẫn tổ chức Tuần lễ năm 2022"
    assert extract.addressees == [
        "Hiệu trưởng các trường trung học cơ sở",
        "Giám đốc Trung tâm học tập cộng đồng các xã",
    ]
    assert data["report_deadlines"] == [
        {"from": "Các đơn vị", "to": "Phòng GDĐT", "date": "2022-10-14"},
        # No subject: the letter's addressees are the ones asked to report.
        {
            "from": "Hiệu trưởng các trường trung học cơ sở, Giám đốc Trung tâm học tập "
            "cộng đồng các xã",
            "to": "UBND huyện",
            "date": "2022-10-16",
        },
    ]
    assert data["recipients"] == ["Như trên", "Lưu: VT"]
    assert data["signer"] == {"name": "Lê Văn Tám", "title": "TRƯỞNG PHÒNG", "authority": None}


def test_theme_quoted_in_the_label_sentence():
    extract = parse_plan(
        ["KẾ HOẠCH", "X", "", "1. Chủ đề của Tuần lễ năm 2022 là “Học tập suốt đời”", "2. Y"]
    )
    assert extract.theme == "Học tập suốt đời"


def test_decision_type_line_and_articles():
    extract = parse_plan(
        [
            "ỦY BAN NHÂN DÂN",
            "HUYỆN ĐỨC HÒA",
            "Số: 1234/QĐ-UBND",
            "Đức Hòa, ngày 15 tháng 9 năm 2024",
            "QUYẾT ĐỊNH",
            "Về việc ban hành Kế hoạch tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2024",
            "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN ĐỨC HÒA",
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
            "QUYẾT ĐỊNH:",
            "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch tổ chức Tuần lễ.",
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.",
            "Nơi nhận:",
            "- Như Điều 2;",
            "- Lưu: VT.",
            "CHỦ TỊCH",
            "Nguyễn Văn Bảy",
        ]
    )

    data = extract.to_json_dict()
    assert (data["doc_type"], data["number"], data["year"]) == ("QUYẾT ĐỊNH", "1234/QĐ-UBND", 2024)
    assert data["title"] == (
        "Về việc ban hành Kế hoạch tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2024"
    )
    assert data["issuer"] == "ỦY BAN NHÂN DÂN HUYỆN ĐỨC HÒA"
    assert data["legal_bases"] == ["Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015"]
    assert data["signer"] == {"name": "Nguyễn Văn Bảy", "title": "CHỦ TỊCH", "authority": None}
