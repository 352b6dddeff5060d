"""The roll-up endpoints answer exactly what ``rollup()`` computes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from lifelong_week.campaigns.enums import ValueType
from lifelong_week.orgs.models import OrgUnit
from lifelong_week.reports.rollup import rollup

LA = "long-an-2021"


def as_api(result) -> list[dict]:
    """What the API should say for a ``Rollup``, computed independently."""
    rows = []
    for total in result.totals:
        indicator = total.indicator
        expected_total = None
        if total.sums and total.total is not None:
            expected_total = Decimal(str(total.total))
        rows.append(
            {
                "code": indicator.code,
                "total": expected_total,
                "units": total.units,
                "yes": total.yes if indicator.value_type == ValueType.BOOLEAN else None,
            }
        )
    return rows


def as_observed(indicators: list[dict]) -> list[dict]:
    return [
        {
            "code": row["code"],
            "total": None if row["total"] is None else Decimal(str(row["total"])),
            "units": row["units"],
            "yes": row["yes"],
        }
        for row in indicators
    ]


@pytest.fixture
def campaign(full_demo):
    return full_demo.campaign


def test_the_provinces_rollup_equals_rollup(api, campaign):
    response = api("sogd.dieuphoi").get(f"/campaigns/{LA}/rollup", unit="80-SGDDT")
    assert response.status_code == 200
    body = response.json()
    expected = rollup(campaign, OrgUnit.objects.get(code="80-SGDDT"))
    assert body["reports"] == expected.reports
    assert body["reports"] > 0
    assert as_observed(body["indicators"]) == as_api(expected)
    assert body["unit"] == {
        "code": "80-SGDDT",
        "name": "Sở Giáo dục và Đào tạo tỉnh Long An",
        "short_name": OrgUnit.objects.get(code="80-SGDDT").short_name,
    }
    assert body["policy"]["statuses"] == ["submitted", "accepted"]
    assert body["step"] is None


def test_totals_are_json_numbers_with_labels_and_units_of_measure(api, campaign):
    body = api("sogd.dieuphoi").get(f"/campaigns/{LA}/rollup").json()
    first = campaign.report_form.indicators.first()
    row = body["indicators"][0]
    assert (row["code"], row["label"], row["unit_of_measure"], row["value_type"]) == (
        first.code,
        first.label,
        first.unit_of_measure,
        first.value_type,
    )
    summing = [r for r in body["indicators"] if r["sums_up"] and r["total"] is not None]
    assert summing
    assert all(isinstance(r["total"], int | float) for r in summing)
    assert all(r["total"] is None for r in body["indicators"] if not r["sums_up"])


def test_the_unit_defaults_to_the_users_top_unit(api, campaign):
    body = api("sogd.dieuphoi").get(f"/campaigns/{LA}/rollup").json()
    assert body["unit"]["code"] == "80-SGDDT"
    body = api("benluc.baocao").get(f"/campaigns/{LA}/rollup").json()
    assert body["unit"]["code"] == "803"


def test_one_step_only(api, campaign):
    step = campaign.steps.get(order=1)
    body = api("sogd.dieuphoi").get(f"/campaigns/{LA}/rollup", step=str(step.pk)).json()
    expected = rollup(campaign, OrgUnit.objects.get(code="80-SGDDT"), step=step)
    assert body["step"] == step.pk
    assert as_observed(body["indicators"]) == as_api(expected)


def test_a_step_of_another_campaign_is_404(api, campaign):
    from lifelong_week.campaigns.models import Campaign
    from tests.factories import StepFactory

    ministry = Campaign.objects.get(slug="bo-gddt-2021")
    other = StepFactory(campaign=ministry, receiver=ministry.issuer)
    response = api("sogd.dieuphoi").get(f"/campaigns/{LA}/rollup", step=str(other.pk))
    assert response.status_code == 404


def test_children_each_equal_their_own_rollup(api, campaign):
    body = api("sogd.dieuphoi").get(f"/campaigns/{LA}/rollup/children", unit="80-SGDDT").json()
    parent = OrgUnit.objects.get(code="80-SGDDT")
    children = list(parent.children.order_by("path"))
    assert [row["unit"]["code"] for row in body["children"]] == [c.code for c in children]
    for row, child in zip(body["children"], children, strict=True):
        expected = rollup(campaign, child)
        assert (row["reports"], as_observed(row["indicators"])) == (
            expected.reports,
            as_api(expected),
        ), child.code


def test_a_malformed_unit_code_is_422_in_vietnamese(api, campaign):
    response = api("sogd.dieuphoi").get(f"/campaigns/{LA}/rollup", unit="bến lức")
    assert response.status_code == 422
    assert response.json() == {
        "detail": "Dữ liệu gửi lên không hợp lệ.",
        "errors": {"query.unit": "Không đúng định dạng."},
    }
