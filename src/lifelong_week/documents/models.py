"""Exports that run in the background: the request, its progress and its file."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

# A finished export is kept this long, then its file and row are removed.
KEEP_FOR = dt.timedelta(days=7)


class ExportKind(models.TextChoices):
    FIGURES_XLSX = "figures_xlsx", _("Số liệu từng đơn vị (.xlsx)")
    FIGURES_CSV = "figures_csv", _("Số liệu từng đơn vị (.csv)")
    PHOTOS = "photos", _("Ảnh hoạt động, mỗi đơn vị một thư mục (.zip)")


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ xử lý")
    RUNNING = "running", _("Đang xử lý")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Không thành công")


def export_path(job: ExportJob, filename: str) -> str:
    # Flat, so removing a file leaves no empty folder behind.
    return f"exports/{job.pk}-{filename}"


def _expires() -> dt.datetime:
    return timezone.now() + KEEP_FOR


class ExportJob(models.Model):
    """One export a user asked for: a campaign (or one of its steps, or a subtree)
    as figures or photos, written by the worker, downloaded when done."""

    kind = models.CharField(_("loại tệp"), max_length=16, choices=ExportKind.choices)
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("kế hoạch"),
        on_delete=models.CASCADE,
        related_name="export_jobs",
    )
    step = models.ForeignKey(
        "campaigns.ReportingStep",
        verbose_name=_("bước báo cáo"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="export_jobs",
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("chỉ đơn vị và các đơn vị trực thuộc"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người yêu cầu"),
        on_delete=models.CASCADE,
        related_name="export_jobs",
    )
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    done = models.PositiveIntegerField(_("đã xong"), default=0)
    total = models.PositiveIntegerField(_("tổng số"), default=0)
    file = models.FileField(_("tệp"), upload_to=export_path, blank=True, max_length=300)
    error = models.CharField(_("lý do không thành công"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("yêu cầu lúc"), auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    expires_at = models.DateTimeField(_("xóa tệp lúc"), default=_expires, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("tệp xuất")
        verbose_name_plural = _("tệp xuất")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.campaign.slug}"

    @cached_property
    def urls(self):
        kwargs = {"pk": self.pk}

        class _Urls:
            detail = reverse("documents:export", kwargs=kwargs)
            status = reverse("documents:export_status", kwargs=kwargs)
            download = reverse("documents:export_download", kwargs=kwargs)

        return _Urls

    @property
    def finished(self) -> bool:
        return self.status in (ExportStatus.DONE, ExportStatus.FAILED)

    @property
    def counts_photos(self) -> bool:
        return self.kind == ExportKind.PHOTOS

    @property
    def extension(self) -> str:
        return {ExportKind.FIGURES_XLSX: "xlsx", ExportKind.FIGURES_CSV: "csv"}.get(
            self.kind, "zip"
        )

    @property
    def download_name(self) -> str:
        """An ASCII file name that says what is inside ("so-lieu-long-an-2021-buoc-1.xlsx")."""
        parts = ["anh" if self.kind == ExportKind.PHOTOS else "so-lieu", self.campaign.slug]
        if self.step_id:
            parts.append(f"buoc-{self.step.order}")
        if self.unit_id:
            parts.append(self.unit.code.lower())
        return "-".join(parts) + "." + self.extension
