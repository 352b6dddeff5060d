"""The demo's units hold reports in every state of step 1 (all bodies → Sở GD&ĐT)."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from lifelong_week.accounts.access import has_role
from lifelong_week.accounts.enums import Role
from lifelong_week.accounts.models import User
from lifelong_week.campaigns.enums import ActivityKind, ValueType
from lifelong_week.demo.load import load_demo
from lifelong_week.reports.domain import event_suggestions, submission_problems
from lifelong_week.reports.enums import ChangeKind, ReportStatus
from lifelong_week.reports.models import (
    Event,
    FigureValue,
    Notification,
    Photo,
    Report,
    ReportChange,
    SectionText,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
DEADLINE = dt.datetime(2021, 10, 15, tzinfo=VN)
MARK = "(Dữ liệu trình diễn)"
RETURN_COMMENT = "Đề nghị bổ sung số liệu lớp học trực tuyến và ảnh lễ khai mạc."

DESIGN = {
    ReportStatus.ACCEPTED: {"794", "802", "807", "80-STTTT"},
    ReportStatus.SUBMITTED: {"808", "804", "80-HKH", "796", "797"},
    ReportStatus.RETURNED: {"806"},
    ReportStatus.DRAFT: {"798", "799", "80-BAOLA"},
}
LATE = {"796": 2, "797": 5}
SENT = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED, ReportStatus.RETURNED)


@pytest.fixture
def demo(full_demo):
    """These tests are about the reports the demo command loads."""
    return full_demo


def step_reports(demo):
    step = demo.campaign.steps.get(order=1)
    return list(Report.objects.filter(step=step).select_related("unit", "step"))


def test_reports_are_in_the_designed_states_and_the_rest_not_started(demo):
    step = demo.campaign.steps.get(order=1)
    by_status = defaultdict(set)
    for report in step_reports(demo):
        by_status[report.status].add(report.unit.code)
    assert dict(by_status) == DESIGN
    assert Report.objects.filter(campaign=demo.campaign).exclude(step=step).count() == 0

    started = set().union(*DESIGN.values())
    not_started = {unit.code for unit in step.senders.all()} - started
    assert {"803", "795", "800", "801", "805", "80-MTTQ"} <= not_started
    # Bến Lức's reporter walks the whole journey from scratch.
    assert not Report.objects.filter(unit__code="803").exists()
    assert not Event.objects.filter(unit__code="803").exists()


def test_exactly_one_report_is_returned_with_its_comment(demo):
    returned = Report.objects.get(status=ReportStatus.RETURNED)
    assert returned.unit.code == "806"
    assert returned.review_comment == RETURN_COMMENT
    assert returned.reviewed_by.username == "sogd.dieuphoi"
    change = returned.changes.get(kind=ChangeKind.RETURNED)
    assert change.comment == RETURN_COMMENT
    assert change.at == dt.datetime(2021, 10, 14, 8, 30, tzinfo=VN)
    canduoc = User.objects.get(username="canduoc.baocao")
    assert Notification.objects.filter(user=canduoc, report=returned).exists()
    # What the comment asks for is indeed missing.
    assert not returned.photos.filter(caption__startswith="Lễ khai mạc").exists()


def test_late_and_on_time_submissions(demo):
    sent = [r for r in step_reports(demo) if r.submitted_at is not None]
    assert {r.unit.code: r.days_late for r in sent if r.is_late} == LATE
    for report in sent:
        assert report.submitted_at.year == 2021
        assert report.submitted_at.month == 10
        assert report.is_late == (report.submitted_at >= DEADLINE)
        assert has_role(report.submitted_by, report.unit, Role.REPORTER)
    châu_thành = next(r for r in sent if r.unit.code == "808")
    assert châu_thành.submitted_at == dt.datetime(2021, 10, 12, 16, 20, tzinfo=VN)
    for report in step_reports(demo):
        if report.status == ReportStatus.ACCEPTED:
            assert report.reviewed_by.username == "sogd.dieuphoi"
            assert report.reviewed_at > report.submitted_at
            assert report.doc_number is not None
            assert report.doc_date <= report.submitted_at.astimezone(VN).date()
        else:
            assert report.doc_number is None
            assert report.doc_date is None


def test_sent_reports_are_complete_and_explain_every_warning(demo):
    indicators = list(demo.campaign.report_form.indicators.all())
    sections = list(demo.campaign.report_form.sections.all())
    largest = Decimal(0)
    for report in step_reports(demo):
        if report.status not in SENT:
            continue
        problems = submission_problems(report)
        assert problems.missing == [], report.unit.code
        assert problems.unexplained == [], report.unit.code
        figures = {row.indicator.code: row.value for row in report.figures.all()}
        assert set(figures) == {i.code for i in indicators}
        assert figures["free_classes"] <= figures["online_classes"]
        for indicator in indicators:
            if indicator.value_type == ValueType.MONEY:
                assert figures[indicator.code] % 1000 == 0
        largest = max(largest, *figures.values())
        texts = {row.section.code: row.text for row in report.texts.all()}
        assert set(texts) == {s.code for s in sections}
        assert all(t.startswith(MARK) or t.endswith(MARK) for t in texts.values())
        assert report.photos.count() in ((1,) if report.status == ReportStatus.RETURNED else (2, 3))
    assert largest >= 1000  # pages show the thousands separator


def test_texts_differ_between_units_and_keep_the_form_markup(demo):
    first_sections = SectionText.objects.filter(
        report__campaign=demo.campaign, section__code="I.4"
    ).values_list("text", flat=True)
    assert len(set(first_sections)) == len(first_sections) > 5
    tân_an = SectionText.objects.get(report__unit__code="794", section__code="I.2").text
    assert tân_an.startswith(f"{MARK} ")
    assert "Trường THCS Khánh Hậu" in tân_an
    assert "\n- " in tân_an
    assert "**" in tân_an


def test_every_bold_marker_of_the_demo_texts_pairs_up_on_the_page(demo):
    # The Sở TT&TT's "**2** lớp học trực tuyến với **198**" printed
    # "2** lớp học trực tuyến với **198" in bold.
    from lifelong_week.reports.richtext import to_html

    texts = SectionText.objects.filter(report__campaign=demo.campaign).values_list(
        "report__unit__code", "text"
    )
    assert texts
    for code, text in texts:
        assert "*" not in to_html(text), code
    sotttt = SectionText.objects.get(
        report__unit__code="80-STTTT", text__contains="lớp học trực tuyến với"
    ).text
    assert re.search(
        r"<strong>\d+</strong> lớp học trực tuyến với <strong>[\d.]+</strong>", to_html(sotttt)
    )


def test_drafts_are_partly_filled(demo):
    indicators = demo.campaign.report_form.indicators.count()
    for report in step_reports(demo):
        if report.status != ReportStatus.DRAFT:
            continue
        assert report.submitted_at is None
        assert 0 < report.texts.count() < 8
        assert 0 < report.figures.count() < indicators
        assert submission_problems(report).missing


def test_events_back_the_figures_and_list_the_opening_ceremonies(demo):
    started = set().union(*DESIGN.values())
    openings = Event.objects.filter(campaign=demo.campaign, kind=ActivityKind.OPENING)
    assert {e.unit.code for e in openings} == started
    for event in openings:
        assert event.starts_at == dt.datetime(2021, 10, 1, 7, 30, tzinfo=VN)
        assert event.place
        assert event.participants > 0
        assert event.is_public
    for code in started:
        classes = Event.objects.filter(unit__code=code, kind=ActivityKind.CLASSES)
        assert classes.count() >= 2
        assert {c.platform for c in classes} <= {"zoom", "k12online", "google_meet"}
        assert all(c.participants_online > 0 for c in classes)
    for report in step_reports(demo):
        filled = {row.indicator_id: row.value for row in report.figures.all()}
        for indicator_id, suggested in event_suggestions(report).items():
            assert filled[indicator_id] == suggested


def test_photos_are_stored_cleaned_with_their_consent(demo):
    photos = list(Photo.objects.filter(report__campaign=demo.campaign))
    assert len(photos) >= 15
    assert sum(not p.may_publish for p in photos) == 1
    for photo in photos:
        assert photo.caption
        assert photo.taken_at is not None and photo.taken_at.year == 2021
        for stored in (photo.image, photo.thumbnail):
            with stored.open("rb") as file, Image.open(file) as image:
                assert image.format == "JPEG"
                assert not image.getexif()
                assert "exif" not in image.info
    assert {p.report.status for p in photos} <= set(SENT)


def test_history_reads_in_order_within_october_2021(demo):
    for report in step_reports(demo):
        changes = list(report.changes.order_by("at", "pk"))
        assert changes[0].kind == ChangeKind.CREATED
        assert all(c.at.astimezone(VN).date().month == 10 for c in changes)
        if report.status != ReportStatus.DRAFT:
            assert changes[-1].to_status == report.status


def test_loading_the_demo_again_changes_nothing(demo):
    models = (Report, ReportChange, SectionText, FigureValue, Photo, Event, Notification, User)
    before = {model.__name__: model.objects.count() for model in models}
    load_demo()
    assert {model.__name__: model.objects.count() for model in models} == before


def test_the_coordinator_sees_the_demo_on_its_pages(client, demo):
    from django.urls import reverse

    from lifelong_week.core.numbers import format_number

    client.force_login(User.objects.get(username="sogd.dieuphoi"))
    step = demo.campaign.steps.get(order=1)
    monitor = client.get(reverse("reports:step", args=[step.pk])).content.decode()
    for label in ("Đã tiếp nhận", "Đã gửi", "Bị trả lại", "Đang soạn", "Chưa bắt đầu"):
        assert label in monitor

    campaign = client.get(demo.campaign.urls.detail).content.decode()
    assert "Trường THPT Hậu Nghĩa" in campaign  # Đức Hòa's opening ceremony

    tân_an = Report.objects.get(step=step, unit__code="794")
    funding = tân_an.figures.get(indicator__code="funding_state").value
    page = client.get(tân_an.urls.edit).content.decode()
    assert format_number(funding) in page  # 32.000.000, with the thousands separator
    assert "Trường THCS Khánh Hậu" in page
    history = client.get(tân_an.urls.history).content.decode()
    kinds = re.findall(r'<tr data-kind="(\w+)"', history)  # newest first
    assert (kinds[0], kinds[1], kinds[-1]) == ("accepted", "submitted", "created")
    docx = client.get(tân_an.urls.docx)
    assert docx.status_code == 200
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats")
