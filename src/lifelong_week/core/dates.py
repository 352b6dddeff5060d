"""Time rules shared by every app, and the one way pages, messages, documents
and exports write deadlines and counts of days."""

from __future__ import annotations

import datetime as dt
import math

from django.utils import timezone
from django.utils.translation import gettext as _

from lifelong_week.core.numbers import format_number


def moment_text(moment: dt.datetime) -> str:
    """A moment as offices write it, in local time: "14:05 08/10/2021"."""
    return timezone.localtime(moment).strftime("%H:%M %d/%m/%Y")


def _day_and_hour(moment: dt.datetime) -> tuple[str, str]:
    local = timezone.localtime(moment)
    hour = "" if local.time() == dt.time.min else local.strftime("%H:%M")
    return local.strftime("%d/%m/%Y"), hour


def deadline_text(moment: dt.datetime) -> str:
    """A deadline as the plan writes it, exact to the instant.

    The deadline is the first instant at which sending is late: 00:00 on
    15/10/2021 in Vietnam is "trước ngày 15/10/2021"; any other time of day
    keeps its hour, "trước 17:00 ngày 15/10/2021". An extension's end is
    written the same way.
    """
    day, hour = _day_and_hour(moment)
    if hour:
        return _("trước %(hour)s ngày %(day)s") % {"hour": hour, "day": day}
    return _("trước ngày %(day)s") % {"day": day}


def lock_text(moment: dt.datetime) -> str:
    """The lock (the instant entry closes), in the deadline's words:
    "từ ngày 22/10/2021" at 00:00, else "từ 17:00 ngày 22/10/2021"."""
    day, hour = _day_and_hour(moment)
    if hour:
        return _("từ %(hour)s ngày %(day)s") % {"hour": hour, "day": day}
    return _("từ ngày %(day)s") % {"day": day}


def days_text(days: int) -> str:
    """A count of days, grouped the Vietnamese way: "1.881 ngày"."""
    return _("%(days)s ngày") % {"days": format_number(days)}


def sent_late_text(days: int) -> str:
    """A report sent after its deadline: "gửi muộn 3 ngày"."""
    return _("gửi muộn %(days)s") % {"days": days_text(days)}


def overdue_text(days: int) -> str:
    """Not sent, past the deadline, while it may still be sent: "quá hạn 3 ngày"."""
    return _("quá hạn %(days)s") % {"days": days_text(days)}


def days_left_text(days: int) -> str:
    """Before the deadline: "còn 3 ngày"."""
    return _("còn %(days)s") % {"days": days_text(days)}


def timestamp_or_none(moment: dt.datetime | None) -> float | None:
    return moment.timestamp() if moment else None


def days_late(late_by: dt.timedelta) -> int:
    """Days late as offices count them: any part of a day counts as a day."""
    return max(1, math.ceil(late_by / dt.timedelta(days=1)))
