"""Cross-checks and plausible ranges (``reports.checks``): a figure that looks
wrong is saved, warned about at its field, and needs a short explanation
before the report goes; a figure outside the hard limits is refused."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from lifelong_week.campaigns.models import Indicator
from lifelong_week.reports.checks import Plausible, cross_check, partners
from lifelong_week.reports.domain import (
    ReportError,
    open_report,
    save_figure,
    submission_problems,
    submit_report,
)
from lifelong_week.reports.enums import ReportStatus
from lifelong_week.reports.queries import report_entries
from tests.reports.conftest import fill_all_figures

VN = ZoneInfo("Asia/Ho_Chi_Minh")
ON_TIME = dt.datetime(2021, 10, 10, tzinfo=VN)
OUT_OF_RANGE = (
    "Cao bất thường: thường không quá 20.000 lượt người. Vui lòng kiểm tra lại; nếu đúng, "
    "ghi giải trình ngắn."
)


def indicator(report, code: str) -> Indicator:
    return report.campaign.report_form.indicators.get(code=code)


def test_the_demo_form_gives_plausible_ranges():
    # Checked on the form's definition: every count has a ceiling for one unit.
    from lifelong_week.demo.report_form import INDICATORS, PLAUSIBLE_MAX

    counted = {
        code for code, _g, _l, _u, value_type, *_rest in INDICATORS if value_type != "boolean"
    }
    assert set(PLAUSIBLE_MAX) == counted
    assert PLAUSIBLE_MAX["opening_attendance"] == 20_000


def test_a_district_s_3_200_000_people_at_its_opening_ceremony_are_saved_but_need_explaining(
    report, reporter
):
    fill_all_figures(report, reporter)
    attendance = indicator(report, "opening_attendance")
    row = report.figures.get(indicator=attendance)

    save_figure(
        report, indicator=attendance, raw="3.200.000", base_version=row.version, by=reporter
    )

    row.refresh_from_db()
    assert row.value == Decimal(3_200_000)
    problems = submission_problems(report)
    assert problems.unexplained == [(attendance, OUT_OF_RANGE)]
    _sections, figures = report_entries(report)
    assert next(f for f in figures if f.indicator == attendance).warnings == [OUT_OF_RANGE]
    with pytest.raises(ReportError) as refused:
        submit_report(report, by=reporter, now=ON_TIME)
    assert refused.value.message == (
        "Chưa gửi được: còn 0 chỉ tiêu chưa nhập và 1 cảnh báo chưa giải trình."
    )

    save_figure(
        report,
        indicator=attendance,
        raw="3.200.000",
        note="Tính cả lượt xem trực tuyến trên Truyền hình Long An.",
        base_version=row.version,
        by=reporter,
    )
    assert submission_problems(report).explained == [(attendance, OUT_OF_RANGE)]
    assert submit_report(report, by=reporter, now=ON_TIME).status == ReportStatus.SUBMITTED


def test_a_value_at_the_plausible_limit_asks_nothing(report, reporter):
    fill_all_figures(report, reporter, opening_attendance="20.000")
    assert not submission_problems(report).blocking


def test_a_value_outside_the_hard_limits_is_still_refused_at_the_field(report, reporter):
    attendance = indicator(report, "opening_attendance")
    attendance.max_value = Decimal(5_000_000)
    attendance.save()
    with pytest.raises(ReportError) as refused:
        save_figure(report, indicator=attendance, raw="6.000.000", base_version=0, by=reporter)
    assert refused.value.message == "Giá trị lớn nhất là 5.000.000."
    with pytest.raises(ReportError) as refused:
        save_figure(report, indicator=attendance, raw="-3", base_version=0, by=reporter)
    assert refused.value.message == "Số liệu không được âm."
    assert not report.figures.filter(indicator=attendance).exists()


def test_a_plausible_minimum_warns_too():
    values = {"volunteers": Decimal(2)}
    ranges = {"volunteers": Plausible(Decimal(5), None, "người")}
    [warning] = cross_check(values, ranges)
    assert warning.code == "volunteers"
    assert warning.out_of_range
    assert warning.message == (
        "Thấp bất thường: thường ít nhất 5 người. Vui lòng kiểm tra lại; nếu đúng, "
        "ghi giải trình ngắn."
    )
    assert cross_check({"volunteers": None}, ranges) == []


def test_a_consolidated_report_is_held_to_the_rules_between_figures_only(demo, coordinator):
    # The Department adds up twenty units: its totals pass any one unit's range.
    step2 = demo.campaign.steps.get(order=2)
    clerk = step2.senders.get().memberships.filter(role="reporter").first().user
    consolidated = open_report(step2, step2.senders.get(), by=clerk)
    fill_all_figures(consolidated, clerk, opening_attendance="150.000", online_learners="0")
    problems = submission_problems(consolidated)
    assert [(i.code, message) for i, message in problems.unexplained] == [
        ("online_learners", "Có lớp học trực tuyến nhưng số học viên bằng 0.")
    ]


def test_partners_are_the_fields_a_rule_ties_together():
    assert partners("online_classes") == {"online_classes", "online_learners", "free_classes"}
    assert partners("free_classes") == {"free_classes", "online_classes"}
    assert partners("banners") == {"banners"}


def test_the_plausible_range_cannot_be_upside_down(demo):
    attendance = demo.campaign.report_form.indicators.get(code="opening_attendance")
    attendance.plausible_min = Decimal(30_000)
    with pytest.raises(ValidationError) as invalid:
        attendance.full_clean()
    assert invalid.value.message_dict == {
        "plausible_max": ["Phải lớn hơn hoặc bằng mức “thường không dưới”."]
    }
