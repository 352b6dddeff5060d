"""A coordinator imports a plan document: upload, review beside the source,
decide on unmatched bodies, create the campaign — and nobody else sees the draft."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lifelong_week.accounts.enums import Role
from lifelong_week.accounts.models import User
from lifelong_week.campaigns.models import Campaign, PlanImport
from lifelong_week.campaigns.plan_import.domain import MAX_UPLOAD_BYTES
from lifelong_week.demo.long_an import SEED_PLAN
from lifelong_week.orgs.enums import AdminLevel, UnitKind
from lifelong_week.orgs.models import OrgUnit
from tests.factories import OrgUnitFactory, member

EXTRA_BODY = "Trung tâm Văn hóa - Thể thao tỉnh"
EXTRA_DUTY = (
    "Tổ chức các hoạt động văn hóa, thể thao hưởng ứng Tuần lễ học tập suốt đời năm 2021 "
    "tại Trung tâm."
)
CORRECTED_TITLE = "Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2021 trên địa bàn tỉnh Long An"


def seed_with_extra_body() -> str:
    """The seed plan with one more assignment, to a body the tree does not have yet."""
    text = SEED_PLAN.read_text(encoding="utf-8")
    extra = f"7. {EXTRA_BODY}\n\n- {EXTRA_DUTY}\n\n"
    return text.replace("V. CÔNG TÁC THÔNG TIN, BÁO CÁO", extra + "V. CÔNG TÁC THÔNG TIN, BÁO CÁO")


def upload_file(name: str = "ke-hoach.txt", data: bytes | None = None) -> SimpleUploadedFile:
    if data is None:
        data = seed_with_extra_body().encode("utf-8")
    return SimpleUploadedFile(name, data)


@pytest.fixture
def coordinator(demo):
    return User.objects.get(username="sogd.dieuphoi")


@pytest.fixture
def department(demo):
    return demo.units["80-SGDDT"]


def upload(client, department, file=None, **extra):
    return client.post(
        reverse("campaigns:plan_import"),
        {"document": file or upload_file(), "coordinator": department.pk, "issuer": "", **extra},
    )


@pytest.fixture
def draft(client, coordinator, department) -> PlanImport:
    client.force_login(coordinator)
    response = upload(client, department)
    assert response.status_code == 302
    return PlanImport.objects.get()


def review_post(client, draft: PlanImport, **changes) -> dict:
    """The review form as the page sends it, with ``changes`` typed over it."""
    page = client.get(draft.urls.review)
    form = page.context["form"]
    data = {name: _flat(form[name].value()) for name in form.fields}
    for formset in (
        page.context["activities"],
        page.context["assignments"],
        page.context["deadlines"],
    ):
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for row in formset.forms:
            for name in row.fields:
                if name == "DELETE":
                    continue
                data[row.add_prefix(name)] = _flat(row[name].value())
    data.update(changes)
    return data


def _flat(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(value)
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return value


def bodies_post(client, draft: PlanImport, decisions: dict[str, dict]) -> dict:
    page = client.get(draft.urls.bodies)
    data = {"version": draft.version}
    for row, form, _lines in page.context["rows"]:
        data[form.add_prefix("body")] = row.body
        if row.action:
            data[form.add_prefix("action")] = row.action
        for key, value in decisions.get(row.body, {}).items():
            data[form.add_prefix(key)] = value
    return data


def create_post(client, draft: PlanImport, **changes) -> dict:
    """The create form as the page sends it (its defaults), with ``changes``."""
    form = client.get(draft.urls.create).context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        data[name] = getattr(value, "pk", value) if value is not None else ""
    data.update(changes)
    return data


# --- Upload ---------------------------------------------------------------------------


def test_upload_keeps_the_file_and_finds_the_issuer_named_in_the_plan(draft, demo):
    assert draft.issuer == demo.units["80"]
    assert draft.coordinator == demo.units["80-SGDDT"]
    assert draft.source_file.name.startswith("plans/")
    assert draft.source_file.read().decode("utf-8") == seed_with_extra_body()
    assert draft.plan["assignments"][-1] == {"body": EXTRA_BODY, "duties": [EXTRA_DUTY]}
    assert draft.extracted["plan"] == draft.plan
    assert draft.created_by.username == "sogd.dieuphoi"


def test_review_shows_each_field_with_its_source_lines(client, draft):
    response = client.get(draft.urls.review)

    assert response.status_code == 200
    page = response.content.decode()
    # The title is line 8 of the document; the date was left blank in the plan.
    assert 'data-lines="8-8"' in page
    assert 'href="#L8">dòng 8</a>' in page
    assert '<li id="L8"><span class="ln" aria-hidden="true">8</span>' in page
    date = next(
        fv
        for _title, fields in response.context["sections"]
        for fv in fields
        if fv.field.name == "date"
    )
    assert date.missing is True
    assert "Không tìm thấy trong văn bản" in page
    assert "đã suy ra “UBND tỉnh Long An” từ nội dung văn bản" in page


def test_a_docx_plan_is_read_too(client, coordinator, department):
    document = docx.Document()
    for line in seed_with_extra_body().splitlines():
        if line.strip():
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    client.force_login(coordinator)

    response = upload(client, department, upload_file("Kế hoạch 2021.docx", buffer.getvalue()))

    assert response.status_code == 302
    draft = PlanImport.objects.get()
    assert draft.plan["title"] == "Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2021"
    assert draft.source_name == "Kế hoạch 2021.docx"
    assert draft.source_file.name.endswith(".docx")


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "không phải Word")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "ke-hoach.doc",
            b"\xd0\xcf\x11\xe0 old word",
            "Chỉ nhận tệp Word (.docx), văn bản (.txt) hoặc PDF (.pdf).",
        ),
        (
            "ke-hoach.exe",
            b"MZ\x90\x00",
            "Chỉ nhận tệp Word (.docx), văn bản (.txt) hoặc PDF (.pdf).",
        ),
        (
            "ke-hoach.docx",
            "Kế hoạch".encode(),
            "Tệp có đuôi .docx nhưng nội dung không phải tệp Word.",
        ),
        ("ke-hoach.docx", _zip_bytes(), "Tệp Word (.docx) bị hỏng hoặc không đúng định dạng."),
        ("ke-hoach.pdf", b"just text", "Tệp có đuôi .pdf nhưng nội dung không phải tệp PDF."),
        ("ke-hoach.pdf", b"%PDF-1.4 broken", "Tệp PDF bị hỏng hoặc không đúng định dạng."),
        (
            "ke-hoach.txt",
            b"%PDF-1.4",
            "Tệp có đuôi .txt nhưng nội dung không phải văn bản thuần (có thể là Word/PDF).",
        ),
        ("ke-hoach.txt", b"\n\n   \n", "Tệp không có chữ nào để đọc."),
        (
            "ke-hoach.txt",
            "Xin chào.\nHẹn gặp lại.".encode(),
            "Không nhận ra nội dung kế hoạch trong tệp.",
        ),
    ],
)
def test_a_bad_file_gets_a_message_at_the_file_field(
    client, coordinator, department, name, data, message
):
    client.force_login(coordinator)

    response = upload(client, department, upload_file(name, data))

    assert response.status_code == 200
    assert response.context["form"].errors == {"document": [message]}
    assert response.context["form"]["coordinator"].value() == str(department.pk)
    assert not PlanImport.objects.exists()


def test_an_empty_or_too_big_file_is_refused(client, coordinator, department):
    client.force_login(coordinator)

    empty = upload(client, department, upload_file("ke-hoach.txt", b""))
    big = upload(client, department, upload_file("ke-hoach.txt", b"a" * (MAX_UPLOAD_BYTES + 1)))

    assert empty.context["form"].errors == {"document": ["Tệp rỗng, không có nội dung."]}
    assert big.context["form"].errors == {"document": ["Tệp quá lớn: tối đa 10 MB."]}
    assert not PlanImport.objects.exists()


# --- Who sees what ------------------------------------------------------------------------


@pytest.fixture
def outsider(demo):
    other = OrgUnitFactory(
        code="72",
        name="Ủy ban nhân dân tỉnh Tây Ninh",
        kind=UnitKind.PEOPLES_COMMITTEE,
        admin_level=AdminLevel.PROVINCE,
        parent=demo.units["BGDDT"],
    )
    return member(other, Role.COORDINATOR, user__username="outsider")


@pytest.mark.parametrize("username", ["sogd.baocao", "benluc.baocao", "bo.theodoi"])
def test_who_does_not_coordinate_cannot_import(client, demo, username):
    client.force_login(User.objects.get(username=username))

    assert client.get(reverse("campaigns:plan_import")).status_code == 404
    response = client.post(
        reverse("campaigns:plan_import"),
        {"document": upload_file(), "coordinator": demo.units["80-SGDDT"].pk},
    )
    assert response.status_code == 404
    assert not PlanImport.objects.exists()


def _draft_urls(draft):
    return [draft.urls.review, draft.urls.bodies, draft.urls.create, draft.urls.source]


def test_a_draft_is_hidden_from_everyone_but_its_unit_coordinators(client, draft, outsider, demo):
    other_coordinator = member(demo.units["803"], Role.COORDINATOR)
    colleague = member(demo.units["80-SGDDT"], Role.COORDINATOR)
    viewer = User.objects.get(username="ubndtinh.theodoi")
    reporter = User.objects.get(username="sogd.baocao")

    for user in (outsider, other_coordinator, viewer, reporter):
        client.force_login(user)
        statuses = [client.get(url).status_code for url in _draft_urls(draft)]
        assert statuses == [404, 404, 404, 404], user.username
        assert client.post(draft.urls.create, {}).status_code == 404
    client.force_login(colleague)
    assert [client.get(url).status_code for url in _draft_urls(draft)] == [200, 200, 200, 200]
    client.force_login(User.objects.get(username="quantri"))
    assert client.get(draft.urls.review).status_code == 200


def test_the_upload_page_lists_only_drafts_the_user_may_open(client, draft, outsider):
    assert draft.source_name in client.get(reverse("campaigns:plan_import")).content.decode()

    client.force_login(outsider)
    response = client.get(reverse("campaigns:plan_import"))

    assert list(response.context["drafts"]) == []


# --- Corrections --------------------------------------------------------------------------


def test_a_correction_is_saved_and_the_original_extraction_kept(client, draft):
    data = review_post(client, draft, title=CORRECTED_TITLE, date="20/09/2021")

    response = client.post(draft.urls.review, data)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.plan["title"] == CORRECTED_TITLE
    assert draft.plan["date"] == "2021-09-20"
    assert draft.extracted["plan"]["title"] == "Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2021"
    assert draft.version == 2
    # Nothing else moved: the lists came back as they were.
    assert draft.plan["activities"] == draft.extracted["plan"]["activities"]
    assert draft.plan["assignments"] == draft.extracted["plan"]["assignments"]
    assert draft.plan["report_deadlines"] == draft.extracted["plan"]["report_deadlines"]
    assert draft.plan["slogans"] == draft.extracted["plan"]["slogans"]
    assert draft.spans["assignments[6].body"] == draft.extracted["spans"]["assignments[6].body"]


def test_bad_dates_get_messages_at_their_fields_and_keep_what_was_typed(client, draft):
    data = review_post(
        client,
        draft,
        title=CORRECTED_TITLE,
        start_date="07/10/2021",
        end_date="01/10/2021",
        date="31/02/2021",
        **{"bc-0-date": "hôm qua"},
    )

    response = client.post(draft.urls.review, data)

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {
        "date": ["Ngày không hợp lệ: hãy nhập ngày/tháng/năm, ví dụ 15/10/2021."],
        "end_date": ["Ngày kết thúc không được trước ngày bắt đầu Tuần lễ."],
        "opening_date": ["Ngày khai mạc phải nằm trong Tuần lễ."],
    }
    assert response.context["deadlines"].errors[0] == {
        "date": ["Ngày không hợp lệ: hãy nhập ngày/tháng/năm, ví dụ 15/10/2021."]
    }
    page = response.content.decode()
    assert f'value="{CORRECTED_TITLE}"' in page
    assert 'value="31/02/2021"' in page
    assert 'value="hôm qua"' in page
    draft.refresh_from_db()
    assert draft.version == 1
    assert draft.plan["title"] == "Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2021"


def test_a_page_opened_before_another_save_does_not_overwrite_it(client, draft):
    first = review_post(client, draft, title="Bản sửa thứ nhất")
    second = review_post(client, draft, title="Bản sửa thứ hai")
    assert client.post(draft.urls.review, first).status_code == 302

    response = client.post(draft.urls.review, second)

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()[0].startswith("Bản nháp vừa được lưu")
    assert 'value="Bản sửa thứ hai"' in response.content.decode()
    draft.refresh_from_db()
    assert draft.plan["title"] == "Bản sửa thứ nhất"


def test_a_row_can_be_removed_and_one_added(client, draft):
    data = review_post(
        client,
        draft,
        **{"hd-9-DELETE": "on", "hd-10-text": "Tổ chức ngày hội đọc sách trực tuyến."},
    )

    assert client.post(draft.urls.review, data).status_code == 302

    draft.refresh_from_db()
    texts = [a["text"] for a in draft.plan["activities"]]
    assert len(texts) == 10
    assert texts[-1] == "Tổ chức ngày hội đọc sách trực tuyến."
    assert "activities[9]" not in draft.spans


# --- Bodies and the campaign --------------------------------------------------------------


def test_the_unmatched_body_is_listed_for_a_decision(client, draft):
    response = client.get(draft.urls.bodies)

    assert response.status_code == 200
    rows = {row.body: row for row, _form, _lines in response.context["rows"]}
    assert not rows[EXTRA_BODY].decided
    assert rows["Sở Giáo dục và Đào tạo"].match.confidence == 100
    assert len(rows["UBND các huyện, thị xã, thành phố"].units) == 15
    assert response.context["waiting"] == 1
    assert "Chưa khớp" in response.content.decode()


def test_a_decision_missing_its_details_gets_messages_at_its_fields(client, draft):
    data = bodies_post(
        client, draft, {EXTRA_BODY: {"action": "create", "name": "", "kind": "", "parent": ""}}
    )

    response = client.post(draft.urls.bodies, data)

    assert response.status_code == 200
    form = next(f for row, f, _ in response.context["rows"] if row.body == EXTRA_BODY)
    assert form.errors == {
        "name": ["Vui lòng nhập tên đơn vị mới."],
        "kind": ["Hãy chọn loại đơn vị."],
        "parent": ["Hãy chọn đơn vị cấp trên của đơn vị mới."],
    }
    draft.refresh_from_db()
    assert draft.decisions == {}


def test_the_campaign_is_not_created_while_a_body_waits(client, draft):
    response = client.post(draft.urls.create, {"version": draft.version})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        f"Còn cơ quan chưa có quyết định: {EXTRA_BODY}. Hãy chọn đơn vị, tạo mới hoặc bỏ qua."
    ]
    assert not Campaign.objects.filter(plan_import=draft).exists()


def test_the_campaign_has_the_corrections_the_new_unit_and_the_source_file(client, draft, demo):
    client.post(draft.urls.review, review_post(client, draft, title=CORRECTED_TITLE))
    draft.refresh_from_db()
    decisions = {
        EXTRA_BODY: {
            "action": "create",
            "name": "Trung tâm Văn hóa - Thể thao tỉnh Long An",
            "kind": UnitKind.CULTURAL,
            "parent": "80-SGDDT",
        }
    }
    assert client.post(draft.urls.bodies, bodies_post(client, draft, decisions)).status_code == 302
    draft.refresh_from_db()

    response = client.post(draft.urls.create, create_post(client, draft))

    campaign = Campaign.objects.get(plan_import=draft)
    assert response.status_code == 302
    assert response["Location"] == campaign.get_absolute_url()
    assert campaign.title == CORRECTED_TITLE
    assert campaign.status == "draft"
    assert campaign.issuer == demo.units["80"]
    assert campaign.coordinator == demo.units["80-SGDDT"]
    assert campaign.parent.slug == "bo-gddt-2021"
    assert campaign.report_form == campaign.parent.report_form
    centre = OrgUnit.objects.get(name="Trung tâm Văn hóa - Thể thao tỉnh Long An")
    assert centre.parent == demo.units["80-SGDDT"]
    assert centre.kind == UnitKind.CULTURAL
    assert centre.admin_level == AdminLevel.PROVINCE
    assignment = campaign.assignments.get(body=EXTRA_BODY)
    assert [u.pk for u in assignment.units.all()] == [centre.pk]
    assert assignment.duties == [EXTRA_DUTY]
    first, second = campaign.steps.order_by("order")
    # Everyone assigned below the Department reports to it, the new centre too.
    assert first.senders.count() == 23
    assert first.senders.filter(pk=centre.pk).exists()
    assert second.receiver.code == "BGDDT"
    assert campaign.source_file.name == draft.source_file.name
    assert campaign.source_text.splitlines() == draft.source_lines
    download = client.get(reverse("campaigns:source", args=[campaign.slug]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).decode() == seed_with_extra_body()


def test_creating_twice_gives_one_campaign(client, draft):
    decisions = {EXTRA_BODY: {"action": "ignore"}}
    client.post(draft.urls.bodies, bodies_post(client, draft, decisions))
    draft.refresh_from_db()
    data = create_post(client, draft)

    first = client.post(draft.urls.create, data)
    second = client.post(draft.urls.create, data)

    assert Campaign.objects.filter(plan_import=draft).count() == 1
    campaign = Campaign.objects.get(plan_import=draft)
    assert first["Location"] == second["Location"] == campaign.get_absolute_url()
    assert campaign.assignments.get(body=EXTRA_BODY).units.count() == 0
    # The draft now only leads to its campaign.
    assert client.get(draft.urls.review)["Location"] == campaign.get_absolute_url()


def test_a_picked_unit_stands_for_the_body(client, draft, demo):
    decisions = {EXTRA_BODY: {"action": "pick", "units": ["80-SVHTTDL"]}}
    client.post(draft.urls.bodies, bodies_post(client, draft, decisions))
    draft.refresh_from_db()
    assert draft.decisions[EXTRA_BODY] == {"action": "pick", "units": ["80-SVHTTDL"]}

    client.post(draft.urls.create, create_post(client, draft, slug="long-an-2021-nhap"))

    campaign = Campaign.objects.get(slug="long-an-2021-nhap")
    assignment = campaign.assignments.get(body=EXTRA_BODY)
    assert [u.code for u in assignment.units.all()] == ["80-SVHTTDL"]


def test_a_unit_outside_reach_cannot_be_picked(client, draft, outsider):
    tay_ninh = OrgUnit.objects.get(code="72")
    data = bodies_post(client, draft, {EXTRA_BODY: {"action": "pick", "units": [tay_ninh.code]}})

    response = client.post(draft.urls.bodies, data)

    form = next(f for row, f, _ in response.context["rows"] if row.body == EXTRA_BODY)
    assert list(form.errors) == ["units"]
    draft.refresh_from_db()
    assert draft.decisions == {}


def test_the_source_of_a_draft_campaign_is_hidden_like_the_campaign(client, draft, demo):
    client.post(draft.urls.bodies, bodies_post(client, draft, {EXTRA_BODY: {"action": "ignore"}}))
    draft.refresh_from_db()
    client.post(draft.urls.create, create_post(client, draft))
    campaign = Campaign.objects.get(plan_import=draft)
    url = reverse("campaigns:source", args=[campaign.slug])

    client.force_login(User.objects.get(username="benluc.baocao"))
    assert client.get(url).status_code == 404
    client.force_login(User.objects.get(username="sogd.giamdoc"))
    assert client.get(url).status_code == 200


def test_the_demo_campaign_keeps_its_seed_plan_for_everyone_who_sees_it(client, demo):
    url = reverse("campaigns:source", args=["long-an-2021"])

    client.force_login(User.objects.get(username="benluc.baocao"))
    response = client.get(url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == SEED_PLAN.read_bytes()
    assert 'filename="ke-hoach-tuan-le-htsd-2021-long-an' in response["Content-Disposition"]
