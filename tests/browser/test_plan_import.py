"""The Department's coordinator imports the province's plan document in the
browser: corrects a field beside the source, decides on a body the tree does
not have, and creates the campaign."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.campaigns.test_plan_import_views import (
    EXTRA_BODY,
    EXTRA_DUTY,
    seed_with_extra_body,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CORRECTED_TITLE = "Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2021 trên địa bàn tỉnh Long An"
NEW_UNIT = "Trung tâm Văn hóa - Thể thao tỉnh Long An"


def test_coordinator_imports_the_seed_plan_and_creates_the_campaign(sign_in, live_demo, tmp_path):
    plan = tmp_path / "ke-hoach-tuan-le-htsd-2021-long-an.txt"
    plan.write_text(seed_with_extra_body(), encoding="utf-8")
    page = sign_in("sogd.dieuphoi")
    heading = page.get_by_role("heading", level=1)

    page.goto(f"{live_demo.url}/ke-hoach/nhap/")
    page.get_by_label("Tệp kế hoạch").set_input_files(plan)
    page.get_by_role("button", name="Đọc văn bản").click()

    # The fields beside the source: choosing one lights up its lines.
    expect(heading).to_have_text("Rà soát nội dung kế hoạch")
    expect(page.get_by_label("Đơn vị ban hành (trong hệ thống)")).to_have_value(re.compile(r"\d+"))
    title = page.get_by_label("Trích yếu (tên kế hoạch)")
    expect(title).to_have_value("Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2021")
    page.wait_for_load_state()  # the page's script listens for focus once it has run
    title.focus()
    expect(page.locator("#L8")).to_have_class("hl")
    expect(page.locator("#L8")).to_contain_text("Tổ chức Tuần lễ hưởng ứng học tập suốt đời")
    date = page.locator(".pi-field", has=page.get_by_label("Ngày ban hành"))
    expect(date).to_contain_text("Không tìm thấy trong văn bản")
    title.fill(CORRECTED_TITLE)
    page.get_by_role("button", name="Lưu và đối chiếu cơ quan").click()

    # Every body matched but the one the tree does not have yet.
    expect(heading).to_have_text("Đối chiếu cơ quan với đơn vị")
    expect(page.get_by_role("status")).to_have_text("Còn 1 cơ quan chưa khớp, cần quyết định.")
    body = page.get_by_role("region", name=EXTRA_BODY, exact=True)
    expect(body).to_contain_text("Chưa khớp")
    districts = page.get_by_role("region", name="UBND các huyện, thị xã, thành phố", exact=True)
    expect(districts).to_contain_text("Khớp nhóm: 15 đơn vị")
    body.get_by_label("Tạo đơn vị mới").check()
    body.get_by_label("Tên đơn vị mới").fill(NEW_UNIT)
    body.get_by_label("Loại đơn vị").select_option(label="Thư viện, bảo tàng, nhà văn hóa")
    body.get_by_label("Thuộc đơn vị (báo cáo về)").select_option(
        label="Sở Giáo dục và Đào tạo tỉnh Long An"
    )
    page.get_by_role("button", name="Lưu và tiếp tục").click()

    expect(heading).to_have_text("Tạo kế hoạch từ văn bản")
    expect(page.get_by_label("Theo hướng dẫn của (kế hoạch cấp trên)")).not_to_have_value("")
    page.get_by_role("button", name="Tạo kế hoạch").click()

    # The campaign page, with the corrected title and the new unit's duties.
    expect(heading).to_have_text(CORRECTED_TITLE)
    expect(page.locator(".messages")).to_contain_text(f"Đã tạo kế hoạch “{CORRECTED_TITLE}”")
    assignments = page.locator("#phan-cong")
    expect(assignments.locator("h3")).to_have_count(7)
    expect(assignments).to_contain_text(EXTRA_DUTY)
    expect(page.locator("#bao-cao")).to_contain_text("23 đơn vị báo cáo")
