"""Fields of the body: legal bases, purpose, theme, slogans, dates, activities,
funding and assignments.

Every extractor returns the text together with the lines it came from (0-based,
inclusive), so the review screen can show the source next to each value.
Texts keep the document's wording; only list markers, enclosing quotes and,
for one-line values (theme, slogans, bodies), final list punctuation go.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .dates import DateMatch, find_dates, find_deadlines, find_ranges
from .outline import Node, find_sections, heading_kind, is_heading, title_of
from .paragraphs import Paragraph
from .text import fold, strip_quotes, strip_trailing_punctuation, word_count

Span = tuple[int, int]


@dataclass
class Located:
    """A value and the source lines it came from."""

    value: str
    span: Span


@dataclass
class Item:
    """A numbered activity."""

    number: str
    text: str
    span: Span


@dataclass
class AssignedBody:
    body: str
    duties: list[Located] = field(default_factory=list)
    span: Span = (0, 0)
    body_span: Span = (0, 0)


def _one_line_value(text: str) -> str:
    """A theme, slogan or label: quotes and final list punctuation removed."""
    text = strip_trailing_punctuation(strip_quotes(strip_trailing_punctuation(text)))
    return strip_quotes(text)


def node_text(node: Node) -> str:
    """The item's own text with every paragraph under it on a line of its own."""
    return "\n".join(paragraph.text for paragraph in node.paragraphs())


def section_text(node: Node) -> Located | None:
    """What a section says: text after a colon in its heading, then its content."""
    parts = []
    spans = []
    _, colon, inline = node.text.partition(":")
    if colon and inline.strip() and is_heading(node):
        parts.append(inline.strip())
        spans.append(node.paragraph.span)  # type: ignore[union-attr]
    for child in node.children:
        for paragraph in child.paragraphs():
            parts.append(paragraph.text)
            spans.append(paragraph.span)
    if not parts:
        return None
    return Located("\n".join(parts), (spans[0][0], spans[-1][1]))


# Legal bases -----------------------------------------------------------------

_BASIS_PREFIX = re.compile(r"^(?:CAN CU|THUC HIEN|THEO)\b\s*:?\s*")
_MAIN_CLAUSE = re.compile(
    r",\s*(?=(?:UBND|Ủy ban|Uỷ ban|ỦY BAN|Sở|Phòng|Bộ|Trường|Ban|Hội|Trung tâm|Liên đoàn|Đoàn|"
    r"Công đoàn|Mặt trận|Văn phòng|Hiệu trưởng|Chủ tịch|Giám đốc|Thường trực)\b"
    r"(?:\s+\S+){0,10}?\s+(?:xây dựng|ban hành|hướng dẫn|triển khai|đề nghị|thông báo|yêu cầu|lập|"
    r"chỉ đạo|kính đề nghị)\b)"
)


def _split_outside_brackets(text: str, separator: str) -> list[str]:
    parts, depth, current = [], 0, []
    for ch in text:
        if ch in "(“":
            depth += 1
        elif ch in ")”" and depth:
            depth -= 1
        if ch == separator and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


_DOCUMENT_KIND = re.compile(
    r"^(?:CAC\s+)?(?:HIEN PHAP|LUAT|BO LUAT|PHAP LENH|NGHI DINH|NGHI QUYET|QUYET DINH|THONG TU|"
    r"CHI THI|KE HOACH|CONG VAN|HUONG DAN|THONG BAO|CHUONG TRINH|DE AN|KET LUAN|VAN BAN|"
    r"DIEU LE|QUY CHE|QUY DINH|CONG DIEN|BAO CAO|Y KIEN CHI DAO)\b"
)
_DOCUMENT_NUMBER = re.compile(r"\bsố\s*\d|\d+/[A-ZĐ]", re.IGNORECASE)


def _names_a_document(text: str) -> bool:
    """A basis names a document ("Quyết định số …"), not a circumstance
    ("tình hình thực tế của đơn vị")."""
    return bool(_DOCUMENT_KIND.match(fold(text)) or _DOCUMENT_NUMBER.search(text))


def legal_bases(preamble: list[Paragraph]) -> list[Located]:
    """The documents a plan is based on ("Căn cứ …", "Thực hiện …").

    Each paragraph of the preamble that starts with "Căn cứ" or "Thực hiện" is
    split at ";"; the prefix is removed and a basis ends where the main clause
    starts (", UBND tỉnh xây dựng kế hoạch …", a body followed by its verb).
    Only parts that name a document count: "Căn cứ tình hình thực tế …" is no
    legal basis.
    """
    found = []
    for paragraph in preamble:
        if not _BASIS_PREFIX.match(fold(paragraph.text)):
            continue
        main = _MAIN_CLAUSE.search(paragraph.text)
        text = paragraph.text[: main.start()] if main else paragraph.text
        for part in _split_outside_brackets(text, ";"):
            part = part.strip()
            prefix = _BASIS_PREFIX.match(fold(part))
            if prefix:
                part = part[prefix.end() :]
            part = strip_trailing_punctuation(part.strip())
            if _names_a_document(part):
                found.append(Located(part, paragraph.span))
    return found


# Purpose, requirements, funding ----------------------------------------------


def _first_section(root: Node, kind: str, *, exclude: str | None = None) -> Node | None:
    for node in find_sections(root, kind):
        if exclude and re.search(exclude, fold(title_of(node))):
            continue
        return node
    return None


def purpose(root: Node) -> Located | None:
    """Section "Mục đích" — or the combined "Mục đích, yêu cầu" if not split."""
    node = _first_section(root, "purpose", exclude=r"YEU CAU")
    if node is None and _first_section(root, "requirements") is None:
        node = _first_section(root, "purpose")
    return section_text(node) if node else None


def requirements(root: Node) -> Located | None:
    """Section "Yêu cầu"."""
    node = _first_section(root, "requirements")
    return section_text(node) if node else None


def funding(root: Node) -> Located | None:
    """Section "Kinh phí"."""
    node = _first_section(root, "funding")
    return section_text(node) if node else None


# Theme and slogans -------------------------------------------------------------

_THEME_LABEL = re.compile(r"^CHU DE\b")
_THEME_IN_SENTENCE = re.compile(
    r"chủ đề\b[^“\"”]{0,80}?[“\"](?P<theme>[^”\"]{5,300})[”\"]", re.IGNORECASE
)


def _is_label(paragraph: Paragraph, keyword: re.Pattern[str]) -> bool:
    head = paragraph.text.partition(":")[0]
    return bool(keyword.match(fold(paragraph.text))) and word_count(head) <= 20


def theme(paragraphs: list[Paragraph]) -> Located | None:
    """The theme: after a "Chủ đề" label's colon, quoted in the label's own
    sentence, or the paragraph after the label.

    A label with nothing after it takes the next paragraph unless that is
    another label ("CHỦ ĐỀ, KHẨU HIỆU" then "1. Chủ đề: …"). Failing a label,
    a quoted text right after the words "chủ đề" in a sentence.
    """
    for position, paragraph in enumerate(paragraphs):
        if not _is_label(paragraph, _THEME_LABEL):
            continue
        head, colon, inline = paragraph.text.partition(":")
        if colon and inline.strip():
            return Located(_one_line_value(inline), paragraph.span)
        quoted = _THEME_IN_SENTENCE.search(paragraph.text)
        if quoted:  # "Chủ đề của Tuần lễ năm 2022 là “…”"
            return Located(_one_line_value(quoted.group("theme")), paragraph.span)
        if head.rstrip().endswith((".", ";")) or position + 1 >= len(paragraphs):
            continue
        following = paragraphs[position + 1]
        if _is_label(following, _THEME_LABEL) or _is_label(following, _SLOGAN_LABEL):
            continue
        return Located(_one_line_value(following.text), following.span)
    for paragraph in paragraphs:
        match = _THEME_IN_SENTENCE.search(paragraph.text)
        if match:
            return Located(_one_line_value(match.group("theme")), paragraph.span)
    return None


_SLOGAN_LABEL = re.compile(r"^(?:CAC\s+)?KHAU HIEU\b")
_QUOTED = re.compile(r"[“\"]([^”\"]{3,300})[”\"]")


def _introduces_slogans(paragraph: Paragraph) -> bool:
    if "KHAU HIEU" not in fold(paragraph.text):
        return False
    text = paragraph.text.rstrip()
    if text.endswith(":"):
        return True
    return _is_label(paragraph, _SLOGAN_LABEL) and not text.endswith((".", ";"))


def _is_slogan_item(paragraph: Paragraph, style: tuple[str, ...] | None) -> bool:
    if paragraph.marker is not None:
        return style is None or paragraph.marker.style == style
    text = paragraph.text.strip().rstrip(".;,")
    return len(text) > 2 and text[0] in '“"' and text[-1] in '”"'


def slogans(paragraphs: list[Paragraph]) -> list[Located]:
    """The slogans: the list after a paragraph that introduces "khẩu hiệu".

    The introducing paragraph ends with a colon or is a "Khẩu hiệu" label. The
    list is the run of following paragraphs with the first one's bullet style
    (or whole quoted lines); quoted texts after the label's colon count too.
    """
    for position, paragraph in enumerate(paragraphs):
        if not _introduces_slogans(paragraph):
            continue
        found = [
            Located(_one_line_value(quoted), paragraph.span)
            for quoted in _QUOTED.findall(paragraph.text.partition(":")[2])
        ]
        style = None
        for following in paragraphs[position + 1 :]:
            if not _is_slogan_item(following, style):
                break
            style = following.marker.style if following.marker else style
            value = _one_line_value(following.text)
            if value:
                found.append(Located(value, following.span))
        if found:
            return found
    return []


# Dates of the week ---------------------------------------------------------

_OPENING = re.compile(r"\b(?:KHAI MAC|PHAT DONG|RA QUAN)\b")
_CLAUSE_SPLIT = re.compile(r";|\.\s+(?=[A-ZĐÀ-Ỹ])")


def _time_first(root: Node, paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Paragraphs of the "Thời gian" sections first, then all the others."""
    preferred: list[Paragraph] = []
    for node in find_sections(root, "time"):
        preferred.extend(node.paragraphs())
    seen = {id(p) for p in preferred}
    return preferred + [p for p in paragraphs if id(p) not in seen]


def week_dates(
    root: Node, paragraphs: list[Paragraph], year: int | None
) -> tuple[tuple[dt.date, dt.date, Span] | None, tuple[dt.date, Span] | None]:
    """(start, end, span) of the week and (date, span) of its opening ceremony.

    The first date range in the "Thời gian" section (else in the body) gives
    the start and end. The opening is the date nearest after "khai mạc",
    "phát động" or "ra quân" in the same clause (else the last one before it),
    never a deadline ("báo cáo … trước ngày …").
    """
    ordered = _time_first(root, paragraphs)
    week = None
    for paragraph in ordered:
        ranges = find_ranges(paragraph.text, year)
        if ranges:
            week = (ranges[0].first, ranges[0].last, paragraph.span)
            break
    opening = None
    for paragraph in ordered:
        value = _opening_in(paragraph.text, year)
        if value:
            opening = (value, paragraph.span)
            break
    return week, opening


def _opening_in(text: str, year: int | None) -> dt.date | None:
    for clause in _CLAUSE_SPLIT.split(text):
        keyword = _OPENING.search(fold(clause))
        if not keyword:
            continue
        deadlines = find_deadlines(clause, year)
        dates = [d for d in _clause_dates(clause, year) if not _inside(d, deadlines)]
        after = [d for d in dates if d.start >= keyword.end()]
        before = [d for d in dates if d.end <= keyword.start()]
        if after:
            return after[0].value
        if before:
            return before[-1].value
    return None


def _clause_dates(clause: str, year: int | None) -> list[DateMatch]:
    dates = find_dates(clause, year)
    for found in find_ranges(clause, year):
        dates.append(DateMatch(found.start, found.start + 1, found.first))
    return sorted(dates, key=lambda d: d.start)


def _inside(date: DateMatch, spans: list[DateMatch]) -> bool:
    return any(span.start <= date.start < span.end for span in spans)


# Activities ----------------------------------------------------------------

_OTHER_KINDS = {
    "purpose",
    "requirements",
    "theme",
    "slogans",
    "time",
    "funding",
    "implementation",
    "reporting",
}


def _activities_section(root: Node) -> tuple[Node | None, bool]:
    """The activities section, and whether children of other kinds must be skipped.

    A section such as "II. NỘI DUNG" that also holds "1. Chủ đề" and "2. Thời
    gian" is a container: its "Các hoạt động" child is used if it has one,
    otherwise its items other than those sections.
    """
    for node in find_sections(root, "activities"):
        chosen, mixed = node, False
        while True:
            kinds = {heading_kind(child) for child in chosen.children if child.is_item}
            if not kinds & _OTHER_KINDS:
                return chosen, mixed
            inner = [c for c in chosen.children if heading_kind(c) == "activities"]
            if not inner:
                return chosen, True
            chosen = inner[0]
    return None, False


def activities(root: Node) -> list[Item]:
    """The items of the activities section.

    Each item's text is its own paragraph followed, each on a new line, by the
    paragraphs under it (sub-bullets, continuation paragraphs), markers
    removed. The number is the printed label ("1", "a", "2.1"); bulleted
    items, which have none, are numbered by position ("1", "2", …).
    """
    section, mixed = _activities_section(root)
    if section is None:
        return []
    items = []
    for child in section.children:
        if not child.is_item or (mixed and heading_kind(child) in _OTHER_KINDS):
            continue
        number = child.marker.label if child.marker and not child.is_bullet else ""
        items.append(Item(number, node_text(child), child.span))
    if any(not item.number for item in items):
        for position, item in enumerate(items, start=1):
            item.number = item.number or str(position)
    return items


# Assignments ----------------------------------------------------------------

_POLITE_PREFIX = re.compile(r"^(?:(?:KINH\s+)?DE NGHI|GIAO(?:\s+CHO)?|YEU CAU)\s+")
_DUTY_VERB = re.compile(
    r"\s(?:chủ trì|tham mưu|phối hợp|chỉ đạo|hướng dẫn|xây dựng|tổ chức|triển khai|căn cứ|"
    r"có trách nhiệm|chịu trách nhiệm|thực hiện|tuyên truyền|đẩy mạnh|báo cáo|tổng hợp|"
    r"bố trí|vận động|theo dõi|kiểm tra|phát động|huy động|đăng tải|cung cấp)\b"
)
_BODY_LABEL_MAX_WORDS = 20


def _strip_polite(text: str) -> str:
    match = _POLITE_PREFIX.match(fold(text))
    return text[match.end() :] if match else text


def _body_of(node: Node) -> tuple[str, str | None, bool]:
    """(body, inline duty, whether the item's text is itself a duty)."""
    text = node.text
    head, colon, inline = text.partition(":")
    if colon and word_count(head) <= _BODY_LABEL_MAX_WORDS:
        return head.strip(), inline.strip() or None, False
    if is_heading(node):
        return text.strip(), None, False
    verb = _DUTY_VERB.search(text)
    subject = text[: verb.start()] if verb else text
    return subject.strip(), None, True


def _is_group(node: Node) -> bool:
    """A heading whose numbered children are themselves bodies ("1. Cấp tỉnh")."""
    numbered = [c for c in node.children if c.is_item and not c.is_bullet]
    return is_heading(node) and bool(numbered) and all(is_heading(c) for c in numbered)


def _assignment(node: Node) -> AssignedBody:
    body, inline, sentence = _body_of(node)
    body = strip_trailing_punctuation(_strip_polite(body))
    assignment = AssignedBody(body, span=node.span, body_span=node.paragraph.span)  # type: ignore[union-attr]
    if inline:
        assignment.duties.append(Located(inline, node.paragraph.span))  # type: ignore[union-attr]
    if sentence:
        assignment.duties.append(Located(node.text, node.paragraph.span))  # type: ignore[union-attr]
    for child in node.children:
        assignment.duties.append(Located(node_text(child), child.span))
    return assignment


def _assignment_items(section: Node) -> list[Node]:
    items = []
    for child in section.children:
        if not child.is_item:
            continue
        if _is_group(child):
            items.extend(c for c in child.children if c.is_item)
        else:
            items.append(child)
    return items


def assignments(root: Node) -> list[AssignedBody]:
    """Who does what, from the "Tổ chức thực hiện" section.

    Each item of the section is a body: its heading (text before a colon, or
    the whole heading; for an item written as a sentence, the words before the
    first duty verb) without a leading "Đề nghị"/"Giao", and its duties: the
    text after the heading's colon, then each paragraph or bullet under it
    (with its own sub-bullets on new lines). Group headings such as
    "1. Cấp tỉnh" are looked through.
    """
    for section in find_sections(root, "implementation"):
        items = _assignment_items(section)
        if items:
            return [_assignment(item) for item in items]
    return []


def assignment_of(paragraph: Paragraph, found: list[AssignedBody]) -> AssignedBody | None:
    """The assignment whose lines contain ``paragraph``."""
    for assignment in found:
        if assignment.span[0] <= paragraph.first <= assignment.span[1]:
            return assignment
    return None
