"""The one wording of deadlines, locks and days on every page and document."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from lifelong_week.core.dates import (
    days_left_text,
    days_text,
    deadline_text,
    lock_text,
    overdue_text,
    sent_late_text,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        # The plan's "trước ngày 15/10/2021" is this instant.
        (dt.datetime(2021, 10, 15, 0, 0, tzinfo=VN), "trước ngày 15/10/2021"),
        (dt.datetime(2021, 10, 15, 17, 0, tzinfo=VN), "trước 17:00 ngày 15/10/2021"),
        (dt.datetime(2021, 10, 15, 0, 1, tzinfo=VN), "trước 00:01 ngày 15/10/2021"),
        (dt.datetime(2021, 10, 14, 23, 59, 59, tzinfo=VN), "trước 23:59 ngày 14/10/2021"),
        # Stored in UTC, written in Vietnam's time: 17:00 UTC is the next midnight.
        (dt.datetime(2021, 10, 14, 17, 0, tzinfo=dt.UTC), "trước ngày 15/10/2021"),
        (dt.datetime(2021, 10, 15, 0, 0, tzinfo=dt.UTC), "trước 07:00 ngày 15/10/2021"),
    ],
)
def test_a_deadline_is_written_as_the_plan_writes_it(moment, text):
    assert deadline_text(moment) == text


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        (dt.datetime(2021, 10, 22, 0, 0, tzinfo=VN), "từ ngày 22/10/2021"),
        (dt.datetime(2021, 10, 22, 17, 30, tzinfo=VN), "từ 17:30 ngày 22/10/2021"),
        (dt.datetime(2021, 10, 21, 17, 0, tzinfo=dt.UTC), "từ ngày 22/10/2021"),
    ],
)
def test_a_lock_is_written_in_the_same_words(moment, text):
    assert lock_text(moment) == text


def test_days_are_grouped_the_vietnamese_way():
    assert days_text(1) == "1 ngày"
    assert days_text(1881) == "1.881 ngày"
    assert sent_late_text(1881) == "gửi muộn 1.881 ngày"
    assert overdue_text(12) == "quá hạn 12 ngày"
    assert days_left_text(1000) == "còn 1.000 ngày"
