from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from lifelong_week.accounts.access import can_follow_campaign, reach_of, units_manageable_by
from lifelong_week.accounts.enums import Role
from lifelong_week.accounts.models import Membership
from lifelong_week.campaigns.enums import CampaignStatus
from lifelong_week.campaigns.models import Campaign
from lifelong_week.campaigns.queries import (
    campaigns_visible_to,
    duties_of,
    obligations_of,
    received_steps,
)
from lifelong_week.campaigns.timeline import Phase, step_phase, with_phases
from lifelong_week.reports.enums import SENT_STATUSES
from lifelong_week.reports.models import Notification, Report


@dataclass
class UnitDesk:
    """What one of the user's units has to do, shown on the home page."""

    unit: object
    roles: list[str]
    obligations: list = field(default_factory=list)
    duties: list = field(default_factory=list)
    receiving: list = field(default_factory=list)
    coordinated: list = field(default_factory=list)
    followed: list = field(default_factory=list)  # coordinated campaigns with lower levels'


@login_required
def home(request):
    """'What do I still owe, and by when' — not a picker of unit, form and period."""
    now = timezone.now()
    campaigns = campaigns_visible_to(request.user).exclude(status=CampaignStatus.DRAFT)
    memberships = (
        Membership.objects.filter(user=request.user).select_related("unit").order_by("unit__path")
    )
    desks: dict[int, UnitDesk] = {}
    for membership in memberships:
        desk = desks.setdefault(membership.unit_id, UnitDesk(unit=membership.unit, roles=[]))
        desk.roles.append(membership.get_role_display())
    reports = {
        (r.step_id, r.unit_id): r
        for r in Report.objects.filter(unit_id__in=desks, campaign__in=campaigns)
    }
    with_children = set(
        Campaign.objects.filter(parent__in=campaigns).values_list("parent_id", flat=True)
    )
    campaign_list = with_phases(campaigns, now=now)  # each with its phase
    for desk in desks.values():
        desk.obligations = obligations_of(desk.unit, campaigns, now)
        for obligation in desk.obligations:
            obligation.report = reports.get((obligation.step.pk, desk.unit.pk))
            obligation.sent = (
                obligation.report is not None and obligation.report.status in SENT_STATUSES
            )
        desk.duties = list(duties_of(desk.unit, campaigns))
        desk.receiving = list(received_steps(desk.unit, campaigns))
        for step in desk.receiving:
            step.phase = Phase(step_phase(step, now=now))
        desk.coordinated = [c for c in campaign_list if c.coordinator_id == desk.unit.pk]
        desk.followed = [
            c
            for c in desk.coordinated
            if c.pk in with_children and can_follow_campaign(request.user, c)
        ]
    reach = reach_of(request.user)
    notices = Notification.objects.filter(user=request.user).select_related("report")[:10]
    context = {
        "notices": notices,
        "desks": list(desks.values()),
        "campaigns": campaign_list,
        "sees_subtree": bool(reach.subtree_paths) or reach.everything,
        "is_reporter": any(r.role == Role.REPORTER for r in memberships),
        "can_import_plans": units_manageable_by(request.user).exists(),
        "now": now,
    }
    return render(request, "accounts/home.html", context)
