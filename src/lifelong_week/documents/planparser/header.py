"""Fields of the header and title: type, number, issuer, place, date, title.

Rules:

* **number** — the text after "Số:" up to the first space, without leading
  dots or underscores: "Số: 3764/BGDĐT-GDĐT" → "3764/BGDĐT-GDĐT" (spaces
  around the slash are closed up: "5621 /KH-UBND" → "5621/KH-UBND"). A draft
  with the number left blank keeps its symbol: "Số:   /KH-UBND" → "/KH-UBND".
* **place, date** — "Long An, ngày 05 tháng 10 năm 2021" → "Long An",
  2021-10-05. A blank day gives no date but still a year ("ngày tháng 9 năm
  2021" → year 2021); a place made of dots ("....., ngày") is no place.
* **issuer** — upper-case lines of the header's left column, grouped into
  bodies: a line opening with a kind of body ("ỦY BAN", "UBND", "SỞ", "PHÒNG",
  "BỘ", "TRƯỜNG", "HỘI"…) starts a body, any other line continues the one above
  ("ỦY BAN NHÂN DÂN" / "HUYỆN BẾN LỨC"). The last body is the issuer, as
  printed; the one above it is the governing body ("UBND TỈNH LONG AN" above
  "SỞ GIÁO DỤC VÀ ĐÀO TẠO").
* **type** — the type line ("KẾ HOẠCH", also with OCR slips such as "KÉ HOẠCH"),
  else "CÔNG VĂN" for a letter ("V/v …" or "Kính gửi" and no type line), else
  the type abbreviation of the number ("/KH-", "/HD-", "/TB-"…).
* **title** — the summary under the type line, its lines joined by spaces; for
  a letter the "V/v" line without "V/v".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .dates import parse_header_date
from .layout import (
    NUMBER_LINE,
    Layout,
    is_motto,
    is_number_line,
    is_place_date,
    is_vv,
    segments,
)
from .markers import strip_marker
from .text import fold, is_upper_text, strip_trailing_punctuation

Span = tuple[int, int]

_BODY_KINDS = re.compile(
    r"^(?:UBND|UY BAN|HDND|HOI DONG|BO|SO|PHONG|TRUONG|BAN|HOI|TRUNG TAM|VU|CUC|TONG CUC|"
    r"CHI CUC|VIEN|HOC VIEN|DAI HOC|DANG UY|DANG BO|TINH UY|HUYEN UY|THANH UY|THI UY|QUAN UY|"
    r"DOAN|TINH DOAN|HUYEN DOAN|LIEN DOAN|LIEN DOI|MAT TRAN|CONG DOAN|VAN PHONG|THANH TRA|"
    r"CONG AN|BO CHI HUY|KHOI|BCD|NHA|THU VIEN|BAO TANG|DAI PHAT THANH|BAO|CONG TY|"
    r"HOI KHUYEN HOC|CAC|TEN CO QUAN|TEN DON VI|CHI BO|TT|TTHTCD|MAM NON|TIEU HOC)\b"
)
_TYPE_FROM_SYMBOL = {
    "KH": "KẾ HOẠCH",
    "HD": "HƯỚNG DẪN",
    "TB": "THÔNG BÁO",
    "BC": "BÁO CÁO",
    "QD": "QUYẾT ĐỊNH",
    "CTR": "CHƯƠNG TRÌNH",
    "TTR": "TỜ TRÌNH",
    "CT": "CHỈ THỊ",
}
_SYMBOL_TYPE = re.compile(r"/([A-Za-zĐđ]+)-")
_PLACE = re.compile(r"^(?P<place>.*?),?\s*ngày\b", re.IGNORECASE)


@dataclass
class Header:
    doc_type: str | None = None
    number: str | None = None
    issuer: str | None = None
    governing_body: str | None = None
    place: str | None = None
    date: dt.date | None = None
    year: int | None = None  # from the date line, even when the day is blank
    title: str | None = None
    addressees: list[str] = field(default_factory=list)
    spans: dict[str, Span] = field(default_factory=dict)


def _split_number(text: str) -> tuple[str | None, str]:
    """The number of a "Số:" piece, and whatever follows it on the same piece."""
    match = NUMBER_LINE.match(fold(text))
    rest = text[match.end() :] if match else text
    rest = re.sub(r"^[\s._…]+(?=/)", "", rest).strip()
    # OCR and careless typing put spaces around the slash: "5621 /KH-UBND".
    rest = re.sub(r"(?<=\d)\s+(?=/)|(?<=/)\s+(?=[A-ZĐ])", "", rest)
    token, _, remainder = rest.partition(" ")
    token = strip_trailing_punctuation(token)
    return (token or None), remainder.strip()


def _place_from(text: str) -> str | None:
    match = _PLACE.match(text)
    if not match:
        return None
    place = match.group("place").strip(" ,")
    if not re.search(r"\w", place) or re.fullmatch(r"[\s._…]*", place):
        return None
    return place


def _group_bodies(lines: list[tuple[int, str]]) -> list[tuple[str, Span]]:
    """Group upper-case header lines into bodies (see the module notes)."""
    bodies: list[tuple[list[str], list[int]]] = []
    for index, text in lines:
        if not bodies or _BODY_KINDS.match(fold(text)):
            bodies.append(([text], [index]))
        else:
            bodies[-1][0].append(text)
            bodies[-1][1].append(index)
    return [(" ".join(texts), (indexes[0], indexes[-1])) for texts, indexes in bodies]


def _doc_type(layout: Layout, number: str | None) -> str | None:
    if layout.doc_type:
        return layout.doc_type
    if layout.vv_lines or layout.addressee_lines:
        return "CÔNG VĂN"
    if number and (match := _SYMBOL_TYPE.search(number)):
        return _TYPE_FROM_SYMBOL.get(fold(match.group(1)))
    return None


def _header_segments(raw: list[str], layout: Layout) -> list[tuple[int, str]]:
    skip = set(layout.vv_lines) | set(layout.addressee_lines) | set(layout.title_lines)
    found = []
    last = layout.body_start if layout.type_line is None else layout.header_end
    # Place and date may follow a letter's V/v line; include them.
    for index in range(min(last, len(raw))):
        if index in skip:
            continue
        found.extend((index, piece) for piece in segments(raw[index]))
    for index in layout.vv_lines:
        found.extend((index, piece) for piece in segments(raw[index]) if not is_vv(piece))
    return sorted(found, key=lambda item: item[0])


def parse_header(raw: list[str], clean: list[str], layout: Layout) -> Header:
    """Read the header block and the title (see the module notes)."""
    header = Header()
    org_lines: list[tuple[int, str]] = []
    seen_number = False
    for index, piece in _header_segments(raw, layout):
        if is_motto(piece):
            continue
        if is_number_line(piece) and not seen_number:
            header.number, piece = _split_number(piece)
            if header.number:
                header.spans["number"] = (index, index)
            seen_number = True
            if not piece:
                continue
        if is_place_date(piece) and header.year is None:
            header.place = _place_from(piece)
            header.date, header.year = parse_header_date(piece)
            if header.place:
                header.spans["place"] = (index, index)
            if header.year:
                header.spans["date"] = (index, index)
            continue
        if not seen_number and is_upper_text(piece, min_letters=2) and not strip_marker(piece)[0]:
            org_lines.append((index, piece))
    bodies = _group_bodies(org_lines)
    if bodies:
        header.issuer, header.spans["issuer"] = bodies[-1]
    if len(bodies) >= 2:
        header.governing_body, header.spans["governing_body"] = bodies[-2]
    header.doc_type = _doc_type(layout, header.number)
    if layout.type_line is not None:
        header.spans["doc_type"] = (layout.type_line, layout.type_line)
    _read_title(clean, raw, layout, header)
    _read_addressees(clean, layout, header)
    return header


def _read_title(clean: list[str], raw: list[str], layout: Layout, header: Header) -> None:
    if layout.title_lines:
        texts = [clean[i] for i in layout.title_lines]
        lines = layout.title_lines
    elif layout.vv_lines:
        first = next(piece for piece in segments(raw[layout.vv_lines[0]]) if is_vv(piece))
        texts = [re.sub(r"^\s*V\s*/\s*v\s*[:.]?\s*", "", first, flags=re.IGNORECASE)]
        texts += [clean[i] for i in layout.vv_lines[1:]]
        lines = layout.vv_lines
    else:
        return
    title = " ".join(text.strip() for text in texts if text.strip())
    title = strip_trailing_punctuation(title)
    if title:
        header.title = title
        header.spans["title"] = (lines[0], lines[-1])


def _read_addressees(clean: list[str], layout: Layout, header: Header) -> None:
    for position, index in enumerate(layout.addressee_lines):
        text = clean[index]
        if position == 0:
            text = text.partition(":")[2]
        _, text = strip_marker(text.strip())
        text = strip_trailing_punctuation(text)
        if text:
            header.addressees.append(text)


def place_date_line(clean: list[str], start: int, end: int) -> int | None:
    """Index of a place-and-date line in ``clean[start:end]``, if any."""
    for index in range(start, end):
        if is_place_date(clean[index]):
            return index
    return None
