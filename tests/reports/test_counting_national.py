"""The counting rule on a generated country: for every step of a province's
plan (schools → commune, communes → Department, Department → Ministry) the
step page's rows, the step's spreadsheet and the roll-up agree, add up, and
show no figure of a report that does not count; the Ministry's board of
provinces adds up to its national totals."""

from __future__ import annotations

import pytest

from lifelong_week.campaigns.enums import CountPolicy
from lifelong_week.campaigns.models import Campaign
from lifelong_week.documents.exporters import StepExporter
from lifelong_week.national.generator import MINISTRY_SLUG, generate_national
from lifelong_week.reports.board import board_choice, build_board
from lifelong_week.reports.enums import ReportStatus
from lifelong_week.reports.national import build_national_board
from lifelong_week.reports.rollup import rebuild, rollup
from tests.reports import counting_outputs as read
from tests.reports.test_counting import COUNTING, _expected

pytestmark = pytest.mark.django_db


@pytest.fixture
def country():
    generate_national(units=300, seed=11)
    return Campaign.objects.get(slug=MINISTRY_SLUG)


@pytest.mark.parametrize("policy", [CountPolicy.SUBMITTED, CountPolicy.ACCEPTED])
def test_every_step_of_a_generated_plan_adds_up_the_same_everywhere(country, policy):
    plans = list(country.children.order_by("slug")[:3])
    checked_statuses = set()
    for plan in plans:
        plan.count_policy = policy
        plan.save()
        rebuild(plan)
        for step in plan.steps.all():
            indicators = board_choice(step).indicators
            expected_rows, expected_totals = _expected(step, indicators)
            checked_statuses |= set(step.reports.values_list("status", flat=True))

            totals = rollup(plan, step.receiver, step=step)
            assert {
                t.indicator.pk: t.total for t in totals.totals if t.indicator in indicators
            } == expected_totals, step.title

            board = build_board(step)
            assert {
                row.unit.code: {i.pk: row.figures.get(i.pk) for i in indicators}
                for row in board.all_rows
            } == expected_rows, step.title

            exporter = StepExporter(step)
            rows = [
                [str(cell) if cell is not None else None for cell in row] for row in exporter.rows()
            ]
            assert read._sheet_rows(
                exporter.header(), rows, indicators, code_column="Mã đơn vị"
            ) == (
                expected_rows,
                expected_totals,
            ), step.title
    # The generated reports are in every state, so each rule was exercised.
    assert {ReportStatus.DRAFT, ReportStatus.SUBMITTED, ReportStatus.ACCEPTED} <= checked_statuses


@pytest.mark.parametrize("policy", [CountPolicy.SUBMITTED, CountPolicy.ACCEPTED])
def test_the_ministry_board_adds_up_the_provinces_it_shows(country, policy):
    country.count_policy = policy
    country.save()

    board = build_national_board(country)

    counting = COUNTING[policy]
    for row in board.rows:
        if row.report is None or row.report.status not in counting:
            assert all(value is None for value in row.figures.values()), row.province.code
    for indicator in board.indicators:
        shown = [row.figures.get(indicator.pk) for row in board.rows]
        assert sum(v for v in shown if v is not None) == board.totals.get(indicator.pk, 0)
    statuses = {row.report.status for row in board.rows if row.report}
    assert statuses - counting, "some province reports do not count under this policy"
