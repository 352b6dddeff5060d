from __future__ import annotations

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from lifelong_week.accounts.access import (
    issuer_units,
    scope_campaigns,
    units_manageable_by,
    units_up_to_area,
    units_visible_to,
)
from lifelong_week.campaigns.models import (
    Activity,
    Assignment,
    Campaign,
    FormSection,
    Indicator,
    ReportingStep,
)
from lifelong_week.campaigns.queries import report_form_choices
from lifelong_week.core.text import nfc


class LinesField(forms.CharField):
    """A list of strings edited as a textarea, one item per line."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [nfc(line.lstrip("-–•* ").strip()) for line in text.splitlines() if line.strip()]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def issuer_choices(user):
    """Units a user may name as a plan's issuer (``access.issuer_units``)."""
    return issuer_units(user)


def receiver_choices(user):
    """Units a step's reports may go to, or be copied to (``access.units_up_to_area``)."""
    return units_up_to_area(user)


class CampaignForm(forms.ModelForm):
    slogans = LinesField(label=_("Khẩu hiệu (mỗi dòng một khẩu hiệu)"), required=False)
    legal_bases = LinesField(label=_("Căn cứ (mỗi dòng một căn cứ)"), required=False)
    recipients = LinesField(label=_("Nơi nhận (mỗi dòng một nơi)"), required=False)

    class Meta:
        model = Campaign
        fields = [
            "title",
            "year",
            "slug",
            "status",
            "issuer",
            "coordinator",
            "parent",
            "doc_type",
            "doc_number",
            "doc_date",
            "theme",
            "slogans",
            "legal_bases",
            "purpose",
            "requirements",
            "week_start",
            "week_end",
            "opening_date",
            "funding",
            "report_form",
            "requires_head_approval",
            "count_policy",
            "recipients",
            "signer_authority",
            "signer_title",
            "signer_name",
        ]
        widgets = {
            "doc_date": DateInput(),
            "week_start": DateInput(),
            "week_end": DateInput(),
            "opening_date": DateInput(),
            "theme": forms.Textarea(attrs={"rows": 2}),
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "requirements": forms.Textarea(attrs={"rows": 4}),
            "funding": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuer_choices(user)
        self.fields["coordinator"].queryset = units_manageable_by(user)
        # Forms of the campaigns the user sees (a form is shared down a chain),
        # never another province's: attaching it would show that province's
        # sections here and make its own form uneditable there.
        self.fields["report_form"].queryset = report_form_choices(user)
        parents = scope_campaigns(user, Campaign.objects.all())
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents

    def clean(self):
        data = super().clean()
        start, end = data.get("week_start"), data.get("week_end")
        if start and end and start > end:
            self.add_error("week_end", _("Ngày kết thúc phải sau ngày bắt đầu Tuần lễ."))
        opening = data.get("opening_date")
        if opening and start and end and not (start <= opening <= end):
            self.add_error("opening_date", _("Ngày khai mạc phải nằm trong Tuần lễ."))
        return data


class AssignmentForm(forms.ModelForm):
    duties = LinesField(label=_("Nhiệm vụ (mỗi dòng một nhiệm vụ)"))

    class Meta:
        model = Assignment
        fields = ["number", "body", "duties", "units"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units_visible_to(user)
        self.fields["units"].widget = forms.CheckboxSelectMultiple(attrs={"class": "checks"})
        self.fields["units"].widget.choices = self.fields["units"].choices


class StepForm(forms.ModelForm):
    class Meta:
        model = ReportingStep
        fields = [
            "order",
            "title",
            "senders_text",
            "senders",
            "receiver",
            "receiver_text",
            "copy_to",
            "deadline",
            "lock_at",
        ]
        widgets = {"deadline": DateTimeInput(), "lock_at": DateTimeInput()}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["senders"].queryset = units_visible_to(user)
        self.fields["senders"].widget = forms.CheckboxSelectMultiple(attrs={"class": "checks"})
        self.fields["senders"].widget.choices = self.fields["senders"].choices
        self.fields["receiver"].queryset = receiver_choices(user)
        self.fields["copy_to"].queryset = receiver_choices(user)
        self.fields["deadline"].help_text = _(
            "“Trước ngày 15/10” nghĩa là hạn là 00:00 ngày 15/10 (giờ Việt Nam)."
        )

    def clean(self):
        data = super().clean()
        deadline, lock = data.get("deadline"), data.get("lock_at")
        if deadline and lock and lock < deadline:
            self.add_error("lock_at", _("Thời điểm khóa nhập liệu không được trước hạn nộp."))
        return data


class _VietnameseDeleteMixin:
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Xóa mục này")


class _UserFormSet(_VietnameseDeleteMixin, forms.BaseInlineFormSet):
    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        kwargs["user"] = self.user
        return kwargs


class _PlainFormSet(_VietnameseDeleteMixin, forms.BaseInlineFormSet):
    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)


ActivityFormSet = inlineformset_factory(
    Campaign,
    Activity,
    formset=_PlainFormSet,
    fields=["number", "text", "kind"],
    extra=1,
    can_delete=True,
    widgets={"text": forms.Textarea(attrs={"rows": 3})},
)
AssignmentFormSet = inlineformset_factory(
    Campaign, Assignment, form=AssignmentForm, formset=_UserFormSet, extra=1, can_delete=True
)
StepFormSet = inlineformset_factory(
    Campaign, ReportingStep, form=StepForm, formset=_UserFormSet, extra=1, can_delete=True
)
SectionFormSet = inlineformset_factory(
    Campaign.report_form.field.related_model,
    FormSection,
    formset=_PlainFormSet,
    fields=["order", "code", "part_title", "title", "guidance"],
    extra=1,
    can_delete=True,
    widgets={"guidance": forms.Textarea(attrs={"rows": 2})},
)
IndicatorFormSet = inlineformset_factory(
    Campaign.report_form.field.related_model,
    Indicator,
    formset=_PlainFormSet,
    fields=[
        "order",
        "code",
        "group",
        "label",
        "unit_of_measure",
        "value_type",
        "sums_up",
        "min_value",
        "max_value",
        "plausible_min",
        "plausible_max",
        "help_text",
    ],
    extra=1,
    can_delete=True,
    widgets={"help_text": forms.Textarea(attrs={"rows": 2})},
)
