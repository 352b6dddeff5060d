"""The one place that decides what a user may see and change.

Every view and every query for user data goes through these functions:

- a user sees the units they belong to, and — as coordinator, viewer or
  administrator — the whole subtree below such a unit;
- a campaign is seen by those who see its issuer or its coordinating unit, and
  (once it is no longer a draft) by every user whose unit lies in the
  issuer's area;
- anything else is scoped through the unit it belongs to.

Objects outside a user's reach answer 404 (``get_or_404``), never 403, so
that nobody learns they exist.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.http import Http404

from lifelong_week.accounts.enums import CAMPAIGN_EDITOR_ROLES, SUBTREE_ROLES, Role
from lifelong_week.orgs.models import OrgUnit

_CACHE_ATTR = "_lifelong_week_reach"


@dataclass(frozen=True)
class Reach:
    """What one user can reach, computed once per request."""

    everything: bool = False
    # unit id → roles held there
    roles: dict[int, frozenset[str]] = field(default_factory=dict)
    # materialised paths of units whose whole subtree is visible
    subtree_paths: tuple[str, ...] = ()
    # codes of the user's units and of all their ancestors
    area_codes: frozenset[str] = frozenset()
    # unit id → path, for the user's own units
    own_paths: dict[int, str] = field(default_factory=dict)

    @property
    def own_unit_ids(self) -> frozenset[int]:
        return frozenset(self.roles)

    @property
    def is_empty(self) -> bool:
        return not self.everything and not self.roles

    def unit_q(self, prefix: str = "") -> Q:
        """A filter matching rows whose unit (at ``prefix``) lies within reach."""
        if self.everything:
            return Q()
        lookup = f"{prefix}__" if prefix else ""
        condition = Q(**{f"{lookup}pk__in": list(self.own_unit_ids)})
        for path in self.subtree_paths:
            condition |= Q(**{f"{lookup}path__startswith": path})
        return condition


def reach_of(user) -> Reach:
    """The user's reach, cached on the user object for the request."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Reach()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    if user.is_superuser:
        reach = Reach(everything=True)
    else:
        roles: dict[int, set[str]] = {}
        own_paths: dict[int, str] = {}
        subtree: list[str] = []
        area: set[str] = set()
        rows = user.memberships.values_list("unit_id", "unit__path", "role")
        for unit_id, path, role in rows:
            roles.setdefault(unit_id, set()).add(role)
            own_paths[unit_id] = path
            area.update(code for code in path.split("/") if code)
            if role in SUBTREE_ROLES:
                subtree.append(path)
        # Drop paths already covered by a shorter one.
        subtree.sort(key=len)
        kept: list[str] = []
        for path in subtree:
            if not any(path.startswith(other) for other in kept):
                kept.append(path)
        reach = Reach(
            roles={k: frozenset(v) for k, v in roles.items()},
            subtree_paths=tuple(kept),
            area_codes=frozenset(area),
            own_paths=own_paths,
        )
    setattr(user, _CACHE_ATTR, reach)
    return reach


def forget_reach(user) -> None:
    """Drop the cached reach after memberships changed."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


# --- Units ------------------------------------------------------------------


def units_visible_to(user) -> QuerySet[OrgUnit]:
    reach = reach_of(user)
    if reach.is_empty:
        return OrgUnit.objects.none()
    return OrgUnit.objects.filter(reach.unit_q())


def can_see_unit(user, unit: OrgUnit) -> bool:
    reach = reach_of(user)
    if reach.everything:
        return True
    return unit.pk in reach.roles or any(unit.path.startswith(p) for p in reach.subtree_paths)


def roles_on(user, unit: OrgUnit) -> frozenset[str]:
    """Roles the user holds on ``unit``, including subtree roles held above it."""
    reach = reach_of(user)
    if reach.everything:
        return frozenset(Role.values)
    held = set(reach.roles.get(unit.pk, ()))
    for unit_id, path in reach.own_paths.items():
        if unit_id != unit.pk and unit.path.startswith(path):
            held |= reach.roles[unit_id] & SUBTREE_ROLES
    return frozenset(held)


def has_role(user, unit: OrgUnit, *roles: str) -> bool:
    return bool(roles_on(user, unit) & set(roles))


OVERVIEW_ROLES = (Role.COORDINATOR, Role.VIEWER, Role.HEAD, Role.ADMINISTRATOR)


def can_follow_campaign(user, campaign) -> bool:
    """Whether ``user`` follows ``campaign`` as a whole — the lower levels' campaigns
    under it and their consolidated reports (the Ministry above the provinces)."""
    return has_role(user, campaign.coordinator, *OVERVIEW_ROLES) or has_role(
        user, campaign.issuer, *OVERVIEW_ROLES
    )


def scope_plan_imports(user, queryset: QuerySet) -> QuerySet:
    """Plan-import drafts the user may open: their own, and those whose
    coordinating unit the user coordinates (or administers)."""
    if reach_of(user).is_empty:
        return queryset.none()
    managed = units_manageable_by(user)
    return queryset.filter(Q(created_by=user) | Q(coordinator__in=managed.values("pk")))


def own_units(user) -> QuerySet[OrgUnit]:
    """The units the user is a member of (not the subtrees below them)."""
    reach = reach_of(user)
    if reach.everything and not reach.roles:
        return OrgUnit.objects.none()
    return OrgUnit.objects.filter(pk__in=list(reach.own_unit_ids))


# --- Anything that belongs to a unit ---------------------------------------------


def scope(user, queryset: QuerySet, *, unit_field: str = "unit") -> QuerySet:
    """Limit ``queryset`` to rows whose ``unit_field`` is within the user's reach."""
    reach = reach_of(user)
    if reach.is_empty:
        return queryset.none()
    return queryset.filter(reach.unit_q(unit_field))


# --- Campaigns -------------------------------------------------------------------


def scope_campaigns(user, queryset: QuerySet) -> QuerySet:
    """Campaigns the user may open (see the module docstring for the rule)."""
    from lifelong_week.campaigns.enums import CampaignStatus

    reach = reach_of(user)
    if reach.is_empty:
        return queryset.none()
    if reach.everything:
        return queryset
    condition = reach.unit_q("issuer") | reach.unit_q("coordinator")
    condition |= Q(issuer__code__in=list(reach.area_codes)) & ~Q(status=CampaignStatus.DRAFT)
    return queryset.filter(condition).distinct()


def can_edit_campaign(user, campaign) -> bool:
    return has_role(user, campaign.coordinator, *CAMPAIGN_EDITOR_ROLES) or has_role(
        user, campaign.issuer, *CAMPAIGN_EDITOR_ROLES
    )


def units_manageable_by(user) -> QuerySet[OrgUnit]:
    """Units under which the user may create a campaign or manage others."""
    reach = reach_of(user)
    if reach.everything:
        return OrgUnit.objects.all()
    ids = [uid for uid, roles in reach.roles.items() if roles & CAMPAIGN_EDITOR_ROLES]
    return OrgUnit.objects.filter(pk__in=ids)


def issuer_units(user) -> QuerySet[OrgUnit]:
    """Units a user may name as a plan's issuer: a unit where they coordinate
    (or administer), any unit below it, and the body directly above it — a
    Department of Education runs the plan its People's Committee issues —
    but never higher: a province's coordinator cannot issue as the Ministry
    (every unit in the country would see the plan)."""
    reach = reach_of(user)
    if reach.everything:
        return OrgUnit.objects.all()
    editing = [uid for uid, roles in reach.roles.items() if roles & CAMPAIGN_EDITOR_ROLES]
    if not editing:
        return OrgUnit.objects.none()
    condition = Q(pk__in=OrgUnit.objects.filter(pk__in=editing).values("parent_id"))
    for uid in editing:
        condition |= Q(path__startswith=reach.own_paths[uid])
    return OrgUnit.objects.filter(condition)


def units_up_to_area(user) -> QuerySet[OrgUnit]:
    """Units a user sees, and every unit above their own: where a step's
    reports may go (a province's Department reports to the Ministry) and
    who may receive a copy."""
    reach = reach_of(user)
    if reach.everything:
        return OrgUnit.objects.all()
    return OrgUnit.objects.filter(
        Q(pk__in=units_visible_to(user).values("pk")) | Q(code__in=list(reach.area_codes))
    )


# --- 404 instead of 403 -------------------------------------------------------------


def get_or_404(queryset: QuerySet, **lookup):
    """Fetch one object from an already scoped queryset, or answer 404."""
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404 from None


# --- Reports ---------------------------------------------------------------------------

# Above the unit, a report is read once it has been sent up (or sent back).
_READABLE_FROM_ABOVE = ("submitted", "accepted", "returned")
# Staff of the unit itself write its reports (a coordinator writes the unit's
# own consolidated report); roles held above the unit never do.
_ENTRY_ROLES = (Role.REPORTER, Role.HEAD, Role.COORDINATOR)
_REVIEW_ROLES = (Role.COORDINATOR, Role.HEAD, Role.ADMINISTRATOR)


def scope_reports(user, queryset: QuerySet) -> QuerySet:
    """Reports the user may open: their own units' in any state; below them
    (coordinators, viewers) and as the receiving unit, once sent up."""
    reach = reach_of(user)
    if reach.is_empty:
        return queryset.none()
    if reach.everything:
        return queryset
    return queryset.filter(_reports_q(reach))


def _reports_q(reach: Reach, prefix: str = "") -> Q:
    """``scope_reports``'s rule as a filter on the report at ``prefix``."""
    at = f"{prefix}__" if prefix else ""
    own = Q(**{f"{at}unit_id__in": list(reach.own_unit_ids)})
    above = Q(**{f"{at}pk__in": []})
    for path in reach.subtree_paths:
        above |= Q(**{f"{at}unit__path__startswith": path})
    # The receiving unit's reviewers, and its viewers (who read what it receives).
    receiving = [uid for uid, roles in reach.roles.items() if roles & set(OVERVIEW_ROLES)]
    above |= Q(**{f"{at}step__receiver_id__in": receiving})
    return own | (above & Q(**{f"{at}status__in": _READABLE_FROM_ABOVE}))


# A photo published with consent is everyone's (the public gallery) once its
# report has gone up and stays there: submitted or accepted, not returned.
_PUBLIC_PHOTO_REPORT_STATUSES = ("submitted", "accepted")


def scope_photos(user, queryset: QuerySet) -> QuerySet:
    """Photos the user may fetch, signed in or not: those of the reports the
    user may open (``scope_reports``), and anyone's photo published with
    consent of a report that has been sent."""
    reach = reach_of(user)
    if reach.everything:
        return queryset
    public = Q(may_publish=True, report__status__in=_PUBLIC_PHOTO_REPORT_STATUSES)
    if reach.is_empty:
        return queryset.filter(public)
    return queryset.filter(public | _reports_q(reach, "report"))


def is_public_photo(photo) -> bool:
    """Whether anyone at all may fetch ``photo`` (``scope_photos``'s public part)."""
    return photo.may_publish and photo.report.status in _PUBLIC_PHOTO_REPORT_STATUSES


def scope_entry_reports(user, queryset: QuerySet) -> QuerySet:
    """Reports the user writes: those of units where they hold an entry role
    (within ``scope_reports``, and what ``can_enter_report`` allows). The
    roles are read in the same query unless the request already knows them:
    a submission needs nothing else of the user's reach."""
    from lifelong_week.accounts.models import Membership

    if user is None or not user.is_authenticated or not user.is_active:
        return queryset.none()
    reach = getattr(user, _CACHE_ATTR, None)
    if user.is_superuser or (reach is not None and reach.everything):
        return queryset
    if reach is not None:
        ids = [uid for uid, roles in reach.roles.items() if roles & set(_ENTRY_ROLES)]
        return queryset.filter(unit_id__in=ids)
    entry = Membership.objects.filter(user_id=user.pk, role__in=_ENTRY_ROLES)
    return queryset.filter(unit_id__in=entry.values("unit_id"))


def can_enter_report(user, report) -> bool:
    """Members of the unit who write its reports (reporter, head, coordinator)."""
    reach = reach_of(user)
    if reach.everything:
        return True
    return bool(reach.roles.get(report.unit_id, frozenset()) & set(_ENTRY_ROLES))


def can_review_report(user, report) -> bool:
    """Coordinators (or the head) of the unit the report is sent to."""
    return has_role(user, report.step.receiver, *_REVIEW_ROLES)


# --- Reporting steps -------------------------------------------------------------------


def can_follow_step(user, step) -> bool:
    """Whether ``user`` may read a step's dashboard, its lists and its figures:
    the receiving unit's coordinators, head, viewers and administrators (held
    there or above it). Reporters of the receiving unit write its own report
    and do not follow the units'."""
    return has_role(user, step.receiver, *OVERVIEW_ROLES)


def can_manage_step(user, step) -> bool:
    """Whether ``user`` may act on a step — remind the units, grant extensions:
    those who review its reports (``can_review_report``), not its viewers."""
    return has_role(user, step.receiver, *_REVIEW_ROLES)


def units_reporting_for(user) -> QuerySet[OrgUnit]:
    """Units whose reports the user writes."""
    reach = reach_of(user)
    ids = [uid for uid, roles in reach.roles.items() if roles & set(_ENTRY_ROLES)]
    return OrgUnit.objects.filter(pk__in=ids)
