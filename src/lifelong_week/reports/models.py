from __future__ import annotations

import functools

from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from lifelong_week.campaigns.enums import ActivityKind
from lifelong_week.core.dates import days_late
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
        "campaigns.ReportingStep", on_delete=models.PROTECT, related_name="reports"
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.PROTECT, related_name="reports"
    )
    unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="reports")
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("thời điểm gửi"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    late_by = models.DurationField(_("trễ hạn"), null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_comment = models.TextField(_("ý kiến khi trả lại"), blank=True)
    doc_number = models.PositiveIntegerField(_("số văn bản"), null=True, blank=True)
    doc_date = models.DateField(_("ngày văn bản"), null=True, blank=True)
    # Whether the report's figures are in the stored roll-up (rollup.py keeps it).
    in_rollup = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

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

    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True


class SectionText(VersionedEntry):
    """The unit's text for one narrative section."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="texts")
    section = models.ForeignKey("campaigns.FormSection", on_delete=models.PROTECT, related_name="+")
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "section"], name="one_text_per_section"),
        ]

    def __str__(self) -> str:
        return f"{self.section.code}: {self.text[:40]}"


class FigureValue(VersionedEntry):
    """The unit's value for one indicator (and its explanation of a warning)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="figures")
    indicator = models.ForeignKey("campaigns.Indicator", on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(max_digits=20, decimal_places=2, null=True, blank=True)
    text = models.TextField(blank=True)
    note = models.CharField(_("giải trình"), max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="one_value_per_indicator"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code}={self.value}"


def photo_path(instance: Photo, filename: str) -> str:
    return f"photos/{instance.report.campaign.slug}/{instance.report.unit.code}/{filename}"


class Photo(models.Model):
    """A photo of the unit's activities: metadata stripped, resized, with consent."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(upload_to=photo_path)
    thumbnail = models.FileField(upload_to=photo_path)
    caption = models.CharField(_("chú thích"), max_length=300)
    may_publish = models.BooleanField(_("đồng ý cho đăng công khai"), default=False)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    taken_at = models.DateTimeField(null=True, blank=True)
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "uploaded_at", "pk"]

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

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="changes")
    at = models.DateTimeField(db_index=True)
    by = models.ForeignKey("accounts.User", null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=16, choices=ChangeKind.choices)
    field = models.CharField(max_length=300, blank=True)
    old_value = models.TextField(blank=True)
    new_value = models.TextField(blank=True)
    from_status = models.CharField(max_length=16, choices=ReportStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=ReportStatus.choices, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["report", "at", "pk"]

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
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

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

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="notices")
    report = models.ForeignKey(
        Report, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    message = models.TextField()
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.message[:60]


class ReminderLog(models.Model):
    """One reminder to one unit for one step on one day — never sent twice."""

    step = models.ForeignKey(
        "campaigns.ReportingStep", on_delete=models.CASCADE, related_name="reminders"
    )
    unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.CASCADE, related_name="reminders")
    day = models.DateField()
    kind = models.CharField(max_length=16)
    recipients = models.TextField(blank=True)
    sent_at = models.DateTimeField()
    sent_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-sent_at", "pk"]
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
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    step_key = models.PositiveIntegerField()
    unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.CASCADE, related_name="+")
    reports = models.IntegerField(default=0)

    class Meta:
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
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    step_key = models.PositiveIntegerField()
    unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey("campaigns.Indicator", on_delete=models.CASCADE, related_name="+")
    total = models.DecimalField(max_digits=24, decimal_places=2, default=0)
    valued = models.IntegerField(default=0)  # values that are numbers
    units = models.IntegerField(default=0)  # values given at all (number or text)
    yes = models.IntegerField(default=0)  # values above zero (yes/no indicators)

    class Meta:
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
    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="+")
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="+", db_index=False)

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.report_id}"
