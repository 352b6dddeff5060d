"""The receiving unit follows a step and reopens entry for a unit after the lock."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import empty

from lifelong_week.core.numbers import format_number
from lifelong_week.reports.domain import ReportError, save_section, submit_report
from tests.reports.conftest import fill_all_figures

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def test_coordinator_sees_every_expected_unit_and_the_counts(
    client, coordinator, step, report, reporter
):
    fill_all_figures(report, reporter)
    submit_report(report, by=reporter, now=dt.datetime(2021, 10, 14, 9, tzinfo=VN))
    client.force_login(coordinator)

    response = client.get(reverse("reports:step", args=[step.pk]))

    board = response.context["board"]
    assert len(board.rows) == step.senders.count() == board.expected
    ben_luc = next(row for row in board.rows if row.unit.code == "803")
    assert (ben_luc.status_label, ben_luc.sent) == ("Đã gửi", True)
    assert board.on_time >= 1
    assert 'data-unit="803"' in response.content.decode()


def test_an_extension_reopens_entry_after_the_lock(client, coordinator, step, report, reporter):
    step.lock_at = timezone.now() - dt.timedelta(days=1)
    step.save()
    section = report.campaign.report_form.sections.first()
    try:
        save_section(report, section=section, text="x", base_version=0, by=reporter)
        raise AssertionError("entry should be locked")
    except ReportError:
        pass
    client.force_login(coordinator)
    until = (timezone.localtime() + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")

    response = client.post(
        reverse("reports:extension", args=[step.pk]),
        {"unit": report.unit.pk, "until": until, "reason": "Mưa lũ"},
        follow=True,
    )

    assert "Đã gia hạn cho UBND huyện Bến Lức đến" in response.content.decode()
    outcome = save_section(report, section=section, text="Đã mở lại", base_version=0, by=reporter)
    assert outcome.changed


def test_an_extension_in_the_past_is_refused(client, coordinator, step, report):
    client.force_login(coordinator)
    response = client.post(
        reverse("reports:extension", args=[step.pk]),
        {"unit": report.unit.pk, "until": "2021-10-20T17:00"},
        follow=True,
    )
    assert "Thời điểm gia hạn phải ở tương lai." in response.content.decode()
    assert not step.extensions.exists()


def test_the_step_page_shows_live_totals(client, coordinator, step, report, reporter):
    fill_all_figures(report, reporter, banners="1.250")
    client.force_login(coordinator)
    url = reverse("reports:step", args=[step.pk])
    page = client.get(url).content.decode()
    assert (
        'data-indicator="banners"><td>Băng rôn, khẩu hiệu đã treo</td><td>cái</td>\n      <td class="num">—</td>'
        in page
    )

    submit_report(report, by=reporter, now=dt.datetime(2021, 10, 14, 9, tzinfo=VN))

    page = client.get(url).content.decode()
    assert (
        'data-indicator="banners"><td>Băng rôn, khẩu hiệu đã treo</td><td>cái</td>\n      <td class="num">1.250</td>'
        in page
    )
    assert "Tính theo: Báo cáo đã gửi và đã duyệt — 1 báo cáo." in page


def _row(page: str, code: str) -> str:
    start = page.index(f'<tr data-unit="{code}" data-state=')
    return page[start : page.index("</tr>", start)]


def test_the_cached_board_follows_every_change_the_board_shows(
    client, coordinator, step, report, reporter
):
    """Between two changes the board is served from the cache without being
    built; a submission or an extension shows on the very next request."""
    fill_all_figures(report, reporter, banners="1.250")
    client.force_login(coordinator)
    url = reverse("reports:step", args=[step.pk])
    assert 'data-state="overdue"' in _row(client.get(url).content.decode(), "803")

    unchanged = client.get(url)
    assert unchanged.context["board"]._wrapped is empty  # served from the cache
    assert 'data-state="overdue"' in _row(unchanged.content.decode(), "803")

    submit_report(report, by=reporter, now=timezone.now())
    page = client.get(url).content.decode()
    row = _row(page, "803")
    assert 'data-state="submitted"' in row and "Đã gửi" in row
    assert f'<a href="{report.urls.edit}">UBND huyện Bến Lức</a>' in row
    report.refresh_from_db()
    assert f"{format_number(report.days_late)} ngày" in row  # sent after the 2021 deadline
    assert "1.250" in page[page.index('id="so-lieu-don-vi"') :]  # the figures by unit

    until = timezone.localtime() + dt.timedelta(days=3)
    client.post(
        reverse("reports:extension", args=[step.pk]),
        {"unit": step.senders.get(code="804").pk, "until": until.strftime("%Y-%m-%dT%H:%M")},
    )
    extended = f"trước {until:%H:%M} ngày {until:%d/%m/%Y}"  # as the deadline is written
    assert extended in _row(client.get(url).content.decode(), "804")


def test_the_cached_board_keeps_each_filter_apart(client, coordinator, step, report, reporter):
    fill_all_figures(report, reporter)
    submit_report(report, by=reporter, now=timezone.now())
    client.force_login(coordinator)
    url = reverse("reports:step", args=[step.pk])

    everyone = client.get(url).content.decode()
    sent = client.get(url, {"loc": "da-gui"}).content.decode()
    not_sent = client.get(url, {"loc": "chua-gui"}).content.decode()

    assert 'data-unit="803" data-state' in everyone and 'data-unit="804" data-state' in everyone
    assert 'data-unit="803" data-state' in sent and 'data-unit="804" data-state' not in sent
    assert 'data-unit="803" data-state' not in not_sent


def test_the_refresh_answers_with_the_board_alone(client, coordinator, step):
    client.force_login(coordinator)
    response = client.get(
        reverse("reports:step", args=[step.pk]),
        headers={"HX-Request": "true", "HX-Target": "bang-theo-doi"},
    )
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="bang-theo-doi"')
    assert "<html" not in page and "Gia hạn nhập liệu cho một đơn vị" not in page


def test_an_extension_is_offered_only_to_units_that_have_not_sent(
    client, coordinator, step, report, reporter
):
    fill_all_figures(report, reporter)
    submit_report(report, by=reporter, now=timezone.now())
    client.force_login(coordinator)
    page = client.get(reverse("reports:step", args=[step.pk])).content.decode()
    offered = page[page.index('name="unit"') : page.index("</select>", page.index('name="unit"'))]
    assert "Bến Lức" not in offered  # it has sent: its report is frozen anyway
    assert "Mộc Hóa" in offered

    until = (timezone.localtime() + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("reports:extension", args=[step.pk]),
        {"unit": report.unit.pk, "until": until},
        follow=True,
    )
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert not step.extensions.exists()
