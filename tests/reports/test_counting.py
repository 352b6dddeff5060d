"""One counting rule: every output of a step's figures — the step page, the
API, the consolidated .docx and its .xlsx appendix, the step's .xlsx and
.csv — shows the figures of exactly the reports that count under the
campaign's policy, its rows add up to its totals, and all of them agree.
A unit whose report does not count (a draft, a returned report, a report
merely submitted where only accepted ones count) is listed with its status
and no figures anywhere."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from lifelong_week.accounts.models import User
from lifelong_week.campaigns.enums import CountPolicy
from lifelong_week.reports.board import board_choice
from lifelong_week.reports.consolidate import draft_consolidated
from lifelong_week.reports.domain import open_report
from lifelong_week.reports.enums import ReportStatus
from lifelong_week.reports.models import FigureValue, Report
from lifelong_week.reports.rollup import counted_in_step, rebuild, rollup
from tests.api.conftest import bearer
from tests.reports import counting_outputs as read

pytestmark = pytest.mark.django_db

# What each policy counts, written out here rather than taken from the code
# under test.
COUNTING = {
    CountPolicy.SUBMITTED: {ReportStatus.SUBMITTED, ReportStatus.ACCEPTED},
    CountPolicy.ACCEPTED: {ReportStatus.ACCEPTED},
}


def _expected(step, indicators):
    """Straight from the reports: each sender's figures when its report's
    status counts, and their sums."""
    counting = COUNTING[CountPolicy(step.campaign.count_policy)]
    rows = {unit.code: {i.pk: None for i in indicators} for unit in step.senders.all()}
    counted = Report.objects.filter(step=step, status__in=counting)
    for code, indicator_id, value in FigureValue.objects.filter(
        report__in=counted, indicator__in=indicators
    ).values_list("report__unit__code", "indicator_id", "value"):
        rows[code][indicator_id] = value
    totals = {}
    for i in indicators:
        given = [row[i.pk] for row in rows.values() if row[i.pk] is not None]
        totals[i.pk] = sum(given, Decimal(0)) if given else None
    return rows, totals


def _login(client, username):
    client.force_login(User.objects.get(username=username))


@pytest.fixture
def long_an(full_demo):
    campaign = full_demo.campaign
    step = campaign.steps.get(order=1)  # every body → Sở GD&ĐT
    return full_demo, campaign, step


@pytest.mark.parametrize("policy", [CountPolicy.SUBMITTED, CountPolicy.ACCEPTED])
def test_every_output_of_the_step_shows_the_same_counted_figures(long_an, client, policy):
    demo, campaign, step = long_an
    campaign.count_policy = policy
    campaign.save()
    rebuild(campaign)
    step.refresh_from_db()
    indicators = board_choice(step).indicators  # the summing ones
    expected_rows, expected_totals = _expected(step, indicators)
    not_counting = {
        r.unit.code: r.status
        for r in Report.objects.filter(step=step).select_related("unit")
        if r.status not in COUNTING[policy]
    }
    # The demo has drafts and a returned report with figures typed in.
    assert {"798", "799", "80-BAOLA"} <= set(not_counting)
    assert not_counting["806"] == ReportStatus.RETURNED
    assert FigureValue.objects.filter(
        report__step=step, report__unit__code__in=not_counting, value__isnull=False
    ).exists()
    blank = {i.pk: None for i in indicators}
    for code in not_counting:
        assert expected_rows[code] == blank

    # The roll-up the whole platform reads.
    totals = rollup(campaign, step.receiver, step=step)
    assert {t.indicator.pk: t.total for t in totals.totals if t.indicator in indicators} == (
        expected_totals
    )
    assert {
        r.unit.code
        for r in Report.objects.filter(pk__in=counted_in_step(step)).select_related("unit")
    } == {code for code in expected_rows if code not in not_counting and _has_report(step, code)}

    # The step page, as the receiving unit's coordinator.
    _login(client, "sogd.dieuphoi")
    page = client.get(reverse("reports:step", args=[step.pk]))
    assert page.status_code == 200
    page_rows, page_totals = read.from_step_page(page.content.decode(), indicators)
    assert page_rows == expected_rows
    assert page_totals == expected_totals

    # The step's .xlsx and .csv.
    xlsx = client.get(reverse("reports:step_export", args=[step.pk, "xlsx"]))
    assert read.from_xlsx(b"".join(xlsx.streaming_content), indicators) == (
        expected_rows,
        expected_totals,
    )
    csv_text = b"".join(
        client.get(reverse("reports:step_export", args=[step.pk, "csv"])).streaming_content
    )
    assert read.from_csv(csv_text.decode("utf-8"), indicators) == (expected_rows, expected_totals)

    # The API: the receiving unit's totals and each unit's.
    from lifelong_week.api.tokens import create_token

    _token, key = create_token(User.objects.get(username="sogd.dieuphoi"), name="thử")
    params = {"unit": "80-SGDDT", "step": step.pk}
    api_total = client.get(
        f"/api/v1/campaigns/{campaign.slug}/rollup", params, headers=bearer(key)
    ).json()
    api_children = client.get(
        f"/api/v1/campaigns/{campaign.slug}/rollup/children", params, headers=bearer(key)
    ).json()
    api_rows, api_totals = read.from_api(api_total, api_children, indicators)
    assert api_totals == expected_totals
    for code, values in expected_rows.items():
        assert api_rows[code] == values, code

    # The Department's consolidated report to the Ministry: .docx and .xlsx.
    author = User.objects.get(username="sogd.baocao")
    own = open_report(campaign.steps.get(order=2), demo.units["80-SGDDT"], by=author)
    draft_consolidated(own, by=author)
    _login(client, "sogd.baocao")
    sheet = client.get(reverse("reports:appendix_xlsx", args=[own.pk]))
    assert sheet.status_code == 200
    assert read.from_xlsx(_content(sheet), indicators) == (expected_rows, expected_totals)
    document = client.get(reverse("reports:docx", args=[own.pk]))
    assert document.status_code == 200
    names = {unit.display_name: unit.code for unit in step.senders.all()}
    docx_rows, docx_totals = read.from_docx_appendix(_content(document), indicators)
    shown = list(next(iter(docx_rows.values())))
    assert shown, "the appendix shows key figures"
    assert {names[name]: values for name, values in docx_rows.items()} == {
        code: {pk: row[pk] for pk in shown} for code, row in expected_rows.items()
    }
    assert docx_totals == {pk: expected_totals[pk] for pk in shown}
    # Phụ lục I, the Department's own figures drafted from the same totals.
    own_figures = dict(own.figures.values_list("indicator_id", "value"))
    for i in indicators:
        assert own_figures.get(i.pk) == expected_totals[i.pk], i.code


def _has_report(step, code) -> bool:
    return Report.objects.filter(step=step, unit__code=code).exists()


def _content(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content
