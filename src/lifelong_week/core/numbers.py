"""Numbers the way Vietnamese offices type and print them.

Input accepts "1.234.567", "1234567" and "1 234 567" for the same whole number,
and "1,5" (or "1.234,5") where decimals are allowed: the dot groups thousands,
the comma starts the decimals. A dot followed by other than three digits is a
typo, not a decimal point, and is refused with a message saying how to write it.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")
_PLAIN = re.compile(r"^\d+$")


class NumberFormatError(ValueError):
    """``message`` is a Vietnamese sentence to show at the field."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def parse_number(raw: str, *, decimals: bool = False) -> Decimal | None:
    """Read a typed number; the empty string is ``None`` (not yet filled)."""
    text = _SPACES.sub("", raw or "")
    if text == "":
        return None
    negative = text.startswith("-")
    if negative:
        text = text[1:]
    whole, _comma, fraction = text.partition(",")
    if _comma and not decimals:
        raise NumberFormatError(
            _("Chỉ tiêu này là số nguyên, không có phần thập phân (sau dấu phẩy).")
        )
    if _comma and not re.fullmatch(r"\d+", fraction):
        raise NumberFormatError(_("“%s” không phải là số.") % raw.strip())
    if not (_PLAIN.match(whole) or _GROUPED.match(whole)):
        if re.fullmatch(r"[\d.]+", whole):
            raise NumberFormatError(
                _(
                    "Viết số theo kiểu Việt Nam: dấu chấm ngăn cách hàng nghìn (1.234.567), "
                    "dấu phẩy trước phần thập phân (1,5)."
                )
            )
        raise NumberFormatError(_("“%s” không phải là số.") % raw.strip())
    try:
        value = Decimal(whole.replace(".", "") + (f".{fraction}" if _comma else ""))
    except InvalidOperation:  # pragma: no cover - the patterns above rule it out
        raise NumberFormatError(_("“%s” không phải là số.") % raw.strip()) from None
    return -value if negative else value


def _quantum(decimals: int) -> Decimal:
    return Decimal(1).scaleb(-decimals) if decimals else Decimal(1)


_QUANTA = {decimals: _quantum(decimals) for decimals in range(5)}


def format_number(value: Decimal | int | float | None, *, decimals: int = 0) -> str:
    """1234567 → "1.234.567"; with ``decimals`` 1.5 → "1,5" (trailing zeros dropped)."""
    if value is None:
        return ""
    number = value if isinstance(value, Decimal) else Decimal(value)
    sign = "-" if number < 0 else ""
    number = abs(number).quantize(_QUANTA[decimals] if decimals in _QUANTA else _quantum(decimals))
    # Grouped by Python's format (a dashboard formats thousands of cells).
    whole, _dot, fraction = f"{number:,f}".partition(".")
    text = whole.replace(",", ".")
    fraction = fraction.rstrip("0")
    if fraction:
        text += "," + fraction
    return sign + text
