"""The Long An 2021 campaign, created by importing the seed plan itself."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.db import transaction

from lifelong_week.campaigns.domain import create_campaign_from_plan
from lifelong_week.campaigns.enums import CampaignStatus
from lifelong_week.campaigns.models import Campaign
from lifelong_week.core.text import fold
from lifelong_week.demo.units import DEPARTMENT, DISTRICTS_2021, MINISTRY, PROVINCE
from lifelong_week.orgs.enums import UnitKind
from lifelong_week.orgs.models import OrgUnit

SEED_PLAN = (
    Path(__file__).resolve().parent.parent
    / "campaigns"
    / "seed"
    / "ke-hoach-tuan-le-htsd-2021-long-an.txt"
)
SLUG = "long-an-2021"
MINISTRY_SLUG = "bo-gddt-2021"
THEME_2021 = (
    "Chuyển đổi số và cơ hội học tập suốt đời cho tất cả mọi người trong bối cảnh đại dịch COVID-19"
)


def units_for_body(body: str, units: dict[str, OrgUnit]) -> list[OrgUnit]:
    """The Long An units a body named in the plan stands for.

    The plan names groups ("UBND các huyện, thị xã, thành phố") as well as single
    bodies; this reads them the way the Department of Education does.
    """
    text = fold(body)
    districts = [units[code] for code, _type, _place in DISTRICTS_2021]
    bodies = [u for u in units.values() if u.parent_id == units[DEPARTMENT].pk]
    provincial = [
        u for u in bodies if u.kind in (UnitKind.DEPARTMENT, UnitKind.ASSOCIATION, UnitKind.FRONT)
    ]
    press = [u for u in bodies if u.kind == UnitKind.PRESS]
    if "cac huyen" in text and ("cac so" in text or "so nganh" in text):
        return provincial + press + districts
    if "cac huyen" in text:
        return districts
    if "cac so" in text:
        return provincial
    if "bao long an" in text:
        return press
    if "mat tran" in text:
        return [units["80-MTTQ"]]
    if "thong tin va truyen thong" in text:
        return [units["80-STTTT"]]
    if "giao duc va dao tao" in text:
        return [units[MINISTRY] if text.startswith("bo ") else units[DEPARTMENT]]
    if "ubnd tinh" in text or "uy ban nhan dan tinh" in text:
        return [units[PROVINCE]]
    return []


def build_ministry_guidance(units: dict[str, OrgUnit], report_form) -> Campaign:
    """The Ministry's guidance letter the province's plan is based on."""
    campaign, _created = Campaign.objects.get_or_create(
        slug=MINISTRY_SLUG,
        defaults={
            "year": 2021,
            "title": "Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2021",
            "issuer": units[MINISTRY],
            "coordinator": units[MINISTRY],
            "status": CampaignStatus.ACTIVE,
            "doc_type": "CÔNG VĂN",
            "doc_number": "3764/BGDĐT-GDĐT",
            "doc_date": dt.date(2021, 8, 31),
            "theme": THEME_2021,
            "week_start": dt.date(2021, 10, 1),
            "week_end": dt.date(2021, 10, 7),
            "report_form": report_form,
        },
    )
    return campaign


@transaction.atomic
def build_long_an_campaign(units: dict[str, OrgUnit], report_form) -> Campaign:
    """Parse the seed plan and create the province's campaign from what it says."""
    from lifelong_week.documents.planparser import parse_plan, read_document

    existing = Campaign.objects.filter(slug=SLUG).first()
    if existing is not None:
        return existing
    lines = read_document(SEED_PLAN)
    extract = parse_plan(lines)
    plan = extract.to_json_dict()
    bodies = {item["body"] for item in plan["assignments"]}
    for step in plan["report_deadlines"]:
        bodies.update((step["from"], step["to"]))
    body_units = {body: units_for_body(body, units) for body in bodies}
    campaign = create_campaign_from_plan(
        plan,
        issuer=units[PROVINCE],
        coordinator=units[DEPARTMENT],
        body_units=body_units,
        slug=SLUG,
        parent=build_ministry_guidance(units, report_form),
        report_form=report_form,
        status=CampaignStatus.ACTIVE,
        extra={
            "purpose": extract.purpose or "",
            "requirements": extract.requirements or "",
            "funding": extract.funding or "",
            "source_text": "\n".join(lines),
        },
    )
    # "… ký gửi báo cáo về Bộ Giáo dục và Đào tạo …, đồng gửi báo cáo UBND tỉnh."
    for step in campaign.steps.filter(receiver=units[MINISTRY]):
        step.copy_to.set([units[PROVINCE]])
    return campaign
