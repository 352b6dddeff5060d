"""Keep the stored roll-up in step with every change that can move a total.

Receivers run inside the transaction of the change that fired them: a status
change notes itself for the next fold (``rollup.fold``, which every reader of
the totals runs first), anything wider rebuilds the campaign's totals there
and then, so a total read never disagrees with the reports it stands for.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from lifelong_week.campaigns.models import Campaign, ReportingStep
from lifelong_week.orgs.signals import unit_changed
from lifelong_week.reports import rollup
from lifelong_week.reports.enums import ReportStatus
from lifelong_week.reports.models import FigureValue, Report


@receiver(post_save, sender=Report, dispatch_uid="rollup-report-saved")
def report_saved(
    sender, instance: Report, created: bool, raw: bool = False, update_fields=None, **kwargs
) -> None:
    # Only the status decides whether a report counts (the policy, dates and
    # tree rebuild below): saving a document number moves nothing, nor does
    # opening a draft.
    if raw or (update_fields is not None and "status" not in update_fields):
        return
    if created and instance.status not in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED):
        return
    rollup.note_change(instance)


@receiver(post_delete, sender=Report, dispatch_uid="rollup-report-deleted")
def report_deleted(sender, instance: Report, **kwargs) -> None:
    if instance.in_rollup:
        rollup.rebuild(Campaign.objects.get(pk=instance.campaign_id))


@receiver(post_save, sender=FigureValue, dispatch_uid="rollup-figure-saved")
@receiver(post_delete, sender=FigureValue, dispatch_uid="rollup-figure-deleted")
def figure_changed(sender, instance: FigureValue, raw: bool = False, **kwargs) -> None:
    # Figures of a counted report are frozen by the workflow; should one change
    # anyway (the admin, a script), recompute rather than drift.
    if not raw and Report.objects.filter(pk=instance.report_id, in_rollup=True).exists():
        rollup.rebuild(Campaign.objects.get(reports__pk=instance.report_id))


@receiver(post_save, sender=Campaign, dispatch_uid="rollup-campaign-saved")
def campaign_saved(sender, instance: Campaign, raw: bool = False, **kwargs) -> None:
    # The counting policy and the campaign's dates decide which reports count.
    if not raw and Report.objects.filter(campaign=instance).exists():
        rollup.rebuild(instance)


@receiver(post_save, sender=ReportingStep, dispatch_uid="rollup-step-saved")
def step_saved(sender, instance: ReportingStep, raw: bool = False, **kwargs) -> None:
    if not raw and Report.objects.filter(campaign_id=instance.campaign_id).exists():
        rollup.rebuild(instance.campaign)


@receiver(unit_changed, dispatch_uid="rollup-unit-changed")
def unit_moved_or_closed(sender, unit, **kwargs) -> None:
    rollup.rebuild_for_units(unit)
