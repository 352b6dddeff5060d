"""Plans and letters of other bodies, years and styles, each with its expected JSON.

Every ``tests/documents/plans/<name>.txt`` has its expected extract in
``<name>.json`` beside it:

* ``ke-hoach-huyen-ben-luc-2022`` — a district People's Committee plan, header
  on separate lines, theme after a colon, slogans under their own heading;
* ``cong-van-bo-gddt-2023`` — a Ministry letter in a PDF-like layout (two
  columns on one line, lines wrapped at the margin, no blank lines), "V/v"
  title, "Kính gửi", items a)–đ), deadline "chậm nhất ngày …";
* ``ke-hoach-truong-thcs-thanh-loc-2024`` — a school plan under its district
  office, numbering "1)" "a)" "đ)", dates "từ 01 – 07/10/2024", "ngày 01
  tháng 10 năm 2024", a deadline "trước 15/10" without a year, no authority;
* ``ke-hoach-so-gddt-dong-thap-2019`` — a provincial department plan with
  unnumbered upper-case headings, "–" and "+" bullets, "Thực hiện …" bases,
  dates written out, "trước 16 giờ 00 ngày …";
* ``nfd-ke-hoach-huyen-ben-luc-2022`` — the district plan in NFD;
* ``ocr-ke-hoach-ubnd-quang-nam-2020`` — OCR output: slips ("Sô:", "KÉ
  HOẠCH", "TÓ CHỨC"), page numbers, a sentence broken over a page, columns
  interleaved in the closing block, an appendix after the signature;
* ``thieu-muc-tthtcd-dai-thanh-2021`` — a community learning centre's plan
  missing most sections: everything absent stays null or empty;
* ``huong-dan-so-gddt-tphcm-2025-markdown`` — a guidance document converted to
  markdown: grid-table header, bold headings, "1.1." numbering, escaped
  bullets, an e-mail autolink.
"""

import json
import unicodedata
from pathlib import Path

import pytest

from lifelong_week.documents.planparser import parse_plan, read_document

PLANS = Path(__file__).parent / "plans"
DOCUMENTS = sorted(path for path in PLANS.glob("*.txt") if path.with_suffix(".json").exists())


def test_there_are_at_least_eight_fixture_documents():
    assert len(DOCUMENTS) >= 8


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda path: path.stem)
def test_fixture_extract_equals_expected_json(path):
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))

    extract = parse_plan(read_document(path))

    assert extract.to_json_dict() == expected


def test_nfd_fixture_really_is_decomposed():
    # Guards against an editor silently normalising the fixture.
    text = (PLANS / "nfd-ke-hoach-huyen-ben-luc-2022.txt").read_text(encoding="utf-8")
    assert text == unicodedata.normalize("NFD", text)
    assert text != unicodedata.normalize("NFC", text)


def test_district_plan_has_no_governing_body_and_no_warning():
    extract = parse_plan(read_document(PLANS / "ke-hoach-huyen-ben-luc-2022.txt"))

    assert extract.governing_body is None
    assert extract.issuer_inferred is False
    assert extract.warnings == []
    assert extract.purpose == (
        "Nâng cao nhận thức của cán bộ, đảng viên và nhân dân về vai trò, ý nghĩa của học "
        "tập suốt đời; khuyến khích mọi người dân tham gia học tập thường xuyên, học tập "
        "suốt đời."
    )


def test_school_plan_keeps_the_governing_office():
    extract = parse_plan(read_document(PLANS / "ke-hoach-truong-thcs-thanh-loc-2024.txt"))

    assert extract.governing_body == "PHÒNG GD&ĐT HUYỆN CAI LẬY"
    assert extract.issuer == "TRƯỜNG THCS THẠNH LỘC"


def test_ministry_letter_keeps_its_addressees():
    extract = parse_plan(read_document(PLANS / "cong-van-bo-gddt-2023.txt"))

    assert extract.addressees == ["Các sở giáo dục và đào tạo"]
    # The closing formulas are not duties of the last assigned body.
    assert extract.assignments[-1].duties == [
        "Các sở GDĐT báo cáo kết quả tổ chức Tuần lễ về Bộ GDĐT (qua Vụ Giáo dục thường "
        "xuyên) chậm nhất ngày 20/10/2023 để tổng hợp."
    ]


def test_missing_sections_stay_empty():
    extract = parse_plan(read_document(PLANS / "thieu-muc-tthtcd-dai-thanh-2021.txt"))

    assert extract.requirements is None
    assert extract.funding is None
    assert extract.year is None
    assert extract.issuer_inferred is False


def test_ocr_appendix_is_not_part_of_the_plan():
    lines = read_document(PLANS / "ocr-ke-hoach-ubnd-quang-nam-2020.txt")
    appendix = next(i for i, line in enumerate(lines) if line.startswith("PHỤ LỤC"))

    extract = parse_plan(lines)

    assert all(last < appendix for _, last in extract.spans.values())
    # The sentence broken by the page number "3" is one duty.
    assert extract.spans["assignments[1].duties[0]"] == (39, 43)
    assert lines[41] == "3"
    assert extract.assignments[1].duties == [
        "chỉ đạo các cơ quan báo chí, hệ thống thông tin cơ sở tăng cường tuyên truyền về Tuần lễ."
    ]
