"""A campaign's life read from its dates, at frozen instants."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from lifelong_week.campaigns.enums import CampaignPhase, CampaignStatus, Sending, StepPhase
from lifelong_week.campaigns.models import Extension
from lifelong_week.campaigns.timeline import (
    campaign_ends_at,
    campaign_phase,
    entry_closes_at,
    sending_state,
    step_phase,
    with_phases,
)
from tests.factories import CampaignFactory, OrgUnitFactory, StepFactory

VN = ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db


def at(month, day, hour=0, year=2021):
    return dt.datetime(year, month, day, hour, tzinfo=VN)


@pytest.fixture
def campaign():
    """The week 1–7/10/2021; units report before 15/10, entry locks from 22/10;
    the Department reports before 30/10, locked from 06/11."""
    campaign = CampaignFactory()
    StepFactory(campaign=campaign, deadline=at(10, 15), lock_at=at(10, 22))
    StepFactory(campaign=campaign, order=2, deadline=at(10, 30), lock_at=at(11, 6))
    return campaign


@pytest.mark.parametrize(
    ("now", "phase"),
    [
        (at(9, 30, 23), CampaignPhase.UPCOMING),
        (at(10, 1), CampaignPhase.ONGOING),
        (at(10, 20), CampaignPhase.ONGOING),
        (at(11, 5, 23), CampaignPhase.ONGOING),
        (at(11, 6), CampaignPhase.FINISHED),
        (at(12, 7, year=2026), CampaignPhase.FINISHED),
    ],
)
def test_the_campaign_phase_follows_its_dates(campaign, now, phase):
    assert campaign_phase(campaign, now=now) == phase


def test_a_draft_stays_a_draft_and_a_closed_campaign_is_finished(campaign):
    campaign.status = CampaignStatus.DRAFT
    assert campaign_phase(campaign, now=at(10, 3)) == CampaignPhase.DRAFT
    campaign.status = CampaignStatus.CLOSED
    assert campaign_phase(campaign, now=at(10, 3)) == CampaignPhase.FINISHED


def test_an_extension_keeps_the_campaign_going(campaign):
    step = campaign.steps.get(order=2)
    Extension.objects.create(step=step, unit=OrgUnitFactory(), until=at(11, 20))
    assert campaign_ends_at([campaign]) == {campaign.pk: at(11, 20)}
    assert campaign_phase(campaign, now=at(11, 10)) == CampaignPhase.ONGOING
    assert campaign_phase(campaign, now=at(11, 20)) == CampaignPhase.FINISHED


def test_without_a_lock_the_campaign_ends_with_its_year():
    campaign = CampaignFactory()
    StepFactory(campaign=campaign, deadline=at(10, 15))
    assert campaign_ends_at([campaign]) == {campaign.pk: at(1, 1, year=2022)}
    assert campaign_phase(campaign, now=at(12, 31, 23)) == CampaignPhase.ONGOING
    assert campaign_phase(campaign, now=at(1, 1, year=2022)) == CampaignPhase.FINISHED


def test_phases_of_many_campaigns_take_one_query(campaign, django_assert_num_queries):
    other = CampaignFactory(year=2026, week_start=dt.date(2026, 10, 1))
    with django_assert_num_queries(1):
        phases = [c.phase.kind for c in with_phases([campaign, other], now=at(12, 7, year=2026))]
    assert phases == [CampaignPhase.FINISHED, CampaignPhase.ONGOING]


@pytest.mark.parametrize(
    ("now", "phase"),
    [
        (at(10, 14, 23), StepPhase.OPEN),
        (at(10, 15), StepPhase.PAST_DEADLINE),
        (at(10, 22), StepPhase.LOCKED),
    ],
)
def test_the_step_phase_follows_deadline_and_lock(campaign, now, phase):
    assert step_phase(campaign.steps.get(order=1), now=now) == phase


def test_a_step_without_a_lock_takes_late_reports_until_the_year_ends():
    step = StepFactory(deadline=at(10, 15))
    assert step_phase(step, now=at(12, 31)) == StepPhase.PAST_DEADLINE
    assert step_phase(step, now=at(1, 1, year=2022)) == StepPhase.FINISHED
    assert entry_closes_at(step) == at(1, 1, year=2022)
    assert entry_closes_at(step, extended_until=at(3, 1, year=2022)) == at(3, 1, year=2022)


def _state(now, *, sent=False, late_by=None, closes_at=None):
    return sending_state(
        deadline=at(10, 15),
        closes_at=closes_at or at(10, 22),
        sent=sent,
        late_by=late_by,
        now=now,
    )


def test_before_the_deadline_the_days_left_are_counted():
    state = _state(at(10, 11, 12))
    assert (state.kind, state.label) == (Sending.PENDING, "Còn 3 ngày")


def test_past_the_deadline_while_entry_is_open_the_unit_is_overdue():
    state = _state(at(10, 15, 1))
    assert (state.kind, state.label) == (Sending.OVERDUE, "Quá hạn 1 ngày")
    assert _state(at(10, 21, 23)).label == "Quá hạn 7 ngày"


def test_after_the_lock_a_unit_that_never_sent_did_not_send():
    state = _state(at(10, 22))
    assert (state.kind, state.label) == (Sending.NOT_SENT, "Không gửi")
    # Years later it still reads so, never "quá hạn 1.881 ngày".
    assert _state(at(12, 7, year=2026)).label == "Không gửi"


def test_an_extension_keeps_the_unit_overdue_rather_than_not_sent():
    state = _state(at(10, 25), closes_at=at(10, 28))
    assert state.label == "Quá hạn 10 ngày"


def test_a_sent_report_is_on_time_or_late_for_good():
    assert _state(at(12, 7, year=2026), sent=True).label == "Đúng hạn"
    late = _state(at(12, 7, year=2026), sent=True, late_by=dt.timedelta(days=1880, hours=1))
    assert (late.kind, late.label) == (Sending.LATE, "Gửi muộn 1.881 ngày")
