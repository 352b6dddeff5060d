"""Numbers, dates, numbering and text helpers of the Decree 30 layout."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lifelong_week.documents.nd30.markup import Block, Span, parse_blocks, parse_inline
from lifelong_week.documents.nd30.metrics import text_width_mm, wrap_name
from lifelong_week.documents.nd30.settings import LayoutSettings
from lifelong_week.documents.nd30.vietnamese import (
    VIETNAMESE_LETTERS,
    format_money,
    format_number,
    format_number_line,
    format_place_date,
    point_label,
    roman_numeral,
    terminate_items,
    vietnamese_letter,
)

# --- format_number ------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "0"),
        (999, "999"),
        (1250, "1.250"),
        (1234567, "1.234.567"),
        (-1250, "-1.250"),
        (1.5, "1,5"),
        (Decimal("1234.50"), "1.234,5"),
        (Decimal("1E+3"), "1.000"),
    ],
)
def test_numbers_are_grouped_with_dots_and_decimals_follow_a_comma(value, expected):
    assert format_number(value) == expected


def test_decimals_can_be_fixed_and_round_half_up():
    assert format_number(2.345, decimals=2) == "2,35"
    assert format_number(1250, decimals=1) == "1.250,0"


def test_money_is_rounded_to_the_dong_and_says_dong():
    assert format_money(1_250_000) == "1.250.000 đồng"
    assert format_money(Decimal("999.5")) == "1.000 đồng"
    assert format_money(45_000, with_unit=False) == "45.000"


@given(st.integers())
def test_any_integer_reads_back_from_its_grouping(n):
    text = format_number(n)
    groups = text.lstrip("-").split(".")
    assert int(text.replace(".", "")) == n
    assert 1 <= len(groups[0]) <= 3
    assert all(len(group) == 3 for group in groups[1:])
    assert "," not in text


@given(
    st.decimals(
        allow_nan=False, allow_infinity=False, places=3, max_value=10**12, min_value=-(10**12)
    )
)
def test_any_decimal_reads_back_from_its_vietnamese_form(value):
    text = format_number(value)
    assert Decimal(text.replace(".", "").replace(",", ".")) == value


# --- dates ----------------------------------------------------------------------


def test_place_and_date_take_leading_zeros_for_days_below_10_and_months_1_and_2():
    assert (
        format_place_date("Long An", dt.date(2021, 10, 5)) == "Long An, ngày 05 tháng 10 năm 2021"
    )
    assert (
        format_place_date("Long An", dt.date(2022, 2, 14)) == "Long An, ngày 14 tháng 02 năm 2022"
    )
    assert format_place_date("Bến Lức", dt.date(2021, 3, 1)) == "Bến Lức, ngày 01 tháng 3 năm 2021"


def test_a_draft_date_leaves_the_day_blank():
    assert format_place_date("Long An", None, 10, 2021) == "Long An, ngày      tháng 10 năm 2021"


def test_a_draft_date_needs_its_month_and_year():
    with pytest.raises(ValueError, match="month and year"):
        format_place_date("Long An", None)


def test_month_and_year_must_agree_with_the_date():
    with pytest.raises(ValueError, match="does not agree"):
        format_place_date("Long An", dt.date(2021, 10, 5), 11, 2021)


_PLACE_DATE = re.compile(
    r"^(?P<place>.+), ngày (?P<day>\d{2}) tháng (?P<month>\d{1,2}) năm (?P<year>\d{4})$"
)


@given(st.dates(min_value=dt.date(1945, 9, 2), max_value=dt.date(2999, 12, 31)))
def test_any_date_reads_back_and_pads_as_the_decree_says(date):
    match = _PLACE_DATE.match(format_place_date("Long An", date))
    assert match is not None
    assert match["place"] == "Long An"
    parsed = dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
    assert parsed == date
    assert match["month"].startswith("0") == (date.month <= 2)


@given(st.integers(1, 12), st.integers(1945, 2999))
def test_any_draft_date_keeps_month_and_year_and_blanks_the_day(month, year):
    text = format_place_date("Long An", None, month, year)
    assert text.startswith("Long An, ngày      tháng ")
    assert text.endswith(f" năm {year}")
    assert not re.search(r"ngày\s+\d", text)


# --- document numbers -----------------------------------------------------------


def test_number_line_pads_to_two_digits_and_has_no_spaces():
    assert format_number_line(5, "BC", "SGDĐT") == "Số: 05/BC-SGDĐT"
    assert format_number_line(45, "BC", "SGDĐT") == "Số: 45/BC-SGDĐT"
    assert format_number_line(123, "KH", "UBND") == "Số: 123/KH-UBND"


def test_a_draft_number_is_blank():
    assert format_number_line(None, "BC", "SGDĐT") == "Số:      /BC-SGDĐT"


def test_an_official_letter_has_no_type_abbreviation():
    assert format_number_line(12, None, "SGDĐT-GDTrH") == "Số: 12/SGDĐT-GDTrH"


# --- numbering -----------------------------------------------------------------


def test_points_use_the_vietnamese_alphabet():
    labels = [point_label(n) for n in range(1, 12)]
    assert labels == ["a)", "b)", "c)", "d)", "đ)", "e)", "g)", "h)", "i)", "k)", "l)"]
    assert vietnamese_letter(23) == "y"
    assert vietnamese_letter(24) == "aa"


@given(st.integers(1, 5000))
def test_no_letter_label_uses_f_j_w_or_z(n):
    label = vietnamese_letter(n)
    assert not set(label) & set("fjwz")
    assert set(label) <= set(VIETNAMESE_LETTERS)


@given(st.integers(1, 3000), st.integers(1, 3000))
def test_letter_labels_are_distinct(a, b):
    assert (vietnamese_letter(a) == vietnamese_letter(b)) == (a == b)


def _from_roman(text: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for char, following in zip(text, [*text[1:], None], strict=True):
        value = values[char]
        total += -value if following and values[following] > value else value
    return total


@given(st.integers(1, 3999))
def test_roman_numerals_read_back(n):
    assert _from_roman(roman_numeral(n)) == n


def test_roman_numerals_of_parts():
    assert [roman_numeral(n) for n in (1, 2, 4, 9, 14)] == ["I", "II", "IV", "IX", "XIV"]


# --- lists ------------------------------------------------------------------------


def test_items_end_with_semicolons_and_the_last_with_a_full_stop():
    items = ["Căn cứ Luật Giáo dục.", "Căn cứ Kế hoạch số 12/KH-UBND;", "", "Căn cứ Quyết định"]
    assert terminate_items(items) == [
        "Căn cứ Luật Giáo dục;",
        "Căn cứ Kế hoạch số 12/KH-UBND;",
        "Căn cứ Quyết định.",
    ]


@given(st.lists(st.text(min_size=0, max_size=20)))
def test_any_list_is_terminated_by_the_rule(items):
    result = terminate_items(items)
    assert all(item.endswith(";") for item in result[:-1])
    assert not result or result[-1].endswith(".")
    assert all(item[:-1] and item[:-1][-1] not in ";.," for item in result)


# --- markup -----------------------------------------------------------------------


def test_bold_and_italic_spans():
    assert parse_inline("ngày **01/10/2021** tại *trường*") == [
        Span("ngày "),
        Span("01/10/2021", bold=True),
        Span(" tại "),
        Span("trường", italic=True),
    ]


def test_unpaired_asterisks_are_printed_as_typed():
    assert parse_inline("5 * 3 = 15 **") == [Span("5 * 3 = 15 **")]


@given(st.text(alphabet=st.characters(blacklist_characters="*")))
def test_text_without_asterisks_is_one_plain_span(text):
    spans = parse_inline(text)
    assert "".join(span.text for span in spans) == text
    assert not any(span.bold or span.italic for span in spans)


def test_lines_become_paragraphs_and_bullets():
    text = "Mở đầu\n\n- Ý một;\n+ ý phụ;\n• Ý hai.\n  \nKết thúc"
    assert parse_blocks(text) == [
        Block("paragraph", "Mở đầu"),
        Block("bullet", "Ý một;"),
        Block("sub_bullet", "ý phụ;"),
        Block("bullet", "Ý hai."),
        Block("paragraph", "Kết thúc"),
    ]


# --- text widths and names --------------------------------------------------------


def test_text_width_matches_times_new_roman():
    # Measured with Pillow from Liberation Serif Bold (Times New Roman's
    # metrics); the table's rounding to 1/1000 em costs at most 0.2 mm.
    assert text_width_mm("Độc lập - Tự do - Hạnh phúc", 14, bold=True) == pytest.approx(
        60.37, abs=0.2
    )
    assert text_width_mm("ỦY BAN NHÂN DÂN HUYỆN BẾN LỨC", 13, bold=True) == pytest.approx(
        82.46, abs=0.2
    )


def test_a_long_name_breaks_before_the_administrative_level():
    name = "ỦY BAN NHÂN DÂN HUYỆN BẾN LỨC"
    assert wrap_name(name, 65, 13, bold=True) == ["ỦY BAN NHÂN DÂN", "HUYỆN BẾN LỨC"]


def test_a_long_name_breaks_after_a_comma_before_and_or_after_its_kind():
    assert wrap_name("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", 65, 13, bold=True) == [
        "SỞ VĂN HÓA,",
        "THỂ THAO VÀ DU LỊCH",
    ]
    assert wrap_name("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", 50, 13, bold=True) == [
        "PHÒNG GIÁO DỤC",
        "VÀ ĐÀO TẠO",
    ]
    assert wrap_name("TRUNG TÂM GIÁO DỤC THƯỜNG XUYÊN", 65, 13, bold=True) == [
        "TRUNG TÂM",
        "GIÁO DỤC THƯỜNG XUYÊN",
    ]
    assert wrap_name("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", 65, 13, bold=True) == [
        "SỞ LAO ĐỘNG -",
        "THƯƠNG BINH VÀ XÃ HỘI",
    ]


def test_names_that_fit_or_carry_their_own_breaks_are_kept():
    assert wrap_name("SỞ GIÁO DỤC VÀ ĐÀO TẠO", 65, 13, bold=True) == ["SỞ GIÁO DỤC VÀ ĐÀO TẠO"]
    assert wrap_name("HỘI KHUYẾN HỌC\nTỈNH LONG AN", 65, 13, bold=True) == [
        "HỘI KHUYẾN HỌC",
        "TỈNH LONG AN",
    ]


# --- settings -----------------------------------------------------------------------


def test_settings_default_to_the_decree():
    s = LayoutSettings()
    margins = (s.margin_top_mm, s.margin_bottom_mm, s.margin_left_mm, s.margin_right_mm)
    assert margins == (20, 20, 30, 15)
    assert s.font_name == "Times New Roman"
    assert s.body_size_pt == 14
    assert s.first_line_indent_cm == 1.27
    assert s.motto_size_pt == s.national_title_size_pt + 1
    assert (s.header_left_width_mm, s.header_right_width_mm) == (65, 100)
    assert (s.closing_left_width_mm, s.closing_right_width_mm) == (80, 85)
    assert s.signature_blank_lines == 4


def test_settings_are_frozen_and_reject_impossible_values():
    with pytest.raises(dataclasses.FrozenInstanceError):
        LayoutSettings().body_size_pt = 13  # type: ignore[misc]
    with pytest.raises(ValueError, match="negative"):
        LayoutSettings(margin_top_mm=-1)
    with pytest.raises(ValueError, match="line_spacing"):
        LayoutSettings(line_spacing=2.0)
