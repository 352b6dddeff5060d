"""Tables of figures out of the platform, as .xlsx or .csv.

One exporter interface: an exporter yields a header and rows; one writer
renders them as XLSX (openpyxl write-only mode, so memory stays flat however
many units) or CSV (UTF-8 with BOM so Excel reads Vietnamese, and protected
against formula injection: a cell a spreadsheet would run as a formula is
written as text).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from lifelong_week.campaigns.enums import Sending, ValueType
from lifelong_week.campaigns.models import Campaign, Extension, Indicator, ReportingStep
from lifelong_week.campaigns.timeline import closes_at, sending_state
from lifelong_week.core.rows import raw_rows
from lifelong_week.orgs.models import OrgUnit
from lifelong_week.reports.consolidate import status_text, step_lines
from lifelong_week.reports.enums import SENT_STATUSES
from lifelong_week.reports.models import FigureValue, Report
from lifelong_week.reports.rollup import fold_pending

# A cell starting with one of these is a formula to Excel, LibreOffice and
# Google Sheets (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BATCH = 500


class FiguresExporter:
    """Every unit's report of a campaign (or a subtree, or one step) × indicators.

    A report's figures are written only when it counts in the campaign's
    totals (``Report.in_rollup``: its status counts under the campaign's
    policy); any other report is listed with its status and empty figures,
    as on every other output."""

    def __init__(
        self,
        campaign: Campaign,
        *,
        unit: OrgUnit | None = None,
        step: ReportingStep | None = None,
        reports=None,
    ):
        self.campaign = campaign
        self.indicators: list[Indicator] = list(campaign.report_form.indicators.all())
        queryset = reports if reports is not None else Report.objects.all()
        queryset = queryset.filter(campaign=campaign)
        if unit is not None:
            queryset = queryset.filter(unit__path__startswith=unit.path)
        if step is not None:
            queryset = queryset.filter(step=step)
        self.reports = queryset.order_by("step__order", "unit__path")
        # A campaign's extensions are few: read once, not looked up per row.
        self.extensions = {
            (step_id, unit_id): until
            for step_id, unit_id, until in Extension.objects.filter(
                step__campaign=campaign
            ).values_list("step_id", "unit_id", "until")
        }
        # ``in_rollup`` is current once what is pending is folded.
        fold_pending([campaign.pk])
        self._texts: dict[tuple, str] = {}

    @property
    def title(self) -> str:
        return f"Số liệu {self.campaign.slug}"

    def header(self) -> list[str]:
        return [
            "Mã đơn vị",
            "Đơn vị",
            "Báo cáo về",
            "Trạng thái",
            "Thời điểm gửi",
            "Gửi muộn (ngày)",
            "Tính vào tổng hợp",
            *(heading(i) for i in self.indicators),
        ]

    def rows(self) -> Iterator[list[object]]:
        """Rows in batches, so neither the reports nor their values are all in memory."""
        columns = {indicator.pk: n for n, indicator in enumerate(self.indicators)}
        kinds = [indicator.value_type for indicator in self.indicators]
        rows = self.reports.values_list(
            "pk",
            "unit__code",
            "unit__name",
            "step__receiver__short_name",
            "status",
            "submitted_at",
            "late_by",
            "step__deadline",
            "step__lock_at",
            "step_id",
            "unit_id",
            "in_rollup",
        )
        batch: list[tuple] = []
        for row in rows.iterator(chunk_size=BATCH):
            batch.append(row)
            if len(batch) == BATCH:
                yield from self._rows(batch, columns, kinds)
                batch = []
        if batch:
            yield from self._rows(batch, columns, kinds)

    def _rows(self, batch, columns, kinds) -> Iterator[list[object]]:
        values: dict[int, list[object]] = {row[0]: [None] * len(columns) for row in batch}
        counted = [row[0] for row in batch if row[-1]]
        _fill(values, counted, columns, kinds)
        now, year = timezone.now(), self.campaign.year
        texts = self._texts  # a state's words, made once per kind of state
        for row in batch:
            pk, code, name, receiver, status, submitted_at, late_by, *dates, in_rollup = row
            deadline, lock_at, step_id, unit_id = dates
            extended_until = self.extensions.get((step_id, unit_id))
            sent = status in SENT_STATUSES
            sending = sending_state(
                deadline=deadline,
                closes_at=closes_at(
                    deadline=deadline, lock_at=lock_at, year=year, extended_until=extended_until
                ),
                sent=sent,
                late_by=late_by if sent else None,
                now=now,
            )
            yield [
                code,
                name,
                receiver,
                texts.get((status, sending))
                or texts.setdefault((status, sending), status_text(status, sending)),
                timezone.localtime(submitted_at).strftime("%d/%m/%Y %H:%M") if submitted_at else "",
                sending.days if sending.kind == Sending.LATE else None,
                "có" if in_rollup else "không",
                *values[pk],
            ]


class StepExporter:
    """Every unit a reporting step expects, in tree order, × indicators: the
    step page's table as a file. Figures only for the reports that count
    (``rollup.counted_in_step``); the last row adds them up."""

    def __init__(self, step: ReportingStep):
        self.step = step
        self.indicators: list[Indicator] = list(step.campaign.report_form.indicators.all())

    @property
    def title(self) -> str:
        return f"Số liệu {self.step.campaign.slug} bước {self.step.order}"

    def header(self) -> list[str]:
        return [
            "TT",
            "Mã đơn vị",
            "Đơn vị",
            "Trạng thái",
            "Thời điểm gửi",
            "Gửi muộn (ngày)",
            "Tính vào tổng hợp",
            *(heading(i) for i in self.indicators),
        ]

    def rows(self) -> Iterator[list[object]]:
        lines = step_lines(self.step, [])
        columns = {indicator.pk: n for n, indicator in enumerate(self.indicators)}
        kinds = [indicator.value_type for indicator in self.indicators]
        counted = [line.report.pk for line in lines if line.counted]
        values: dict[int, list[object]] = {pk: [None] * len(columns) for pk in counted}
        _fill(values, counted, columns, kinds)
        sums: list[Decimal | None] = [None] * len(columns)
        for line in lines:
            cells = values.get(line.report.pk, [None] * len(columns)) if line.counted else None
            yield [
                *line.sheet_cells,
                "có" if line.counted else "không",
                *(cells or [None] * len(columns)),
            ]
            for n, cell in enumerate(cells or []):
                if kinds[n] in SUMMING and self.indicators[n].sums_up and cell is not None:
                    sums[n] = (sums[n] or 0) + cell
        yield [None, "", "Cộng (các báo cáo được tính)", "", "", None, "", *sums]


SUMMING = (ValueType.INTEGER, ValueType.MONEY, ValueType.DECIMAL)


def _fill(values: dict[int, list[object]], report_ids, columns, kinds) -> None:
    """Write the figures of ``report_ids`` into their rows of ``values``: a
    national export is two million of them, read as the driver returns them
    and converted by each column's own function."""
    convert = {
        indicator_id: (column, _CONVERTERS.get(kinds[column], _whole))
        for indicator_id, column in columns.items()
    }
    rows = FigureValue.objects.filter(report_id__in=report_ids).values_list(
        "report_id", "indicator_id", "value", "text"
    )
    for report_id, indicator_id, value, text in raw_rows(rows):
        target = convert.get(indicator_id)
        if target is not None:
            column, cell = target
            values[report_id][column] = cell(value, text)


def _whole(value, text):
    return None if value is None else int(value)


_CONVERTERS = {
    ValueType.TEXT: lambda value, text: text,
    ValueType.BOOLEAN: lambda value, text: None if value is None else ("có" if value else "không"),
    ValueType.DECIMAL: lambda value, text: None if value is None else float(value),
}


def heading(indicator: Indicator) -> str:
    """A column's heading: "Băng rôn đã treo (cái)", or the label alone."""
    if indicator.unit_of_measure:
        return f"{indicator.label} ({indicator.unit_of_measure})"
    return indicator.label


def write_xlsx(
    header: Sequence[str], rows: Iterable[Sequence[object]], target, *, title: str
) -> None:
    """Stream rows into a write-only workbook at ``target`` (path or binary file)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    bold = Font(bold=True)
    heading = []
    for text in header:
        cell = WriteOnlyCell(sheet, value=_safe(text))
        cell.font = bold
        heading.append(cell)
    sheet.append(heading)
    sheet.freeze_panes = "C2"
    for row in rows:
        # Only text can hold a formula or a control character; two million
        # cells make the check's cost matter.
        sheet.append([_safe(value) if value.__class__ is str else value for value in row])
    workbook.save(target)


def _safe(value: object) -> object:
    """Any stored text as a cell: control characters a spreadsheet cannot
    hold (Word's line break Shift+Enter pastes a vertical tab) become line
    breaks or go, and text a spreadsheet would run as a formula is kept as
    text — in headers (indicator labels are typed by coordinators) as in cells."""
    if not isinstance(value, str):
        return value
    if not value.isprintable():  # C-fast; most cells have no control character
        value = _CONTROL.sub(_control_replacement, value)
    if value.startswith(_FORMULA_START):
        return "'" + value
    return value


# C0 controls other than tab, line feed and carriage return, and DEL: openpyxl
# refuses them (the file would be unreadable) and no reader wants them.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _control_replacement(match: re.Match) -> str:
    return "\n" if match.group() in "\x0b\x0c" else ""


def csv_lines(header: Sequence[str], rows: Iterable[Sequence[object]]) -> Iterator[str]:
    """CSV text in chunks (for a streaming response), BOM first for Excel."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow([_safe(value) for value in header])
    for row in rows:
        writer.writerow(["" if value is None else _safe(value) for value in row])
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def export_to_path(exporter: FiguresExporter | StepExporter, path: Path) -> None:
    if path.suffix.lower() == ".csv":
        with path.open("w", encoding="utf-8", newline="") as out:
            for chunk in csv_lines(exporter.header(), exporter.rows()):
                out.write(chunk)
        return
    write_xlsx(exporter.header(), exporter.rows(), path, title=exporter.title)
