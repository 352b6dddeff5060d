"""The step page says exactly what it shows: units in Vietnamese alphabetical
order, filters whose labels and counts add up and that can match something,
a chart of the step's own days, and table regions reachable by keyboard."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from lifelong_week.accounts.models import User
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


BY_NAME = [
    "Báo Long An",
    "Đài PT&TH Long An",
    "Hội Cựu Giáo chức tỉnh",
    "Hội Khuyến học tỉnh",
    "Sở TT&TT",
    "Sở VH-TT&DL",
    "UBMTTQVN tỉnh",
    "UBND huyện Bến Lức",
    "UBND huyện Cần Đước",
    "UBND huyện Cần Giuộc",
    "UBND huyện Châu Thành",
    "UBND huyện Đức Hòa",
    "UBND huyện Đức Huệ",
    "UBND huyện Mộc Hóa",
    "UBND huyện Tân Hưng",
    "UBND huyện Tân Thạnh",
    "UBND huyện Tân Trụ",
    "UBND huyện Thạnh Hóa",
    "UBND huyện Thủ Thừa",
    "UBND huyện Vĩnh Hưng",
    "UBND thành phố Tân An",
    "UBND thị xã Kiến Tường",
]


def test_units_sort_by_name_in_vietnamese_order(step):
    board = build_board(step, now=AFTER_DEADLINE, sort="don-vi")

    # The table, and the chart by unit whatever the table's sort.
    assert [row.unit.display_name for row in board.rows] == BY_NAME
    by_state = build_board(step, now=AFTER_DEADLINE, sort="trang-thai")
    assert [bar.label for bar in by_state.chart] == BY_NAME


def test_units_in_the_same_state_follow_the_same_order(step):
    board = build_board(step, now=AFTER_DEADLINE, sort="trang-thai", filter="da-tiep-nhan")

    assert [row.unit.display_name for row in board.rows] == [
        "Sở TT&TT",
        "UBND huyện Cần Giuộc",
        "UBND huyện Đức Hòa",
        "UBND thành phố Tân An",
    ]


def test_filter_labels_say_what_they_hold_and_the_states_add_up_to_the_total(step):
    board = build_board(step, now=AFTER_DEADLINE)
    statuses = list(Report.objects.filter(step=step).values_list("status", flat=True))

    options = {key: (str(label), n) for key, label, n in board.filter_options}
    assert options == {
        "": ("Tất cả", 22),
        "chua-gui": ("Chưa gửi", 13),
        "da-gui": ("Đã gửi, chờ tiếp nhận", statuses.count(ReportStatus.SUBMITTED)),
        "da-tiep-nhan": ("Đã tiếp nhận", statuses.count(ReportStatus.ACCEPTED)),
        "tre-han": ("Trễ hạn (chưa gửi hoặc gửi sau hạn)", 15),
        "bi-tra-lai": ("Bị trả lại", 1),
    }
    parts = options["chua-gui"][1] + options["da-gui"][1] + options["da-tiep-nhan"][1]
    assert parts == options[""][1] == board.expected
    # The chips show the three states that make the whole first, then the rest.
    groups = [[key for key, _label, _n in options] for _lead, options in board.filter_groups]
    assert groups == [["", "chua-gui", "da-gui", "da-tiep-nhan"], ["tre-han", "bi-tra-lai"]]


def test_sent_awaiting_acceptance_excludes_accepted_reports(signed_in, step):
    response = signed_in.get(reverse("reports:step", args=[step.pk]), {"loc": "da-gui"})

    states = {row.status for row in response.context["board"].rows}
    assert states == {ReportStatus.SUBMITTED}
    html = response.content.decode()
    assert ">Đã gửi, chờ tiếp nhận (5)</a>" in html
    assert ">Đã tiếp nhận (4)</a>" in html


def test_head_approval_filter_only_where_the_campaign_asks_for_approval(signed_in, step):
    url = reverse("reports:step", args=[step.pk])
    assert step.campaign.requires_head_approval is False

    html = signed_in.get(url).content.decode()
    assert "Chờ thủ trưởng duyệt" not in html
    # Asked for by its address all the same, the filter is not applied.
    response = signed_in.get(url, {"loc": "cho-duyet"})
    assert response.context["board"].filter == ""
    assert len(response.context["board"].rows) == 22

    step.campaign.requires_head_approval = True
    step.campaign.save()
    html = signed_in.get(url).content.decode()
    assert '<option value="cho-duyet">Chờ thủ trưởng duyệt</option>' in html
    assert ">Chờ thủ trưởng duyệt (0)</a>" in html


def chart_days(board) -> tuple[dt.date, dt.date]:
    return board.days[0].day, board.days[-1].day


def test_the_chart_of_days_runs_from_the_campaign_start_to_the_lock(step):
    step.lock_at = dt.datetime(2021, 10, 22, 0, 0, tzinfo=VN)  # entry closes as 22/10 begins
    step.save()

    board = build_board(step, now=dt.datetime(2021, 10, 27, 9, tzinfo=VN))

    assert chart_days(board) == (dt.date(2021, 10, 1), dt.date(2021, 10, 21))
    assert board.days[-1].cumulative == board.sent


def test_the_chart_of_days_runs_to_today_while_entry_is_open(step):
    step.lock_at = dt.datetime(2021, 10, 22, 0, 0, tzinfo=VN)
    step.save()

    board = build_board(step, now=dt.datetime(2021, 10, 16, 9, tzinfo=VN))

    assert chart_days(board)[1] == dt.date(2021, 10, 19)  # the last sending so far in the demo
    board = build_board(step, now=dt.datetime(2021, 10, 20, 9, tzinfo=VN))
    assert chart_days(board) == (dt.date(2021, 10, 1), dt.date(2021, 10, 20))


def test_without_a_lock_the_chart_ends_with_the_deadline_or_the_last_sending(step):
    assert step.lock_at is None

    for now in (dt.datetime(2021, 11, 1, 9, tzinfo=VN), dt.datetime(2026, 12, 8, 9, tzinfo=VN)):
        board = build_board(step, now=now)
        assert chart_days(board) == (dt.date(2021, 10, 1), dt.date(2021, 10, 19))
        assert len(board.days) == 19


def test_a_later_step_starts_its_chart_with_the_campaign(full_demo):
    to_ministry = full_demo.campaign.steps.get(order=2)  # the Department's report, due 30/10

    board = build_board(to_ministry, now=dt.datetime(2021, 11, 20, 9, tzinfo=VN))

    assert board.days[0].day == dt.date(2021, 10, 1)
    assert board.days[-1].day == dt.date(2021, 10, 30)


SCROLLING = re.compile(r'<div class="table-wrap"[^>]*>')


def test_scrollable_tables_are_reachable_by_keyboard_and_named(signed_in, step):
    pages = [
        reverse("reports:step", args=[step.pk]),
        reverse("reports:remind", args=[step.pk]),
    ]
    for url in pages:
        html = signed_in.get(url).content.decode()
        regions = SCROLLING.findall(html)
        assert regions, url
        for region in regions:
            assert 'tabindex="0"' in region and 'role="region"' in region, region
            assert re.search(r'aria-label="[^"]{3,}"', region), region


def test_the_ministry_lists_provinces_in_vietnamese_order(full_demo):
    from lifelong_week.campaigns.models import Campaign
    from lifelong_week.orgs.models import OrgUnit
    from lifelong_week.reports.national import build_national_board

    ministry = OrgUnit.objects.get(code="BGDDT")
    for code, name in (("11", "Điện Biên"), ("95", "Bạc Liêu")):
        OrgUnit.objects.create(
            code=code,
            name=f"Ủy ban nhân dân tỉnh {name}",
            short_name=f"UBND tỉnh {name}",
            kind="peoples_committee",
            admin_level="province",
            parent=ministry,
        )

    board = build_national_board(Campaign.objects.get(slug="bo-gddt-2021"))

    assert [row.province.display_name for row in board.rows] == [
        "UBND tỉnh Bạc Liêu",
        "UBND tỉnh Điện Biên",
        "UBND tỉnh Hậu Giang",
        "UBND tỉnh Long An",
    ]
