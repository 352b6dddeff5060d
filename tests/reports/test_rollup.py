"""Totals up the tree, checked against values computed by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from lifelong_week.accounts.enums import Role
from lifelong_week.campaigns.enums import CountPolicy, ValueType
from lifelong_week.campaigns.models import Indicator, ReportForm
from lifelong_week.reports.domain import (
    accept_report,
    open_report,
    return_report,
    save_figure,
    submit_report,
)
from lifelong_week.reports.rollup import rollup
from tests.factories import CampaignFactory, OrgUnitFactory, StepFactory, member

VN = ZoneInfo("Asia/Ho_Chi_Minh")
AT = dt.datetime(2021, 10, 10, 9, tzinfo=VN)


@pytest.fixture
def world(db):
    form = ReportForm.objects.create(code="f", title="Mẫu", report_title="Về việc")
    classes = Indicator.objects.create(
        form=form, order=1, code="classes", label="Lớp", unit_of_measure="lớp"
    )
    money = Indicator.objects.create(
        form=form,
        order=2,
        code="money",
        label="Kinh phí",
        unit_of_measure="đồng",
        value_type=ValueType.MONEY,
    )
    plan = Indicator.objects.create(
        form=form, order=3, code="plan", label="Có kế hoạch", unit_of_measure="có/không",
        value_type=ValueType.BOOLEAN, sums_up=False, min_value=None,
    )  # fmt: skip
    ministry = OrgUnitFactory(code="BO")
    p1 = OrgUnitFactory(code="P1", parent=ministry)
    p2 = OrgUnitFactory(code="P2", parent=ministry)
    units = {"BO": ministry, "P1": p1, "P2": p2}
    for code, parent, extra in [
        ("D1", p1, {}),
        ("D2", p1, {}),
        ("D3", p1, {}),
        ("D4", p1, {}),
        ("D5", p1, {"valid_to": dt.date(2021, 10, 12)}),  # merged after it reported
        ("D6", p1, {"valid_to": dt.date(2021, 6, 30)}),  # gone before the week
        ("E1", p2, {}),
    ]:
        units[code] = OrgUnitFactory(code=code, parent=parent, **extra)
    units["S1"] = OrgUnitFactory(code="S1", parent=units["D1"])  # reports beside its district
    units["S2"] = OrgUnitFactory(code="S2", parent=units["D4"])  # its district has not sent
    campaign = CampaignFactory(issuer=ministry, report_form=form)
    step = StepFactory(campaign=campaign, receiver=ministry)
    senders = [u for code, u in units.items() if code not in ("BO", "P1", "P2")]
    step.senders.set(senders)
    coordinator = member(ministry, Role.COORDINATOR)
    values = {  # unit: (classes, money, plan, final status)
        "D1": ("10", "1.000.000", "có", "submitted"),
        "S1": ("4", "200.000", "có", "submitted"),
        "D2": ("7", "500.000", "không", "accepted"),
        "D3": ("100", "9.000.000", "có", "returned"),
        "D4": ("50", "50.000", "có", "draft"),
        "S2": ("3", "30.000", "có", "accepted"),
        "D5": ("5", "0", "có", "submitted"),
        "D6": ("1000", "0", "có", "submitted"),
        "E1": ("2", "100.000", "không", "accepted"),
    }
    for code, (n, amount, yes, status) in values.items():
        reporter = member(units[code], Role.REPORTER)
        report = open_report(step, units[code], by=reporter)
        for indicator, raw in ((classes, n), (money, amount), (plan, yes)):
            save_figure(report, indicator=indicator, raw=raw, base_version=0, by=reporter)
        if status == "draft":
            continue
        submit_report(report, by=reporter, now=AT)
        if status == "accepted":
            accept_report(report, by=coordinator, now=AT)
        elif status == "returned":
            return_report(report, by=coordinator, comment="Sửa lại", now=AT)
    return campaign, units


def as_table(result):
    return {t.indicator.code: (t.total if t.sums else t.yes, t.units) for t in result.totals}


def test_submitted_and_accepted_reports_count_once_each(world):
    campaign, units = world
    # D1 stands for S1; D3 was returned; D4 is a draft so S2 counts; D6 did not exist.
    assert as_table(rollup(campaign, units["BO"])) == {
        "classes": (Decimal(10 + 7 + 3 + 5 + 2), 5),
        "money": (Decimal(1_000_000 + 500_000 + 30_000 + 0 + 100_000), 5),
        "plan": (3, 5),
    }
    assert as_table(rollup(campaign, units["P1"])) == {
        "classes": (Decimal(25), 4),
        "money": (Decimal(1_530_000), 4),
        "plan": (3, 4),
    }
    assert as_table(rollup(campaign, units["D1"]))["classes"] == (Decimal(10), 1)
    assert as_table(rollup(campaign, units["S1"]))["classes"] == (Decimal(4), 1)


def test_accepted_only_policy(world):
    campaign, units = world
    campaign.count_policy = CountPolicy.ACCEPTED
    campaign.save()

    result = rollup(campaign, units["BO"])

    assert result.policy_label == "Chỉ báo cáo đã duyệt"
    assert as_table(result) == {
        "classes": (Decimal(7 + 3 + 2), 3),
        "money": (Decimal(630_000), 3),
        "plan": (1, 3),
    }
    # Without D1 accepted, its school's submitted report still does not count.
    assert as_table(rollup(campaign, units["D1"]))["classes"] == (None, 0)


def test_a_return_takes_the_figures_out_at_once(world):
    campaign, units = world
    report = units["D1"].reports.get()
    coordinator = report.step.receiver.memberships.get().user

    return_report(report, by=coordinator, comment="Kiểm tra lại")

    # The district no longer stands for its school: the school's own report counts.
    assert as_table(rollup(campaign, units["P1"]))["classes"] == (Decimal(7 + 3 + 5 + 4), 4)


def test_the_fold_worker_brings_pending_submissions_into_the_stored_totals(world):
    """What `lifelong-week fold-rollups --once` does for the worker: every
    change the workflow noted is in the stored totals afterwards, and a
    second round has nothing left to do."""
    from io import StringIO

    from django.core.management import call_command

    from lifelong_week.reports.models import RollupNode, RollupPending

    campaign, units = world
    assert RollupPending.objects.filter(campaign=campaign).exists()  # nothing read yet
    assert not RollupNode.objects.filter(campaign=campaign).exists()

    out = StringIO()
    call_command("fold_rollups", "--once", stdout=out)

    assert "Đã cộng dồn" in out.getvalue()
    assert not RollupPending.objects.exists()
    # The Ministry's stored line stands for the five counted reports.
    assert RollupNode.objects.get(campaign=campaign, step_key=0, unit=units["BO"]).reports == 5
    out = StringIO()
    call_command("fold_rollups", "--once", stdout=out)
    assert out.getvalue().strip() == "Đã cộng dồn 0 báo cáo."
    assert as_table(rollup(campaign, units["BO"]))["classes"] == (Decimal(27), 5)


def test_a_large_fold_writes_every_total_row_on_either_database(world):
    """A backlog folds in one round: thousands of total rows in one upsert on
    PostgreSQL, in chunks under SQLite's parameter limit elsewhere."""
    import sqlite3

    from django.db import connection

    from lifelong_week.reports.models import RollupNode
    from lifelong_week.reports.rollup import _upsert

    campaign, units = world
    rows = [(campaign.pk, 10_000 + key, units["E1"].pk, 1) for key in range(9_000)]
    keys, adding = ["campaign_id", "step_key", "unit_id"], ["reports"]
    limit = sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER
    if connection.vendor == "sqlite":  # SQLite's own default, whatever this build allows
        raw = connection.connection
        allowed = raw.setlimit(limit, 32_766)
    try:
        _upsert(RollupNode._meta.db_table, keys, adding, rows)
        _upsert(RollupNode._meta.db_table, keys, adding, rows)  # adds onto the same rows
    finally:
        if connection.vendor == "sqlite":
            raw.setlimit(limit, allowed)

    written = RollupNode.objects.filter(campaign=campaign, step_key__gte=10_000)
    assert written.count() == 9_000
    assert set(written.values_list("reports", flat=True)) == {2}
