"""The API is scoped exactly like the pages: outside reach is 404, with the
same body as an object that does not exist."""

from __future__ import annotations

import pytest

from lifelong_week.accounts.models import User
from lifelong_week.reports.domain import open_report, submit_report
from tests.reports.conftest import fill_all_figures

LA = "long-an-2021"
NOT_FOUND = {"detail": "Không tìm thấy, hoặc bạn không có quyền xem.", "errors": {}}


@pytest.fixture
def objects(demo):
    step = demo.campaign.steps.get(order=1)
    draft = open_report(step, demo.units["803"], by=User.objects.get(username="benluc.baocao"))
    tanan = User.objects.get(username="tanan.baocao")
    sent = open_report(step, demo.units["794"], by=tanan)
    fill_all_figures(sent, tanan)
    submit_report(sent, by=tanan)
    return {"step": step.pk, "draft": draft.pk, "sent": sent.pk}


def requests(objects):
    """Every operation that touches Long An data."""
    return [
        ("get", f"/campaigns/{LA}/rollup", {}),
        ("get", f"/campaigns/{LA}/rollup", {"unit": "803"}),
        ("get", f"/campaigns/{LA}/rollup/children", {}),
        ("get", f"/steps/{objects['step']}/completeness", {}),
        ("get", f"/reports/{objects['sent']}", {}),
        ("get", f"/reports/{objects['draft']}", {}),
        ("put", f"/reports/{objects['draft']}/figures", {"figures": {}}),
        ("post", f"/steps/{objects['step']}/units/803/report", None),
    ]


def test_another_provinces_coordinator_gets_404_for_every_long_an_object(api, outsider, objects):
    as_outsider = api(outsider)
    observed = {}
    for method, path, data in requests(objects):
        if method == "get":
            response = as_outsider.get(path, **data)
        elif method == "put":
            response = as_outsider.put(path, data)
        else:
            response = as_outsider.post(path, data)
        observed[(method, path, str(data))] = (response.status_code, response.json())
    assert observed == {
        (method, path, str(data)): (404, NOT_FOUND) for method, path, data in requests(objects)
    }


def test_a_missing_object_answers_the_same_404(api, demo):
    as_coordinator = api("sogd.dieuphoi")
    for path in ["/campaigns/khong-co/rollup", "/steps/999999/completeness", "/reports/999999"]:
        response = as_coordinator.get(path)
        assert (response.status_code, response.json()) == (404, NOT_FOUND)
    response = as_coordinator.get("/khong-co-dia-chi-nay")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_another_province_does_not_see_the_long_an_campaign_in_the_list(api, outsider):
    slugs = [c["slug"] for c in api(outsider).get("/campaigns").json()]
    assert slugs == ["bo-gddt-2021"]


def test_long_an_coordinator_sees_both_campaigns(api, demo):
    slugs = [c["slug"] for c in api("sogd.dieuphoi").get("/campaigns").json()]
    assert sorted(slugs) == ["bo-gddt-2021", LA]


def test_a_district_reporter_reaches_only_its_own_unit(api, objects):
    as_ben_luc = api("benluc.baocao")
    assert as_ben_luc.get(f"/campaigns/{LA}/rollup", unit="803").status_code == 200
    assert as_ben_luc.get(f"/campaigns/{LA}/rollup", unit="794").status_code == 404
    assert as_ben_luc.get(f"/campaigns/{LA}/rollup", unit="80-SGDDT").status_code == 404
    # Not the receiving unit: the step's follow-up is not theirs.
    assert as_ben_luc.get(f"/steps/{objects['step']}/completeness").status_code == 404
    # Another district's report, even once sent.
    assert as_ben_luc.get(f"/reports/{objects['sent']}").status_code == 404
    assert as_ben_luc.get(f"/reports/{objects['draft']}").status_code == 200


def test_the_coordinator_reads_a_sent_report_but_not_a_draft_and_writes_neither(api, objects):
    as_coordinator = api("sogd.dieuphoi")
    assert as_coordinator.get(f"/reports/{objects['sent']}").status_code == 200
    assert as_coordinator.get(f"/reports/{objects['draft']}").status_code == 404
    put = as_coordinator.put(f"/reports/{objects['sent']}/figures", {"figures": {}})
    assert put.status_code == 404
    opened = as_coordinator.post(f"/steps/{objects['step']}/units/803/report")
    assert opened.status_code == 404


def test_a_viewer_above_follows_figures_and_steps_as_on_the_pages(api, objects):
    # A viewer reads the step pages of its subtree (read-only), so its key does too.
    as_ministry = api("bo.theodoi")
    assert as_ministry.get(f"/campaigns/{LA}/rollup", unit="80").status_code == 200
    assert as_ministry.get(f"/steps/{objects['step']}/completeness").status_code == 200
