"""Every page × every demo role (and anonymous, and a user of another province).

Nothing outside a user's reach is visible: such objects answer 404, not 403.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from lifelong_week.accounts.enums import Role
from lifelong_week.accounts.models import User
from lifelong_week.orgs.enums import AdminLevel, UnitKind
from tests.factories import OrgUnitFactory, member

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
MATRIX = {
    ("portal:home", ()): dict.fromkeys(CAST, 200),
    ("accounts:login", ()): {**dict.fromkeys(SIGNED_IN, 302), "anonymous": 200},
    ("accounts:home", ()): expect(200),
    ("accounts:password_change", ()): expect(200),
    ("campaigns:list", ()): expect(200),
    ("campaigns:detail", (LA,)): only(*LONG_AN),
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
    return users


@pytest.mark.parametrize(("page", "args"), list(MATRIX), ids=lambda v: str(v))
def test_every_page_for_every_role(client, cast, page, args):
    url = reverse(page, args=args)
    observed = {}
    for who in CAST:
        client.logout()
        if cast[who] is not None:
            client.force_login(cast[who])
        observed[who] = client.get(url).status_code
    assert observed == MATRIX[(page, args)]


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
