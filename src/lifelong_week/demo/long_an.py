"""The Long An 2021 campaign, created by importing the seed plan itself."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q

from lifelong_week.campaigns.domain import create_campaign_from_plan
from lifelong_week.campaigns.enums import CampaignStatus
from lifelong_week.campaigns.matching import BodyMatcher, match_plan, resolve_bodies
from lifelong_week.campaigns.models import Campaign
from lifelong_week.demo.units import DEPARTMENT, MINISTRY, PROVINCE
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


def body_units_for(plan: dict, units: dict[str, OrgUnit]) -> dict[str, list[OrgUnit]]:
    """The Long An units each body named in the plan stands for, read by the
    same matcher as the plan import page ("UBND các huyện, thị xã, thành phố"
    is every district People's Committee)."""
    province = units[PROVINCE]
    candidates = OrgUnit.objects.filter(
        Q(path__startswith=province.path) | Q(code__in=province.ancestor_codes)
    ).overlapping(dt.date(2021, 10, 1), dt.date(2021, 10, 7))
    matcher = BodyMatcher(candidates, issuer=province, exclude_from_groups=[units[DEPARTMENT]])
    matches = match_plan(plan, matcher)
    return resolve_bodies(
        plan,
        {body: match.units for body, match in matches.items()},
        [body for body, match in matches.items() if match.expands_to_assigned],
    )


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
    body_units = body_units_for(plan, units)
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
    # The campaign keeps the document it was imported from, as the import page does.
    campaign.source_file.save(SEED_PLAN.name, ContentFile(SEED_PLAN.read_bytes()), save=False)
    campaign.save(update_fields=["source_file"])
    # "… ký gửi báo cáo về Bộ Giáo dục và Đào tạo …, đồng gửi báo cáo UBND tỉnh."
    for step in campaign.steps.filter(receiver=units[MINISTRY]):
        step.copy_to.set([units[PROVINCE]])
    return campaign
