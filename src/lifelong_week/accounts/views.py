from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from lifelong_week.accounts.access import reach_of
from lifelong_week.accounts.enums import Role
from lifelong_week.accounts.models import Membership
from lifelong_week.campaigns.enums import CampaignStatus
from lifelong_week.campaigns.queries import (
    campaigns_visible_to,
    duties_of,
    obligations_of,
    received_steps,
)


@dataclass
class UnitDesk:
    """What one of the user's units has to do, shown on the home page."""

    unit: object
    roles: list[str]
    obligations: list = field(default_factory=list)
    duties: list = field(default_factory=list)
    receiving: list = field(default_factory=list)
    coordinated: list = field(default_factory=list)


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
    for desk in desks.values():
        desk.obligations = obligations_of(desk.unit, campaigns, now)
        desk.duties = list(duties_of(desk.unit, campaigns))
        desk.receiving = list(received_steps(desk.unit, campaigns))
        desk.coordinated = [c for c in campaigns if c.coordinator_id == desk.unit.pk]
    reach = reach_of(request.user)
    context = {
        "desks": list(desks.values()),
        "campaigns": campaigns,
        "sees_subtree": bool(reach.subtree_paths) or reach.everything,
        "is_reporter": any(r.role == Role.REPORTER for r in memberships),
        "now": now,
    }
    return render(request, "accounts/home.html", context)
