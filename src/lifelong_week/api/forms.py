from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lifelong_week.core.text import nfc

NEVER = "0"
LIFETIMES = [
    ("30", _("30 ngày")),
    ("90", _("90 ngày")),
    ("365", _("1 năm")),
    (NEVER, _("Không hết hạn")),
]


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Tên gợi nhớ"),
        max_length=100,
        help_text=_("Mã này dùng cho việc gì, ví dụ: Hệ thống thống kê của Bộ GD&ĐT."),
        error_messages={"required": _("Vui lòng đặt tên để sau này nhận ra mã.")},
    )
    lifetime = forms.ChoiceField(
        label=_("Thời hạn"), choices=LIFETIMES, initial="365", widget=forms.RadioSelect
    )

    def clean_name(self):
        name = nfc(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError(_("Vui lòng đặt tên để sau này nhận ra mã."))
        return name

    def expires_at(self, now: dt.datetime | None = None) -> dt.datetime | None:
        days = int(self.cleaned_data["lifetime"])
        if not days:
            return None
        return (now or timezone.now()) + dt.timedelta(days=days)
