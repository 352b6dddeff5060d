from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lifelong_week.campaigns.forms import DateInput


class PhotoForm(forms.Form):
    image = forms.FileField(
        label=_("Ảnh (JPEG, PNG hoặc WebP)"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    caption = forms.CharField(
        label=_("Chú thích"),
        max_length=300,
        help_text=_("Hoạt động gì, ở đâu, ngày nào."),
    )
    may_publish = forms.BooleanField(
        label=_("Những người trong ảnh đồng ý cho đăng công khai trên trang Tuần lễ"),
        required=False,
    )


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Ý kiến gửi đơn vị (bắt buộc khi trả lại)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DocumentNumberForm(forms.Form):
    number = forms.IntegerField(label=_("Số văn bản"), required=False, min_value=1)
    date = forms.DateField(label=_("Ngày ký"), required=False, widget=DateInput())
