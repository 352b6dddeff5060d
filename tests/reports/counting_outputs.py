"""Read one reporting step's figures back out of every output a user gets —
the step page, the API, the consolidated .docx, its .xlsx appendix, the
step's .xlsx and .csv — as plain numbers, so tests can hold them side by side.

Each reader returns ``{unit code: {indicator id: Decimal | None}}`` for the
per-unit rows and ``{indicator id: Decimal | None}`` for the total.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from html.parser import HTMLParser

from docx import Document
from openpyxl import load_workbook

from lifelong_week.core.numbers import parse_number

TOTAL_LABEL = "Cộng (các báo cáo được tính)"


def number(text) -> Decimal | None:
    """A cell as a number: empty is None, "1.234" and 1234 are 1234."""
    if text is None:
        return None
    if isinstance(text, int | float):
        return Decimal(str(text))
    text = str(text).strip()
    if text in ("", "—"):
        return None
    return parse_number(text, decimals=True)


class _Tables(HTMLParser):
    """Rows of the tables in a page: (table class, row attributes, cell texts)."""

    def __init__(self):
        super().__init__()
        self.rows: list[tuple[str, dict, list[str]]] = []
        self._table: list[str] = []
        self._row: tuple[str, dict, list[str]] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self._table.append(attrs.get("class") or "")
        elif tag == "tr" and self._table:
            self._row = (self._table[-1], attrs, [])
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row[2].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None
        elif tag == "table" and self._table:
            self._table.pop()

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def from_step_page(html: str, indicators) -> tuple[dict, dict]:
    """The "figures by unit" table and the "totals" table of the step page."""
    parser = _Tables()
    parser.feed(html)
    rows, totals = {}, {}
    by_code = {i.code: i for i in indicators}
    for table, attrs, cells in parser.rows:
        if "figures-by-unit" in table.split() and "data-unit" in attrs:
            rows[attrs["data-unit"]] = {
                i.pk: number(cell) for i, cell in zip(indicators, cells[1:], strict=True)
            }
        elif attrs.get("data-indicator") in by_code:
            totals[by_code[attrs["data-indicator"]].pk] = number(cells[2])
    return rows, totals


def from_api(rollup_json: dict, children_json: dict, indicators) -> tuple[dict, dict]:
    def values(entries):
        by_code = {e["code"]: e for e in entries}
        return {
            i.pk: number(by_code[i.code]["total"]) if i.code in by_code else None
            for i in indicators
        }

    rows = {
        child["unit"]["code"]: values(child["indicators"]) for child in children_json["children"]
    }
    return rows, values(rollup_json["indicators"])


def _sheet_rows(header: list[str], rows, indicators, *, code_column: str | None):
    """Per-unit rows and the total row of a sheet whose indicator columns are
    headed "label (unit of measure)"; units found by code or by name."""
    columns = {i.pk: header.index(f"{i.label} ({i.unit_of_measure})") for i in indicators}
    name_column = header.index("Đơn vị")
    per_unit, total = {}, {}
    for row in rows:
        values = {pk: number(row[column]) for pk, column in columns.items()}
        if row[name_column] == TOTAL_LABEL:
            total = values
        else:
            key = row[header.index(code_column)] if code_column else row[name_column]
            per_unit[str(key)] = values
    return per_unit, total


def from_xlsx(content: bytes, indicators, *, code_column: str = "Mã đơn vị") -> tuple[dict, dict]:
    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    width = len(rows[0])
    rows = [row + [None] * (width - len(row)) for row in rows]  # empty cells at the end
    return _sheet_rows([str(h) for h in rows[0]], rows[1:], indicators, code_column=code_column)


def from_csv(text: str, indicators, *, code_column: str = "Mã đơn vị") -> tuple[dict, dict]:
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    return _sheet_rows(rows[0], rows[1:], indicators, code_column=code_column)


def from_docx_appendix(content: bytes, indicators) -> tuple[dict, dict]:
    """The units appendix (Phụ lục II) of a consolidated report: rows by unit
    name; its key-figure columns are the first summing whole-number ones."""
    document = Document(io.BytesIO(content))
    for table in document.tables:
        header = [cell.text.strip() for cell in table.rows[0].cells]
        if "Tình trạng" not in header:
            continue
        shown = [i for i in indicators if f"{i.label} ({i.unit_of_measure})" in header]
        rows = [[cell.text.strip() for cell in row.cells] for row in table.rows[1:]]
        # A table continued on the next page repeats its header row.
        rows = [row for row in rows if row != header]
        return _sheet_rows(header, rows, shown, code_column=None)
    raise AssertionError("the document has no units appendix")
