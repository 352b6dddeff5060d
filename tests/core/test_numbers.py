from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lifelong_week.core.numbers import NumberFormatError, format_number, parse_number


@pytest.mark.parametrize(
    "typed", ["1.234.567", "1234567", "1 234 567", " 1 234 567 ", "1\u00a0234\u00a0567"]
)
def test_the_ways_offices_type_a_whole_number(typed):
    assert parse_number(typed) == Decimal(1234567)


def test_decimals_use_the_comma():
    assert parse_number("1,5", decimals=True) == Decimal("1.5")
    assert parse_number("1.234,75", decimals=True) == Decimal("1234.75")


def test_empty_means_not_filled():
    assert parse_number("") is None
    assert parse_number("   ") is None


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1,5", "Chỉ tiêu này là số nguyên, không có phần thập phân (sau dấu phẩy)."),
        (
            "12.34",
            "Viết số theo kiểu Việt Nam: dấu chấm ngăn cách hàng nghìn (1.234.567), "
            "dấu phẩy trước phần thập phân (1,5).",
        ),
        (
            "1.2345",
            "Viết số theo kiểu Việt Nam: dấu chấm ngăn cách hàng nghìn (1.234.567), dấu phẩy trước phần thập phân (1,5).",
        ),
        ("mười hai", "“mười hai” không phải là số."),
        ("12a", "“12a” không phải là số."),
    ],
)
def test_typos_get_a_clear_message(typed, message):
    with pytest.raises(NumberFormatError) as error:
        parse_number(typed)
    assert error.value.message == message


def test_format_number():
    assert format_number(1250) == "1.250"
    assert format_number(1234567) == "1.234.567"
    assert format_number(Decimal("1.50"), decimals=2) == "1,5"
    assert format_number(0) == "0"
    assert format_number(None) == ""


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_printed_whole_numbers_read_back(number):
    assert parse_number(format_number(number)) == number


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False))
def test_printed_decimals_read_back(number):
    assert parse_number(format_number(number, decimals=2), decimals=True) == number


@given(st.text())
def test_any_text_gives_a_number_none_or_a_message(text):
    try:
        parse_number(text, decimals=True)
    except NumberFormatError as error:
        assert error.message
