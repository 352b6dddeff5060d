"""Business actions on campaigns: creating one from a plan, resolving who is assigned."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils.text import slugify

from lifelong_week.campaigns.enums import ActivityKind, CampaignStatus
from lifelong_week.campaigns.models import Activity, Assignment, Campaign, ReportingStep
from lifelong_week.core.text import fold
from lifelong_week.orgs.models import OrgUnit

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")

# Words in an activity's text that tell its kind; first match wins.
_ACTIVITY_KEYWORDS: Sequence[tuple[ActivityKind, tuple[str, ...]]] = (
    (ActivityKind.OPENING, ("le khai mac", "le phat dong")),
    (ActivityKind.PROMOTION, ("bang ron", "khau hieu")),
    (ActivityKind.RESOURCES, ("hoc lieu mo", "tai nguyen hoc lieu")),
    (ActivityKind.PRESS, ("co quan bao chi", "chuyen trang", "chuyen muc")),
    (ActivityKind.FORUMS, ("unesco", "hoi thao")),
    (ActivityKind.TRAINING, ("tap huan",)),
    (ActivityKind.CLUBS, ("cau lac bo", "dien dan", "cuoc thi")),
    (ActivityKind.CLASSES, ("lop", "khoa hoc")),
    (ActivityKind.EMULATION, ("thi dua", "vinh danh")),
    (ActivityKind.MEDIA, ("thong tin", "tuyen truyen", "truyen thong")),
)


def start_of_day(day: dt.date) -> dt.datetime:
    """Midnight at the start of ``day`` in Vietnam: "trước ngày 15/10" ends here."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=VIETNAM)


def guess_activity_kind(text: str) -> ActivityKind:
    folded = fold(text)
    for kind, words in _ACTIVITY_KEYWORDS:
        if any(word in folded for word in words):
            return kind
    return ActivityKind.OTHER


def unique_slug(base: str) -> str:
    slug = slugify(fold(base))[:70] or "ke-hoach"
    candidate, n = slug, 2
    while Campaign.objects.filter(slug=candidate).exists():
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@transaction.atomic
def create_campaign_from_plan(
    plan: Mapping,
    *,
    issuer: OrgUnit,
    coordinator: OrgUnit,
    body_units: Mapping[str, Iterable[OrgUnit]],
    slug: str | None = None,
    parent: Campaign | None = None,
    report_form=None,
    status: str = CampaignStatus.DRAFT,
    extra: Mapping | None = None,
) -> Campaign:
    """Create a campaign from a parsed plan (the ``plan-import`` JSON contract).

    ``body_units`` maps each body named in the plan (assignments, report senders
    and receivers) to the units it stands for; a reporting step whose receiver
    maps to nothing is skipped. ``extra`` may carry fields outside the contract
    (purpose, requirements, funding, source_text).

    Side effects: creates the campaign, its activities, assignments (with their
    units) and reporting steps in one transaction.
    """
    extra = dict(extra or {})
    year = plan.get("year") or (_date(plan.get("start_date")) or dt.date.today()).year
    start = _date(plan.get("start_date")) or dt.date(year, 10, 1)
    end = _date(plan.get("end_date")) or dt.date(year, 10, 7)
    signer = plan.get("signer") or {}
    campaign = Campaign.objects.create(
        slug=slug or unique_slug(f"{issuer.display_name} {year}"),
        year=year,
        title=plan.get("title") or f"Tuần lễ hưởng ứng học tập suốt đời năm {year}",
        issuer=issuer,
        coordinator=coordinator,
        parent=parent,
        status=status,
        doc_type=plan.get("doc_type") or "KẾ HOẠCH",
        doc_number=plan.get("number") or "",
        doc_date=_date(plan.get("date")),
        theme=plan.get("theme") or "",
        slogans=list(plan.get("slogans") or []),
        legal_bases=list(plan.get("legal_bases") or []),
        purpose=extra.get("purpose") or "",
        requirements=extra.get("requirements") or "",
        funding=extra.get("funding") or "",
        week_start=start,
        week_end=end,
        opening_date=_date(plan.get("opening_date")),
        recipients=list(plan.get("recipients") or []),
        signer_name=signer.get("name") or "",
        signer_title=signer.get("title") or "",
        signer_authority=signer.get("authority") or "",
        report_form=report_form,
        source_text=extra.get("source_text") or "",
    )
    Activity.objects.bulk_create(
        Activity(
            campaign=campaign,
            number=index,
            text=item["text"],
            kind=guess_activity_kind(item["text"]),
        )
        for index, item in enumerate(plan.get("activities") or [], start=1)
    )
    for number, item in enumerate(plan.get("assignments") or [], start=1):
        assignment = Assignment.objects.create(
            campaign=campaign, number=number, body=item["body"], duties=list(item["duties"])
        )
        assignment.units.set(body_units.get(item["body"], ()))
    for order, item in enumerate(plan.get("report_deadlines") or [], start=1):
        receivers = list(body_units.get(item["to"], ()))
        if not receivers:
            continue
        day = dt.date.fromisoformat(item["date"])
        step = ReportingStep.objects.create(
            campaign=campaign,
            order=order,
            title=f"{item['from']} báo cáo {item['to']}",
            senders_text=item["from"],
            receiver=receivers[0],
            receiver_text=item["to"],
            deadline=start_of_day(day),
            deadline_text=f"trước ngày {day:%d/%m/%Y}",
        )
        step.senders.set(body_units.get(item["from"], ()))
        step.copy_to.set(body_units.get(item.get("copy_to", ""), ()))
    return campaign


def assigned_units(campaign: Campaign):
    """Every unit the campaign assigns duties to or expects a report from."""
    return (
        OrgUnit.objects.filter(assignments__campaign=campaign)
        .union(OrgUnit.objects.filter(reporting_steps__campaign=campaign))
        .order_by("path")
    )
