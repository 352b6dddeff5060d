"""draft → (head) → submitted → returned / accepted, with deadlines, locks and history."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from lifelong_week.accounts.enums import Role
from lifelong_week.accounts.models import User
from lifelong_week.reports.domain import (
    ReportError,
    accept_report,
    approve_report,
    grant_extension,
    return_report,
    save_figure,
    save_section,
    submit_report,
)
from lifelong_week.reports.enums import ChangeKind, ReportStatus
from lifelong_week.reports.models import Notification
from tests.reports.conftest import fill_all_figures

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: int, hour: int = 0, minute: int = 0, second: int = 0) -> dt.datetime:
    return dt.datetime(2021, 10, day, hour, minute, second, tzinfo=VN)


def test_submitting_before_the_deadline_is_on_time(report, reporter, coordinator):
    fill_all_figures(report, reporter)

    submit_report(report, by=reporter, now=at(14, 23, 59, 59))

    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert (report.is_late, report.days_late) == (False, 0)
    assert Notification.objects.filter(user=coordinator, report=report).count() == 1


def test_a_submission_tells_each_active_coordinator_and_head_of_the_receiving_unit_once(
    report, reporter, coordinator
):
    from tests.factories import member

    receiver = report.step.receiver
    head = member(receiver, Role.HEAD)
    head.memberships.create(unit=receiver, role=Role.COORDINATOR)  # two roles, one notice
    gone = member(receiver, Role.COORDINATOR)
    gone.is_active = False
    gone.save()
    viewer = member(receiver, Role.VIEWER)
    fill_all_figures(report, reporter)

    submit_report(report, by=reporter, now=at(14, 10))

    notices = Notification.objects.filter(report=report)
    expected = set(
        User.objects.filter(
            memberships__unit=receiver,
            memberships__role__in=[Role.COORDINATOR, Role.HEAD],
            is_active=True,
        ).values_list("pk", flat=True)
    )
    assert {coordinator.pk, head.pk} <= expected
    assert sorted(n.user_id for n in notices) == sorted(expected)  # each of them once
    assert {n.url for n in notices} == {report.urls.edit}
    assert all(n.created_at is not None and n.read_at is None for n in notices)
    assert all(report.unit.display_name in n.message for n in notices)
    assert not Notification.objects.filter(user__in=[gone, viewer]).exists()


@pytest.mark.parametrize(
    ("when", "days"),
    [
        (at(15, 0, 0, 0), 1),  # "trước ngày 15/10": midnight itself is already late
        (at(15, 8, 30), 1),
        (at(16, 0, 0, 0), 1),
        (at(16, 0, 0, 1), 2),
        (at(22, 17, 0), 8),
    ],
)
def test_late_submission_is_marked_late_by_whole_days(report, reporter, when, days):
    fill_all_figures(report, reporter)

    submit_report(report, by=reporter, now=when)

    report.refresh_from_db()
    assert report.is_late
    assert report.days_late == days
    assert report.changes.get(kind=ChangeKind.SUBMITTED).comment == f"Gửi muộn {days} ngày."


def test_history_writes_days_late_in_the_one_wording(report, reporter):
    """The history says it as every page does: "gửi muộn", days grouped "1.880"."""
    fill_all_figures(report, reporter)

    submit_report(report, by=reporter, now=dt.datetime(2026, 12, 7, 9, 0, tzinfo=VN))

    assert report.changes.get(kind=ChangeKind.SUBMITTED).comment == "Gửi muộn 1.880 ngày."


def test_after_the_lock_only_an_extension_reopens_entry(report, reporter, coordinator, step):
    fill_all_figures(report, reporter)
    step.lock_at = at(20, 17)
    step.save()

    with pytest.raises(ReportError) as refused:
        submit_report(report, by=reporter, now=at(20, 17))
    assert refused.value.message == (
        "Đã quá thời điểm khóa nhập liệu (17:00 20/10/2021). "
        "Vui lòng đề nghị Sở GD&ĐT Long An gia hạn để tiếp tục."
    )
    with pytest.raises(ReportError):
        save_section(
            report,
            section=report.campaign.report_form.sections.first(),
            text="Muộn",
            base_version=0,
            by=reporter,
            now=at(21),
        )

    grant_extension(step, report.unit, until=at(25, 17), by=coordinator, reason="Lũ lụt")
    submit_report(report, by=reporter, now=at(24, 9))

    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert report.days_late == 10


def test_missing_figures_and_unexplained_warnings_block_submission(report, reporter):
    fill_all_figures(report, reporter, online_learners="0")
    indicator = report.campaign.report_form.indicators.get(code="online_learners")

    with pytest.raises(ReportError) as refused:
        submit_report(report, by=reporter, now=at(10))
    assert refused.value.message == (
        "Chưa gửi được: còn 0 chỉ tiêu chưa nhập và 1 cảnh báo chưa giải trình."
    )

    save_figure(
        report,
        indicator=indicator,
        raw="0",
        note="Lớp mở trên K12Online, học viên đăng ký sau Tuần lễ.",
        base_version=report.figures.get(indicator=indicator).version,
        by=reporter,
    )
    submit_report(report, by=reporter, now=at(10))
    assert report.figures.get(indicator=indicator).note.startswith("Lớp mở trên K12Online")


def test_a_submitted_report_is_read_only_until_returned(
    report, reporter, coordinator, django_capture_on_commit_callbacks
):
    fill_all_figures(report, reporter)
    submit_report(report, by=reporter, now=at(10))
    indicator = report.campaign.report_form.indicators.get(code="banners")

    with pytest.raises(ReportError) as refused:
        save_figure(report, indicator=indicator, raw="9", base_version=1, by=reporter)
    assert refused.value.message == "Báo cáo đang ở trạng thái “Đã gửi”, không sửa được."

    with django_capture_on_commit_callbacks(execute=True):
        return_report(report, by=coordinator, comment="Bổ sung số băng rôn ở các xã.", now=at(11))

    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    assert report.review_comment == "Bổ sung số băng rôn ở các xã."
    notice = Notification.objects.get(user=reporter, report=report, message__contains="trả lại")
    assert notice.message.endswith("Bổ sung số băng rôn ở các xã.")
    assert [m.to for m in mail.outbox] == [
        ["benluc.baocao@demo.invalid"],
        ["benluc.lanhdao@demo.invalid"],
    ]

    save_figure(report, indicator=indicator, raw="12", base_version=1, by=reporter)
    submit_report(report, by=reporter, now=at(12))
    accept_report(report, by=coordinator, now=at(13))
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED

    kinds = list(
        report.changes.order_by("pk").values_list(
            "kind", "from_status", "to_status", "by__username"
        )
    )
    assert [k for k in kinds if k[0] not in (ChangeKind.FIGURE,)] == [
        (ChangeKind.CREATED, "", "draft", "benluc.baocao"),
        (ChangeKind.SUBMITTED, "draft", "submitted", "benluc.baocao"),
        (ChangeKind.RETURNED, "submitted", "returned", "sogd.dieuphoi"),
        (ChangeKind.SUBMITTED, "returned", "submitted", "benluc.baocao"),
        (ChangeKind.ACCEPTED, "submitted", "accepted", "sogd.dieuphoi"),
    ]
    banner_change = report.changes.filter(kind=ChangeKind.FIGURE, field=indicator.label).last()
    assert (banner_change.old_value, banner_change.new_value) == ("3", "12")


def test_returning_needs_a_comment(report, reporter, coordinator):
    fill_all_figures(report, reporter)
    submit_report(report, by=reporter, now=at(10))
    with pytest.raises(ReportError) as refused:
        return_report(report, by=coordinator, comment="  ")
    assert refused.value.message == "Vui lòng ghi ý kiến để đơn vị biết cần sửa gì."


def test_head_approval_when_the_campaign_asks_for_it(report, reporter, demo):
    demo.campaign.requires_head_approval = True
    demo.campaign.save()
    head = User.objects.get(username="benluc.lanhdao")
    fill_all_figures(report, reporter)

    submit_report(report, by=reporter, now=at(10))
    report.refresh_from_db()
    assert report.status == ReportStatus.AWAITING_HEAD
    assert Notification.objects.filter(user=head, report=report).exists()
    with pytest.raises(ReportError):
        approve_report(report, by=reporter, now=at(10))

    approve_report(report, by=head, now=at(16, 9))
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert report.submitted_by == head
    assert report.days_late == 2


def test_a_head_submits_directly(report, demo):
    demo.campaign.requires_head_approval = True
    demo.campaign.save()
    head = User.objects.get(username="benluc.lanhdao")
    assert head.memberships.get().role == Role.HEAD
    fill_all_figures(report, head)
    submit_report(report, by=head, now=at(10))
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
