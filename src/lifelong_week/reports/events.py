"""Events a unit held during the week: opening ceremonies, classes, contests…"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lifelong_week.accounts.access import get_or_404, scope, units_reporting_for
from lifelong_week.campaigns.enums import CampaignStatus
from lifelong_week.campaigns.forms import DateTimeInput
from lifelong_week.campaigns.models import Campaign
from lifelong_week.campaigns.queries import campaigns_visible_to
from lifelong_week.core.text import nfc
from lifelong_week.reports.enums import Platform
from lifelong_week.reports.models import Event


def campaigns_for_events(user):
    """Active campaigns in which one of the user's units has duties or reports."""
    units = units_reporting_for(user)
    return (
        campaigns_visible_to(user)
        .filter(status=CampaignStatus.ACTIVE)
        .filter(Q(assignments__units__in=units) | Q(steps__senders__in=units))
        .distinct()
    )


class EventForm(forms.ModelForm):
    online_url = forms.URLField(
        label=gettext_lazy("Đường dẫn trực tuyến"),
        required=False,
        assume_scheme="https",
        help_text=gettext_lazy("Đường dẫn Zoom, Google Meet, K12Online… (nếu có)."),
    )

    class Meta:
        model = Event
        fields = [
            "campaign",
            "unit",
            "kind",
            "title",
            "starts_at",
            "ends_at",
            "place",
            "platform",
            "online_url",
            "participants_in_person",
            "participants_online",
            "description",
            "is_public",
        ]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "place": gettext_lazy("Ví dụ: Trường THCS thị trấn Bến Lức."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = campaigns_for_events(user)
        self.fields["unit"].queryset = units_reporting_for(user)
        self.fields["platform"].choices = Platform.choices
        for name in ("campaign", "unit"):
            if self.fields[name].queryset.count() == 1:
                self.fields[name].initial = self.fields[name].queryset.get()

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("Thời gian kết thúc phải sau thời gian bắt đầu."))
        if data.get("platform") and not data.get("online_url") and not data.get("place"):
            self.add_error(
                "online_url", _("Hoạt động trực tuyến: nhập đường dẫn để người dân tham gia.")
            )
        if not data.get("platform") and not data.get("place"):
            self.add_error("place", _("Nhập địa điểm tổ chức, hoặc chọn hình thức trực tuyến."))
        for name in ("title", "place", "description"):
            if data.get(name):
                data[name] = nfc(data[name])
        return data


def _my_events(user):
    return scope(user, Event.objects.select_related("campaign", "unit"))


@login_required
def event_list(request):
    events = _my_events(request.user).filter(unit__in=units_reporting_for(request.user))
    return render(
        request,
        "reports/events.html",
        {"events": events, "can_add": campaigns_for_events(request.user).exists()},
    )


@login_required
def event_create(request):
    if not campaigns_for_events(request.user).exists():
        raise Http404
    form = EventForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        event = form.save(commit=False)
        event.created_by = request.user
        event.save()
        messages.success(request, _("Đã ghi nhận hoạt động “%s”.") % event.title)
        return redirect("reports:events")
    return render(request, "reports/event_form.html", {"form": form, "event": None})


def _editable_event(request, pk: int) -> Event:
    return get_or_404(
        _my_events(request.user).filter(unit__in=units_reporting_for(request.user)), pk=pk
    )


@login_required
def event_edit(request, pk: int):
    event = _editable_event(request, pk)
    form = EventForm(request.POST or None, instance=event, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Đã lưu hoạt động “%s”.") % event.title)
        return redirect("reports:events")
    return render(request, "reports/event_form.html", {"form": form, "event": event})


@login_required
@require_POST
def event_delete(request, pk: int):
    event = _editable_event(request, pk)
    event.delete()
    messages.success(request, _("Đã xóa hoạt động “%s”.") % event.title)
    return redirect("reports:events")


def opening_ceremonies(campaign: Campaign):
    """Public opening ceremonies of the campaign's units, for the campaign page."""
    from lifelong_week.campaigns.enums import ActivityKind

    return Event.objects.filter(
        campaign=campaign, kind=ActivityKind.OPENING, is_public=True
    ).select_related("unit")
