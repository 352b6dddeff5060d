"""Reminders: a digest to units that have not sent, never twice a day."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone

from lifelong_week.reports.domain import submit_report
from lifelong_week.reports.models import Notification, ReminderLog
from lifelong_week.reports.reminders import (
    BEFORE,
    DAY_BEFORE,
    OVERDUE,
    due_reminders,
    people_of,
    run_daily,
)
from lifelong_week.reports.tasks import send_daily_reminders
from tests.reports.conftest import fill_all_figures

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2021, 10, day, hour, tzinfo=VN)


def with_accounts(step) -> set[str]:
    """Codes of the units with an active reporter or head, the only ones reminded."""
    people = people_of(list(step.senders.all()))
    return {unit.code for unit in step.senders.all() if people.get(unit.pk)}


def kinds_on(day: int, step) -> set[str]:
    return {d.kind for d in due_reminders(at(day)) if d.step == step}


def test_reminders_fall_three_days_before_the_day_before_and_while_overdue(step):
    assert kinds_on(11, step) == set()
    assert kinds_on(12, step) == {BEFORE}
    assert kinds_on(13, step) == set()
    assert kinds_on(14, step) == {DAY_BEFORE}
    assert kinds_on(15, step) == {OVERDUE}
    assert kinds_on(20, step) == {OVERDUE}
    step.lock_at = at(18, 0)
    step.save()
    assert kinds_on(20, step) == set()


def test_no_reminder_once_the_campaign_is_over(step):
    """A step without a lock is chased while its campaign's year lasts, never
    years later (the demo's 2021 campaign, in 2026)."""
    last_day = dt.datetime(2021, 12, 31, 9, tzinfo=VN)
    assert {d.kind for d in due_reminders(last_day) if d.step == step} == {OVERDUE}
    years_later = dt.datetime(2026, 12, 7, 9, tzinfo=VN)
    assert [d for d in due_reminders(years_later) if d.step == step] == []


def test_running_twice_the_same_day_sends_nothing_more(step, report, reporter):
    fill_all_figures(report, reporter)
    submit_report(report, by=reporter, now=at(13))  # Bến Lức has sent: never reminded

    first = run_daily(at(14))
    sent = len(mail.outbox)
    second = run_daily(at(14, 17))

    assert first == len(with_accounts(step)) - 1
    assert second == 0
    assert len(mail.outbox) == sent
    assert not ReminderLog.objects.filter(unit__code="803").exists()
    recipients = {address for message in mail.outbox for address in message.to}
    assert "benluc.baocao@demo.invalid" not in recipients
    assert "tanan.baocao@demo.invalid" in recipients
    tan_an = [m for m in mail.outbox if m.to == ["tanan.baocao@demo.invalid"]]
    assert len(tan_an) == 1
    assert "hạn nộp trước ngày 15/10/2021" in tan_an[0].body
    assert (
        Notification.objects.filter(
            user__username="tanan.baocao", message__startswith="Nhắc nộp"
        ).count()
        == 1
    )
    assert run_daily(at(15)) == first  # a new day, overdue now


@pytest.mark.django_db(transaction=True)  # the worker opens and closes its own connections
def test_the_worker_runs_the_daily_task_once_a_day(step):
    from django.core.management import call_command

    # Today the 2021 deadline is long past and entry closes only tomorrow:
    # every unit is overdue, and reminded once however often the task runs.
    step.lock_at = timezone.now() + dt.timedelta(days=1)
    step.save()
    send_daily_reminders.enqueue()
    send_daily_reminders.enqueue()
    call_command("db_worker", batch=True, no_reload=True, no_startup_delay=True, verbosity=0)

    assert ReminderLog.objects.filter(step=step).count() == len(with_accounts(step))
    assert len(mail.outbox) == len({m.to[0] for m in mail.outbox})
