"""A clerk's report entry without stumbles (issue 18, defect 10): warnings at
the field as the clerk types, a checklist that links to each field, a preview
before the one-way "send", and a home page that knows the report was sent."""

from __future__ import annotations

import datetime as dt
import io
import re
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from PIL import Image

from lifelong_week.accounts.models import User
from lifelong_week.reports.domain import add_photo, save_section, submit_report
from lifelong_week.reports.enums import ReportStatus
from tests.reports.conftest import fill_all_figures

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CEILING = "Số lớp miễn phí lớn hơn tổng số lớp trực tuyến."


@pytest.fixture
def signed_in(client, reporter):
    client.force_login(reporter)
    return client


def jpeg() -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), "red").save(buffer, "JPEG")
    buffer.seek(0)
    return buffer


def indicator(report, code):
    return report.campaign.report_form.indicators.get(code=code)


def field_warnings(html: str, pk: int) -> str:
    """The inside of one figure's warnings box (an empty string: no warning)."""
    found = re.search(
        rf'<div class="field-warnings" id="figure-{pk}-warnings"[^>]*>(.*?)</div>', html, re.S
    )
    assert found, f"no warnings box for figure {pk}"
    return unescape(found.group(1))


def autosave(client, report, code, raw, **extra):
    target = indicator(report, code)
    row = report.figures.filter(indicator=target).first()
    data = {f"figure-{target.pk}": raw, f"v-figure-{target.pk}": row.version if row else 0}
    data.update(extra)
    response = client.post(
        reverse("reports:save_figure", args=[report.pk, target.pk]), data, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    return response.content.decode()


def test_typing_the_classes_updates_the_warning_under_the_free_classes(signed_in, report):
    free, classes = indicator(report, "free_classes"), indicator(report, "online_classes")
    autosave(signed_in, report, "online_classes", "25")

    answer = autosave(signed_in, report, "free_classes", "20")
    assert field_warnings(answer, free.pk) == ""

    # 12 classes, 20 of them free: said under "free classes" as the clerk types
    # the classes, in the answer to that autosave.
    answer = autosave(signed_in, report, "online_classes", "12")
    box = field_warnings(answer, free.pk)
    assert CEILING in box
    assert f'name="note-{free.pk}"' in box
    assert f'id="figure-{free.pk}-warnings" hx-swap-oob="true"' in answer
    assert f'id="figure-{classes.pk}-warnings" hx-swap-oob="true"' in answer
    # Not a figure no rule ties to online classes.
    banners = indicator(report, "banners")
    assert f"figure-{banners.pk}-warnings" not in answer

    # The checklist names it and links to where the explanation goes.
    assert f'<a href="#note-{free.pk}">Trong đó: lớp miễn phí hoặc thu phí thấp</a>: {CEILING}' in (
        unescape(answer)
    )

    answer = autosave(signed_in, report, "online_classes", "20")
    assert field_warnings(answer, free.pk) == ""


def test_a_field_not_reached_yet_is_missing_not_warned(signed_in, report):
    learners = indicator(report, "online_learners")
    answer = autosave(signed_in, report, "online_classes", "3")
    assert field_warnings(answer, learners.pk) == ""
    answer = autosave(signed_in, report, "online_learners", "0")
    assert "Có lớp học trực tuyến nhưng số học viên bằng 0." in field_warnings(answer, learners.pk)


def test_an_explanation_typed_at_the_field_is_saved_and_the_checklist_clears(
    signed_in, report, reporter
):
    fill_all_figures(report, reporter, online_classes="12", free_classes="20")
    free = indicator(report, "free_classes")
    answer = autosave(
        signed_in, report, "free_classes", "20", **{f"note-{free.pk}": "Gồm lớp của các trường."}
    )
    assert report.figures.get(indicator=free).note == "Gồm lớp của các trường."
    assert "Đã nhập đủ số liệu. Có thể gửi báo cáo." in unescape(answer)
    assert f'<p class="explained">{CEILING}</p>' in field_warnings(answer, free.pk)


def test_without_javascript_the_whole_form_shows_warnings_at_their_fields(signed_in, report):
    attendance = indicator(report, "opening_attendance")
    free, classes = indicator(report, "free_classes"), indicator(report, "online_classes")
    response = signed_in.post(
        report.urls.edit,
        {
            f"figure-{attendance.pk}": "3.200.000",
            f"v-figure-{attendance.pk}": "0",
            f"figure-{classes.pk}": "12",
            f"v-figure-{classes.pk}": "0",
            f"figure-{free.pk}": "20",
            f"v-figure-{free.pk}": "0",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Đã lưu báo cáo." in page
    assert "Cao bất thường: thường không quá 20.000 lượt người." in field_warnings(
        page, attendance.pk
    )
    assert CEILING in field_warnings(page, free.pk)
    assert field_warnings(page, classes.pk) == ""
    assert "Cần giải trình" not in page  # no separate box below the table

    # The explanation posted with the whole form is kept.
    response = signed_in.post(
        report.urls.edit,
        {
            f"figure-{free.pk}": "20",
            f"v-figure-{free.pk}": "1",
            f"note-{free.pk}": "Gồm lớp của các trường.",
        },
        follow=True,
    )
    assert report.figures.get(indicator=free).note == "Gồm lớp của các trường."
    assert 'value="Gồm lớp của các trường."' in field_warnings(
        response.content.decode(), free.pk
    ).replace("&quot;", '"')


def test_the_checklist_links_each_item_to_its_field(signed_in, report, reporter):
    fill_all_figures(report, reporter, online_learners="0")
    learners, banners = indicator(report, "online_learners"), indicator(report, "banners")
    report.figures.filter(indicator=banners).delete()
    page = unescape(signed_in.get(report.urls.edit).content.decode())
    problems = page[page.index('<div id="problems">') :]
    assert f'<a href="#figure-{banners.pk}">Băng rôn, khẩu hiệu đã treo</a>' in problems
    assert (
        f'<a href="#note-{learners.pk}">Học viên tham gia lớp học, khóa học trực tuyến</a>: '
        "Có lớp học trực tuyến nhưng số học viên bằng 0."
    ) in problems
    assert f'id="note-{learners.pk}"' in page
    assert f'id="figure-{banners.pk}"' in page


def test_sending_goes_through_a_preview_of_the_printed_report(signed_in, report, reporter):
    fill_all_figures(report, reporter, banners="1.250", online_classes="12", free_classes="20")
    free = indicator(report, "free_classes")
    section = report.campaign.report_form.sections.first()
    save_section(
        report, section=section, text="Ban hành **Kế hoạch số 125**.", base_version=0, by=reporter
    )
    add_photo(
        report, data=jpeg(), filename="a.jpg", caption="Lễ khai mạc", may_publish=True, by=reporter
    )

    # "Xem lại trước khi gửi" posts the whole form, then shows the preview.
    response = signed_in.post(report.urls.edit, {"next": "xem-truoc"})
    assert response.status_code == 302
    assert response.url == report.urls.submit

    preview = unescape(signed_in.get(report.urls.submit).content.decode())
    assert "Xem lại trước khi gửi" in preview
    assert "<p>Ban hành <strong>Kế hoạch số 125</strong>.</p>" in preview
    assert '<td>Băng rôn, khẩu hiệu đã treo</td><td>cái</td><td class="num">1.250</td>' in preview
    assert "Kèm 1 ảnh (1 ảnh được phép đăng công khai)." in preview
    assert f"{CEILING}" in preview
    assert "Chưa giải trình." in preview
    assert "Chưa gửi được" in preview
    assert ">Gửi báo cáo</button>" not in preview  # not while a warning is unexplained
    assert f'href="{report.urls.edit}#note-{free.pk}"' in preview
    assert f'<a class="btn secondary" href="{report.urls.edit}">Quay lại sửa</a>' in preview
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT  # looking sends nothing

    row = report.figures.get(indicator=free)
    row.note = "Gồm lớp của các trường."
    row.save()
    preview = unescape(signed_in.get(report.urls.submit).content.decode())
    assert "Giải trình: Gồm lớp của các trường." in preview
    assert ">Gửi báo cáo</button>" in preview
    assert "Chưa gửi được" not in preview

    response = signed_in.post(report.urls.submit, follow=True)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    # Once sent, the preview leads back to the (read-only) report.
    assert signed_in.get(report.urls.submit).url == report.urls.edit


def test_only_the_unit_previews_its_report(client, report, coordinator):
    for other in (User.objects.get(username="tanan.baocao"), coordinator):
        client.force_login(other)
        assert client.get(report.urls.submit).status_code == 404


def owed_list(client) -> str:
    page = unescape(client.get(reverse("accounts:home")).content.decode())
    owed = page[page.index('<ul class="owed">') :]
    return owed[: owed.index("</ul>")]


def test_after_sending_the_home_shows_the_report_sent_not_overdue(signed_in, report, reporter):
    fill_all_figures(report, reporter)
    before = owed_list(signed_in)
    assert '<li class="late">' in before  # 2021's deadline passed long ago
    assert not re.search(r"[Gg]ửi (muộn|trễ)", before)

    submit_report(report, by=reporter, now=dt.datetime(2021, 10, 18, 9, tzinfo=VN))
    after = owed_list(signed_in)
    assert re.search(r"[Gg]ửi (muộn|trễ) 4 ngày", after)
    assert "quá hạn" not in after.lower()
    assert "không gửi" not in after.lower()
    assert '<li class="done">' in after
    assert '<li class="late">' not in after
