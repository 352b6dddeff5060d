"""A synthetic national dataset: the whole country reporting one year's week.

After the 2025 reform the tree is Ministry → 34 provinces (the People's
Committee, with its Department of Education below it) → communes, wards and
special zones → schools and community learning centres. Real province and
commune names and codes come from the ``vietnam-provinces`` package; schools
and centres are made up, one learning centre per commune and schools spread
unevenly among them.

The campaign chain is the Ministry's guidance and one plan per province (its
child), each plan carrying the reporting chain the real plans print:

- schools and centres → their commune (one step per commune), deadline 10/10;
- communes → the province's Department of Education, deadline 16/10;
- the Department → the Ministry (its consolidated report, copied to the
  province's People's Committee), deadline 31/10 — what the Ministry's
  national board (``reports.national``) follows across the 34 plans.

Reports come in every state — mostly submitted or accepted, some drafts,
some returned, some not started — with plausible figures: a commune's report
adds up its schools' figures and its own activities, a Department's its
communes'. Everything is drawn from ``random.Random(seed)`` at fixed instants,
so a seed always gives the same dataset.

Rows are written in bulk (``national.bulk``), without signals, so the stored
roll-up of every campaign is rebuilt at the end.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils.text import capfirst

from lifelong_week.accounts.enums import Role
from lifelong_week.accounts.models import Membership, User
from lifelong_week.campaigns.domain import VIETNAM, start_of_day
from lifelong_week.campaigns.enums import CampaignStatus
from lifelong_week.campaigns.models import (
    Campaign,
    FormSection,
    Indicator,
    ReportForm,
    ReportingStep,
)
from lifelong_week.core.dates import days_late, sent_late_text
from lifelong_week.core.numbers import format_number
from lifelong_week.core.text import fold
from lifelong_week.demo.accounts import DEMO_PASSWORD
from lifelong_week.national.bulk import BulkWriter
from lifelong_week.national.report_form import build_national_form
from lifelong_week.orgs.enums import AdminLevel, UnitKind
from lifelong_week.orgs.models import PATH_SEPARATOR, OrgUnit
from lifelong_week.reports.enums import ChangeKind, ReportStatus
from lifelong_week.reports.models import FigureValue, Report, ReportChange, SectionText

YEAR = 2025
MINISTRY_CODE = "BGDDT"
MINISTRY_SLUG = f"bo-gddt-{YEAR}"
USERNAME_PREFIX = "qg."
DATA_MARK = "(Dữ liệu mô phỏng toàn quốc)"
REFORM_DAY = dt.date(2025, 7, 1)  # two-level local government from this day
SET_UP_AT = dt.datetime(2025, 9, 15, 8, 0, tzinfo=VIETNAM)

# (deadline, lock) of each level's reports
SCHOOL_DEADLINE = (start_of_day(dt.date(YEAR, 10, 10)), start_of_day(dt.date(YEAR, 10, 14)))
COMMUNE_DEADLINE = (start_of_day(dt.date(YEAR, 10, 16)), start_of_day(dt.date(YEAR, 10, 21)))
PROVINCE_DEADLINE = (start_of_day(dt.date(YEAR, 10, 31)), start_of_day(dt.date(YEAR, 11, 10)))

# Real counts after the reform, for scaling the tree to the requested size.
PROVINCES = 34
COMMUNES = 3321
FULL_SIZE = 50_000
MINIMUM_UNITS = 100

NOT_STARTED = None
DRAFT, SUBMITTED = ReportStatus.DRAFT, ReportStatus.SUBMITTED
ACCEPTED, RETURNED = ReportStatus.ACCEPTED, ReportStatus.RETURNED
STATUSES = (NOT_STARTED, DRAFT, SUBMITTED, ACCEPTED, RETURNED)
# Shares of each state; the deeper the level, the earlier its deadline, the
# further along its reports are.
SCHOOL_MIX = (0.04, 0.06, 0.34, 0.52, 0.04)
COMMUNE_MIX = (0.03, 0.07, 0.40, 0.45, 0.05)
PROVINCE_MIX = (0.12, 0.18, 0.40, 0.24, 0.06)
SENT = frozenset({SUBMITTED, ACCEPTED, RETURNED})  # filled in full, went up once

RETURN_COMMENT = "Đề nghị bổ sung số liệu lớp học trực tuyến và giải trình kinh phí."

# Share of learners from ethnic minorities, roughly, by province.
ETHNIC_SHARE = {
    "cao_bang": 0.9, "lai_chau": 0.8, "dien_bien": 0.8, "son_la": 0.8, "lang_son": 0.8,
    "lao_cai": 0.6, "tuyen_quang": 0.6, "gia_lai": 0.45, "dak_lak": 0.35, "thai_nguyen": 0.3,
    "lam_dong": 0.25, "phu_tho": 0.2, "thanh_hoa": 0.15, "nghe_an": 0.14, "quang_ngai": 0.12,
    "quang_tri": 0.1, "khanh_hoa": 0.1, "an_giang": 0.1, "vinh_long": 0.08, "can_tho": 0.05,
}  # fmt: skip


class GeneratorError(Exception):
    """The dataset cannot be generated here; ``message`` says why, in Vietnamese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# --- The tree ----------------------------------------------------------------------


@dataclass
class Unit:
    id: int
    code: str
    name: str
    short_name: str
    kind: str
    level: str
    parent: Unit | None
    valid_from: dt.date | None = None
    governing_body: str = ""
    issuing_name: str = ""
    doc_symbol: str = ""
    place_name: str = ""
    head_title: str = ""
    address: str = ""
    path: str = ""
    depth: int = 0
    user_id: int = 0

    def __post_init__(self) -> None:
        parent_path = self.parent.path if self.parent else PATH_SEPARATOR
        self.path = f"{parent_path}{self.code}{PATH_SEPARATOR}"
        self.depth = self.path.count(PATH_SEPARATOR) - 2


@dataclass
class Commune:
    unit: Unit
    members: list[Unit] = field(default_factory=list)  # schools and centres


@dataclass
class Province:
    committee: Unit  # UBND tỉnh: issues the plan
    department: Unit  # Sở GD&ĐT: runs it, receives the communes' reports
    codename: str
    communes: list[Commune] = field(default_factory=list)


@dataclass
class Tree:
    ministry: Unit
    provinces: list[Province]

    def units(self):
        yield self.ministry
        for province in self.provinces:
            yield province.committee
            yield province.department
            for commune in province.communes:
                yield commune.unit
                yield from commune.members


def largest_remainder(total: int, weights: list[float], minimum: int = 0) -> list[int]:
    """Split ``total`` in proportion to ``weights``, each share at least ``minimum``."""
    shares = [minimum] * len(weights)
    rest = total - minimum * len(weights)
    if rest <= 0:
        return shares
    whole = sum(weights)
    exact = [rest * w / whole for w in weights]
    floors = [int(x) for x in exact]
    left = rest - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (floors[i] - exact[i], i))
    for i in order[:left]:
        floors[i] += 1
    return [s + f for s, f in zip(shares, floors, strict=True)]


def tree_size(units: int) -> tuple[int, int]:
    """(communes, schools and centres) for a national tree of ``units`` units."""
    rest = units - 1 - 2 * PROVINCES
    communes = round(rest * COMMUNES / (FULL_SIZE - 1 - 2 * PROVINCES))
    communes = min(max(communes, min(PROVINCES, rest // 2)), COMMUNES, rest // 2)
    return communes, rest - communes


def _place(name: str, type_word: str) -> str:
    """ "Thành phố Hà Nội" → "Hà Nội"; "Xã Ba Vì" → "Ba Vì"."""
    if name.lower().startswith(type_word + " "):
        return name[len(type_word) + 1 :]
    return name


SCHOOL_KINDS = [
    ("Trường Mầm non", "Trường MN", "MN"),
    ("Trường Tiểu học", "Trường TH", "TH"),
    ("Trường Trung học cơ sở", "Trường THCS", "THCS"),
    ("Trường Mầm non", "Trường MN", "MN"),
    ("Trường Tiểu học", "Trường TH", "TH"),
    ("Trường Trung học cơ sở", "Trường THCS", "THCS"),
    ("Trường Trung học phổ thông", "Trường THPT", "THPT"),
    ("Trường Tiểu học và Trung học cơ sở", "Trường TH&THCS", "TH&THCS"),
]


def build_tree(units: int, rng: random.Random, next_id: Callable[[], int]) -> Tree:
    from vietnam_provinces import Province as VnProvince
    from vietnam_provinces import VietNamDivisionType, Ward

    commune_count, member_count = tree_size(units)
    ministry = Unit(
        next_id(),
        MINISTRY_CODE,
        "Bộ Giáo dục và Đào tạo",
        "Bộ GD&ĐT",
        UnitKind.MINISTRY,
        AdminLevel.CENTRAL,
        None,
        issuing_name="BỘ GIÁO DỤC VÀ ĐÀO TẠO",
        doc_symbol="BGDĐT",
        place_name="Hà Nội",
        head_title="BỘ TRƯỞNG",
        address="35 Đại Cồ Việt, Hai Bà Trưng, Hà Nội",
    )
    vn_provinces = sorted(VnProvince.iter_all(), key=lambda p: int(p.code))
    wards: dict[int, list] = {int(p.code): [] for p in vn_provinces}
    for ward in sorted(Ward.iter_all(), key=lambda w: int(w.code)):
        wards[int(ward.province_code)].append(ward)
    sizes = [len(wards[int(p.code)]) for p in vn_provinces]
    if commune_count >= PROVINCES:  # every province gets one, the rest in proportion:
        # at full size each gets exactly its real communes
        per_province = largest_remainder(commune_count, [n - 1 for n in sizes], minimum=1)
    else:
        per_province = largest_remainder(commune_count, sizes)

    provinces = []
    for vn, count in zip(vn_provinces, per_province, strict=True):
        city = vn.division_type == VietNamDivisionType.THANH_PHO_TRUNG_UONG
        type_word = "thành phố" if city else "tỉnh"
        place = _place(vn.name, type_word)
        code = f"{int(vn.code):02d}"
        committee = Unit(
            next_id(),
            code,
            f"Ủy ban nhân dân {type_word} {place}",
            f"UBND {type_word} {place}",
            UnitKind.PEOPLES_COMMITTEE,
            AdminLevel.PROVINCE,
            ministry,
            valid_from=REFORM_DAY,
            issuing_name=f"ỦY BAN NHÂN DÂN {type_word} {place}".upper(),
            doc_symbol="UBND",
            place_name=place,
            head_title="CHỦ TỊCH",
        )
        department = Unit(
            next_id(),
            f"{code}-SGDDT",
            f"Sở Giáo dục và Đào tạo {type_word} {place}",
            f"Sở GD&ĐT {place}",
            UnitKind.DEPARTMENT,
            AdminLevel.PROVINCE,
            committee,
            valid_from=REFORM_DAY,
            governing_body=f"UBND {type_word} {place}".upper(),
            issuing_name="SỞ GIÁO DỤC VÀ ĐÀO TẠO",
            doc_symbol="SGDĐT",
            place_name=place,
            head_title="GIÁM ĐỐC",
        )
        province = Province(committee, department, vn.codename)
        chosen = wards[int(vn.code)]
        if count < len(chosen):
            chosen = sorted(rng.sample(chosen, count), key=lambda w: int(w.code))
        for ward in chosen:
            ward_type = ward.division_type.value
            ward_place = _place(ward.name, ward_type)
            province.communes.append(
                Commune(
                    Unit(
                        next_id(),
                        f"{int(ward.code):05d}",
                        f"Ủy ban nhân dân {ward_type} {ward_place}",
                        f"UBND {ward_type} {ward_place}",
                        UnitKind.PEOPLES_COMMITTEE,
                        AdminLevel.COMMUNE,
                        department,
                        valid_from=REFORM_DAY,
                        issuing_name=f"ỦY BAN NHÂN DÂN {ward_type} {ward_place}".upper(),
                        doc_symbol="UBND",
                        place_name=ward_place,
                        head_title="CHỦ TỊCH",
                    )
                )
            )
        provinces.append(province)

    communes = [c for p in provinces for c in p.communes]
    weights = [
        rng.uniform(0.4, 1.6) * (1.3 if c.unit.name.startswith("Ủy ban nhân dân phường") else 1.0)
        for c in communes
    ]
    for commune, count in zip(
        communes, largest_remainder(member_count, weights, minimum=1), strict=True
    ):
        _add_members(commune, count, next_id)
    return Tree(ministry, provinces)


def _add_members(commune: Commune, count: int, next_id: Callable[[], int]) -> None:
    unit = commune.unit
    type_word = unit.short_name.removeprefix("UBND ").removesuffix(" " + unit.place_name)
    place = unit.place_name
    governing = f"UBND {type_word} {place}".upper()
    commune.members.append(
        Unit(
            next_id(),
            f"{unit.code}-01",
            f"Trung tâm học tập cộng đồng {type_word} {place}",
            f"TTHTCĐ {type_word} {place}",
            UnitKind.LEARNING_CENTRE,
            AdminLevel.GRASSROOTS,
            unit,
            governing_body=governing,
            issuing_name=f"TRUNG TÂM HỌC TẬP CỘNG ĐỒNG {type_word} {place}".upper(),
            doc_symbol="TTHTCĐ",
            place_name=place,
            head_title="GIÁM ĐỐC",
        )
    )
    seen: dict[str, int] = {}
    for n in range(1, count):
        name, short, symbol = SCHOOL_KINDS[(n - 1) % len(SCHOOL_KINDS)]
        seen[name] = seen.get(name, 0) + 1
        number = f" số {seen[name]}" if seen[name] > 1 else ""
        commune.members.append(
            Unit(
                next_id(),
                f"{unit.code}-{n + 1:02d}",
                f"{name} {place}{number}",
                f"{short} {place}{number}",
                UnitKind.SCHOOL,
                AdminLevel.GRASSROOTS,
                unit,
                governing_body=governing,
                issuing_name=f"{name} {place}{number}".upper(),
                doc_symbol=symbol,
                place_name=place,
                head_title="HIỆU TRƯỞNG",
            )
        )


# --- Figures -------------------------------------------------------------------------


def member_figures(rng: random.Random, centre: bool, ethnic: float) -> dict[str, int]:
    """A school's or learning centre's figures for the week, consistent with
    the form's cross-checks (no classes without learners, and so on)."""
    r = rng.randint
    v: dict[str, int] = {}
    v["plan_issued"] = 1 if rng.random() < 0.96 else 0
    v["banners"] = r(1, 6) if centre else r(2, 12)
    v["news_items"] = r(0, 6)
    v["social_posts"] = r(1, 25)
    v["radio_broadcasts"] = r(2, 20) if centre else r(0, 3)
    v["opening_ceremonies"] = 1 if rng.random() < 0.9 else 0
    v["opening_attendance"] = r(60, 400) * v["opening_ceremonies"]
    v["online_classes"] = r(0, 4) if centre else r(0, 3)
    v["free_classes"] = r(0, v["online_classes"])
    v["online_learners"] = r(8, 35) * v["online_classes"]
    v["clubs"] = r(1, 6) if centre else r(0, 4)
    v["club_members"] = r(8, 30) * v["clubs"]
    v["contests"] = r(0, 2)
    v["contest_participants"] = r(15, 200) * v["contests"]
    v["trainings"] = r(0, 3) if centre else r(0, 1)
    v["training_participants"] = r(10, 40) * v["trainings"]
    v["open_resources"] = r(0, 15) if centre else r(2, 40)
    v["book_titles"] = r(20, 250)
    v["book_copies"] = v["book_titles"] * r(2, 6)
    v["cultural_venues"] = 1 if rng.random() < (0.5 if centre else 0.15) else 0
    v["cultural_visitors"] = r(30, 400) * v["cultural_venues"]
    v["press_programmes"] = 0
    v["honoured_collectives"] = r(0, 2)
    v["honoured_individuals"] = r(0, 8)
    v["international_events"] = 1 if rng.random() < 0.02 else 0
    v["funding_state"] = r(0, 16) * 500_000
    v["funding_other"] = r(0, 6) * 500_000
    _learners(v, rng, ethnic, elderly=0.15 if centre else 0.03)
    v["reading_sessions"] = r(0, 6)
    v["learning_families"] = r(0, 40) if centre else 0
    v["learning_clans"] = r(0, 3) if centre else 0
    v["learning_communities"] = r(0, 2) if centre else 0
    v["learning_units"] = 1 if rng.random() < 0.3 else 0
    v["learning_citizens"] = r(0, 30) if centre else r(0, 10)
    v["volunteers"] = r(2, 30)
    return v


def own_figures(rng: random.Random, ethnic: float, scale: int) -> dict[str, int]:
    """What a commune (scale 1) or a Department (scale 3) organised itself."""
    r = rng.randint
    v = {code: 0 for code in FIGURE_CODES}
    v["plan_issued"] = 1
    v["banners"] = r(5, 30) * scale
    v["news_items"] = r(2, 15) * scale
    v["social_posts"] = r(5, 40) * scale
    v["radio_broadcasts"] = r(10, 60)
    v["opening_ceremonies"] = 1
    v["opening_attendance"] = r(150, 800) * scale
    v["press_programmes"] = r(0, 1) * scale
    v["honoured_collectives"] = r(1, 5) * scale
    v["honoured_individuals"] = r(2, 15) * scale
    v["funding_state"] = r(4, 40) * 500_000 * scale
    v["funding_other"] = r(0, 20) * 500_000 * scale
    _learners(v, rng, ethnic, elderly=0.1)
    v["volunteers"] = r(5, 40) * scale
    return v


def _learners(v: dict[str, int], rng: random.Random, ethnic: float, elderly: float) -> None:
    total = (
        v.get("opening_attendance", 0)
        + v.get("online_learners", 0)
        + v.get("club_members", 0)
        + v.get("contest_participants", 0)
        + v.get("training_participants", 0)
        + rng.randint(50, 600)
    )
    v["learners_total"] = total
    v["learners_women"] = round(total * rng.uniform(0.45, 0.6))
    v["learners_ethnic"] = min(total, round(total * ethnic * rng.uniform(0.6, 1.4)))
    v["learners_elderly"] = round(total * rng.uniform(0, elderly))
    v["learners_disabled"] = round(total * rng.uniform(0, 0.02))
    v["learners_workers"] = round(total * rng.uniform(0, 0.15))


def _add(total: dict[str, int], part: dict[str, int]) -> None:
    for code, value in part.items():
        if code != "plan_issued":
            total[code] = total.get(code, 0) + value


# The national form's indicator codes, in form order (see report_form.py).
def _codes() -> list[str]:
    from lifelong_week.national.report_form import ALL_INDICATORS

    return [row[0] for row in ALL_INDICATORS]


FIGURE_CODES = _codes()


# --- Texts ---------------------------------------------------------------------------

ACHIEVEMENTS = [
    "Các hoạt động được tổ chức đa dạng, thu hút đông đảo người dân tham gia; phối hợp tốt giữa nhà trường và địa phương.",
    "Phong trào đọc sách và học tập trực tuyến lan tỏa; nhiều mô hình gia đình, dòng họ học tập được nhân rộng.",
    "Ứng dụng công nghệ số trong tổ chức lớp học giúp người dân ở xa vẫn tham gia được.",
]
DIFFICULTIES = [
    "Kinh phí tổ chức còn hạn chế; cơ sở vật chất, thiết bị học tập trực tuyến chưa đáp ứng nhu cầu.",
    "Một số nơi đường truyền Internet chưa ổn định, người cao tuổi còn khó tiếp cận học tập trực tuyến.",
    "Thời gian tổ chức trùng mùa vụ nên số người tham gia ở một số thôn, ấp còn ít.",
]
PROPOSALS = [
    "Đề nghị cấp trên bố trí kinh phí và tài liệu hướng dẫn sớm hơn để chủ động triển khai.",
    "Đề nghị tăng cường tập huấn kỹ năng số cho cán bộ phụ trách trung tâm học tập cộng đồng.",
    "Đề nghị có hình thức khen thưởng kịp thời các tập thể, cá nhân tiêu biểu.",
]


def section_texts(unit: Unit, v: dict[str, int], rng: random.Random) -> list[str]:
    """The eight sections of the *Mẫu BC*, in order, from the unit's figures."""
    n = format_number
    opening = (
        f"Tổ chức lễ phát động ngày 0{rng.randint(1, 3)}/10/{YEAR}, "
        f"{n(v['opening_attendance'])} người tham dự (trực tiếp và trực tuyến)."
        if v["opening_ceremonies"]
        else "Không tổ chức lễ phát động riêng; cán bộ, người học tham dự lễ phát động của địa phương."
    )
    return [
        f"{unit.name} ban hành kế hoạch tổ chức Tuần lễ hưởng ứng học tập suốt đời năm {YEAR}, "
        f"phân công cán bộ theo dõi, đôn đốc thực hiện. {DATA_MARK}",
        opening,
        f"Tổ chức {n(v['online_classes'])} lớp học trực tuyến, duy trì {n(v['clubs'])} câu lạc bộ, "
        f"{n(v['contests'])} cuộc thi và {n(v['reading_sessions'])} buổi đọc sách, giới thiệu sách; "
        f"treo {n(v['banners'])} băng rôn, khẩu hiệu.",
        f"{n(v['learners_total'])} lượt người tham gia các hoạt động học tập, trong đó "
        f"{n(v['learners_women'])} lượt nữ; {n(v['volunteers'])} tình nguyện viên hỗ trợ tổ chức.",
        f"- Ngân sách nhà nước: {n(v['funding_state'])} đồng\n"
        f"- Vận động, hỗ trợ từ các nguồn hợp pháp khác: {n(v['funding_other'])} đồng",
        rng.choice(ACHIEVEMENTS),
        rng.choice(DIFFICULTIES),
        rng.choice(PROPOSALS),
    ]


# --- Instants -------------------------------------------------------------------------


def _minute(instant: dt.datetime) -> dt.datetime:
    return instant.replace(second=0, microsecond=0)


def timeline(rng: random.Random, deadline: dt.datetime, lock: dt.datetime):
    """(opened, submitted, reviewed) of a report: most arrive in the last two
    days before the deadline, some earlier, some late but before the lock."""
    opened = _minute(deadline - dt.timedelta(hours=rng.uniform(72, 240)))
    draw = rng.random()
    if draw < 0.72:
        submitted = deadline - dt.timedelta(hours=rng.uniform(0.05, 48))
    elif draw < 0.92:
        submitted = deadline - dt.timedelta(hours=rng.uniform(48, 168))
    else:
        submitted = deadline + dt.timedelta(
            hours=rng.uniform(0.05, (lock - deadline) / dt.timedelta(hours=1) - 1)
        )
    submitted = max(_minute(submitted), opened + dt.timedelta(hours=1))
    reviewed = _minute(submitted + dt.timedelta(hours=rng.uniform(2, 72)))
    return opened, submitted, reviewed


# --- Writing -----------------------------------------------------------------------------


@dataclass
class Result:
    units: int = 0
    campaigns: int = 0
    steps: int = 0
    reports: int = 0
    values: int = 0
    users: int = 0
    seconds: float = 0.0
    rebuild_seconds: float = 0.0
    rebuilt: bool = False
    by_status: dict[str, int] = field(default_factory=dict)


class _Reports:
    """Rows of one province's reports, figures, texts and history, then written."""

    def __init__(
        self, writer: BulkWriter, indicators: list[int], sections: list[int], first_id: int
    ):
        self.writer = writer
        self.indicators = indicators
        self.sections = sections
        self.next_id = first_id
        self.reports: list[tuple] = []
        self.figures: list[tuple] = []
        self.texts: list[tuple] = []
        self.changes: list[tuple] = []
        self.by_status: dict[str, int] = {}

    def add(
        self,
        *,
        rng: random.Random,
        unit: Unit,
        campaign_id: int,
        step_id: int,
        status: str,
        figures: dict[str, int],
        deadline: tuple[dt.datetime, dt.datetime],
        reviewer_id: int,
        numbered: bool,
    ) -> None:
        report_id = self.next_id
        self.next_id += 1
        self.by_status[status] = self.by_status.get(status, 0) + 1
        opened, submitted, reviewed = timeline(rng, *deadline)
        by = unit.user_id
        sent = status in SENT
        late_by = submitted - deadline[0] if sent and submitted >= deadline[0] else None
        last = {DRAFT: submitted - dt.timedelta(hours=2), SUBMITTED: submitted}.get(
            status, reviewed
        )
        doc_number = rng.randint(50, 999) if numbered and sent else None
        self.reports.append(
            (
                report_id,
                step_id,
                campaign_id,
                unit.id,
                status,
                submitted if sent else None,
                by if sent else None,
                late_by,
                reviewed if status in (ACCEPTED, RETURNED) else None,
                reviewer_id if status in (ACCEPTED, RETURNED) else None,
                RETURN_COMMENT if status == RETURNED else "",
                doc_number,
                submitted.astimezone(VIETNAM).date() if doc_number else None,
                opened,
                last,
            )
        )
        filled = len(FIGURE_CODES) if sent else rng.randint(4, len(FIGURE_CODES) - 4)
        entered = opened + dt.timedelta(hours=1)
        for code, indicator_id in zip(FIGURE_CODES[:filled], self.indicators, strict=False):
            self.figures.append(
                (1, entered, by, report_id, indicator_id, Decimal(figures[code]), "", "")
            )
        texts = section_texts(unit, figures, rng)
        written = len(texts) if sent else rng.randint(2, 5)
        for section_id, text in zip(self.sections[:written], texts, strict=False):
            self.texts.append((1, entered, by, report_id, section_id, text))
        self.changes.append((report_id, opened, by, ChangeKind.CREATED, "", DRAFT, ""))
        if sent:
            comment = ""
            if late_by is not None:
                comment = capfirst(sent_late_text(days_late(late_by))) + "."
            self.changes.append(
                (report_id, submitted, by, ChangeKind.SUBMITTED, DRAFT, SUBMITTED, comment)
            )
        if status == ACCEPTED:
            self.changes.append(
                (report_id, reviewed, reviewer_id, ChangeKind.ACCEPTED, SUBMITTED, ACCEPTED, "")
            )
        if status == RETURNED:
            self.changes.append(
                (
                    report_id,
                    reviewed,
                    reviewer_id,
                    ChangeKind.RETURNED,
                    SUBMITTED,
                    RETURNED,
                    RETURN_COMMENT,
                )
            )

    def flush(self) -> tuple[int, int]:
        w = self.writer
        reports = w.write(
            Report,
            ["id", "step", "campaign", "unit", "status", "submitted_at", "submitted_by", "late_by",
             "reviewed_at", "reviewed_by", "review_comment", "doc_number", "doc_date",
             "created_at", "updated_at"],
            self.reports,
        )  # fmt: skip
        values = w.write(
            FigureValue,
            ["version", "updated_at", "updated_by", "report", "indicator", "value", "text", "note"],
            self.figures,
        )
        w.write(
            SectionText,
            ["version", "updated_at", "updated_by", "report", "section", "text"],
            self.texts,
        )
        w.write(
            ReportChange,
            ["report", "at", "by", "kind", "from_status", "to_status", "comment"],
            self.changes,
        )
        self.reports, self.figures, self.texts, self.changes = [], [], [], []
        return reports, values


def _draw(rng: random.Random, mix: tuple[float, ...]):
    return rng.choices(STATUSES, weights=mix)[0]


def generate_national(
    *, units: int = FULL_SIZE, seed: int = YEAR, log: Callable[[str], None] | None = None
) -> Result:
    """Build the national tree, campaigns, accounts and reports in one transaction.

    Refuses a database that already has organisation units: the dataset is
    meant for a database of its own. Side effects: writes every row in bulk,
    then rebuilds each campaign's stored roll-up.
    """
    log = log or (lambda message: None)
    if units < MINIMUM_UNITS:
        raise GeneratorError(f"Cần ít nhất {MINIMUM_UNITS} đơn vị.")
    if OrgUnit.objects.exists():
        raise GeneratorError(
            "Cơ sở dữ liệu này đã có đơn vị. Bộ dữ liệu toàn quốc cần một cơ sở dữ liệu riêng "
            "(đặt DATABASE_URL tới một cơ sở dữ liệu trống rồi chạy migrate)."
        )
    started = time.perf_counter()
    result = Result()
    with transaction.atomic():
        _generate(units, seed, log, result)
    _refresh_statistics()
    result.seconds = time.perf_counter() - started
    return result


def _refresh_statistics() -> None:
    """The planner must know the tables grew from nothing to millions of rows:
    without fresh statistics PostgreSQL scans a whole table where it should
    look up a few rows (measured: 0.56 s instead of 0.05 s for one export batch)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            cursor.execute("VACUUM (ANALYZE)")
        else:  # inside a transaction (tests) VACUUM cannot run
            cursor.execute("ANALYZE")


def _generate(units: int, seed: int, log: Callable[[str], None], result: Result) -> None:
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
    writer = BulkWriter()
    with writer.bulk_load():
        ministry_campaign, plans = _write_all(units, rng, writer, log, result)
    writer.verify()

    from lifelong_week.reports import rollup

    rebuild = getattr(rollup, "rebuild", None)
    if rebuild is not None:  # the stored roll-up (reports/rollup.py)
        started = time.perf_counter()
        for campaign in [ministry_campaign, *(plan for plan, *_steps in plans)]:
            rebuild(campaign)
        result.rebuild_seconds = time.perf_counter() - started
        result.rebuilt = True
        log(f"Tổng hợp số liệu (roll-up) của mọi kế hoạch ({result.rebuild_seconds:.1f} s)")


def _write_all(units: int, rng: random.Random, writer: BulkWriter, log, result: Result):
    clock = time.perf_counter()

    def lap(message: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        log(f"{message} ({now - clock:.1f} s)")
        clock = now

    unit_id = writer.next_id(OrgUnit)

    def next_unit_id() -> int:
        nonlocal unit_id
        unit_id += 1
        return unit_id - 1

    tree = build_tree(units, rng, next_unit_id)
    all_units = list(tree.units())
    result.units = writer.write(
        OrgUnit,
        ["id", "code", "name", "short_name", "kind", "admin_level", "parent", "path", "depth",
         "valid_from", "governing_body", "issuing_name", "doc_symbol", "place_name",
         "head_title", "address", "search_text", "created_at", "updated_at"],
        (
            (u.id, u.code, u.name, u.short_name, u.kind, u.level, u.parent.id if u.parent else None,
             u.path, u.depth, u.valid_from, u.governing_body, u.issuing_name, u.doc_symbol,
             u.place_name, u.head_title, u.address,
             fold(f"{u.code} {u.name} {u.short_name} {u.issuing_name}"), SET_UP_AT, SET_UP_AT)
            for u in all_units
        ),
    )  # fmt: skip
    lap(f"Đơn vị: {format_number(result.units)}")

    # Accounts: one per unit; receiving units coordinate, provinces' committees watch.
    user_id = writer.next_id(User)
    password = make_password(DEMO_PASSWORD)
    for offset, unit in enumerate(all_units):
        unit.user_id = user_id + offset
    result.users = writer.write(
        User,
        ["id", "password", "username", "email", "is_active", "date_joined", "full_name"],
        (
            (u.user_id, password, f"{USERNAME_PREFIX}{u.code.lower()}",
             f"{USERNAME_PREFIX}{u.code.lower()}@toan-quoc.invalid", True, SET_UP_AT,
             f"Cán bộ phụ trách — {u.short_name}")
            for u in all_units
        ),
    )  # fmt: skip
    writer.write(Membership, ["user", "unit", "role", "created_at"], _memberships(tree))
    writer.reset_sequences(OrgUnit, User)
    lap(f"Tài khoản: {format_number(result.users)}")

    form = build_national_form(YEAR)
    indicators = list(form.indicators.order_by("order").values_list("pk", flat=True))
    sections = list(form.sections.order_by("order").values_list("pk", flat=True))
    ministry_campaign, plans = _campaigns(tree, form, writer)
    result.campaigns = 1 + len(plans)
    result.steps = ReportingStep.objects.filter(campaign__parent=ministry_campaign).count()
    lap(f"Kế hoạch: {result.campaigns}, bước báo cáo: {format_number(result.steps)}")

    rows = _Reports(writer, indicators, sections, writer.next_id(Report))
    for province, (plan, commune_steps, province_step, ministry_step) in zip(
        tree.provinces, plans, strict=True
    ):
        ethnic = ETHNIC_SHARE.get(province.codename, 0.02)
        province_total = own_figures(rng, ethnic, scale=3)
        for commune in province.communes:
            commune_total = own_figures(rng, ethnic, scale=1)
            for member in commune.members:
                status = _draw(rng, SCHOOL_MIX)
                figures = member_figures(rng, member.kind == UnitKind.LEARNING_CENTRE, ethnic)
                if status is NOT_STARTED:
                    continue
                rows.add(
                    rng=rng, unit=member, campaign_id=plan.pk, step_id=commune_steps[commune.unit.id],
                    status=status, figures=figures, deadline=SCHOOL_DEADLINE,
                    reviewer_id=commune.unit.user_id, numbered=False,
                )  # fmt: skip
                if status in SENT:
                    _add(commune_total, figures)
            status = _draw(rng, COMMUNE_MIX)
            if status is not NOT_STARTED:
                rows.add(
                    rng=rng, unit=commune.unit, campaign_id=plan.pk, step_id=province_step,
                    status=status, figures=commune_total, deadline=COMMUNE_DEADLINE,
                    reviewer_id=province.department.user_id, numbered=True,
                )  # fmt: skip
                if status in SENT:
                    _add(province_total, commune_total)
        status = _draw(rng, PROVINCE_MIX)
        if status is not NOT_STARTED:
            rows.add(
                rng=rng, unit=province.department, campaign_id=plan.pk,
                step_id=ministry_step, status=status, figures=province_total,
                deadline=PROVINCE_DEADLINE, reviewer_id=tree.ministry.user_id, numbered=True,
            )  # fmt: skip
        reports, values = rows.flush()
        result.reports += reports
        result.values += values
    writer.reset_sequences(Report)
    result.by_status = rows.by_status
    lap(f"Báo cáo: {format_number(result.reports)}, số liệu: {format_number(result.values)}")
    return ministry_campaign, plans


def _memberships(tree: Tree):
    yield (tree.ministry.user_id, tree.ministry.id, Role.COORDINATOR, SET_UP_AT)
    for province in tree.provinces:
        yield (province.committee.user_id, province.committee.id, Role.VIEWER, SET_UP_AT)
        for role in (Role.REPORTER, Role.COORDINATOR):
            yield (province.department.user_id, province.department.id, role, SET_UP_AT)
        for commune in province.communes:
            for role in (Role.REPORTER, Role.COORDINATOR):
                yield (commune.unit.user_id, commune.unit.id, role, SET_UP_AT)
            for member in commune.members:
                yield (member.user_id, member.id, Role.REPORTER, SET_UP_AT)


def _campaigns(tree: Tree, form, writer: BulkWriter):
    """The Ministry's guidance and each province's plan with its steps:
    (plan, {commune unit id: commune step id}, province step id, Ministry step id)."""
    if Campaign.objects.filter(slug=MINISTRY_SLUG).exists():
        raise GeneratorError(f"Kế hoạch “{MINISTRY_SLUG}” đã có trong cơ sở dữ liệu.")
    week = {
        "year": YEAR,
        "status": CampaignStatus.ACTIVE,
        "week_start": dt.date(YEAR, 10, 1),
        "week_end": dt.date(YEAR, 10, 7),
        "opening_date": dt.date(YEAR, 10, 1),
        "report_form": form,
        "theme": "Học tập suốt đời trong kỷ nguyên số",
        "purpose": DATA_MARK,
    }
    ministry = Campaign.objects.create(
        slug=MINISTRY_SLUG,
        title=f"Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm {YEAR}",
        issuer_id=tree.ministry.id,
        coordinator_id=tree.ministry.id,
        doc_type="CÔNG VĂN",
        **week,
    )
    plans = Campaign.objects.bulk_create(
        Campaign(
            slug=f"{province.codename.replace('_', '-')}-{YEAR}",
            title=(
                f"Kế hoạch tổ chức Tuần lễ hưởng ứng học tập suốt đời năm {YEAR} "
                f"— {province.committee.short_name.removeprefix('UBND ')}"
            ),
            issuer_id=province.committee.id,
            coordinator_id=province.department.id,
            parent=ministry,
            doc_type="KẾ HOẠCH",
            **week,
        )
        for province in tree.provinces
    )
    # Steps are created before any report, so saving them rebuilds nothing.
    steps = []
    for plan, province in zip(plans, tree.provinces, strict=True):
        for commune in province.communes:
            steps.append(
                ReportingStep(
                    campaign=plan,
                    order=1,
                    title=f"Trường học, trung tâm học tập cộng đồng báo cáo {commune.unit.short_name}",
                    senders_text="Các trường học, trung tâm học tập cộng đồng trên địa bàn",
                    receiver_id=commune.unit.id,
                    receiver_text=commune.unit.short_name,
                    deadline=SCHOOL_DEADLINE[0],
                    deadline_text=f"trước ngày 10/10/{YEAR}",
                    lock_at=SCHOOL_DEADLINE[1],
                )
            )
        steps.append(
            ReportingStep(
                campaign=plan,
                order=2,
                title="UBND các xã, phường, đặc khu báo cáo Sở Giáo dục và Đào tạo",
                senders_text="UBND các xã, phường, đặc khu",
                receiver_id=province.department.id,
                receiver_text="Sở Giáo dục và Đào tạo",
                deadline=COMMUNE_DEADLINE[0],
                deadline_text=f"trước ngày 16/10/{YEAR}",
                lock_at=COMMUNE_DEADLINE[1],
            )
        )
        steps.append(
            ReportingStep(
                campaign=plan,
                order=3,
                title="Sở Giáo dục và Đào tạo báo cáo Bộ Giáo dục và Đào tạo",
                senders_text="Sở Giáo dục và Đào tạo",
                receiver_id=tree.ministry.id,
                receiver_text="Bộ Giáo dục và Đào tạo (Vụ Giáo dục thường xuyên)",
                deadline=PROVINCE_DEADLINE[0],
                deadline_text=f"trước ngày 31/10/{YEAR}",
                lock_at=PROVINCE_DEADLINE[1],
            )
        )
    steps = ReportingStep.objects.bulk_create(steps, batch_size=2000)
    Campaign.objects.filter(pk__in=[ministry.pk, *(p.pk for p in plans)]).update(
        created_at=SET_UP_AT, updated_at=SET_UP_AT
    )
    by_receiver = {(step.campaign_id, step.receiver_id): step.pk for step in steps}
    senders, copies, result = [], [], []
    for plan, province in zip(plans, tree.provinces, strict=True):
        department, ministry_step = province.department.id, by_receiver[(plan.pk, tree.ministry.id)]
        province_step = by_receiver[(plan.pk, department)]
        commune_steps = {}
        for commune in province.communes:
            step = by_receiver[(plan.pk, commune.unit.id)]
            commune_steps[commune.unit.id] = step
            senders.append((province_step, commune.unit.id))
            senders.extend((step, member.id) for member in commune.members)
        senders.append((ministry_step, department))
        copies.append((ministry_step, province.committee.id))  # "đồng gửi UBND tỉnh"
        result.append((plan, commune_steps, province_step, ministry_step))
    writer.write(ReportingStep.senders.through, ["reportingstep", "orgunit"], senders)
    writer.write(ReportingStep.copy_to.through, ["reportingstep", "orgunit"], copies)
    writer.include(Campaign, ReportingStep, ReportForm, FormSection, Indicator)
    return ministry, result
