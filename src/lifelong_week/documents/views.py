"""Exports as background jobs: ask for one, follow its progress, download it.

Who may export:

- one reporting step: whoever may follow that step (the receiving unit's
  coordinators, head and viewers, as on the step page);
- a whole campaign (or a subtree of it): coordinators, viewers and heads of
  the campaign's coordinating or issuing unit (roles held above count too).

A job belongs to the user who asked for it: anyone else gets 404.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from lifelong_week.accounts.access import (
    can_follow_step,
    get_or_404,
    has_role,
    units_visible_to,
)
from lifelong_week.accounts.enums import Role
from lifelong_week.campaigns.models import Campaign, ReportingStep
from lifelong_week.campaigns.queries import campaigns_visible_to
from lifelong_week.core.files import send_stored_file
from lifelong_week.core.text import nfc
from lifelong_week.documents.models import ExportJob, ExportKind, ExportStatus
from lifelong_week.documents.tasks import request_export
from lifelong_week.orgs.models import OrgUnit

CAMPAIGN_EXPORT_ROLES = (Role.COORDINATOR, Role.VIEWER, Role.HEAD, Role.ADMINISTRATOR)
RECENT_JOBS = 20


# --- Who may export what ---------------------------------------------------------------


def exportable_step(user, step_id: int) -> ReportingStep:
    """The step, if ``user`` may follow it (the step page's rule); else 404."""
    step = get_or_404(
        ReportingStep.objects.filter(campaign__in=campaigns_visible_to(user)).select_related(
            "campaign", "receiver"
        ),
        pk=step_id,
    )
    if not can_follow_step(user, step):
        raise Http404
    return step


def may_export_campaign(user, campaign: Campaign) -> bool:
    return has_role(user, campaign.coordinator, *CAMPAIGN_EXPORT_ROLES) or has_role(
        user, campaign.issuer, *CAMPAIGN_EXPORT_ROLES
    )


def exportable_campaign(user, slug: str) -> Campaign:
    campaign = get_or_404(campaigns_visible_to(user), slug=slug)
    if not may_export_campaign(user, campaign):
        raise Http404
    return campaign


def exportable_campaigns(user) -> list[Campaign]:
    return [c for c in campaigns_visible_to(user) if may_export_campaign(user, c)]


def _check_job(user, job: ExportJob) -> None:
    """The requester must still hold the rights the job was made with."""
    if job.step_id:
        exportable_step(user, job.step_id)
    else:
        exportable_campaign(user, job.campaign.slug)


# --- The request form ------------------------------------------------------------------------


class ExportForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Loại tệp"),
        choices=ExportKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Chọn loại tệp cần xuất."),
            "invalid_choice": gettext_lazy("Chọn một loại tệp trong danh sách."),
        },
    )
    step = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # Any slug may be posted: one the user may not export answers 404, like a
    # step they do not follow (the select only offers the exportable ones).
    campaign = forms.CharField(
        label=gettext_lazy("Kế hoạch"), required=False, max_length=80, widget=forms.Select
    )
    unit = forms.CharField(
        label=gettext_lazy("Chỉ một đơn vị và các đơn vị trực thuộc (mã đơn vị)"),
        required=False,
        max_length=40,
        help_text=gettext_lazy("Để trống để xuất tất cả. Ví dụ: 803 (UBND huyện Bến Lức)."),
    )

    def __init__(self, *args, user, step: ReportingStep | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.target_step = step
        if step is not None:
            del self.fields["campaign"]
            self.fields["step"].initial = step.pk
        else:
            del self.fields["step"]
            choices = [(c.slug, f"{c.title} ({c.year})") for c in exportable_campaigns(user)]
            self.fields["campaign"].widget.choices = [("", _("— Chọn kế hoạch —")), *choices]

    def clean_campaign(self):
        slug = self.cleaned_data.get("campaign")
        if not slug:
            raise forms.ValidationError(_("Chọn kế hoạch cần xuất."))
        return exportable_campaign(self.user, slug)

    def clean(self):
        cleaned = super().clean()
        if self.target_step is not None:
            cleaned["campaign"] = self.target_step.campaign
        campaign = cleaned.get("campaign")
        code = nfc(cleaned.get("unit"))
        cleaned["unit"] = None
        if code and campaign is not None:
            unit = self._unit(campaign, code)
            if unit is None:
                self.add_error(
                    "unit",
                    _("Không có đơn vị mã “%(code)s” trong phạm vi bạn được xuất.")
                    % {"code": code},
                )
            cleaned["unit"] = unit
        return cleaned

    def _unit(self, campaign: Campaign, code: str) -> OrgUnit | None:
        """A unit the user sees, or one that reports in the campaign."""
        in_campaign = OrgUnit.objects.filter(
            Q(reporting_steps__campaign=campaign)
            | Q(pk__in=[campaign.coordinator_id, campaign.issuer_id])
        )
        candidates = units_visible_to(self.user) | in_campaign
        return candidates.filter(code__iexact=code).distinct().first()


# --- Views ---------------------------------------------------------------------------------


@login_required
def export_request(request):
    """GET: the form (``?step=<id>`` or ``?campaign=<slug>``) and the user's
    recent exports. POST: create the job and go to its page."""
    data = request.POST if request.method == "POST" else request.GET
    step = exportable_step(request.user, _int(data.get("step"))) if data.get("step") else None
    if request.method == "POST":
        form = ExportForm(request.POST, user=request.user, step=step)
        if form.is_valid():
            job = request_export(
                kind=form.cleaned_data["kind"],
                campaign=form.cleaned_data["campaign"],
                step=step,
                unit=form.cleaned_data["unit"],
                by=request.user,
            )
            return redirect(job.urls.detail)
    else:
        initial = {"kind": ExportKind.FIGURES_XLSX}
        if request.GET.get("campaign") and step is None:
            initial["campaign"] = exportable_campaign(request.user, request.GET["campaign"]).slug
        form = ExportForm(initial=initial, user=request.user, step=step)
    jobs = (
        ExportJob.objects.filter(requested_by=request.user)
        .select_related("campaign", "step", "unit")
        .order_by("-created_at", "-pk")[:RECENT_JOBS]
    )
    return render(
        request,
        "documents/export_request.html",
        {"form": form, "step": step, "jobs": jobs},
    )


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


def _my_job(request, pk: int) -> ExportJob:
    job = get_or_404(
        ExportJob.objects.filter(requested_by=request.user).select_related(
            "campaign", "step", "unit"
        ),
        pk=pk,
    )
    _check_job(request.user, job)
    return job


@login_required
@require_GET
def export_job(request, pk: int):
    job = _my_job(request, pk)
    return render(request, "documents/export_job.html", {"job": job})


@login_required
@require_GET
def export_status(request, pk: int):
    """The status block alone, polled by htmx every 2 s while the job runs."""
    job = _my_job(request, pk)
    return render(request, "documents/export_job.html#status", {"job": job})


@login_required
@require_GET
def export_download(request, pk: int):
    job = _my_job(request, pk)
    if job.status != ExportStatus.DONE or not job.file:
        raise Http404
    return send_stored_file(job.file, filename=job.download_name, inline=False)
