"""Numbers, dates and numbering written the Vietnamese administrative way.

* Thousands are grouped with "." and decimals follow a ",": 1.234.567; 1,5.
* Dates in the header: "Long An, ngày 05 tháng 10 năm 2021" — days below 10
  and the months 1–2 take a leading zero (Decree 30, Appendix I).
* Points of a list use the Vietnamese alphabet: a, b, c, d, đ, e, g, h, i, k…
  (đ included; no f, j, w, z).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal, localcontext

# The 23 letters used to number points "a)", "b)" … in Vietnamese documents.
VIETNAMESE_LETTERS = tuple("abcdđeghiklmnopqrstuvxy")

_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


# Control characters cannot be stored in a .docx (XML 1.0 forbids them).
_CONTROL = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)], None)


def nfc(text: str) -> str:
    """NFC-normalise text: the Decree's documents are stored and printed in NFC."""
    return unicodedata.normalize("NFC", text)


def clean_text(text: str) -> str:
    """Text as it may enter a document: NFC, without control characters."""
    return nfc(text).translate(_CONTROL)


def upper(text: str) -> str:
    """Upper-case Vietnamese text ("Sở Giáo dục" → "SỞ GIÁO DỤC"), NFC."""
    return nfc(nfc(text).upper())


# --- numbers -----------------------------------------------------------------


def _group_thousands(digits: str) -> str:
    """'1234567' → '1.234.567'."""
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return ".".join(groups)


def format_number(value: int | float | Decimal, decimals: int | None = None) -> str:
    """Format a number the Vietnamese way: ``1250`` → ``"1.250"``, ``1.5`` → ``"1,5"``.

    ``decimals`` fixes the number of decimal places (rounded half up);
    without it integers get none and other numbers keep their significant
    decimals (``Decimal("2.50")`` → ``"2,5"``).
    """
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number to print")
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        raise ValueError(f"cannot format {value!r}")
    # Exact arithmetic whatever the size: the default context keeps 28 digits.
    with localcontext() as context:
        context.prec = len(number.as_tuple().digits) + (decimals or 0) + 2
        if decimals is not None:
            number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        text = f"{number.copy_abs():f}"
    if decimals is None and "." in text:
        text = text.rstrip("0").rstrip(".")
    whole, _, fraction = text.partition(".")
    sign = "-" if number < 0 and text.strip("0.") else ""
    formatted = _group_thousands(whole)
    return f"{sign}{formatted},{fraction}" if fraction else f"{sign}{formatted}"


def format_money(amount: int | float | Decimal, *, with_unit: bool = True) -> str:
    """Amount in đồng, rounded to the đồng: ``1250000`` → ``"1.250.000 đồng"``."""
    text = format_number(amount, decimals=0)
    return f"{text} đồng" if with_unit else text


# --- dates -------------------------------------------------------------------


def format_day(day: int) -> str:
    """Days below 10 take a leading zero: 5 → "05" (Decree 30)."""
    if not 1 <= day <= 31:
        raise ValueError(f"no day {day}")
    return f"{day:02d}"


def format_month(month: int) -> str:
    """Months 1 and 2 take a leading zero ("tháng 02"), the others none ("tháng 3")."""
    if not 1 <= month <= 12:
        raise ValueError(f"no month {month}")
    return f"{month:02d}" if month <= 2 else str(month)


def format_place_date(
    place: str,
    date: dt.date | None,
    month: int | None = None,
    year: int | None = None,
    *,
    blank_spaces: int = 6,
) -> str:
    """Place and date: "Long An, ngày 05 tháng 10 năm 2021"; no date gives a draft.

    A draft ("Long An, ngày      tháng 10 năm 2021") needs ``month`` and
    ``year``; with a date they may be given and must agree with it.
    """
    if date is not None:
        if (month, year) not in ((None, None), (date.month, date.year)):
            raise ValueError(f"month {month}/{year} does not agree with the date {date}")
        day_part = f" {format_day(date.day)} "
        month, year = date.month, date.year
    elif month is None or year is None:
        raise ValueError("a draft date needs its month and year")
    else:
        day_part = " " * blank_spaces
    return nfc(f"{place.strip()}, ngày{day_part}tháng {format_month(month)} năm {year}")


def format_short_date(date: dt.date | None, month: int, year: int, *, blank_spaces: int = 6) -> str:
    """Short date "05/10/2021", or "      /10/2021" in a draft ("Kèm theo … ngày …")."""
    if date is not None:
        return f"{date.day:02d}/{date.month:02d}/{date.year}"
    return f"{' ' * blank_spaces}/{month:02d}/{year}"


# --- document numbers ---------------------------------------------------------


def format_number_symbol(
    number: int | None, type_abbr: str | None, symbol: str, *, blank_spaces: int = 6
) -> str:
    """The number and symbol without "Số:": "05/BC-SGDĐT", or "      /BC-SGDĐT" blank.

    The number is padded to two digits below 10; then "/", the type
    abbreviation (none for a công văn), "-", the issuer's symbol — no spaces.
    """
    if number is not None and number < 1:
        raise ValueError("document numbers start at 01")
    code = "-".join(part.strip() for part in (type_abbr or "", symbol) if part and part.strip())
    numeral = f"{number:02d}" if number is not None else " " * (blank_spaces - 1)
    return nfc(f"{numeral}/{code}")


def format_number_line(
    number: int | None, type_abbr: str | None, symbol: str, *, blank_spaces: int = 6
) -> str:
    """The number line "Số: 05/BC-SGDĐT"; a draft's is blank: "Số:      /BC-SGDĐT"."""
    return "Số: " + format_number_symbol(number, type_abbr, symbol, blank_spaces=blank_spaces)


# --- numbering of headings and points ------------------------------------------


def roman_numeral(n: int) -> str:
    """1 → "I", 4 → "IV": parts of a document are numbered "I.", "II." …"""
    if n < 1:
        raise ValueError("Roman numerals start at 1")
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def vietnamese_letter(n: int) -> str:
    """The n-th letter (1-based) of the Vietnamese alphabet used for points.

    1 → "a", 5 → "đ", 6 → "e", 23 → "y". Beyond "y" the letters double
    ("aa", "ab" …) as spreadsheets do, so any number has a label.
    """
    if n < 1:
        raise ValueError("points are numbered from 1")
    base = len(VIETNAMESE_LETTERS)
    letters = []
    while n:
        n, rest = divmod(n - 1, base)
        letters.append(VIETNAMESE_LETTERS[rest])
    return "".join(reversed(letters))


def point_label(n: int) -> str:
    """The label of the n-th point: "a)", "b)" … "đ)"."""
    return f"{vietnamese_letter(n)})"


# --- lists with Vietnamese punctuation -----------------------------------------

_TRAILING_PUNCTUATION = re.compile(r"[\s;,.]+$")
_LEADING_DASH = re.compile(r"^[\s\-–—•+]+")


def terminate_items(items: Sequence[str], *, sep: str = ";", last: str = ".") -> list[str]:
    """End every item with ``sep`` and the last one with ``last``.

    Legal bases ("Căn cứ …;" / "….") and the "Nơi nhận" list follow this
    rule; whatever punctuation the user typed at the end is replaced.
    Empty items are dropped.
    """
    cleaned = [_TRAILING_PUNCTUATION.sub("", nfc(item).strip()) for item in items]
    cleaned = [item for item in cleaned if item]
    return [item + (last if i == len(cleaned) - 1 else sep) for i, item in enumerate(cleaned)]


def strip_dash(text: str) -> str:
    """Remove a leading "- " / "+ " / "• " a user typed before a list entry."""
    return _LEADING_DASH.sub("", text)
