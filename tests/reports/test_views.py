"""The report pages as users drive them (Django test client, real database)."""

from __future__ import annotations

import io
import struct
import zlib
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from lifelong_week.accounts.models import User
from lifelong_week.core.numbers import format_number
from lifelong_week.reports.enums import ChangeKind, ReportStatus
from lifelong_week.reports.models import Report, SectionText
from tests.reports.conftest import fill_all_figures


@pytest.fixture
def signed_in(client, reporter):
    client.force_login(reporter)
    return client


def section_key(report, index=0):
    section = report.campaign.report_form.sections.all()[index]
    return section, f"section-{section.pk}"


def test_the_reporter_opens_the_report_from_what_they_owe(signed_in, step, demo):
    url = reverse("reports:open", args=[step.pk, "803"])
    # A GET writes nothing (a link checker, a browser's prefetch): it offers to start.
    offer = signed_in.get(url)
    assert offer.status_code == 200
    assert "Bắt đầu nhập báo cáo" in offer.content.decode()
    assert not Report.objects.filter(step=step, unit__code="803").exists()
    # The home page's button posts.
    home = signed_in.get(reverse("accounts:home")).content.decode()
    assert f'<form method="post" action="{url}">' in home
    response = signed_in.post(url)
    report = Report.objects.get(step=step, unit__code="803")
    assert response.url == report.urls.edit
    page = signed_in.get(report.urls.edit).content.decode()
    assert "Ủy ban nhân dân huyện Bến Lức" in page
    assert "Hạn nộp: <strong>trước ngày 15/10/2021</strong>" in page


def test_nobody_else_opens_or_writes_a_units_report(client, step, report):
    other = User.objects.get(username="tanan.baocao")
    client.force_login(other)
    assert client.get(reverse("reports:open", args=[step.pk, "803"])).status_code == 404
    assert client.get(report.urls.edit).status_code == 404
    coordinator = User.objects.get(username="sogd.dieuphoi")
    client.force_login(coordinator)
    # A draft is the unit's own business until it is sent up.
    assert client.get(report.urls.edit).status_code == 404
    section, key = section_key(report)
    url = reverse("reports:save_section", args=[report.pk, section.pk])
    assert client.post(url, {key: "x", f"v-{key}": "0"}).status_code == 404


def test_nobody_else_submits_a_units_report(client, report, reporter, coordinator):
    """A forged submission — another unit's reporter, the receiving unit's
    coordinator — is answered 404 and leaves the draft as it was; a
    submission with figures missing says so on the report's page."""
    fill_all_figures(report, reporter)
    for outsider in (User.objects.get(username="tanan.baocao"), coordinator):
        client.force_login(outsider)
        assert client.post(report.urls.submit).status_code == 404
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    assert not report.changes.filter(kind=ChangeKind.SUBMITTED).exists()

    report.figures.filter(indicator__order=1).delete()
    client.force_login(reporter)
    response = client.post(report.urls.submit, follow=True)
    assert "Chưa gửi được: còn 1 chỉ tiêu chưa nhập" in unescape(response.content.decode())
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    assert report.figures.count() == report.campaign.report_form.indicators.count() - 1


def test_autosave_of_a_section_and_a_figure(signed_in, report):
    section, key = section_key(report)
    response = signed_in.post(
        reverse("reports:save_section", args=[report.pk, section.pk]),
        {key: "Ban hành Kế hoạch số 125/KH-UBND.", f"v-{key}": "0"},
        HTTP_HX_REQUEST="true",
    )
    assert "Đã lưu lúc" in response.content.decode()
    assert f'id="v-{key}" name="v-{key}" value="1" hx-swap-oob="true"' in response.content.decode()
    assert SectionText.objects.get(report=report).text == "Ban hành Kế hoạch số 125/KH-UBND."

    banners = report.campaign.report_form.indicators.get(code="banners")
    url = reverse("reports:save_figure", args=[report.pk, banners.pk])
    response = signed_in.post(url, {f"figure-{banners.pk}": "1.250", f"v-figure-{banners.pk}": "0"})
    assert "Đã lưu lúc" in response.content.decode()
    response = signed_in.post(url, {f"figure-{banners.pk}": "12,5", f"v-figure-{banners.pk}": "1"})
    assert (
        "Chỉ tiêu này là số nguyên, không có phần thập phân (sau dấu phẩy)."
        in response.content.decode()
    )
    assert report.figures.get(indicator=banners).value == 1250


def test_two_sessions_save_the_same_draft_and_the_second_is_told(client, report, reporter):
    from django.test import Client

    head = User.objects.get(username="benluc.lanhdao")
    first, second = Client(), Client()
    first.force_login(reporter)
    second.force_login(head)
    _section, key = section_key(report)
    banners = report.campaign.report_form.indicators.get(code="banners")
    fkey = f"figure-{banners.pk}"
    # Both load the draft: every field at version 0.
    assert f'name="v-{key}" value="0"' in first.get(report.urls.edit).content.decode()
    assert f'name="v-{key}" value="0"' in second.get(report.urls.edit).content.decode()

    response = first.post(
        report.urls.edit,
        {key: "Văn bản của người thứ nhất", f"v-{key}": "0", fkey: "10", f"v-{fkey}": "0"},
    )
    assert response.status_code == 302
    response = second.post(
        report.urls.edit,
        {key: "Văn bản của người thứ hai", f"v-{key}": "0", fkey: "20", f"v-{fkey}": "0"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("đã lưu mục này lúc") == 2
    assert "Văn bản của người thứ hai</textarea>" in page  # what they typed is still there
    assert 'value="20"' in page
    assert "Văn bản của người thứ nhất" in page  # and they see what changed
    assert SectionText.objects.get(report=report).text == "Văn bản của người thứ nhất"
    assert report.figures.get(indicator=banners).value == 10


def png_claiming(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1, 1)).save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("anh.jpg", b"Day la mot tep van ban, khong phai anh.\n" * 20, "không phải là ảnh"),
        ("lon.png", png_claiming(20_000, 20_000), "20.000 × 20.000"),
        ("nang.jpg", b"\xff\xd8\xff" + b"0" * (30 * 1024 * 1024 - 3), "Ảnh quá lớn: 30,0 MB"),
    ],
    ids=["renamed-text", "pixel-bomb", "30-mb"],
)
def test_bad_photos_get_a_message_at_the_photo_field_and_nothing_is_lost(
    signed_in, report, reporter, name, content, message
):
    from lifelong_week.reports.domain import save_section

    section, _key = section_key(report)
    save_section(report, section=section, text="Nội dung đã lưu", base_version=0, by=reporter)

    response = signed_in.post(
        report.urls.photos,
        {"image": SimpleUploadedFile(name, content), "caption": "Lễ khai mạc", "may_publish": "on"},
    )

    assert response.status_code == 200
    errors = response.context["photo_form"].errors["image"]
    assert len(errors) == 1
    assert message in errors[0]
    page = response.content.decode()
    assert 'value="Lễ khai mạc"' in page  # the caption typed is kept
    assert "Nội dung đã lưu</textarea>" in page
    assert not report.photos.exists()


def test_a_photo_with_a_gps_position_is_stored_without_it(signed_in, report, settings):
    exif = Image.Exif()
    exif[0x010F] = "Máy ảnh"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (10.0, 38.0, 12.5), 3: "E", 4: (106.0, 29.0, 3.0)})
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), "green").save(buffer, "JPEG", exif=exif)
    assert Image.open(io.BytesIO(buffer.getvalue())).getexif().get_ifd(0x8825)

    response = signed_in.post(
        report.urls.photos,
        {
            "image": SimpleUploadedFile("ben-luc.jpg", buffer.getvalue()),
            "caption": "Lớp học trực tuyến",
        },
    )

    assert response.status_code == 302
    photo = report.photos.get()
    with photo.image.open("rb") as stored:
        image = Image.open(stored)
        image.load()
        assert dict(image.getexif()) == {}
        assert not image.getexif().get_ifd(0x8825)
        assert "exif" not in image.info
    assert photo.may_publish is False


def test_submit_return_accept_through_the_pages(client, report, reporter, coordinator):
    fill_all_figures(report, reporter)
    client.force_login(reporter)
    response = client.post(report.urls.submit, follow=True)
    report.refresh_from_db()
    # Late by years (the 2021 deadline): the days grouped as on every page.
    late = format_number(report.days_late)
    assert report.days_late > 999
    assert f"Đã gửi báo cáo đến Sở GD&ĐT Long An (gửi muộn {late} ngày)." in unescape(
        response.content.decode()
    )

    client.force_login(coordinator)
    page = unescape(client.get(report.urls.edit).content.decode())
    assert "Sở GD&ĐT Long An xem xét báo cáo" in page
    response = client.post(
        report.urls.review, {"action": "return", "comment": "Thiếu ảnh lễ khai mạc."}
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED

    client.force_login(reporter)
    home = client.get(reverse("accounts:home")).content.decode()
    assert "Thiếu ảnh lễ khai mạc." in home
    assert "Thiếu ảnh lễ khai mạc." in client.get(report.urls.edit).content.decode()
    client.post(report.urls.submit)

    client.force_login(coordinator)
    client.post(report.urls.review, {"action": "accept"})
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    history = client.get(report.urls.history).content.decode()
    for step in ("Tạo báo cáo", "Gửi báo cáo", "Trả lại", "Tiếp nhận"):
        assert step in history


def test_a_reporter_cannot_accept_their_own_report(client, report, reporter):
    fill_all_figures(report, reporter)
    client.force_login(reporter)
    client.post(report.urls.submit)
    assert client.post(report.urls.review, {"action": "accept"}).status_code == 404
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
