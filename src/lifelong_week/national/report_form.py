"""The national report form: the demo's *Mẫu BC* plus the figures the Ministry asks for.

The eight narrative sections and 27 indicators are the Long An form's (see
``demo/report_form.py``), so the demo's cross-checks and event rules apply
unchanged. Thirteen more indicators — learners by group, recognised learning
models, volunteers — bring it to the 40 figures a national form carries.
"""

from __future__ import annotations

from lifelong_week.campaigns.enums import ActivityKind, EventRule, ValueType
from lifelong_week.campaigns.models import FormSection, Indicator, ReportForm
from lifelong_week.demo.report_form import EVENT_RULES, INDICATORS, PLAUSIBLE_MAX, SECTIONS

INT = ValueType.INTEGER
K = ActivityKind

G12 = "12. Người học tham gia Tuần lễ"
G13 = "13. Mô hình học tập, tình nguyện viên"

NATIONAL_INDICATORS = [
    ("learners_total", G12, "Lượt người tham gia các hoạt động học tập trong Tuần lễ", "lượt người", INT, True, K.OTHER),
    ("learners_women", G12, "Trong đó: nữ", "lượt người", INT, True, K.OTHER),
    ("learners_ethnic", G12, "Trong đó: người dân tộc thiểu số", "lượt người", INT, True, K.OTHER),
    ("learners_elderly", G12, "Trong đó: người cao tuổi", "lượt người", INT, True, K.OTHER),
    ("learners_disabled", G12, "Trong đó: người khuyết tật", "lượt người", INT, True, K.OTHER),
    ("learners_workers", G12, "Trong đó: công nhân, người lao động", "lượt người", INT, True, K.OTHER),
    ("reading_sessions", G12, "Buổi đọc sách, giới thiệu sách", "buổi", INT, True, K.RESOURCES),
    ("learning_families", G13, "Gia đình học tập được công nhận", "gia đình", INT, True, K.EMULATION),
    ("learning_clans", G13, "Dòng họ học tập được công nhận", "dòng họ", INT, True, K.EMULATION),
    ("learning_communities", G13, "Cộng đồng học tập cấp thôn, tổ dân phố được công nhận", "cộng đồng", INT, True, K.EMULATION),
    ("learning_units", G13, "Đơn vị học tập được công nhận", "đơn vị", INT, True, K.EMULATION),
    ("learning_citizens", G13, "Công dân học tập được công nhận", "người", INT, True, K.EMULATION),
    ("volunteers", G13, "Tình nguyện viên tham gia tổ chức Tuần lễ", "người", INT, True, K.OTHER),
]  # fmt: skip

ALL_INDICATORS = [*INDICATORS, *NATIONAL_INDICATORS]

# As the demo's, for one school's, commune's or body's own activities.
NATIONAL_PLAUSIBLE_MAX = {
    **PLAUSIBLE_MAX,
    "learners_total": 100_000,
    "learners_women": 100_000,
    "learners_ethnic": 100_000,
    "learners_elderly": 100_000,
    "learners_disabled": 100_000,
    "learners_workers": 100_000,
    "reading_sessions": 500,
    "learning_families": 5_000,
    "learning_clans": 500,
    "learning_communities": 500,
    "learning_units": 500,
    "learning_citizens": 20_000,
    "volunteers": 5_000,
}


def build_national_form(year: int) -> ReportForm:
    """Create (or return) the national report form for ``year``'s week."""
    form, created = ReportForm.objects.get_or_create(
        code=f"mau-bc-tuan-le-htsd-{year}-toan-quoc",
        defaults={
            "title": (
                f"Mẫu BC — Báo cáo kết quả Tuần lễ hưởng ứng học tập suốt đời năm {year} "
                "(mẫu dùng chung toàn quốc)"
            ),
            "report_title": f"Về việc tổ chức Tuần lễ hưởng ứng học tập suốt đời năm {year}",
            "recipients": ["Bộ GD&ĐT (Vụ GDTX)"],
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
            min_value=None if value_type == ValueType.BOOLEAN else 0,
            plausible_max=NATIONAL_PLAUSIBLE_MAX.get(code),
        )
        for n, (code, group, label, uom, value_type, sums_up, kind) in enumerate(
            ALL_INDICATORS, start=1
        )
    )
    return form
