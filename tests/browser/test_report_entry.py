"""A clerk's report entry in a real browser (issue 18, defect 10): a warning
appears at its field while the clerk types, the checklist links to it, the
report is previewed before it goes, with and without JavaScript, and the home
page then shows it as sent."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CEILING = "Số lớp miễn phí lớn hơn tổng số lớp trực tuyến."
FREE = "Trong đó: lớp miễn phí hoặc thu phí thấp"
CLASSES = "Lớp học, khóa học trực tuyến đã tổ chức"
ATTENDANCE = "Người tham dự lễ khai mạc (trực tiếp và trực tuyến)"


def open_report(page):
    page.locator("ul.owed .what").click()
    expect(page.locator("h1")).to_have_text("Ủy ban nhân dân huyện Bến Lức")


def saved(page, field):
    expect(page.locator(f"#{field.get_attribute('id')}-status .saved")).to_be_visible()


def type_figure(page, label: str, value: str):
    field = page.get_by_label(label, exact=True)
    field.fill(value)
    field.press("Tab")
    saved(page, field)
    return field


def warnings_of(page, label: str):
    field = page.get_by_label(label, exact=True)
    return page.locator(f"#{field.get_attribute('id')}-warnings")


def test_a_warning_follows_the_figures_as_the_clerk_types(page, sign_in):
    page.set_default_timeout(20_000)
    sign_in("benluc.baocao")
    open_report(page)

    type_figure(page, CLASSES, "25")
    type_figure(page, FREE, "20")
    expect(warnings_of(page, FREE)).to_be_empty()

    # Fewer classes than free classes: said under "free classes" at once.
    type_figure(page, CLASSES, "12")
    expect(warnings_of(page, FREE)).to_contain_text(CEILING)
    expect(warnings_of(page, CLASSES)).to_be_empty()
    note = warnings_of(page, FREE).get_by_label("Giải trình ngắn")
    expect(note).to_be_visible()

    # The checklist names it, as a link to the explanation box.
    link = page.locator("#problems a", has_text=FREE)
    expect(link).to_have_attribute("href", f"#{note.get_attribute('id')}")
    link.click()
    expect(page).to_have_url(re.compile(f"#{note.get_attribute('id')}$"))
    expect(note).to_be_in_viewport()

    # An explanation typed there is kept while the figure around it is saved again.
    note.fill("Gồm cả lớp của các trường")
    note.press("Tab")
    expect(page.locator("#problems")).not_to_contain_text(CEILING)
    type_figure(page, CLASSES, "11")
    expect(warnings_of(page, FREE).get_by_label("Giải trình ngắn")).to_have_value(
        "Gồm cả lớp của các trường"
    )

    # Back to a plausible number of classes: the warning goes.
    type_figure(page, CLASSES, "20")
    expect(warnings_of(page, FREE)).to_be_empty()

    # 3.200.000 people at a district's opening ceremony: saved, but questioned.
    type_figure(page, ATTENDANCE, "3.200.000")
    expect(warnings_of(page, ATTENDANCE)).to_contain_text(
        "Cao bất thường: thường không quá 20.000 lượt người."
    )
    expect(page.locator("#problems")).to_contain_text(ATTENDANCE)


def test_without_javascript_the_clerk_sees_warnings_at_fields_previews_and_sends(
    browser, live_demo
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{live_demo.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("benluc.baocao")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    open_report(page)

    for index in range(page.locator("input.figure-input").count()):
        page.locator("input.figure-input").nth(index).fill("3")
    page.get_by_label("Đơn vị đã ban hành kế hoạch tổ chức Tuần lễ").select_option("có")
    page.get_by_label(CLASSES, exact=True).fill("12")
    page.get_by_label(FREE, exact=True).fill("20")
    page.get_by_label(ATTENDANCE, exact=True).fill("3.200.000")
    page.get_by_role("button", name="Lưu báo cáo").click()

    expect(page.locator(".messages")).to_contain_text("Đã lưu báo cáo.")
    expect(warnings_of(page, FREE)).to_contain_text(CEILING)
    expect(warnings_of(page, ATTENDANCE)).to_contain_text("Cao bất thường")

    # The preview says what still stops it, with links back to the fields.
    page.get_by_role("button", name="Xem lại trước khi gửi").click()
    expect(page.locator("h1")).to_have_text("Xem lại trước khi gửi")
    expect(page.locator("#chua-gui-duoc")).to_contain_text("2 cảnh báo cần giải trình")
    expect(page.get_by_role("button", name="Gửi báo cáo", exact=True)).to_have_count(0)
    page.locator("#chua-gui-duoc a", has_text=FREE).click()

    warnings_of(page, FREE).get_by_label("Giải trình ngắn").fill("Gồm cả lớp của các trường")
    warnings_of(page, ATTENDANCE).get_by_label("Giải trình ngắn").fill(
        "Tính cả lượt xem truyền hình trực tiếp"
    )
    page.get_by_role("button", name="Xem lại trước khi gửi").click()
    preview = page.locator("article.preview")
    expect(preview).to_contain_text("Giải trình: Gồm cả lớp của các trường")
    expect(preview).to_contain_text("Giải trình: Tính cả lượt xem truyền hình trực tiếp")
    expect(preview.locator("tr", has_text=ATTENDANCE)).to_contain_text("3.200.000")

    page.get_by_role("button", name="Gửi báo cáo", exact=True).click()
    expect(page.locator("[data-status]")).to_have_text("Đã gửi")

    # Home: sent (late, in 2021's terms), no longer overdue.
    page.locator("nav.nav").get_by_role("link", name="Việc của tôi").click()
    owed = page.locator("ul.owed li").first
    expect(owed).to_contain_text(re.compile(r"[Gg]ửi (muộn|trễ) [\d.]+ ngày"))
    expect(owed).not_to_contain_text(re.compile("quá hạn|Không gửi", re.IGNORECASE))
    expect(owed).to_have_class("done")
    context.close()
