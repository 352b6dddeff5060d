"""Dates as Vietnamese documents write them.

Accepted forms of one date (the year may be missing; it is then taken from
``default_year``, the year of the document):

* numeric: ``01/10/2021``, ``1/10/2021``, ``01-10-2021``, ``01.10.2021``,
  ``01/10/21``, ``01/10``;
* written out: ``ngày 01 tháng 10 năm 2021``, ``ngày 1 tháng 10``.

Ranges: ``từ ngày 01/10/2021 đến (hết) ngày 07/10/2021``, ``từ 01 – 07/10/2021``,
``từ ngày 01 đến ngày 07 tháng 10 năm 2021``, ``01/10 - 07/10/2021``; the start
borrows a missing month and year from the end.

Deadlines: ``trước ngày D``, ``trước D``, ``trước 17 giờ ngày D``,
``chậm nhất (là) (vào) (ngày) D``, ``không muộn hơn (ngày) D``,
``hạn chót/hạn cuối/thời hạn … D``.

Impossible dates (31/02, 4.0 in "Cách mạng công nghiệp 4.0") are ignored.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_D = r"(?P<{p}d>\d{{1,2}})"
_M = r"(?P<{p}m>\d{{1,2}})"
_Y = r"(?P<{p}y>\d{{4}}|\d{{2}})"


def _date_pattern(prefix: str, *, month_required: bool) -> str:
    """Regex for one date whose groups are named ``<prefix>d``, ``<prefix>m``, ``<prefix>y``.

    Numeric parts must not be followed by more digits or a slash, so that
    "2021-2030" or "01-07/10/2021" is never read as a day-month-year.
    """
    d, m, y = (part.format(p=prefix) for part in (_D, _M, _Y))
    numeric = (
        rf"(?<![\d/.]){d}(?:[/.-]){m}(?:[/.-]{y})?(?![\d/])(?!\.\d)"
        if month_required
        else rf"(?<![\d/.]){d}(?:(?:[/.-]){m}(?:[/.-]{y})?)?(?![\d/])(?!\.\d)"
    )
    written = rf"(?<!\d){d}\s+tháng\s+{m}(?:\s*(?:năm|/)\s*{y})?(?!\d)"
    return rf"(?:{written.replace('?P<' + prefix, '?P<w' + prefix)}|{numeric})"


_DATE = re.compile(r"(?:ngày\s+)?" + _date_pattern("", month_required=True), re.IGNORECASE)

_RANGE = re.compile(
    r"(?:(?:từ|kể\s+từ)\s+)?(?:ngày\s+)?"
    + _date_pattern("s", month_required=False)
    + r"\s*(?:-|–|—|đến(?:\s+hết)?|tới|cho\s+đến(?:\s+hết)?)\s*(?:hết\s+)?(?:ngày\s+)?"
    + _date_pattern("e", month_required=True),
    re.IGNORECASE,
)

_DEADLINE = re.compile(
    r"(?:trước(?:\s+(?:ngày|\d{1,2}\s*(?:giờ|h)[^.;,()]{0,20}?\s*ngày))?"
    r"|chậm\s+nhất(?:\s+là)?(?:\s+(?:vào|trong))?(?:\s+ngày)?"
    r"|không\s+muộn\s+hơn(?:\s+ngày)?"
    r"|(?:hạn\s+chót|hạn\s+cuối|hạn\s+nộp|thời\s+hạn)[^.;()]{0,30}?)"
    r"\s*:?\s*(?:ngày\s+)?"
    r"(?P<date>" + _date_pattern("", month_required=True) + ")",
    re.IGNORECASE,
)

_HEADER_DATE = re.compile(
    r"ngày\W*(?P<d>\d{1,2})?\W*tháng\W*(?P<m>\d{1,2})?\W*năm\W*(?P<y>\d{4})", re.IGNORECASE
)


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    value: dt.date


@dataclass(frozen=True)
class RangeMatch:
    start: int
    end: int
    first: dt.date
    last: dt.date


def make_date(day: int, month: int, year: int | None) -> dt.date | None:
    """A calendar date, or None when the parts do not make one."""
    if year is None:
        return None
    if year < 100:
        year += 2000
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _group(match: re.Match[str], name: str) -> str | None:
    """A date part, whether the date was written out (``w`` groups) or numeric."""
    return match.group("w" + name) or match.group(name)


def _parts(match: re.Match[str], prefix: str) -> tuple[int | None, int | None, int | None]:
    values = (_group(match, prefix + part) for part in "dmy")
    return tuple(int(v) if v else None for v in values)  # type: ignore[return-value]


def find_dates(text: str, default_year: int | None) -> list[DateMatch]:
    """Every single date in ``text`` (a range gives two)."""
    found = []
    for match in _DATE.finditer(text):
        day, month, year = _parts(match, "")
        value = make_date(day, month, year or default_year)  # type: ignore[arg-type]
        if value:
            found.append(DateMatch(match.start(), match.end(), value))
    return found


def find_ranges(text: str, default_year: int | None) -> list[RangeMatch]:
    """Every date range in ``text``; the start borrows a missing month/year from the end."""
    found = []
    for match in _RANGE.finditer(text):
        s_day, s_month, s_year = _parts(match, "s")
        e_day, e_month, e_year = _parts(match, "e")
        end_year = e_year or default_year
        last = make_date(e_day, e_month, end_year)  # type: ignore[arg-type]
        first = make_date(s_day, s_month or e_month, s_year or end_year)  # type: ignore[arg-type]
        if first and last and first <= last:
            found.append(RangeMatch(match.start(), match.end(), first, last))
    return found


def find_deadlines(text: str, default_year: int | None) -> list[DateMatch]:
    """Every deadline expression in ``text``; the span covers the whole phrase."""
    found = []
    for match in _DEADLINE.finditer(text):
        day, month, year = _parts(match, "")
        value = make_date(day, month, year or default_year)  # type: ignore[arg-type]
        if value:
            found.append(DateMatch(match.start(), match.end(), value))
    return found


def parse_header_date(text: str) -> tuple[dt.date | None, int | None]:
    """The date of a place-and-date line, and its year.

    Drafts leave the day (or day and month) blank: "ngày   tháng 9 năm 2021"
    gives no date but the year 2021. A numeric "05/10/2021" is accepted too.
    """
    match = _HEADER_DATE.search(text)
    if match:
        year = int(match.group("y"))
        if match.group("d") and match.group("m"):
            return make_date(int(match.group("d")), int(match.group("m")), year), year
        return None, year
    dates = find_dates(text, None)
    if dates:
        return dates[0].value, dates[0].value.year
    return None, None


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
