"""Pages of the plan import: upload, review, bodies, create; the source file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lifelong_week.accounts.access import get_or_404, has_role, scope_plan_imports
from lifelong_week.accounts.enums import CAMPAIGN_EDITOR_ROLES
from lifelong_week.campaigns.models import PlanImport
from lifelong_week.campaigns.plan_import import forms
from lifelong_week.campaigns.plan_import.domain import (
    Incomplete,
    StaleDraft,
    body_rows,
    create_campaign_from_import,
    plan_date,
    save_corrections,
    save_decisions,
    start_import,
)
from lifelong_week.campaigns.plan_import.queries import (
    candidate_units,
    default_parent_campaign,
    may_import_plans,
    new_unit_parents,
)
from lifelong_week.campaigns.queries import campaigns_visible_to
from lifelong_week.core.files import send_stored_file
from lifelong_week.documents.planparser import PlanReadError


def _stale_message() -> str:
    return _(
        "Bản nháp vừa được lưu ở nơi khác sau khi bạn mở trang này. Nội dung bạn nhập vẫn còn "
        "dưới đây; hãy mở lại trang để xem bản mới nhất rồi sửa tiếp."
    )


@dataclass(frozen=True)
class Lines:
    """Source lines of a value: 0-based inclusive span, shown 1-based."""

    first: int
    last: int

    @classmethod
    def of(cls, span) -> Lines | None:
        if not span or len(span) != 2:
            return None
        return cls(span[0] + 1, span[1] + 1)

    @property
    def attr(self) -> str:
        return f"{self.first}-{self.last}"

    @property
    def label(self) -> str:
        if self.first == self.last:
            return _("dòng %d") % self.first
        return _("dòng %(first)d–%(last)d") % {"first": self.first, "last": self.last}


@dataclass(frozen=True)
class FieldView:
    field: object
    lines: Lines | None
    missing: bool


# --- Access -------------------------------------------------------------------------------


def _draft(request, pk: int) -> PlanImport:
    """A draft the user may work on: visible to them, and they coordinate its unit."""
    draft = get_or_404(_drafts(request), pk=pk)
    if not has_role(request.user, draft.coordinator, *CAMPAIGN_EDITOR_ROLES):
        raise Http404
    return draft


def _already_created(request, draft: PlanImport):
    messages.info(request, _("Kế hoạch đã được tạo từ văn bản này."))
    return redirect(draft.campaign.get_absolute_url())


def _draft_units(request, draft: PlanImport):
    plan = draft.plan
    candidates = list(
        candidate_units(
            request.user,
            draft.issuer,
            plan_date(plan.get("start_date")),
            plan_date(plan.get("end_date")),
        )
    )
    return candidates, new_unit_parents(request.user, draft.issuer, candidates)


# --- Upload -------------------------------------------------------------------------------


def _drafts(request):
    return scope_plan_imports(
        request.user,
        PlanImport.objects.select_related("issuer", "coordinator", "campaign", "created_by"),
    )


@login_required
def upload(request):
    if not may_import_plans(request.user):
        raise Http404
    form = forms.UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        document = form.cleaned_data["document"]
        try:
            draft = start_import(
                filename=document.name,
                data=document.read(),
                coordinator=form.cleaned_data["coordinator"],
                issuer=form.cleaned_data["issuer"],
                by=request.user,
                issuer_candidates=form.fields["issuer"].queryset,
            )
        except PlanReadError as error:
            form.add_error("document", str(error))
        else:
            messages.success(
                request,
                _("Đã đọc văn bản “%s”. Hãy rà soát từng trường trước khi tạo kế hoạch.")
                % draft.source_name,
            )
            return redirect(draft.urls.review)
    drafts = _drafts(request).filter(campaign__isnull=True)[:20]
    return render(
        request,
        "campaigns/plan_import/upload.html",
        {"form": form, "drafts": drafts, "step": 1},
    )


# --- Review -------------------------------------------------------------------------------

SECTIONS = [
    (
        gettext_lazy("Văn bản"),
        ["issuer", "coordinator", "doc_type", "number", "issuer_text", "place", "date"],
    ),
    (gettext_lazy("Tên kế hoạch"), ["title", "year"]),
    (gettext_lazy("Căn cứ, mục đích, yêu cầu"), ["legal_bases", "purpose", "requirements"]),
    (
        gettext_lazy("Chủ đề, khẩu hiệu, thời gian"),
        ["theme", "slogans", "start_date", "end_date", "opening_date"],
    ),
    (gettext_lazy("Kinh phí"), ["funding"]),
    (
        gettext_lazy("Nơi nhận, người ký"),
        ["recipients", "signer_authority", "signer_title", "signer_name"],
    ),
]


def _missing(original: dict, name: str) -> bool:
    path = forms.FIELD_PATHS.get(name)
    if path is None:
        return False
    return forms.value_at(original, path) in (None, "", [])


def _review_context(draft: PlanImport, form, activities, assignments, deadlines) -> dict:
    original = draft.extracted.get("plan", {})
    spans = draft.spans
    sections = []
    for title, names in SECTIONS:
        views = []
        for name in names:
            path = forms.FIELD_PATHS.get(name)
            views.append(
                FieldView(
                    form[name],
                    Lines.of(spans.get(path)) if path else None,
                    _missing(original, name),
                )
            )
        sections.append((title, views))
    activity_rows = [
        (row, Lines.of(forms.parse_lines(row["lines"].value()))) for row in activities.forms
    ]
    assignment_rows = [
        (
            row,
            Lines.of(forms.parse_lines(row["body_lines"].value())),
            Lines.of(forms.parse_lines(row["duties_lines"].value())),
        )
        for row in assignments.forms
    ]
    deadline_rows = [
        (row, Lines.of(forms.parse_lines(row["lines"].value()))) for row in deadlines.forms
    ]
    return {
        "draft": draft,
        "form": form,
        "sections": sections,
        "activities": activities,
        "activity_rows": activity_rows,
        "activities_lines": Lines.of(spans.get("activities")),
        "activities_missing": not original.get("activities"),
        "assignments": assignments,
        "assignment_rows": assignment_rows,
        "assignments_missing": not original.get("assignments"),
        "deadlines": deadlines,
        "deadline_rows": deadline_rows,
        "deadlines_missing": not original.get("report_deadlines"),
        "source": list(enumerate(draft.source_lines, start=1)),
        "warnings": draft.extracted.get("warnings", []),
        "step": 2,
    }


@login_required
def review(request, pk: int):
    draft = _draft(request, pk)
    if draft.campaign_id:
        return _already_created(request, draft)
    data = request.POST if request.method == "POST" else None
    initials = forms.formset_initials(draft)
    form = forms.PlanFieldsForm(
        data, user=request.user, initial=forms.PlanFieldsForm.initial_from(draft)
    )
    activities = forms.ActivityFormSet(data, prefix="hd", initial=initials["activities"])
    assignments = forms.AssignmentFormSet(data, prefix="pc", initial=initials["assignments"])
    deadlines = forms.DeadlineFormSet(data, prefix="bc", initial=initials["deadlines"])
    # Every part is checked, so each shows its own messages at once.
    valid = [part.is_valid() for part in (form, activities, assignments, deadlines)]
    if data is not None and all(valid):
        plan, spans = forms.corrected_plan(
            form, activities, assignments, deadlines, old_spans=draft.spans
        )
        try:
            draft = save_corrections(
                draft,
                plan=plan,
                spans=spans,
                issuer=form.cleaned_data["issuer"],
                coordinator=form.cleaned_data["coordinator"],
                version=form.cleaned_data["version"],
            )
        except StaleDraft:
            form.add_error(None, _stale_message())
        else:
            messages.success(request, _("Đã lưu nội dung đã rà soát."))
            if "tiep" in request.POST:
                return redirect(draft.urls.bodies)
            return redirect(draft.urls.review)
    context = _review_context(draft, form, activities, assignments, deadlines)
    return render(request, "campaigns/plan_import/review.html", context)


# --- Bodies -------------------------------------------------------------------------------


def _decision_forms(request, draft, rows, candidates, parents):
    data = request.POST if request.method == "POST" else None
    # A new unit goes below the coordinating unit unless the user says otherwise.
    default_parent = draft.coordinator.code if draft.coordinator in parents else None
    return [
        forms.BodyDecisionForm(
            data,
            prefix=f"cq{index}",
            initial=forms.decision_initial(row, default_parent=default_parent),
            row=row,
            candidates=candidates,
            suggestions=row.match.suggestions,
            parents=parents,
        )
        for index, row in enumerate(rows)
    ]


@login_required
def bodies(request, pk: int):
    draft = _draft(request, pk)
    if draft.campaign_id:
        return _already_created(request, draft)
    if draft.issuer is None:
        messages.error(request, _("Hãy chọn đơn vị ban hành trước khi đối chiếu cơ quan."))
        return redirect(draft.urls.review)
    candidates, parents = _draft_units(request, draft)
    rows = body_rows(draft, candidates)
    decision_forms = _decision_forms(request, draft, rows, candidates, parents)
    errors = []
    first_invalid = None
    lines = _body_lines(draft)
    if request.method == "POST":
        valid = all(f.is_valid() for f in decision_forms)
        same = [f.data.get(f.add_prefix("body")) for f in decision_forms] == [r.body for r in rows]
        if valid and same:
            decisions = {f.row.body: f.decision() for f in decision_forms if f.decision()}
            try:
                draft = save_decisions(
                    draft, decisions=decisions, version=_int(request.POST.get("version"))
                )
            except StaleDraft:
                errors.append(_stale_message())
            else:
                messages.success(request, _("Đã lưu quyết định về các cơ quan."))
                if "tiep" in request.POST:
                    return redirect(draft.urls.create)
                return redirect(draft.urls.bodies)
        elif not same:
            errors.append(_stale_message())
        else:
            errors.append(_("Có lựa chọn chưa hợp lệ; xem các thông báo bên dưới."))
            first_invalid = next(f for f in decision_forms if f.errors).prefix
    return render(
        request,
        "campaigns/plan_import/bodies.html",
        {
            "draft": draft,
            "rows": [
                (row, form, lines.get(row.body))
                for row, form in zip(rows, decision_forms, strict=True)
            ],
            "errors": errors,
            "first_invalid": first_invalid,
            "waiting": sum(1 for row in rows if not row.decided),
            "step": 3,
        },
    )


def _body_lines(draft: PlanImport) -> dict[str, Lines]:
    """Where each body is named first, for the "dòng …" hint."""
    found: dict[str, Lines] = {}
    plan, spans = draft.plan, draft.spans
    for i, item in enumerate(plan.get("assignments") or []):
        lines = Lines.of(spans.get(f"assignments[{i}].body"))
        if lines:
            found.setdefault(item.get("body"), lines)
    for i, step in enumerate(plan.get("report_deadlines") or []):
        lines = Lines.of(spans.get(f"report_deadlines[{i}]"))
        if lines:
            found.setdefault(step.get("from"), lines)
            found.setdefault(step.get("to"), lines)
    return found


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# --- Create -------------------------------------------------------------------------------


@login_required
def create(request, pk: int):
    draft = _draft(request, pk)
    if draft.campaign_id:
        return _already_created(request, draft)
    if draft.issuer is None:
        messages.error(request, _("Hãy chọn đơn vị ban hành trước khi tạo kế hoạch."))
        return redirect(draft.urls.review)
    candidates, parents = _draft_units(request, draft)
    rows = body_rows(draft, candidates)
    waiting = [row.body for row in rows if not row.decided]
    parent = default_parent_campaign(request.user, draft.issuer, draft.plan.get("year"))
    form = forms.CreateCampaignForm(
        request.POST or None,
        user=request.user,
        initial={"parent": parent, "version": draft.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            campaign, created = create_campaign_from_import(
                draft,
                candidates=candidates,
                unit_parents=parents,
                version=form.cleaned_data["version"],
                slug=form.cleaned_data["slug"],
                parent=form.cleaned_data["parent"],
                report_form=form.cleaned_data["report_form"],
            )
        except StaleDraft:
            form.add_error(None, _stale_message())
        except Incomplete as error:
            form.add_error(
                None,
                _("Còn cơ quan chưa có quyết định: %s. Hãy chọn đơn vị, tạo mới hoặc bỏ qua.")
                % "; ".join(error.bodies),
            )
        else:
            if created:
                messages.success(
                    request,
                    _("Đã tạo kế hoạch “%s” (dự thảo) từ văn bản; văn bản gốc được lưu kèm.")
                    % campaign.title,
                )
            else:
                messages.info(request, _("Kế hoạch đã được tạo từ văn bản này."))
            return redirect(campaign.get_absolute_url())
    # A step whose receiver stands for no unit cannot be created.
    no_unit = {row.body for row in rows if row.action == "ignore"}
    dropped = [s for s in draft.plan.get("report_deadlines") or [] if s.get("to") in no_unit]
    return render(
        request,
        "campaigns/plan_import/create.html",
        {
            "draft": draft,
            "form": form,
            "rows": rows,
            "waiting": waiting,
            "dropped": dropped,
            "week": (
                plan_date(draft.plan.get("start_date")),
                plan_date(draft.plan.get("end_date")),
            ),
            "step": 4,
        },
    )


# --- Source files -------------------------------------------------------------------------


def _file_response(field):
    if not field:
        raise Http404
    return send_stored_file(field, filename=PurePosixPath(field.name).name, inline=False)


@login_required
def draft_source(request, pk: int):
    draft = get_or_404(_drafts(request), pk=pk)
    return _file_response(draft.source_file)


@login_required
def campaign_source(request, slug: str):
    campaign = get_or_404(campaigns_visible_to(request.user), slug=slug)
    return _file_response(campaign.source_file)
