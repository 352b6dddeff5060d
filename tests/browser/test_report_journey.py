"""The whole reporting journey in a real browser, as issue #3 tells it."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def jpeg(colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), colour).save(buffer, "JPEG")
    return buffer.getvalue()


def sign_out(page):
    page.get_by_role("button", name="Đăng xuất").click()


def open_notice(page, text: str):
    page.locator(".notices a", has_text=text).first.click()


def test_district_reports_and_the_province_reviews(page, sign_in, live_demo):
    page.set_default_timeout(15_000)
    # The district's reporter records the opening ceremony.
    sign_in("benluc.baocao")
    page.locator("ul.owed .what").click()
    page.get_by_role("link", name="Hoạt động đã tổ chức").click()
    page.get_by_role("link", name="Ghi nhận hoạt động").click()
    page.get_by_label("Loại hoạt động").select_option(label="Lễ khai mạc, phát động")
    page.get_by_label("Tên hoạt động").fill(
        "Lễ khai mạc Tuần lễ hưởng ứng học tập suốt đời huyện Bến Lức"
    )
    page.get_by_label("Bắt đầu").fill("2021-10-01T07:30")
    page.get_by_label("Địa điểm").fill("Trường THCS thị trấn Bến Lức")
    page.get_by_label("Người tham gia trực tiếp").fill("120")
    page.get_by_label("Người tham gia trực tuyến").fill("850")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".messages")).to_contain_text("Đã ghi nhận hoạt động")

    # Every section and every figure, "1.250" typed in one.
    page.locator("nav.nav").get_by_role("link", name="Việc của tôi").click()
    page.locator("ul.owed .what").click()
    report_url = page.url
    opening = page.get_by_label("Lễ khai mạc, phát động đã tổ chức")
    expect(opening).to_have_value("1")  # pre-filled from the event
    sections = page.locator("textarea[data-autosave]")
    expect(sections).to_have_count(8)
    for index in range(8):
        sections.nth(index).fill(
            f"Huyện Bến Lức — nội dung mục {index + 1}.\n- Thực hiện **đúng kế hoạch**"
        )
    figures = page.locator("input.figure-input")
    for index in range(figures.count()):
        figures.nth(index).fill("3")
    page.get_by_label("Băng rôn, khẩu hiệu đã treo").fill("1.250")
    page.get_by_label("Đơn vị đã ban hành kế hoạch tổ chức Tuần lễ").select_option("có")
    page.keyboard.press("Tab")
    saved = page.locator(".save-status .saved")
    expect(saved).to_have_count(8 + figures.count() + 1, timeout=60_000)

    # Two photos.
    for caption, colour in (
        ("Lễ khai mạc tại Trường THCS thị trấn Bến Lức", "red"),
        ("Lớp học trực tuyến qua Zoom", "blue"),
    ):
        page.get_by_label("Ảnh (JPEG, PNG hoặc WebP)").set_input_files(
            {"name": "anh.jpg", "mimeType": "image/jpeg", "buffer": jpeg(colour)}
        )
        page.get_by_label("Chú thích").fill(caption)
        page.get_by_label("Những người trong ảnh đồng ý cho đăng công khai").check()
        page.get_by_role("button", name="Tải ảnh lên").click()
        expect(page.locator(".messages")).to_contain_text("Đã thêm ảnh.")
    expect(page.locator("ul.photos li")).to_have_count(2)

    # Leave, come back: everything is there.
    page.locator("nav.nav").get_by_role("link", name="Việc của tôi").click()
    page.goto(report_url)
    expect(page.get_by_label("Băng rôn, khẩu hiệu đã treo")).to_have_value("1.250")
    expect(sections.nth(7)).to_have_value(
        "Huyện Bến Lức — nội dung mục 8.\n- Thực hiện **đúng kế hoạch**"
    )
    expect(page.locator("ul.photos li")).to_have_count(2)
    expect(page.locator("#problems")).to_contain_text("Đã nhập đủ số liệu")

    # Sending is one way: the report is shown as it will be printed first.
    page.get_by_role("button", name="Xem lại trước khi gửi").click()
    preview = page.locator("article.preview")
    expect(preview).to_contain_text("Huyện Bến Lức — nội dung mục 8.")
    expect(preview.locator("strong", has_text="đúng kế hoạch").first).to_be_visible()
    expect(preview.locator("tr", has_text="Băng rôn, khẩu hiệu đã treo")).to_contain_text("1.250")
    expect(preview).to_contain_text("Kèm 2 ảnh (2 ảnh được phép đăng công khai).")
    page.get_by_role("button", name="Gửi báo cáo", exact=True).click()
    expect(page.locator(".messages")).to_contain_text(
        re.compile(r"Đã gửi báo cáo đến Sở GD&ĐT Long An \(gửi muộn \d{1,3}(\.\d{3})* ngày\)")
    )
    expect(page.locator("[data-status]")).to_have_text("Đã gửi")
    sign_out(page)

    # The province returns it with a comment.
    sign_in("sogd.dieuphoi")
    open_notice(page, "UBND huyện Bến Lức đã gửi báo cáo")
    page.get_by_label("Ý kiến gửi đơn vị (bắt buộc khi trả lại)").fill(
        "Đề nghị kiểm tra lại số lớp tập huấn."
    )
    page.get_by_role("button", name="Trả lại kèm ý kiến").click()
    expect(page.locator("[data-status]")).to_have_text("Bị trả lại")
    sign_out(page)

    # The district sees the notice, fixes one figure, resubmits.
    sign_in("benluc.baocao")
    expect(page.locator(".notices")).to_contain_text("Đề nghị kiểm tra lại số lớp tập huấn.")
    open_notice(page, "bị trả lại")
    expect(page.locator(".returned")).to_contain_text("Đề nghị kiểm tra lại số lớp tập huấn.")
    trainings = page.get_by_label("Lớp tập huấn kỹ năng tìm kiếm, sử dụng thông tin trên Internet")
    trainings.fill("5")
    trainings.press("Tab")
    expect(page.locator(f"#{trainings.get_attribute('id')}-status .saved")).to_be_visible()
    page.get_by_role("button", name="Xem lại trước khi gửi").click()
    expect(page.locator("article.preview tr", has_text="Lớp tập huấn kỹ năng")).to_contain_text("5")
    page.get_by_role("button", name="Gửi báo cáo", exact=True).click()
    expect(page.locator("[data-status]")).to_have_text("Đã gửi")
    sign_out(page)

    # The province accepts; the history tells who did what, when.
    sign_in("sogd.dieuphoi")
    page.goto(report_url)
    page.get_by_role("button", name="Tiếp nhận").click()
    expect(page.locator("[data-status]")).to_have_text("Đã tiếp nhận")
    page.get_by_role("link", name="Lịch sử thay đổi").click()
    history = page.locator("table.history tbody")
    for kind, who in (
        ("accepted", "Chuyên viên Phòng GDTX (Sở GD&ĐT)"),
        ("returned", "Chuyên viên Phòng GDTX (Sở GD&ĐT)"),
        ("submitted", "Chuyên viên Phòng GD&ĐT huyện Bến Lức"),
        ("created", "Chuyên viên Phòng GD&ĐT huyện Bến Lức"),
        ("photo_added", "Chuyên viên Phòng GD&ĐT huyện Bến Lức"),
    ):
        row = history.locator(f"tr[data-kind={kind}]").first
        expect(row).to_contain_text(who)
        expect(row.locator("td").first).to_have_text(
            re.compile(r"\d{2}:\d{2}:\d{2} \d{2}/\d{2}/\d{4}")
        )
    expect(history.locator("tr[data-kind=submitted]")).to_have_count(2)
    expect(history.locator("tr[data-kind=figure]", has_text="Lớp tập huấn").first).to_contain_text(
        "3 → 5"
    )
