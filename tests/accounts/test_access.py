from __future__ import annotations

import pytest

from lifelong_week.accounts.access import (
    can_edit_campaign,
    roles_on,
    scope_campaigns,
    units_visible_to,
)
from lifelong_week.accounts.enums import Role
from lifelong_week.campaigns.enums import CampaignStatus
from lifelong_week.campaigns.models import Campaign
from tests.factories import CampaignFactory, OrgUnitFactory, UserFactory, member


@pytest.fixture
def tree(db):
    ministry = OrgUnitFactory(code="BO")
    province = OrgUnitFactory(code="P", parent=ministry)
    department = OrgUnitFactory(code="S", parent=province)
    district = OrgUnitFactory(code="D1", parent=department)
    other_district = OrgUnitFactory(code="D2", parent=department)
    school = OrgUnitFactory(code="T1", parent=district)
    other_province = OrgUnitFactory(code="Q", parent=ministry)
    return locals()


def codes(qs):
    return sorted(qs.values_list("code", flat=True))


def test_reporter_sees_only_their_own_unit(tree):
    user = member(tree["district"], Role.REPORTER)
    assert codes(units_visible_to(user)) == ["D1"]


def test_coordinator_and_viewer_see_the_subtree(tree):
    coordinator = member(tree["department"], Role.COORDINATOR)
    viewer = member(tree["ministry"], Role.VIEWER)
    assert codes(units_visible_to(coordinator)) == ["D1", "D2", "S", "T1"]
    assert codes(units_visible_to(viewer)) == ["BO", "D1", "D2", "P", "Q", "S", "T1"]


def test_roles_held_above_reach_down_but_reporter_roles_do_not(tree):
    coordinator = member(tree["department"], Role.COORDINATOR)
    reporter = member(tree["department"], Role.REPORTER)
    assert roles_on(coordinator, tree["school"]) == {Role.COORDINATOR}
    assert roles_on(reporter, tree["school"]) == frozenset()


def test_anonymous_and_unassigned_users_see_nothing(tree):
    from django.contrib.auth.models import AnonymousUser

    assert codes(units_visible_to(AnonymousUser())) == []
    assert codes(units_visible_to(UserFactory())) == []


def test_campaign_reach(tree):
    plan = CampaignFactory(issuer=tree["province"], coordinator=tree["department"])
    draft = CampaignFactory(
        issuer=tree["province"], coordinator=tree["department"], status=CampaignStatus.DRAFT
    )
    district_reporter = member(tree["district"], Role.REPORTER)
    coordinator = member(tree["department"], Role.COORDINATOR)
    outsider = member(tree["other_province"], Role.COORDINATOR)
    everything = Campaign.objects.all()

    assert list(scope_campaigns(district_reporter, everything)) == [plan]
    assert set(scope_campaigns(coordinator, everything)) == {plan, draft}
    assert list(scope_campaigns(outsider, everything)) == []
    assert can_edit_campaign(coordinator, plan)
    assert not can_edit_campaign(district_reporter, plan)
    assert not can_edit_campaign(outsider, plan)


def test_the_reports_a_user_writes_are_those_of_their_own_units_entry_roles(tree):
    """``scope_entry_reports`` answers as ``can_enter_report`` does, whether
    the request has read the user's reach already or not."""
    from django.contrib.auth.models import AnonymousUser

    from lifelong_week.accounts.access import can_enter_report, reach_of, scope_entry_reports
    from lifelong_week.accounts.models import User
    from lifelong_week.reports.models import Report
    from tests.factories import StepFactory

    campaign = CampaignFactory(issuer=tree["province"], coordinator=tree["department"])
    step = StepFactory(campaign=campaign, receiver=tree["department"])
    units = ("department", "district", "other_district", "school")
    reports = {
        name: Report.objects.create(step=step, campaign=campaign, unit=tree[name]) for name in units
    }
    reporter = member(tree["district"], Role.REPORTER)
    head = member(tree["school"], Role.HEAD)
    coordinator = member(tree["department"], Role.COORDINATOR)  # writes its own unit's only
    viewer = member(tree["province"], Role.VIEWER)
    gone = member(tree["district"], Role.REPORTER)
    gone.is_active = False
    gone.save()
    admin = UserFactory(is_superuser=True)
    expected = {
        reporter: {"district"},
        head: {"school"},
        coordinator: {"department"},
        viewer: set(),
        gone: set(),
        admin: set(units),
    }
    everything = Report.objects.all()
    for user, names in expected.items():
        fresh = User.objects.get(pk=user.pk)  # reach not read yet: one query
        scoped = {r.unit.code for r in scope_entry_reports(fresh, everything)}
        assert scoped == {tree[n].code for n in names}, user
        reach_of(fresh)  # read already: answered from it
        assert {r.unit.code for r in scope_entry_reports(fresh, everything)} == scoped
        if user.is_active:
            allowed = {r.unit.code for r in reports.values() if can_enter_report(fresh, r)}
            assert allowed == scoped
    assert not scope_entry_reports(AnonymousUser(), everything).exists()
