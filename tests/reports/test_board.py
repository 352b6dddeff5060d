"""The receiving unit's dashboard: filters, sorting, charts, live refresh and
the printable list of units that have not sent — on the demo's reports."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from lifelong_week.accounts.models import User
from lifelong_week.core.numbers import format_number
from lifelong_week.reports.board import build_board
from lifelong_week.reports.enums import ReportStatus
from lifelong_week.reports.models import Report

VN = ZoneInfo("Asia/Ho_Chi_Minh")
AFTER_DEADLINE = dt.datetime(2021, 10, 20, 9, tzinfo=VN)


@pytest.fixture
def step(full_demo):
    return full_demo.campaign.steps.get(order=1)


@pytest.fixture
def signed_in(client, full_demo):
    client.force_login(User.objects.get(username="sogd.dieuphoi"))
    return client


def expected_states(step):
    reports = {r.unit_id: r for r in Report.objects.filter(step=step)}
    return {
        unit.code: (reports[unit.pk].status if unit.pk in reports else "not_started")
        for unit in step.senders.all()
    }


def test_the_counts_follow_the_reports(step):
    board = build_board(step, now=AFTER_DEADLINE)
    states = expected_states(step)
    sent = [c for c, s in states.items() if s in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)]
    assert board.expected == len(states) == step.senders.count()
    assert board.sent == len(sent)
    late = Report.objects.filter(step=step, unit__code__in=sent, late_by__isnull=False).count()
    assert board.on_time == len(sent) - late
    assert round(board.completeness, 6) == round(100 * len(sent) / len(states), 6)
    # After the deadline every unit that has not sent is overdue.
    assert board.overdue == len(states) - len(sent)
    assert board.counts["not_started"] == sum(s == "not_started" for s in states.values())
    options = {key: n for key, _label, n in board.filter_options}
    assert options[""] == len(states) and options["chua-gui"] == len(states) - len(sent)


def test_filter_not_sent_lists_exactly_the_units_without_a_sent_report(signed_in, step):
    response = signed_in.get(reverse("reports:step", args=[step.pk]), {"loc": "chua-gui"})

    shown = {row.unit.code for row in response.context["board"].rows}
    states = expected_states(step)
    assert shown == {c for c, s in states.items() if s not in ("submitted", "accepted")}
    assert "803" in shown  # Bến Lức has not started in the demo


def test_sorting_by_sending_time_puts_the_earliest_first(signed_in, step):
    response = signed_in.get(
        reverse("reports:step", args=[step.pk]), {"loc": "da-gui", "sap-xep": "gui-luc"}
    )

    times = [row.report.submitted_at for row in response.context["board"].rows]
    assert len(times) >= 2
    assert times == sorted(times)


def test_the_chart_by_unit_shows_the_chosen_indicator_of_sent_reports(signed_in, step):
    indicator = step.campaign.report_form.indicators.filter(value_type="integer").last()
    response = signed_in.get(reverse("reports:step", args=[step.pk]), {"chi-tieu": indicator.code})

    board = response.context["board"]
    assert board.chart_indicator == indicator
    sent = {
        r.unit.display_name: r.figures.get(indicator=indicator).value
        for r in Report.objects.filter(step=step, status__in=["submitted", "accepted"])
    }
    bars = {bar.label: bar.value for bar in board.chart}
    assert {k: v for k, v in bars.items() if v is not None} == {
        k: v for k, v in sent.items() if v is not None
    }
    assert max(bar.percent for bar in board.chart) == 100.0
    html = response.content.decode()
    assert 'id="bieu-do-don-vi"' in html and 'id="bieu-do-thoi-gian"' in html


def test_submissions_over_time_add_up_to_the_units_sent(step):
    board = build_board(step, now=AFTER_DEADLINE)
    assert board.days[-1].cumulative == board.sent
    assert sum(day.count for day in board.days) == board.sent
    deadline = step.deadline.astimezone(VN).date()
    assert all(day.after_deadline == (day.day >= deadline) for day in board.days)


def test_htmx_refresh_returns_only_the_board(signed_in, step):
    response = signed_in.get(
        reverse("reports:step", args=[step.pk]) + "?loc=tre-han",
        headers={"HX-Request": "true", "HX-Target": "bang-theo-doi"},
    )

    html = response.content.decode()
    assert html.lstrip().startswith('<div id="bang-theo-doi"')
    assert "<html" not in html
    assert 'hx-trigger="every 30s' in html
    assert "loc=tre-han" in html  # the next poll keeps the filter


def test_the_page_works_without_javascript(signed_in, step):
    html = signed_in.get(reverse("reports:step", args=[step.pk])).content.decode()
    # Charts and meters are drawn in SVG by the server, and the filter form has a submit button.
    assert html.count("<svg") >= 3
    assert "<noscript><button" in html


def test_printable_list_of_units_that_have_not_sent(signed_in, step):
    response = signed_in.get(reverse("reports:not_sent", args=[step.pk]))

    html = response.content.decode()
    states = expected_states(step)
    missing = sorted(c for c, s in states.items() if s not in ("submitted", "accepted"))
    listed = [row.unit.code for row, _people in response.context["rows"]]
    assert sorted(listed) == missing
    assert "Danh sách đơn vị chưa gửi báo cáo" in html
    # Bến Lức's reporter is named so the coordinator knows whom to call.
    ben_luc = dict((row.unit.code, people) for row, people in response.context["rows"])["803"]
    assert "benluc.baocao" in {p.username for p in ben_luc}


@pytest.mark.parametrize(
    ("username", "status"),
    [("benluc.baocao", 404), ("haugiang.dieuphoi", 404), ("bo.theodoi", 200)],
)
def test_the_not_sent_list_is_for_those_who_follow_the_step(client, step, username, status):
    # A viewer above the receiving unit reads the step (read-only), its list too.
    client.force_login(User.objects.get(username=username))
    assert client.get(reverse("reports:not_sent", args=[step.pk])).status_code == status


def test_the_figures_table_shows_sent_reports_only_the_vietnamese_way(step):
    board = build_board(step, now=AFTER_DEADLINE)
    rows = {row.unit.code: row for row in board.all_rows}
    tan_an = Report.objects.get(step=step, unit__code="794")  # accepted
    first = board.indicators[0]
    value = tan_an.figures.get(indicator=first).value
    assert rows["794"].cells[0] == format_number(value, decimals=2)
    assert len(rows["794"].cells) == len(board.indicators)
    assert set(rows["798"].cells) == {""}  # Mộc Hóa's draft stays with Mộc Hóa
