"""Demo reports: Long An's units at every stage of reporting step 1.

After the week (01–07/10/2021) every body reports to the Department of
Education before 15/10/2021. The demo shows that step half-way through its
review: some reports accepted, some waiting, two sent late, one returned with a
comment, three still being written and the rest not started — Bến Lức among
them, so its demo reporter can walk the whole journey from scratch.

Everything goes through the reporting domain (``reports.domain``) with the
instant it happened (``now=``), exactly as the pages do: this module is also
living documentation of how the platform is used. Texts, figures, events and
photos are made up for the demo, deterministic (``random.Random`` seeded by
unit code), and every text says it is demo data.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import random
import unicodedata
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from PIL import ExifTags, Image, ImageDraw, ImageFont, ImageOps

from lifelong_week.accounts.enums import Role
from lifelong_week.accounts.models import Membership, User
from lifelong_week.campaigns.enums import ActivityKind, ValueType
from lifelong_week.core.numbers import format_number
from lifelong_week.demo.accounts import ACCOUNTS, DEMO_PASSWORD
from lifelong_week.reports.domain import (
    accept_report,
    add_photo,
    apply_event_suggestions,
    open_report,
    return_report,
    save_figure,
    save_section,
    set_document_number,
    submit_report,
)
from lifelong_week.reports.enums import Platform, ReportStatus
from lifelong_week.reports.models import Event, Report

VN = ZoneInfo("Asia/Ho_Chi_Minh")
DEMO_MARK = "(Dữ liệu trình diễn)"
COORDINATOR = "sogd.dieuphoi"
RETURN_COMMENT = "Đề nghị bổ sung số liệu lớp học trực tuyến và ảnh lễ khai mạc."


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """An instant of October 2021, Vietnam's time."""
    return dt.datetime(2021, 10, day, hour, minute, tzinfo=VN)


# --- Who reports what, when ----------------------------------------------------------


@dataclass(frozen=True)
class Story:
    """One unit's way through step 1, up to the state the demo shows."""

    code: str
    status: str
    opened: dt.datetime
    submitted: dt.datetime | None = None  # also the end of entry for drafts
    reviewed: dt.datetime | None = None
    document: tuple[int, dt.date] | None = None
    photos: int = 0


ACCEPTED, SUBMITTED = ReportStatus.ACCEPTED, ReportStatus.SUBMITTED
RETURNED, DRAFT = ReportStatus.RETURNED, ReportStatus.DRAFT

STORIES = [
    Story("80-STTTT", ACCEPTED, at(4, 8, 15), at(8, 14, 5), at(11, 10, 5), (45, dt.date(2021, 10, 8)), 2),
    Story("794", ACCEPTED, at(4, 9, 0), at(11, 15, 45), at(12, 9, 10), (256, dt.date(2021, 10, 11)), 2),
    Story("802", ACCEPTED, at(5, 8, 30), at(12, 10, 35), at(13, 14, 30), (312, dt.date(2021, 10, 12)), 2),
    Story("807", ACCEPTED, at(5, 14, 0), at(13, 10, 50), at(14, 8, 45), (198, dt.date(2021, 10, 13)), 2),
    Story("808", SUBMITTED, at(6, 8, 0), at(12, 16, 20), photos=2),
    Story("80-HKH", SUBMITTED, at(6, 9, 30), at(13, 9, 15), photos=2),
    Story("804", SUBMITTED, at(7, 13, 30), at(14, 17, 35), photos=2),
    Story("796", SUBMITTED, at(8, 8, 0), at(16, 9, 40), photos=2),  # two days late
    Story("797", SUBMITTED, at(11, 7, 45), at(19, 14, 15), photos=2),  # five days late
    # Sent without its opening photo and with its classes undercounted: returned.
    Story("806", RETURNED, at(5, 10, 0), at(13, 10, 5), at(14, 8, 30), photos=1),
    Story("798", DRAFT, at(6, 14, 0), at(13, 16, 0)),
    Story("80-BAOLA", DRAFT, at(8, 9, 0), at(14, 11, 0)),
    Story("799", DRAFT, at(11, 8, 0), at(14, 15, 30)),
]  # fmt: skip


# Reporters for units that have no demo account in accounts.py: created here.
EXTRA_REPORTERS = {
    "796": ("tanhung.baocao", "Cán bộ Phòng GD&ĐT huyện Tân Hưng (dữ liệu trình diễn)"),
    "797": ("vinhhung.baocao", "Cán bộ Phòng GD&ĐT huyện Vĩnh Hưng (dữ liệu trình diễn)"),
    "798": ("mochoa.baocao", "Cán bộ Phòng GD&ĐT huyện Mộc Hóa (dữ liệu trình diễn)"),
    "799": ("tanthanh.baocao", "Cán bộ Phòng GD&ĐT huyện Tân Thạnh (dữ liệu trình diễn)"),
    "802": ("duchoa.baocao", "Cán bộ Phòng GD&ĐT huyện Đức Hòa (dữ liệu trình diễn)"),
    "804": ("thuthua.baocao", "Cán bộ Phòng GD&ĐT huyện Thủ Thừa (dữ liệu trình diễn)"),
    "807": ("cangiuoc.baocao", "Cán bộ Phòng GD&ĐT huyện Cần Giuộc (dữ liệu trình diễn)"),
    "808": ("chauthanh.baocao", "Cán bộ Phòng GD&ĐT huyện Châu Thành (dữ liệu trình diễn)"),
    "80-BAOLA": ("baolongan.baocao", "Cán bộ Báo Long An (dữ liệu trình diễn)"),
}


# --- Places ------------------------------------------------------------------------


@dataclass(frozen=True)
class Places:
    """Real places of a unit's area the demo's events and texts mention."""

    opening: str  # where the opening ceremony was held
    localities: tuple[str, ...]  # wards, communes, towns (xã, phường, thị trấn)
    communes: int = 0  # how many the district had in 2021 (0: a provincial body)
    border: bool = False  # a border district (Cambodia)

    def centre(self, n: int) -> str:
        return f"Trung tâm Văn hóa - Thể thao và Học tập cộng đồng {self.localities[n]}"


PLACES = {
    "794": Places("Trường THCS Khánh Hậu", ("phường Khánh Hậu", "xã Hướng Thọ Phú", "xã Lợi Bình Nhơn"), 14),
    "796": Places("Trường THPT Tân Hưng", ("thị trấn Tân Hưng", "xã Vĩnh Thạnh", "xã Hưng Hà"), 12, border=True),
    "797": Places("Trường THPT Vĩnh Hưng", ("thị trấn Vĩnh Hưng", "xã Khánh Hưng", "xã Tuyên Bình"), 10, border=True),
    "798": Places("Trung tâm Văn hóa - Thể thao và Học tập cộng đồng thị trấn Bình Phong Thạnh", ("thị trấn Bình Phong Thạnh", "xã Bình Hòa Tây", "xã Tân Thành"), 7, border=True),
    "799": Places("Trường THCS thị trấn Tân Thạnh", ("thị trấn Tân Thạnh", "xã Hậu Thạnh Đông", "xã Nhơn Hòa Lập"), 13),
    "802": Places("Trường THPT Hậu Nghĩa", ("thị trấn Hậu Nghĩa", "xã Đức Hòa Hạ", "xã Hựu Thạnh"), 20),
    "804": Places("Trường THPT Thủ Thừa", ("thị trấn Thủ Thừa", "xã Mỹ Phú", "xã Nhị Thành"), 13),
    "806": Places("Trường THPT Rạch Kiến", ("thị trấn Cần Đước", "xã Long Hòa", "xã Phước Đông"), 17),
    "807": Places("Trường THPT Cần Giuộc", ("thị trấn Cần Giuộc", "xã Phước Lý", "xã Long Thượng"), 15),
    "808": Places("Trường THPT Nguyễn Thông", ("thị trấn Tầm Vu", "xã Thanh Phú Long", "xã An Lục Long"), 13),
    "80-STTTT": Places("Hội trường Sở Thông tin và Truyền thông tỉnh Long An", ("thành phố Tân An",)),
    "80-HKH": Places("Hội trường Hội Khuyến học tỉnh Long An", ("thành phố Tân An",)),
    "80-BAOLA": Places("Hội trường Báo Long An", ("thành phố Tân An",)),
}  # fmt: skip

CLASS_TITLES = [
    "Hướng dẫn sử dụng dịch vụ công trực tuyến và ứng dụng PC-Covid",
    "Tin học văn phòng cơ bản cho hội viên phụ nữ",
    "Phụ huynh đồng hành cùng con học trực tuyến trên K12Online",
    "Tiếng Anh giao tiếp cơ bản cho thanh thiếu niên",
    "Kỹ năng bán hàng trực tuyến cho hộ kinh doanh, hộ nông dân",
    "An toàn thông tin và phòng, chống lừa đảo trên mạng xã hội",
    "Ứng dụng công nghệ số trong sản xuất nông nghiệp",
]
BODY_CLASS_TITLES = {
    "80-STTTT": [
        "Kỹ năng bảo đảm an toàn thông tin cho cán bộ, công chức",
        "Khai thác Cổng dịch vụ công trực tuyến tỉnh Long An",
    ],
    "80-HKH": [
        "Kỹ năng số cho hội viên khuyến học cơ sở",
        "Xây dựng mô hình gia đình học tập trong thời đại số",
    ],
    "80-BAOLA": [
        "Viết tin, làm video ngắn cho cộng tác viên cơ sở",
        "Kỹ năng kiểm chứng thông tin trên mạng xã hội",
    ],
}
CONTESTS = [
    "Tìm hiểu về chuyển đổi số",
    "Học tập suốt đời trong thời đại số",
    "Giới thiệu sách hay qua video",
    "Gia đình em học tập trực tuyến",
]
MEETING_PLATFORMS = [Platform.ZOOM, Platform.GOOGLE_MEET]


# --- Figures -------------------------------------------------------------------------

# indicator code → (low, high) for a district; bodies use BODY_RANGES where set.
DISTRICT_RANGES = {
    "banners": (40, 160),
    "news_items": (10, 45),
    "social_posts": (20, 120),
    "radio_broadcasts": (60, 240),
    "clubs": (4, 18),
    "contests": (1, 3),
    "contest_participants": (300, 2600),
    "trainings": (1, 4),
    "open_resources": (30, 250),
    "book_titles": (300, 1800),
    "book_copies": (800, 5000),
    "cultural_venues": (2, 12),
    "cultural_visitors": (400, 3500),
    "press_programmes": (1, 4),
    "honoured_collectives": (2, 10),
    "honoured_individuals": (5, 30),
    "international_events": (0, 1),
    "funding_state": (16, 120),  # × 500.000 đồng
    "funding_other": (0, 30),  # × 500.000 đồng
}
BODY_RANGES = {
    "banners": (4, 15),
    "news_items": (15, 60),
    "social_posts": (20, 80),
    "radio_broadcasts": (0, 12),
    "clubs": (1, 6),
    "contests": (1, 2),
    "contest_participants": (500, 3200),
    "trainings": (2, 6),
    "open_resources": (10, 120),
    "book_titles": (50, 400),
    "book_copies": (100, 1200),
    "cultural_venues": (1, 3),
    "cultural_visitors": (100, 900),
    "press_programmes": (2, 8),
    "honoured_collectives": (3, 12),
    "honoured_individuals": (8, 40),
    "international_events": (1, 2),
    "funding_state": (10, 60),
    "funding_other": (0, 20),
}
DRAFT_FIGURES = ("plan_issued", "banners", "news_items", "social_posts", "radio_broadcasts")
HALF_MILLION = 500_000


@dataclass
class ClassPlan:
    title: str
    platform: str
    starts_at: dt.datetime
    place: str
    learners: int


@dataclass
class UnitPlan:
    """Everything made up for one unit, drawn once so texts and figures agree."""

    story: Story
    places: Places
    is_district: bool
    opening_in_person: int
    opening_online: int
    classes: list[ClassPlan]
    contest: str
    figures: dict[str, int] = field(default_factory=dict)
    doc_plan: tuple[int, int] = (0, 0)  # the unit's own plan: number, day of September

    @property
    def learners(self) -> int:
        return sum(c.learners for c in self.classes)


def _plan(story: Story) -> UnitPlan:
    rng = random.Random(f"long-an-2021/{story.code}")  # noqa: S311 - demo data, not secrets
    places = PLACES[story.code]
    is_district = places.communes > 0
    titles = BODY_CLASS_TITLES.get(story.code) or rng.sample(CLASS_TITLES, 3)
    count = 2 if not is_district else rng.choice((2, 3))
    classes = []
    for i, title in enumerate(titles[:count]):
        # K12Online is the schools' platform: only for the class held with the schools.
        platform = Platform.K12ONLINE if "K12Online" in title else rng.choice(MEETING_PLATFORMS)
        locality = i % len(places.localities)
        classes.append(
            ClassPlan(
                title=title,
                platform=platform,
                starts_at=at(
                    2 + i * 2 + rng.randint(0, 1), *rng.choice([(8, 0), (14, 0), (19, 30)])
                ),
                place=places.centre(locality) if is_district else places.opening,
                learners=rng.randint(28, 140),
            )
        )
    ranges = DISTRICT_RANGES if is_district else BODY_RANGES
    figures = {code: rng.randint(low, high) for code, (low, high) in ranges.items()}
    figures["funding_state"] *= HALF_MILLION
    figures["funding_other"] *= HALF_MILLION
    figures["plan_issued"] = 1
    figures["free_classes"] = len(classes) - rng.choice((0, 0, 1))
    figures["club_members"] = figures["clubs"] * rng.randint(12, 35)
    figures["training_participants"] = figures["trainings"] * rng.randint(25, 70)
    if story.code == "80-BAOLA":
        figures["press_programmes"] = rng.randint(6, 12)
    return UnitPlan(
        story=story,
        places=places,
        is_district=is_district,
        opening_in_person=rng.randint(35, 90),
        opening_online=rng.choice((0, rng.randint(150, 900), rng.randint(150, 900))),
        classes=classes,
        contest=rng.choice(CONTESTS),
        figures=figures,
        doc_plan=(rng.randint(1500, 4200), rng.randint(20, 28)),
    )


# --- Section texts -----------------------------------------------------------------


def n(value: int) -> str:
    """A number as Vietnamese offices print it: 1.234."""
    return format_number(value)


def _join(*lines: str) -> str:
    return "\n".join(line for line in lines if line)


def _district_texts(unit, plan: UnitPlan, rng: random.Random) -> dict[str, str]:
    name, places, f = unit.short_name, plan.places, plan.figures
    area = "phường, xã" if unit.code == "794" else "xã, thị trấn"
    localities = ", ".join(places.localities)
    platforms = sorted({Platform(c.platform).label for c in plan.classes})
    classes = "; ".join(f"“{c.title}”" for c in plan.classes)
    free = (
        "miễn phí"
        if f["free_classes"] == len(plan.classes)
        else f"(trong đó {f['free_classes']} lớp miễn phí)"
    )
    level = "thành phố" if unit.code == "794" else "huyện"
    remote = (
        "các xã biên giới" if places.border else f"các ấp xa trung tâm của {places.localities[2]}"
    )
    texts = {}
    texts["I.1"] = _join(
        f"{DEMO_MARK} Thực hiện Kế hoạch của UBND tỉnh Long An về tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2021, {name} ban hành Kế hoạch số {plan.doc_plan[0]}/KH-UBND ngày {plan.doc_plan[1]}/9/2021 triển khai Tuần lễ trên địa bàn.",
        "- Giao Phòng Giáo dục và Đào tạo chủ trì, phối hợp Phòng Văn hóa và Thông tin, Trung tâm Văn hóa, Thể thao và Truyền thanh, Hội Khuyến học tổ chức các hoạt động của Tuần lễ.",
        f"- UBND {places.communes} {area} xây dựng kế hoạch, chỉ đạo các Trung tâm Văn hóa - Thể thao và Học tập cộng đồng hưởng ứng Tuần lễ phù hợp với tình hình dịch COVID-19.",
        rng.choice(
            [
                f"- Phòng GD&ĐT kiểm tra, đôn đốc qua nhóm Zalo và một buổi họp trực tuyến với các trường, trung tâm ngày {rng.randint(4, 6)}/10/2021.",
                f"- Tổ chức kiểm tra trực tiếp tại {localities} và đôn đốc các đơn vị còn lại qua điện thoại, thư điện tử.",
            ]
        ),
    )
    if plan.opening_online:
        how = f"kết hợp trực tiếp và phát trực tuyến trên trang Facebook của {name}"
        online = f"- Theo dõi trực tuyến: **{n(plan.opening_online)}** lượt người."
    else:
        how = "trực tiếp, với số lượng đại biểu hạn chế theo quy định phòng, chống dịch"
        online = "- Không phát trực tuyến do đường truyền tại điểm tổ chức chưa bảo đảm."
    texts["I.2"] = _join(
        f"{DEMO_MARK} Lễ khai mạc Tuần lễ được tổ chức lúc 7 giờ 30 ngày 01/10/2021 tại {places.opening}, theo hình thức {how}.",
        f"- Tham dự trực tiếp: **{n(plan.opening_in_person)}** đại biểu (lãnh đạo UBND, Phòng GD&ĐT, Hội Khuyến học, đại diện các trường và trung tâm học tập cộng đồng).",
        online,
        "- Các đại biểu thực hiện khai báo y tế, đeo khẩu trang và giữ khoảng cách theo quy định.",
    )
    texts["I.3"] = _join(
        f"{DEMO_MARK} Bám sát chủ đề **“Chuyển đổi số và cơ hội học tập suốt đời cho tất cả mọi người trong bối cảnh đại dịch COVID-19”**, {name} triển khai các hoạt động:",
        f"- Tuyên truyền trên trang thông tin điện tử, trang Facebook, nhóm Zalo và hệ thống truyền thanh cơ sở của {places.communes} {area}.",
        f"- Tổ chức {len(plan.classes)} lớp học trực tuyến {free} qua {', '.join(platforms)}: {classes}.",
        f"- Cuộc thi trực tuyến “{plan.contest}” dành cho học sinh, phụ huynh và người dân.",
        f"- Thư viện các trường học giới thiệu sách điện tử, tủ sách trực tuyến; luân chuyển sách, báo đến các Trung tâm Văn hóa - Thể thao và Học tập cộng đồng ({localities}).",
        "- Tập huấn kỹ năng tìm kiếm, khai thác thông tin trên Internet an toàn cho cán bộ, giáo viên và phụ huynh.",
    )
    texts["I.4"] = _join(
        f"{DEMO_MARK} Kết quả chính (số liệu chi tiết tại biểu tổng hợp):",
        f"- Treo **{n(f['banners'])}** băng rôn, khẩu hiệu; đăng **{n(f['news_items'])}** tin, bài trên trang thông tin điện tử và **{n(f['social_posts'])}** tin, bài trên mạng xã hội.",
        f"- **{len(plan.classes)}** lớp học trực tuyến với **{n(plan.learners)}** lượt học viên; **{n(f['trainings'])}** lớp tập huấn kỹ năng số cho **{n(f['training_participants'])}** người.",
        f"- **{n(f['contests'])}** cuộc thi với **{n(f['contest_participants'])}** lượt người dự thi; **{n(f['clubs'])}** câu lạc bộ với **{n(f['club_members'])}** thành viên.",
        f"- Cung cấp **{n(f['open_resources'])}** học liệu mở, bài giảng điện tử; luân chuyển **{n(f['book_copies'])}** cuốn sách, báo.",
    )
    texts["I.5"] = _funding_text(f)
    texts["II.1"] = _join(
        f"{DEMO_MARK} "
        + rng.choice(
            [
                f"Tuần lễ được triển khai đồng bộ từ {level} đến cơ sở; chuyển sang hình thức trực tuyến giúp nhiều người dân được học miễn phí ngay tại nhà trong thời gian giãn cách.",
                "Dù dịch COVID-19 còn diễn biến phức tạp, các hoạt động vẫn được tổ chức an toàn; lần đầu nhiều trung tâm học tập cộng đồng mở lớp trực tuyến.",
            ]
        ),
        "Bài học kinh nghiệm:",
        "- Chuẩn bị sớm kịch bản trực tuyến, phân công giáo viên tin học hỗ trợ kỹ thuật cho từng lớp học.",
        rng.choice(
            [
                "- Phối hợp chặt chẽ với Hội Khuyến học, Đoàn Thanh niên để lan tỏa thông tin đến từng ấp, khu phố.",
                "- Chọn nội dung lớp học gắn với nhu cầu thực tế của người dân: dịch vụ công trực tuyến, bán hàng qua mạng, học cùng con.",
            ]
        ),
    )
    texts["II.2"] = _join(
        f"{DEMO_MARK} Khó khăn, tồn tại:",
        f"- Một bộ phận người dân, nhất là ở {remote}, chưa có điện thoại thông minh hoặc đường truyền Internet ổn định nên khó tham gia lớp học trực tuyến.",
        "- Cán bộ phụ trách trung tâm học tập cộng đồng kiêm nhiệm nhiều việc, kỹ năng số còn hạn chế.",
        rng.choice(
            [
                "- Kinh phí tổ chức còn ít, chủ yếu lồng ghép từ nguồn chi thường xuyên.",
                "- Một số hoạt động trực tiếp phải hủy hoặc thu nhỏ quy mô do quy định phòng, chống dịch.",
            ]
        ),
    )
    texts["II.3"] = _join(
        f"{DEMO_MARK} Đề nghị Sở Giáo dục và Đào tạo:",
        "- Tham mưu UBND tỉnh hỗ trợ thiết bị (máy tính, loa, camera) cho các Trung tâm Văn hóa - Thể thao và Học tập cộng đồng để tổ chức lớp học trực tuyến.",
        "- Xây dựng kho học liệu số dùng chung của tỉnh cho người học ngoài nhà trường.",
        rng.choice(
            [
                "- Tổ chức tập huấn kỹ năng số cho cán bộ quản lý trung tâm học tập cộng đồng.",
                "- Sớm hướng dẫn tiêu chí đánh giá mô hình học tập gắn với chuyển đổi số.",
            ]
        ),
    )
    return texts


BODY_WORK = {
    "80-STTTT": (
        "chỉ đạo các cơ quan báo chí, hệ thống thông tin cơ sở tuyên truyền về Tuần lễ; phối hợp các doanh nghiệp viễn thông trên địa bàn hỗ trợ đường truyền cho các lớp học trực tuyến",
        "đăng tải tin, bài trên Cổng thông tin điện tử của Sở và gửi tin nhắn tuyên truyền qua nhóm Zalo của cán bộ thông tin cơ sở",
    ),
    "80-HKH": (
        "hướng dẫn Hội Khuyến học các huyện, thị xã, thành phố hưởng ứng Tuần lễ gắn với xây dựng gia đình học tập, dòng họ học tập, cộng đồng học tập và đơn vị học tập",
        "vinh danh các gia đình, dòng họ học tập tiêu biểu và giới thiệu gương người tốt, việc tốt trong học tập suốt đời trên trang Facebook của Hội",
    ),
    "80-BAOLA": (
        "mở chuyên mục “Học tập suốt đời” trên Báo Long An in và Báo Long An điện tử, đăng tin, bài, video về các hoạt động của Tuần lễ ở các huyện, thị xã, thành phố",
        "phát trực tiếp lễ khai mạc của tỉnh trên trang Facebook và kênh YouTube của Báo",
    ),
}


def _body_texts(unit, plan: UnitPlan, rng: random.Random) -> dict[str, str]:
    name, f = unit.short_name, plan.figures
    work, extra = BODY_WORK[unit.code]
    classes = "; ".join(f"“{c.title}”" for c in plan.classes)
    texts = {}
    texts["I.1"] = _join(
        f"{DEMO_MARK} Thực hiện Kế hoạch của UBND tỉnh Long An về tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2021, {name} ban hành Kế hoạch số {plan.doc_plan[0] % 400 + 12}/KH-{unit.doc_symbol} ngày {plan.doc_plan[1]}/9/2021, phân công các phòng chuyên môn thực hiện.",
        f"- Nhiệm vụ trọng tâm: {work}.",
        "- Lãnh đạo đơn vị theo dõi, đôn đốc việc thực hiện qua giao ban hằng tuần.",
    )
    online = (
        f" và **{n(plan.opening_online)}** lượt người theo dõi trực tuyến"
        if plan.opening_online
        else ""
    )
    texts["I.2"] = _join(
        f"{DEMO_MARK} {name} tổ chức lễ hưởng ứng Tuần lễ lúc 7 giờ 30 ngày 01/10/2021 tại {plan.places.opening}, với **{n(plan.opening_in_person)}** người tham dự trực tiếp{online}; đồng thời theo dõi trực tuyến lễ khai mạc của tỉnh.",
    )
    texts["I.3"] = _join(
        f"{DEMO_MARK} Các hoạt động đã triển khai:",
        f"- {extra[0].upper()}{extra[1:]}.",
        f"- Tổ chức {len(plan.classes)} lớp học trực tuyến: {classes}.",
        f"- Cuộc thi trực tuyến “{plan.contest}”.",
        "- Tham gia hội thảo trực tuyến của UNESCO về học tập suốt đời trong bối cảnh COVID-19.",
    )
    texts["I.4"] = _join(
        f"{DEMO_MARK} Kết quả chính (số liệu chi tiết tại biểu tổng hợp):",
        f"- **{n(f['news_items'])}** tin, bài trên trang thông tin điện tử; **{n(f['social_posts'])}** tin, bài trên mạng xã hội; **{n(f['press_programmes'])}** chuyên mục.",
        f"- **{len(plan.classes)}** lớp học trực tuyến với **{n(plan.learners)}** lượt học viên; **{n(f['contest_participants'])}** lượt người dự thi.",
        f"- Khen thưởng, vinh danh **{n(f['honoured_collectives'])}** tập thể và **{n(f['honoured_individuals'])}** cá nhân.",
    )
    texts["I.5"] = _funding_text(f)
    texts["II.1"] = _join(
        f"{DEMO_MARK} Các hoạt động được tổ chức chủ yếu trên nền tảng số nên an toàn và tiếp cận được nhiều người.",
        "- Bài học: phối hợp sớm với Sở Giáo dục và Đào tạo và các địa phương để thống nhất lịch hoạt động.",
    )
    texts["II.2"] = _join(
        f"{DEMO_MARK} Khó khăn, tồn tại:",
        "- Thời gian chuẩn bị ngắn; nhiều cán bộ đồng thời tham gia công tác phòng, chống dịch.",
    )
    texts["II.3"] = _join(
        f"{DEMO_MARK} Đề nghị Sở Giáo dục và Đào tạo gửi sớm lịch hoạt động của các địa phương để đơn vị phối hợp tuyên truyền.",
    )
    return texts


def _funding_text(f: dict[str, int]) -> str:
    other = (
        f"- Vận động, hỗ trợ từ doanh nghiệp và các nguồn hợp pháp khác: {n(f['funding_other'])} đồng."
        if f["funding_other"]
        else "- Không có kinh phí vận động, hỗ trợ từ nguồn khác."
    )
    return _join(
        f"{DEMO_MARK} Tổng kinh phí tổ chức Tuần lễ: **{n(f['funding_state'] + f['funding_other'])} đồng**, trong đó:",
        f"- Ngân sách nhà nước: {n(f['funding_state'])} đồng (băng rôn, lễ khai mạc, giải thưởng cuộc thi).",
        other,
    )


# --- Photos --------------------------------------------------------------------------


@functools.cache
def _font(size: int) -> tuple[ImageFont.FreeTypeFont, bool]:
    """A font, and whether it draws Vietnamese letters.

    Pillow's default font (Aileron) has no Vietnamese glyphs: DejaVu Sans is
    used when the system has it, else the default font with plain letters.
    """
    try:
        return ImageFont.truetype("DejaVuSans.ttf", size), True
    except OSError:
        return ImageFont.load_default(size=size), False


def _drawable(text: str, vietnamese: bool) -> str:
    if vietnamese:
        return text
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _text(draw: ImageDraw.ImageDraw, xy, text: str, size: int, fill, **kwargs) -> None:
    font, vietnamese = _font(size)
    draw.text(xy, _drawable(text, vietnamese), font=font, fill=fill, **kwargs)


def _wrap(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line]


# Small on purpose: the demo loads at every start and in many tests.
SIZE = (800, 533)


@functools.cache  # the same bytes every time: drawn once per process, not at every load
def demo_photo(caption: str, *, kind: str, taken_at: dt.datetime, seed: str) -> bytes:
    """A made-up photo (JPEG with camera EXIF and GPS, as phones write them)."""
    rng = random.Random(seed)  # noqa: S311 - demo pictures
    width = SIZE[0]

    def k(*values: float) -> tuple[int, ...]:  # drawn on a 1200 × 800 plan, scaled
        return tuple(round(v * width / 1200) for v in values)

    top = tuple(rng.randint(40, 120) for _ in range(3))
    bottom = tuple(rng.randint(150, 230) for _ in range(3))
    image = ImageOps.colorize(Image.linear_gradient("L").resize(SIZE), top, bottom)
    draw = ImageDraw.Draw(image)
    if kind == "opening":  # a red banner with yellow letters over a stage
        yellow = (255, 220, 0)
        draw.rectangle(k(80, 70, 1120, 250), fill=(200, 20, 30))
        _text(draw, k(600, 125), "TUẦN LỄ HƯỞNG ỨNG", k(52)[0], yellow, anchor="mm")
        _text(draw, k(600, 195), "HỌC TẬP SUỐT ĐỜI NĂM 2021", k(52)[0], yellow, anchor="mm")
        draw.rectangle(k(0, 470, 1200, 600), fill=(120, 70, 40))
        shirts = [(30, 60, 140), (240, 240, 240), (90, 90, 90)]
        for x in range(60, 1160, 90):  # the front row
            draw.ellipse(k(x, 400, x + 50, 450), fill=(60, 45, 35))
            draw.rectangle(k(x - 5, 450, x + 55, 540), fill=rng.choice(shirts))
    else:  # a video call's gallery
        for row in range(3):
            for col in range(4):
                x, y = 60 + col * 275, 60 + row * 175
                tile = tuple(rng.randint(30, 90) for _ in range(3))
                draw.rectangle(k(x, y, x + 255, y + 155), fill=tile)
                draw.ellipse(k(x + 100, y + 30, x + 155, y + 85), fill=(220, 180, 150))
                shirt = tuple(rng.randint(60, 200) for _ in range(3))
                draw.rectangle(k(x + 85, y + 90, x + 170, y + 155), fill=shirt)
    draw.rectangle(k(0, 610, 1200, 800), fill=(255, 255, 255))
    for i, line in enumerate(_wrap(caption, 60)[:3]):
        _text(draw, k(40, 625 + i * 44), line, k(34)[0], (20, 20, 20))
    _text(draw, k(40, 760), "Ảnh minh họa — dữ liệu trình diễn", k(22)[0], (120, 120, 120))

    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Demo"
    exif[ExifTags.Base.Model] = "Demo phone"
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = taken_at.strftime(
        "%Y:%m:%d %H:%M:%S"
    )
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)  # where it was taken: the pipeline drops it
    gps[ExifTags.GPS.GPSLatitudeRef], gps[ExifTags.GPS.GPSLatitude] = "N", (10.0, 32.0, 6.0)
    gps[ExifTags.GPS.GPSLongitudeRef], gps[ExifTags.GPS.GPSLongitude] = "E", (106.0, 24.0, 18.0)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88, exif=exif)
    return buffer.getvalue()


def _photos(plan: UnitPlan) -> list[tuple[str, str, dt.datetime]]:
    """(caption, kind, taken at) of the photos the unit attaches."""
    opening = (
        f"Lễ khai mạc Tuần lễ tại {plan.places.opening}",
        "opening",
        at(1, 7, 45),
    )
    classes = [
        (
            f"Lớp học trực tuyến “{c.title}” qua {Platform(c.platform).label}",
            "classes",
            c.starts_at + dt.timedelta(minutes=20),
        )
        for c in plan.classes
    ]
    if plan.story.status == RETURNED:  # the opening photo is what the coordinator misses
        return classes[: plan.story.photos]
    return [opening, *classes][: plan.story.photos]


# --- Building ---------------------------------------------------------------------------


def record_event(
    campaign,
    unit,
    *,
    by,
    kind: str,
    title: str,
    starts_at,
    hours: float,
    place: str = "",
    platform: str = "",
    in_person: int = 0,
    online: int = 0,
) -> Event:
    """What a unit records on its Events page (there is no domain function for it)."""
    return Event.objects.create(
        campaign=campaign,
        unit=unit,
        kind=kind,
        title=title,
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=hours),
        place=place,
        platform=platform,
        participants_in_person=in_person,
        participants_online=online,
        created_by=by,
    )


def _record_events(campaign, unit, plan: UnitPlan, by: User) -> None:
    record_event(
        campaign,
        unit,
        by=by,
        kind=ActivityKind.OPENING,
        title=f"Lễ khai mạc Tuần lễ hưởng ứng học tập suốt đời năm 2021 — {unit.short_name}",
        starts_at=at(1, 7, 30),
        hours=1.5,
        place=plan.places.opening,
        platform=Platform.FACEBOOK if plan.opening_online else Platform.NONE,
        in_person=plan.opening_in_person,
        online=plan.opening_online,
    )
    for c in plan.classes:
        record_event(
            campaign,
            unit,
            by=by,
            kind=ActivityKind.CLASSES,
            title=f"Lớp học trực tuyến: {c.title}",
            starts_at=c.starts_at,
            hours=2,
            place=c.place,
            platform=c.platform,
            online=c.learners,
        )


@functools.cache
def _working_instants(start: dt.datetime, end: dt.datetime, count: int) -> tuple[dt.datetime, ...]:
    """``count`` instants spread over the office hours between ``start`` and ``end``."""
    minutes, t = [], start.replace(second=0, microsecond=0)
    while t < end:
        local = t.astimezone(VN)
        office = (7, 30) <= (local.hour, local.minute) < (11, 30) or 13 <= local.hour < 17
        if office and (local.weekday() < 5 or local.hour in (9, 10)):  # and weekend mornings
            minutes.append(t)
        t += dt.timedelta(minutes=5)
    step = len(minutes) / count
    return tuple(minutes[int(i * step)] for i in range(count))


def _reporter(unit, password: list[str]) -> User:
    for username, _full_name, code, role in ACCOUNTS:
        if code == unit.code and role == Role.REPORTER:
            return User.objects.get(username=username)
    username, full_name = EXTRA_REPORTERS[unit.code]
    user = User.objects.filter(username=username).first()
    if user is None:
        if not password:  # hashing is slow on purpose: once for every new account
            password.append(make_password(DEMO_PASSWORD))
        user = User.objects.create(
            username=username,
            full_name=full_name,
            email=f"{username}@demo.invalid",
            password=password[0],
        )
    Membership.objects.get_or_create(user=user, unit=unit, role=Role.REPORTER)
    return user


def _write(report: Report, unit, plan: UnitPlan, by: User) -> None:
    """Sections, figures and photos, at believable instants before submitting."""
    story = plan.story
    rng = random.Random(f"long-an-2021/{story.code}/texts")  # noqa: S311 - demo data
    texts = (_district_texts if plan.is_district else _body_texts)(unit, plan, rng)
    form = report.campaign.report_form
    sections = list(form.sections.all())
    if story.status == DRAFT:  # a draft half-written
        sections = sections[: rng.randint(3, 5)]
    end = story.submitted - dt.timedelta(hours=1)
    instants = _working_instants(story.opened + dt.timedelta(minutes=20), end, len(sections) + 3)
    for section, instant in zip(sections, instants, strict=False):
        save_section(
            report, section=section, text=texts[section.code], base_version=0, by=by, now=instant
        )

    sitting = instants[len(sections)]
    apply_event_suggestions(report, by=by, now=sitting)
    filled = {row.indicator_id for row in report.figures.all()}
    for minute, indicator in enumerate(form.indicators.all(), start=1):
        if indicator.pk in filled or (
            story.status == DRAFT and indicator.code not in DRAFT_FIGURES
        ):
            continue
        value = plan.figures[indicator.code]
        raw = (
            ("có" if value else "không") if indicator.value_type == ValueType.BOOLEAN else n(value)
        )
        save_figure(
            report,
            indicator=indicator,
            raw=raw,
            base_version=0,
            by=by,
            now=sitting + dt.timedelta(minutes=minute),
        )

    for number, (caption, kind, taken_at) in enumerate(_photos(plan), start=1):
        add_photo(
            report,
            data=demo_photo(caption, kind=kind, taken_at=taken_at, seed=f"{story.code}/{number}"),
            filename=taken_at.strftime("IMG_%Y%m%d_%H%M%S.jpg"),
            caption=caption,
            # No consent asked of the learners whose faces show in this call.
            may_publish=not (story.code == "804" and kind == "classes"),
            by=by,
            now=instants[len(sections) + 1] + dt.timedelta(minutes=number),
        )


def _build_report(step, unit, story: Story, by: User, coordinator: User) -> None:
    plan = _plan(story)
    report = open_report(step, unit, by=by, now=story.opened)
    _record_events(step.campaign, unit, plan, by)
    _write(report, unit, plan, by)
    if story.status == DRAFT:
        return
    if story.document is not None:  # the clerk numbers the signed document
        number, date = story.document
        set_document_number(
            report, number=number, date=date, by=by, now=min(at(date.day, 8, 0), story.submitted)
        )
    submit_report(report, by=by, now=story.submitted)
    if story.status == ACCEPTED:
        accept_report(report, by=coordinator, now=story.reviewed)
    elif story.status == RETURNED:
        return_report(report, by=coordinator, comment=RETURN_COMMENT, now=story.reviewed)


def build_demo_reports(units, campaign) -> None:
    """Reports of step 1 in every state; does nothing once the campaign has reports."""
    if Report.objects.filter(campaign=campaign).exists():
        return
    step = campaign.steps.get(order=1)
    coordinator = User.objects.get(username=COORDINATOR)
    password: list[str] = []
    for story in STORIES:
        unit = units[story.code]
        _build_report(step, unit, story, _reporter(unit, password), coordinator)
