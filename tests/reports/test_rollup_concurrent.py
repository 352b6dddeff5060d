"""Submissions and returns from many connections at once, folded while they
run: every change reaches the totals exactly once, and the totals equal a
rebuild from scratch. PostgreSQL only (SQLite runs one writer at a time)."""

from __future__ import annotations

import datetime as dt
import threading
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, connections

from lifelong_week.accounts.enums import Role
from lifelong_week.campaigns.models import Indicator, ReportForm
from lifelong_week.reports.domain import open_report, return_report, save_figure, submit_report
from lifelong_week.reports.models import Report, RollupPending
from lifelong_week.reports.rollup import fold, fold_all, rebuild, rollup
from tests.factories import CampaignFactory, OrgUnitFactory, StepFactory, member
from tests.reports.conftest import stored_totals

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = dt.datetime(2021, 10, 10, 9, tzinfo=VN)


@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_and_folds_count_each_report_once():
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent writers: PostgreSQL (the CI runs it there)")
    form = ReportForm.objects.create(code="cc", title="Mẫu", report_title="Về việc")
    indicator = Indicator.objects.create(form=form, order=1, code="n", label="Số lớp")
    province = OrgUnitFactory(code="CC-P")
    communes = [OrgUnitFactory(code=f"CC-C{i}", parent=province) for i in range(3)]
    schools = [
        OrgUnitFactory(code=f"CC-S{c}{i}", parent=commune)
        for c, commune in enumerate(communes)
        for i in range(8)
    ]
    campaign = CampaignFactory(issuer=province, report_form=form)
    step = StepFactory(campaign=campaign, receiver=province)
    step.senders.set([*communes, *schools])
    coordinator = member(province, Role.COORDINATOR)
    work = []
    for n, unit in enumerate([*schools, communes[0]]):  # one commune reports for itself too
        reporter = member(unit, Role.REPORTER)
        report = open_report(step, unit, by=reporter)
        save_figure(report, indicator=indicator, raw=str(n + 1), base_version=0, by=reporter)
        work.append((report.pk, reporter, n + 1))

    errors: list[BaseException] = []
    running = threading.Event()
    running.set()

    def submitter(batch):
        try:
            for pk, reporter, _value in batch:
                submit_report(Report.objects.get(pk=pk), by=reporter, now=NOW)
                if pk % 3 == 0:  # sent back and submitted again while folds run
                    return_report(Report.objects.get(pk=pk), by=coordinator, comment="Sửa", now=NOW)
                    submit_report(Report.objects.get(pk=pk), by=reporter, now=NOW)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    def folder():
        try:
            while running.is_set():
                fold(campaign.pk)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submitter, args=(work[i::4],)) for i in range(4)]
    folding = threading.Thread(target=folder)
    folding.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    running.clear()
    folding.join()
    assert not errors, errors

    fold_all()
    assert not RollupPending.objects.exists()
    assert Report.objects.filter(campaign=campaign, in_rollup=True).count() == len(work)
    # The commune's own report stands for its schools: they do not add to it.
    commune_schools = {u.pk for u in schools if u.parent_id == communes[0].pk}
    expected = sum(
        value
        for pk, _reporter, value in work
        if Report.objects.get(pk=pk).unit_id not in commune_schools
    )
    (total,) = rollup(campaign, province).totals
    assert total.total == expected
    kept = stored_totals(campaign)
    rebuild(campaign)
    assert stored_totals(campaign) == kept


@pytest.mark.django_db
def test_saving_a_copy_read_before_a_fold_keeps_what_the_fold_recorded():
    """The admin or a script saving a report it read before the fold does not
    put back the old "not in the totals" flag (the totals would then hold a
    report the next fold adds again)."""
    form = ReportForm.objects.create(code="cs", title="Mẫu", report_title="Về việc")
    indicator = Indicator.objects.create(form=form, order=1, code="n", label="Số lớp")
    province = OrgUnitFactory(code="CS-P")
    school = OrgUnitFactory(code="CS-S", parent=province)
    campaign = CampaignFactory(issuer=province, report_form=form)
    step = StepFactory(campaign=campaign, receiver=province)
    step.senders.set([school])
    reporter = member(school, Role.REPORTER)
    report = open_report(step, school, by=reporter)
    save_figure(report, indicator=indicator, raw="7", base_version=0, by=reporter)
    submit_report(Report.objects.get(pk=report.pk), by=reporter, now=NOW)
    stale = Report.objects.get(pk=report.pk)
    assert not stale.in_rollup
    fold_all()
    stale.review_comment = "ghi chú"
    stale.save()
    assert Report.objects.get(pk=report.pk).in_rollup
    fold_all()
    (total,) = rollup(campaign, province).totals
    assert total.total == 7
    kept = stored_totals(campaign)
    rebuild(campaign)
    assert stored_totals(campaign) == kept
