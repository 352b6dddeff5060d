"""A step's completeness answers what the step's page shows."""

from __future__ import annotations

from lifelong_week.reports.board import build_board
from lifelong_week.reports.models import Report


def test_completeness_matches_the_steps_board(api, full_demo):
    step = full_demo.campaign.steps.get(order=1)
    body = api("sogd.dieuphoi").get(f"/steps/{step.pk}/completeness").json()

    board = build_board(step)  # what the step's page shows
    assert (body["expected"], body["submitted"], body["on_time"]) == (
        board.expected,
        board.sent,
        board.on_time,
    )
    assert board.sent > board.on_time > 0
    assert body["late"] == board.sent - board.on_time
    assert body["completeness"] == round(board.sent / board.expected, 4)
    assert body["timeliness"] == round(board.on_time / board.expected, 4)
    assert [u["code"] for u in body["units"]] == [row.unit.code for row in board.all_rows]
    assert [u["status_label"] for u in body["units"]] == [
        str(row.status_label) for row in board.all_rows
    ]


def test_each_unit_says_its_status_and_lateness(api, full_demo):
    step = full_demo.campaign.steps.get(order=1)
    body = api("sogd.dieuphoi").get(f"/steps/{step.pk}/completeness").json()
    units = {u["code"]: u for u in body["units"]}
    reports = {r.unit.code: r for r in Report.objects.filter(step=step).select_related("unit")}
    for code, row in units.items():
        report = reports.get(code)
        if report is None:
            assert (row["status"], row["report_id"], row["submitted_at"]) == (
                "not_started",
                None,
                None,
            )
        elif report.status in ("submitted", "accepted"):
            assert row["status"] == report.status
            assert row["report_id"] == report.pk
            assert row["days_late"] == report.days_late
            assert row["submitted_at"] is not None
        else:
            assert row["status"] == report.status
            assert row["days_late"] is None
    # A draft is the unit's own business: its status shows, the report does not.
    drafts = [c for c, r in reports.items() if r.status == "draft"]
    assert drafts
    assert all(units[c]["report_id"] is None for c in drafts)


def test_the_finished_campaign_reads_as_finished(api, full_demo):
    """Read years after the 2021 campaign: its step is over, a unit that never
    sent did not send, the others sent on time or late — with Vietnamese
    labels beside the machine values, as on the step's page."""
    step = full_demo.campaign.steps.get(order=1)
    body = api("sogd.dieuphoi").get(f"/steps/{step.pk}/completeness").json()
    assert (body["phase"], body["phase_label"]) == ("finished", "Đã kết thúc")
    units = {u["code"]: u for u in body["units"]}
    assert (units["803"]["sending"], units["803"]["sending_label"]) == ("not_sent", "Không gửi")
    late = next(u for u in body["units"] if u["sending"] == "late")
    assert late["sending_label"] == f"Gửi muộn {late['days_late']} ngày"
    assert {u["sending"] for u in body["units"]} == {"not_sent", "on_time", "late"}
    campaigns = {c["slug"]: c for c in api("sogd.dieuphoi").get("/campaigns").json()}
    assert campaigns["long-an-2021"]["phase"] == "finished"
    assert campaigns["long-an-2021"]["phase_label"] == "Đã kết thúc"
    assert campaigns["long-an-2021"]["status_label"] == "Đã ban hành"
    assert [s["phase"] for s in campaigns["long-an-2021"]["steps"]] == ["finished", "finished"]
