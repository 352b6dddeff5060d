"""Figures summed up the organisation tree, live from the reports themselves.

For a unit and a campaign (optionally one reporting step), every indicator is
totalled over the reports of the unit's subtree that count under the
campaign's policy — submitted and accepted, or accepted only. No nightly job:
the totals are a query over what is stored, so they change the moment a
report is submitted, accepted or returned.

No double counting: a unit's report stands for its whole subtree (a district
consolidates its schools), so when a unit and units below it both have a
counted report, only the highest one counts. Units are taken as they existed
during the campaign (their validity dates), so a unit closed or merged after
reporting still counts, and one closed before the week does not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum

from lifelong_week.campaigns.enums import CountPolicy, ValueType
from lifelong_week.campaigns.models import Campaign, Indicator, ReportingStep
from lifelong_week.orgs.models import OrgUnit
from lifelong_week.reports.enums import ReportStatus
from lifelong_week.reports.models import FigureValue, Report

SUMMABLE = (ValueType.INTEGER, ValueType.MONEY, ValueType.DECIMAL)


def counted_statuses(campaign: Campaign) -> tuple[str, ...]:
    if campaign.count_policy == CountPolicy.ACCEPTED:
        return (ReportStatus.ACCEPTED,)
    return (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)


@dataclass
class Total:
    indicator: Indicator
    total: Decimal | None = None  # summing indicators only
    units: int = 0  # units that gave a value
    yes: int = 0  # yes/no indicators: how many said yes
    texts: list[tuple[str, str]] = field(default_factory=list)  # text indicators: (unit, text)

    @property
    def sums(self) -> bool:
        return self.indicator.sums_up and self.indicator.value_type in SUMMABLE


@dataclass
class Rollup:
    unit: OrgUnit
    campaign: Campaign
    policy_label: str
    reports: int  # counted reports after removing the superseded ones
    totals: list[Total]


def counted_reports(
    campaign: Campaign, unit: OrgUnit, *, step: ReportingStep | None = None
) -> list[int]:
    """Ids of the reports that count for ``unit``'s subtree, highest one per branch."""
    last_deadline = max((s.deadline for s in campaign.steps.all()), default=None)
    end = last_deadline.date() if last_deadline else campaign.week_end
    existing = OrgUnit.objects.overlapping(campaign.week_start, end)
    reports = Report.objects.filter(
        campaign=campaign,
        status__in=counted_statuses(campaign),
        unit__path__startswith=unit.path,
        unit__in=existing,
    )
    if step is not None:
        reports = reports.filter(step=step)
    rows = sorted(reports.values_list("pk", "unit__path"), key=lambda row: len(row[1]))
    kept: list[int] = []
    kept_paths: list[str] = []
    for pk, path in rows:
        if any(path.startswith(other) and path != other for other in kept_paths):
            continue
        kept.append(pk)
        kept_paths.append(path)
    return kept


def rollup(campaign: Campaign, unit: OrgUnit, *, step: ReportingStep | None = None) -> Rollup:
    """Every indicator of the campaign's form totalled over ``unit``'s subtree."""
    report_ids = counted_reports(campaign, unit, step=step)
    indicators = list(campaign.report_form.indicators.all())
    totals = {i.pk: Total(indicator=i) for i in indicators}
    aggregates = (
        FigureValue.objects.filter(report_id__in=report_ids)
        .values("indicator")
        .annotate(
            total=Sum("value"),
            units=Count("pk", filter=Q(value__isnull=False) | ~Q(text="")),
            yes=Count("pk", filter=Q(value__gt=0)),
        )
    )
    for row in aggregates:
        total = totals[row["indicator"]]
        total.units = row["units"]
        if total.sums:
            total.total = row["total"]
        elif total.indicator.value_type == ValueType.BOOLEAN:
            total.yes = row["yes"]
    text_ids = [i.pk for i in indicators if i.value_type == ValueType.TEXT]
    if text_ids:
        for indicator_id, unit_name, text in (
            FigureValue.objects.filter(report_id__in=report_ids, indicator_id__in=text_ids)
            .exclude(text="")
            .values_list("indicator", "report__unit__short_name", "text")
            .order_by("report__unit__path")
        ):
            totals[indicator_id].texts.append((unit_name, text))
    return Rollup(
        unit=unit,
        campaign=campaign,
        policy_label=CountPolicy(campaign.count_policy).label,
        reports=len(report_ids),
        totals=[totals[i.pk] for i in indicators],
    )
