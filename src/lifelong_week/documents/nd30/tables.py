"""Tables of figures, built as XML in one piece.

A consolidated report can carry an appendix of a thousand rows by eight
columns. python-docx adds cells one by one through its object model, which
takes tens of seconds at that size; here the whole ``w:tbl`` is written as
text and parsed once by lxml (well under a second).

Layout (Decree 30 says little about tables; these follow common practice
and the project's RECIPES): single black borders, a bold centred header row
repeated at the top of every page, rows that do not split across pages,
numbers right-aligned, and column widths fixed on the grid *and* on every
cell so LibreOffice does not split the columns evenly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal
from xml.sax.saxutils import escape

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from .ooxml import run_properties_xml, twips
from .vietnamese import clean_text

Align = Literal["left", "center", "right", "both"]


@dataclass(frozen=True)
class Column:
    """A column: its header ``title``, relative ``weight`` in the table's
    width, and the alignment of its cells ("right" for numbers)."""

    title: str
    weight: float = 1.0
    align: Align = "left"


@dataclass(frozen=True, slots=True)
class TableRow:
    """A row with options; plain sequences of strings are ordinary rows.

    ``bold`` for totals; ``merged`` for a group heading printed in one cell
    across the whole table (its single cell is ``cells[0]``).
    """

    cells: tuple[str, ...]
    bold: bool = False
    merged: bool = False


@dataclass(frozen=True)
class TableStyle:
    """What the XML needs from the layout settings."""

    font_name: str
    size_pt: float
    rule_weight_eighths: int


# Cell padding: 1 mm left and right; 2 pt above and below the text.
_CELL_MARGIN_MM = 1.0
_CELL_SPACING_TWIPS = 40


def column_widths_mm(columns: Sequence[Column], total_mm: float) -> list[float]:
    """Share ``total_mm`` between the columns by weight."""
    total_weight = sum(column.weight for column in columns)
    return [total_mm * column.weight / total_weight for column in columns]


def build_table(
    columns: Sequence[Column],
    rows: Iterable[Sequence[str] | TableRow],
    total_width_mm: float,
    style: TableStyle,
):
    """Return a ``w:tbl`` element for ``columns`` and ``rows``, ready to insert."""
    widths = [twips(width) for width in column_widths_mm(columns, total_width_mm)]
    cells = _CellWriter(style)
    parts = [_table_properties(sum(widths), style), _grid(widths)]
    header = "".join(
        cells.cell(column.title, width, "center", bold=True)
        for column, width in zip(columns, widths, strict=True)
    )
    parts.append(f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{header}</w:tr>")
    aligns = [column.align for column in columns]
    for row in rows:
        parts.append(_row(row, widths, aligns, cells))
    return parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(parts)}</w:tbl>")


def _table_properties(total_twips: int, style: TableStyle) -> str:
    border = f'w:val="single" w:sz="{style.rule_weight_eighths}" w:space="0" w:color="000000"'
    edges = "".join(
        f"<w:{edge} {border}/>" for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    margin = twips(_CELL_MARGIN_MM)
    return (
        f'<w:tblPr><w:tblW w:w="{total_twips}" w:type="dxa"/><w:jc w:val="center"/>'
        f"<w:tblBorders>{edges}</w:tblBorders>"
        '<w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{margin}" w:type="dxa"/>'
        f'<w:right w:w="{margin}" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0"'
        ' w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
    )


def _grid(widths: Sequence[int]) -> str:
    cols = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    return f"<w:tblGrid>{cols}</w:tblGrid>"


def _row(
    row: Sequence[str] | TableRow,
    widths: Sequence[int],
    aligns: Sequence[Align],
    cells: _CellWriter,
) -> str:
    if isinstance(row, TableRow) and row.merged:
        text = row.cells[0] if row.cells else ""
        body = cells.cell(text, sum(widths), "left", bold=True, span=len(widths))
    else:
        values = row.cells if isinstance(row, TableRow) else row
        bold = isinstance(row, TableRow) and row.bold
        if len(values) != len(widths):
            raise ValueError(f"a row has {len(values)} cells for {len(widths)} columns: {values!r}")
        body = "".join(
            cells.cell(value, width, align, bold=bold)
            for value, width, align in zip(values, widths, aligns, strict=True)
        )
    return f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{body}</w:tr>"


class _CellWriter:
    """Writes ``w:tc`` elements; run properties are formatted once, not per cell."""

    def __init__(self, style: TableStyle) -> None:
        self._rpr = {
            bold: run_properties_xml(style.font_name, style.size_pt, bold=bold)
            for bold in (False, True)
        }

    def cell(self, text: str, width: int, align: Align, *, bold: bool, span: int = 1) -> str:
        rpr = self._rpr[bold]
        span_xml = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
        ppr = (
            f'<w:pPr><w:spacing w:before="{_CELL_SPACING_TWIPS}" w:after="{_CELL_SPACING_TWIPS}"'
            f' w:line="240" w:lineRule="auto"/><w:jc w:val="{align}"/>{rpr}</w:pPr>'
        )
        return (
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span_xml}'
            f'<w:vAlign w:val="center"/></w:tcPr><w:p>{ppr}{_runs(text, rpr)}</w:p></w:tc>'
        )


def _runs(text: str, rpr: str) -> str:
    """A run for the text; line breaks inside a cell become ``w:br``."""
    if not text:
        return ""
    lines = [escape(line) for line in clean_text(text).splitlines()]
    content = "<w:br/>".join(f'<w:t xml:space="preserve">{line}</w:t>' for line in lines)
    return f"<w:r>{rpr}{content}</w:r>"
