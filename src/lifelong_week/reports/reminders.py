"""Reminders to units that have not sent their report — a digest, not a flood.

A unit is reminded ``remind_days_before`` days before the deadline, the day
before, and every day after it while overdue (until the lock, if any). Never
twice for the same step on the same day (a unique row in ``ReminderLog``
guards it, even with two workers), never a unit that has sent its report,
and never "reminded" when nobody can receive it: a unit without an active
reporter or head gets no row, so it is never counted as reminded. Each person
gets one e-mail for all their units' due reports that day (people without an
address get the notice in the system only).

The receiving unit can also remind now (``reminder_plan`` says beforehand,
unit by unit, who will get an e-mail, who was reminded today already and who
cannot be reached; ``remind_now`` does it and says what it did).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lifelong_week.accounts.enums import Role
from lifelong_week.accounts.models import User
from lifelong_week.campaigns.enums import CampaignStatus
from lifelong_week.campaigns.models import ReportingStep
from lifelong_week.campaigns.timeline import entry_closes_at
from lifelong_week.core.dates import deadline_text
from lifelong_week.core.text import vi_sort_key
from lifelong_week.orgs.models import OrgUnit
from lifelong_week.reports.enums import ReportStatus
from lifelong_week.reports.models import Notification, ReminderLog, Report

BEFORE, DAY_BEFORE, OVERDUE, MANUAL = "before", "day_before", "overdue", "manual"
_SENT = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)


@dataclass(frozen=True)
class Due:
    step: ReportingStep
    unit: OrgUnit
    kind: str


def kind_for(step: ReportingStep, today: dt.date, now: dt.datetime) -> str | None:
    """Which reminder, if any, ``step`` calls for on ``today``."""
    deadline_day = timezone.localtime(step.deadline).date()
    if now >= entry_closes_at(step):  # locked, or its campaign is over: nothing to chase
        return None
    if now >= step.deadline:
        return OVERDUE
    days_left = (deadline_day - today).days
    if days_left == 1:
        return DAY_BEFORE
    if days_left == step.remind_days_before:
        return BEFORE
    return None


def not_sent(step: ReportingStep):
    sent = Report.objects.filter(step=step, status__in=_SENT).values("unit_id")
    return step.senders.exclude(pk__in=sent).order_by("path")


def due_reminders(now: dt.datetime | None = None) -> list[Due]:
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    due = []
    steps = ReportingStep.objects.filter(campaign__status=CampaignStatus.ACTIVE).select_related(
        "campaign", "receiver"
    )
    for step in steps:
        kind = kind_for(step, today, now)
        if kind is None:
            continue
        due.extend(Due(step, unit, kind) for unit in not_sent(step))
    return due


def people_of(units) -> dict[int, list[User]]:
    """Unit id → the active reporters and heads to remind, in one query."""
    from lifelong_week.accounts.models import Membership

    people: dict[int, list[User]] = {}
    for membership in (
        Membership.objects.filter(
            unit__in=units, role__in=[Role.REPORTER, Role.HEAD], user__is_active=True
        )
        .select_related("user")
        .order_by("user__full_name", "user__username")
    ):
        known = people.setdefault(membership.unit_id, [])
        if membership.user not in known:
            known.append(membership.user)
    return people


def _people(unit: OrgUnit) -> list[User]:
    return people_of([unit]).get(unit.pk, [])


def _line(due: Due) -> str:
    values = {
        "unit": due.unit.display_name,
        "title": due.step.campaign.title,
        "receiver": due.step.receiver.display_name,
        "deadline": deadline_text(due.step.deadline),
    }
    if timezone.now() >= due.step.deadline:
        return (
            _("%(unit)s: báo cáo “%(title)s” gửi %(receiver)s đã quá hạn (hạn nộp %(deadline)s).")
            % values
        )
    return _("%(unit)s: báo cáo “%(title)s” gửi %(receiver)s, hạn nộp %(deadline)s.") % values


def send_reminders(
    dues: list[Due], *, now: dt.datetime | None = None, by: User | None = None
) -> list[ReminderLog]:
    """Log and send ``dues``, skipping those already sent today and units
    with nobody to receive them.

    Side effects: one ``ReminderLog`` per unit and step, one in-app notice per
    person and line, one digest e-mail per person with an address.
    """
    return _deliver(dues, now=now, by=by)[0]


def _deliver(
    dues: list[Due], *, now: dt.datetime | None, by: User | None
) -> tuple[list[ReminderLog], list[str]]:
    """``send_reminders``, also answering the addresses e-mailed."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    logs: list[ReminderLog] = []
    digest: dict[User, list[str]] = defaultdict(list)
    for due in dues:
        people = _people(due.unit)
        if not people:
            continue  # nobody to remind: the unit must be called
        try:
            with transaction.atomic():
                log = ReminderLog.objects.create(
                    step=due.step,
                    unit=due.unit,
                    day=today,
                    kind=due.kind,
                    recipients=", ".join(p.email or p.username for p in people),
                    sent_at=now,
                    sent_by=by,
                )
        except IntegrityError:
            continue  # already reminded today
        logs.append(log)
        line = _line(due)
        Notification.objects.bulk_create(
            Notification(user=person, message=_("Nhắc nộp báo cáo — %s") % line)
            for person in people
        )
        for person in people:
            digest[person].append(line)
    addresses: list[str] = []
    for person, lines in digest.items():
        if person.email:
            addresses.append(person.email)
            body = _(
                "Kính gửi %(name)s,\n\nCác báo cáo sau chưa được gửi:\n\n%(lines)s\n\nVui lòng đăng nhập hệ thống để hoàn thành."
            ) % {
                "name": person,
                "lines": "\n".join(f"- {line}" for line in lines),
            }
            send_mail(
                _("Nhắc nộp báo cáo Tuần lễ hưởng ứng học tập suốt đời"), body, None, [person.email]
            )
    return logs, addresses


def run_daily(now: dt.datetime | None = None) -> int:
    """The periodic entry point: send what is due today; safe to run again."""
    return len(send_reminders(due_reminders(now), now=now))


@dataclass
class UnitReminder:
    """What reminding now means for one unit that has not sent."""

    unit: OrgUnit
    people: list[User]  # its active reporters and heads
    today: ReminderLog | None  # its reminder for this step today, if any

    @property
    def emailed(self) -> list[User]:
        return [person for person in self.people if person.email]

    @property
    def in_system_only(self) -> list[User]:
        """People without an address: the notice reaches them in the system only."""
        return [person for person in self.people if not person.email]

    @property
    def reachable(self) -> bool:
        """Whether an e-mail can reach the unit: an active account with an address."""
        return bool(self.emailed)

    @property
    def will_send(self) -> bool:
        return self.today is None and bool(self.people)


@dataclass
class ReminderPlan:
    """Who "remind now" reaches, unit by unit, in three groups that together
    are every unit of the step that has not sent (by name)."""

    step: ReportingStep
    units: list[UnitReminder]

    @property
    def to_email(self) -> list[UnitReminder]:
        """Reminded now, by e-mail (and in the system)."""
        return [u for u in self.units if u.reachable and u.today is None]

    @property
    def reminded_today(self) -> list[UnitReminder]:
        """Reminded already today, so not again (never twice a day)."""
        return [u for u in self.units if u.reachable and u.today is not None]

    @property
    def unreachable(self) -> list[UnitReminder]:
        """No active account with an e-mail address: to be called."""
        return [u for u in self.units if not u.reachable]

    @property
    def will_send(self) -> list[UnitReminder]:
        return [u for u in self.units if u.will_send]


def reminder_plan(step: ReportingStep, *, now: dt.datetime | None = None) -> ReminderPlan:
    """What reminding the units of ``step`` that have not sent would do now.
    Three queries, whatever the number of units; changes nothing."""
    today = timezone.localtime(now or timezone.now()).date()
    units = sorted(not_sent(step), key=lambda unit: vi_sort_key(unit.display_name))
    people = people_of(units)
    logs = {
        log.unit_id: log
        for log in ReminderLog.objects.filter(step=step, day=today, unit__in=units).select_related(
            "sent_by"
        )
    }
    return ReminderPlan(
        step=step,
        units=[UnitReminder(unit, people.get(unit.pk, []), logs.get(unit.pk)) for unit in units],
    )


@dataclass
class Reminded:
    """What ``remind_now`` did, unit by unit."""

    emailed: list[UnitReminder]  # e-mailed now
    addresses: list[str]  # the e-mail addresses written to
    in_system_only: list[UnitReminder]  # notified now in the system, no address to e-mail
    skipped: list[UnitReminder]  # reminded already today, not again
    unreachable: list[UnitReminder]  # no active account with an address: nobody e-mailed


def remind_now(step: ReportingStep, *, by: User, now: dt.datetime | None = None) -> Reminded:
    """Remind every unit of ``step`` that has not sent, now, as the daily
    reminder does (never twice a day, never a unit nobody can receive).

    Side effects: as ``send_reminders`` for the units that have someone to
    notify and were not reminded today.
    """
    plan = reminder_plan(step, now=now)
    logs, addresses = _deliver([Due(step, u.unit, MANUAL) for u in plan.will_send], now=now, by=by)
    done = {log.unit_id for log in logs}
    reminded_now = [u for u in plan.units if u.unit.pk in done]
    return Reminded(
        emailed=[u for u in reminded_now if u.reachable],
        addresses=addresses,
        in_system_only=[u for u in reminded_now if not u.reachable],
        # Those reminded earlier today, and any another worker reminded meanwhile.
        skipped=[u for u in plan.units if u.reachable and u.unit.pk not in done],
        unreachable=plan.unreachable,
    )
