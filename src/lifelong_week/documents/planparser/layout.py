"""The regions of an official document (Decree 30/2020/NĐ-CP layout).

From top to bottom: the *header* (issuing bodies, national motto, number,
place and date), the *title* (type line such as "KẾ HOẠCH" and the summary
under it, or a letter's "V/v …" line), a letter's *addressees* ("Kính gửi"),
the *body*, the *closing* block (recipients "Nơi nhận" and the signature) and
anything attached after the signature (a report form "MẪU BC", an appendix
"Phụ lục"), which is not part of the plan.

Headers often come from two-column tables; a line may hold both columns
("UBND TỈNH LONG AN    CỘNG HÒA XÃ HỘI …"). :func:`segments` splits such
lines at tabs, runs of three or more spaces and table bars.

All line numbers are 0-based indexes into the document's lines; ranges are
half-open (``body_start`` included, ``body_end`` excluded).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .markers import ROMAN, find_marker
from .paragraphs import is_blank
from .text import clean_line, fold, is_upper_text, looks_like_name, starts_lower, word_count

DOC_TYPES = {
    "KEHOACH": "KẾ HOẠCH",
    "CONGVAN": "CÔNG VĂN",
    "QUYETDINH": "QUYẾT ĐỊNH",
    "HUONGDAN": "HƯỚNG DẪN",
    "THONGBAO": "THÔNG BÁO",
    "BAOCAO": "BÁO CÁO",
    "CHUONGTRINH": "CHƯƠNG TRÌNH",
    "TOTRINH": "TỜ TRÌNH",
    "CHITHI": "CHỈ THỊ",
    "CONGDIEN": "CÔNG ĐIỆN",
    "KEHOACHLIENTICH": "KẾ HOẠCH LIÊN TỊCH",
    "HUONGDANLIENTICH": "HƯỚNG DẪN LIÊN TỊCH",
}

# Where to look for the header and title: the first lines, before the body.
_HEADER_WINDOW = 60
_ADDRESSEE_MAX_WORDS = 15
# A post line ("CHỦ TỊCH") opens the signature only if a name follows soon.
_NAME_LOOKAHEAD = 6

_SEGMENT_SPLIT = re.compile(r"\t+|\s{3,}")
_BODY_OPENING = re.compile(r"^(?:CAN CU|THUC HIEN|KINH GUI|TRICH YEU)\b")
_NOI_NHAN = re.compile(r"^NOI NHAN\s*(?::|$)")
_AUTHORITY = re.compile(r"^(?:TM|KT|TL|TUQ|Q|T/M|K/T|T/L)\s*[./]?\s+\S")
POST_TITLE = re.compile(
    r"^(?:PHO\s+)?(?:CHU TICH|GIAM DOC|HIEU TRUONG|TRUONG PHONG|BO TRUONG|THU TRUONG|"
    r"VU TRUONG|CUC TRUONG|TONG CUC TRUONG|VIEN TRUONG|TRUONG BAN|CHANH VAN PHONG|BI THU|"
    r"THU TRUONG CO QUAN|THU TRUONG DON VI|TRUONG KHOA|TRUONG TRAM|TRUONG DOAN|CHANH AN|"
    r"KE TOAN TRUONG|TRUONG CONG AN|DOAN TRUONG|TONG GIAM DOC|GIAM DOC TRUNG TAM)\b"
)
_APPENDIX = re.compile(
    r"^(?:MAU|PHU LUC|BIEU MAU|BIEU SO|BIEU|DANH SACH|DANH MUC|TEN CO QUAN|TEN DON VI|"
    r"CONG HOA XA HOI)\b"
)
_MOTTO = re.compile(r"CONG HOA XA HOI|DOC LAP\s*[-–]?\s*TU DO|DANG CONG SAN VIET NAM")
_PLACE_DATE = re.compile(r"^(?:[^,]{1,60},\s*)?NGAY\b.*(?:THANG|\d)")
_PLACE_DATE_MAX_WORDS = 16
NUMBER_LINE = re.compile(r"^S[O0](?:\s*[:;]|\s*(?=[\d/._…]))\s*")


def segments(raw: str) -> list[str]:
    """The clean pieces of one raw line (columns of a flattened table)."""
    stripped = raw.strip()
    parts = stripped.strip("|").split("|") if stripped.startswith("|") else [stripped]
    pieces = [piece for part in parts for piece in _SEGMENT_SPLIT.split(part)]
    return [text for text in (clean_line(piece) for piece in pieces) if text and not is_blank(text)]


def doc_type_of(text: str) -> str | None:
    """The canonical document type when ``text`` is a type line ("KẾ HOẠCH")."""
    stripped = text.strip().rstrip(":").strip()
    if not stripped or not is_upper_text(stripped, min_letters=4):
        return None
    return DOC_TYPES.get(re.sub(r"[\s*_]", "", fold(stripped)))


def is_motto(text: str) -> bool:
    return bool(_MOTTO.search(fold(text)))


def is_place_date(text: str) -> bool:
    """A place-and-date line: "Long An, ngày 05 tháng 10 năm 2021"."""
    return word_count(text) <= _PLACE_DATE_MAX_WORDS and bool(_PLACE_DATE.match(fold(text)))


def is_number_line(text: str) -> bool:
    return bool(NUMBER_LINE.match(fold(text)))


def is_vv(text: str) -> bool:
    return fold(text).replace(" ", "").startswith("V/V")


def is_authority(text: str) -> bool:
    folded = fold(text)
    return bool(_AUTHORITY.match(folded)) and is_upper_text(text, min_letters=3)


def is_post_title(text: str) -> bool:
    return (
        is_upper_text(text, min_letters=3)
        and word_count(text) <= 12
        and bool(POST_TITLE.match(fold(text)))
    )


def is_noi_nhan(text: str) -> bool:
    return bool(_NOI_NHAN.match(fold(text)))


def is_appendix_heading(text: str) -> bool:
    return bool(_APPENDIX.match(fold(text))) and word_count(text) <= 15


@dataclass
class Layout:
    type_line: int | None = None
    doc_type: str | None = None
    title_lines: list[int] = field(default_factory=list)
    vv_lines: list[int] = field(default_factory=list)
    addressee_lines: list[int] = field(default_factory=list)
    header_end: int = 0
    body_start: int = 0
    body_end: int = 0
    closing_end: int = 0


def _window(clean: list[str]) -> int:
    """End of the region where the header and title may be."""
    for index, line in enumerate(clean[:_HEADER_WINDOW]):
        marker = find_marker(line)
        if _BODY_OPENING.match(fold(line)) or (marker and marker.kind == ROMAN):
            return index
    return min(len(clean), _HEADER_WINDOW)


def _find_type_line(clean: list[str], window: int) -> tuple[int | None, str | None]:
    for index in range(window):
        doc_type = doc_type_of(clean[index])
        if doc_type:
            return index, doc_type
    return None, None


def _next_content(clean: list[str], index: int, end: int) -> int | None:
    while index < end and is_blank(clean[index]):
        index += 1
    return index if index < end else None


def _title_after_type(clean: list[str], type_line: int, end: int) -> list[int]:
    """Lines of the summary under the type line.

    The first non-blank line is the title; more lines join while no blank line
    intervenes, and across a blank line when they start in lower case (a
    title split over two Word paragraphs). An upper-case line after a
    mixed-case title (the authority line of a decision), a parenthesised line
    ("(Ban hành kèm theo …)") or the opening of the body ends it.
    """
    first = _next_content(clean, type_line + 1, end)
    if first is None or _opens_body(clean[first]) or clean[first].startswith("("):
        return []
    lines = [first]
    upper_title = is_upper_text(clean[first])
    index = first + 1
    blank = False
    while index < end:
        line = clean[index]
        if is_blank(line):
            blank = True
            index += 1
            continue
        if _opens_body(line) or line.startswith("(") or find_marker(line):
            break
        if is_upper_text(line) and not upper_title:
            break
        if blank and not starts_lower(line):
            break
        lines.append(index)
        blank = False
        index += 1
    return lines


def _opens_body(line: str) -> bool:
    return bool(_BODY_OPENING.match(fold(line)))


def _continuation(clean: list[str], start: int, end: int) -> list[int]:
    """Lines after ``start`` that continue it (lower-case starts, no blank needed)."""
    lines = []
    index = start + 1
    while index < end:
        line = clean[index]
        if is_blank(line):
            index += 1
            continue
        if starts_lower(line) and not is_place_date(line) and not find_marker(line):
            lines.append(index)
            index += 1
            continue
        break
    return lines


def _addressees(clean: list[str], start: int, end: int) -> list[int]:
    """The "Kính gửi" line and the addressee lines under it."""
    lines = [start]
    inline = clean[start].partition(":")[2].strip()
    index = start + 1
    taken_plain = bool(inline)
    while index < end:
        line = clean[index]
        if is_blank(line):
            index += 1
            continue
        marker = find_marker(line)
        if marker and marker.is_bullet:
            lines.append(index)
            taken_plain = True  # a list of addressees, not one plain line
        elif (
            not taken_plain
            and marker is None
            and word_count(line) <= _ADDRESSEE_MAX_WORDS
            and not _opens_body(line)
        ):
            lines.append(index)
            taken_plain = True
        else:
            break
        index += 1
    return lines


def _is_header_line(line: str) -> bool:
    return (
        is_blank(line)
        or is_motto(line)
        or is_place_date(line)
        or is_number_line(line)
        or (is_upper_text(line, min_letters=2) and word_count(line) <= 12)
    )


def find_layout(raw: list[str], clean: list[str]) -> Layout:
    """Locate the regions of the document (see the module notes)."""
    layout = Layout()
    count = len(clean)
    window = _window(clean)
    layout.type_line, layout.doc_type = _find_type_line(clean, window)
    vv = next((i for i in range(window) if any(is_vv(s) for s in segments(raw[i]))), None)
    kinh_gui = next((i for i in range(window) if fold(clean[i]).startswith("KINH GUI")), None)
    if kinh_gui is None and window < count and fold(clean[window]).startswith("KINH GUI"):
        kinh_gui = window

    after_title = 0
    if layout.type_line is not None:
        layout.header_end = layout.type_line
        layout.title_lines = _title_after_type(clean, layout.type_line, count)
        after_title = (layout.title_lines or [layout.type_line])[-1] + 1
    if vv is not None and (layout.type_line is None or vv < layout.type_line):
        layout.vv_lines = [vv, *_continuation(clean, vv, window)]
        if layout.type_line is None:
            layout.header_end = vv
        after_title = max(after_title, layout.vv_lines[-1] + 1)
    if kinh_gui is not None:
        layout.addressee_lines = _addressees(clean, kinh_gui, count)
        if layout.type_line is None and vv is None:
            layout.header_end = kinh_gui
        after_title = max(after_title, layout.addressee_lines[-1] + 1)

    if layout.type_line is None and vv is None and kinh_gui is None:
        # No title at all: the header is whatever looks like one at the top.
        index = 0
        while index < window and _is_header_line(clean[index]):
            index += 1
        layout.header_end = index
        after_title = index
    else:
        # Header lines (place and date, a letter's number) may follow the title.
        while after_title < count and (
            is_blank(clean[after_title])
            or is_place_date(clean[after_title])
            or is_motto(clean[after_title])
        ):
            after_title += 1
    layout.body_start = min(after_title, count)
    layout.body_end = _closing_start(raw, clean, layout.body_start)
    layout.closing_end = _appendix_start(clean, layout.body_end)
    return layout


def _closing_start(raw: list[str], clean: list[str], start: int) -> int:
    """First line of the closing block: "Nơi nhận", a signing authority or post."""
    for index in range(start, len(clean)):
        if is_blank(clean[index]):
            continue
        pieces = segments(raw[index]) or [clean[index]]
        first = pieces[0]
        if (
            is_noi_nhan(first)
            or is_authority(first)
            or (is_post_title(first) and _name_follows(clean, index))
            or (is_appendix_heading(first) and is_upper_text(first))
        ):
            return index
    return len(clean)


def _name_follows(clean: list[str], index: int) -> bool:
    """True when a personal name comes within a few lines after ``index``.

    Tells the signer's post ("CHỦ TỊCH" above "Nguyễn Văn A") from the same
    words in a decision's preamble ("CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN …").
    """
    following = [line for line in clean[index + 1 :] if not is_blank(line)][:_NAME_LOOKAHEAD]
    return any(looks_like_name(line) for line in following)


def _appendix_start(clean: list[str], start: int) -> int:
    for index in range(start, len(clean)):
        line = clean[index]
        if line and is_appendix_heading(line) and (is_upper_text(line) or is_motto(line)):
            return index
        if index > start and doc_type_of(line):
            return index
    return len(clean)
