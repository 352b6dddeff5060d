"""Cross-checks on a report's figures: warnings that need a short explanation.

A warning is not an error — real activities can look odd (an online class with
no registered learners yet) — but the unit must say why before submitting.
Rules name indicator codes; a rule whose codes are not in the form is skipped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Rule:
    """``when`` > 0 while ``then`` is 0 (or missing) is suspicious."""

    when: str
    then: str
    message: str


@dataclass(frozen=True)
class Ceiling:
    """``part`` should not exceed ``whole``."""

    part: str
    whole: str
    message: str


RULES = [
    Rule("online_classes", "online_learners", _("Có lớp học trực tuyến nhưng số học viên bằng 0.")),
    Rule("opening_ceremonies", "opening_attendance", _("Có lễ khai mạc nhưng số người tham dự bằng 0.")),
    Rule("contests", "contest_participants", _("Có cuộc thi nhưng số lượt người dự thi bằng 0.")),
    Rule("trainings", "training_participants", _("Có lớp tập huấn nhưng số người được tập huấn bằng 0.")),
    Rule("clubs", "club_members", _("Có câu lạc bộ nhưng số thành viên bằng 0.")),
    Rule("cultural_venues", "cultural_visitors", _("Có thư viện, bảo tàng hoạt động nhưng số lượt người đến bằng 0.")),
]  # fmt: skip
CEILINGS = [
    Ceiling("free_classes", "online_classes", _("Số lớp miễn phí lớn hơn tổng số lớp trực tuyến.")),
]


@dataclass(frozen=True)
class CheckWarning:
    code: str  # the indicator the explanation belongs to
    message: str


def cross_check(values: Mapping[str, Decimal | None]) -> list[CheckWarning]:
    """Warnings for a report's values (indicator code → value)."""
    found = []
    for rule in RULES:
        applies = rule.when in values and rule.then in values
        if applies and (values[rule.when] or 0) > 0 and not values[rule.then]:
            found.append(CheckWarning(rule.then, str(rule.message)))
    for ceiling in CEILINGS:
        part, whole = values.get(ceiling.part), values.get(ceiling.whole)
        if part is not None and whole is not None and part > whole:
            found.append(CheckWarning(ceiling.part, str(ceiling.message)))
    return found
