"""Cross-checks on a report's figures: warnings that need a short explanation.

A warning is not an error — real activities can look odd (an online class with
no registered learners yet) — but the unit must say why before submitting.
Rules name indicator codes; a rule whose codes are not in the form is skipped.
Besides the rules between two figures, a figure outside its indicator's
plausible range (``Indicator.plausible_min``/``plausible_max``) is warned
about: 3.200.000 people at one district's opening ceremony is saved, but
asks for a second look.

Each warning belongs to one indicator — the one whose explanation it needs —
and a rule ties two: ``partners`` says which fields' warnings can change
when one figure changes, so the page updates them as the clerk types.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lifelong_week.core.numbers import format_number


@dataclass(frozen=True)
class Rule:
    """``when`` > 0 while ``then`` is 0 is suspicious. A ``then`` not yet
    given is not: it is reported as missing, and warning about it would put
    a warning under a field the clerk has not reached yet."""

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
class Plausible:
    """An indicator's plausible range (either end may be open)."""

    low: Decimal | None
    high: Decimal | None
    unit_of_measure: str = ""


@dataclass(frozen=True)
class CheckWarning:
    code: str  # the indicator the explanation belongs to
    message: str
    out_of_range: bool = False  # outside the plausible range, not a rule between figures


def ranges_of(rows) -> dict[str, Plausible]:
    """code → plausible range, from (code, low, high, unit of measure) rows;
    indicators without a range are left out."""
    return {
        code: Plausible(low, high, unit)
        for code, low, high, unit in rows
        if low is not None or high is not None
    }


def partners(code: str) -> set[str]:
    """The indicators whose warnings may change when ``code``'s value
    changes: itself and those a rule ties it to."""
    tied = {code}
    for rule in RULES:
        if code in (rule.when, rule.then):
            tied |= {rule.when, rule.then}
    for ceiling in CEILINGS:
        if code in (ceiling.part, ceiling.whole):
            tied |= {ceiling.part, ceiling.whole}
    return tied


def _amount(value: Decimal, unit_of_measure: str) -> str:
    number = format_number(value, decimals=2)
    return f"{number} {unit_of_measure}".strip()


def out_of_range(value: Decimal | None, plausible: Plausible) -> str | None:
    """The warning for ``value`` outside ``plausible``, or None."""
    if value is None:
        return None
    if plausible.high is not None and value > plausible.high:
        return gettext(
            "Cao bất thường: thường không quá %s. Vui lòng kiểm tra lại; nếu đúng, "
            "ghi giải trình ngắn."
        ) % _amount(plausible.high, plausible.unit_of_measure)
    if plausible.low is not None and value < plausible.low:
        return gettext(
            "Thấp bất thường: thường ít nhất %s. Vui lòng kiểm tra lại; nếu đúng, "
            "ghi giải trình ngắn."
        ) % _amount(plausible.low, plausible.unit_of_measure)
    return None


def cross_check(
    values: Mapping[str, Decimal | None], ranges: Mapping[str, Plausible] | None = None
) -> list[CheckWarning]:
    """Warnings for a report's values (indicator code → value), with the
    plausible ranges of the indicators that have one (code → range)."""
    found = []
    for code, plausible in (ranges or {}).items():
        message = out_of_range(values.get(code), plausible)
        if message is not None:
            found.append(CheckWarning(code, message, out_of_range=True))
    for rule in RULES:
        applies = rule.when in values and rule.then in values
        if applies and (values[rule.when] or 0) > 0 and values[rule.then] == 0:
            found.append(CheckWarning(rule.then, str(rule.message)))
    for ceiling in CEILINGS:
        part, whole = values.get(ceiling.part), values.get(ceiling.whole)
        if part is not None and whole is not None and part > whole:
            found.append(CheckWarning(ceiling.part, str(ceiling.message)))
    return found
