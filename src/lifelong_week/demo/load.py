"""Load the whole demo, built on the same domain functions as the application."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from lifelong_week.accounts.enums import Role
from lifelong_week.demo.accounts import build_accounts
from lifelong_week.demo.hau_giang import ACCOUNTS as HAU_GIANG_ACCOUNTS
from lifelong_week.demo.hau_giang import build_hau_giang
from lifelong_week.demo.long_an import build_long_an_campaign
from lifelong_week.demo.report_form import build_report_form
from lifelong_week.demo.reports import build_demo_reports
from lifelong_week.demo.units import build_long_an_tree


@dataclass
class DemoData:
    units: dict
    campaign: object
    accounts: list[tuple[str, str, str]]


@transaction.atomic
def load_demo(*, reports: bool = True) -> DemoData:
    """Create what is missing; running it again keeps what is there.

    ``reports=False`` leaves out the units' reports (tests that build their
    own) and the second province, Hậu Giang, which exists for the Ministry's view.
    """
    units = build_long_an_tree()
    form = build_report_form(2021)
    campaign = build_long_an_campaign(units, form)
    accounts = build_accounts(units)
    if reports:
        build_demo_reports(units, campaign)
        build_hau_giang(form)
        accounts += [
            (name, Role(role).label, "Sở GD&ĐT Hậu Giang")
            for name, _n, _c, role in HAU_GIANG_ACCOUNTS
        ]
    return DemoData(units=units, campaign=campaign, accounts=accounts)
