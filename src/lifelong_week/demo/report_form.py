"""The Long An 2021 report form: the plan's *Mẫu BC* and a data summary.

The eight narrative sections are those of the *Mẫu BC* attached to the seed
plan. The plan names a "mẫu tổng hợp số liệu" but does not include it; the
indicators below are designed from its ten activities and its funding
section, in the units of measure offices use.
"""

from __future__ import annotations

from lifelong_week.campaigns.enums import ActivityKind, EventRule, ValueType
from lifelong_week.campaigns.models import FormSection, Indicator, ReportForm

PART_I = "I. TỔ CHỨC TRIỂN KHAI TUẦN LỄ"
PART_II = "II. ĐÁNH GIÁ CHUNG"

SECTIONS = [
    (
        "I.1",
        PART_I,
        "Công tác chỉ đạo, ban hành kế hoạch triển khai, kiểm tra, đôn đốc thực hiện",
        "Nêu số, ngày văn bản chỉ đạo, kế hoạch của đơn vị; việc kiểm tra, đôn đốc cấp dưới.",
    ),
    (
        "I.2",
        PART_I,
        "Lễ phát động Tuần lễ",
        "Thời gian, địa điểm, hình thức (trực tiếp/trực tuyến), thành phần và số người tham dự.",
    ),
    (
        "I.3",
        PART_I,
        "Nội dung các hoạt động đã triển khai trong Tuần lễ",
        "Các hoạt động theo Mục II của kế hoạch: tuyên truyền, lớp học trực tuyến, câu lạc bộ, "
        "cuộc thi, thư viện, học liệu mở…",
    ),
    (
        "I.4",
        PART_I,
        "Kết quả (có số liệu cụ thể) các hoạt động tổ chức Tuần lễ",
        "Tóm tắt kết quả; số liệu chi tiết nhập ở biểu tổng hợp số liệu bên dưới.",
    ),
    (
        "I.5",
        PART_I,
        "Kinh phí tổ chức Tuần lễ",
        "- Ngân sách nhà nước\n"
        "- Ngân sách hỗ trợ, vận động từ doanh nghiệp và các nguồn hợp pháp khác (nếu có)",
    ),
    (
        "II.1",
        PART_II,
        "Những kết quả đã đạt được; bài học kinh nghiệm",
        "",
    ),
    ("II.2", PART_II, "Khó khăn, tồn tại", ""),
    ("II.3", PART_II, "Kiến nghị, đề xuất", ""),
]

G1 = "1. Tuyên truyền (hoạt động 1, 3)"
G2 = "2. Lễ khai mạc (hoạt động 2)"
G3 = "3. Lớp học, khóa học trực tuyến (hoạt động 5)"
G4 = "4. Câu lạc bộ, diễn đàn, cuộc thi (hoạt động 6)"
G5 = "5. Tập huấn kỹ năng số (hoạt động 7)"
G6 = "6. Học liệu mở, thư viện (hoạt động 5, 8)"
G7 = "7. Thư viện, bảo tàng, nhà văn hóa"
G8 = "8. Báo chí, truyền thông (hoạt động 9)"
G9 = "9. Thi đua, vinh danh (hoạt động 4)"
G10 = "10. Diễn đàn quốc tế (hoạt động 10)"
G11 = "11. Kinh phí (Mục III)"

INT, MONEY, BOOL = ValueType.INTEGER, ValueType.MONEY, ValueType.BOOLEAN
K = ActivityKind

# code, group, label, unit of measure, value type, sums up, activity kind
INDICATORS = [
    ("plan_issued", G1, "Đơn vị đã ban hành kế hoạch tổ chức Tuần lễ", "có/không", BOOL, False, K.OTHER),
    ("banners", G1, "Băng rôn, khẩu hiệu đã treo", "cái", INT, True, K.PROMOTION),
    ("news_items", G1, "Tin, bài trên cổng thông tin điện tử, trang tin", "tin/bài", INT, True, K.MEDIA),
    ("social_posts", G1, "Tin, bài trên mạng xã hội (Facebook, Zalo, YouTube…)", "tin/bài", INT, True, K.MEDIA),
    ("radio_broadcasts", G1, "Lượt phát trên hệ thống truyền thanh cơ sở", "lượt", INT, True, K.MEDIA),
    ("opening_ceremonies", G2, "Lễ khai mạc, phát động đã tổ chức", "buổi", INT, True, K.OPENING),
    ("opening_attendance", G2, "Người tham dự lễ khai mạc (trực tiếp và trực tuyến)", "lượt người", INT, True, K.OPENING),
    ("online_classes", G3, "Lớp học, khóa học trực tuyến đã tổ chức", "lớp", INT, True, K.CLASSES),
    ("free_classes", G3, "Trong đó: lớp miễn phí hoặc thu phí thấp", "lớp", INT, True, K.CLASSES),
    ("online_learners", G3, "Học viên tham gia lớp học, khóa học trực tuyến", "lượt người", INT, True, K.CLASSES),
    ("clubs", G4, "Câu lạc bộ, diễn đàn thành lập mới hoặc duy trì", "câu lạc bộ", INT, True, K.CLUBS),
    ("club_members", G4, "Thành viên câu lạc bộ, diễn đàn", "người", INT, True, K.CLUBS),
    ("contests", G4, "Cuộc thi (kể cả thi trực tuyến) đã tổ chức", "cuộc thi", INT, True, K.CLUBS),
    ("contest_participants", G4, "Lượt người dự thi", "lượt người", INT, True, K.CLUBS),
    ("trainings", G5, "Lớp tập huấn kỹ năng tìm kiếm, sử dụng thông tin trên Internet", "lớp", INT, True, K.TRAINING),
    ("training_participants", G5, "Người được tập huấn", "người", INT, True, K.TRAINING),
    ("open_resources", G6, "Học liệu mở, bài giảng điện tử được cung cấp", "học liệu", INT, True, K.RESOURCES),
    ("book_titles", G6, "Đầu sách phục vụ bạn đọc trong Tuần lễ", "đầu sách", INT, True, K.RESOURCES),
    ("book_copies", G6, "Sách, báo cho mượn, luân chuyển", "cuốn", INT, True, K.RESOURCES),
    ("cultural_venues", G7, "Thư viện, bảo tàng, nhà văn hóa tổ chức hoạt động", "cơ sở", INT, True, K.OTHER),
    ("cultural_visitors", G7, "Lượt người đến tham quan, đọc sách, học tập", "lượt người", INT, True, K.OTHER),
    ("press_programmes", G8, "Chương trình, chuyên trang, chuyên mục về công dân số", "chuyên mục", INT, True, K.PRESS),
    ("honoured_collectives", G9, "Tập thể được khen thưởng, vinh danh", "tập thể", INT, True, K.EMULATION),
    ("honoured_individuals", G9, "Cá nhân được khen thưởng, vinh danh", "người", INT, True, K.EMULATION),
    ("international_events", G10, "Diễn đàn, hội thảo trực tuyến (UNESCO…) đã tham gia", "sự kiện", INT, True, K.FORUMS),
    ("funding_state", G11, "Kinh phí từ ngân sách nhà nước", "đồng", MONEY, True, K.OTHER),
    ("funding_other", G11, "Kinh phí hỗ trợ, vận động từ doanh nghiệp và nguồn hợp pháp khác", "đồng", MONEY, True, K.OTHER),
]  # fmt: skip


# What one unit's own report plausibly holds (a district, a provincial body,
# a school): above it a figure is saved but needs an explanation — a typing
# slip such as 3.200.000 people at a district's opening ceremony. Generous on
# purpose: a large district's real figures never need explaining.
# Consolidated reports, which add many units up, are not held to them.
PLAUSIBLE_MAX = {
    "banners": 2_000,
    "news_items": 500,
    "social_posts": 2_000,
    "radio_broadcasts": 2_000,
    "opening_ceremonies": 100,
    "opening_attendance": 20_000,
    "online_classes": 300,
    "free_classes": 300,
    "online_learners": 30_000,
    "clubs": 300,
    "club_members": 10_000,
    "contests": 100,
    "contest_participants": 50_000,
    "trainings": 100,
    "training_participants": 10_000,
    "open_resources": 5_000,
    "book_titles": 30_000,
    "book_copies": 100_000,
    "cultural_venues": 100,
    "cultural_visitors": 100_000,
    "press_programmes": 100,
    "honoured_collectives": 300,
    "honoured_individuals": 1_000,
    "international_events": 100,
    "funding_state": 2_000_000_000,
    "funding_other": 2_000_000_000,
}

# Figures the platform can pre-fill from the events a unit records.
EVENT_RULES = {
    "opening_ceremonies": EventRule.COUNT,
    "opening_attendance": EventRule.PARTICIPANTS,
    "online_classes": EventRule.ONLINE_COUNT,
    "online_learners": EventRule.ONLINE_PARTICIPANTS,
    "trainings": EventRule.COUNT,
    "training_participants": EventRule.PARTICIPANTS,
}


def build_report_form(year: int = 2021) -> ReportForm:
    """Create (or return) the shared report form for ``year``'s week."""
    form, created = ReportForm.objects.get_or_create(
        code=f"mau-bc-tuan-le-htsd-{year}",
        defaults={
            "title": f"Mẫu BC — Báo cáo kết quả Tuần lễ hưởng ứng học tập suốt đời năm {year}",
            "report_title": f"Về việc tổ chức Tuần lễ hưởng ứng học tập suốt đời năm {year}",
            # The Mẫu BC's own "Nơi nhận" lines.
            "recipients": ["Sở GD&ĐT (P.GDTrH)", "Hội KH tỉnh"],
        },
    )
    if not created:
        return form
    FormSection.objects.bulk_create(
        FormSection(form=form, order=n, code=code, part_title=part, title=title, guidance=guide)
        for n, (code, part, title, guide) in enumerate(SECTIONS, start=1)
    )
    Indicator.objects.bulk_create(
        Indicator(
            form=form,
            order=n,
            code=code,
            group=group,
            label=label,
            unit_of_measure=uom,
            value_type=value_type,
            sums_up=sums_up,
            activity_kind=kind,
            event_rule=EVENT_RULES.get(code, EventRule.NONE),
            min_value=None if value_type == BOOL else 0,
            plausible_max=PLAUSIBLE_MAX.get(code),
        )
        for n, (code, group, label, uom, value_type, sums_up, kind) in enumerate(
            INDICATORS, start=1
        )
    )
    return form
