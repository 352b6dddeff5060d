from __future__ import annotations

import pytest

from lifelong_week.accounts.models import User
from lifelong_week.reports.domain import open_report, save_figure


@pytest.fixture
def step(demo):
    return demo.campaign.steps.get(order=1)


@pytest.fixture
def reporter(demo):
    return User.objects.get(username="benluc.baocao")


@pytest.fixture
def coordinator(demo):
    return User.objects.get(username="sogd.dieuphoi")


@pytest.fixture
def report(demo, step, reporter):
    return open_report(step, demo.units["803"], by=reporter)


def fill_all_figures(report, user, value: str = "3", **overrides: str) -> None:
    """Fill every indicator (booleans "có"), as a unit does before submitting."""
    for indicator in report.campaign.report_form.indicators.all():
        raw = overrides.get(indicator.code, "có" if indicator.value_type == "boolean" else value)
        row = report.figures.filter(indicator=indicator).first()
        save_figure(
            report,
            indicator=indicator,
            raw=raw,
            base_version=row.version if row else 0,
            by=user,
        )


def stored_totals(campaign):
    """The campaign's stored roll-up rows (cells that add nothing left out,
    as a rebuild does not store them): compared with a rebuild's."""
    from lifelong_week.reports.models import RollupCell, RollupNode

    nodes = set(
        RollupNode.objects.filter(campaign=campaign).values_list("step_key", "unit", "reports")
    )
    cells = set(
        RollupCell.objects.filter(campaign=campaign)
        .exclude(valued=0, units=0, yes=0, total=0)
        .values_list("step_key", "unit", "indicator", "total", "valued", "units", "yes")
    )
    return nodes, cells
