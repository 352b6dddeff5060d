"""The receiving unit's view of one reporting step: who has sent, who is late,
and extensions after the lock."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lifelong_week.accounts.access import can_follow_step, can_manage_step, get_or_404
from lifelong_week.campaigns.forms import DateTimeInput
from lifelong_week.campaigns.models import ReportingStep
from lifelong_week.campaigns.queries import Countdown, campaigns_visible_to
from lifelong_week.campaigns.timeline import Phase, step_phase
from lifelong_week.core.dates import moment_text
from lifelong_week.core.numbers import format_number
from lifelong_week.core.text import vi_sort_key
from lifelong_week.orgs.models import OrgUnit
from lifelong_week.reports import domain
from lifelong_week.reports.board import SORTS, board_choice, board_state, build_board, filters_for
from lifelong_week.reports.enums import SENT_STATUSES
from lifelong_week.reports.models import Report
from lifelong_week.reports.rollup import rollup


class _ByName(forms.models.ModelChoiceIterator):
    """A unit choice in Vietnamese alphabetical order of the names shown."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        units = sorted(
            self.queryset, key=lambda unit: vi_sort_key(self.field.label_from_instance(unit))
        )
        for unit in units:
            yield self.choice(unit)


class ExtensionForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=gettext_lazy("Đơn vị"))
    until = forms.DateTimeField(label=gettext_lazy("Gia hạn đến"), widget=DateTimeInput())
    reason = forms.CharField(label=gettext_lazy("Lý do"), required=False, max_length=300)

    def __init__(self, *args, step: ReportingStep, **kwargs):
        super().__init__(*args, **kwargs)
        # Entry reopens for a unit that has not sent (a report sent back
        # counts as not sent): a sent report is frozen whatever the lock.
        # The ids, not a subquery: under the iterator's cursor PostgreSQL walks
        # the whole tree in path order to apply a NOT IN (measured: 70 ms).
        sent = list(
            Report.objects.filter(step=step, status__in=SENT_STATUSES).values_list(
                "unit_id", flat=True
            )
        )
        # The iterator first: setting the queryset gives the widget its choices.
        self.fields["unit"].iterator = _ByName
        self.fields["unit"].queryset = step.senders.exclude(pk__in=sent)

    def clean_until(self):
        until = self.cleaned_data["until"]
        if until <= timezone.now():
            raise forms.ValidationError(_("Thời điểm gia hạn phải ở tương lai."))
        return until


def receiving_step(request, step_id: int, *, manage: bool = False) -> ReportingStep:
    """The step, if the user may follow it (``can_follow_step``) — or, with
    ``manage``, act on it (``can_manage_step``); else 404."""
    step = get_or_404(
        ReportingStep.objects.filter(
            campaign__in=campaigns_visible_to(request.user)
        ).select_related("campaign", "receiver"),
        pk=step_id,
    )
    allowed = can_manage_step if manage else can_follow_step
    if not allowed(request.user, step):
        raise Http404
    return step


@login_required
def step_monitor(request, step_id: int):
    """The receiving unit's dashboard for one step; htmx refreshes its board."""
    step = receiving_step(request, step_id)
    can_manage = can_manage_step(request.user, step)
    choice = board_choice(
        step,
        filter=request.GET.get("loc", ""),
        sort=request.GET.get("sap-xep", ""),
        indicator_code=request.GET.get("chi-tieu", ""),
    )
    chart = choice.chart_indicator.code if choice.chart_indicator else ""
    board_now, totals_state = board_state(step)
    context = {
        "step": step,
        "campaign": step.campaign,
        # Built only when the cached copy is out of date (see ``board_state``).
        "board": SimpleLazyObject(lambda: build_board(step, choice=choice)),
        # The cached board holds the action links: one copy for those who act, one for readers.
        "board_key": (*board_now, choice.filter, choice.sort, chart, can_manage, get_language()),
        "totals_key": (*totals_state, get_language()),
        "choice": choice,
        "filters": filters_for(step),
        "sorts": SORTS,
        "countdown": Countdown(step.deadline, timezone.now()),
        "step_phase": Phase(step_phase(step, now=timezone.now())),
        "can_manage": can_manage,
        "form": ExtensionForm(step=step) if can_manage else None,
        "rollup": SimpleLazyObject(lambda: rollup(step.campaign, step.receiver, step=step)),
        "refreshed_at": timezone.localtime(),
    }
    template = "reports/step_monitor.html"
    if request.htmx and request.htmx.target == "bang-theo-doi":
        template += "#board"
    return render(request, template, context)


@login_required
def not_sent_list(request, step_id: int):
    """A printable list of the units that have not sent, with whom to call."""
    from lifelong_week.reports.reminders import people_of

    step = receiving_step(request, step_id)
    board = build_board(step)
    units = sorted(board.not_sent, key=lambda row: vi_sort_key(row.unit.display_name))
    people = people_of([row.unit for row in units])
    rows = [(row, people.get(row.unit.pk, [])) for row in units]
    return render(
        request,
        "reports/not_sent.html",
        {
            "step": step,
            "campaign": step.campaign,
            "rows": rows,
            "board": board,
            "printed_at": timezone.localtime(),
        },
    )


@login_required
@require_POST
def grant_extension(request, step_id: int):
    step = receiving_step(request, step_id, manage=True)
    form = ExtensionForm(request.POST, step=step)
    if form.is_valid():
        domain.grant_extension(
            step,
            form.cleaned_data["unit"],
            until=form.cleaned_data["until"],
            by=request.user,
            reason=form.cleaned_data["reason"],
        )
        messages.success(
            request,
            _("Đã gia hạn cho %(unit)s đến %(until)s.")
            % {
                "unit": form.cleaned_data["unit"].display_name,
                "until": moment_text(form.cleaned_data["until"]),
            },
        )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("reports:step", step_id=step.pk)


@login_required
def step_export(request, step_id: int, fmt: str):
    """The step's figures by unit, as .xlsx or .csv, for the receiving unit."""
    import tempfile

    from django.http import FileResponse, StreamingHttpResponse

    from lifelong_week.documents.exporters import StepExporter, csv_lines, write_xlsx

    if fmt not in ("xlsx", "csv"):
        raise Http404
    step = receiving_step(request, step_id)
    if step.campaign.report_form_id is None:
        raise Http404
    # The step page's table: every expected unit, figures of the reports that count.
    exporter = StepExporter(step)
    name = f"so-lieu-{step.campaign.slug}-buoc-{step.order}"
    if fmt == "csv":
        response = StreamingHttpResponse(
            csv_lines(exporter.header(), exporter.rows()), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    # The workbook is streamed to disk, not memory; FileResponse closes the file.
    spool = tempfile.TemporaryFile()  # noqa: SIM115
    write_xlsx(exporter.header(), exporter.rows(), spool, title=exporter.title)
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=f"{name}.xlsx")


@login_required
def remind_now(request, step_id: int):
    """Remind every unit that has not sent: a confirmation first, saying unit
    by unit who will get an e-mail, who was reminded today already and who
    cannot be reached; then the same reminder as the daily one (never twice a
    day), and a message saying exactly what was done."""
    from lifelong_week.reports import reminders

    step = receiving_step(request, step_id, manage=True)
    if request.method == "POST":
        done = reminders.remind_now(step, by=request.user)
        for level, text in _reminded_messages(done):
            messages.add_message(request, level, text)
        return redirect("reports:step", step_id=step.pk)
    return render(
        request,
        "reports/remind_confirm.html",
        {"step": step, "campaign": step.campaign, "plan": reminders.reminder_plan(step)},
    )


def _names(units, *, at_most: int = 10) -> str:
    names = [u.unit.display_name for u in units]
    if len(names) <= at_most:
        return ", ".join(names)
    return _("%(names)s và %(more)s đơn vị khác") % {
        "names": ", ".join(names[:at_most]),
        "more": format_number(len(names) - at_most),
    }


def _reminded_messages(done) -> list[tuple[int, str]]:
    """What ``reminders.remind_now`` did, group by group, in the coordinator's words."""
    said = []
    if done.emailed:
        said.append(
            (
                messages.SUCCESS,
                _(
                    "Đã gửi thư nhắc đến %(units)s đơn vị (%(addresses)s địa chỉ thư điện tử): %(names)s."
                )
                % {
                    "units": format_number(len(done.emailed)),
                    "addresses": format_number(len(done.addresses)),
                    "names": _names(done.emailed),
                },
            )
        )
    else:
        said.append((messages.INFO, _("Không có thư nhắc nào được gửi lần này.")))
    if done.skipped:
        said.append(
            (
                messages.INFO,
                _("%(units)s đơn vị đã được nhắc hôm nay nên không nhắc lại: %(names)s.")
                % {"units": format_number(len(done.skipped)), "names": _names(done.skipped)},
            )
        )
    if done.unreachable:
        text = _(
            "%(units)s đơn vị không nhận được thư vì chưa có tài khoản có địa chỉ thư điện tử — cần gọi điện: %(names)s."
        ) % {"units": format_number(len(done.unreachable)), "names": _names(done.unreachable)}
        if done.in_system_only:
            text += " " + _("Trong đó %(units)s đơn vị đã nhận thông báo trong hệ thống.") % {
                "units": format_number(len(done.in_system_only))
            }
        said.append((messages.WARNING, text))
    return said
