"""A second, smaller province so the Ministry has something to compare.

Hậu Giang (GSO code 93) as it stood in 2021, with four of its district-level
units. Its campaign follows the Ministry's guidance like Long An's; every
district has reported and the Department has sent its consolidated report to
the Ministry — so the Ministry's view shows one province done and one (Long
An) still consolidating.
"""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

from django.db import transaction

from lifelong_week.accounts.enums import Role
from lifelong_week.accounts.models import Membership, User
from lifelong_week.campaigns.enums import CampaignStatus, ValueType
from lifelong_week.campaigns.models import Campaign, ReportingStep
from lifelong_week.demo.accounts import DEMO_PASSWORD
from lifelong_week.demo.long_an import THEME_2021, build_ministry_guidance
from lifelong_week.demo.units import MINISTRY, _upsert, upsert_district
from lifelong_week.orgs.enums import AdminLevel, UnitKind
from lifelong_week.orgs.models import OrgUnit
from lifelong_week.reports.consolidate import draft_consolidated
from lifelong_week.reports.domain import (
    accept_report,
    open_report,
    save_figure,
    save_section,
    set_document_number,
    submit_report,
)
from lifelong_week.reports.models import Report

VN = ZoneInfo("Asia/Ho_Chi_Minh")
SLUG = "hau-giang-2021"
PROVINCE = "93"
DEPARTMENT = "93-SGDDT"
DISTRICTS = [
    ("930", "thành phố", "Vị Thanh"),
    ("931", "thành phố", "Ngã Bảy"),
    ("932", "huyện", "Châu Thành A"),
    ("936", "huyện", "Phụng Hiệp"),
]
# username, full name, unit code, role
ACCOUNTS = [
    ("haugiang.dieuphoi", "Chuyên viên Phòng GDTX (Sở GD&ĐT Hậu Giang)", DEPARTMENT, Role.COORDINATOR),
    ("haugiang.baocao", "Cán bộ tổng hợp (Sở GD&ĐT Hậu Giang)", DEPARTMENT, Role.REPORTER),
]  # fmt: skip
# district code → (submitted on, hour, accepted?)
SENT = {"930": (12, 9, True), "931": (13, 15, True), "932": (14, 10, True), "936": (16, 8, False)}


def _at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2021, 10, day, hour, minute, tzinfo=VN)


def build_tree(ministry: OrgUnit) -> dict[str, OrgUnit]:
    units = {
        PROVINCE: _upsert(
            PROVINCE,
            name="Ủy ban nhân dân tỉnh Hậu Giang",
            short_name="UBND tỉnh Hậu Giang",
            kind=UnitKind.PEOPLES_COMMITTEE,
            admin_level=AdminLevel.PROVINCE,
            parent=ministry,
            issuing_name="ỦY BAN NHÂN DÂN TỈNH HẬU GIANG",
            doc_symbol="UBND",
            place_name="Hậu Giang",
            head_title="CHỦ TỊCH",
        )
    }
    units[DEPARTMENT] = _upsert(
        DEPARTMENT,
        name="Sở Giáo dục và Đào tạo tỉnh Hậu Giang",
        short_name="Sở GD&ĐT Hậu Giang",
        kind=UnitKind.DEPARTMENT,
        admin_level=AdminLevel.PROVINCE,
        parent=units[PROVINCE],
        governing_body="UBND TỈNH HẬU GIANG",
        issuing_name="SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        doc_symbol="SGDĐT",
        place_name="Hậu Giang",
        head_title="GIÁM ĐỐC",
    )
    for code, type_word, place in DISTRICTS:
        units[code] = upsert_district(code, type_word, place, parent=units[DEPARTMENT])
    return units


def _user(username: str, full_name: str, unit: OrgUnit, role: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, full_name=full_name, email=f"{username}@demo.invalid")
        user.set_password(DEMO_PASSWORD)
        user.save()
    Membership.objects.get_or_create(user=user, unit=unit, role=role)
    return user


def _fill(report: Report, by: User, rng: random.Random, now: dt.datetime) -> None:
    """Plausible figures for every indicator (free classes never above online ones)."""
    values = {}
    for indicator in report.campaign.report_form.indicators.all():
        if indicator.value_type == ValueType.TEXT:
            continue
        if indicator.value_type == ValueType.BOOLEAN:
            raw = "có"
        elif indicator.value_type == ValueType.MONEY:
            raw = str(rng.randint(8, 60) * 1_000_000)
        else:
            high = 3000 if "learners" in indicator.code or "participants" in indicator.code else 60
            raw = str(rng.randint(2, high))
        values[indicator.code] = raw
    if "free_classes" in values and "online_classes" in values:
        values["free_classes"] = str(
            min(int(values["free_classes"]), int(values["online_classes"]))
        )
    for indicator in report.campaign.report_form.indicators.all():
        if indicator.code in values:
            save_figure(
                report,
                indicator=indicator,
                raw=values[indicator.code],
                base_version=0,
                by=by,
                now=now,
            )


@transaction.atomic
def build_hau_giang(report_form) -> Campaign:
    """The province, its campaign and its reports; nothing is done twice."""
    existing = Campaign.objects.filter(slug=SLUG).first()
    if existing is not None:
        return existing
    ministry = OrgUnit.objects.get(code=MINISTRY)
    units = build_tree(ministry)
    guidance = build_ministry_guidance({MINISTRY: ministry}, report_form)
    campaign = Campaign.objects.create(
        slug=SLUG,
        year=2021,
        title="Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2021 trên địa bàn tỉnh Hậu Giang",
        issuer=units[PROVINCE],
        coordinator=units[DEPARTMENT],
        parent=guidance,
        status=CampaignStatus.ACTIVE,
        doc_type="KẾ HOẠCH",
        doc_number="142/KH-UBND",
        doc_date=dt.date(2021, 9, 10),
        theme=THEME_2021,
        week_start=dt.date(2021, 10, 1),
        week_end=dt.date(2021, 10, 7),
        report_form=report_form,
    )
    districts = [units[code] for code, _t, _p in DISTRICTS]
    step1 = ReportingStep.objects.create(
        campaign=campaign,
        order=1,
        title="UBND các huyện, thị xã, thành phố báo cáo Sở Giáo dục và Đào tạo",
        senders_text="UBND các huyện, thị xã, thành phố",
        receiver=units[DEPARTMENT],
        receiver_text="Sở Giáo dục và Đào tạo",
        deadline=_at(15, 0),
        deadline_text="trước ngày 15/10/2021",
    )
    step1.senders.set(districts)
    step2 = ReportingStep.objects.create(
        campaign=campaign,
        order=2,
        title="Sở Giáo dục và Đào tạo báo cáo Bộ Giáo dục và Đào tạo",
        senders_text="Sở Giáo dục và Đào tạo",
        receiver=ministry,
        receiver_text="Bộ Giáo dục và Đào tạo",
        deadline=_at(30, 0),
        deadline_text="trước ngày 30/10/2021",
    )
    step2.senders.set([units[DEPARTMENT]])
    step2.copy_to.set([units[PROVINCE]])

    people = {u: _user(u, name, units[code], role) for u, name, code, role in ACCOUNTS}
    coordinator = people["haugiang.dieuphoi"]
    rng = random.Random(SLUG)  # noqa: S311 - demo data
    first_section = report_form.sections.first()
    for code, type_word, place in DISTRICTS:
        reporter = _user(
            f"{code}.baocao",
            f"Chuyên viên Phòng GD&ĐT {type_word} {place}",
            units[code],
            Role.REPORTER,
        )
        day, hour, accepted = SENT[code]
        report = open_report(step1, units[code], by=reporter, now=_at(day - 3, 8))
        save_section(
            report,
            section=first_section,
            text=f"{type_word.capitalize()} {place} đã ban hành kế hoạch và tổ chức lễ khai mạc Tuần lễ.",
            base_version=0,
            by=reporter,
            now=_at(day - 2, 9),
        )
        _fill(report, reporter, rng, _at(day - 1, 10))
        submit_report(report, by=reporter, now=_at(day, hour))
        if accepted:
            accept_report(report, by=coordinator, now=_at(day + 1, 8))
    # The Department's own report to the Ministry, drafted from the districts'.
    clerk = people["haugiang.baocao"]
    consolidated = open_report(step2, units[DEPARTMENT], by=clerk, now=_at(20, 8))
    draft_consolidated(consolidated, by=clerk, now=_at(20, 8, 5))
    _fill_missing(consolidated, clerk, _at(20, 9))
    set_document_number(
        consolidated, number=318, date=dt.date(2021, 10, 25), by=clerk, now=_at(25, 8)
    )
    submit_report(consolidated, by=clerk, now=_at(25, 10))
    return campaign


def _fill_missing(report: Report, by: User, now: dt.datetime) -> None:
    filled = {f.indicator_id for f in report.figures.all() if f.value is not None or f.text}
    for indicator in report.campaign.report_form.indicators.all():
        if indicator.pk in filled or indicator.value_type == ValueType.TEXT:
            continue
        raw = "có" if indicator.value_type == ValueType.BOOLEAN else "0"
        save_figure(report, indicator=indicator, raw=raw, base_version=0, by=by, now=now)
