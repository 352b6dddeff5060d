"""Entering the report: figures the Vietnamese way, sanitised text, no lost work."""

from __future__ import annotations

from decimal import Decimal

import pytest

from lifelong_week.accounts.models import User
from lifelong_week.reports import richtext
from lifelong_week.reports.domain import ReportError, save_figure, save_section
from lifelong_week.reports.models import FigureValue, SectionText


def indicator(report, code):
    return report.campaign.report_form.indicators.get(code=code)


@pytest.mark.parametrize("typed", ["1.250", "1250", "1 250"])
def test_figures_accept_vietnamese_number_input(report, reporter, typed):
    save_figure(
        report, indicator=indicator(report, "banners"), raw=typed, base_version=0, by=reporter
    )
    assert FigureValue.objects.get(report=report).value == Decimal(1250)


@pytest.mark.parametrize(
    ("code", "typed", "message"),
    [
        ("banners", "-3", "Số liệu không được âm."),
        ("banners", "2,5", "Chỉ tiêu này là số nguyên, không có phần thập phân (sau dấu phẩy)."),
        ("banners", "hai mươi", "“hai mươi” không phải là số."),
        (
            "funding_state",
            "12.5000",
            "Viết số theo kiểu Việt Nam: dấu chấm ngăn cách hàng nghìn (1.234.567), dấu phẩy trước phần thập phân (1,5).",
        ),
        ("plan_issued", "có lẽ", "Chọn “có” hoặc “không”."),
        (
            "banners",
            "1" + "0" * 24,
            "Số quá lớn (tối đa 9.999.999.999.999) — vui lòng kiểm tra lại.",
        ),
        ("banners", "12\x00", "Có ký tự không hợp lệ."),
    ],
)
def test_a_wrong_value_gets_a_message_and_keeps_the_saved_one(
    report, reporter, code, typed, message
):
    target = indicator(report, code)
    first = "có" if code == "plan_issued" else "7"
    save_figure(report, indicator=target, raw=first, base_version=0, by=reporter)

    with pytest.raises(ReportError) as refused:
        save_figure(report, indicator=target, raw=typed, base_version=1, by=reporter)

    assert refused.value.message == message
    assert FigureValue.objects.get(report=report, indicator=target).value in (
        Decimal(7),
        Decimal(1),
    )


def test_section_text_is_stored_without_markup_from_the_browser(report, reporter):
    section = report.campaign.report_form.sections.first()
    typed = "Ban hành <b>Kế hoạch</b> số 123<script>alert(1)</script>\r\n- **Chỉ đạo** các xã\x07"

    save_section(report, section=section, text=typed, base_version=0, by=reporter)

    stored = SectionText.objects.get(report=report).text
    assert stored == "Ban hành Kế hoạch số 123alert(1)\n- **Chỉ đạo** các xã"
    assert richtext.to_html(stored) == (
        "<p>Ban hành Kế hoạch số 123alert(1)</p>"
        '<ul class="rt"><li><strong>Chỉ đạo</strong> các xã</li></ul>'
    )
    assert richtext.to_html("a < b & **c**") == "<p>a &lt; b &amp; <strong>c</strong></p>"


def test_two_editors_of_the_same_section_never_overwrite_each_other(report, reporter):
    colleague = User.objects.get(username="benluc.lanhdao")
    section = report.campaign.report_form.sections.first()
    # Both load the empty section (version 0) and type.
    first = save_section(report, section=section, text="Bản của A", base_version=0, by=reporter)
    second = save_section(report, section=section, text="Bản của B", base_version=0, by=colleague)

    assert (first.changed, first.conflict) == (True, None)
    assert second.changed is False
    assert second.conflict.their_value == "Bản của A"
    assert second.conflict.by == reporter
    assert SectionText.objects.get(report=report).text == "Bản của A"

    # B has seen A's text and decides to keep their own: saved on top, in history.
    third = save_section(
        report,
        section=section,
        text="Bản của B",
        base_version=second.conflict.their_version,
        by=colleague,
    )
    assert third.changed
    assert SectionText.objects.get(report=report).text == "Bản của B"
    assert list(report.changes.filter(kind="section").values_list("old_value", "new_value")) == [
        ("", "Bản của A"),
        ("Bản của A", "Bản của B"),
    ]


def test_same_value_from_a_stale_form_is_not_a_conflict(report, reporter):
    target = indicator(report, "banners")
    save_figure(report, indicator=target, raw="5", base_version=0, by=reporter)
    outcome = save_figure(report, indicator=target, raw="5", base_version=0, by=reporter)
    assert outcome.conflict is None


def test_an_explanation_from_a_stale_form_does_not_overwrite_a_newer_one(report, reporter):
    target = indicator(report, "banners")
    save_figure(report, indicator=target, raw="5", base_version=0, by=reporter, note="Bản A")
    # A colleague explains better meanwhile (version 2)…
    save_figure(report, indicator=target, raw="5", base_version=1, by=reporter, note="Bản B")
    # …and the first page, still at version 1, saves its own explanation.
    outcome = save_figure(
        report, indicator=target, raw="5", base_version=1, by=reporter, note="Bản A sửa"
    )

    assert outcome.conflict is not None
    assert outcome.conflict.their_value == "5 — giải trình: Bản B"
    assert FigureValue.objects.get(report=report).note == "Bản B"


def test_a_nul_or_control_character_in_an_explanation_or_comment_is_cleaned(
    report, reporter, coordinator
):
    from lifelong_week.reports.domain import return_report, submit_report
    from tests.reports.conftest import fill_all_figures

    target = indicator(report, "banners")
    save_figure(
        report, indicator=target, raw="5", base_version=0, by=reporter, note="Dòng\x00 một\x0bhai"
    )
    assert FigureValue.objects.get(report=report, indicator=target).note == "Dòng một\nhai"
    fill_all_figures(report, reporter)
    report = submit_report(report, by=reporter)
    report = return_report(report, by=coordinator, comment="Bổ sung\x00 ảnh\x07")
    report.refresh_from_db()
    assert report.review_comment == "Bổ sung ảnh"


def test_a_failure_mid_save_leaves_the_previous_version_intact(report, reporter, monkeypatch):
    from lifelong_week.reports import domain

    section = report.campaign.report_form.sections.first()
    save_section(report, section=section, text="Bản đã lưu", base_version=0, by=reporter)

    def crash(*args, **kwargs):  # the history write fails after the text was written
        raise RuntimeError("disk full")

    monkeypatch.setattr(domain, "_record", crash)
    with pytest.raises(RuntimeError):
        save_section(report, section=section, text="Bản mới", base_version=1, by=reporter)

    row = SectionText.objects.get(report=report)
    assert (row.text, row.version) == ("Bản đã lưu", 1)


def test_filling_empty_figures_at_once_keeps_what_was_given_and_writes_nothing_on_a_bad_value(
    report, reporter
):
    from lifelong_week.reports.domain import fill_empty_figures
    from lifelong_week.reports.models import FigureValue, ReportChange

    indicators = list(
        report.campaign.report_form.indicators.filter(value_type="integer").order_by("order")[:3]
    )
    given, empty, other = indicators
    save_figure(report, indicator=given, raw="7", base_version=0, by=reporter)
    changes = ReportChange.objects.filter(report=report).count()

    with pytest.raises(ReportError, match=r"Số liệu không được âm\."):
        fill_empty_figures(report, {empty: "12", other: "-5"}, by=reporter)
    assert not FigureValue.objects.filter(report=report, indicator__in=[empty, other]).exists()
    assert ReportChange.objects.filter(report=report).count() == changes

    filled = fill_empty_figures(report, {given: "99", empty: "1.250", other: ""}, by=reporter)

    values = dict(FigureValue.objects.filter(report=report).values_list("indicator__code", "value"))
    assert filled == 1
    assert (values[given.code], values[empty.code]) == (7, 1250)
    assert other.code not in values
    change = ReportChange.objects.filter(report=report).latest("pk")
    assert (change.field, change.new_value) == (empty.label, "1.250")
