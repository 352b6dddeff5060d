"""Long exports as background work, run by `lifelong-week db_worker`.

A view asks for an export with ``request_export``; the worker runs
``run_export(job_id)``, which writes the file in constant memory (figures
through ``write_xlsx``/``csv_lines``, photos member by member into a ZIP),
records progress every few rows and stores the file for download. Finished
exports are kept for a week; each run removes older ones.
"""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from lifelong_week.accounts.access import scope_reports
from lifelong_week.campaigns.models import Campaign, ReportingStep
from lifelong_week.documents.exporters import FiguresExporter, csv_lines, write_xlsx
from lifelong_week.documents.models import ExportJob, ExportKind, ExportStatus
from lifelong_week.documents.photo_archive import campaign_photos_zip, photos_of
from lifelong_week.orgs.models import OrgUnit
from lifelong_week.reports.models import Report

logger = logging.getLogger(__name__)

# Progress is written at most this many times per export (and never more
# often than every MIN_PROGRESS_STEP rows), so a large export costs a few
# dozen small UPDATEs, not one per row.
PROGRESS_WRITES = 40
MIN_PROGRESS_STEP = 25


class ExportError(Exception):
    """An export that cannot be made; ``message`` is for the user, in Vietnamese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def request_export(
    *,
    kind: str,
    campaign: Campaign,
    by,
    step: ReportingStep | None = None,
    unit: OrgUnit | None = None,
) -> ExportJob:
    """Record that ``by`` asked for an export and queue it.

    Side effects: creates an ``ExportJob`` (queued); once the surrounding
    transaction commits, enqueues ``run_export`` for the worker. The caller
    has already checked that ``by`` may export this campaign or step.
    """
    job = ExportJob.objects.create(
        kind=kind, campaign=campaign, step=step, unit=unit, requested_by=by
    )
    transaction.on_commit(lambda: run_export.enqueue(job.pk))
    return job


@task()
def run_export(job_id: int) -> str:
    """The worker's entry point: clean up old exports, then make this one."""
    purge_expired()
    return make_export(job_id)


def make_export(job_id: int, *, now: dt.datetime | None = None) -> str:
    """Write the file of a queued job and record the outcome; returns the final status.

    Side effects: claims the job (queued → running) so that a second run, or a
    second worker, leaves it alone; writes progress every few rows; stores the
    file under ``exports/``; ends the job as done, or as failed with a
    Vietnamese message (the traceback goes to the log, never to the user).
    """
    now = now or timezone.now()
    claimed = ExportJob.objects.filter(pk=job_id, status=ExportStatus.QUEUED).update(
        status=ExportStatus.RUNNING, started_at=now
    )
    job = (
        ExportJob.objects.select_related("campaign__report_form", "step", "unit", "requested_by")
        .filter(pk=job_id)
        .first()
    )
    if job is None:
        return "missing"
    if not claimed:
        return job.status
    try:
        with tempfile.TemporaryDirectory(prefix="lifelong-week-export-") as folder:
            path = Path(folder) / job.download_name
            _write(job, path)
            with path.open("rb") as written:
                job.file.save(job.download_name, File(written), save=False)
    except ExportError as error:
        _finish(job, ExportStatus.FAILED, error=error.message)
    except Exception:
        logger.exception("Export job %s failed", job.pk)
        _finish(
            job,
            ExportStatus.FAILED,
            error=_(
                "Không tạo được tệp do lỗi hệ thống. Vui lòng thử lại sau; "
                "nếu vẫn không được, xin báo quản trị hệ thống."
            ),
        )
    else:
        job.done = job.total
        _finish(job, ExportStatus.DONE)
    return job.status


def purge_expired(now: dt.datetime | None = None) -> int:
    """Remove exports past their keeping time, file first, then the row.

    Returns how many were removed. A job still running is left to finish.
    """
    now = now or timezone.now()
    removed = 0
    expired = ExportJob.objects.filter(expires_at__lt=now).exclude(status=ExportStatus.RUNNING)
    for job in expired.iterator():
        if job.file:
            job.file.delete(save=False)
        job.delete()
        removed += 1
    return removed


# --- Writing the file --------------------------------------------------------------


def _reports(job: ExportJob):
    """The reports the requester may open, within the job's campaign, step and subtree."""
    reports = scope_reports(job.requested_by, Report.objects.all()).filter(campaign=job.campaign)
    if job.step_id:
        reports = reports.filter(step=job.step)
    if job.unit_id:
        reports = reports.filter(unit__path__startswith=job.unit.path)
    return reports


def _write(job: ExportJob, path: Path) -> None:
    reports = _reports(job)
    if job.kind == ExportKind.PHOTOS:
        _set_total(job, photos_of(reports).count())
        with path.open("wb") as out:
            campaign_photos_zip(reports, out, progress=_Progress(job))
        return
    if job.campaign.report_form is None:
        raise ExportError(_("Kế hoạch này chưa có mẫu báo cáo nên chưa có số liệu để xuất."))
    exporter = FiguresExporter(job.campaign, reports=reports)
    _set_total(job, exporter.reports.count())
    rows = _counted(exporter.rows(), _Progress(job))
    if job.kind == ExportKind.FIGURES_CSV:
        with path.open("w", encoding="utf-8", newline="") as out:
            for chunk in csv_lines(exporter.header(), rows):
                out.write(chunk)
    else:
        write_xlsx(exporter.header(), rows, path, title=exporter.title)


def _set_total(job: ExportJob, total: int) -> None:
    job.total = total
    ExportJob.objects.filter(pk=job.pk).update(total=total, done=0)


class _Progress:
    """Writes ``done`` to the job now and then: every ``step`` rows."""

    def __init__(self, job: ExportJob):
        self.job = job
        self.step = max(MIN_PROGRESS_STEP, -(-job.total // PROGRESS_WRITES))

    def __call__(self, done: int) -> None:
        if done % self.step == 0 and done < self.job.total:
            self.job.done = done
            ExportJob.objects.filter(pk=self.job.pk).update(done=done)


def _counted(rows: Iterable, progress: _Progress) -> Iterator:
    for done, row in enumerate(rows, start=1):
        yield row
        progress(done)


def _finish(job: ExportJob, status: str, *, error: str = "") -> None:
    job.status = status
    job.error = error
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "finished_at", "done", "total", "file"])
