"""Reminding now, on the demo as it runs: the confirmation says unit by unit
who gets an e-mail, who was reminded today already and whom to call, and the
result says exactly what was done."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from lifelong_week.accounts.models import User
from lifelong_week.orgs.models import OrgUnit
from lifelong_week.reports.models import Notification, ReminderLog
from lifelong_week.reports.monitor import _reminded_messages
from lifelong_week.reports.reminders import (
    OVERDUE,
    Due,
    Reminded,
    UnitReminder,
    not_sent,
    reminder_plan,
    run_daily,
    send_reminders,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
# The 8 of the demo's 13 units that have not sent and have no account at all.
NO_ACCOUNT = [
    "Đài PT&TH Long An",
    "Hội Cựu Giáo chức tỉnh",
    "Sở VH-TT&DL",
    "UBMTTQVN tỉnh",
    "UBND huyện Đức Huệ",
    "UBND huyện Tân Trụ",
    "UBND huyện Thạnh Hóa",
    "UBND thị xã Kiến Tường",
]
# The same, with Cần Đước once its only account has no e-mail address.
TO_CALL = [*NO_ACCOUNT[:4], "UBND huyện Cần Đước", *NO_ACCOUNT[4:]]


@pytest.fixture
def step(full_demo):
    return full_demo.campaign.steps.get(order=1)


@pytest.fixture
def signed_in(client, full_demo):
    client.force_login(User.objects.get(username="sogd.dieuphoi"))
    return client


@pytest.fixture
def every_kind(full_demo, step):
    """Every group: Mộc Hóa reminded this morning by the daily run, Cần Đước's
    only account without an e-mail address, eight units without any account,
    three units to e-mail (Bến Lức's reporter and head both)."""
    User.objects.filter(username="canduoc.baocao").update(email="")
    morning = timezone.localtime().replace(hour=0, minute=5, second=0, microsecond=0)
    send_reminders([Due(step, full_demo.units["798"], OVERDUE)], now=morning)
    mail.outbox.clear()
    return morning


def names(units) -> list[str]:
    return [u.unit.display_name for u in units]


def row_of(page: str, code: str) -> str:
    return page[page.index(f'<tr data-unit="{code}">') :].split("</tr>")[0]


def test_the_confirmation_says_unit_by_unit_what_will_happen(signed_in, step, every_kind):
    response = signed_in.get(reverse("reports:remind", args=[step.pk]))

    plan = response.context["plan"]
    assert names(plan.to_email) == ["Báo Long An", "UBND huyện Bến Lức", "UBND huyện Tân Thạnh"]
    assert names(plan.reminded_today) == ["UBND huyện Mộc Hóa"]
    assert names(plan.unreachable) == TO_CALL
    page = response.content.decode()
    assert "13 đơn vị chưa gửi báo cáo. Khi bấm “Gửi nhắc nhở”:" in page
    assert "<strong>3</strong> đơn vị nhận thư nhắc ngay" in page
    assert "<strong>1</strong> đơn vị đã được nhắc hôm nay nên không nhắc lại" in page
    assert "<strong>9</strong> đơn vị không nhận được thư" in page
    # Who gets the e-mail, at which address; when Mộc Hóa was reminded, by whom.
    ben_luc = row_of(page, "803")
    assert "&lt;benluc.baocao@demo.invalid&gt;" in ben_luc
    assert "&lt;benluc.lanhdao@demo.invalid&gt;" in ben_luc
    moc_hoa = row_of(page, "798")
    assert (
        f"<td><span data-sent-at>{every_kind:%H:%M}</span> · nhắc tự động hằng ngày</td>" in moc_hoa
    )
    assert "mochoa.baocao@demo.invalid" in moc_hoa
    # Whom to call, and where to find how to reach them.
    assert page.count("Chưa có tài khoản") == 8
    assert "Sẽ nhận thông báo trong hệ thống (không có thư điện tử)." in row_of(page, "806")
    assert reverse("reports:not_sent", args=[step.pk]) in page
    assert not mail.outbox


def test_reminding_does_what_the_confirmation_said_and_says_so(signed_in, step, every_kind):
    url = reverse("reports:remind", args=[step.pk])

    response = signed_in.post(url, follow=True)

    said = [(m.level_tag, m.message) for m in response.context["messages"]]
    assert said == [
        (
            "success",
            "Đã gửi thư nhắc đến 3 đơn vị (4 địa chỉ thư điện tử): "
            "Báo Long An, UBND huyện Bến Lức, UBND huyện Tân Thạnh.",
        ),
        ("info", "1 đơn vị đã được nhắc hôm nay nên không nhắc lại: UBND huyện Mộc Hóa."),
        (
            "warning",
            "9 đơn vị không nhận được thư vì chưa có tài khoản có địa chỉ thư điện tử — "
            f"cần gọi điện: {', '.join(TO_CALL)}. "
            "Trong đó 1 đơn vị đã nhận thông báo trong hệ thống.",
        ),
    ]
    assert sorted(address for message in mail.outbox for address in message.to) == [
        "baolongan.baocao@demo.invalid",
        "benluc.baocao@demo.invalid",
        "benluc.lanhdao@demo.invalid",
        "tanthanh.baocao@demo.invalid",
    ]
    # Nobody is "reminded" in a unit without accounts.
    reminded = ReminderLog.objects.filter(step=step).values_list("unit__code", flat=True)
    assert sorted(reminded) == ["798", "799", "80-BAOLA", "803", "806"]
    assert Notification.objects.filter(
        user__username="canduoc.baocao", message__startswith="Nhắc nộp"
    ).exists()

    again = signed_in.post(url, follow=True)

    said = [(m.level_tag, m.message) for m in again.context["messages"]]
    assert [level for level, _text in said] == ["info", "info", "warning"]
    assert said[0][1] == "Không có thư nhắc nào được gửi lần này."
    assert said[1][1] == (
        "4 đơn vị đã được nhắc hôm nay nên không nhắc lại: "
        "Báo Long An, UBND huyện Bến Lức, UBND huyện Mộc Hóa, UBND huyện Tân Thạnh."
    )
    assert said[2][1].endswith(f"cần gọi điện: {', '.join(TO_CALL)}.")  # no new notice
    assert len(mail.outbox) == 4


def test_after_the_daily_run_the_demo_says_whom_to_call_not_that_all_were_reminded(signed_in, step):
    # The day's reminder has gone to every unit that has not sent (as the
    # demo's worker once sent it at start); then the coordinator opens the
    # confirmation and presses the button.
    send_reminders([Due(step, unit, OVERDUE) for unit in not_sent(step)])
    assert ReminderLog.objects.filter(step=step).count() == 5

    page = signed_in.get(reverse("reports:remind", args=[step.pk])).content.decode()
    response = signed_in.post(reverse("reports:remind", args=[step.pk]), follow=True)

    assert "13 đơn vị chưa gửi báo cáo. Lúc này:" in page
    assert "<strong>0</strong> đơn vị nhận thư nhắc ngay" in page
    assert "<strong>5</strong> đơn vị đã được nhắc hôm nay nên không nhắc lại" in page
    assert "<strong>8</strong> đơn vị không nhận được thư" in page
    assert "Lúc này không có ai để nhắc thêm." in page
    said = [m.message for m in response.context["messages"]]
    assert said == [
        "Không có thư nhắc nào được gửi lần này.",
        "5 đơn vị đã được nhắc hôm nay nên không nhắc lại: Báo Long An, UBND huyện Bến Lức, "
        "UBND huyện Cần Đước, UBND huyện Mộc Hóa, UBND huyện Tân Thạnh.",
        "8 đơn vị không nhận được thư vì chưa có tài khoản có địa chỉ thư điện tử — "
        f"cần gọi điện: {', '.join(NO_ACCOUNT)}.",
    ]


def test_the_daily_run_reminds_nobody_in_a_unit_without_accounts(step):
    day = dt.datetime(2021, 10, 20, 9, tzinfo=VN)

    run_daily(day)

    assert ReminderLog.objects.filter(step=step).count() == 5
    plan = reminder_plan(step, now=day)
    assert len(plan.reminded_today) == 5
    assert plan.to_email == []
    assert names(plan.unreachable) == NO_ACCOUNT
    assert all(u.today is None for u in plan.unreachable)


def test_the_printable_list_gives_the_units_own_contact_details(signed_in, full_demo, step):
    OrgUnit.objects.filter(code="805").update(phone="0272 3851 234", email="tantru@demo.invalid")

    response = signed_in.get(reverse("reports:not_sent", args=[step.pk]))

    listed = [row.unit.display_name for row, _people in response.context["rows"]]
    assert listed[:3] == ["Báo Long An", "Đài PT&TH Long An", "Hội Cựu Giáo chức tỉnh"]
    assert (
        row_of(response.content.decode(), "805").count(
            '<span data-contact="unit">Đơn vị: 0272 3851 234 · tantru@demo.invalid</span>'
        )
        == 1
    )


def test_the_result_writes_counts_the_vietnamese_way():
    schools = [UnitReminder(OrgUnit(name=f"Trường {i}"), [], None) for i in range(1234)]
    done = Reminded(
        emailed=schools,
        addresses=[f"{i}@demo.invalid" for i in range(2345)],
        in_system_only=schools[:1001],
        skipped=schools[:1001],
        unreachable=schools,
    )

    texts = [text for _level, text in _reminded_messages(done)]

    assert texts[0].startswith("Đã gửi thư nhắc đến 1.234 đơn vị (2.345 địa chỉ thư điện tử): ")
    assert texts[0].endswith(", Trường 9 và 1.224 đơn vị khác.")
    assert texts[1].startswith("1.001 đơn vị đã được nhắc hôm nay nên không nhắc lại: ")
    assert texts[2].startswith("1.234 đơn vị không nhận được thư")
    assert texts[2].endswith("Trong đó 1.001 đơn vị đã nhận thông báo trong hệ thống.")
