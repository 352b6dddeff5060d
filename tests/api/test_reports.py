"""Reading a report, and a unit pushing its figures through the API."""

from __future__ import annotations

from decimal import Decimal

import pytest

from lifelong_week.accounts.models import User
from lifelong_week.campaigns.enums import ValueType
from lifelong_week.campaigns.models import Indicator
from lifelong_week.reports.domain import open_report, save_section
from lifelong_week.reports.enums import ChangeKind, ReportStatus
from lifelong_week.reports.models import FigureValue, Report


@pytest.fixture
def reporter(demo):
    return User.objects.get(username="benluc.baocao")


@pytest.fixture
def report(demo, reporter):
    step = demo.campaign.steps.get(order=1)
    return open_report(step, demo.units["803"], by=reporter)


@pytest.fixture
def ben_luc(api, reporter):
    return api(reporter)


def every_figure(value=3, **overrides):
    figures = {}
    for indicator in Indicator.objects.filter(form__campaigns__slug="long-an-2021"):
        figures[indicator.code] = True if indicator.value_type == ValueType.BOOLEAN else value
    figures.update(overrides)
    return figures


def stored(report) -> dict[str, Decimal | None]:
    return {
        row.indicator.code: row.value
        for row in FigureValue.objects.filter(report=report).select_related("indicator")
    }


def test_a_report_reads_with_its_sections_and_figures(ben_luc, report, reporter):
    section = report.campaign.report_form.sections.first()
    save_section(report, section=section, text="Đã treo 20 băng rôn.", base_version=0, by=reporter)
    ben_luc.put(f"/reports/{report.pk}/figures", {"figures": {"banners": "1.250"}})

    body = ben_luc.get(f"/reports/{report.pk}").json()
    assert (body["id"], body["status"], body["unit"]["code"], body["campaign"]["slug"]) == (
        report.pk,
        "draft",
        "803",
        "long-an-2021",
    )
    assert body["status_label"] == "Đang soạn"
    assert body["sections"][0] == {
        "code": section.code,
        "title": section.title,
        "text": "Đã treo 20 băng rôn.",
    }
    assert len(body["sections"]) == report.campaign.report_form.sections.count()
    banners = next(f for f in body["figures"] if f["code"] == "banners")
    assert banners == {
        "code": "banners",
        "label": "Băng rôn, khẩu hiệu đã treo",
        "unit_of_measure": "cái",
        "value_type": "integer",
        "value": 1250,
        "text": "",
        "note": "",
    }
    unfilled = next(f for f in body["figures"] if f["code"] == "news_items")
    assert unfilled["value"] is None


def test_figures_are_saved_and_show_up_in_the_report(ben_luc, report):
    response = ben_luc.put(
        f"/reports/{report.pk}/figures",
        {"figures": {"banners": 12, "news_items": "1.234", "plan_issued": True}},
    )
    assert response.status_code == 200
    figures = {f["code"]: f["value"] for f in response.json()["figures"]}
    assert (figures["banners"], figures["news_items"], figures["plan_issued"]) == (12, 1234, 1)
    assert stored(report) == {
        "banners": Decimal(12),
        "news_items": Decimal(1234),
        "plan_issued": Decimal(1),
    }
    # Saved through the same entry function as the page: the history says so.
    assert report.changes.filter(kind=ChangeKind.FIGURE).count() == 3


def test_a_bad_value_is_refused_per_field_and_nothing_is_saved(ben_luc, report):
    response = ben_luc.put(
        f"/reports/{report.pk}/figures",
        {
            "figures": {
                "banners": 12,
                "news_items": "1.23",
                "radio_broadcasts": -4,
                "plan_issued": "có lẽ",
                "khong_co": 1,
            }
        },
    )
    assert response.status_code == 422
    assert response.json() == {
        "detail": "Số liệu chưa hợp lệ; chưa lưu gì.",
        "errors": {
            "news_items": "Viết số theo kiểu Việt Nam: dấu chấm ngăn cách hàng nghìn "
            "(1.234.567), dấu phẩy trước phần thập phân (1,5).",
            "radio_broadcasts": "Số liệu không được âm.",
            "plan_issued": "Chọn “có” hoặc “không”.",
            "khong_co": "Không có chỉ tiêu này trong mẫu báo cáo.",
        },
    }
    assert stored(report) == {}


def test_a_number_too_large_to_store_is_refused(ben_luc, report):
    too_large = "Số quá lớn (tối đa 9.999.999.999.999) — vui lòng kiểm tra lại."
    for value in (10**19, 10**13, 1e18):
        response = ben_luc.put(f"/reports/{report.pk}/figures", {"figures": {"banners": value}})
        assert response.status_code == 422
        assert response.json()["errors"] == {"banners": too_large}
    assert stored(report) == {}


def test_the_largest_figure_is_stored_and_read_back_exactly(ben_luc, report):
    Indicator.objects.create(
        form=report.campaign.report_form, order=99, code="ratio", label="Tỉ lệ",
        unit_of_measure="%", value_type=ValueType.DECIMAL,
    )  # fmt: skip
    response = ben_luc.put(
        f"/reports/{report.pk}/figures",
        {"figures": {"banners": 10**13 - 1, "ratio": "9.999.999.999.999,99"}},
    )
    assert response.status_code == 200
    assert stored(report) == {
        "banners": Decimal("9999999999999"),
        "ratio": Decimal("9999999999999.99"),
    }
    again = ben_luc.get(f"/reports/{report.pk}").json()
    values = {f["code"]: f["value"] for f in again["figures"] if f["value"] is not None}
    assert values == {"banners": 9999999999999, "ratio": 9999999999999.99}
    refused = ben_luc.put(f"/reports/{report.pk}/figures", {"figures": {"ratio": "1,005"}})
    assert refused.json()["errors"] == {"ratio": "Chỉ ghi tối đa hai chữ số sau dấu phẩy."}


def test_a_decimal_indicator_takes_a_json_number(ben_luc, report):
    Indicator.objects.create(
        form=report.campaign.report_form,
        order=99,
        code="ratio",
        label="Tỉ lệ",
        unit_of_measure="%",
        value_type=ValueType.DECIMAL,
    )
    response = ben_luc.put(f"/reports/{report.pk}/figures", {"figures": {"ratio": 12.5}})
    assert response.status_code == 200
    assert stored(report)["ratio"] == Decimal("12.5")
    ratio = next(f for f in response.json()["figures"] if f["code"] == "ratio")
    assert ratio["value"] == 12.5
    # A whole JSON number sent for a whole-number indicator keeps its meaning.
    refused = ben_luc.put(f"/reports/{report.pk}/figures", {"figures": {"banners": 2.5}})
    assert refused.json()["errors"] == {
        "banners": "Chỉ tiêu này là số nguyên, không có phần thập phân (sau dấu phẩy)."
    }


def test_submit_sends_the_report_up(ben_luc, report):
    response = ben_luc.put(
        f"/reports/{report.pk}/figures", {"figures": every_figure(), "submit": True}
    )
    assert response.status_code == 200
    assert response.json()["status"] == "submitted"
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert report.submitted_by.username == "benluc.baocao"
    # Once sent, it no longer changes.
    again = ben_luc.put(f"/reports/{report.pk}/figures", {"figures": {"banners": 1}})
    assert again.status_code == 409
    assert again.json()["detail"] == "Báo cáo đang ở trạng thái “Đã gửi”, không sửa được."


def test_a_submit_that_cannot_go_saves_nothing(ben_luc, report):
    figures = every_figure()
    del figures["banners"]
    response = ben_luc.put(f"/reports/{report.pk}/figures", {"figures": figures, "submit": True})
    assert response.status_code == 422
    assert response.json()["errors"] == {"banners": "Chưa nhập."}
    assert stored(report) == {}
    assert Report.objects.get(pk=report.pk).status == ReportStatus.DRAFT


def test_a_warning_needs_an_explanation_which_notes_give(ben_luc, report):
    figures = every_figure(online_classes=2, free_classes=1, online_learners=0)
    response = ben_luc.put(f"/reports/{report.pk}/figures", {"figures": figures, "submit": True})
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "online_learners": "Có lớp học trực tuyến nhưng số học viên bằng 0. Cần giải trình (notes)."
    }
    explained = ben_luc.put(
        f"/reports/{report.pk}/figures",
        {
            "figures": figures,
            "notes": {"online_learners": "Lớp mới mở, học viên đăng ký sau."},
            "submit": True,
        },
    )
    assert explained.status_code == 200
    assert explained.json()["status"] == "submitted"
    learners = next(f for f in explained.json()["figures"] if f["code"] == "online_learners")
    assert learners["note"] == "Lớp mới mở, học viên đăng ký sau."


def test_a_unit_opens_its_report_through_the_api(ben_luc, demo):
    step = demo.campaign.steps.get(order=1)
    created = ben_luc.post(f"/steps/{step.pk}/units/803/report")
    assert created.status_code == 201
    again = ben_luc.post(f"/steps/{step.pk}/units/803/report")
    assert (again.status_code, again.json()["id"]) == (200, created.json()["id"])
    # Another unit's report is not theirs to open.
    assert ben_luc.post(f"/steps/{step.pk}/units/794/report").status_code == 404


def test_malformed_json_is_400_in_vietnamese(client, key_for, report):
    response = client.put(
        f"/api/v1/reports/{report.pk}/figures",
        "{not json",
        content_type="application/json",
        headers={"Authorization": f"Bearer {key_for('benluc.baocao')}"},
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "Không đọc được nội dung gửi lên: cần JSON hợp lệ."


def test_text_the_database_cannot_store_is_refused_at_the_field(ben_luc, report):
    Indicator.objects.create(
        form=report.campaign.report_form,
        order=99,
        code="remarks",
        label="Ghi chú",
        unit_of_measure="",
        value_type=ValueType.TEXT,
    )
    response = ben_luc.put(
        f"/reports/{report.pk}/figures",
        {"figures": {"remarks": "a\x00b"}, "notes": {"banners": "x\x00"}},
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "remarks": "Có ký tự không hợp lệ.",
        "notes.banners": "Có ký tự không hợp lệ.",
    }
    saved = ben_luc.put(f"/reports/{report.pk}/figures", {"figures": {"remarks": "Tốt"}})
    remarks = next(f for f in saved.json()["figures"] if f["code"] == "remarks")
    assert (remarks["value"], remarks["text"]) == (None, "Tốt")


def test_unknown_fields_and_wrong_types_are_refused(ben_luc, report):
    response = ben_luc.put(f"/reports/{report.pk}/figures", {"figure": {}, "submit": "yes"})
    assert response.status_code == 422
    assert response.json() == {
        "detail": "Dữ liệu gửi lên không hợp lệ.",
        "errors": {
            "body.submit": "Phải là true hoặc false.",
            "body.figure": "Không có trường này.",
        },
    }
