"""The Department's coordinator at the deadline, in a real browser (issue #4):
follows the step, reminds the late units, drafts the consolidated report,
edits it, and downloads the official .docx and its appendix .xlsx — and the
.docx, opened by LibreOffice, carries the totals."""

from __future__ import annotations

import re

import openpyxl
import pytest
from django.core import mail
from playwright.sync_api import expect

from lifelong_week.campaigns.models import Campaign
from lifelong_week.core.numbers import format_number
from lifelong_week.reports.enums import SENT_STATUSES
from lifelong_week.reports.models import Report
from lifelong_week.reports.rollup import rollup
from tests.office import convert_to_pdf, flat, pdf_text, require_office

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_follows_reminds_and_sends_the_consolidated_report(
    page, sign_in, live_demo, tmp_path
):
    require_office()
    page.set_default_timeout(20_000)
    campaign = Campaign.objects.get(slug="long-an-2021")
    step1, step2 = campaign.steps.get(order=1), campaign.steps.get(order=2)
    expected = step1.senders.count()
    sent = Report.objects.filter(step=step1, status__in=SENT_STATUSES).count()
    assert expected == 22  # the 15 districts and 7 other bodies of the plan

    sign_in("sogd.dieuphoi")
    page.goto(f"{live_demo.url}/bao-cao/buoc/{step1.pk}/")
    rows = page.locator("table.board tbody tr")
    expect(rows).to_have_count(expected)
    expect(page.locator("[data-figure=completeness]")).to_contain_text(
        f"{sent}/{expected} đơn vị · {round(100 * sent / expected)}%"
    )
    expect(page.locator("table.board tr[data-unit='803']")).to_contain_text("Chưa bắt đầu")
    expect(page.locator("table.board tr[data-unit='794']")).to_contain_text("Đã tiếp nhận")
    expect(page.locator("table.board tr[data-unit='806']")).to_contain_text("Bị trả lại")

    # Only the units that have not sent, through the filter.
    page.get_by_label("Lọc").select_option(label="Chưa gửi")
    expect(rows).to_have_count(expected - sent)

    # Remind them: the confirmation names who will receive it.
    page.get_by_role("link", name="Nhắc các đơn vị chưa gửi…").click()
    expect(page.locator("main")).to_contain_text("UBND huyện Bến Lức")
    mail.outbox.clear()
    page.get_by_role("button", name="Gửi nhắc nhở").click()
    expect(page.locator(".messages")).to_contain_text(re.compile(r"Đã gửi thư nhắc đến \d+ đơn vị"))
    reminded = {m.to[0] for m in mail.outbox}
    assert "benluc.baocao@demo.invalid" in reminded
    assert "tanan.baocao@demo.invalid" not in reminded  # Tân An has sent

    # The Department's own report to the Ministry, drafted from the units'.
    page.goto(f"{live_demo.url}/bao-cao/buoc/{step2.pk}/don-vi/80-SGDDT/")
    page.get_by_role("button", name="Bắt đầu nhập báo cáo").click()  # a GET creates nothing
    page.get_by_role("button", name="Lập dự thảo từ báo cáo của các đơn vị").click()
    expect(page.locator(".messages")).to_contain_text("Đã điền")
    first_section = page.locator("textarea[data-autosave]").first
    expect(first_section).to_contain_text("UBND thành phố Tân An")
    first_section.fill("Toàn tỉnh đã tổ chức Tuần lễ theo đúng kế hoạch (bản đã biên tập).")
    page.keyboard.press("Tab")
    expect(page.locator(".save-status .saved").first).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("link", name="Tải văn bản (.docx)").click()
    docx = tmp_path / "bao-cao-tong-hop.docx"
    download.value.save_as(docx)
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải phụ lục (.xlsx)").click()
    xlsx = tmp_path / "phu-luc.xlsx"
    download.value.save_as(xlsx)

    # LibreOffice opens the .docx: header, edited text and the roll-up's totals.
    text = flat(pdf_text(convert_to_pdf([docx], tmp_path)[0]))
    assert "SỞ GIÁO DỤC VÀ ĐÀO TẠO" in text
    assert "bản đã biên tập" in text
    totals = rollup(campaign, step1.receiver, step=step1)
    learners = next(t for t in totals.totals if t.indicator.code == "online_learners")
    assert learners.total and format_number(learners.total) in text

    # The appendix workbook: one row per expected unit, figures as numbers.
    sheet = openpyxl.load_workbook(xlsx, read_only=True).active
    table = list(sheet.iter_rows(values_only=True))
    width = len(table[0])
    table = [row + (None,) * (width - len(row)) for row in table]  # empty cells at the end
    assert table[0][:4] == ("TT", "Mã đơn vị", "Đơn vị", "Tình trạng")
    *units, total = table[1:]
    assert len(units) == expected
    assert total[2] == "Cộng (các báo cáo được tính)"
    by_code = {row[1]: row for row in units}
    assert by_code["803"][3] == "Không gửi"  # printed years after the 2021 campaign ended
    column = table[0].index(
        next(h for h in table[0] if str(h).startswith(learners.indicator.label))
    )
    # Only the reports that count carry figures; they add up to the total.
    assert sum(row[column] or 0 for row in units) == total[column] == learners.total
