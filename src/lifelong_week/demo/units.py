"""The organisation tree of the Long An 2021 plan.

Every body the seed plan gives duties to or expects a report from, with the
General Statistics Office codes where they exist (Long An 80, its districts
794–808, as they stood in 2021 — before the 2025 reorganisation).
"""

from __future__ import annotations

import datetime as dt

from lifelong_week.orgs.enums import AdminLevel, UnitKind
from lifelong_week.orgs.models import OrgUnit

MINISTRY = "BGDDT"
PROVINCE = "80"
DEPARTMENT = "80-SGDDT"

# (code, type word, name as printed in the header, place)
DISTRICTS_2021 = [
    ("794", "thành phố", "Tân An"),
    ("795", "thị xã", "Kiến Tường"),
    ("796", "huyện", "Tân Hưng"),
    ("797", "huyện", "Vĩnh Hưng"),
    ("798", "huyện", "Mộc Hóa"),
    ("799", "huyện", "Tân Thạnh"),
    ("800", "huyện", "Thạnh Hóa"),
    ("801", "huyện", "Đức Huệ"),
    ("802", "huyện", "Đức Hòa"),
    ("803", "huyện", "Bến Lức"),
    ("804", "huyện", "Thủ Thừa"),
    ("805", "huyện", "Tân Trụ"),
    ("806", "huyện", "Cần Đước"),
    ("807", "huyện", "Cần Giuộc"),
    ("808", "huyện", "Châu Thành"),
]

# The district-level tier of Long An ceased on 01/07/2025 (two-level local
# government); the tree keeps it with its validity dates instead of deleting it.
DISTRICTS_VALID_TO = dt.date(2025, 6, 30)

PROVINCE_BODIES = [
    # code, name, short name, kind, issuing name, symbol, head title
    (
        "80-STTTT",
        "Sở Thông tin và Truyền thông tỉnh Long An",
        "Sở TT&TT",
        UnitKind.DEPARTMENT,
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        "STTTT",
        "GIÁM ĐỐC",
    ),
    (
        "80-SVHTTDL",
        "Sở Văn hóa, Thể thao và Du lịch tỉnh Long An",
        "Sở VH-TT&DL",
        UnitKind.DEPARTMENT,
        "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
        "SVHTTDL",
        "GIÁM ĐỐC",
    ),
    (
        "80-BAOLA",
        "Báo Long An",
        "Báo Long An",
        UnitKind.PRESS,
        "BÁO LONG AN",
        "BLA",
        "TỔNG BIÊN TẬP",
    ),
    (
        "80-DAIPTTH",
        "Đài Phát thanh và Truyền hình Long An",
        "Đài PT&TH Long An",
        UnitKind.PRESS,
        "ĐÀI PHÁT THANH VÀ TRUYỀN HÌNH LONG AN",
        "ĐPTTH",
        "GIÁM ĐỐC",
    ),
    (
        "80-HKH",
        "Hội Khuyến học tỉnh Long An",
        "Hội Khuyến học tỉnh",
        UnitKind.ASSOCIATION,
        "HỘI KHUYẾN HỌC TỈNH LONG AN",
        "HKH",
        "CHỦ TỊCH",
    ),
    (
        "80-HCGC",
        "Hội Cựu Giáo chức tỉnh Long An",
        "Hội Cựu Giáo chức tỉnh",
        UnitKind.ASSOCIATION,
        "HỘI CỰU GIÁO CHỨC TỈNH LONG AN",
        "HCGC",
        "CHỦ TỊCH",
    ),
    (
        "80-MTTQ",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Long An",
        "UBMTTQVN tỉnh",
        UnitKind.FRONT,
        "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH LONG AN",
        "MTTQ",
        "CHỦ TỊCH",
    ),
]


def _upsert(code: str, **fields) -> OrgUnit:
    unit = OrgUnit.objects.filter(code=code).first() or OrgUnit(code=code)
    for key, value in fields.items():
        setattr(unit, key, value)
    unit.save()
    return unit


def build_long_an_tree() -> dict[str, OrgUnit]:
    """Create (or refresh) the Ministry and Long An's 2021 bodies; return them by code."""
    units: dict[str, OrgUnit] = {}
    units[MINISTRY] = _upsert(
        MINISTRY,
        name="Bộ Giáo dục và Đào tạo",
        short_name="Bộ GD&ĐT",
        kind=UnitKind.MINISTRY,
        admin_level=AdminLevel.CENTRAL,
        parent=None,
        issuing_name="BỘ GIÁO DỤC VÀ ĐÀO TẠO",
        doc_symbol="BGDĐT",
        place_name="Hà Nội",
        head_title="BỘ TRƯỞNG",
        address="35 Đại Cồ Việt, Hai Bà Trưng, Hà Nội",
    )
    units[PROVINCE] = _upsert(
        PROVINCE,
        name="Ủy ban nhân dân tỉnh Long An",
        short_name="UBND tỉnh Long An",
        kind=UnitKind.PEOPLES_COMMITTEE,
        admin_level=AdminLevel.PROVINCE,
        parent=units[MINISTRY],
        issuing_name="ỦY BAN NHÂN DÂN TỈNH LONG AN",
        doc_symbol="UBND",
        place_name="Long An",
        head_title="CHỦ TỊCH",
    )
    units[DEPARTMENT] = _upsert(
        DEPARTMENT,
        name="Sở Giáo dục và Đào tạo tỉnh Long An",
        short_name="Sở GD&ĐT Long An",
        kind=UnitKind.DEPARTMENT,
        admin_level=AdminLevel.PROVINCE,
        parent=units[PROVINCE],
        governing_body="UBND TỈNH LONG AN",
        issuing_name="SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        doc_symbol="SGDĐT",
        place_name="Long An",
        head_title="GIÁM ĐỐC",
        address="Số 411 Quốc lộ 1, khu phố Bình Quân 1, Phường 4, thành phố Tân An, tỉnh Long An",
        email="phonggdtx.solongan@moet.edu.vn",
    )
    for code, name, short, kind, issuing, symbol, head in PROVINCE_BODIES:
        units[code] = _upsert(
            code,
            name=name,
            short_name=short,
            kind=kind,
            admin_level=AdminLevel.PROVINCE,
            parent=units[DEPARTMENT],
            governing_body="UBND TỈNH LONG AN" if kind == UnitKind.DEPARTMENT else "",
            issuing_name=issuing,
            doc_symbol=symbol,
            place_name="Long An",
            head_title=head,
        )
    for code, type_word, place in DISTRICTS_2021:
        units[code] = upsert_district(code, type_word, place, parent=units[DEPARTMENT])
    return units


def upsert_district(code: str, type_word: str, place: str, *, parent: OrgUnit) -> OrgUnit:
    """A 2021 district-level People's Committee, reporting to ``parent`` (the
    province's Department of Education, as the plans have it)."""
    return _upsert(
        code,
        name=f"Ủy ban nhân dân {type_word} {place}",
        short_name=f"UBND {type_word} {place}",
        kind=UnitKind.PEOPLES_COMMITTEE,
        admin_level=AdminLevel.DISTRICT,
        parent=parent,
        valid_to=DISTRICTS_VALID_TO,
        issuing_name=f"ỦY BAN NHÂN DÂN {type_word.upper()} {place.upper()}",
        doc_symbol="UBND",
        place_name=place,
        head_title="CHỦ TỊCH",
    )
