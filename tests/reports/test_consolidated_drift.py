"""Phụ lục I (the Department's own figures) against Phụ lục II (its units'
counted reports): when a unit's report is accepted or returned after the
draft, the report page says which figures differ and updates them in one
click, with history."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lifelong_week.accounts.models import User
from lifelong_week.reports.consolidate import draft_consolidated, drifted_figures
from lifelong_week.reports.domain import open_report, return_report
from lifelong_week.reports.enums import ChangeKind
from lifelong_week.reports.models import Report
from lifelong_week.reports.rollup import rollup

pytestmark = pytest.mark.django_db


def test_a_report_returned_after_the_draft_is_flagged_and_fixed_in_one_click(full_demo, client):
    campaign = full_demo.campaign
    author = User.objects.get(username="sogd.baocao")
    own = open_report(campaign.steps.get(order=2), full_demo.units["80-SGDDT"], by=author)
    draft_consolidated(own, by=author)
    assert drifted_figures(own) == []

    # Châu Thành's submitted report is returned: its figures no longer count.
    chau_thanh = Report.objects.get(campaign=campaign, unit__code="808")
    return_report(chau_thanh, by=User.objects.get(username="sogd.dieuphoi"), comment="Bổ sung")

    drift = drifted_figures(own)
    assert drift
    client.force_login(author)
    page = client.get(own.urls.edit).content.decode()
    assert 'id="so-lieu-lech"' in page
    assert "Cập nhật các số liệu này theo tổng hợp" in page

    response = client.post(reverse("reports:consolidate", args=[own.pk]), {"cap-nhat": "1"})

    assert response.status_code == 302
    assert drifted_figures(own) == []
    live = rollup(campaign, own.unit, step=campaign.steps.get(order=1))
    values = dict(own.figures.values_list("indicator_id", "value"))
    for total in live.totals:
        if total.sums:
            assert values.get(total.indicator.pk) == total.total
    assert own.changes.filter(kind=ChangeKind.FIGURE).count() >= len(drift)
    assert 'id="so-lieu-lech"' not in client.get(own.urls.edit).content.decode()
