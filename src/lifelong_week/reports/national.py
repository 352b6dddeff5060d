"""Above the province: the Ministry's view of a guidance campaign.

Each province runs its own campaign under the Ministry's (``Campaign.parent``)
and ends it with the Department's consolidated report to the Ministry. This
page shows, per province, that report's status and figures and how complete
the province's own collection is; and the national totals, summed over the
consolidated reports that count under the Ministry campaign's policy. A fixed
number of queries, whatever the number of provinces.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.db.models import Count, F, Max, Q
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from lifelong_week.accounts.access import can_follow_campaign, get_or_404
from lifelong_week.campaigns.models import Campaign, Indicator, ReportingStep
from lifelong_week.campaigns.queries import campaigns_visible_to
from lifelong_week.campaigns.timeline import SendingState, entry_closes_at, sending_state
from lifelong_week.core.dates import timestamp_or_none
from lifelong_week.core.text import vi_sort_key
from lifelong_week.orgs.enums import AdminLevel
from lifelong_week.orgs.models import OrgUnit
from lifelong_week.reports.board import format_cell, number_cells, sent_figures
from lifelong_week.reports.enums import SENT_STATUSES
from lifelong_week.reports.models import Report
from lifelong_week.reports.rollup import SUMMABLE, campaign_window, counted_statuses


@dataclass
class ProvinceRow:
    province: OrgUnit
    campaign: Campaign | None = None
    report: Report | None = None  # the Department's consolidated report
    expected: int = 0  # units the province expects reports from
    sent: int = 0
    figures: dict[int, Decimal | None] = field(default_factory=dict)
    sending: SendingState | None = None  # the Department's report against its step's dates

    @property
    def completeness(self) -> float | None:
        return 100 * self.sent / self.expected if self.expected else None

    @property
    def report_sent(self) -> bool:
        return self.report is not None and self.report.status in SENT_STATUSES


@dataclass
class NationalBoard:
    campaign: Campaign
    rows: list[ProvinceRow]
    indicators: list[Indicator]
    totals: dict[int, Decimal]
    counted: int  # consolidated reports in the national totals
    counts: Counter

    @property
    def table(self) -> list[tuple[Indicator, str, Decimal | None]]:
        """Per indicator: its cells across the provinces (HTML) and the national total."""
        return [
            (
                indicator,
                number_cells([format_cell(row.figures.get(indicator.pk)) for row in self.rows]),
                self.totals.get(indicator.pk),
            )
            for indicator in self.indicators
        ]

    @property
    def reported(self) -> int:
        return sum(row.report_sent for row in self.rows)


def build_national_board(campaign: Campaign, *, now: dt.datetime | None = None) -> NationalBoard:
    now = now or timezone.now()
    top = campaign.coordinator
    start, end = campaign_window(campaign)
    provinces = sorted(
        OrgUnit.objects.filter(parent=top, admin_level=AdminLevel.PROVINCE).overlapping(start, end),
        key=lambda province: vi_sort_key(province.display_name),
    )
    rows = {p.pk: ProvinceRow(p) for p in provinces}
    children = list(campaign.children.select_related("issuer", "coordinator"))
    for child in children:
        row = rows.get(child.issuer_id)
        if row is not None:
            row.campaign = child
    # The steps that matter here: to the Ministry, and to each province's
    # coordinating Department (not the thousands of commune-level steps).
    departments = {c.coordinator_id for c in children}
    steps = list(
        ReportingStep.objects.filter(
            campaign__in=children, receiver_id__in=departments | {top.pk}
        ).annotate(expected=Count("senders"))
    )
    upward = [s for s in steps if s.receiver_id == top.pk]
    campaign_of = {c.pk: c for c in children}
    for step in upward:
        step.campaign = campaign_of[step.campaign_id]  # its year, for a step without a lock
    coordinator_of = {c.pk: c.coordinator_id for c in children}
    inward = [s for s in steps if s.receiver_id == coordinator_of[s.campaign_id]]
    indicators = [
        i
        for i in (campaign.report_form.indicators.all() if campaign.report_form_id else [])
        if i.value_type in SUMMABLE and i.sums_up
    ]
    by_campaign = {c.pk: rows.get(c.issuer_id) for c in children}
    reports = list(Report.objects.filter(step__in=upward))
    # A province's figures only when its report counts here, under the
    # guidance campaign's policy — the rule the national totals follow, so
    # the provinces' rows always add up to them.
    counting = counted_statuses(campaign)
    figures = sent_figures(
        [r.pk for r in reports if r.status in counting], [i.pk for i in indicators]
    )
    for report in reports:
        row = by_campaign.get(report.campaign_id)
        if row is not None:
            row.report = report
            row.figures = figures.get(report.pk, {})
    sent_by_step = dict(
        Report.objects.filter(step__in=inward, status__in=SENT_STATUSES)
        .values("step")
        .annotate(n=Count("pk"))
        .values_list("step", "n")
    )
    for step in inward:
        row = by_campaign.get(step.campaign_id)
        if row is not None:
            row.expected += step.expected
            row.sent += sent_by_step.get(step.pk, 0)
    for step in upward:
        row = by_campaign.get(step.campaign_id)
        if row is None or row.sending is not None:
            continue
        sent = row.report is not None and row.report.status in SENT_STATUSES
        row.sending = sending_state(
            deadline=step.deadline,
            closes_at=entry_closes_at(step),
            sent=sent,
            late_by=row.report.late_by if sent else None,
            now=now,
        )
    totals: dict[int, Decimal] = defaultdict(Decimal)
    counted = 0
    for row in rows.values():
        if row.report is not None and row.report.status in counting:
            counted += 1
            for indicator_id, value in row.figures.items():
                totals[indicator_id] += value or 0
    return NationalBoard(
        campaign=campaign,
        rows=list(rows.values()),
        indicators=indicators,
        totals=dict(totals),
        counted=counted,
        counts=Counter(
            row.report.status if row.report else ("no_report" if row.campaign else "no_campaign")
            for row in rows.values()
        ),
    )


def national_state(campaign: Campaign) -> tuple:
    """A token that changes whenever the board may have: any report saved
    (every status change saves it) in the steps the board reads — to the
    Ministry, and to each province's Department."""
    reports = (
        Report.objects.filter(step__campaign__parent=campaign)
        .filter(
            Q(step__receiver=F("step__campaign__coordinator"))
            | Q(step__receiver=campaign.coordinator_id)
        )
        .aggregate(n=Count("pk"), last=Max("updated_at"))
    )
    return (
        campaign.pk,
        campaign.count_policy,
        reports["n"],
        timestamp_or_none(reports["last"]),
    )


@login_required
def national_board(request, slug: str):
    campaign = get_or_404(
        campaigns_visible_to(request.user).select_related("coordinator", "issuer"), slug=slug
    )
    provinces = campaign.children.count()
    if not can_follow_campaign(request.user, campaign) or not provinces:
        raise Http404
    return render(
        request,
        "reports/national.html",
        {
            "campaign": campaign,
            # Built only when the cached copy is out of date (see ``national_state``).
            "board": SimpleLazyObject(lambda: build_national_board(campaign)),
            # The day: "quá hạn N ngày" counts on, and becomes "Không gửi".
            "board_key": (
                *national_state(campaign),
                provinces,
                timezone.localdate().isoformat(),
                get_language(),
            ),
            "refreshed_at": timezone.localtime(),
            "policy": campaign.get_count_policy_display(),
        },
    )
