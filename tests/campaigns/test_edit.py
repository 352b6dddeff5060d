"""Coordinators create and edit campaigns in the application itself."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from lifelong_week.accounts.enums import Role
from lifelong_week.campaigns.models import Campaign
from tests.factories import CampaignFactory, OrgUnitFactory, StepFactory, member

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def province(db):
    ministry = OrgUnitFactory(code="BO", name="Bộ Giáo dục và Đào tạo")
    province = OrgUnitFactory(code="80", name="UBND tỉnh Long An", parent=ministry)
    department = OrgUnitFactory(code="S", name="Sở GD&ĐT Long An", parent=province)
    districts = [OrgUnitFactory(code=f"D{n}", parent=department) for n in range(3)]
    return {"province": province, "department": department, "districts": districts}


def campaign_post(province, **overrides):
    data = {
        "title": "Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2026",
        "year": "2026",
        "slug": "long-an-2026",
        "status": "draft",
        "issuer": province["province"].pk,
        "coordinator": province["department"].pk,
        "doc_type": "KẾ HOẠCH",
        "theme": "Học tập suốt đời trong kỷ nguyên số",
        "slogans": "- Học tập suốt đời\n- Xây dựng xã hội học tập\n\n",
        "legal_bases": "",
        "week_start": "2026-10-01",
        "week_end": "2026-10-07",
        "opening_date": "2026-10-01",
        "count_policy": "submitted",
        "recipients": "",
    }
    data.update(overrides)
    return data


def test_coordinator_creates_a_campaign(client, province):
    client.force_login(member(province["department"], Role.COORDINATOR))

    response = client.post(reverse("campaigns:create"), campaign_post(province))

    assert response.status_code == 302
    campaign = Campaign.objects.get(slug="long-an-2026")
    assert campaign.slogans == ["Học tập suốt đời", "Xây dựng xã hội học tập"]
    assert campaign.coordinator == province["department"]


def test_wrong_dates_get_a_message_at_the_field_and_keep_what_was_typed(client, province):
    client.force_login(member(province["department"], Role.COORDINATOR))

    response = client.post(
        reverse("campaigns:create"),
        campaign_post(province, week_end="2026-09-30", opening_date="2026-11-01"),
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {
        "week_end": ["Ngày kết thúc phải sau ngày bắt đầu Tuần lễ."],
        "opening_date": ["Ngày khai mạc phải nằm trong Tuần lễ."],
    }
    assert "Học tập suốt đời trong kỷ nguyên số" in response.content.decode()
    assert not Campaign.objects.exists()


def test_a_reporter_cannot_create_or_edit(client, province):
    campaign = CampaignFactory(issuer=province["province"], coordinator=province["department"])
    client.force_login(member(province["districts"][0], Role.REPORTER))
    assert client.get(reverse("campaigns:create")).status_code == 404
    assert client.post(reverse("campaigns:edit", args=[campaign.slug]), {}).status_code == 404
    campaign.refresh_from_db()
    assert campaign.title == "Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2021"


def test_coordinator_cannot_pick_a_unit_outside_their_reach(client, province):
    outside = OrgUnitFactory(code="72", name="UBND tỉnh Tây Ninh")
    client.force_login(member(province["department"], Role.COORDINATOR))

    response = client.post(
        reverse("campaigns:create"), campaign_post(province, coordinator=outside.pk)
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["coordinator"]


def test_reporting_step_lock_before_deadline_is_refused(client, province):
    campaign = CampaignFactory(issuer=province["province"], coordinator=province["department"])
    step = StepFactory(campaign=campaign, receiver=province["department"])
    client.force_login(member(province["department"], Role.COORDINATOR))
    url = reverse("campaigns:edit_part", args=[campaign.slug, "bao-cao"])
    prefix = "steps"
    data = {
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-INITIAL_FORMS": "1",
        f"{prefix}-0-id": step.pk,
        f"{prefix}-0-order": "1",
        f"{prefix}-0-title": "Báo cáo kết quả",
        f"{prefix}-0-senders": [u.pk for u in province["districts"]],
        f"{prefix}-0-receiver": province["department"].pk,
        f"{prefix}-0-deadline": "2021-10-15T00:00",
        f"{prefix}-0-lock_at": "2021-10-10T00:00",
    }

    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["formset"].errors[0] == {
        "lock_at": ["Thời điểm khóa nhập liệu không được trước hạn nộp."]
    }

    data[f"{prefix}-0-lock_at"] = "2021-10-22T17:00"
    assert client.post(url, data).status_code == 302
    step.refresh_from_db()
    assert step.lock_at == dt.datetime(2021, 10, 22, 17, 0, tzinfo=VN)
    assert step.senders.count() == 3
