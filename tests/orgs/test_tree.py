from __future__ import annotations

import datetime as dt

import pytest

from lifelong_week.core.text import fold
from lifelong_week.orgs.domain import close_unit, move_unit
from lifelong_week.orgs.models import OrgUnit
from tests.factories import OrgUnitFactory


def test_fold_ignores_diacritics_case_and_spacing():
    assert fold("  Bến   Lức ") == "ben luc"
    assert fold("ĐỨC HÒA") == "duc hoa"
    assert fold("Đức Huệ") == fold("duc hue")


@pytest.mark.django_db
def test_search_without_diacritics_finds_units():
    province = OrgUnitFactory(code="80", name="Ủy ban nhân dân tỉnh Long An")
    ben_luc = OrgUnitFactory(code="803", name="Ủy ban nhân dân huyện Bến Lức", parent=province)
    OrgUnitFactory(code="802", name="Ủy ban nhân dân huyện Đức Hòa", parent=province)

    assert list(OrgUnit.objects.search("ben luc")) == [ben_luc]
    assert list(OrgUnit.objects.search("BẾN lức")) == [ben_luc]
    assert list(OrgUnit.objects.search("803")) == [ben_luc]
    assert OrgUnit.objects.search("duc hoa").get().code == "802"


@pytest.mark.django_db
def test_moving_a_unit_carries_its_subtree():
    a = OrgUnitFactory(code="A")
    b = OrgUnitFactory(code="B")
    child = OrgUnitFactory(code="C", parent=a)
    grandchild = OrgUnitFactory(code="D", parent=child)

    move_unit(child, new_parent=b)

    grandchild.refresh_from_db()
    assert (grandchild.path, grandchild.depth) == ("/B/C/D/", 2)
    assert list(OrgUnit.objects.subtree_of(b).values_list("code", flat=True)) == ["B", "C", "D"]
    with pytest.raises(ValueError):
        move_unit(b, new_parent=grandchild)


@pytest.mark.django_db
def test_validity_dates_decide_which_units_existed():
    old = OrgUnitFactory(code="OLD", valid_to=None)
    new = OrgUnitFactory(code="NEW", valid_from=dt.date(2025, 7, 1))
    close_unit(old, on=dt.date(2025, 6, 30), successor=new)

    assert list(OrgUnit.objects.active_on(dt.date(2021, 10, 1))) == [old]
    assert list(OrgUnit.objects.active_on(dt.date(2026, 1, 1))) == [new]
    assert set(OrgUnit.objects.overlapping(dt.date(2025, 1, 1), dt.date(2025, 12, 31))) == {
        old,
        new,
    }
    assert old.successor == new
