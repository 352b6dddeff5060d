"""Property: after any sequence of edits, submissions, returns, acceptances,
unit closures and policy changes, every roll-up equals the total an
independent model of the rules computes from scratch."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from lifelong_week.accounts.enums import Role
from lifelong_week.campaigns.enums import CountPolicy
from lifelong_week.campaigns.models import Campaign, Indicator, ReportForm
from lifelong_week.orgs.domain import close_unit
from lifelong_week.reports.domain import (
    accept_report,
    open_report,
    return_report,
    save_figure,
    submit_report,
)
from lifelong_week.reports.enums import ReportStatus
from lifelong_week.reports.models import Report
from lifelong_week.reports.rollup import breakdown, rebuild, rollup, rollup_each
from tests.factories import CampaignFactory, OrgUnitFactory, StepFactory, member

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = dt.datetime(2021, 10, 10, 9, tzinfo=VN)
# The tree of every example: R → A (A1, A2), B (B1).
SHAPE = {"R": None, "A": "R", "B": "R", "A1": "A", "A2": "A", "B1": "B"}
NAMES = st.sampled_from(sorted(SHAPE))
_worlds = itertools.count()


class RollupMachine(RuleBasedStateMachine):
    @initialize()
    def build(self):
        n = next(_worlds)
        form = ReportForm.objects.create(code=f"p{n}", title="Mẫu", report_title="Về việc")
        self.indicator = Indicator.objects.create(
            form=form, order=1, code="n", label="Số lớp", unit_of_measure="lớp"
        )
        self.units = {}
        for name, parent in SHAPE.items():
            self.units[name] = OrgUnitFactory(
                code=f"W{n}-{name}", parent=self.units[parent] if parent else None
            )
        self.campaign = CampaignFactory(issuer=self.units["R"], report_form=form)
        step = self.step = StepFactory(campaign=self.campaign, receiver=self.units["R"])
        step.senders.set(self.units.values())
        self.coordinator = member(self.units["R"], Role.COORDINATOR)
        self.reports = {}
        for name, unit in self.units.items():
            reporter = member(unit, Role.REPORTER)
            self.reports[name] = (open_report(step, unit, by=reporter), reporter)
        # The model: what each unit typed, its status, whether it still exists.
        self.value = dict.fromkeys(SHAPE)
        self.status = dict.fromkeys(SHAPE, ReportStatus.DRAFT)
        self.closed = set()
        self.accepted_only = False

    def _report(self, name):
        report, reporter = self.reports[name]
        report.refresh_from_db()
        return report, reporter

    @rule(name=NAMES, number=st.integers(min_value=0, max_value=1000))
    def edit(self, name, number):
        if self.status[name] not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
            return
        report, reporter = self._report(name)
        row = report.figures.filter(indicator=self.indicator).first()
        save_figure(
            report,
            indicator=self.indicator,
            raw=str(number),
            base_version=row.version if row else 0,
            by=reporter,
        )
        self.value[name] = number

    @rule(name=NAMES)
    def submit(self, name):
        if self.status[name] not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
            return
        if self.value[name] is None:
            return
        report, reporter = self._report(name)
        submit_report(report, by=reporter, now=NOW)
        self.status[name] = ReportStatus.SUBMITTED

    @rule(name=NAMES)
    def accept(self, name):
        if self.status[name] != ReportStatus.SUBMITTED:
            return
        accept_report(self._report(name)[0], by=self.coordinator, now=NOW)
        self.status[name] = ReportStatus.ACCEPTED

    @rule(name=NAMES)
    def send_back(self, name):
        if self.status[name] != ReportStatus.SUBMITTED:
            return
        return_report(self._report(name)[0], by=self.coordinator, comment="Sửa lại", now=NOW)
        self.status[name] = ReportStatus.RETURNED

    @rule(name=NAMES)
    def close_before_the_week(self, name):
        close_unit(self.units[name], on=dt.date(2021, 6, 30))
        self.closed.add(name)

    @rule()
    def switch_policy(self):
        self.accepted_only = not self.accepted_only
        self.campaign.count_policy = (
            CountPolicy.ACCEPTED if self.accepted_only else CountPolicy.SUBMITTED
        )
        self.campaign.save()

    def _expected(self, top):
        counting = (
            {ReportStatus.ACCEPTED}
            if self.accepted_only
            else {
                ReportStatus.SUBMITTED,
                ReportStatus.ACCEPTED,
            }
        )

        def ancestors(name):
            while SHAPE[name] is not None:
                name = SHAPE[name]
                yield name

        def within(name):
            return name == top or top in ancestors(name)

        counted = {
            name
            for name in SHAPE
            if within(name) and self.status[name] in counting and name not in self.closed
        }
        kept = [n for n in counted if not any(a in counted and within(a) for a in ancestors(n))]
        if not kept:
            return None, 0
        return Decimal(sum(self.value[n] for n in kept)), len(kept)

    @invariant()
    def every_rollup_matches_the_model(self):
        if not hasattr(self, "campaign"):
            return
        for name in SHAPE:
            total = rollup(self.campaign, self.units[name]).totals[0]
            assert (total.total, total.units) == self._expected(name), name

    @invariant()
    def the_batched_plan_totals_match_the_model(self):
        """``rollup_each`` (the national line over many plans) gives each
        plan's totals at its issuer, R here, with the same report count."""
        if not hasattr(self, "campaign"):
            return
        campaign = Campaign.objects.select_related("issuer").get(pk=self.campaign.pk)
        (row,) = rollup_each([campaign])
        total, reports = self._expected("R")
        assert (row.totals[0].total, row.totals[0].units, row.reports) == (
            total,
            reports,
            reports,
        )

    @invariant()
    def each_breakdown_row_matches_the_model(self):
        if not hasattr(self, "campaign"):
            return
        for row in breakdown(self.campaign, self.units["R"], step=self.step):
            name = row.unit.code.split("-")[1]
            assert (row.totals[0].total, row.totals[0].units) == self._expected(name), name

    @rule()
    def rebuild_changes_nothing(self):
        before = {n: rollup(self.campaign, u).totals[0] for n, u in self.units.items()}
        rebuild(self.campaign)
        after = {n: rollup(self.campaign, u).totals[0] for n, u in self.units.items()}
        assert {n: (t.total, t.units) for n, t in before.items()} == {
            n: (t.total, t.units) for n, t in after.items()
        }

    @invariant()
    def statuses_match(self):
        if not hasattr(self, "campaign"):
            return
        stored = dict(
            Report.objects.filter(campaign=self.campaign).values_list("unit__code", "status")
        )
        assert {code.split("-")[1]: s for code, s in stored.items()} == self.status


@pytest.mark.django_db
def test_rollup_always_equals_a_recomputation_from_scratch():
    RollupMachine.TestCase.settings = settings(
        max_examples=20,
        stateful_step_count=20,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    RollupMachine.TestCase().runTest()


@pytest.mark.django_db
def test_incremental_upkeep_matches_a_rebuild_after_every_step():
    """Long random walks of the workflow alone (no closure or policy switch,
    which rebuild anyway): the stored totals, folded one change at a time and
    in batches of up to eight changes (schools and their commune in the same
    batch, a report sent back and submitted again before the fold), equal
    the totals rebuilt from scratch after every fold."""
    import random

    from lifelong_week.reports.models import RollupPending
    from lifelong_week.reports.rollup import fold
    from tests.reports.conftest import stored_totals as snapshot

    rng = random.Random(20211001)
    names = sorted(SHAPE)
    # Accepting is final, so it comes rarely: the walk keeps moving.
    actions = ["edit"] * 6 + ["submit"] * 8 + ["send_back"] * 5 + ["accept"]
    for batch in (1, 3, 8):
        machine = RollupMachine()
        machine.build()
        for _ in range(240 // batch):
            steps = []
            for _ in range(batch):
                name = rng.choice(names)
                action = rng.choice(actions)
                if action == "edit":
                    machine.edit(name, rng.randint(0, 1000))
                else:
                    getattr(machine, action)(name)
                steps.append((action, name))
            fold(machine.campaign.pk)
            assert not RollupPending.objects.filter(campaign=machine.campaign).exists()
            incremental = snapshot(machine.campaign)
            rebuild(machine.campaign)
            assert snapshot(machine.campaign) == incremental, steps
            machine.every_rollup_matches_the_model()
