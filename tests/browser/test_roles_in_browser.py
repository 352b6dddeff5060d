"""A unit reporter and the coordinator sign in and each sees their own work."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_home_shows_the_theme_without_signing_in(page, live_demo):
    page.goto(live_demo.url)
    expect(page.locator(".hero .theme")).to_have_text(
        "“Chuyển đổi số và cơ hội học tập suốt đời cho tất cả mọi người trong bối cảnh "
        "đại dịch COVID-19”"
    )
    expect(page.locator(".hero ul.slogans li")).to_have_count(4)


def test_district_reporter_sees_what_the_district_owes(sign_in):
    page = sign_in("benluc.baocao")

    unit = page.locator(
        "section.card", has=page.get_by_role("heading", name="Ủy ban nhân dân huyện Bến Lức")
    )
    expect(unit).to_be_visible()
    owed = unit.locator("ul.owed")
    expect(owed.locator("li")).to_have_count(1)
    expect(owed).to_contain_text("Sở GD&ĐT Long An")
    expect(owed).to_contain_text("Hạn nộp: trước ngày 15/10/2021")
    # The 2021 campaign is over: a unit that never sent did not send, it is
    # not "quá hạn 1.881 ngày".
    expect(owed.locator("[data-sending]")).to_have_text("Không gửi")
    expect(owed).not_to_contain_text("quá hạn")
    expect(unit).to_contain_text(
        "Xây dựng và triển khai thực hiện kế hoạch tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2021 tại địa phương."
    )
    # One click into the report; a reporter cannot change the plan and sees
    # only their own unit in the tree.
    owed.locator(".what").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ủy ban nhân dân huyện Bến Lức")
    page.locator("main").get_by_role(
        "link", name="Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2021"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2021"
    )
    expect(page.get_by_role("link", name="Sửa thông tin chung")).to_have_count(0)
    page.get_by_role("link", name="Đơn vị", exact=True).click()
    expect(page.locator(".tree a")).to_have_text(["Ủy ban nhân dân huyện Bến Lức"])


def test_coordinator_sees_the_campaign_and_every_assigned_unit(sign_in):
    page = sign_in("sogd.dieuphoi")

    desk = page.locator(
        "section.card", has=page.get_by_role("heading", name="Sở Giáo dục và Đào tạo tỉnh Long An")
    )
    expect(desk).to_contain_text("Đơn vị chủ trì, tổng hợp")
    receiving = desk.locator("table").last
    expect(receiving).to_contain_text("các sở ngành, đoàn thể, UBND các huyện, thị xã, thành phố")
    expect(receiving.locator("td.num").first).to_have_text("22")

    desk.get_by_role(
        "link", name="Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2021", exact=True
    ).click()
    expect(page.get_by_role("link", name="Sửa thông tin chung")).to_be_visible()
    expect(page.locator("#phan-cong h3")).to_have_count(6)
    expect(page.locator("#bao-cao")).to_contain_text("22 đơn vị báo cáo")

    page.get_by_role("link", name="Đơn vị", exact=True).click()
    page.get_by_role("searchbox").fill("ben luc")
    expect(page.locator("#results tbody tr")).to_have_count(1)
    expect(page.locator("#results")).to_contain_text("Ủy ban nhân dân huyện Bến Lức")
