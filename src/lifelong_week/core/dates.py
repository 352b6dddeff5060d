"""Time rules shared by every app."""

from __future__ import annotations

import datetime as dt
import math


def days_late(late_by: dt.timedelta) -> int:
    """Days late as offices count them: any part of a day counts as a day."""
    return max(1, math.ceil(late_by / dt.timedelta(days=1)))
