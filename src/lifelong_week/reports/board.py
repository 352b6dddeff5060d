"""What the receiving unit's dashboard shows for one reporting step.

Every expected unit with its state, the completeness and timeliness figures,
the figures by unit and the two charts (figures by unit, submissions over
time). Built in a fixed number of queries whatever the number of units, and
as plain data so the page renders it without JavaScript and prints it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from html import escape

from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lifelong_week.campaigns.models import Extension, Indicator, ReportingStep
from lifelong_week.campaigns.timeline import SendingState, entry_closes_at, sending_state
from lifelong_week.core.dates import deadline_text, moment_text, timestamp_or_none
from lifelong_week.core.numbers import format_number
from lifelong_week.core.rows import decimal_or_none, raw_rows
from lifelong_week.core.text import vi_sort_key
from lifelong_week.orgs.models import OrgUnit
from lifelong_week.reports.enums import SENT_STATUSES, ReportStatus
from lifelong_week.reports.models import FigureValue, Report
from lifelong_week.reports.rollup import SUMMABLE, counted_in_step

NOT_STARTED = "not_started"
OVERDUE = "overdue"

# What the filter offers: key → label (``Row.matches`` tests a row). The first
# four split the units into states that add up to the whole; the others pick
# units across them.
FILTERS = {
    "": _("Tất cả"),
    "chua-gui": _("Chưa gửi"),
    "da-gui": _("Đã gửi, chờ tiếp nhận"),
    "da-tiep-nhan": _("Đã tiếp nhận"),
    "tre-han": _("Trễ hạn (chưa gửi hoặc gửi sau hạn)"),
    "bi-tra-lai": _("Bị trả lại"),
    "cho-duyet": _("Chờ thủ trưởng duyệt"),
}
_WHOLE = ("", "chua-gui", "da-gui", "da-tiep-nhan")
SORTS = {
    "don-vi": _("Đơn vị"),
    "trang-thai": _("Trạng thái"),
    "gui-luc": _("Thời điểm gửi"),
    "tre-han": _("Số ngày trễ"),
}
_STATE_ORDER = {
    OVERDUE: 0,
    NOT_STARTED: 1,
    ReportStatus.DRAFT: 2,
    ReportStatus.RETURNED: 3,
    ReportStatus.AWAITING_HEAD: 4,
    ReportStatus.SUBMITTED: 5,
    ReportStatus.ACCEPTED: 6,
}


@dataclass(frozen=True)
class Shown:
    link: str  # to the report, once the receiving unit may open it
    css: str
    label: str
    submitted: str
    days: str  # "3 ngày" late, or empty
    extension: str
    sending: str  # "Đúng hạn", "Gửi muộn 3 ngày", "Quá hạn 3 ngày", "Không gửi"…
    sending_css: str


# The badge colour of each status (as the ``status_css`` template filter).
STATUS_CSS = {
    ReportStatus.DRAFT: "",
    ReportStatus.AWAITING_HEAD: "warn",
    ReportStatus.SUBMITTED: "info",
    ReportStatus.RETURNED: "late",
    ReportStatus.ACCEPTED: "ok",
}


@dataclass
class Row:
    unit: OrgUnit
    report: Report | None
    extension: Extension | None
    overdue: bool  # past the deadline and not sent
    sending: SendingState | None = None  # against the step's dates (set by ``build_board``)
    figures: dict[int, Decimal | None] = field(default_factory=dict)  # counted reports only
    cells: list[str] = field(default_factory=list)  # the figures table's row, formatted

    @property
    def cells_html(self) -> str:
        return number_cells(self.cells)

    @cached_property
    def shown(self) -> Shown:
        """The row's table cells as text, formatted once in Python: a
        province's board is hundreds of rows, re-rendered after every change."""
        report = self.report
        linked = report is not None and (self.sent or report.status == ReportStatus.RETURNED)
        days = self.days_late
        return Shown(
            link=report.urls.edit if linked else "",
            css=STATUS_CSS.get(self.status, ""),
            label=str(self.status_label),
            submitted=moment_text(report.submitted_at) if report and report.submitted_at else "—",
            days=ngettext("%(days)s ngày", "%(days)s ngày", days) % {"days": format_number(days)}
            if days
            else "",
            extension=deadline_text(self.extension.until) if self.extension else "—",
            sending=self.sending.label if self.sending else "",
            sending_css=self.sending.css if self.sending else "",
        )

    @property
    def sent(self) -> bool:
        return self.report is not None and self.report.status in SENT_STATUSES

    @property
    def state(self) -> str:
        if self.overdue and not self.sent:
            return OVERDUE
        return self.report.status if self.report else NOT_STARTED

    @property
    def status(self) -> str:
        return self.report.status if self.report else NOT_STARTED

    @property
    def status_label(self) -> str:
        # The enum's label: ``get_status_display`` rebuilds the choices each call.
        return ReportStatus(self.report.status).label if self.report else _("Chưa bắt đầu")

    @property
    def late(self) -> bool:
        return self.overdue or (self.report is not None and self.report.is_late)

    @property
    def days_late(self) -> int:
        return self.report.days_late if self.report is not None and self.report.is_late else 0

    def matches(self, key: str) -> bool:
        status = self.status
        return {
            "": True,
            "chua-gui": not self.sent,
            "tre-han": self.late,
            "da-gui": status == ReportStatus.SUBMITTED,
            "cho-duyet": status == ReportStatus.AWAITING_HEAD,
            "bi-tra-lai": status == ReportStatus.RETURNED,
            "da-tiep-nhan": status == ReportStatus.ACCEPTED,
        }[key]


@dataclass
class Bar:
    label: str
    value: Decimal | int | None
    percent: float  # of the largest bar, 0–100


@dataclass
class Day:
    day: dt.date
    count: int
    cumulative: int
    percent: float  # cumulative, of the expected units
    after_deadline: bool


@dataclass
class Board:
    step: ReportingStep
    rows: list[Row]  # filtered and sorted
    all_rows: list[Row]
    expected: int
    sent: int
    on_time: int
    counts: Counter  # report status (or "not_started") → number of units
    overdue: int  # past the deadline and not sent
    filter_options: list[tuple[str, str, int]]  # key, label, how many units match
    indicators: list[Indicator]  # the summing ones: columns of the figures table
    chart_indicator: Indicator | None
    chart: list[Bar]
    days: list[Day]
    filter: str
    sort: str

    @property
    def completeness(self) -> float:
        return 100 * self.sent / self.expected if self.expected else 0.0

    @property
    def timeliness(self) -> float:
        return 100 * self.on_time / self.expected if self.expected else 0.0

    @property
    def not_sent(self) -> list[Row]:
        return [row for row in self.all_rows if not row.sent]

    @property
    def filter_groups(self) -> list[tuple[str, list[tuple[str, str, int]]]]:
        """The filter chips in two groups, each with its lead-in: the states
        that add up to the whole, then the filters across them."""
        whole = [option for option in self.filter_options if option[0] in _WHOLE]
        others = [option for option in self.filter_options if option[0] not in _WHOLE]
        return [("", whole), (_("Trong đó:"), others)] if others else [("", whole)]


def filters_for(step: ReportingStep) -> dict[str, str]:
    """The filters that can match a unit under the campaign's settings: no
    "awaiting the head's approval" where no report goes to the head."""
    if step.campaign.requires_head_approval:
        return FILTERS
    return {key: label for key, label in FILTERS.items() if key != "cho-duyet"}


def _sort_key(sort: str):
    """Each sort, with the unit's name in Vietnamese alphabetical order (as
    shown: ``display_name``) deciding between equals."""
    far = dt.datetime.max.replace(tzinfo=dt.UTC)

    def name(row: Row) -> tuple:
        return vi_sort_key(row.unit.display_name)

    return {
        "don-vi": name,
        "trang-thai": lambda row: (_STATE_ORDER[row.state], name(row)),
        "gui-luc": lambda row: (
            row.report.submitted_at if row.sent and row.report.submitted_at else far,
            name(row),
        ),
        "tre-han": lambda row: (-row.days_late, not row.overdue, name(row)),
    }[sort]


@dataclass(frozen=True)
class Choice:
    """What the receiving unit picked above its board."""

    filter: str
    sort: str
    indicators: list[Indicator]  # the summing ones: columns of the figures table
    chart_indicator: Indicator | None


def board_choice(
    step: ReportingStep, *, filter: str = "", sort: str = "", indicator_code: str = ""
) -> Choice:
    """The filter, sort and chart indicator asked for, or the defaults."""
    indicators = (
        [
            i
            for i in step.campaign.report_form.indicators.all()
            if i.value_type in SUMMABLE and i.sums_up
        ]
        if step.campaign.report_form_id
        else []
    )
    return Choice(
        filter=filter if filter in filters_for(step) else "",
        sort=sort if sort in SORTS else "don-vi",
        indicators=indicators,
        chart_indicator=next((i for i in indicators if i.code == indicator_code), None)
        or (indicators[0] if indicators else None),
    )


def board_state(step: ReportingStep, now: dt.datetime | None = None) -> tuple[tuple, tuple]:
    """Two tokens, one for the board and one for the step's live totals, that
    change whenever what they show may have changed, so a cached copy can be
    served without building either. Three small aggregate queries.

    The board changes when a report of the step is saved (every status change
    saves it; figures change only in a draft, which the board does not show),
    an extension is granted, the senders or the deadline change, the deadline
    passes, a day begins (the chart of days runs to today) or the counting
    policy changes (which reports' figures it shows). The totals change when
    any report of the campaign is saved (lower levels' reports stand in for a
    unit that has not sent) or the counting policy changes.
    """
    now = now or timezone.now()
    in_step = Q(step=step)
    reports = Report.objects.filter(campaign_id=step.campaign_id).aggregate(
        n=Count("pk"),
        last=Max("updated_at"),
        step_n=Count("pk", filter=in_step),
        step_last=Max("updated_at", filter=in_step),
    )
    extensions = step.extensions.aggregate(n=Count("pk"), last=Max("updated_at"))
    board = (
        step.pk,
        step.deadline.timestamp(),
        reports["step_n"],
        timestamp_or_none(reports["step_last"]),
        extensions["n"],
        timestamp_or_none(extensions["last"]),
        step.senders.count(),
        now >= step.deadline,
        step.lock_at is not None and now >= step.lock_at,  # "quá hạn" becomes "Không gửi"
        timezone.localtime(now).date().isoformat(),
        step.campaign.count_policy,
        # The chart of days runs from the campaign's start to the lock; the
        # head-approval filter shows only where the campaign asks for it.
        timestamp_or_none(step.lock_at),
        step.campaign.week_start.isoformat(),
        step.campaign.requires_head_approval,
    )
    totals = (step.pk, step.campaign.count_policy, reports["n"], timestamp_or_none(reports["last"]))
    return board, totals


def build_board(
    step: ReportingStep,
    *,
    now: dt.datetime | None = None,
    filter: str = "",
    sort: str = "don-vi",
    indicator_code: str = "",
    choice: Choice | None = None,
) -> Board:
    now = now or timezone.now()
    choice = choice or board_choice(step, filter=filter, sort=sort, indicator_code=indicator_code)
    filter, sort, indicators = choice.filter, choice.sort, choice.indicators
    indicator_ids = [i.pk for i in indicators]
    reports = {
        r.unit_id: r for r in Report.objects.filter(step=step).select_related("submitted_by")
    }
    # Figures of the reports that count, as in the totals; every other row
    # shows its state and no figures (a draft's or a returned report's
    # numbers are not the unit's answer yet).
    figures = sent_figures(list(counted_in_step(step)), indicator_ids)
    extensions = {e.unit_id: e for e in step.extensions.all()}
    past_deadline = now >= step.deadline
    all_rows = []
    for unit in step.senders.order_by("path"):
        report = reports.get(unit.pk)
        row = Row(unit, report, extensions.get(unit.pk), overdue=False)
        row.overdue = past_deadline and not row.sent
        extension = row.extension
        row.sending = sending_state(
            deadline=step.deadline,
            closes_at=entry_closes_at(step, extended_until=extension.until if extension else None),
            sent=row.sent,
            late_by=report.late_by if row.sent else None,
            now=now,
        )
        if report is not None:
            row.figures = figures.get(report.pk, {})
        # Formatted once here: a province's table is thousands of cells.
        row.cells = [format_cell(row.figures.get(pk)) for pk in indicator_ids]
        all_rows.append(row)
    sent = sum(row.sent for row in all_rows)
    on_time = sum(row.sent and not row.report.is_late for row in all_rows)
    chart_indicator = choice.chart_indicator
    rows = sorted((row for row in all_rows if row.matches(filter)), key=_sort_key(sort))
    return Board(
        step=step,
        rows=rows,
        all_rows=all_rows,
        expected=len(all_rows),
        sent=sent,
        on_time=on_time,
        counts=Counter(row.status for row in all_rows),
        overdue=sum(row.overdue for row in all_rows),
        filter_options=[
            (key, label, sum(row.matches(key) for row in all_rows))
            for key, label in filters_for(step).items()
        ],
        indicators=indicators,
        chart_indicator=chart_indicator,
        chart=_bars(all_rows, chart_indicator),
        days=_days(all_rows, step, now),
        filter=filter,
        sort=sort,
    )


def sent_figures(report_ids: list[int], indicator_ids: list[int]):
    """report → indicator → value, read as plain rows (thousands per page)."""
    figures: dict[int, dict[int, Decimal | None]] = defaultdict(dict)
    rows = FigureValue.objects.filter(
        report_id__in=report_ids, indicator_id__in=indicator_ids
    ).values_list("report_id", "indicator_id", "value")
    for report_id, indicator_id, value in raw_rows(rows):
        figures[report_id][indicator_id] = decimal_or_none(value)
    return figures


def number_cells(cells: list[str]) -> str:
    """Formatted figures as ``<td class="num">`` cells. A province's table is
    thousands of cells, too many for a template loop on every refresh; the
    stdlib's escape, as Django's lazy-aware one costs more than the cell."""
    return mark_safe("".join(f'<td class="num">{escape(cell)}</td>' for cell in cells))  # noqa: S308 - every cell escaped


def format_cell(value: Decimal | None) -> str:
    return "" if value is None else format_number(value, decimals=2)


def _bars(rows: list[Row], indicator: Indicator | None) -> list[Bar]:
    if indicator is None:
        return []
    values = []
    for row in sorted(rows, key=_sort_key("don-vi")):
        values.append((row.unit.display_name, row.figures.get(indicator.pk)))
    largest = max((v for _n, v in values if v), default=0)
    return [
        Bar(name, value, float(100 * value / largest) if value and largest else 0.0)
        for name, value in values
    ]


def _days(rows: list[Row], step: ReportingStep, now: dt.datetime) -> list[Day]:
    """Units sent per day over the step's own days: from the campaign's start
    (or an earlier first sending) to the last day before the lock — or to
    today while entry is still open. A step without a lock ends on its
    deadline's day; a sending after the end (an extension) extends it."""
    sent_days = sorted(
        timezone.localtime(row.report.submitted_at).date()
        for row in rows
        if row.sent and row.report.submitted_at
    )
    deadline_day = timezone.localtime(step.deadline).date()
    today = timezone.localtime(now).date()
    start = min([step.campaign.week_start, *sent_days[:1]])
    if step.lock_at is not None:
        close = timezone.localtime(step.lock_at - dt.timedelta(microseconds=1)).date()
    else:
        close = deadline_day
    end = max([start, min(today, close), *sent_days[-1:]])
    per_day = Counter(sent_days)
    expected = len(rows) or 1
    days, cumulative = [], sum(n for d, n in per_day.items() if d < start)
    day = start
    while day <= end:
        cumulative += per_day.get(day, 0)
        days.append(
            Day(
                day=day,
                count=per_day.get(day, 0),
                cumulative=cumulative,
                percent=100 * cumulative / expected,
                after_deadline=day >= deadline_day,
            )
        )
        day += dt.timedelta(days=1)
    return days
