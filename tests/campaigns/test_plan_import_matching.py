"""Bodies named in a plan are matched to organisation units the way a
coordinator would read them: no diacritics needed, abbreviations understood,
groups ("UBND các huyện…") standing for every unit of that kind."""

from __future__ import annotations

import pytest

from lifelong_week.campaigns.matching import (
    BodyMatcher,
    match_plan,
    resolve_bodies,
    split_bodies,
)
from lifelong_week.demo.long_an import SEED_PLAN
from lifelong_week.documents.planparser import parse_plan, read_document
from lifelong_week.orgs.enums import AdminLevel, UnitKind
from lifelong_week.orgs.models import OrgUnit
from tests.demo.test_demo_matches_seed import BODIES
from tests.factories import OrgUnitFactory

DISTRICTS = [str(code) for code in range(794, 809)]
PROVINCE_BODIES = ["80-STTTT", "80-SVHTTDL", "80-HKH", "80-HCGC", "80-MTTQ"]


@pytest.fixture
def matcher(demo):
    return BodyMatcher(
        OrgUnit.objects.all(),
        issuer=demo.units["80"],
        exclude_from_groups=[demo.units["80-SGDDT"]],
    )


def codes(units) -> list[str]:
    return sorted(unit.code for unit in units)


def test_the_seed_plans_bodies_stand_for_the_units_the_demo_assigns(matcher):
    plan = parse_plan(read_document(SEED_PLAN)).to_json_dict()

    matches = match_plan(plan, matcher)
    body_units = resolve_bodies(
        plan,
        {body: match.units for body, match in matches.items()},
        [body for body, match in matches.items() if match.expands_to_assigned],
    )

    for body, _duties, expected in BODIES:
        assert codes(body_units[body]) == sorted(expected), body
        assert matches[body].confidence >= 90
    senders = "các sở ngành, đoàn thể, UBND các huyện, thị xã, thành phố"
    press = ["80-BAOLA", "80-DAIPTTH"]
    assert codes(body_units[senders]) == sorted([*PROVINCE_BODIES, *press, *DISTRICTS])
    assert codes(body_units["Sở Giáo dục và Đào tạo"]) == ["80-SGDDT"]
    assert codes(body_units["Bộ Giáo dục và Đào tạo (Vụ Giáo dục thường xuyên)"]) == ["BGDDT"]
    assert all(match.matched for match in matches.values())


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Sở Giáo dục và Đào tạo", "80-SGDDT"),
        ("So Giao duc va Dao tao", "80-SGDDT"),
        ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "80-SGDDT"),
        ("sở giáo dục và đào tạo tỉnh long an", "80-SGDDT"),
        ("Sở GD&ĐT", "80-SGDDT"),
        ("Sở GDĐT", "80-SGDDT"),
        ("So GD-DT Long An", "80-SGDDT"),
        ("Sở GD&ĐT (Phòng Giáo dục Trung học)", "80-SGDDT"),
        ("Bộ Giáo dục và Đào tạo", "BGDDT"),
        ("Bộ GDĐT (qua Vụ Giáo dục thường xuyên)", "BGDDT"),
        ("UBND tỉnh", "80"),
        ("ubnd tinh long an", "80"),
        ("Ủy ban nhân dân tỉnh", "80"),
        ("UBND huyện Bến Lức", "803"),
        ("UBND huyen ben luc", "803"),
        ("Ủy ban nhân dân thành phố Tân An", "794"),
        ("UBND TP Tân An", "794"),
        ("Sở TT&TT", "80-STTTT"),
        ("Sở VH-TT&DL", "80-SVHTTDL"),
        ("Đài PT&TH Long An", "80-DAIPTTH"),
        ("Hội Khuyến học tỉnh", "80-HKH"),
        ("hoi khuyen hoc", "80-HKH"),
        ("UBMTTQVN tỉnh", "80-MTTQ"),
        ("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "80-MTTQ"),
    ],
)
def test_one_body_written_any_way_finds_its_unit(matcher, name, code):
    match = matcher.match(name)

    assert codes(match.units) == [code]
    assert not match.group


def test_the_ministry_is_never_taken_for_the_department(matcher):
    assert codes(matcher.match("Bộ GD&ĐT").units) == ["BGDDT"]
    assert codes(matcher.match("Sở GD&ĐT").units) == ["80-SGDDT"]


def test_a_list_of_bodies_gives_each_of_them(matcher):
    match = matcher.match("Báo Long An, Đài Phát thanh và Truyền hình Long An")

    assert codes(match.units) == ["80-BAOLA", "80-DAIPTTH"]


def test_a_body_that_is_not_in_the_tree_stays_unmatched(matcher):
    match = matcher.match("Trung tâm Văn hóa - Thể thao tỉnh")

    assert not match.matched
    assert match.units == []


def test_a_name_several_units_fit_equally_is_not_guessed(matcher):
    match = matcher.match("UBND huyện")

    assert not match.matched
    assert len(match.suggestions) >= 2


def test_only_the_candidates_given_are_matched(demo):
    province_only = OrgUnit.objects.filter(path__startswith=demo.units["80"].path)
    matcher = BodyMatcher(province_only, issuer=demo.units["80"])

    assert not matcher.match("Bộ Giáo dục và Đào tạo").matched


def test_groups_leave_out_the_issuer_and_the_coordinating_unit(matcher):
    match = matcher.match("Các sở, ban, ngành tỉnh")

    assert match.group
    assert codes(match.units) == ["80-STTTT", "80-SVHTTDL"]


def test_splitting_keeps_one_body_with_commas_in_its_name():
    assert split_bodies("Sở Văn hóa, Thể thao và Du lịch") == ["so van hoa the thao va du lich"]
    assert split_bodies("Báo Long An, Đài PT&TH Long An") == [
        "bao long an",
        "dai phat thanh va truyen hinh long an",
    ]
    assert split_bodies("Ủy ban MTTQ Việt Nam huyện và các đoàn thể huyện") == [
        "uy ban mat tran to quoc viet nam huyen",
        "cac doan the huyen",
    ]
    assert split_bodies("UBND các huyện, thị xã, thành phố") == [
        "uy ban nhan dan cac huyen thi xa thanh pho"
    ]


@pytest.fixture
def district(db):
    """A district plan's world: the district, its office and its communes."""
    province = OrgUnitFactory(
        code="P",
        name="Ủy ban nhân dân tỉnh Long An",
        admin_level=AdminLevel.PROVINCE,
    )
    department = OrgUnitFactory(
        code="P-SGD",
        name="Sở Giáo dục và Đào tạo tỉnh Long An",
        kind=UnitKind.DEPARTMENT,
        admin_level=AdminLevel.PROVINCE,
        parent=province,
    )
    issuer = OrgUnitFactory(code="D", name="Ủy ban nhân dân huyện Bến Lức", parent=department)
    office = OrgUnitFactory(
        code="D-PGD",
        name="Phòng Giáo dục và Đào tạo huyện Bến Lức",
        kind=UnitKind.EDUCATION_OFFICE,
        parent=issuer,
    )
    culture = OrgUnitFactory(
        code="D-PVH",
        name="Phòng Văn hóa và Thông tin huyện Bến Lức",
        kind=UnitKind.OTHER,
        parent=issuer,
    )
    communes = [
        OrgUnitFactory(
            code=f"D-X{n}",
            name=name,
            admin_level=AdminLevel.COMMUNE,
            parent=issuer,
        )
        for n, name in enumerate(
            ["Ủy ban nhân dân xã Thạnh Lợi", "Ủy ban nhân dân thị trấn Bến Lức"]
        )
    ]
    units = [province, department, issuer, office, culture, *communes]
    return {
        "matcher": BodyMatcher(units, issuer=issuer, exclude_from_groups=[office]),
        "office": office,
        "culture": culture,
        "communes": communes,
        "department": department,
        "issuer": issuer,
    }


@pytest.mark.parametrize(
    "name",
    ["Phòng Giáo dục và Đào tạo", "Phòng GD&ĐT", "Phòng GDĐT", "PHÒNG GD-ĐT", "phong gddt"],
)
def test_a_district_plan_finds_its_education_office_however_abbreviated(district, name):
    assert district["matcher"].match(name).units == [district["office"]]


def test_a_district_plan_reaches_up_to_the_department_and_down_to_its_communes(district):
    matcher = district["matcher"]

    assert matcher.match("Sở Giáo dục và Đào tạo").units == [district["department"]]
    assert matcher.match("UBND huyện (qua Phòng Giáo dục và Đào tạo)").units == [district["issuer"]]
    assert codes(matcher.match("UBND các xã, thị trấn").units) == codes(district["communes"])
    assert matcher.match("Phòng Văn hóa và Thông tin").units == [district["culture"]]
