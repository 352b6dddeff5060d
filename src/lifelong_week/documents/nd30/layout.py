"""The Decree 30/2020/NĐ-CP layout: one place for the presentation rules.

Every renderer of an official document (a unit's report, a consolidated
report, a plan, a letter) builds it through :class:`OfficialDocument`, in
reading order::

    doc = OfficialDocument(settings)
    doc.add_header(issuer, type_abbr="BC", number=5, date=..., month=10, year=2021)
    doc.add_title("BÁO CÁO", "Về việc tổ chức Tuần lễ …")
    doc.add_heading("I. TỔ CHỨC TRIỂN KHAI TUẦN LỄ", level=1)
    doc.add_rich_text(stored_text)
    doc.end_text()                      # "./."
    doc.add_closing(recipients, signature)
    doc.add_appendix("Số liệu …", reference="(Kèm theo …)")
    doc.add_table(columns, rows)
    doc.to_bytes()

Each method's docstring quotes the rule of ``shared/ND30.md`` it applies;
all sizes, widths and spacings come from :class:`LayoutSettings`. This
module has no Django imports: it turns plain values into python-docx.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import IO

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from . import ooxml
from .data import Issuer, Signature
from .markup import Span, parse_blocks, parse_inline
from .metrics import text_width_mm, wrap_name
from .settings import A4_HEIGHT_MM, A4_WIDTH_MM, DEFAULT_SETTINGS, LayoutSettings
from .tables import Column, TableRow, TableStyle, build_table
from .vietnamese import (
    clean_text,
    format_number_line,
    format_place_date,
    point_label,
    roman_numeral,
    strip_dash,
    terminate_items,
    upper,
)

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
RECIPIENTS_HEADING = "Nơi nhận:"
# Decree 30: the last recipient is the archive copy, "Lưu: VT, <office>.".
ARCHIVE_ENTRY = "Lưu: VT"
TEXT_END = "./."

_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "both": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
# An empty paragraph carrying a rule is this tall (its mark's font size), and
# this far below the text above, so the rule sits just under the text
# without touching descenders ("p", the dot of "ệ").
_RULE_MARK_PT = 2
_RULE_GAP_PT = 3
# Times New Roman's ascent (0.891 em): on single-spaced lines it puts the
# baseline that far below the top of the line.
_ASCENT_EM = 0.891
_LANGUAGE = "vi-VN"

Container = DocxDocument | _Cell


class OfficialDocument:
    """A python-docx document being laid out by the Decree 30 rules."""

    def __init__(self, settings: LayoutSettings = DEFAULT_SETTINGS) -> None:
        self.settings = settings
        self.docx: DocxDocument = Document()
        # The paragraph that receives "./." — the last one of the main text.
        self._last_text: Paragraph | None = None
        self._appendix_count = 0
        self._set_default_font()
        first_section = self.docx.sections[0]
        self._set_page(first_section, landscape=False)
        self._add_page_numbers(first_section)

    # --- page ---------------------------------------------------------------

    def _set_default_font(self) -> None:
        """Times New Roman everywhere, all four font slots, body size, black.

        Set on the document defaults *and* the Normal style: python-docx's
        template points the defaults at theme fonts (Calibri/Cambria), which
        would win over a font named on Normal alone.
        """
        s = self.settings
        ooxml.set_document_defaults(
            self.docx.styles.element, s.font_name, s.body_size_pt, language=_LANGUAGE
        )
        normal = self.docx.styles["Normal"]
        normal.font.size = Pt(s.body_size_pt)
        normal.font.color.rgb = RGBColor(0, 0, 0)
        rpr = normal.element.get_or_add_rPr()
        ooxml.set_fonts(rpr, s.font_name)
        ooxml.set_complex_size(rpr, s.body_size_pt)

    def _set_page(self, section: Section, *, landscape: bool) -> None:
        """A4 (python-docx defaults to US Letter) with the Decree's margins.

        "Margins: top 20–25 mm, bottom 20–25 mm, left 30–35 mm, right 15–20 mm."
        A landscape appendix keeps the same margins on the turned page.
        """
        s = self.settings
        short, long = Mm(A4_WIDTH_MM), Mm(A4_HEIGHT_MM)
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (long, short) if landscape else (short, long)
        section.top_margin = Mm(s.margin_top_mm)
        section.bottom_margin = Mm(s.margin_bottom_mm)
        section.left_margin = Mm(s.margin_left_mm)
        section.right_margin = Mm(s.margin_right_mm)
        section.header_distance = Mm(s.header_distance_mm)
        section.footer_distance = Mm(s.footer_distance_mm)
        section.gutter = Mm(0)

    def _add_page_numbers(self, section: Section) -> None:
        """ND30: "Page numbers: Arabic, centred in the top margin, 13–14 pt, not
        shown on the first page (a different-first-page header)."
        """
        s = self.settings
        section.different_first_page_header_footer = True
        first = section.first_page_header
        first.is_linked_to_previous = False  # an explicit, empty first-page header
        header = section.header
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for run in ooxml.add_field(paragraph, "PAGE", "2"):
            ooxml.format_run(run, s.font_name, s.page_number_size_pt)

    def _text_width_mm(self) -> float:
        """Width between the margins of the current (last) section."""
        section = self.docx.sections[-1]
        return (section.page_width - section.left_margin - section.right_margin) / Mm(1)

    # --- paragraphs -----------------------------------------------------------

    def _paragraph(
        self,
        container: Container,
        content: str | Sequence[Span],
        *,
        size: float,
        bold: bool = False,
        italic: bool = False,
        align: str = "left",
        first_line_indent: bool = False,
        space_before: float = 0,
        space_after: float = 0,
        line_spacing: float = 1.0,
        keep_with_next: bool = False,
    ) -> Paragraph:
        """Add one paragraph; every run gets the font in all four slots."""
        s = self.settings
        if container is self.docx and self._follows_table():
            # A table has no spacing of its own: keep the text off its border.
            space_before = max(space_before, s.paragraph_spacing_pt)
        spans = [Span(content)] if isinstance(content, str) else content
        xml = ooxml.paragraph_xml(
            [(clean_text(span.text), bold or span.bold, italic or span.italic) for span in spans],
            s.font_name,
            size,
            align=align,
            first_line_indent_twips=Cm(s.first_line_indent_cm).twips if first_line_indent else None,
            space_before_pt=space_before,
            space_after_pt=space_after,
            line_spacing=line_spacing,
            keep_with_next=keep_with_next,
            bold=bold,
            italic=italic,
        )
        placeholder = container.add_paragraph()._p  # where the container puts a paragraph
        element = parse_xml(xml)
        placeholder.addnext(element)
        placeholder.getparent().remove(placeholder)
        return Paragraph(element, container)

    def _body_paragraph(
        self, content: str | Sequence[Span], *, bold: bool = False, italic: bool = False
    ) -> Paragraph:
        """ND30: "Body: 13–14 pt (one size throughout), justified, first-line
        indent 1–1.27 cm, at least 6 pt between paragraphs, line spacing from
        single up to 1.5." Remembered as the paragraph that may end the text.
        """
        s = self.settings
        paragraph = self._paragraph(
            self.docx,
            content,
            size=s.body_size_pt,
            bold=bold,
            italic=italic,
            align="both",
            first_line_indent=True,
            space_after=s.paragraph_spacing_pt,
            line_spacing=s.line_spacing,
        )
        self._last_text = paragraph
        return paragraph

    def add_paragraph(self, text: str) -> Paragraph:
        """A body paragraph; ``**bold**`` and ``*italic*`` spans are honoured."""
        return self._body_paragraph(parse_inline(text))

    def add_heading(self, text: str, level: int = 1) -> Paragraph:
        """A section heading, kept on the page of the text that follows.

        "Sections: "I. MỤC ĐÍCH, YÊU CẦU" (Roman numeral, upper case, bold);
        "1. Mục đích" (Arabic, bold when it has a title)." Level 3 ("a)"
        points with a title) is printed like body text.
        """
        if level not in (1, 2, 3):
            raise ValueError("headings have levels 1 (I.), 2 (1.) and 3 (a))")
        text = upper(text) if level == 1 else text
        paragraph = self._body_paragraph(parse_inline(text), bold=level < 3)
        paragraph.paragraph_format.keep_with_next = True
        return paragraph

    def add_point(self, number: int, text: str) -> Paragraph:
        """A point "a) …", "đ) …" lettered with the Vietnamese alphabet (no f/j/w/z)."""
        return self._body_paragraph(parse_inline(f"{point_label(number)} {text}"))

    def add_bullet(self, text: str, level: int = 1) -> Paragraph:
        """A bullet: "-" at level 1, "+" at level 2, written as a character the
        way Vietnamese documents do (not Word list numbering)."""
        marker = {1: "-", 2: "+"}[level]
        return self._body_paragraph(parse_inline(f"{marker} {strip_dash(text)}"))

    def add_rich_text(self, text: str) -> list[Paragraph]:
        """The stored text of a section (see ``markup.py``) as body paragraphs."""
        paragraphs = []
        for block in parse_blocks(text):
            if block.kind == "paragraph":
                paragraphs.append(self.add_paragraph(block.text))
            else:
                paragraphs.append(self.add_bullet(block.text, 1 if block.kind == "bullet" else 2))
        return paragraphs

    def add_legal_bases(self, bases: Iterable[str]) -> list[Paragraph]:
        """ND30: "Legal bases ("Căn cứ …") in italics, each on its own line
        ending with ";", the last with "."."
        """
        return [
            self._body_paragraph(parse_inline(base), italic=True)
            for base in terminate_items(list(bases))
        ]

    def end_text(self) -> None:
        """ND30: "The text ends with "./."" — added to the text's last paragraph."""
        paragraph = self._last_text
        if paragraph is None:
            paragraph = self._body_paragraph("")
        runs = [run for run in paragraph.runs if run.text]
        if not runs:
            run = paragraph.add_run(TEXT_END)
            ooxml.format_run(run, self.settings.font_name, self.settings.body_size_pt)
            return
        last = runs[-1]
        text = last.text.rstrip()
        if text.endswith(TEXT_END):
            return
        # "….": the full stop is already there; ";" ":" "," give way to it.
        last.text = text + "/." if text.endswith(".") else text.rstrip(";:,") + TEXT_END

    # --- header block -----------------------------------------------------------

    def add_header(
        self,
        issuer: Issuer,
        *,
        type_abbr: str | None,
        number: int | None,
        date: dt.date | None,
        month: int,
        year: int,
        subject: str | None = None,
    ) -> None:
        """The header block: a borderless two-column table (about 65 | 100 mm).

        Row 1 — left: governing body (upper case, regular), issuing body
        (upper case, bold) and a short rule under it; right: the national
        title (bold), the motto (bold, one size larger) and a rule as long as
        the motto. Row 2 — left: "Số: 05/BC-SGDĐT" (number and day blank in a
        draft, ``number=None`` / ``date=None``), and for an official letter
        (``type_abbr=None``) its "V/v …" ``subject``; right, on the same row:
        "Long An, ngày 05 tháng 10 năm 2021" in italics.
        """
        s = self.settings
        widths = [s.header_left_width_mm, s.header_right_width_mm]
        table = self.docx.add_table(rows=2, cols=2)
        ooxml.set_table_grid(table, widths)
        ooxml.remove_borders(table)
        (issuer_cell, nation_cell), (number_cell, date_cell) = (row.cells for row in table.rows)
        for cell in (issuer_cell, nation_cell, number_cell, date_cell):
            _clear(cell)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
        self._issuer_lines(issuer_cell, issuer, widths[0])
        self._national_lines(nation_cell, widths[1])
        number_line = format_number_line(
            number, type_abbr, issuer.symbol, blank_spaces=s.draft_blank_spaces
        )
        self._number_lines(number_cell, number_line, subject)
        # The date decides; month and year only fill in a draft's date.
        place_date = format_place_date(
            issuer.place,
            date,
            None if date else month,
            None if date else year,
            blank_spaces=s.draft_blank_spaces,
        )
        self._paragraph(
            date_cell,
            place_date,
            size=s.place_date_size_pt,
            italic=True,
            align="center",
            space_before=s.header_second_row_space_pt,
        )

    def _number_lines(self, cell: _Cell, number_line: str, subject: str | None) -> None:
        """ND30: "Number and symbol, 13 pt"; an official letter's summary
        "V/v …" (12–13 pt, regular) "sits under the number in the left column"."""
        s = self.settings
        self._paragraph(
            cell,
            number_line,
            size=s.number_size_pt,
            align="center",
            space_before=s.header_second_row_space_pt,
        )
        if subject:
            self._paragraph(cell, subject, size=s.letter_summary_size_pt, align="center")

    def _issuer_lines(self, cell: _Cell, issuer: Issuer, width_mm: float) -> None:
        """ND30: "Governing body, upper case, regular … Omitted when there is none.
        Issuing body, upper case, bold; may wrap onto two lines. A short solid
        rule under it, 1/3–1/2 of its width.\""""
        s = self.settings
        if issuer.governing_body.strip():
            for line in wrap_name(
                upper(issuer.governing_body), width_mm, s.governing_body_size_pt, bold=False
            ):
                self._paragraph(cell, line, size=s.governing_body_size_pt, align="center")
        lines = wrap_name(upper(issuer.issuing_name), width_mm, s.issuing_body_size_pt, bold=True)
        for line in lines:
            self._paragraph(cell, line, size=s.issuing_body_size_pt, bold=True, align="center")
        widest = max(text_width_mm(line, s.issuing_body_size_pt, bold=True) for line in lines)
        self._rule(cell, min(widest, width_mm) * s.issuer_rule_ratio, width_mm)

    def _national_lines(self, cell: _Cell, width_mm: float) -> None:
        """ND30: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" bold; "Độc lập - Tự do - Hạnh
        phúc" one size larger, bold, with a solid rule as long as the text."""
        s = self.settings
        self._paragraph(
            cell, NATIONAL_TITLE, size=s.national_title_size_pt, bold=True, align="center"
        )
        self._paragraph(cell, MOTTO, size=s.motto_size_pt, bold=True, align="center")
        motto_width = text_width_mm(MOTTO, s.motto_size_pt, bold=True)
        self._rule(cell, min(motto_width, width_mm), width_mm)

    def _rule(self, container: Container, length_mm: float, available_mm: float) -> Paragraph:
        """A centred solid rule ``length_mm`` long: the bottom border of an
        empty, 2 pt high paragraph indented from both sides. A border (not a
        drawn line) stays in place in Word and LibreOffice alike."""
        s = self.settings
        paragraph = container.add_paragraph()
        fmt = paragraph.paragraph_format
        indent = Mm(max(available_mm - length_mm, 0) / 2)
        fmt.left_indent = fmt.right_indent = indent
        fmt.first_line_indent = None
        fmt.space_before = Pt(_RULE_GAP_PT)
        fmt.space_after = Pt(0)
        fmt.line_spacing = 1.0
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
        ooxml.add_bottom_border(paragraph, s.rule_weight_eighths)
        ooxml.format_mark(paragraph, s.font_name, _RULE_MARK_PT)
        return paragraph

    # --- title --------------------------------------------------------------------

    def add_title(self, doc_type: str, summary: str) -> None:
        """ND30: "Document type, upper case, 13–14 pt, bold, centred across the page …
        Summary line (trích yếu) directly under it, 14 pt, bold, centred; a
        short centred rule under it."

        An official letter has no title block: its "V/v …" goes in the header.
        """
        s = self.settings
        self._paragraph(
            self.docx,
            upper(doc_type),
            size=s.doc_type_size_pt,
            bold=True,
            align="center",
            space_before=s.title_space_before_pt,
            keep_with_next=True,
        )
        for line in summary.splitlines() or [""]:
            self._paragraph(
                self.docx,
                line,
                size=s.summary_size_pt,
                bold=True,
                align="center",
                keep_with_next=True,
            )
        rule = self._rule(self.docx, s.summary_rule_mm, s.text_width_mm)
        rule.paragraph_format.space_after = Pt(s.title_space_after_pt)

    # --- tables and appendices ------------------------------------------------------

    def add_table(self, columns: Sequence[Column], rows: Iterable[Sequence[str] | TableRow]):
        """A table of figures across the text width of the current section.

        Header row bold and repeated on every page, numbers right-aligned by
        their column's ``align``; built as XML in one piece (``tables.py``)
        so a thousand-row appendix renders in well under a second.
        """
        s = self.settings
        self._separate_from_previous_table()
        style = TableStyle(s.font_name, s.table_size_pt, s.rule_weight_eighths)
        table = build_table(columns, rows, self._text_width_mm(), style)
        self.docx.element.body.sectPr.addprevious(table)
        return table

    @property
    def next_appendix_label(self) -> str:
        """The next appendix's label: "Phụ lục I", "Phụ lục II" … (Roman numerals)."""
        return f"Phụ lục {roman_numeral(self._appendix_count + 1)}"

    def add_appendix(self, title: str, reference: str, *, landscape: bool = False) -> str:
        """Start an appendix on a new page (landscape if asked); returns its label.

        "Tables of figures: a numbered appendix ("Phụ lục"), bold upper-case
        title, italic line "(Kèm theo Báo cáo số …/BC-… ngày … của …)";
        landscape allowed." The label "Phụ lục I" is bold and centred, the
        pages are numbered on their own (``appendix_restarts_page_numbers``).
        """
        s = self.settings
        label = self.next_appendix_label
        self._appendix_count += 1
        section = self.docx.add_section(WD_SECTION.NEW_PAGE)
        self._set_page(section, landscape=landscape)
        section.different_first_page_header_footer = s.appendix_restarts_page_numbers
        if s.appendix_restarts_page_numbers:
            ooxml.restart_page_numbers(section._sectPr)
        size = s.appendix_size_pt
        self._paragraph(self.docx, label, size=size, bold=True, align="center", keep_with_next=True)
        self._paragraph(
            self.docx, upper(title), size=size, bold=True, align="center", keep_with_next=True
        )
        self._paragraph(
            self.docx, reference, size=size, italic=True, align="center", keep_with_next=True
        )
        rule = self._rule(self.docx, s.summary_rule_mm, self._text_width_mm())
        rule.paragraph_format.space_after = Pt(s.paragraph_spacing_pt * 2)
        return label

    def _follows_table(self) -> bool:
        """Whether the last block of the body is a table."""
        previous = self.docx.element.body.sectPr.getprevious()
        return previous is not None and previous.tag == qn("w:tbl")

    def _separate_from_previous_table(self) -> None:
        """Word merges two tables that touch; keep an empty paragraph between."""
        if self._follows_table():
            self._paragraph(self.docx, "", size=self.settings.body_size_pt)

    # --- closing block ------------------------------------------------------------

    def add_closing(self, recipients: Sequence[str], signature: Signature) -> None:
        """The closing block: a borderless two-column table (about 80 | 85 mm).

        Left: "Nơi nhận:" (12 pt bold italic), then one entry per line (11 pt)
        "- …;", the last "- Lưu: VT, <office>." (added when missing). Right,
        centred, its first line level with "Nơi nhận:": the authority lines
        and the signer's post (upper case, bold), blank lines for the
        signature and seal, then the signer's name (bold) — an empty line
        when the name is not known yet.
        """
        s = self.settings
        self._separate_from_previous_table()
        widths = [s.closing_left_width_mm, s.closing_right_width_mm]
        table = self.docx.add_table(rows=1, cols=2)
        ooxml.set_table_grid(table, widths)
        ooxml.remove_borders(table)
        ooxml.keep_row_together(table.rows[0]._tr)
        left, right = table.rows[0].cells
        for cell in (left, right):
            _clear(cell)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
        self._recipients(left, recipients)
        self._signature(right, signature)

    def _recipients(self, cell: _Cell, recipients: Sequence[str]) -> None:
        s = self.settings
        # "Nơi nhận:" is smaller than the authority line beside it; lowering it
        # by the difference of their ascents puts both on one baseline.
        level = (s.signature_size_pt - s.recipients_heading_size_pt) * _ASCENT_EM
        self._paragraph(
            cell,
            RECIPIENTS_HEADING,
            size=s.recipients_heading_size_pt,
            bold=True,
            italic=True,
            space_before=s.closing_space_before_pt + max(level, 0),
        )
        for entry in recipient_entries(recipients):
            self._paragraph(cell, f"- {entry}", size=s.recipients_size_pt)

    def _signature(self, cell: _Cell, signature: Signature) -> None:
        s = self.settings
        lines = [line for line in [*signature.authority_lines, signature.title] if line.strip()]
        for i, line in enumerate(lines):
            self._paragraph(
                cell,
                upper(line),
                size=s.signature_size_pt,
                bold=True,
                align="center",
                space_before=s.closing_space_before_pt if i == 0 else 0,
            )
        for _ in range(s.signature_blank_lines):
            self._paragraph(cell, "", size=s.signature_size_pt, align="center")
        self._paragraph(
            cell, signature.name.strip(), size=s.signature_size_pt, bold=True, align="center"
        )

    # --- output -------------------------------------------------------------------

    def save(self, target: str | IO[bytes]) -> None:
        self.docx.save(target)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.docx.save(buffer)
        return buffer.getvalue()


def recipient_entries(recipients: Sequence[str]) -> list[str]:
    """The "Nơi nhận" entries as printed, without the leading "- ".

    Each ends with ";" and the last with "."; the archive entry "Lưu: VT…"
    comes last, and is added when the list has none (Decree 30 requires the
    archive copy).
    """
    entries = [strip_dash(clean_text(entry)).strip() for entry in recipients]
    entries = [entry for entry in entries if entry]
    archive = [entry for entry in entries if entry.casefold().startswith("lưu")]
    others = [entry for entry in entries if entry not in archive]
    return terminate_items([*others, *(archive or [ARCHIVE_ENTRY])])


def _clear(cell: _Cell) -> None:
    """Remove a new cell's empty paragraph; the caller adds the content."""
    for paragraph in cell._tc.findall(qn("w:p")):
        cell._tc.remove(paragraph)
