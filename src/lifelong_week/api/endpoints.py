"""The API's operations: thin wrappers over the same scoped queries and domain
functions the pages use. The token's user is ``request.user``, so every
object goes through ``accounts.access``; anything outside reach is 404."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Path, Query, Router
from ninja.responses import Status

from lifelong_week.accounts.access import (
    can_enter_report,
    get_or_404,
    own_units,
    units_visible_to,
)
from lifelong_week.api.errors import ApiError
from lifelong_week.api.schemas import (
    MAX_ID,
    SLUG_PATTERN,
    CampaignOut,
    ChildrenRollupOut,
    CompletenessOut,
    Error,
    FiguresIn,
    ReportOut,
    RollupOut,
)
from lifelong_week.campaigns.enums import CampaignStatus, CountPolicy, ValueType
from lifelong_week.campaigns.models import Campaign, Indicator, ReportingStep
from lifelong_week.campaigns.queries import campaigns_visible_to
from lifelong_week.campaigns.timeline import Phase, step_phase, with_phases
from lifelong_week.orgs.models import CODE_PATTERN, OrgUnit
from lifelong_week.reports import domain
from lifelong_week.reports.board import build_board
from lifelong_week.reports.models import Report
from lifelong_week.reports.monitor import receiving_step
from lifelong_week.reports.queries import report_entries, reports_visible_to
from lifelong_week.reports.rollup import (
    Rollup,
    breakdown,
    campaign_window,
    counted_statuses,
    rollup,
)

router = Router()

READ_ERRORS = {401: Error, 404: Error, 422: Error}
WRITE_ERRORS = {400: Error, 401: Error, 404: Error, 409: Error, 422: Error}
# FigureValue.value is DECIMAL(20, 2): anything larger cannot be stored.
LONGEST_TEXT = 20_000

StepId = Path(..., ge=1, le=MAX_ID, description="Mã bước báo cáo.")
ReportId = Path(..., ge=1, le=MAX_ID, description="Mã báo cáo.")
CampaignSlug = Path(..., pattern=SLUG_PATTERN, description="Mã chiến dịch, ví dụ long-an-2021.")


# --- shaping answers ------------------------------------------------------------------


def _phase(kind) -> dict:
    return {"phase": kind, "phase_label": Phase(kind).label}


def _local(value: dt.datetime | None) -> dt.datetime | None:
    return timezone.localtime(value) if value is not None else None


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _unit(unit: OrgUnit) -> dict:
    return {"code": unit.code, "name": unit.name, "short_name": unit.short_name}


def _campaign_ref(campaign: Campaign) -> dict:
    return {"slug": campaign.slug, "title": campaign.title, "year": campaign.year}


def _step_ref(step: ReportingStep) -> dict:
    return {"id": step.pk, "order": step.order, "title": step.title}


def _policy(campaign: Campaign, label: str) -> dict:
    return {"statuses": [str(s) for s in counted_statuses(campaign)], "label": str(label)}


def _totals(result: Rollup) -> list[dict]:
    rows = []
    for total in result.totals:
        indicator = total.indicator
        boolean = indicator.value_type == ValueType.BOOLEAN
        rows.append(
            {
                "code": indicator.code,
                "label": indicator.label,
                "group": indicator.group,
                "unit_of_measure": indicator.unit_of_measure,
                "value_type": indicator.value_type,
                "sums_up": total.sums,
                "total": _number(total.total) if total.sums else None,
                "units": total.units,
                "yes": total.yes if boolean else None,
            }
        )
    return rows


def _report_out(report: Report) -> dict:
    sections, figures = report_entries(report)
    return {
        "id": report.pk,
        "campaign": _campaign_ref(report.campaign),
        "step": _step_ref(report.step),
        "unit": _unit(report.unit),
        "status": report.status,
        "status_label": str(report.get_status_display()),
        "doc_number": report.doc_number,
        "doc_date": report.doc_date,
        "submitted_at": _local(report.submitted_at),
        "days_late": report.days_late if report.submitted_at else None,
        "review_comment": report.review_comment,
        "sections": [
            {"code": e.section.code, "title": e.section.title, "text": e.text} for e in sections
        ],
        "figures": [
            {
                "code": e.indicator.code,
                "label": e.indicator.label,
                "unit_of_measure": e.indicator.unit_of_measure,
                "value_type": e.indicator.value_type,
                "value": _number(e.row.value) if e.row else None,
                "text": e.row.text if e.row else "",
                "note": e.note,
            }
            for e in figures
        ],
    }


def _report_queryset(user):
    return reports_visible_to(user).select_related("step", "campaign", "unit")


# --- campaigns and roll-ups ------------------------------------------------------------


@router.get(
    "/campaigns",
    response={200: list[CampaignOut], 401: Error},
    summary="Các chiến dịch được xem",
    description=gettext_lazy(
        "Mọi chiến dịch (kế hoạch) tài khoản được xem, năm mới nhất trước, kèm các bước báo cáo: "
        "đơn vị gửi, đơn vị nhận, hạn nộp và thời điểm khóa nhập liệu."
    ),
    tags=["campaigns"],
)
def list_campaigns(request):
    """Every campaign the token's user may open, newest year first, with its
    reporting steps (senders, receiver, deadline and lock)."""
    steps = ReportingStep.objects.select_related("receiver").prefetch_related(
        Prefetch("senders", queryset=OrgUnit.objects.only("code", "path").order_by("path"))
    )
    campaigns = campaigns_visible_to(request.user).prefetch_related(Prefetch("steps", steps))
    now = timezone.now()
    return [
        {
            "slug": c.slug,
            "title": c.title,
            "year": c.year,
            "status": c.status,
            "status_label": str(CampaignStatus(c.status).label),
            "phase": c.phase.kind,
            "phase_label": c.phase.label,
            "issuer": _unit(c.issuer),
            "coordinator": _unit(c.coordinator),
            "theme": c.theme,
            "week_start": c.week_start,
            "week_end": c.week_end,
            "opening_date": c.opening_date,
            "count_policy": c.count_policy,
            "steps": [
                {
                    "id": s.pk,
                    "order": s.order,
                    "title": s.title,
                    "senders_text": s.senders_text,
                    "senders": [u.code for u in s.senders.all()],
                    "receiver": _unit(s.receiver),
                    "deadline": _local(s.deadline),
                    "lock_at": _local(s.lock_at),
                    **_phase(step_phase(s, now=now)),
                }
                for s in c.steps.all()
            ],
        }
        for c in with_phases(campaigns, now=now)
    ]


def _campaign(request, slug: str) -> Campaign:
    return get_or_404(campaigns_visible_to(request.user).select_related("report_form"), slug=slug)


def _unit_in_reach(request, campaign: Campaign, code: str | None) -> OrgUnit:
    """The unit asked for, within the user's reach; by default the user's top
    unit (an administrator without one: the campaign's coordinating unit)."""
    if code is not None:
        return get_or_404(units_visible_to(request.user), code=code)
    top = own_units(request.user).order_by("depth", "path").first()
    return top or get_or_404(units_visible_to(request.user), pk=campaign.coordinator_id)


def _step_of(campaign: Campaign, step_id: int | None) -> ReportingStep | None:
    if step_id is None:
        return None
    return get_or_404(campaign.steps.all(), pk=step_id)


def _rollup(campaign: Campaign, unit: OrgUnit, step: ReportingStep | None) -> tuple[int, list]:
    if campaign.report_form_id is None:  # a draft without a form has no figures yet
        return 0, []
    result = rollup(campaign, unit, step=step)
    return result.reports, _totals(result)


def _policy_label(campaign: Campaign) -> str:
    return CountPolicy(campaign.count_policy).label


@router.get(
    "/campaigns/{slug}/rollup",
    response={200: RollupOut, **READ_ERRORS},
    summary="Số liệu tổng hợp của một đơn vị",
    description=gettext_lazy(
        "Từng chỉ tiêu cộng dồn trên cây đơn vị dưới đơn vị đã chọn, chỉ tính các báo cáo "
        "theo quy định của chiến dịch (đã gửi và đã tiếp nhận, hoặc chỉ đã tiếp nhận). Báo cáo "
        "của một đơn vị đại diện cho cả nhánh dưới nó, nên mỗi nhánh chỉ được tính một lần. "
        "Số liệu cập nhật ngay khi báo cáo được gửi, tiếp nhận hoặc trả lại. Đơn vị phải nằm "
        "trong phạm vi của bạn; nếu không, trả về 404."
    ),
    tags=["campaigns"],
)
def campaign_rollup(
    request,
    slug: str = CampaignSlug,
    unit: str | None = Query(
        None,
        pattern=CODE_PATTERN,
        max_length=40,
        description="Mã đơn vị (mặc định: đơn vị của bạn).",
    ),
    step: int | None = Query(None, ge=1, le=MAX_ID, description="Chỉ tính một bước báo cáo."),
):
    """Every indicator totalled over the unit's subtree, counting the reports
    the campaign's policy counts (a unit's report stands for its subtree, so
    each branch counts once). Live: it changes the moment a report is sent,
    accepted or returned."""
    campaign = _campaign(request, slug)
    target = _unit_in_reach(request, campaign, unit)
    reporting_step = _step_of(campaign, step)
    reports, indicators = _rollup(campaign, target, reporting_step)
    return {
        "campaign": _campaign_ref(campaign),
        "unit": _unit(target),
        "step": reporting_step.pk if reporting_step else None,
        "policy": _policy(campaign, _policy_label(campaign)),
        "reports": reports,
        "indicators": indicators,
    }


@router.get(
    "/campaigns/{slug}/rollup/children",
    response={200: ChildrenRollupOut, **READ_ERRORS},
    summary="Số liệu tổng hợp theo từng đơn vị trực thuộc",
    description=gettext_lazy(
        "Như số liệu tổng hợp, cho từng đơn vị trực thuộc (cấp dưới trực tiếp) trong phạm vi "
        "của bạn và còn tồn tại trong thời gian của chiến dịch."
    ),
    tags=["campaigns"],
)
def campaign_rollup_children(
    request,
    slug: str = CampaignSlug,
    unit: str | None = Query(
        None,
        pattern=CODE_PATTERN,
        max_length=40,
        description="Mã đơn vị cấp trên (mặc định: đơn vị của bạn).",
    ),
    step: int | None = Query(None, ge=1, le=MAX_ID, description="Chỉ tính một bước báo cáo."),
):
    """The same roll-up for each direct child of the unit within your reach
    that existed during the campaign."""
    campaign = _campaign(request, slug)
    target = _unit_in_reach(request, campaign, unit)
    reporting_step = _step_of(campaign, step)
    start, end = campaign_window(campaign)
    children = (
        units_visible_to(request.user)
        .filter(parent=target)
        .filter(pk__in=OrgUnit.objects.overlapping(start, end).values("pk"))
        .order_by("path")
    )
    rows = []
    if campaign.report_form_id is not None:  # one read for all children, not one each
        for result in breakdown(campaign, target, step=reporting_step, children=children):
            rows.append(
                {
                    "unit": _unit(result.unit),
                    "reports": result.reports,
                    "indicators": _totals(result),
                }
            )
    else:
        rows = [{"unit": _unit(child), "reports": 0, "indicators": []} for child in children]
    return {
        "campaign": _campaign_ref(campaign),
        "unit": _unit(target),
        "step": reporting_step.pk if reporting_step else None,
        "policy": _policy(campaign, _policy_label(campaign)),
        "children": rows,
    }


# --- completeness of a step ---------------------------------------------------------------


@router.get(
    "/steps/{step_id}/completeness",
    response={200: CompletenessOut, **READ_ERRORS},
    summary="Tình hình nộp báo cáo của một bước",
    description=gettext_lazy(
        "Đơn vị nào đã gửi, đúng hạn hay trễ hạn — dành cho điều phối viên và thủ trưởng của "
        "đơn vị nhận báo cáo, giống trang theo dõi của bước. completeness = đã gửi / phải gửi; "
        "timeliness = đúng hạn / phải gửi."
    ),
    tags=["steps"],
)
def step_completeness(request, step_id: int = StepId):
    """Who has sent, on time or late — for the receiving unit's coordinators
    and head, exactly as on the step's page."""
    step = receiving_step(request, step_id)
    board = build_board(step)
    readable = set(reports_visible_to(request.user).filter(step=step).values_list("pk", flat=True))
    return {
        "campaign": _campaign_ref(step.campaign),
        "step": _step_ref(step),
        "receiver": _unit(step.receiver),
        "deadline": _local(step.deadline),
        "lock_at": _local(step.lock_at),
        **_phase(step_phase(step, now=timezone.now())),
        "expected": board.expected,
        "submitted": board.sent,
        "on_time": board.on_time,
        "late": board.sent - board.on_time,
        "completeness": round(board.completeness / 100, 4),
        "timeliness": round(board.timeliness / 100, 4),
        "units": [
            {
                "code": row.unit.code,
                "name": row.unit.name,
                "status": row.status,
                "status_label": str(row.status_label),
                "overdue": row.overdue,
                "sending": row.sending.kind,
                "sending_label": row.sending.label,
                "report_id": row.report.pk if row.report and row.report.pk in readable else None,
                "submitted_at": _local(row.report.submitted_at) if row.sent else None,
                "days_late": row.days_late if row.sent else None,
                "extended_until": _local(row.extension.until) if row.extension else None,
            }
            for row in board.all_rows
        ],
    }


# --- reports ----------------------------------------------------------------------------


@router.get(
    "/reports/{report_id}",
    response={200: ReportOut, **READ_ERRORS},
    summary="Một báo cáo: các mục và số liệu",
    description=gettext_lazy(
        "Báo cáo bạn mở được trên trang web: của đơn vị mình ở mọi trạng thái; của đơn vị "
        "cấp dưới khi đã được gửi lên."
    ),
    tags=["reports"],
)
def get_report(request, report_id: int = ReportId):
    """A report you can open on the pages: your own units' in any state;
    below you, once it has been sent up."""
    return _report_out(get_or_404(_report_queryset(request.user), pk=report_id))


@router.post(
    "/steps/{step_id}/units/{code}/report",
    response={200: ReportOut, 201: ReportOut, **WRITE_ERRORS},
    summary="Mở (tạo nếu chưa có) báo cáo của đơn vị cho một bước",
    description=gettext_lazy(
        "Báo cáo của đơn vị cho bước báo cáo, tạo bản nháp ở lần đầu (chỉ cán bộ của chính "
        "đơn vị). Trả về mã báo cáo (id) để nhập số liệu. 201 khi vừa tạo, 200 khi đã có."
    ),
    tags=["reports"],
)
def open_report(
    request,
    step_id: int = StepId,
    code: str = Path(..., pattern=CODE_PATTERN, max_length=40, description="Mã đơn vị."),
):
    """The unit's report for the step, created as a draft the first time —
    by the unit's own staff only. Answers its id for the other operations."""
    user = request.user
    step = get_or_404(
        ReportingStep.objects.filter(campaign__in=campaigns_visible_to(user)).select_related(
            "campaign"
        ),
        pk=step_id,
    )
    unit = get_or_404(step.senders.all(), code=code)
    existing = _report_queryset(user).filter(step=step, unit=unit).first()
    if existing is not None:
        return Status(200, _report_out(existing))
    if not can_enter_report(user, Report(step=step, unit=unit, campaign=step.campaign)):
        raise Http404
    report = domain.open_report(step, unit, by=user)
    return Status(201, _report_out(get_or_404(_report_queryset(user), pk=report.pk)))


def _raw_figure(value) -> str:
    """A JSON value as the text the page's field would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("có") if value else _("không")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise domain.ReportError(_("Không phải là số."))
        whole, _dot, fraction = f"{Decimal(str(value)):f}".partition(".")
        return whole + ("," + fraction if fraction.strip("0") else "")
    return value


def _text_problem(text: str, limit: int) -> str | None:
    if "\x00" in text:
        return _("Có ký tự không hợp lệ.")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _("Có ký tự không hợp lệ.")
    if len(text) > limit:
        return _("Quá dài (tối đa %d ký tự).") % limit
    return None


def _check_figures(indicators: dict[str, Indicator], payload: FiguresIn):
    """Every value read as the page reads it; errors by indicator code.

    Nothing is written here, so a request with one bad value saves nothing.
    """
    raws: dict[str, str] = {}
    errors: dict[str, str] = {}
    for code, value in payload.figures.items():
        indicator = indicators.get(code)
        if indicator is None:
            errors[code] = _("Không có chỉ tiêu này trong mẫu báo cáo.")
            continue
        try:
            raw = _raw_figure(value)
            problem = _text_problem(raw, LONGEST_TEXT)
            if problem:
                raise domain.ReportError(problem)
            domain.parse_figure(indicator, raw)  # the page's rules, including the size
        except domain.ReportError as error:
            errors[code] = error.message
            continue
        raws[code] = raw
    for code, note in payload.notes.items():
        if code not in indicators:
            errors.setdefault(code, _("Không có chỉ tiêu này trong mẫu báo cáo."))
            continue
        problem = _text_problem(note, 500)
        if problem:
            errors[f"notes.{code}"] = problem
    return raws, errors


def _submission_errors(report: Report) -> dict[str, str]:
    problems = domain.submission_problems(report)
    errors = {i.code: _("Chưa nhập.") for i in problems.missing}
    for indicator, message in problems.unexplained:
        errors.setdefault(indicator.code, message + " " + _("Cần giải trình (notes)."))
    return errors


@router.put(
    "/reports/{report_id}/figures",
    response={200: ReportOut, **WRITE_ERRORS},
    summary="Nhập số liệu (và gửi) báo cáo",
    description=gettext_lazy(
        "Lưu các số liệu (và giải trình) đã gửi theo đúng quy tắc của trang nhập; với "
        "submit = true thì gửi báo cáo lên sau khi lưu. Tất cả hoặc không gì cả: khi có một giá "
        "trị sai, hoặc báo cáo chưa gửi được, không lưu gì từ yêu cầu này (422, thông báo theo "
        "từng chỉ tiêu). 409 khi báo cáo không còn sửa được (đã gửi, đã khóa nhập liệu) hoặc "
        "vừa có người khác sửa cùng chỉ tiêu."
    ),
    tags=["reports"],
)
def put_figures(request, payload: FiguresIn, report_id: int = ReportId):
    """Save the given figures (and explanations) of a report your unit writes,
    with the page's rules; with ``submit`` then send it up. All or nothing:
    when any value is refused, or the report cannot be sent, nothing of the
    request is saved (422 with a message per indicator)."""
    user = request.user
    report = get_or_404(_report_queryset(user), pk=report_id)
    if not can_enter_report(user, report):
        raise Http404
    form = report.campaign.report_form
    if form is None:
        raise ApiError(409, _("Chiến dịch chưa có mẫu báo cáo, chưa nhập số liệu được."))
    indicators = {i.code: i for i in form.indicators.all()}
    raws, errors = _check_figures(indicators, payload)
    if errors:
        raise ApiError(422, _("Số liệu chưa hợp lệ; chưa lưu gì."), errors)
    now = timezone.now()
    try:
        with transaction.atomic():
            report = Report.objects.select_for_update().get(pk=report.pk)
            rows = {row.indicator_id: row for row in report.figures.all()}
            for code in sorted(set(raws) | set(payload.notes)):
                indicator = indicators[code]
                row = rows.get(indicator.pk)
                raw = raws.get(code)
                if raw is None:  # only an explanation: keep the value as it is
                    raw = domain.display_figure(indicator, row.value, row.text) if row else ""
                outcome = domain.save_figure(
                    report,
                    indicator=indicator,
                    raw=raw,
                    note=payload.notes.get(code),
                    base_version=row.version if row else 0,
                    by=user,
                    now=now,
                )
                if outcome.conflict:
                    raise ApiError(
                        409,
                        _("Chỉ tiêu “%s” vừa được người khác sửa; vui lòng gửi lại.")
                        % indicator.label,
                    )
            if payload.submit:
                problems = _submission_errors(report) if report.is_editable else {}
                if problems:
                    raise ApiError(
                        422,
                        _(
                            "Chưa gửi được: còn chỉ tiêu chưa nhập hoặc cảnh báo chưa giải trình; chưa lưu gì."
                        ),
                        problems,
                    )
                domain.submit_report(report, by=user, now=now)
    except domain.ReportError as error:  # not editable in this state, or locked
        raise ApiError(409, error.message) from None
    return _report_out(get_or_404(_report_queryset(user), pk=report.pk))
