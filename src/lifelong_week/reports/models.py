from __future__ import annotations

import functools

from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from lifelong_week.campaigns.enums import ActivityKind
from lifelong_week.core.dates import days_late
from lifelong_week.core.numbers import format_number
from lifelong_week.reports.enums import (
    EDITABLE_STATUSES,
    ChangeKind,
    Platform,
    ReportStatus,
)


class ReportUrls:
    """A report's pages, reversed only when asked for (a dashboard lists
    hundreds of reports and links one page of each)."""

    NAMES = frozenset(
        {"edit", "submit", "consolidate", "review", "history", "docx", "appendix_xlsx",
         "photos", "photos_zip", "document"}
    )  # fmt: skip

    def __init__(self, pk: int):
        self._pk = pk

    def __getattr__(self, name: str) -> str:
        if name not in ReportUrls.NAMES:
            raise AttributeError(name)
        url = reverse(f"reports:{name}", kwargs={"pk": self._pk})
        setattr(self, name, url)
        return url


class Report(models.Model):
    """One unit's report for one reporting step (the plan's *Mẫu BC*)."""

    step = models.ForeignKey(
        "campaigns.ReportingStep",
        verbose_name=_("bước báo cáo"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("kế hoạch"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="reports"
    )
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("thời điểm gửi"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("người gửi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    late_by = models.DurationField(_("gửi muộn"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("thời điểm xem xét"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("người xem xét"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_comment = models.TextField(_("ý kiến khi trả lại"), blank=True)
    doc_number = models.PositiveIntegerField(_("số văn bản"), null=True, blank=True)
    doc_date = models.DateField(_("ngày văn bản"), null=True, blank=True)
    # Whether the report's figures are in the stored roll-up (rollup.py keeps it).
    in_rollup = models.BooleanField(
        _("đã cộng vào số liệu tổng hợp"), default=False, editable=False
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    class Meta:
        verbose_name = _("báo cáo")
        verbose_name_plural = _("báo cáo")
        constraints = [
            models.UniqueConstraint(fields=["step", "unit"], name="one_report_per_unit_and_step"),
        ]
        indexes = [models.Index(fields=["campaign", "status"])]

    def __str__(self) -> str:
        return f"{self.unit} — {self.step}"

    def save(self, **kwargs) -> None:
        # ``in_rollup`` is the roll-up's (rollup.fold sets it with an UPDATE,
        # concurrently with the workflow): saving a copy read before that
        # must not put an old value back.
        if not self._state.adding and kwargs.get("update_fields") is None:
            deferred = self.get_deferred_fields()  # left alone, as a plain save would
            kwargs["update_fields"] = [
                name for name, attname in _saved_by_the_workflow() if attname not in deferred
            ]
        super().save(**kwargs)

    def get_absolute_url(self) -> str:
        return self.urls.edit

    @cached_property
    def urls(self) -> ReportUrls:
        return ReportUrls(self.pk)

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_late(self) -> bool:
        return self.late_by is not None

    @property
    def days_late(self) -> int:
        return 0 if self.late_by is None else days_late(self.late_by)


@functools.cache
def _saved_by_the_workflow() -> tuple[tuple[str, str], ...]:
    return tuple(
        (f.name, f.attname)
        for f in Report._meta.concrete_fields
        if not f.primary_key and f.name != "in_rollup"
    )


class VersionedEntry(models.Model):
    """A field of a report saved on its own: the version lets a save detect
    that someone else saved the same field since the editor loaded it."""

    version = models.PositiveIntegerField(_("phiên bản"), default=0)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)
    updated_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("người sửa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True


class SectionText(VersionedEntry):
    """The unit's text for one narrative section."""

    report = models.ForeignKey(
        Report, verbose_name=_("báo cáo"), on_delete=models.CASCADE, related_name="texts"
    )
    section = models.ForeignKey(
        "campaigns.FormSection",
        verbose_name=_("mục"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = models.TextField(_("nội dung"), blank=True)

    class Meta:
        verbose_name = _("nội dung một mục báo cáo")
        verbose_name_plural = _("nội dung các mục báo cáo")
        constraints = [
            models.UniqueConstraint(fields=["report", "section"], name="one_text_per_section"),
        ]

    def __str__(self) -> str:
        return f"{self.section.code}: {self.text[:40]}"


class FigureValue(VersionedEntry):
    """The unit's value for one indicator (and its explanation of a warning)."""

    report = models.ForeignKey(
        Report, verbose_name=_("báo cáo"), on_delete=models.CASCADE, related_name="figures"
    )
    indicator = models.ForeignKey(
        "campaigns.Indicator",
        verbose_name=_("chỉ tiêu"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    value = models.DecimalField(
        _("giá trị"), max_digits=20, decimal_places=2, null=True, blank=True
    )
    text = models.TextField(_("giá trị dạng văn bản"), blank=True)
    note = models.CharField(_("giải trình"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("số liệu")
        verbose_name_plural = _("số liệu")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="one_value_per_indicator"),
        ]

    def __str__(self) -> str:
        shown = self.text if self.value is None else format_number(self.value, decimals=2)
        return f"{self.indicator.label}: {shown}"


def photo_path(instance: Photo, filename: str) -> str:
    return f"photos/{instance.report.campaign.slug}/{instance.report.unit.code}/{filename}"


class Photo(models.Model):
    """A photo of the unit's activities: metadata stripped, resized, with consent."""

    report = models.ForeignKey(
        Report, verbose_name=_("báo cáo"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.FileField(_("ảnh"), upload_to=photo_path)
    thumbnail = models.FileField(_("ảnh thu nhỏ"), upload_to=photo_path)
    caption = models.CharField(_("chú thích"), max_length=300)
    may_publish = models.BooleanField(_("đồng ý cho đăng công khai"), default=False)
    width = models.PositiveIntegerField(_("chiều rộng (điểm ảnh)"))
    height = models.PositiveIntegerField(_("chiều cao (điểm ảnh)"))
    taken_at = models.DateTimeField(_("chụp lúc"), null=True, blank=True)
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("người tải lên"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    class Meta:
        ordering = ["report", "uploaded_at", "pk"]
        verbose_name = _("ảnh hoạt động")
        verbose_name_plural = _("ảnh hoạt động")

    def __str__(self) -> str:
        return self.caption

    @cached_property
    def urls(self):
        """The photo and its thumbnail, through the view that checks who asks
        (the files themselves have no public address)."""
        kwargs = {"photo_id": self.pk}

        class _Urls:
            image = reverse("reports:photo_image", kwargs=kwargs)
            thumbnail = reverse("reports:photo_thumbnail", kwargs=kwargs)

        return _Urls


class ReportChange(models.Model):
    """Who changed what, when, from what to what: the report's full history."""

    report = models.ForeignKey(
        Report, verbose_name=_("báo cáo"), on_delete=models.CASCADE, related_name="changes"
    )
    at = models.DateTimeField(_("lúc"), db_index=True)
    by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("người thực hiện"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("việc"), max_length=16, choices=ChangeKind.choices)
    field = models.CharField(_("mục, chỉ tiêu"), max_length=300, blank=True)
    old_value = models.TextField(_("giá trị cũ"), blank=True)
    new_value = models.TextField(_("giá trị mới"), blank=True)
    from_status = models.CharField(
        _("từ trạng thái"), max_length=16, choices=ReportStatus.choices, blank=True
    )
    to_status = models.CharField(
        _("sang trạng thái"), max_length=16, choices=ReportStatus.choices, blank=True
    )
    comment = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["report", "at", "pk"]
        verbose_name = _("thay đổi của báo cáo")
        verbose_name_plural = _("lịch sử thay đổi của báo cáo")

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.get_kind_display()}"


class Event(models.Model):
    """An activity a unit held during the week (opening ceremony, class, contest…)."""

    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("kế hoạch"),
        on_delete=models.PROTECT,
        related_name="events",
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("đơn vị tổ chức"),
        on_delete=models.PROTECT,
        related_name="events",
    )
    kind = models.CharField(_("loại hoạt động"), max_length=16, choices=ActivityKind.choices)
    title = models.CharField(_("tên hoạt động"), max_length=300)
    starts_at = models.DateTimeField(_("bắt đầu"))
    ends_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    place = models.CharField(_("địa điểm"), max_length=300, blank=True)
    platform = models.CharField(
        _("hình thức trực tuyến"), max_length=16, choices=Platform.choices, blank=True
    )
    online_url = models.URLField(_("đường dẫn trực tuyến"), blank=True)
    participants_in_person = models.PositiveIntegerField(_("người tham gia trực tiếp"), default=0)
    participants_online = models.PositiveIntegerField(_("người tham gia trực tuyến"), default=0)
    description = models.TextField(_("mô tả"), blank=True)
    is_public = models.BooleanField(_("công khai trên trang Tuần lễ"), default=True)
    created_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("người ghi nhận"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("hoạt động đã tổ chức")
        verbose_name_plural = _("hoạt động đã tổ chức")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reports:event_edit", kwargs={"pk": self.pk})

    @property
    def is_online(self) -> bool:
        return bool(self.platform)

    @property
    def participants(self) -> int:
        return self.participants_in_person + self.participants_online


class Notification(models.Model):
    """An in-app notice (and, for returns, an e-mail) to one user."""

    user = models.ForeignKey(
        "accounts.User",
        verbose_name=_("người nhận"),
        on_delete=models.CASCADE,
        related_name="notices",
    )
    report = models.ForeignKey(
        Report,
        verbose_name=_("báo cáo"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    message = models.TextField(_("nội dung"))
    url = models.CharField(_("đường dẫn"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")

    def __str__(self) -> str:
        return self.message[:60]


class ReminderLog(models.Model):
    """One reminder to one unit for one step on one day — never sent twice."""

    step = models.ForeignKey(
        "campaigns.ReportingStep",
        verbose_name=_("bước báo cáo"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="reminders"
    )
    day = models.DateField(_("ngày"))
    kind = models.CharField(_("loại nhắc"), max_length=16)
    recipients = models.TextField(_("người nhận"), blank=True)
    sent_at = models.DateTimeField(_("gửi lúc"))
    sent_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("người gửi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-sent_at", "pk"]
        verbose_name = _("lần nhắc nộp báo cáo")
        verbose_name_plural = _("nhắc nộp báo cáo")
        constraints = [
            models.UniqueConstraint(fields=["step", "unit", "day"], name="one_reminder_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.day:%d/%m/%Y} {self.kind}"


class RollupNode(models.Model):
    """How many reports a unit's stored totals stand for (see ``rollup.py``).

    Kept only for units without a counted report of their own: their totals
    are the sum of their children's. ``step_key`` is the reporting step's id,
    or 0 for the whole campaign.
    """

    # Found through the unique constraint, which leads with the campaign: an
    # index of its own would only be one more to write on every change.
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("kế hoạch"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    step_key = models.PositiveIntegerField(_("bước báo cáo (0: cả kế hoạch)"))
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="+"
    )
    reports = models.IntegerField(_("số báo cáo"), default=0)

    class Meta:
        verbose_name = _("tổng hợp của một đơn vị")
        verbose_name_plural = _("tổng hợp của các đơn vị")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "step_key", "unit"], name="one_rollup_node_per_unit"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.reports}"


class RollupCell(models.Model):
    """One indicator's stored total for a unit (see ``RollupNode``)."""

    # Found through the unique constraint, which leads with the campaign: an
    # index of its own would only be one more to write on every change.
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("kế hoạch"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    step_key = models.PositiveIntegerField(_("bước báo cáo (0: cả kế hoạch)"))
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="+"
    )
    indicator = models.ForeignKey(
        "campaigns.Indicator",
        verbose_name=_("chỉ tiêu"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    total = models.DecimalField(_("tổng"), max_digits=24, decimal_places=2, default=0)
    # values that are numbers
    valued = models.IntegerField(_("số giá trị là số"), default=0)
    # values given at all (number or text)
    units = models.IntegerField(_("số đơn vị có số liệu"), default=0)
    # values above zero (yes/no indicators)
    yes = models.IntegerField(_("số đơn vị trả lời “có”"), default=0)

    class Meta:
        verbose_name = _("tổng một chỉ tiêu của một đơn vị")
        verbose_name_plural = _("tổng các chỉ tiêu của các đơn vị")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "step_key", "unit", "indicator"],
                name="one_rollup_cell_per_indicator",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.indicator_id}: {self.total}"


class RollupPending(models.Model):
    """A report whose status changed since the stored totals were last
    brought in line (see ``rollup.fold``): written by the change itself, in
    its transaction, without waiting for anyone; folded in batches by a
    worker, and by any reader of the totals before it reads."""

    id = models.BigAutoField(primary_key=True)
    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="+"
    )
    report = models.ForeignKey(
        Report,
        verbose_name=_("báo cáo"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )

    class Meta:
        verbose_name = _("thay đổi chờ cộng vào tổng hợp")
        verbose_name_plural = _("thay đổi chờ cộng vào tổng hợp")

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.report_id}"
