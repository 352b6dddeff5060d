"""The receiving unit's own report to the next level, drafted from its units'.

The Department of Education receives the districts' reports (step 1) and
sends its consolidated report to the Ministry (step 2). Its draft is filled
from the data: every figure from the live roll-up, every narrative section
with what the units wrote, grouped by unit and ready to edit down. Only empty
fields are filled, so drafting again never overwrites an edit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lifelong_week.accounts.models import User
from lifelong_week.campaigns.enums import Sending, ValueType
from lifelong_week.campaigns.models import ReportingStep
from lifelong_week.campaigns.timeline import SendingState, entry_closes_at, sending_state
from lifelong_week.core.numbers import format_number
from lifelong_week.documents.nd30.tables import Column, TableRow
from lifelong_week.orgs.models import OrgUnit
from lifelong_week.reports import domain
from lifelong_week.reports.enums import SENT_STATUSES, ReportStatus
from lifelong_week.reports.models import FigureValue, Report, SectionText
from lifelong_week.reports.rollup import counted_in_step, counted_reports, rollup


def source_step(report: Report) -> ReportingStep | None:
    """The step whose reports this unit receives, in the same campaign."""
    return report.campaign.steps.filter(receiver=report.unit).exclude(pk=report.step_id).first()


def source_reports(report: Report) -> list[Report]:
    step = source_step(report)
    if step is None:
        return []
    ids = counted_reports(report.campaign, report.unit, step=step)
    return list(Report.objects.filter(pk__in=ids).select_related("unit").order_by("unit__path"))


@transaction.atomic
def draft_consolidated(report: Report, *, by: User, now: dt.datetime | None = None) -> int:
    """Fill the empty sections and figures of ``report`` from the units' reports.

    Side effects: saves each filled field through the ordinary entry functions
    (so history records them). Returns how many fields were filled.
    """
    step = source_step(report)
    if step is None:
        raise domain.ReportError(_("Không có báo cáo của đơn vị cấp dưới để tổng hợp."))
    sources = source_reports(report)
    filled = 0
    texts = {row.section_id: row for row in report.texts.all()}
    by_section: dict[int, list[tuple[str, str]]] = {}
    for row in (
        SectionText.objects.filter(report__in=sources)
        .exclude(text="")
        .select_related("report__unit")
        .order_by("report__unit__path")
    ):
        by_section.setdefault(row.section_id, []).append((row.report.unit.display_name, row.text))
    for section in report.campaign.report_form.sections.all():
        current = texts.get(section.pk)
        if (current and current.text) or section.pk not in by_section:
            continue
        text = "\n".join(f"**{unit}:**\n{body}" for unit, body in by_section[section.pk])
        domain.save_section(
            report,
            section=section,
            text=text,
            base_version=current.version if current else 0,
            by=by,
            now=now,
        )
        filled += 1
    totals = rollup(report.campaign, report.unit, step=step)
    values = {}  # fill_empty_figures leaves a figure already given alone
    for total in totals.totals:
        if total.sums and total.total is not None:
            decimals = 2 if total.indicator.value_type == ValueType.DECIMAL else 0
            values[total.indicator] = format_number(total.total, decimals=decimals)
        elif total.indicator.value_type == ValueType.BOOLEAN and total.units:
            values[total.indicator] = _("có") if total.yes else _("không")
    filled += domain.fill_empty_figures(report, values, by=by, now=now)
    return filled


@dataclass
class Drift:
    """A summing figure of a consolidated report that no longer equals the
    sum of its units' counted reports (Phụ lục I against Phụ lục II)."""

    indicator: object
    own: Decimal | None
    live: Decimal | None


def drifted_figures(report: Report) -> list[Drift]:
    """The report's summing figures that differ from its units' live totals —
    a unit's report accepted, returned or sent since the draft. Empty for a
    report that consolidates nothing."""
    step = source_step(report)
    if step is None:
        return []
    own = dict(report.figures.values_list("indicator_id", "value"))
    return [
        Drift(total.indicator, own.get(total.indicator.pk), total.total)
        for total in rollup(report.campaign, report.unit, step=step).totals
        if total.sums and own.get(total.indicator.pk) != total.total
    ]


@transaction.atomic
def refresh_consolidated_figures(
    report: Report, *, by: User, now: dt.datetime | None = None
) -> int:
    """Set every drifted summing figure of ``report`` to its units' live total.

    Side effects: saves each through ``save_figure`` against the version it
    has (history records old → new; a figure someone saves meanwhile is a
    conflict, nothing half done). Returns how many figures changed.
    """
    rows = {row.indicator_id: row for row in report.figures.all()}
    changed = 0
    for drift in drifted_figures(report):
        row = rows.get(drift.indicator.pk)
        decimals = 2 if drift.indicator.value_type == ValueType.DECIMAL else 0
        outcome = domain.save_figure(
            report,
            indicator=drift.indicator,
            raw=format_number(drift.live, decimals=decimals) if drift.live is not None else "",
            base_version=row.version if row else 0,
            by=by,
            now=now,
        )
        changed += outcome.changed and not outcome.conflict
    return changed


def _summing(report: Report, *types: str):
    return [
        i
        for i in report.campaign.report_form.indicators.all()
        if i.sums_up and i.value_type in types
    ]


@dataclass
class UnitLine:
    """One expected unit of a step, as every table of the step lists it."""

    number: int
    unit: OrgUnit
    report: Report | None
    counted: bool  # its figures count (``rollup.counted_in_step``)
    values: dict[int, Decimal | None]  # indicator id → value; all None unless counted
    sending: SendingState  # on time, late, overdue or not sent, at the time of printing

    @property
    def status(self) -> str:
        return status_text(self.report.status if self.report else None, self.sending)

    @property
    def sheet_cells(self) -> list:
        """The row's first cells in a spreadsheet: TT, code, name, state, when
        sent, days late — the same in the appendix and the step's export."""
        sent = self.report.submitted_at if self.report else None
        return [
            self.number,
            self.unit.code,
            self.unit.name,
            self.status,
            timezone.localtime(sent).strftime("%d/%m/%Y %H:%M") if sent else "",
            self.sending.days if self.sending.kind == Sending.LATE else None,
        ]


def status_text(status: str | None, sending: SendingState) -> str:
    """A unit's state as tables and files print it: "Đã tiếp nhận (đúng hạn)",
    "Đã gửi (gửi muộn 3 ngày)", "Đang soạn (quá hạn 3 ngày)", "Không gửi".
    ``status``: its report's, None when it has none."""
    if sending.closed:
        if status == ReportStatus.RETURNED:  # sent once, returned, never sent again
            return _("Bị trả lại, không gửi lại")
        return sending.label
    label = ReportStatus(status).label if status else _("Chưa bắt đầu")
    if sending.kind == Sending.PENDING:
        return str(label)
    return f"{label} ({sending.label.lower()})"


def step_lines(
    step: ReportingStep, indicators, *, now: dt.datetime | None = None
) -> list[UnitLine]:
    """Every unit the step expects, in tree order, with its report and — only
    when the report counts — its figures: the rows of the step's appendices
    and exports, in four queries. ``now``: when the table is printed."""
    now = now or timezone.now()
    reports = {r.unit_id: r for r in Report.objects.filter(step=step)}
    extended = dict(step.extensions.values_list("unit_id", "until"))
    counted = counted_in_step(step)
    values = {
        (row.report_id, row.indicator_id): row.value
        for row in FigureValue.objects.filter(report_id__in=counted, indicator__in=indicators)
    }
    lines = []
    for number, unit in enumerate(step.senders.order_by("path"), start=1):
        sent = reports.get(unit.pk)
        counts = sent is not None and sent.pk in counted
        with_receiver = sent is not None and sent.status in SENT_STATUSES
        lines.append(
            UnitLine(
                number=number,
                unit=unit,
                report=sent,
                counted=counts,
                values={i.pk: values.get((sent.pk, i.pk)) if counts else None for i in indicators},
                sending=sending_state(
                    deadline=step.deadline,
                    closes_at=entry_closes_at(step, extended_until=extended.get(unit.pk)),
                    sent=with_receiver,
                    late_by=sent.late_by if with_receiver else None,
                    now=now,
                ),
            )
        )
    return lines


def line_totals(lines: list[UnitLine], indicators) -> dict[int, Decimal | None]:
    """Each indicator's sum over the lines that count (None when none gave it)."""
    totals: dict[int, Decimal | None] = {}
    for indicator in indicators:
        given = [
            line.values[indicator.pk] for line in lines if line.values[indicator.pk] is not None
        ]
        totals[indicator.pk] = sum(given, Decimal(0)) if given else None
    return totals


def units_table(report: Report, *, key_figures: int = 4, now: dt.datetime | None = None):
    """The appendix of a consolidated report: every expected unit with its
    status (and whether it sent on time), submission date and key figures."""
    step = source_step(report)
    if step is None:
        return None
    indicators = _summing(report, ValueType.INTEGER, ValueType.MONEY)[:key_figures]
    columns = [
        Column("TT", 0.6, "center"),
        Column("Đơn vị", 3.2),
        Column("Tình trạng", 1.6, "center"),
        Column("Ngày gửi", 1.3, "center"),
        *(Column(f"{i.label} ({i.unit_of_measure})", 1.4, "right") for i in indicators),
    ]
    rows = []
    lines = step_lines(step, indicators, now=now)
    for line in lines:
        sent = line.report
        when = ""
        if sent and sent.submitted_at:
            when = timezone.localtime(sent.submitted_at).strftime("%d/%m/%Y")
        cells = [str(line.number), line.unit.display_name, line.status, when]
        for indicator in indicators:
            value = line.values[indicator.pk]
            cells.append(format_number(value) if value is not None else "")
        rows.append(TableRow(tuple(cells)))
    totals = line_totals(lines, indicators)
    rows.append(
        TableRow(
            (
                "",
                _("Cộng (các báo cáo được tính)"),
                "",
                "",
                *(
                    format_number(totals[i.pk]) if totals[i.pk] is not None else ""
                    for i in indicators
                ),
            ),
            bold=True,
        )
    )
    return columns, rows


def appendix_sheet(report: Report, *, now: dt.datetime | None = None):
    """The appendix as spreadsheet rows: every expected unit with its status,
    sending time, days late and every summing figure as a number.
    Returns (title, header, rows) or None when the unit receives no reports."""
    step = source_step(report)
    if step is None:
        return None
    indicators = _summing(report, ValueType.INTEGER, ValueType.MONEY, ValueType.DECIMAL)
    header = [
        _("TT"),
        _("Mã đơn vị"),
        _("Đơn vị"),
        _("Tình trạng"),
        _("Gửi lúc"),
        _("Gửi muộn (ngày)"),
        *(f"{i.label} ({i.unit_of_measure})" for i in indicators),
    ]

    def number(value):
        return (
            None
            if value is None
            else (int(value) if value == value.to_integral() else float(value))
        )

    def rows():
        lines = step_lines(step, indicators, now=now)
        for line in lines:
            yield [*line.sheet_cells, *(number(line.values[i.pk]) for i in indicators)]
        totals = line_totals(lines, indicators)
        yield [
            None,
            "",
            _("Cộng (các báo cáo được tính)"),
            "",
            "",
            None,
            *(number(totals[i.pk]) for i in indicators),
        ]

    return _("Phụ lục"), header, rows()
