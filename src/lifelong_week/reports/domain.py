"""Business actions on reports: entry with safe autosave, the review workflow,
photos and extensions. Views call these; they never poke fields themselves.

Every action records who did what, when, from what to what (``ReportChange``).
Time is passed in as ``now`` so the deadline and lock rules can be tested at
the exact boundary; it defaults to the current instant.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, connection, transaction
from django.db.models import BooleanField, Count, OuterRef, QuerySet, Subquery, Sum, Value
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from lifelong_week.accounts.access import has_role
from lifelong_week.accounts.enums import Role
from lifelong_week.accounts.models import Membership, User
from lifelong_week.campaigns.enums import EventRule, ValueType
from lifelong_week.campaigns.models import (
    UNREAD,
    Extension,
    FormSection,
    Indicator,
    ReportingStep,
)
from lifelong_week.core.dates import moment_text, sent_late_text
from lifelong_week.core.numbers import NumberFormatError, format_number, parse_number
from lifelong_week.core.rows import decimal_or_none
from lifelong_week.core.text import clean_text, nfc
from lifelong_week.orgs.models import OrgUnit
from lifelong_week.reports import richtext
from lifelong_week.reports.checks import CheckWarning, Plausible, cross_check, ranges_of
from lifelong_week.reports.enums import EDITABLE_STATUSES, ChangeKind, ReportStatus
from lifelong_week.reports.models import (
    Event,
    FigureValue,
    Notification,
    Photo,
    Report,
    ReportChange,
    SectionText,
)
from lifelong_week.reports.photos import DEFAULT_LIMITS, PhotoLimits, process_photo


class ReportError(Exception):
    """An action refused; ``message`` says why, in Vietnamese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Conflict:
    """Someone else saved this field since the editor loaded it."""

    their_value: str
    their_version: int
    by: User | None
    at: dt.datetime


@dataclass(frozen=True)
class SaveOutcome:
    version: int
    conflict: Conflict | None = None
    changed: bool = False


# --- Opening, locks -----------------------------------------------------------


def open_report(
    step: ReportingStep, unit: OrgUnit, *, by: User | None, now: dt.datetime | None = None
) -> Report:
    """The unit's report for ``step``, created as a draft the first time.

    Side effects: creates the report and records its creation.
    """
    report = Report.objects.filter(step=step, unit=unit).first()
    if report is not None:
        return report
    try:
        with transaction.atomic():
            report = Report.objects.create(step=step, campaign=step.campaign, unit=unit)
            _record(report, ChangeKind.CREATED, by, now or timezone.now(), to_status=report.status)
    except IntegrityError:  # two first visits at once: the other one won
        report = Report.objects.get(step=step, unit=unit)
    return report


# The relations a caller may already hold on the report it passes in.
_RELATED = ("step", "campaign", "unit")


def for_change(reports: QuerySet[Report]) -> QuerySet[Report]:
    """``reports`` read to be changed in the transaction that reads them:
    each row locked until it ends — its own row only: locking the step or
    campaign joined to it would make every unit of the step wait for each
    other's autosaves and submissions — with the unit's extension, if any
    (every change checks whether entry is still open, ``lock_of``). An
    action given a report read this way, in the same transaction, does not
    read it again."""
    extension = Extension.objects.filter(step=OuterRef("step_id"), unit=OuterRef("unit_id"))
    return reports.select_for_update(of=("self",)).annotate(
        extension_until=Subquery(extension.values("until")[:1]),
        locked_for_change=Value(True, output_field=BooleanField()),
    )


def _locked(report: Report, *related: str) -> Report:
    """``report`` locked for the rest of the transaction: as it is when the
    caller read it with ``for_change`` in this transaction, else read again
    (``for_change``). The step, campaign and unit the caller has already
    read (the view's scoped query, moments ago) are kept; only the others
    are joined."""
    if getattr(report, "locked_for_change", False) and connection.in_atomic_block:
        return report
    kept = {
        name: field.get_cached_value(report)
        for name in _RELATED
        if (field := Report._meta.get_field(name)).is_cached(report)
    }
    joined = [path for path in related if path.split("__")[0] not in kept]
    query = for_change(Report.objects.all())
    if joined:  # select_related() with no names would join every relation
        query = query.select_related(*joined)
    locked = query.get(pk=report.pk)
    for name, value in kept.items():
        if getattr(locked, f"{name}_id") == value.pk:
            Report._meta.get_field(name).set_cached_value(locked, value)
    return locked


def lock_of(report: Report) -> dt.datetime | None:
    """When entry closes for this unit: its extension, else the step's lock."""
    return report.step.lock_for(
        report.unit, extended_until=getattr(report, "extension_until", UNREAD)
    )


def _ensure_open(report: Report, now: dt.datetime) -> None:
    if report.status not in EDITABLE_STATUSES:
        raise ReportError(
            _("Báo cáo đang ở trạng thái “%s”, không sửa được.") % report.get_status_display()
        )
    lock = lock_of(report)
    if lock is not None and now >= lock:
        raise ReportError(
            _(
                "Đã quá thời điểm khóa nhập liệu (%(lock)s). Vui lòng đề nghị %(receiver)s "
                "gia hạn để tiếp tục."
            )
            % {
                "lock": moment_text(lock),
                "receiver": report.step.receiver.display_name,
            }
        )


def _record(report: Report, kind: str, by, at, **fields) -> ReportChange:
    return ReportChange.objects.create(report=report, kind=kind, by=by, at=at, **fields)


# --- Entry ------------------------------------------------------------------------


@transaction.atomic
def save_section(
    report: Report,
    *,
    section: FormSection,
    text: str,
    base_version: int,
    by: User,
    now: dt.datetime | None = None,
) -> SaveOutcome:
    """Save one narrative section unless someone else saved it in between.

    Side effects: stores the sanitised text, bumps the section's version,
    records the change (old and new text). On a conflict nothing is written.
    """
    now = now or timezone.now()
    report = _locked(report, "step", "unit")
    _ensure_open(report, now)
    clean = richtext.clean(text)
    row, _created = SectionText.objects.select_for_update().get_or_create(
        report=report, section=section
    )
    if row.text == clean:
        return SaveOutcome(version=row.version)
    if row.version != base_version:
        return SaveOutcome(
            version=row.version,
            conflict=Conflict(row.text, row.version, row.updated_by, row.updated_at),
        )
    old = row.text
    row.text, row.version, row.updated_by = clean, row.version + 1, by
    row.save()
    _record(
        report,
        ChangeKind.SECTION,
        by,
        now,
        field=f"{section.code}. {section.title}",
        old_value=old,
        new_value=clean,
    )
    return SaveOutcome(version=row.version, changed=True)


# What every supported database reads back exactly: SQLite keeps a decimal
# as a float or an integer and Django reads it back to 15 significant
# digits, so a figure has at most 13 digits before the comma and 2 after
# (DECIMAL(20, 2) alone would let 10^18 in, which SQLite returns as 1E+18
# and which then no page, export or document of the report could read).
MAX_FIGURE = Decimal(10) ** 13
FIGURE_DECIMALS = 2


def parse_figure(indicator: Indicator, raw: str) -> tuple[Decimal | None, str]:
    """Read what was typed for ``indicator``: (number, text). Raises ``ReportError``."""
    raw = nfc(raw)
    if "\x00" in raw:  # PostgreSQL refuses NUL in text; no keyboard types it
        raise ReportError(_("Có ký tự không hợp lệ."))
    if indicator.value_type == ValueType.TEXT:
        return None, raw
    if indicator.value_type == ValueType.BOOLEAN:
        if raw in ("", None):
            return None, ""
        if raw.lower() in ("1", "true", "co", "có", "yes", "on"):
            return Decimal(1), ""
        if raw.lower() in ("0", "false", "khong", "không", "no", "off"):
            return Decimal(0), ""
        raise ReportError(_("Chọn “có” hoặc “không”."))
    try:
        value = parse_number(raw, decimals=indicator.value_type == ValueType.DECIMAL)
    except NumberFormatError as error:
        raise ReportError(error.message) from None
    if value is None:
        return None, ""
    if indicator.min_value is not None and value < indicator.min_value:
        if indicator.min_value == 0:
            raise ReportError(_("Số liệu không được âm."))
        raise ReportError(
            _("Giá trị nhỏ nhất là %s.") % format_number(indicator.min_value, decimals=2)
        )
    if indicator.max_value is not None and value > indicator.max_value:
        raise ReportError(
            _("Giá trị lớn nhất là %s.") % format_number(indicator.max_value, decimals=2)
        )
    if abs(value) >= MAX_FIGURE:
        raise ReportError(
            _("Số quá lớn (tối đa %s) — vui lòng kiểm tra lại.") % format_number(MAX_FIGURE - 1)
        )
    if value != value.quantize(Decimal(1).scaleb(-FIGURE_DECIMALS)):
        raise ReportError(_("Chỉ ghi tối đa hai chữ số sau dấu phẩy."))
    return value, ""


def display_figure(indicator: Indicator, value: Decimal | None, text: str = "") -> str:
    if indicator.value_type == ValueType.TEXT:
        return text
    if value is None:
        return ""
    if indicator.value_type == ValueType.BOOLEAN:
        return _("có") if value else _("không")
    decimals = 2 if indicator.value_type == ValueType.DECIMAL else 0
    return format_number(value, decimals=decimals)


@transaction.atomic
def save_figure(
    report: Report,
    *,
    indicator: Indicator,
    raw: str,
    base_version: int,
    by: User,
    note: str | None = None,
    now: dt.datetime | None = None,
) -> SaveOutcome:
    """Save one figure (and its explanation) unless someone saved it in between.

    Raises ``ReportError`` for a value that breaks the indicator's rules, with
    the message to show at the field. Side effects: stores the value, bumps its
    version, records the change with old and new value as displayed.
    """
    now = now or timezone.now()
    report = _locked(report, "step", "unit")
    _ensure_open(report, now)
    value, text = parse_figure(indicator, raw)
    row, _created = FigureValue.objects.select_for_update().get_or_create(
        report=report, indicator=indicator
    )
    new_note = row.note if note is None else clean_text(note)[:500]
    if row.value == value and row.text == text and row.note == new_note:
        return SaveOutcome(version=row.version)
    # A save from a page opened before someone else's changes nothing of
    # theirs — the value nor the explanation (each save bumps the version).
    if row.version != base_version and (
        row.value != value or row.text != text or row.note != new_note
    ):
        shown = display_figure(indicator, row.value, row.text)
        if row.note != new_note and row.note:
            shown = _("%(value)s — giải trình: %(note)s") % {"value": shown, "note": row.note}
        return SaveOutcome(
            version=row.version,
            conflict=Conflict(shown, row.version, row.updated_by, row.updated_at),
        )
    old = display_figure(indicator, row.value, row.text)
    row.value, row.text, row.note = value, text, new_note
    row.version, row.updated_by = row.version + 1, by
    row.save()
    new = display_figure(indicator, value, text)
    if old != new:
        _record(
            report,
            ChangeKind.FIGURE,
            by,
            now,
            field=indicator.label,
            old_value=old,
            new_value=new,
        )
    return SaveOutcome(version=row.version, changed=True)


@transaction.atomic
def fill_empty_figures(
    report: Report,
    values: dict[Indicator, str],
    *,
    by: User,
    now: dt.datetime | None = None,
) -> int:
    """Fill, in one go, the figures of ``report`` that are still empty with
    ``values`` (as typed) — a consolidation drafts forty at once. A figure
    already given is never replaced. Raises ``ReportError`` for a value that
    breaks its indicator's rules; then nothing is written. Side effects: as
    ``save_figure`` for each filled figure (value, version, history).
    Returns how many were filled.
    """
    now = now or timezone.now()
    report = _locked(report, "step", "unit")
    _ensure_open(report, now)
    parsed = {indicator: parse_figure(indicator, raw) for indicator, raw in values.items()}
    existing = {
        row.indicator_id: row
        for row in FigureValue.objects.select_for_update().filter(
            report=report, indicator__in=list(values)
        )
    }
    created, updated, changes = [], [], []
    for indicator, (value, text) in parsed.items():
        row = existing.get(indicator.pk)
        if (row is not None and (row.value is not None or row.text)) or (
            value is None and not text
        ):
            continue
        if row is None:
            row = FigureValue(report=report, indicator=indicator)
            created.append(row)
        else:
            updated.append(row)
        row.value, row.text, row.version = value, text, row.version + 1
        row.updated_by, row.updated_at = by, now
        changes.append(
            ReportChange(
                report=report,
                kind=ChangeKind.FIGURE,
                by=by,
                at=now,
                field=indicator.label,
                new_value=display_figure(indicator, value, text),
            )
        )
    # In bulk, without the per-row roll-up signal: an editable report is
    # never counted (``_ensure_open``), so no stored total moves.
    FigureValue.objects.bulk_create(created)
    FigureValue.objects.bulk_update(
        updated, ["value", "text", "version", "updated_by", "updated_at"]
    )
    ReportChange.objects.bulk_create(changes)
    return len(changes)


@transaction.atomic
def set_document_number(
    report: Report, *, number: int | None, date, by: User, now: dt.datetime | None = None
) -> None:
    """The number and date the clerk gives the signed document (blank in drafts)."""

    def shown(number, date) -> str:
        parts = [f"Số {number}" if number else "", f"ngày {date:%d/%m/%Y}" if date else ""]
        return ", ".join(part for part in parts if part)

    old = shown(report.doc_number, report.doc_date)
    report.doc_number, report.doc_date = number, date
    report.save(update_fields=["doc_number", "doc_date", "updated_at"])
    new = shown(number, date)
    if old != new:
        _record(
            report, ChangeKind.DOCUMENT, by, now or timezone.now(), old_value=old, new_value=new
        )


# --- Checks before submitting -----------------------------------------------------


@dataclass(frozen=True)
class Problems:
    missing: list[Indicator]
    unexplained: list[tuple[Indicator, str]]
    explained: list[tuple[Indicator, str]]

    @property
    def blocking(self) -> bool:
        return bool(self.missing or self.unexplained)


def adds_up_units(report: Report) -> bool:
    """Whether the report's unit receives other units' reports in its
    campaign, so that its figures add theirs up (a consolidated report)."""
    return (
        ReportingStep.objects.filter(campaign_id=report.campaign_id, receiver_id=report.unit_id)
        .exclude(pk=report.step_id)
        .exists()
    )


def report_warnings(
    report: Report, values: dict[str, Decimal | None], ranges: dict[str, Plausible]
) -> list[CheckWarning]:
    """The cross-check warnings of ``report``'s values. A plausible range
    is about one unit's own activities: a consolidated report, which adds
    many units up, is held to the rules between figures only (its units'
    own reports were held to the ranges). Reads whether the report is a
    consolidated one only when a value is out of range."""
    warnings = cross_check(values, ranges)
    if any(w.out_of_range for w in warnings) and adds_up_units(report):
        warnings = [w for w in warnings if not w.out_of_range]
    return warnings


def submission_problems(report: Report) -> Problems:
    """Figures not filled in, and cross-check warnings without an explanation.

    Reads plain values, the form's indicators with the report's figures in
    one query (a submission checks 40 figures every time); the indicators
    named in a problem are loaded only when there is one.
    """
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.id, i.code, i.value_type, i.plausible_min, i.plausible_max,"  # noqa: S608 - quoted table names, placeholders only
            " i.unit_of_measure, f.id, f.value, f.note"
            f" FROM {qn(Indicator._meta.db_table)} i LEFT JOIN {qn(FigureValue._meta.db_table)} f"
            " ON f.indicator_id = i.id AND f.report_id = %s WHERE i.form_id = %s"
            f" ORDER BY i.{qn('order')}, i.id",
            [report.pk, report.campaign.report_form_id],
        )
        read = cursor.fetchall()
    indicators = [(pk, code, value_type) for pk, code, value_type, *_rest in read]
    ranges = ranges_of(
        (code, decimal_or_none(low), decimal_or_none(high), unit)
        for _pk, code, _type, low, high, unit, *_figure in read
    )
    rows = {
        pk: (decimal_or_none(value), note)
        for pk, _code, _type, _low, _high, _unit, figure, value, note in read
        if figure is not None
    }
    missing = [
        pk
        for pk, _code, value_type in indicators
        if value_type != ValueType.TEXT and rows.get(pk, (None,))[0] is None
    ]
    values = {code: rows.get(pk, (None,))[0] for pk, code, _type in indicators}
    pk_of = {code: pk for pk, code, _type in indicators}
    unexplained, explained = [], []
    for warning in report_warnings(report, values, ranges):
        pk = pk_of[warning.code]
        target = explained if pk in rows and rows[pk][1].strip() else unexplained
        target.append((pk, warning.message))
    named = set(missing) | {pk for pk, _message in unexplained + explained}
    loaded = Indicator.objects.in_bulk(named) if named else {}
    return Problems(
        missing=[loaded[pk] for pk in missing],
        unexplained=[(loaded[pk], message) for pk, message in unexplained],
        explained=[(loaded[pk], message) for pk, message in explained],
    )


# --- Workflow ------------------------------------------------------------------------


def _notify_receivers(report: Report, message: str) -> None:
    """Tell the receiving unit's coordinators and head, in the application:
    one statement, people and notices together (every submission of a
    deadline day runs it)."""
    qn = connection.ops.quote_name
    notices, users, memberships = (
        qn(model._meta.db_table) for model in (Notification, User, Membership)
    )
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {notices} (user_id, report_id, message, url, created_at)"  # noqa: S608 - quoted table names, placeholders only
            f" SELECT DISTINCT u.id, %s, %s, %s, %s FROM {users} u"
            f" JOIN {memberships} m ON m.user_id = u.id"
            " WHERE m.unit_id = %s AND m.role IN (%s, %s) AND u.is_active",
            [
                report.pk,
                message,
                report.urls.edit,
                now,
                report.step.receiver_id,
                Role.COORDINATOR,
                Role.HEAD,
            ],
        )


def _unit_people(report: Report, *roles: str) -> list[User]:
    return list(
        User.objects.filter(
            memberships__unit=report.unit, memberships__role__in=roles, is_active=True
        ).distinct()
    )


def notify(users, *, report: Report | None, message: str, email_subject: str = "") -> None:
    """In-app notices; with ``email_subject`` also one e-mail per person."""
    url = report.urls.edit if report is not None else ""
    Notification.objects.bulk_create(
        Notification(user=user, report=report, message=message, url=url) for user in users
    )
    if email_subject:
        for user in users:
            if user.email:
                transaction.on_commit(
                    lambda user=user: send_mail(
                        email_subject, message, None, [user.email], fail_silently=True
                    )
                )


@transaction.atomic
def submit_report(report: Report, *, by: User, now: dt.datetime | None = None) -> Report:
    """Send the report up — or to the unit's head first when the campaign asks.

    Checks the entry is still open (lock and extensions), every figure is
    filled and every warning explained. After the deadline it is still
    accepted until the lock, and marked late by how long. Side effects:
    freezes the report, records the transition, notifies the receiving unit
    (or the unit's head) in the application.
    """
    now = now or timezone.now()
    report = _locked(report, "step__receiver", "campaign__report_form", "unit")
    _ensure_open(report, now)
    problems = submission_problems(report)
    if problems.blocking:
        raise ReportError(
            _(
                "Chưa gửi được: còn %(missing)d chỉ tiêu chưa nhập và %(warnings)d cảnh báo chưa giải trình."
            )
            % {"missing": len(problems.missing), "warnings": len(problems.unexplained)}
        )
    if report.campaign.requires_head_approval and not has_role(by, report.unit, Role.HEAD):
        old = report.status
        report.status = ReportStatus.AWAITING_HEAD
        report.save(update_fields=["status", "updated_at"])
        _record(report, ChangeKind.SENT_TO_HEAD, by, now, from_status=old, to_status=report.status)
        notify(
            _unit_people(report, Role.HEAD),
            report=report,
            message=_("Báo cáo %(title)s của %(unit)s đang chờ thủ trưởng duyệt để gửi đi.")
            % {"title": report.campaign.title, "unit": report.unit.display_name},
        )
        return report
    return _send_up(report, by=by, now=now)


def _send_up(report: Report, *, by: User, now: dt.datetime) -> Report:
    old = report.status
    report.status = ReportStatus.SUBMITTED
    report.submitted_at, report.submitted_by = now, by
    late = now - report.step.deadline
    report.late_by = late if now >= report.step.deadline else None
    report.review_comment = ""
    comment = ""
    if report.late_by is not None:
        comment = capfirst(sent_late_text(report.days_late)) + "."
    _record(
        report,
        ChangeKind.SUBMITTED,
        by,
        now,
        from_status=old,
        to_status=report.status,
        comment=comment,
    )
    _notify_receivers(
        report,
        _("%(unit)s đã gửi báo cáo: %(title)s.")
        % {"unit": report.unit.display_name, "title": report.campaign.title},
    )
    report.save(update_fields=_SENT_UP)
    return report


_SENT_UP = ["status", "submitted_at", "submitted_by", "late_by", "review_comment", "updated_at"]


@transaction.atomic
def approve_report(report: Report, *, by: User, now: dt.datetime | None = None) -> Report:
    """The unit's head approves: the report goes up as if submitted now."""
    now = now or timezone.now()
    report = _locked(report, "step__receiver", "campaign__report_form", "unit")
    if report.status != ReportStatus.AWAITING_HEAD:
        raise ReportError(_("Báo cáo không ở trạng thái chờ duyệt."))
    if not has_role(by, report.unit, Role.HEAD):
        raise ReportError(_("Chỉ thủ trưởng đơn vị mới duyệt được báo cáo."))
    lock = lock_of(report)
    if lock is not None and now >= lock:
        raise ReportError(_("Đã quá thời điểm khóa nhập liệu; cần được gia hạn trước khi gửi."))
    return _send_up(report, by=by, now=now)


@transaction.atomic
def return_report(
    report: Report, *, by: User, comment: str, now: dt.datetime | None = None
) -> Report:
    """Send the report back to the unit with a comment (the receiving unit, or
    the unit's head before approving). Side effects: reopens it for editing,
    records the comment, notifies the unit's reporters in the application and
    by e-mail — the only immediate e-mail the platform sends."""
    now = now or timezone.now()
    comment = clean_text(comment)
    if not comment:
        raise ReportError(_("Vui lòng ghi ý kiến để đơn vị biết cần sửa gì."))
    report = _locked(report, "step__receiver", "campaign__report_form", "unit")
    if report.status not in (ReportStatus.SUBMITTED, ReportStatus.AWAITING_HEAD):
        raise ReportError(_("Chỉ trả lại được báo cáo đã gửi hoặc đang chờ duyệt."))
    old = report.status
    report.status = ReportStatus.RETURNED
    report.review_comment, report.reviewed_at, report.reviewed_by = comment, now, by
    report.save()
    _record(
        report,
        ChangeKind.RETURNED,
        by,
        now,
        from_status=old,
        to_status=report.status,
        comment=comment,
    )
    message = _("Báo cáo “%(title)s” của %(unit)s bị trả lại: %(comment)s") % {
        "title": report.campaign.title,
        "unit": report.unit.display_name,
        "comment": comment,
    }
    notify(
        _unit_people(report, Role.REPORTER, Role.HEAD),
        report=report,
        message=message,
        email_subject=_("Báo cáo bị trả lại: %s") % report.campaign.title,
    )
    return report


@transaction.atomic
def accept_report(report: Report, *, by: User, now: dt.datetime | None = None) -> Report:
    """The receiving unit accepts the report. Side effects: records it, tells the unit."""
    now = now or timezone.now()
    report = _locked(report, "step__receiver", "campaign__report_form", "unit")
    if report.status != ReportStatus.SUBMITTED:
        raise ReportError(_("Chỉ tiếp nhận được báo cáo đã gửi."))
    old = report.status
    report.status = ReportStatus.ACCEPTED
    report.reviewed_at, report.reviewed_by = now, by
    report.save()
    _record(report, ChangeKind.ACCEPTED, by, now, from_status=old, to_status=report.status)
    notify(
        _unit_people(report, Role.REPORTER, Role.HEAD),
        report=report,
        message=_("%(receiver)s đã tiếp nhận báo cáo của %(unit)s.")
        % {"receiver": report.step.receiver.display_name, "unit": report.unit.display_name},
    )
    return report


@transaction.atomic
def grant_extension(
    step: ReportingStep, unit: OrgUnit, *, until: dt.datetime, by: User, reason: str = ""
) -> Extension:
    """Reopen entry for one unit after the lock, until ``until``."""
    extension, _created = Extension.objects.update_or_create(
        step=step, unit=unit, defaults={"until": until, "granted_by": by, "reason": nfc(reason)}
    )
    return extension


# --- Photos -------------------------------------------------------------------------


def add_photo(
    report: Report,
    *,
    data,
    filename: str,
    caption: str,
    may_publish: bool,
    by: User,
    limits: PhotoLimits | None = None,
    now: dt.datetime | None = None,
) -> Photo:
    """Check, clean (EXIF and GPS removed) and store a photo with its thumbnail.

    Raises ``PhotoError`` (from ``reports.photos``) or ``ReportError``. The
    photo is decoded and resized before any transaction — a phone's photo
    takes a second, and on SQLite a transaction holds the one write lock
    every other user needs; the report's rules are checked first without a
    lock (to refuse early) and again under it, with the photo stored.
    """
    now = now or timezone.now()
    caption = clean_text(caption)[:300]
    if not caption:
        raise ReportError(_("Vui lòng ghi chú thích cho ảnh (hoạt động gì, ở đâu)."))
    _may_add_photo(report, now)
    processed = process_photo(data, filename=filename, limits=limits or DEFAULT_LIMITS)
    with transaction.atomic():
        report = _locked(report)
        _may_add_photo(report, now)
        return _store_photo(report, processed, caption, may_publish, by, now)


def _may_add_photo(report: Report, now: dt.datetime) -> None:
    _ensure_open(report, now)
    if report.photos.count() >= settings.REPORT_MAX_PHOTOS:
        raise ReportError(_("Mỗi báo cáo đính kèm tối đa %d ảnh.") % settings.REPORT_MAX_PHOTOS)


def _store_photo(report, processed, caption: str, may_publish: bool, by, now) -> Photo:
    photo = Photo(
        report=report,
        caption=caption,
        may_publish=may_publish,
        width=processed.width,
        height=processed.height,
        taken_at=(
            timezone.make_aware(processed.taken_at) if processed.taken_at is not None else None
        ),
        sha256=processed.sha256,
        uploaded_by=by,
    )
    stem = processed.sha256[:16]
    photo.image.save(f"{stem}{processed.extension}", ContentFile(processed.image), save=False)
    photo.thumbnail.save(f"{stem}-nho.jpg", ContentFile(processed.thumbnail), save=False)
    photo.save()
    _record(report, ChangeKind.PHOTO_ADDED, by, now, field=caption)
    return photo


@transaction.atomic
def remove_photo(photo: Photo, *, by: User, now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    _ensure_open(photo.report, now)
    _record(photo.report, ChangeKind.PHOTO_REMOVED, by, now, field=photo.caption)
    image, thumbnail = photo.image, photo.thumbnail
    photo.delete()
    transaction.on_commit(lambda: (image.delete(save=False), thumbnail.delete(save=False)))


# --- Figures derived from events ---------------------------------------------------------


def event_suggestions(report: Report) -> dict[int, int]:
    """Indicator id → value computed from the unit's recorded events."""
    indicators = [
        i for i in report.campaign.report_form.indicators.all() if i.event_rule and i.activity_kind
    ]
    if not indicators:
        return {}
    totals = {
        row["kind"]: row
        for row in Event.objects.filter(campaign=report.campaign, unit=report.unit)
        .values("kind")
        .annotate(
            n=Count("pk"),
            in_person=Sum("participants_in_person"),
            online=Sum("participants_online"),
        )
    }
    online = {
        row["kind"]: row["n"]
        for row in Event.objects.filter(campaign=report.campaign, unit=report.unit)
        .exclude(platform="")
        .values("kind")
        .annotate(n=Count("pk"))
    }
    suggestions = {}
    for indicator in indicators:
        row = totals.get(indicator.activity_kind)
        if row is None:
            continue
        if indicator.event_rule == EventRule.COUNT:
            suggestions[indicator.pk] = row["n"]
        elif indicator.event_rule == EventRule.PARTICIPANTS:
            suggestions[indicator.pk] = (row["in_person"] or 0) + (row["online"] or 0)
        elif indicator.event_rule == EventRule.ONLINE_COUNT:
            suggestions[indicator.pk] = online.get(indicator.activity_kind, 0)
        elif indicator.event_rule == EventRule.ONLINE_PARTICIPANTS:
            suggestions[indicator.pk] = row["online"] or 0
    return suggestions


@transaction.atomic
def apply_event_suggestions(report: Report, *, by: User, now: dt.datetime | None = None) -> int:
    """Pre-fill figures the unit has left empty with what its events add up to.

    Only empty figures are filled, so a value the unit typed is never replaced;
    the unit can still correct a pre-filled one. Returns how many were filled.
    """
    now = now or timezone.now()
    if report.status not in EDITABLE_STATUSES:
        return 0
    suggestions = event_suggestions(report)
    if not suggestions:
        return 0
    filled = 0
    indicators = {i.pk: i for i in Indicator.objects.filter(pk__in=suggestions)}
    existing = {row.indicator_id: row for row in report.figures.filter(indicator__in=indicators)}
    for indicator_id, value in suggestions.items():
        row = existing.get(indicator_id)
        if row is not None and (row.value is not None or row.version > 0):
            continue
        row = row or FigureValue(report=report, indicator=indicators[indicator_id])
        row.value, row.version, row.updated_by = Decimal(value), row.version + 1, by
        row.save()
        _record(
            report,
            ChangeKind.FIGURE,
            by,
            now,
            field=indicators[indicator_id].label,
            new_value=format_number(value),
            comment=_("Tự tính từ các hoạt động đơn vị đã ghi nhận."),
        )
        filled += 1
    return filled
