from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lifelong_week.accounts.access import (
    can_edit_campaign,
    can_follow_campaign,
    get_or_404,
    units_manageable_by,
)
from lifelong_week.campaigns import forms
from lifelong_week.campaigns.domain import start_of_day
from lifelong_week.campaigns.models import Campaign
from lifelong_week.campaigns.queries import Countdown, campaigns_visible_to
from lifelong_week.campaigns.timeline import Phase, campaign_phase, step_phase, with_phases
from lifelong_week.orgs.models import OrgUnit
from lifelong_week.reports.events import opening_ceremonies


@login_required
def campaign_list(request):
    campaigns = campaigns_visible_to(request.user).annotate(n_steps=Count("steps"))
    return render(
        request,
        "campaigns/list.html",
        {
            "campaigns": with_phases(campaigns, now=timezone.now()),
            "can_create": units_manageable_by(request.user).exists(),
        },
    )


def can_edit_form(user, report_form) -> bool:
    """A shared form may be changed only by those who may change every campaign using it."""
    return all(can_edit_campaign(user, c) for c in report_form.campaigns.all())


@login_required
def campaign_detail(request, slug: str):
    campaign = get_or_404(
        campaigns_visible_to(request.user).select_related("parent", "report_form"), slug=slug
    )
    now = timezone.now()
    steps = (
        campaign.steps.select_related("receiver")
        .prefetch_related(Prefetch("senders", queryset=OrgUnit.objects.order_by("path")), "copy_to")
        .order_by("order")
    )
    assignments = campaign.assignments.prefetch_related(
        Prefetch("units", queryset=OrgUnit.objects.order_by("path"))
    )
    form = campaign.report_form
    children = list(campaigns_visible_to(request.user).filter(parent=campaign))
    steps = list(steps)
    for step in steps:
        step.campaign = campaign  # its year, for the phase of a step without a lock
        step.phase = Phase(step_phase(step, now=now))
    context = {
        "campaign": campaign,
        "campaign_phase": Phase(campaign_phase(campaign, now=now)),
        "activities": campaign.activities.all(),
        "assignments": assignments,
        "steps": [(step, Countdown(step.deadline, now)) for step in steps],
        "week_countdown": Countdown(start_of_day(campaign.week_start), now),
        "phase": campaign.week_phase(),
        "sections": form.sections.all() if form else [],
        "indicators": form.indicators.all() if form else [],
        "children": children,
        "follows": (follows := can_follow_campaign(request.user, campaign)),
        "follows_children": bool(children) and follows,
        "openings": opening_ceremonies(campaign),
        "can_edit": can_edit_campaign(request.user, campaign),
        "can_edit_form": bool(form) and can_edit_form(request.user, form),
    }
    return render(request, "campaigns/detail.html", context)


@login_required
def campaign_create(request):
    if not units_manageable_by(request.user).exists():
        raise Http404
    form = forms.CampaignForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        campaign = form.save(commit=False)
        if not can_edit_campaign(request.user, campaign):
            form.add_error(
                "coordinator", _("Bạn không có quyền điều phối kế hoạch cho đơn vị này.")
            )
        else:
            campaign.save()
            form.save_m2m()
            messages.success(request, _("Đã tạo kế hoạch. Tiếp theo: nhập các hoạt động."))
            return redirect("campaigns:edit_part", slug=campaign.slug, part="hoat-dong")
    return render(
        request, "campaigns/edit.html", {"form": form, "campaign": None, "title": _("Tạo kế hoạch")}
    )


def _editable_campaign(request, slug: str) -> Campaign:
    campaign = get_or_404(campaigns_visible_to(request.user), slug=slug)
    if not can_edit_campaign(request.user, campaign):
        raise Http404
    return campaign


@login_required
def campaign_edit(request, slug: str):
    campaign = _editable_campaign(request, slug)
    form = forms.CampaignForm(request.POST or None, instance=campaign, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Đã lưu thông tin chung của kế hoạch."))
        return redirect(campaign.get_absolute_url())
    return render(
        request,
        "campaigns/edit.html",
        {"form": form, "campaign": campaign, "title": _("Sửa thông tin chung")},
    )


@dataclass(frozen=True)
class Part:
    title: str
    formset: type
    on_form: bool = False  # edits the (possibly shared) report form, not the campaign


PARTS = {
    "hoat-dong": Part(gettext_lazy("Các hoạt động"), forms.ActivityFormSet),
    "phan-cong": Part(gettext_lazy("Phân công nhiệm vụ"), forms.AssignmentFormSet),
    "bao-cao": Part(gettext_lazy("Các bước báo cáo và hạn nộp"), forms.StepFormSet),
    "muc-bao-cao": Part(gettext_lazy("Các mục của mẫu báo cáo"), forms.SectionFormSet, True),
    "chi-tieu": Part(gettext_lazy("Các chỉ tiêu số liệu"), forms.IndicatorFormSet, True),
}


@login_required
def campaign_edit_part(request, slug: str, part: str):
    campaign = _editable_campaign(request, slug)
    spec = PARTS.get(part)
    if spec is None:
        raise Http404
    instance = campaign
    if spec.on_form:
        instance = campaign.report_form
        if instance is None or not can_edit_form(request.user, instance):
            raise Http404
    formset = spec.formset(request.POST or None, instance=instance, user=request.user)
    if request.method == "POST" and formset.is_valid():
        with transaction.atomic():
            formset.save()
        messages.success(request, _("Đã lưu: %s.") % spec.title)
        return redirect(campaign.get_absolute_url())
    return render(
        request,
        "campaigns/edit_part.html",
        {"formset": formset, "campaign": campaign, "title": spec.title, "part": part},
    )
