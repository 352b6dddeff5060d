"""Scoped questions the plan import asks; every one goes through the access helper."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from lifelong_week.accounts.access import has_role, units_manageable_by, units_up_to_area
from lifelong_week.accounts.enums import CAMPAIGN_EDITOR_ROLES
from lifelong_week.campaigns.models import Campaign
from lifelong_week.campaigns.queries import campaigns_visible_to
from lifelong_week.orgs.models import OrgUnit


def may_import_plans(user) -> bool:
    """Coordinators and administrators of some unit import plans."""
    return units_manageable_by(user).exists()


def candidate_units(
    user, issuer: OrgUnit, start: dt.date | None = None, end: dt.date | None = None
) -> QuerySet[OrgUnit]:
    """Units a plan's bodies may stand for: the issuer's subtree and its
    ancestors, that the user may see, and that existed during the week."""
    units = units_up_to_area(user).filter(
        Q(path__startswith=issuer.path) | Q(code__in=issuer.ancestor_codes)
    )
    if start and end:
        units = units.overlapping(start, end)
    return units.order_by("path")


def new_unit_parents(user, issuer: OrgUnit, candidates) -> list[OrgUnit]:
    """Units under which the user may create a unit for this plan: below the
    issuer, where the user coordinates or administers."""
    return [
        unit
        for unit in candidates
        if unit.is_within(issuer) and has_role(user, unit, *CAMPAIGN_EDITOR_ROLES)
    ]


def parent_campaign_choices(user) -> QuerySet[Campaign]:
    return campaigns_visible_to(user).order_by("-year", "issuer__path", "title")


def default_parent_campaign(user, issuer: OrgUnit | None, year: int | None) -> Campaign | None:
    """The visible campaign of the same year issued closest above the issuer
    (the Ministry's guidance for a province's plan)."""
    if issuer is None or not year:
        return None
    above = [
        c
        for c in parent_campaign_choices(user).filter(
            year=year, issuer__code__in=issuer.ancestor_codes
        )
    ]
    above.sort(key=lambda c: -c.issuer.depth)
    return above[0] if above else None
