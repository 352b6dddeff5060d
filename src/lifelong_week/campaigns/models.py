from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from lifelong_week.campaigns.enums import (
    ActivityKind,
    CampaignStatus,
    CountPolicy,
    EventRule,
    ValueType,
)
from lifelong_week.orgs.enums import AdminLevel, UnitKind


class ReportForm(models.Model):
    """The report a unit fills: narrative sections and figures (indicators).

    One form is shared down a campaign chain (the Ministry's guidance, the
    province's plan, a district's plan), so the same indicators add up at every
    level.
    """

    code = models.SlugField(_("mã mẫu"), max_length=60, unique=True)
    title = models.CharField(_("tên mẫu"), max_length=255)
    report_title = models.CharField(
        _("trích yếu của báo cáo"),
        max_length=255,
        help_text=_("Ví dụ: Về việc tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2021"),
    )
    recipients = models.JSONField(
        _("nơi nhận in trên báo cáo"),
        default=list,
        blank=True,
        help_text=_("Như mẫu quy định, ví dụ: Sở GD&ĐT (P.GDTrH); Hội KH tỉnh."),
    )

    class Meta:
        verbose_name = _("mẫu báo cáo")
        verbose_name_plural = _("mẫu báo cáo")

    def __str__(self) -> str:
        return self.title


class FormSection(models.Model):
    form = models.ForeignKey(
        ReportForm, verbose_name=_("mẫu báo cáo"), on_delete=models.CASCADE, related_name="sections"
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    code = models.CharField(_("số mục"), max_length=20, help_text=_("Ví dụ: I.1"))
    part_title = models.CharField(
        _("phần"), max_length=255, blank=True, help_text=_("Ví dụ: I. TỔ CHỨC TRIỂN KHAI TUẦN LỄ")
    )
    title = models.CharField(_("tên mục"), max_length=255)
    guidance = models.TextField(_("hướng dẫn nhập"), blank=True)

    class Meta:
        ordering = ["form", "order"]
        verbose_name = _("mục báo cáo")
        verbose_name_plural = _("mục báo cáo")
        constraints = [
            models.UniqueConstraint(fields=["form", "code"], name="unique_section_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


class Indicator(models.Model):
    """A figure units report: defined once, shared by every level."""

    form = models.ForeignKey(
        ReportForm,
        verbose_name=_("mẫu báo cáo"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    code = models.SlugField(_("mã chỉ tiêu"), max_length=40)
    group = models.CharField(_("nhóm"), max_length=255, blank=True)
    label = models.CharField(_("chỉ tiêu"), max_length=255)
    unit_of_measure = models.CharField(_("đơn vị tính"), max_length=40)
    value_type = models.CharField(
        _("kiểu giá trị"), max_length=16, choices=ValueType.choices, default=ValueType.INTEGER
    )
    sums_up = models.BooleanField(_("cộng dồn lên cấp trên"), default=True)
    min_value = models.DecimalField(
        _("giá trị nhỏ nhất"), max_digits=20, decimal_places=2, null=True, blank=True, default=0
    )
    max_value = models.DecimalField(
        _("giá trị lớn nhất"), max_digits=20, decimal_places=2, null=True, blank=True
    )
    # Between the hard limits above (a value outside them is refused) and
    # these, a value is saved but needs a short explanation before the
    # report is sent: 3.200.000 people at one district's opening ceremony.
    plausible_min = models.DecimalField(
        _("thường không dưới"),
        max_digits=20,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Số nhỏ hơn vẫn được lưu, nhưng đơn vị phải giải trình trước khi gửi."),
    )
    plausible_max = models.DecimalField(
        _("thường không quá"),
        max_digits=20,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "Cho báo cáo của một đơn vị (không áp dụng cho báo cáo tổng hợp). Số lớn hơn vẫn "
            "được lưu, nhưng đơn vị phải giải trình trước khi gửi."
        ),
    )
    help_text = models.TextField(_("cách tính"), blank=True)
    activity_kind = models.CharField(
        _("thuộc hoạt động"), max_length=16, choices=ActivityKind.choices, blank=True
    )
    event_rule = models.CharField(
        _("gợi ý từ sự kiện"),
        max_length=24,
        choices=EventRule.choices,
        blank=True,
        help_text=_("Tính sẵn từ các sự kiện đơn vị đã ghi nhận; đơn vị vẫn sửa được."),
    )

    class Meta:
        ordering = ["form", "order"]
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        constraints = [
            models.UniqueConstraint(fields=["form", "code"], name="unique_indicator_code"),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.unit_of_measure})"

    def clean(self) -> None:
        low, high = self.plausible_min, self.plausible_max
        if low is not None and high is not None and low > high:
            raise ValidationError(
                {"plausible_max": _("Phải lớn hơn hoặc bằng mức “thường không dưới”.")}
            )


class Campaign(models.Model):
    """One issuer's plan for one year's week."""

    slug = models.SlugField(_("mã chiến dịch"), max_length=80, unique=True)
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên kế hoạch"), max_length=300)
    issuer = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("cơ quan ban hành"),
        on_delete=models.PROTECT,
        related_name="issued_campaigns",
    )
    coordinator = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("cơ quan chủ trì, điều phối"),
        on_delete=models.PROTECT,
        related_name="coordinated_campaigns",
        help_text=_("Đơn vị theo dõi, đôn đốc và tổng hợp (ví dụ: Sở GD&ĐT)."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("theo hướng dẫn của"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    doc_type = models.CharField(_("loại văn bản"), max_length=40, default="KẾ HOẠCH")
    doc_number = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    doc_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    theme = models.TextField(_("chủ đề"), blank=True)
    slogans = models.JSONField(_("khẩu hiệu"), default=list, blank=True)
    legal_bases = models.JSONField(_("căn cứ"), default=list, blank=True)
    purpose = models.TextField(_("mục đích"), blank=True)
    requirements = models.TextField(_("yêu cầu"), blank=True)
    week_start = models.DateField(_("ngày bắt đầu Tuần lễ"))
    week_end = models.DateField(_("ngày kết thúc Tuần lễ"))
    opening_date = models.DateField(_("ngày khai mạc"), null=True, blank=True)
    funding = models.TextField(_("kinh phí"), blank=True)
    recipients = models.JSONField(_("nơi nhận"), default=list, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120, blank=True)
    signer_authority = models.CharField(_("thẩm quyền ký"), max_length=120, blank=True)
    report_form = models.ForeignKey(
        ReportForm,
        verbose_name=_("mẫu báo cáo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="campaigns",
    )
    requires_head_approval = models.BooleanField(_("thủ trưởng duyệt trước khi gửi"), default=False)
    count_policy = models.CharField(
        _("số liệu tổng hợp tính theo"),
        max_length=16,
        choices=CountPolicy.choices,
        default=CountPolicy.SUBMITTED,
    )
    source_file = models.FileField(_("văn bản gốc"), upload_to="plans/%Y/", blank=True)
    source_text = models.TextField(_("nội dung văn bản gốc"), blank=True, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-year", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("campaigns:detail", kwargs={"slug": self.slug})

    @cached_property
    def urls(self):
        slug = self.slug

        class _Urls:
            detail = reverse("campaigns:detail", kwargs={"slug": slug})
            edit = reverse("campaigns:edit", kwargs={"slug": slug})

        return _Urls

    @property
    def signer_authority_lines(self) -> list[str]:
        """ "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH" as the lines a signature block prints."""
        return [line.strip() for line in self.signer_authority.split("/") if line.strip()]

    @property
    def document_reference(self) -> str:
        """The plan as Vietnamese writes it: "Kế hoạch số 142/KH-UBND",
        "Công văn số 3764/BGDĐT-GDĐT"; a number not yet given reads
        "Kế hoạch số …/KH-UBND", no number at all just "Kế hoạch"."""
        kind = self.doc_type.strip().lower()
        kind = kind[:1].upper() + kind[1:]
        number = self.doc_number.strip()
        if not number:
            return kind
        if number.startswith("/"):
            number = "…" + number
        return f"{kind} {_('số')} {number}"

    def week_phase(self, today: dt.date | None = None) -> str:
        """'before', 'during' or 'after' the week, in Vietnam's calendar."""
        today = today or timezone.localdate()
        if today < self.week_start:
            return "before"
        if today > self.week_end:
            return "after"
        return "during"


class Activity(models.Model):
    """A numbered activity of the plan (section II of the Long An plan)."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="activities"
    )
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    text = models.TextField(_("nội dung"))
    kind = models.CharField(
        _("loại hoạt động"), max_length=16, choices=ActivityKind.choices, default=ActivityKind.OTHER
    )

    class Meta:
        ordering = ["campaign", "number"]
        verbose_name = _("hoạt động")
        verbose_name_plural = _("hoạt động")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "number"], name="unique_activity_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"


class Assignment(models.Model):
    """Duties given to a body, or to a group of bodies, by the plan."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="assignments"
    )
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    body = models.CharField(
        _("cơ quan được giao (như trong văn bản)"),
        max_length=300,
        help_text=_("Ví dụ: UBND các huyện, thị xã, thành phố"),
    )
    duties = models.JSONField(_("nhiệm vụ"), default=list)
    units = models.ManyToManyField(
        "orgs.OrgUnit", verbose_name=_("đơn vị thực hiện"), related_name="assignments", blank=True
    )
    # A group ("every district People's Committee"): the units are re-resolved
    # from these when the tree changes.
    group_kind = models.CharField(
        _("nhóm: loại đơn vị"), max_length=32, choices=UnitKind.choices, blank=True
    )
    group_level = models.CharField(
        _("nhóm: cấp"), max_length=16, choices=AdminLevel.choices, blank=True
    )

    class Meta:
        ordering = ["campaign", "number"]
        verbose_name = _("phân công")
        verbose_name_plural = _("phân công")

    def __str__(self) -> str:
        return self.body

    @property
    def is_group(self) -> bool:
        return bool(self.group_kind or self.group_level)


# ``ReportingStep.lock_for``'s "not read yet", as opposed to "no extension".
UNREAD = object()


class ReportingStep(models.Model):
    """Who reports to whom, by when.

    Two different dates, named plainly: the *deadline* decides on time or late;
    the *lock* closes entry (unless the receiving unit grants an extension).
    "trước ngày 15/10/2021" means the deadline is the start of 15/10/2021 in
    Vietnam's time.
    """

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="steps"
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    title = models.CharField(_("tên bước"), max_length=255)
    senders_text = models.CharField(
        _("đơn vị báo cáo (như trong văn bản)"), max_length=300, blank=True
    )
    senders = models.ManyToManyField(
        "orgs.OrgUnit", verbose_name=_("đơn vị báo cáo"), related_name="reporting_steps"
    )
    receiver = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("đơn vị nhận báo cáo"),
        on_delete=models.PROTECT,
        related_name="received_steps",
    )
    receiver_text = models.CharField(
        _("đơn vị nhận (như trong văn bản)"), max_length=300, blank=True
    )
    copy_to = models.ManyToManyField(
        "orgs.OrgUnit", verbose_name=_("đồng gửi"), related_name="copied_steps", blank=True
    )
    deadline = models.DateTimeField(_("hạn nộp"))
    deadline_text = models.CharField(_("hạn nộp (như trong văn bản)"), max_length=120, blank=True)
    remind_days_before = models.PositiveSmallIntegerField(
        _("nhắc trước hạn (số ngày)"),
        default=3,
        help_text=_(
            "Nhắc các đơn vị chưa gửi trước hạn nộp bấy nhiêu ngày, rồi vào hôm trước hạn."
        ),
    )
    lock_at = models.DateTimeField(
        _("khóa nhập liệu"),
        null=True,
        blank=True,
        help_text=_("Sau thời điểm này đơn vị không nhập được nữa, trừ khi được gia hạn."),
    )

    class Meta:
        ordering = ["campaign", "order"]
        verbose_name = _("bước báo cáo")
        verbose_name_plural = _("bước báo cáo")

    def __str__(self) -> str:
        return self.title

    def lock_for(self, unit, *, extended_until=UNREAD) -> dt.datetime | None:
        """When entry closes for ``unit``: its extension, else the step's lock.

        ``None`` means entry never closes by itself. ``extended_until`` is
        the unit's extension (``None``: it has none) when the caller has
        already read it with the report.
        """
        if extended_until is UNREAD:
            extension = self.extensions.filter(unit=unit).first()
            extended_until = extension.until if extension is not None else None
        return extended_until or self.lock_at


class Extension(models.Model):
    """The receiving unit reopens entry for one unit after the lock."""

    step = models.ForeignKey(
        ReportingStep,
        verbose_name=_("bước báo cáo"),
        on_delete=models.CASCADE,
        related_name="extensions",
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("đơn vị"),
        on_delete=models.CASCADE,
        related_name="extensions",
    )
    until = models.DateTimeField(_("gia hạn đến"))
    reason = models.CharField(_("lý do"), max_length=300, blank=True)
    granted_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("người gia hạn"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    # A renewed extension: the board's state.
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    class Meta:
        verbose_name = _("gia hạn nhập liệu")
        verbose_name_plural = _("gia hạn nhập liệu")
        constraints = [
            models.UniqueConstraint(fields=["step", "unit"], name="unique_extension"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.until:%d/%m/%Y %H:%M}"


class PlanImport(models.Model):
    """A plan document on its way to becoming a campaign.

    Keeps the uploaded file, the lines read from it, what the parser found
    (``extracted``, never changed), the coordinator's corrected version
    (``plan`` and ``spans``), the decisions on bodies the matcher could not
    place, and — once created — the campaign. Seen only by its creator and the
    coordinators of its coordinating unit.
    """

    source_file = models.FileField(_("văn bản gốc"), upload_to="plans/%Y/")
    source_name = models.CharField(_("tên tệp"), max_length=255)
    source_lines = models.JSONField(_("các dòng của văn bản"), default=list, editable=False)
    # {"plan": the JSON contract plus purpose/requirements/funding, "spans": …, "warnings": […]}
    extracted = models.JSONField(_("kết quả đọc văn bản"), default=dict, editable=False)
    plan = models.JSONField(_("nội dung đã rà soát"), default=dict)
    # JSON path → [first, last] source line (0-based, inclusive), following the corrections
    spans = models.JSONField(_("vị trí trong văn bản"), default=dict, blank=True)
    # body as written → {"action": "auto"|"pick"|"create"|"ignore", …}
    decisions = models.JSONField(_("quyết định về cơ quan"), default=dict, blank=True)
    issuer = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("cơ quan ban hành"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    coordinator = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("cơ quan chủ trì, điều phối"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("người tải lên"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    campaign = models.OneToOneField(
        Campaign,
        verbose_name=_("kế hoạch đã tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_import",
    )
    # Raised by every saved change: a form opened before it is stale.
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    class Meta:
        verbose_name = _("văn bản kế hoạch đang nhập")
        verbose_name_plural = _("văn bản kế hoạch đang nhập")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.plan.get("title") or self.source_name

    @cached_property
    def urls(self):
        pk = self.pk

        class _Urls:
            review = reverse("campaigns:plan_import_review", kwargs={"pk": pk})
            bodies = reverse("campaigns:plan_import_bodies", kwargs={"pk": pk})
            create = reverse("campaigns:plan_import_create", kwargs={"pk": pk})
            source = reverse("campaigns:plan_import_source", kwargs={"pk": pk})

        return _Urls
