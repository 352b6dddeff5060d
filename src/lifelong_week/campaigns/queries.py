"""Reusable, already-scoped questions about campaigns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from lifelong_week.accounts.access import scope_campaigns
from lifelong_week.campaigns.enums import CampaignStatus
from lifelong_week.campaigns.models import (
    Assignment,
    Campaign,
    Extension,
    ReportForm,
    ReportingStep,
)
from lifelong_week.campaigns.timeline import SendingState, entry_closes_at, sending_state
from lifelong_week.orgs.models import OrgUnit


def campaigns_visible_to(user) -> QuerySet[Campaign]:
    return scope_campaigns(user, Campaign.objects.select_related("issuer", "coordinator"))


def featured_campaign() -> Campaign | None:
    """The campaign the public home page shows: the latest year's most local
    active plan (a province's plan says more than the Ministry's letter)."""
    campaigns = Campaign.objects.exclude(status=CampaignStatus.DRAFT).select_related("issuer")
    latest = campaigns.order_by("-year").values_list("year", flat=True).first()
    if latest is None:
        return None
    candidates = list(campaigns.filter(year=latest))
    candidates.sort(
        key=lambda c: (c.status != CampaignStatus.ACTIVE, -c.issuer.depth, -c.activities.count())
    )
    return candidates[0]


@dataclass(frozen=True)
class Countdown:
    """Time left until ``target`` (or elapsed since, when ``past``)."""

    target: dt.datetime
    now: dt.datetime

    @property
    def past(self) -> bool:
        return self.now >= self.target

    @property
    def seconds(self) -> int:
        return int(abs((self.target - self.now).total_seconds()))

    @property
    def days(self) -> int:
        return self.seconds // 86400

    @property
    def hours(self) -> int:
        return self.seconds // 3600 % 24

    @property
    def minutes(self) -> int:
        return self.seconds // 60 % 60


@dataclass
class Obligation:
    """A report a unit owes for one reporting step (``report`` once started)."""

    step: ReportingStep
    unit: OrgUnit
    lock: dt.datetime | None
    extended: bool
    countdown: Countdown
    report: object = None
    sent: bool = False  # the report is with the receiving unit (set with ``report``)

    @property
    def sending(self) -> SendingState:
        """On time, late, overdue or not sent, against the dates at ``countdown.now``."""
        return sending_state(
            deadline=self.step.deadline,
            closes_at=entry_closes_at(
                self.step, extended_until=self.lock if self.extended else None
            ),
            sent=self.sent,
            late_by=self.report.late_by if self.sent else None,
            now=self.countdown.now,
        )

    @property
    def lock_differs(self) -> bool:
        return self.lock is not None and self.lock != self.step.deadline

    @property
    def locked(self) -> bool:
        return self.lock is not None and self.countdown.now >= self.lock


def obligations_of(unit: OrgUnit, campaigns: QuerySet[Campaign], now: dt.datetime | None = None):
    """Every report ``unit`` owes in ``campaigns``, soonest deadline first."""
    now = now or timezone.now()
    steps = (
        ReportingStep.objects.filter(campaign__in=campaigns, senders=unit)
        .select_related("campaign", "receiver")
        .prefetch_related(
            Prefetch("extensions", queryset=Extension.objects.filter(unit=unit), to_attr="mine")
        )
        .order_by("deadline")
    )
    result = []
    for step in steps:
        extension = step.mine[0] if step.mine else None
        lock = extension.until if extension else step.lock_at
        result.append(
            Obligation(
                step=step,
                unit=unit,
                lock=lock,
                extended=extension is not None,
                countdown=Countdown(step.deadline, now),
            )
        )
    return result


def duties_of(unit: OrgUnit, campaigns: QuerySet[Campaign]) -> QuerySet[Assignment]:
    return (
        Assignment.objects.filter(campaign__in=campaigns, units=unit)
        .select_related("campaign")
        .order_by("campaign", "number")
    )


def received_steps(unit: OrgUnit, campaigns: QuerySet[Campaign]) -> QuerySet[ReportingStep]:
    """Steps in which ``unit`` receives the reports (a coordinator's view)."""
    return (
        ReportingStep.objects.filter(campaign__in=campaigns, receiver=unit)
        .select_related("campaign__issuer", "receiver")
        .prefetch_related("senders")
        .order_by("deadline")
    )


def report_form_choices(user) -> QuerySet[ReportForm]:
    """Report forms of the campaigns the user can see."""
    return (
        ReportForm.objects.filter(campaigns__in=campaigns_visible_to(user).values("pk"))
        .distinct()
        .order_by("title")
    )
