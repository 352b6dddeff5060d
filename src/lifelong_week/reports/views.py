"""The unit's report: entry with autosave, submission, review, history, exports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lifelong_week.accounts.access import (
    can_enter_report,
    can_review_report,
    get_or_404,
    has_role,
)
from lifelong_week.accounts.enums import Role
from lifelong_week.campaigns.models import ReportingStep
from lifelong_week.campaigns.queries import Countdown, campaigns_visible_to
from lifelong_week.campaigns.timeline import entry_closes_at, sending_state
from lifelong_week.core.dates import sent_late_text
from lifelong_week.core.numbers import format_number
from lifelong_week.reports import domain
from lifelong_week.reports.checks import partners
from lifelong_week.reports.consolidate import (
    draft_consolidated,
    drifted_figures,
    refresh_consolidated_figures,
    source_step,
)
from lifelong_week.reports.enums import SENT_STATUSES, ReportStatus
from lifelong_week.reports.forms import DocumentNumberForm, PhotoForm, ReviewForm
from lifelong_week.reports.photos import PhotoError
from lifelong_week.reports.queries import (
    report_entries,
    reports_entered_by,
    reports_visible_to,
)


def _visible_report(request, pk: int):
    return get_or_404(reports_visible_to(request.user), pk=pk)


def _entry_report(request, pk: int):
    """A report the user writes; anyone else gets 404."""
    report = _visible_report(request, pk)
    if not can_enter_report(request.user, report):
        raise Http404
    return report


def _report_to_change(request, pk: int):
    """A report the user writes, read once and locked for the transaction of
    the action that changes it; anyone else gets 404."""
    return get_or_404(domain.for_change(reports_entered_by(request.user)), pk=pk)


@login_required
def open_for_unit(request, step_id: int, code: str):
    """From "what I owe" into the report. A GET never writes: it goes to the
    report when there is one, else offers to start it; the POST (the home
    page's button) creates it."""
    step = get_or_404(
        ReportingStep.objects.filter(
            campaign__in=campaigns_visible_to(request.user)
        ).select_related("campaign"),
        pk=step_id,
    )
    unit = get_or_404(step.senders.all(), code=code)
    existing = reports_visible_to(request.user).filter(step=step, unit=unit).first()
    if existing is not None:
        return redirect(existing.urls.edit)
    from lifelong_week.reports.models import Report

    probe = Report(step=step, unit=unit, campaign=step.campaign)
    if not can_enter_report(request.user, probe):
        raise Http404
    if request.method != "POST":
        return render(request, "reports/open.html", {"step": step, "unit": unit})
    report = domain.open_report(step, unit, by=request.user)
    return redirect(report.urls.edit)


def _page_context(request, report, **extra):
    user = request.user
    now = timezone.now()
    lock = domain.lock_of(report)
    locked = lock is not None and now >= lock
    can_enter = can_enter_report(user, report)
    editable = can_enter and report.is_editable and not locked
    sections, figures = report_entries(report)
    receives = source_step(report)
    context = {
        "source_step": receives if editable else None,
        # Phụ lục I against Phụ lục II: the report's figures that no longer
        # equal its units' counted totals (a report accepted or returned since).
        "drift": drifted_figures(report) if editable and receives else [],
        "has_appendix": receives is not None,
        "report": report,
        "campaign": report.campaign,
        "step": report.step,
        "sections": sections,
        "figures": figures,
        "photos": report.photos.all(),
        "lock": lock,
        "locked": locked,
        "countdown": Countdown(report.step.deadline, now),
        "sending": sending_state(
            deadline=report.step.deadline,
            closes_at=entry_closes_at(report.step, extended_until=lock, year=report.campaign.year),
            sent=report.status in SENT_STATUSES,
            late_by=report.late_by,
            now=now,
        ),
        "can_enter": can_enter,
        "editable": editable,
        "can_review": can_review_report(user, report) and report.status == ReportStatus.SUBMITTED,
        "can_approve": report.status == ReportStatus.AWAITING_HEAD
        and has_role(user, report.unit, Role.HEAD),
        "problems": domain.submission_problems(report) if editable else None,
        "photo_form": PhotoForm(),
        "review_form": ReviewForm(),
        "number_form": DocumentNumberForm(
            initial={"number": report.doc_number, "date": report.doc_date}
        ),
        "typed": {},
        "field_errors": {},
        "conflicts": {},
    }
    context.update(extra)
    return context


@login_required
def edit(request, pk: int):
    report = _visible_report(request, pk)
    if request.method == "POST":
        return _save_all(request, report)
    if can_enter_report(request.user, report) and report.is_editable:
        domain.apply_event_suggestions(report, by=request.user)
    return render(request, "reports/edit.html", _page_context(request, report))


def _save_all(request, report):
    """The form posted whole (no JavaScript, or "Lưu" pressed): save every field,
    keep what was typed where a value is refused or someone else saved first."""
    if not can_enter_report(request.user, report):
        raise Http404
    typed, errors, conflicts = {}, {}, {}
    sections, figures = report_entries(report)
    try:
        for entry in sections:
            key = f"section-{entry.section.pk}"
            if key not in request.POST:
                continue
            typed[key] = request.POST[key]
            outcome = domain.save_section(
                report,
                section=entry.section,
                text=request.POST[key],
                base_version=_int(request.POST.get(f"v-{key}")),
                by=request.user,
            )
            if outcome.conflict:
                conflicts[key] = outcome.conflict
        for entry in figures:
            key = f"figure-{entry.indicator.pk}"
            if key not in request.POST:
                continue
            typed[key] = request.POST[key]
            try:
                outcome = domain.save_figure(
                    report,
                    indicator=entry.indicator,
                    raw=request.POST[key],
                    note=request.POST.get(f"note-{entry.indicator.pk}"),
                    base_version=_int(request.POST.get(f"v-{key}")),
                    by=request.user,
                )
            except domain.ReportError as error:
                errors[key] = error.message
                continue
            if outcome.conflict:
                conflicts[key] = outcome.conflict
    except domain.ReportError as error:
        messages.error(request, error.message)
        return redirect(report.urls.edit)
    if not errors and not conflicts:
        if request.POST.get("next") == "xem-truoc":  # "Xem lại trước khi gửi"
            return redirect(report.urls.submit)
        messages.success(request, _("Đã lưu báo cáo."))
        return redirect(report.urls.edit)
    messages.error(
        request, _("Có ô chưa lưu được: xem thông báo tại từng ô, sửa lại rồi bấm lưu lần nữa.")
    )
    report.refresh_from_db()
    context = _page_context(request, report, typed=typed, field_errors=errors, conflicts=conflicts)
    return render(request, "reports/edit.html", context, status=200)


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1  # an unknown version never matches: treated as stale


@login_required
@require_POST
def save_section(request, pk: int, section_id: int):
    """Autosave of one section (htmx): answers the field's status line only,
    so the text box — and the cursor in it — is never replaced."""
    report = _entry_report(request, pk)
    section = get_or_404(report.campaign.report_form.sections.all(), pk=section_id)
    key = f"section-{section.pk}"
    try:
        outcome = domain.save_section(
            report,
            section=section,
            text=request.POST.get(key, ""),
            base_version=_int(request.POST.get(f"v-{key}")),
            by=request.user,
        )
    except domain.ReportError as error:
        return render(request, "reports/_status.html", {"key": key, "error": error.message})
    return render(
        request,
        "reports/_status.html",
        {"key": key, "outcome": outcome, "now": timezone.now(), "url": request.path},
    )


@login_required
@require_POST
def save_figure(request, pk: int, indicator_id: int):
    """Autosave of one figure or its explanation (htmx): its status line and
    version, the warnings at this field and at the fields a cross-check ties
    it to (typing 12 classes updates the warning under "free classes"), and
    the submission checklist."""
    report = _entry_report(request, pk)
    indicator = get_or_404(report.campaign.report_form.indicators.all(), pk=indicator_id)
    key = f"figure-{indicator.pk}"
    context = {"key": key, "url": request.path, "now": timezone.now(), "figure": True}
    try:
        context["outcome"] = domain.save_figure(
            report,
            indicator=indicator,
            raw=request.POST.get(key, ""),
            note=request.POST.get(f"note-{indicator.pk}"),
            base_version=_int(request.POST.get(f"v-{key}")),
            by=request.user,
        )
    except domain.ReportError as error:
        context["error"] = error.message
    report.refresh_from_db()
    _sections, figures = report_entries(report)
    tied = partners(indicator.code)
    context.update(
        report=report,
        editable=True,
        warned_fields=[f for f in figures if f.indicator.code in tied],
        problems=domain.submission_problems(report),
        oob=True,
    )
    return render(request, "reports/_status.html", context)


@login_required
@require_POST
def consolidate(request, pk: int):
    """Fill the empty fields of the unit's own report from its units' reports."""
    report = _entry_report(request, pk)
    if request.POST.get("cap-nhat"):
        try:
            changed = refresh_consolidated_figures(report, by=request.user)
        except domain.ReportError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Đã cập nhật %s số liệu theo tổng hợp mới nhất của các đơn vị.")
                % format_number(changed),
            )
        return redirect(report.urls.edit)
    try:
        filled = draft_consolidated(report, by=request.user)
    except domain.ReportError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Đã điền %d mục từ báo cáo của các đơn vị. Hãy rà soát, biên tập lại trước khi gửi.")
            % filled,
        )
    return redirect(report.urls.edit)


@login_required
def submit(request, pk: int):
    """GET: the report as it will be printed, to check before sending (a
    sent report can no longer be changed); POST: send it."""
    if request.method != "POST":
        return _confirm(request, pk)
    try:
        with transaction.atomic():
            report = _report_to_change(request, pk)
            report = domain.submit_report(report, by=request.user)
    except domain.ReportError as error:
        messages.error(request, error.message)
        return redirect(report.urls.edit + "#gui-bao-cao")
    if report.status == ReportStatus.AWAITING_HEAD:
        messages.success(request, _("Đã trình thủ trưởng đơn vị duyệt."))
    elif report.is_late:
        messages.warning(
            request,
            _("Đã gửi báo cáo đến %(receiver)s (%(late)s).")
            % {
                "receiver": report.step.receiver.display_name,
                "late": sent_late_text(report.days_late),
            },
        )
    else:
        messages.success(request, _("Đã gửi báo cáo đến %s.") % report.step.receiver.display_name)
    return redirect(report.urls.edit)


def _confirm(request, pk: int):
    report = _entry_report(request, pk)
    context = _page_context(request, report)
    if not context["editable"]:  # sent, or entry closed: the report page says why
        return redirect(report.urls.edit)
    return render(request, "reports/confirm.html", context)


@login_required
@require_POST
def review(request, pk: int):
    """Accept, return with a comment (receiving unit), or approve (unit's head)."""
    report = _visible_report(request, pk)
    action = request.POST.get("action")
    try:
        if action == "approve" and has_role(request.user, report.unit, Role.HEAD):
            domain.approve_report(report, by=request.user)
            messages.success(request, _("Đã duyệt và gửi báo cáo."))
        elif action == "return" and (
            can_review_report(request.user, report)
            or (
                report.status == ReportStatus.AWAITING_HEAD
                and has_role(request.user, report.unit, Role.HEAD)
            )
        ):
            form = ReviewForm(request.POST)
            comment = form.data.get("comment", "")
            domain.return_report(report, by=request.user, comment=comment)
            messages.success(request, _("Đã trả lại báo cáo cho đơn vị."))
        elif action == "accept" and can_review_report(request.user, report):
            domain.accept_report(report, by=request.user)
            messages.success(request, _("Đã tiếp nhận báo cáo."))
        else:
            raise Http404
    except domain.ReportError as error:
        messages.error(request, error.message)
    return redirect(report.urls.edit)


@login_required
def history(request, pk: int):
    report = _visible_report(request, pk)
    changes = report.changes.select_related("by").order_by("-at", "-pk")
    return render(request, "reports/history.html", {"report": report, "changes": changes})


@login_required
@require_POST
def photos(request, pk: int):
    """Upload a photo. A refused file gets its message at the photo field; the
    rest of the report is saved by autosave and untouched."""
    report = _entry_report(request, pk)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["image"]
        try:
            domain.add_photo(
                report,
                data=upload,
                filename=upload.name,
                caption=form.cleaned_data["caption"],
                may_publish=form.cleaned_data["may_publish"],
                by=request.user,
            )
        except PhotoError as error:
            form.add_error("image", error.message)
        except domain.ReportError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã thêm ảnh."))
            return redirect(report.urls.edit + "#anh")
    context = _page_context(request, report, photo_form=form)
    return render(request, "reports/edit.html", context, status=200)


@login_required
@require_POST
def photo_delete(request, pk: int, photo_id: int):
    report = _entry_report(request, pk)
    photo = get_or_404(report.photos.all(), pk=photo_id)
    try:
        domain.remove_photo(photo, by=request.user)
    except domain.ReportError as error:
        messages.error(request, error.message)
    return redirect(report.urls.edit + "#anh")


@login_required
@require_POST
def document_number(request, pk: int):
    report = _entry_report(request, pk)
    form = DocumentNumberForm(request.POST)
    if form.is_valid():
        domain.set_document_number(
            report,
            number=form.cleaned_data["number"],
            date=form.cleaned_data["date"],
            by=request.user,
        )
        messages.success(request, _("Đã lưu số và ngày văn bản."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(report.urls.edit + "#van-ban")


@login_required
def docx(request, pk: int):
    from lifelong_week.documents.unit_report import report_docx_bytes, report_filename

    report = _visible_report(request, pk)
    response = HttpResponse(
        report_docx_bytes(report),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="{report_filename(report)}.docx"'
    return response


@login_required
def appendix_xlsx(request, pk: int):
    """The consolidated report's appendix (units, status, figures) as .xlsx."""
    import tempfile

    from django.http import FileResponse

    from lifelong_week.documents.exporters import write_xlsx
    from lifelong_week.documents.unit_report import report_filename
    from lifelong_week.reports.consolidate import appendix_sheet

    report = _visible_report(request, pk)
    sheet = appendix_sheet(report)
    if sheet is None:
        raise Http404
    title, header, rows = sheet
    spool = tempfile.TemporaryFile()  # noqa: SIM115 — FileResponse closes it
    write_xlsx(header, rows, spool, title=title)
    spool.seek(0)
    return FileResponse(
        spool, as_attachment=True, filename=f"{report_filename(report)}-phu-luc.xlsx"
    )


@login_required
def photos_zip(request, pk: int):
    from lifelong_week.documents.photo_archive import report_photos_zip
    from lifelong_week.documents.unit_report import report_filename

    report = _visible_report(request, pk)
    response = HttpResponse(report_photos_zip(report), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{report_filename(report)}-anh.zip"'
    return response
