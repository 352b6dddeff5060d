"""A unit's report on the week, laid out as the plan's "Mẫu BC" form.

The form (end of the province's plan) is::

    BÁO CÁO
    Về việc tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2021
    I. TỔ CHỨC TRIỂN KHAI TUẦN LỄ
    1. Công tác chỉ đạo, ban hành kế hoạch triển khai, kiểm tra, đôn đốc …
    …
    4. Kết quả (có số liệu cụ thể) các hoạt động tổ chức Tuần lễ
    …
    II. ĐÁNH GIÁ CHUNG
    …
    Nơi nhận: …                          THỦ TRƯỞNG ĐƠN VỊ

:func:`render_report` prints the sections in the order given, grouped under
their part titles; the figures go as a table into section I.4 or, when
there are many, into an appendix after the signature. Nothing is invented:
a section left empty prints its title only.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import groupby

from docx.document import Document as DocxDocument

from .data import Issuer, Signature
from .layout import OfficialDocument
from .settings import DEFAULT_SETTINGS, LayoutSettings
from .tables import Column, TableRow
from .vietnamese import format_number_symbol, format_short_date, roman_numeral, upper

__all__ = [
    "FigureRow",
    "Issuer",
    "ReportDocument",
    "ReportSection",
    "Signature",
    "figure_table",
    "render_report",
    "report_to_bytes",
]

REPORT_TYPE_ABBR = "BC"
# The columns of the figures table: row number, indicator, unit of measure, value.
FIGURE_COLUMNS = (
    Column("TT", weight=1.0, align="center"),
    Column("Nội dung", weight=6.0, align="left"),
    Column("Đơn vị tính", weight=1.8, align="center"),
    Column("Kết quả", weight=1.8, align="right"),
)
# Printed under section I.4 when its figures moved to the appendix, so the
# reader of the body knows where they are.
APPENDIX_POINTER = "(Số liệu cụ thể tại {label} kèm theo Báo cáo này.)"


@dataclass(frozen=True)
class ReportSection:
    """One section of the form with the unit's text.

    ``code``: the form's code ("I.4"); its last number numbers the heading
    when ``title`` carries none. ``part_title``: the part it belongs to
    ("I. TỔ CHỨC TRIỂN KHAI TUẦN LỄ"). ``body``: the stored text — one
    paragraph per line, "- " bullets, ``**bold**`` (see ``markup.py``).
    """

    code: str
    part_title: str
    title: str
    body: str = ""


@dataclass(frozen=True)
class FigureRow:
    """One figure of the data summary; ``code`` is what its "TT" cell prints
    (the row's number, "1"), ``value`` is already formatted ("1.250")."""

    group: str
    code: str
    label: str
    unit: str
    value: str


@dataclass(frozen=True)
class Appendix:
    """A further appendix after the figures (a consolidated report's table of
    units, for instance): its title, columns and rows; landscape when wide."""

    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[str] | TableRow]
    landscape: bool = True


@dataclass(frozen=True, kw_only=True)
class ReportDocument:
    """Everything a report prints. ``number``/``date`` None make a draft.

    ``figures_as_appendix``: None chooses by size (more rows than the
    settings' ``figures_appendix_threshold``). ``figures_section``: the code
    of the section that receives the figures table ("I.4" on the form).
    """

    issuer: Issuer
    number: int | None
    date: dt.date | None
    month: int
    year: int
    summary: str
    sections: Sequence[ReportSection]
    recipients: Sequence[str]
    signature: Signature
    figures: Sequence[FigureRow] = field(default_factory=list)
    doc_title: str = "BÁO CÁO"
    figures_as_appendix: bool | None = None
    figures_section: str = "I.4"
    figures_title: str = ""
    appendices: Sequence[Appendix] = ()


def render_report(doc: ReportDocument, settings: LayoutSettings = DEFAULT_SETTINGS) -> DocxDocument:
    """Lay out ``doc`` by Decree 30 and return the python-docx document."""
    out = OfficialDocument(settings)
    out.add_header(
        doc.issuer,
        type_abbr=REPORT_TYPE_ABBR,
        number=doc.number,
        date=doc.date,
        month=doc.month,
        year=doc.year,
    )
    out.add_title(doc.doc_title, doc.summary)
    in_appendix = _figures_in_appendix(doc, settings)
    figures_at = _figures_section_index(doc)
    for entry in _outline(doc.sections):
        out.add_heading(entry.heading, level=entry.level)
        if entry.section is None:
            continue
        out.add_rich_text(entry.section.body)
        if entry.index == figures_at:
            _place_figures(out, doc, in_appendix)
    out.end_text()
    out.add_closing(doc.recipients, doc.signature)
    if doc.figures and in_appendix:
        out.add_appendix(_figures_title(doc), _appendix_reference(doc, settings))
        out.add_table(FIGURE_COLUMNS, figure_table(doc.figures))
    for appendix in doc.appendices:
        out.add_appendix(
            appendix.title, _appendix_reference(doc, settings), landscape=appendix.landscape
        )
        out.add_table(appendix.columns, appendix.rows)
    return out.docx


def report_to_bytes(doc: ReportDocument, settings: LayoutSettings = DEFAULT_SETTINGS) -> bytes:
    """The report as .docx bytes, for a download or a stored file."""
    buffer = io.BytesIO()
    render_report(doc, settings).save(buffer)
    return buffer.getvalue()


def figure_table(figures: Sequence[FigureRow]) -> list[TableRow]:
    """Rows of the figures table: a merged bold row at each new group."""
    rows = []
    for group, members in groupby(figures, key=lambda figure: figure.group):
        if group.strip():
            rows.append(TableRow((group,), bold=True, merged=True))
        rows.extend(
            TableRow((figure.code, figure.label, figure.unit, figure.value)) for figure in members
        )
    return rows


# --- where things go ------------------------------------------------------------


@dataclass(frozen=True)
class _OutlineEntry:
    """A heading to print: a part ("I. …", level 1, no section) or a
    section ("1. …", level 2) with its index in the report's sections."""

    level: int
    heading: str
    index: int
    section: ReportSection | None = None


def _outline(sections: Sequence[ReportSection]) -> list[_OutlineEntry]:
    """Part titles where the part changes, then each section under it.

    Titles already numbered are kept; otherwise parts are numbered I, II …
    in order and sections by their code's last number (or position).
    """
    entries = []
    part_number = 0
    position = 0
    previous_part = None
    for index, section in enumerate(sections):
        part = section.part_title.strip()
        if part != previous_part:
            previous_part, position = part, 0
            if part:
                part_number += 1
                entries.append(_OutlineEntry(1, _numbered(part, roman_numeral(part_number)), index))
        position += 1
        label = _code_number(section.code) or str(position)
        entries.append(_OutlineEntry(2, _numbered(section.title, label), index, section))
    return entries


_ALREADY_NUMBERED = re.compile(r"^\s*(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)]\s")
_LAST_NUMBER = re.compile(r"(\d+)\W*$")


def _numbered(title: str, label: str) -> str:
    title = title.strip()
    return title if _ALREADY_NUMBERED.match(title) else f"{label}. {title}"


def _code_number(code: str) -> str | None:
    match = _LAST_NUMBER.search(code.strip())
    return match.group(1) if match else None


def _normal_code(code: str) -> str:
    return re.sub(r"[\s.]+$", "", code.strip()).upper()


def _figures_section_index(doc: ReportDocument) -> int | None:
    """The section receiving the figures: the one coded ``figures_section``,
    else the last one (so figures are never silently dropped)."""
    if not doc.sections:
        return None
    wanted = _normal_code(doc.figures_section)
    for index, section in enumerate(doc.sections):
        if _normal_code(section.code) == wanted:
            return index
    return len(doc.sections) - 1


def _figures_in_appendix(doc: ReportDocument, settings: LayoutSettings) -> bool:
    # Without a section to hold them, the figures can only go to an appendix.
    if not doc.sections:
        return True
    if doc.figures_as_appendix is not None:
        return doc.figures_as_appendix
    return len(doc.figures) > settings.figures_appendix_threshold


def _place_figures(out: OfficialDocument, doc: ReportDocument, in_appendix: bool) -> None:
    if not doc.figures:
        return
    if in_appendix:
        out.add_paragraph(APPENDIX_POINTER.format(label=out.next_appendix_label))
    else:
        out.add_table(FIGURE_COLUMNS, figure_table(doc.figures))


def _figures_title(doc: ReportDocument) -> str:
    """The appendix title given, or "SỐ LIỆU KẾT QUẢ TỔ CHỨC TUẦN LỄ …" from the summary."""
    if doc.figures_title.strip():
        return doc.figures_title
    subject = re.sub(r"^\s*(?:V/v|Về việc)\s+", "", doc.summary, flags=re.IGNORECASE)
    return upper(f"Số liệu kết quả {subject}")


def _appendix_reference(doc: ReportDocument, settings: LayoutSettings) -> str:
    """The appendix's italic line, "(Kèm theo Báo cáo số 05/BC-SGDĐT ngày 05/10/2021 của …)"."""
    blank = settings.draft_blank_spaces
    number = format_number_symbol(
        doc.number, REPORT_TYPE_ABBR, doc.issuer.symbol, blank_spaces=blank
    )
    date = format_short_date(doc.date, doc.month, doc.year, blank_spaces=blank)
    kind = doc.doc_title.strip().capitalize()
    issuer = " ".join(doc.issuer.issuing_name.split())
    return f"(Kèm theo {kind} số {number} ngày {date} của {issuer})"
