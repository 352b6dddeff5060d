from __future__ import annotations

import datetime as dt

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from lifelong_week.core.text import fold, nfc
from lifelong_week.orgs.enums import AdminLevel, UnitKind

CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$"
code_validator = RegexValidator(
    CODE_PATTERN,
    _(
        "Mã đơn vị chỉ gồm chữ không dấu, chữ số, dấu chấm, gạch ngang, gạch dưới (tối đa 40 ký tự)."
    ),
)
PATH_SEPARATOR = "/"


class OrgUnitQuerySet(models.QuerySet):
    def active_on(self, day: dt.date) -> OrgUnitQuerySet:
        """Units that existed on ``day`` (validity dates are inclusive)."""
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )

    def overlapping(self, start: dt.date, end: dt.date) -> OrgUnitQuerySet:
        """Units that existed at some point between ``start`` and ``end``."""
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=end),
            Q(valid_to__isnull=True) | Q(valid_to__gte=start),
        )

    def subtree_of(self, unit: OrgUnit, *, include_self: bool = True) -> OrgUnitQuerySet:
        qs = self.filter(path__startswith=unit.path)
        return qs if include_self else qs.exclude(pk=unit.pk)

    def search(self, query: str) -> OrgUnitQuerySet:
        """Diacritic- and case-insensitive search on code, names and printed names."""
        words = fold(query).split()
        qs = self
        for word in words:
            qs = qs.filter(search_text__contains=word)
        return qs


class OrgUnit(models.Model):
    """One body in the reporting tree: its parent is the unit it reports to.

    Boundaries change (Vietnam moved to two-level local government in 2025), so
    a unit is never deleted: it gets a ``valid_to`` date and, when merged, a
    successor.
    """

    code = models.CharField(_("mã"), max_length=40, unique=True, validators=[code_validator])
    name = models.CharField(_("tên đầy đủ"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=120, blank=True)
    kind = models.CharField(_("loại đơn vị"), max_length=32, choices=UnitKind.choices)
    admin_level = models.CharField(_("cấp"), max_length=16, choices=AdminLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên (báo cáo về)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # "/BGDDT/80/80-SGDDT/" — maintained by orgs.domain, never edited by hand.
    path = models.CharField(
        _("đường dẫn trong cây"), max_length=1024, editable=False, db_index=True
    )
    depth = models.PositiveSmallIntegerField(_("cấp trong cây"), editable=False, default=0)
    valid_from = models.DateField(_("hiệu lực từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến ngày"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị kế thừa (khi sáp nhập)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
    )

    # What the Decree 30 header and signature block print for this body.
    governing_body = models.CharField(
        _("cơ quan chủ quản (in trên tiêu đề)"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: UBND TỈNH LONG AN. Để trống nếu không có."),
    )
    issuing_name = models.CharField(
        _("tên cơ quan ban hành (in trên tiêu đề)"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: SỞ GIÁO DỤC VÀ ĐÀO TẠO."),
    )
    doc_symbol = models.CharField(
        _("ký hiệu văn bản"), max_length=40, blank=True, help_text=_("Ví dụ: SGDĐT, UBND.")
    )
    place_name = models.CharField(
        _("địa danh ghi ngày tháng"), max_length=120, blank=True, help_text=_("Ví dụ: Long An.")
    )
    head_title = models.CharField(_("chức vụ người đứng đầu"), max_length=120, blank=True)
    head_name = models.CharField(_("họ tên người đứng đầu"), max_length=120, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)

    search_text = models.TextField(_("tên để tìm kiếm"), editable=False, default="")
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["path"]
        indexes = [models.Index(fields=["kind", "admin_level"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.refresh_derived_fields()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("orgs:detail", kwargs={"code": self.code})

    def refresh_derived_fields(self) -> None:
        """Normalise text and recompute path, depth and the search text.

        Moving a unit with children must go through ``orgs.domain.move_unit`` so
        that the descendants' paths follow.
        """
        for field in (
            "name",
            "short_name",
            "governing_body",
            "issuing_name",
            "doc_symbol",
            "place_name",
            "head_title",
            "head_name",
            "address",
        ):
            setattr(self, field, nfc(getattr(self, field)))
        parent_path = self.parent.path if self.parent_id else PATH_SEPARATOR
        self.path = f"{parent_path}{self.code}{PATH_SEPARATOR}"
        self.depth = self.path.count(PATH_SEPARATOR) - 2
        self.search_text = fold(
            " ".join([self.code, self.name, self.short_name, self.issuing_name])
        )

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def is_active_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to >= day
        )

    def existed_during(self, start: dt.date, end: dt.date) -> bool:
        """Whether the unit existed at some point between ``start`` and ``end``
        (one unit's answer to ``OrgUnit.objects.overlapping``)."""
        return (self.valid_from is None or self.valid_from <= end) and (
            self.valid_to is None or self.valid_to >= start
        )

    def is_within(self, other: OrgUnit) -> bool:
        """True when this unit is ``other`` or lies below it."""
        return self.path.startswith(other.path)

    @cached_property
    def ancestor_codes(self) -> list[str]:
        return [code for code in self.path.split(PATH_SEPARATOR) if code][:-1]

    def ancestors(self) -> OrgUnitQuerySet:
        return OrgUnit.objects.filter(code__in=self.ancestor_codes).order_by("depth")
