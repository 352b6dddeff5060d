"""Time rules shared by every app."""

from __future__ import annotations

import datetime as dt
import math

from django.utils import timezone


def moment_text(moment: dt.datetime) -> str:
    """A moment as offices write it, in local time: "14:05 08/10/2021"."""
    return timezone.localtime(moment).strftime("%H:%M %d/%m/%Y")


def timestamp_or_none(moment: dt.datetime | None) -> float | None:
    return moment.timestamp() if moment else None


def days_late(late_by: dt.timedelta) -> int:
    """Days late as offices count them: any part of a day counts as a day."""
    return max(1, math.ceil(late_by / dt.timedelta(days=1)))
