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
