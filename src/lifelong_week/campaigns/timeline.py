"""A campaign's life, read from its dates and ``now``: nothing here is stored,
so a 2021 campaign reads as finished in 2026 without anyone closing it.

- A campaign is *Dự thảo* until published; then *Sắp diễn ra* before its
  week, *Đang triển khai* until entry has closed for every step (and every
  extension has run out), *Đã kết thúc* after — or at once when the
  coordinator closes it.
- A step takes reports until its lock (*Đã khóa nhập liệu* after). A step
  without a lock keeps taking late reports, but the campaign still ends with
  its year (the next year's week is a new campaign): from 00:00 on 1 January
  of the next year its entry counts as closed here. Whether the report page
  still accepts a report is the workflow's rule (``ReportingStep.lock_for``),
  not this module's.
- A unit's report against those dates: *còn N ngày* before the deadline,
  *quá hạn N ngày* after it while the unit may still send, *Không gửi* once
  entry has closed for it (its extension, else the step's lock, else its
  campaign's end); once sent, *Đúng hạn* or *gửi muộn N ngày*.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Max, Q
from django.utils.text import capfirst

from lifelong_week.campaigns.domain import start_of_day
from lifelong_week.campaigns.enums import CampaignPhase, CampaignStatus, Sending, StepPhase
from lifelong_week.campaigns.models import Campaign, ReportingStep
from lifelong_week.core.dates import days_late, days_left_text, overdue_text, sent_late_text

# The badge colour of each phase and state (the site's ``.badge`` classes).
PHASE_CSS = {
    CampaignPhase.DRAFT: "warn",
    CampaignPhase.UPCOMING: "info",
    CampaignPhase.ONGOING: "info",
    CampaignPhase.FINISHED: "",
    StepPhase.OPEN: "info",
    StepPhase.PAST_DEADLINE: "late",
    StepPhase.LOCKED: "warn",
    StepPhase.FINISHED: "",
}
SENDING_CSS = {
    Sending.PENDING: "info",
    Sending.OVERDUE: "late",
    Sending.NOT_SENT: "late",
    Sending.ON_TIME: "ok",
    Sending.LATE: "warn",
}


def year_end(year: int) -> dt.datetime:
    """00:00 on 1 January after ``year`` in Vietnam: when a campaign of that
    year ends at the latest, lock or no lock."""
    return start_of_day(dt.date(year + 1, 1, 1))


def entry_closes_at(
    step: ReportingStep, *, extended_until: dt.datetime | None = None, year: int | None = None
) -> dt.datetime:
    """When entry closes for a unit, as pages tell it: its extension, else the
    step's lock, else its campaign's year end (never before the deadline).
    ``year``: the campaign's, when the caller has it (else ``step.campaign``
    is read for a step without a lock)."""
    if extended_until is not None or step.lock_at is not None:
        return extended_until or step.lock_at
    return closes_at(deadline=step.deadline, lock_at=None, year=year or step.campaign.year)


def closes_at(
    *,
    deadline: dt.datetime,
    lock_at: dt.datetime | None,
    year: int,
    extended_until: dt.datetime | None = None,
) -> dt.datetime:
    """``entry_closes_at`` from plain values (a step's dates and its campaign's
    year), for exports that read them as rows."""
    return extended_until or lock_at or max(year_end(year), deadline)


def step_phase(step: ReportingStep, *, now: dt.datetime) -> StepPhase:
    if now < step.deadline:
        return StepPhase.OPEN
    if step.lock_at is not None:
        return StepPhase.LOCKED if now >= step.lock_at else StepPhase.PAST_DEADLINE
    return StepPhase.FINISHED if now >= entry_closes_at(step) else StepPhase.PAST_DEADLINE


def campaign_ends_at(campaigns: Iterable[Campaign]) -> dict[int, dt.datetime]:
    """Campaign id → the instant it ends: the last instant entry closes, over
    its steps and their extensions (a campaign without steps: its year's end).
    One query, whatever the number of campaigns."""
    campaigns = list(campaigns)
    ends = {c.pk: year_end(c.year) for c in campaigns}
    years = {c.pk: c.year for c in campaigns}
    rows = (
        ReportingStep.objects.filter(campaign__in=list(ends))
        .values("campaign_id")
        .annotate(
            last_lock=Max("lock_at"),
            last_deadline=Max("deadline"),
            last_extension=Max("extensions__until"),
            # Joined with the extensions, so only "any" is meaningful.
            unlocked=Count("pk", filter=Q(lock_at__isnull=True)),
        )
        .order_by()
    )
    for row in rows:
        closing = [row["last_lock"], row["last_extension"]]
        if row["unlocked"]:
            closing += [year_end(years[row["campaign_id"]]), row["last_deadline"]]
        ends[row["campaign_id"]] = max(moment for moment in closing if moment is not None)
    return ends


def campaign_phase(
    campaign: Campaign, *, now: dt.datetime, ends_at: dt.datetime | None = None
) -> CampaignPhase:
    """Where ``campaign`` is at ``now``; ``ends_at`` from ``campaign_ends_at``
    when the caller has read it (else one query)."""
    if campaign.status == CampaignStatus.DRAFT:
        return CampaignPhase.DRAFT
    if campaign.status == CampaignStatus.CLOSED:
        return CampaignPhase.FINISHED
    if now < start_of_day(campaign.week_start):
        return CampaignPhase.UPCOMING
    if ends_at is None:
        ends_at = campaign_ends_at([campaign])[campaign.pk]
    return CampaignPhase.FINISHED if now >= ends_at else CampaignPhase.ONGOING


def with_phases(campaigns: Iterable[Campaign], *, now: dt.datetime) -> list[Campaign]:
    """The campaigns, each with ``phase`` set (a ``Phase``), in one query."""
    campaigns = list(campaigns)
    ends = campaign_ends_at(campaigns)
    for campaign in campaigns:
        campaign.phase = Phase(campaign_phase(campaign, now=now, ends_at=ends[campaign.pk]))
    return campaigns


@dataclass(frozen=True)
class Phase:
    """A campaign's or a step's phase as a page shows it."""

    kind: CampaignPhase | StepPhase

    @property
    def label(self) -> str:
        return str(self.kind.label)

    @property
    def css(self) -> str:
        return PHASE_CSS[self.kind]

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True)
class SendingState:
    """A unit's report for one step against its dates. ``days``: days left
    (pending), past the deadline (overdue) or late (sent late); else 0."""

    kind: Sending
    days: int = 0

    @property
    def label(self) -> str:
        """ "Còn 3 ngày", "Quá hạn 3 ngày", "Không gửi", "Đúng hạn", "Gửi muộn 3 ngày"."""
        if self.kind == Sending.PENDING:
            return capfirst(days_left_text(self.days))
        if self.kind == Sending.OVERDUE:
            return capfirst(overdue_text(self.days))
        if self.kind == Sending.LATE:
            return capfirst(sent_late_text(self.days))
        return str(self.kind.label)

    @property
    def css(self) -> str:
        return SENDING_CSS[self.kind]

    @property
    def sent(self) -> bool:
        return self.kind in (Sending.ON_TIME, Sending.LATE)

    @property
    def closed(self) -> bool:
        """Entry has closed and nothing was sent."""
        return self.kind == Sending.NOT_SENT

    def __str__(self) -> str:
        return self.label


def sending_state(
    *,
    deadline: dt.datetime,
    closes_at: dt.datetime,
    sent: bool,
    late_by: dt.timedelta | None,
    now: dt.datetime,
) -> SendingState:
    """Where a unit's report stands against its dates.

    ``sent``: the report is with the receiving unit (submitted or accepted);
    ``late_by``: how late it was sent (None: on time); ``closes_at``: when
    entry closes for the unit (``entry_closes_at``).
    """
    if sent:
        if late_by is not None:
            return SendingState(Sending.LATE, days_late(late_by))
        return SendingState(Sending.ON_TIME)
    if now < deadline:
        return SendingState(Sending.PENDING, (deadline - now) // dt.timedelta(days=1))
    if now >= closes_at:
        return SendingState(Sending.NOT_SENT)
    return SendingState(Sending.OVERDUE, days_late(now - deadline))
