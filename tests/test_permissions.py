"""Every page × every demo role (and anonymous, and a user of another province).

Nothing outside a user's reach is visible: such objects answer 404, not 403.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from lifelong_week.accounts.enums import Role
from lifelong_week.accounts.models import User
from lifelong_week.orgs.enums import AdminLevel, UnitKind
from lifelong_week.reports.domain import open_report, submit_report
from lifelong_week.reports.enums import ReportStatus
from lifelong_week.reports.models import Report
from tests.factories import OrgUnitFactory, member
from tests.reports.conftest import fill_all_figures

CAST = [
    "anonymous",
    "quantri",
    "bo.theodoi",
    "ubndtinh.theodoi",
    "sogd.dieuphoi",
    "sogd.baocao",
    "sogd.giamdoc",
    "benluc.baocao",
    "benluc.lanhdao",
    "tanan.baocao",
    "outsider",
]
SIGNED_IN = [who for who in CAST if who != "anonymous"]
LONG_AN = [who for who in SIGNED_IN if who != "outsider"]


def expect(default: int, **overrides: int) -> dict[str, int]:
    """Expected status per cast member; anonymous users are sent to sign in."""
    table = {who: default for who in CAST}
    table["anonymous"] = 302
    table.update({who.replace("_", "."): status for who, status in overrides.items()})
    return table


def only(*allowed: str, default_other: int = 404) -> dict[str, int]:
    table = {who: default_other for who in CAST}
    table["anonymous"] = 302
    table.update(dict.fromkeys(allowed, 200))
    return table


LA = "long-an-2021"
DRAFT, SENT, STEP1, STEP2 = "<draft report>", "<sent report>", "<step 1>", "<step 2>"
# Who reads a step's dashboard: the receiving unit's coordinators, head and
# viewers, held there or above (the province's and the Ministry's viewers);
# who acts on it (reminders, extensions): its coordinators and head only.
STEP1_READERS = (
    "quantri", "bo.theodoi", "ubndtinh.theodoi", "sogd.dieuphoi", "sogd.giamdoc",
)  # fmt: skip
STEP1_MANAGERS = ("quantri", "sogd.dieuphoi", "sogd.giamdoc")
MATRIX = {
    ("portal:home", ()): dict.fromkeys(CAST, 200),
    ("accounts:login", ()): {**dict.fromkeys(SIGNED_IN, 302), "anonymous": 200},
    ("accounts:home", ()): expect(200),
    # The audit log: coordinators and administrators, each of their own units.
    ("audit:log", ()): only("quantri", "sogd.dieuphoi", "outsider"),
    ("accounts:password_reset", ()): dict.fromkeys(CAST, 200),
    ("accounts:password_change", ()): expect(200),
    ("campaigns:list", ()): expect(200),
    ("campaigns:detail", (LA,)): only(*LONG_AN),
    ("campaigns:plan_import", ()): only("quantri", "sogd.dieuphoi", "outsider"),
    ("campaigns:source", (LA,)): only(*LONG_AN),
    ("campaigns:detail", ("bo-gddt-2021",)): expect(200),
    ("campaigns:edit", (LA,)): only("quantri", "sogd.dieuphoi"),
    ("campaigns:edit_part", (LA, "hoat-dong")): only("quantri", "sogd.dieuphoi"),
    ("campaigns:edit_part", (LA, "phan-cong")): only("quantri", "sogd.dieuphoi"),
    ("campaigns:edit_part", (LA, "bao-cao")): only("quantri", "sogd.dieuphoi"),
    # The report form is shared with the Ministry's guidance: only who may
    # change both campaigns may change it.
    ("campaigns:edit_part", (LA, "chi-tieu")): only("quantri"),
    ("campaigns:edit_part", (LA, "muc-bao-cao")): only("quantri"),
    ("campaigns:edit_part", (LA, "khong-co")): only(),
    ("campaigns:create", ()): only("quantri", "sogd.dieuphoi", "outsider"),
    ("orgs:tree", ()): expect(200),
    ("orgs:detail", ("803",)): only(
        "quantri",
        "bo.theodoi",
        "ubndtinh.theodoi",
        "sogd.dieuphoi",
        "benluc.baocao",
        "benluc.lanhdao",
    ),
    ("orgs:detail", ("80-SGDDT",)): only(
        "quantri", "bo.theodoi", "ubndtinh.theodoi", "sogd.dieuphoi", "sogd.baocao", "sogd.giamdoc"
    ),
    ("orgs:detail", ("72",)): only("quantri", "bo.theodoi", "outsider"),
    ("admin:index", ()): {**dict.fromkeys(CAST, 302), "quantri": 200},
    # A draft is seen only by its unit; once sent up, by the levels above too.
    ("reports:edit", (DRAFT,)): only("quantri", "benluc.baocao", "benluc.lanhdao"),
    ("reports:history", (DRAFT,)): only("quantri", "benluc.baocao", "benluc.lanhdao"),
    ("reports:docx", (DRAFT,)): only("quantri", "benluc.baocao", "benluc.lanhdao"),
    ("reports:photos_zip", (DRAFT,)): only("quantri", "benluc.baocao", "benluc.lanhdao"),
    # The preview before sending is the writers'; once sent it leads back to the report.
    ("reports:submit", (DRAFT,)): only("quantri", "benluc.baocao", "benluc.lanhdao"),
    ("reports:submit", (SENT,)): {**only(), "quantri": 302, "tanan.baocao": 302},
    ("reports:edit", (SENT,)): only(
        "quantri", "bo.theodoi", "ubndtinh.theodoi", "sogd.dieuphoi", "sogd.giamdoc", "tanan.baocao"
    ),
    ("reports:history", (SENT,)): only(
        "quantri", "bo.theodoi", "ubndtinh.theodoi", "sogd.dieuphoi", "sogd.giamdoc", "tanan.baocao"
    ),
    ("reports:open", (STEP1, "803")): {
        **only(),
        "quantri": 302,
        "benluc.baocao": 302,
        "benluc.lanhdao": 302,
    },
    ("reports:events", ()): expect(200),
    ("reports:step", (STEP1,)): only(*STEP1_READERS),
    ("reports:not_sent", (STEP1,)): only(*STEP1_READERS),
    ("reports:step_export", (STEP1, "csv")): only(*STEP1_READERS),
    ("reports:remind", (STEP1,)): only(*STEP1_MANAGERS),
    # The Department's report to the Ministry: the Ministry's viewer follows it;
    # the Department's own staff write that report and do not see the Ministry's board.
    ("reports:step", (STEP2,)): only("quantri", "bo.theodoi"),
    ("reports:remind", (STEP2,)): only("quantri"),
    ("reports:event_create", ()): only(
        "sogd.dieuphoi",
        "sogd.baocao",
        "sogd.giamdoc",
        "benluc.baocao",
        "benluc.lanhdao",
        "tanan.baocao",
    ),
}
# Writing a report and reviewing it are POSTs: only the unit's staff write,
# only the receiving unit's coordinators (or head) review.
POSTS = {
    ("reports:submit", (DRAFT,)): only(
        "quantri", "benluc.baocao", "benluc.lanhdao", default_other=404
    ),
    ("reports:review", (SENT,)): only("quantri", "sogd.dieuphoi", "sogd.giamdoc"),
    ("reports:extension", (STEP1,)): only(*STEP1_MANAGERS),
}


@pytest.fixture
def cast(demo):
    other_province = OrgUnitFactory(
        code="72",
        name="Ủy ban nhân dân tỉnh Tây Ninh",
        kind=UnitKind.PEOPLES_COMMITTEE,
        admin_level=AdminLevel.PROVINCE,
        parent=demo.units["BGDDT"],
    )
    users = {who: User.objects.get(username=who) for who in SIGNED_IN if who != "outsider"}
    users["outsider"] = member(other_province, Role.COORDINATOR, user__username="outsider")
    users["anonymous"] = None
    step = demo.campaign.steps.get(order=1)
    draft = open_report(step, demo.units["803"], by=users["benluc.baocao"])
    sent = open_report(step, demo.units["794"], by=users["tanan.baocao"])
    if sent.is_editable:
        fill_all_figures(sent, users["tanan.baocao"])
        submit_report(sent, by=users["tanan.baocao"])
    upward = demo.campaign.steps.get(order=2)
    users["<objects>"] = {DRAFT: draft.pk, SENT: sent.pk, STEP1: step.pk, STEP2: upward.pk}
    return users


def _url(cast, page, args):
    return reverse(page, args=[cast["<objects>"].get(arg, arg) for arg in args])


def _observe(client, cast, method, url, reset=None):
    observed = {}
    for who in CAST:
        if reset is not None:
            reset()
        client.logout()
        if cast[who] is not None:
            client.force_login(cast[who])
        response = getattr(client, method)(url, {"action": "accept"} if method == "post" else None)
        status = response.status_code
        # A successful POST redirects back to the report (anonymous: to sign in).
        if method == "post" and status == 302 and who != "anonymous":
            status = 200
        observed[who] = status
    return observed


def test_every_page_for_every_role(client, cast):
    # One test over the whole matrix: the demo loads once, and a failure shows
    # every page whose table differs.
    observed = {key: _observe(client, cast, "get", _url(cast, *key)) for key in MATRIX}
    assert observed == MATRIX


@pytest.mark.parametrize(("page", "args"), list(POSTS), ids=lambda v: str(v))
def test_every_action_for_every_role(client, cast, page, args):
    reset = None  # an action on a step (an extension) changes nothing to undo
    if args[0] in (DRAFT, SENT):
        report = Report.objects.get(pk=cast["<objects>"][args[0]])
        if page == "reports:submit":
            fill_all_figures(report, cast["benluc.baocao"])
        start = ReportStatus.DRAFT if page == "reports:submit" else ReportStatus.SUBMITTED

        def reset():  # every role tries the same action on the same report
            Report.objects.filter(pk=report.pk).update(status=start)

    expected = {**POSTS[(page, args)], "anonymous": 302}
    observed = _observe(client, cast, "post", _url(cast, page, args), reset=reset)
    assert observed == expected


def test_a_user_of_another_province_sees_nothing_of_long_an(client, cast):
    client.force_login(cast["outsider"])
    assert "Long An" not in client.get(reverse("campaigns:list")).content.decode().replace(
        "bo-gddt-2021", ""
    )
    tree = client.get(reverse("orgs:tree")).content.decode()
    assert "Tây Ninh" in tree
    assert "Ủy ban nhân dân huyện Bến Lức" not in tree
    search = client.get(reverse("orgs:tree"), {"q": "ben luc"})
    assert list(search.context["results"]) == []
