"""Forms of the plan import: upload, the review of every field, the bodies, the campaign."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django import forms
from django.utils.translation import gettext_lazy as _

from lifelong_week.accounts.access import units_manageable_by
from lifelong_week.campaigns.forms import LinesField, issuer_choices
from lifelong_week.campaigns.models import Campaign
from lifelong_week.campaigns.plan_import.domain import MAX_UPLOAD_BYTES, Action
from lifelong_week.campaigns.plan_import.queries import parent_campaign_choices
from lifelong_week.campaigns.queries import report_form_choices
from lifelong_week.core.text import nfc
from lifelong_week.orgs.enums import UnitKind
from lifelong_week.orgs.models import OrgUnit

DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
DATE_INVALID = _("Ngày không hợp lệ: hãy nhập ngày/tháng/năm, ví dụ 15/10/2021.")


class ItemsField(LinesField):
    """One item per line; an empty box is an empty list, "unchanged" from nothing."""

    def has_changed(self, initial, data) -> bool:
        if self.disabled:
            return False
        return list(initial or []) != self.to_python(data)


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: OrgUnit) -> str:
        return obj.name


class VietnameseDateField(forms.DateField):
    """A date typed as offices write it: 15/10/2021."""

    widget = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_FORMATS)
        kwargs.setdefault("error_messages", {"invalid": DATE_INVALID})
        super().__init__(**kwargs)


def _text(max_length: int, label, *, required: bool = False, **kwargs) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        error_messages={
            "required": _("Vui lòng nhập trường này."),
            "max_length": _("Tối đa %(limit_value)d ký tự (đang có %(show_value)d)."),
        },
        **kwargs,
    )


# --- Upload -------------------------------------------------------------------------------


class UploadForm(forms.Form):
    document = forms.FileField(
        label=_("Tệp kế hoạch"),
        help_text=_("Word (.docx), văn bản (.txt) hoặc PDF có lớp chữ (.pdf), tối đa 10 MB."),
        error_messages={
            "required": _("Hãy chọn tệp kế hoạch."),
            "empty": _("Tệp rỗng, không có nội dung."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.txt,.pdf"}),
    )
    issuer = UnitChoiceField(
        label=_("Cơ quan ban hành"),
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label=_("— Nhận từ văn bản —"),
        help_text=_("Để trống: hệ thống tìm theo tên cơ quan ghi trong văn bản."),
    )
    coordinator = UnitChoiceField(
        label=_("Cơ quan chủ trì, điều phối"),
        queryset=OrgUnit.objects.none(),
        error_messages={"required": _("Hãy chọn đơn vị chủ trì, điều phối.")},
        help_text=_("Đơn vị theo dõi, đôn đốc và tổng hợp (ví dụ: Sở GD&ĐT)."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuer_choices(user).order_by("path")
        managed = units_manageable_by(user).order_by("path")
        self.fields["coordinator"].queryset = managed
        if not self.is_bound and len(managed[:2]) == 1:
            self.fields["coordinator"].initial = managed[0].pk

    def clean_document(self):
        document = self.cleaned_data["document"]
        if document.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Tệp quá lớn: tối đa 10 MB."))
        return document


# --- Review -------------------------------------------------------------------------------

# Form field → the JSON path of its value (and of its source lines).
FIELD_PATHS = {
    "doc_type": "doc_type",
    "number": "number",
    "issuer_text": "issuer",
    "place": "place",
    "date": "date",
    "title": "title",
    "year": "year",
    "legal_bases": "legal_bases",
    "purpose": "purpose",
    "requirements": "requirements",
    "theme": "theme",
    "slogans": "slogans",
    "start_date": "start_date",
    "end_date": "end_date",
    "opening_date": "opening_date",
    "funding": "funding",
    "recipients": "recipients",
    "signer_authority": "signer.authority",
    "signer_title": "signer.title",
    "signer_name": "signer.name",
}
DATE_FIELDS = ("date", "start_date", "end_date", "opening_date")
LIST_FIELDS = ("legal_bases", "slogans", "recipients")


def value_at(plan: Mapping, path: str):
    """The value at a JSON path such as "signer.name"."""
    value = plan
    for key in path.split("."):
        value = (value or {}).get(key)
    return value


class PlanFieldsForm(forms.Form):
    issuer = UnitChoiceField(
        label=_("Đơn vị ban hành (trong hệ thống)"),
        queryset=OrgUnit.objects.none(),
        error_messages={"required": _("Hãy chọn đơn vị ban hành.")},
    )
    coordinator = UnitChoiceField(
        label=_("Đơn vị chủ trì, điều phối"),
        queryset=OrgUnit.objects.none(),
        error_messages={"required": _("Hãy chọn đơn vị chủ trì, điều phối.")},
    )
    doc_type = _text(40, _("Loại văn bản"))
    number = _text(60, _("Số, ký hiệu"))
    issuer_text = _text(300, _("Cơ quan ban hành (như ghi trong văn bản)"))
    place = _text(120, _("Địa danh"))
    date = VietnameseDateField(label=_("Ngày ban hành"), required=False)
    title = _text(300, _("Trích yếu (tên kế hoạch)"), required=True)
    year = forms.IntegerField(
        label=_("Năm"),
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": _("Vui lòng nhập năm."),
            "invalid": _("Năm phải là một số, ví dụ 2021."),
            "min_value": _("Năm không hợp lệ (từ 2000 đến 2100)."),
            "max_value": _("Năm không hợp lệ (từ 2000 đến 2100)."),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    legal_bases = ItemsField(label=_("Căn cứ (mỗi dòng một căn cứ)"), required=False)
    purpose = forms.CharField(
        label=_("Mục đích"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    requirements = forms.CharField(
        label=_("Yêu cầu"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    theme = forms.CharField(
        label=_("Chủ đề"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    slogans = ItemsField(label=_("Khẩu hiệu (mỗi dòng một khẩu hiệu)"), required=False)
    start_date = VietnameseDateField(
        label=_("Tuần lễ bắt đầu"),
        error_messages={
            "required": _("Vui lòng nhập ngày bắt đầu Tuần lễ."),
            "invalid": DATE_INVALID,
        },
    )
    end_date = VietnameseDateField(
        label=_("Tuần lễ kết thúc"),
        error_messages={
            "required": _("Vui lòng nhập ngày kết thúc Tuần lễ."),
            "invalid": DATE_INVALID,
        },
    )
    opening_date = VietnameseDateField(label=_("Ngày khai mạc"), required=False)
    funding = forms.CharField(
        label=_("Kinh phí"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    recipients = ItemsField(label=_("Nơi nhận (mỗi dòng một nơi)"), required=False)
    signer_authority = _text(
        120,
        _("Thẩm quyền ký"),
        help_text=_("Ví dụ: TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH"),
    )
    signer_title = _text(120, _("Chức vụ người ký"))
    signer_name = _text(120, _("Người ký"))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuer_choices(user).order_by("path")
        self.fields["coordinator"].queryset = units_manageable_by(user).order_by("path")
        for name in ("theme", "purpose", "requirements", "funding"):
            self.fields[name].widget.attrs["class"] = "grow"

    @classmethod
    def initial_from(cls, draft) -> dict:
        plan = draft.plan
        initial = {
            name: value_at(plan, path)
            for name, path in FIELD_PATHS.items()
            if name not in DATE_FIELDS
        }
        for name in DATE_FIELDS:
            value = plan.get(name)
            initial[name] = forms.DateField().to_python(value) if value else None
        initial.update(
            issuer=draft.issuer_id, coordinator=draft.coordinator_id, version=draft.version
        )
        return initial

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Ngày kết thúc không được trước ngày bắt đầu Tuần lễ."))
        opening = data.get("opening_date")
        if opening and start and end and not (start <= opening <= end):
            self.add_error("opening_date", _("Ngày khai mạc phải nằm trong Tuần lễ."))
        year = data.get("year")
        if year and start and start.year != year:
            self.add_error(
                "year",
                _("Năm phải trùng với năm diễn ra Tuần lễ (%(year)d).") % {"year": start.year},
            )
        return data


def _lines_value(span: Sequence[int] | None) -> str:
    return f"{span[0]}-{span[1]}" if span else ""


def parse_lines(value: str | None) -> list[int] | None:
    """ "12-15" (0-based, inclusive) from a hidden field back to [12, 15]."""
    try:
        first, last = (int(part) for part in (value or "").split("-"))
    except ValueError:
        return None
    return [first, last] if 0 <= first <= last else None


class ActivityForm(forms.Form):
    text = forms.CharField(
        label=_("Nội dung hoạt động"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Vui lòng nhập nội dung hoạt động.")},
    )
    lines = forms.CharField(widget=forms.HiddenInput, required=False)


class AssignmentForm(forms.Form):
    body = _text(300, _("Cơ quan được giao"), required=True)
    duties = ItemsField(label=_("Nhiệm vụ (mỗi dòng một nhiệm vụ)"), required=False)
    body_lines = forms.CharField(widget=forms.HiddenInput, required=False)
    duties_lines = forms.CharField(widget=forms.HiddenInput, required=False)


class DeadlineForm(forms.Form):
    sender = _text(300, _("Đơn vị báo cáo"), required=True)
    recipient = _text(300, _("Gửi báo cáo về"), required=True)
    date = VietnameseDateField(
        label=_("Hạn: trước ngày"),
        error_messages={"required": _("Vui lòng nhập hạn báo cáo."), "invalid": DATE_INVALID},
    )
    lines = forms.CharField(widget=forms.HiddenInput, required=False)


class _Rows(forms.BaseFormSet):
    deletion_widget = forms.CheckboxInput

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Xóa mục này")

    def kept(self) -> list[forms.Form]:
        """Rows to keep: the plan's own (unless deleted) and filled-in new ones."""
        initial = self.initial_form_count()
        return [
            form
            for index, form in enumerate(self.forms)
            if (index < initial or form.has_changed())
            and not self._should_delete_form(form)
            and form.cleaned_data
        ]


ActivityFormSet = forms.formset_factory(ActivityForm, formset=_Rows, extra=1, can_delete=True)
AssignmentFormSet = forms.formset_factory(AssignmentForm, formset=_Rows, extra=1, can_delete=True)
DeadlineFormSet = forms.formset_factory(DeadlineForm, formset=_Rows, extra=1, can_delete=True)


def formset_initials(draft) -> dict[str, list[dict]]:
    plan, spans = draft.plan, draft.spans
    activities = [
        {"text": item.get("text", ""), "lines": _lines_value(spans.get(f"activities[{i}]"))}
        for i, item in enumerate(plan.get("activities") or [])
    ]
    assignments = []
    for i, item in enumerate(plan.get("assignments") or []):
        duties_span = spans.get(f"assignments[{i}].duties") or _union(
            spans.get(f"assignments[{i}].duties[{j}]") for j in range(len(item.get("duties", [])))
        )
        assignments.append(
            {
                "body": item.get("body", ""),
                "duties": list(item.get("duties") or []),
                "body_lines": _lines_value(spans.get(f"assignments[{i}].body")),
                "duties_lines": _lines_value(duties_span),
            }
        )
    deadlines = [
        {
            "sender": item.get("from", ""),
            "recipient": item.get("to", ""),
            "date": forms.DateField().to_python(item.get("date")) if item.get("date") else None,
            "lines": _lines_value(spans.get(f"report_deadlines[{i}]")),
        }
        for i, item in enumerate(plan.get("report_deadlines") or [])
    ]
    return {"activities": activities, "assignments": assignments, "deadlines": deadlines}


def _union(spans) -> list[int] | None:
    found = [span for span in spans if span]
    if not found:
        return None
    return [min(s[0] for s in found), max(s[1] for s in found)]


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _or_none(value) -> str | None:
    value = nfc(value) if isinstance(value, str) else value
    return value or None


def corrected_plan(
    form: PlanFieldsForm, activities, assignments, deadlines, *, old_spans: Mapping
) -> tuple[dict, dict]:
    """The plan (JSON contract plus purpose/requirements/funding) and its spans
    from the valid review forms; list items keep the lines they came from."""
    data = form.cleaned_data
    plan: dict = {
        "doc_type": _or_none(data["doc_type"]),
        "number": _or_none(data["number"]),
        "issuer": _or_none(data["issuer_text"]),
        "place": _or_none(data["place"]),
        "date": _iso(data["date"]),
        "title": _or_none(data["title"]),
        "year": data["year"],
        "legal_bases": data["legal_bases"],
        "theme": _or_none(data["theme"]),
        "slogans": data["slogans"],
        "start_date": _iso(data["start_date"]),
        "end_date": _iso(data["end_date"]),
        "opening_date": _iso(data["opening_date"]),
        "activities": [],
        "assignments": [],
        "report_deadlines": [],
        "recipients": data["recipients"],
        "signer": {
            "name": _or_none(data["signer_name"]),
            "title": _or_none(data["signer_title"]),
            "authority": _or_none(data["signer_authority"]),
        },
        "purpose": _or_none(data["purpose"]),
        "requirements": _or_none(data["requirements"]),
        "funding": _or_none(data["funding"]),
    }
    spans = {path: old_spans[path] for path in FIELD_PATHS.values() if path in old_spans}
    for i, row in enumerate(activities.kept()):
        plan["activities"].append({"number": str(i + 1), "text": nfc(row.cleaned_data["text"])})
        _keep(spans, f"activities[{i}]", row.cleaned_data.get("lines"))
    for i, row in enumerate(assignments.kept()):
        plan["assignments"].append(
            {"body": nfc(row.cleaned_data["body"]), "duties": row.cleaned_data["duties"]}
        )
        _keep(spans, f"assignments[{i}].body", row.cleaned_data.get("body_lines"))
        _keep(spans, f"assignments[{i}].duties", row.cleaned_data.get("duties_lines"))
    for i, row in enumerate(deadlines.kept()):
        plan["report_deadlines"].append(
            {
                "from": nfc(row.cleaned_data["sender"]),
                "to": nfc(row.cleaned_data["recipient"]),
                "date": _iso(row.cleaned_data["date"]),
            }
        )
        _keep(spans, f"report_deadlines[{i}]", row.cleaned_data.get("lines"))
    return plan, spans


def _keep(spans: dict, key: str, value: str | None) -> None:
    span = parse_lines(value)
    if span:
        spans[key] = span


# --- Bodies -------------------------------------------------------------------------------


class BodyDecisionForm(forms.Form):
    body = forms.CharField(widget=forms.HiddenInput)
    action = forms.ChoiceField(
        label=_("Quyết định"), widget=forms.RadioSelect, required=False, choices=()
    )
    units = forms.MultipleChoiceField(
        label=_("Chọn đơn vị"),
        required=False,
        choices=(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checks"}),
    )
    name = _text(255, _("Tên đơn vị mới"))
    kind = forms.ChoiceField(
        label=_("Loại đơn vị"), required=False, choices=[("", "—"), *UnitKind.choices]
    )
    parent = forms.ChoiceField(label=_("Thuộc đơn vị (báo cáo về)"), required=False, choices=())

    def __init__(self, *args, row, candidates, suggestions, parents, **kwargs):
        super().__init__(*args, **kwargs)
        self.row = row
        actions = [
            (Action.PICK, _("Chọn đơn vị có sẵn")),
            (Action.CREATE, _("Tạo đơn vị mới")),
            (Action.IGNORE, _("Bỏ qua (không gắn đơn vị nào)")),
        ]
        if row.match.matched:
            actions.insert(0, (Action.AUTO, _("Giữ kết quả khớp")))
        self.fields["action"].choices = actions
        offered = {unit.pk for unit in suggestions}
        self.fields["units"].choices = [
            (unit.code, f"{unit.name} ({_('gợi ý')})") for unit in suggestions
        ] + [(unit.code, unit.name) for unit in candidates if unit.pk not in offered]
        self.fields["parent"].choices = [("", "—")] + [(u.code, u.name) for u in parents]

    def clean(self):
        data = super().clean()
        action = data.get("action")
        if action == Action.PICK and not data.get("units"):
            self.add_error("units", _("Hãy chọn ít nhất một đơn vị."))
        if action == Action.CREATE:
            if not (data.get("name") or "").strip():
                self.add_error("name", _("Vui lòng nhập tên đơn vị mới."))
            if not data.get("kind"):
                self.add_error("kind", _("Hãy chọn loại đơn vị."))
            if not data.get("parent"):
                self.add_error("parent", _("Hãy chọn đơn vị cấp trên của đơn vị mới."))
        return data

    def decision(self) -> dict | None:
        data = self.cleaned_data
        action = data.get("action")
        if not action:
            return None
        if action == Action.PICK:
            return {"action": action, "units": list(data["units"])}
        if action == Action.CREATE:
            return {
                "action": action,
                "name": nfc(data["name"]),
                "kind": data["kind"],
                "parent": data["parent"],
            }
        return {"action": action}


def decision_initial(row, *, default_parent: str | None = None) -> dict:
    decision = row.decision
    initial = {"body": row.body, "action": row.action, "parent": default_parent}
    if decision.get("action") == Action.PICK:
        initial["units"] = decision.get("units", [])
    if decision.get("action") == Action.CREATE:
        initial.update(
            name=decision.get("name"), kind=decision.get("kind"), parent=decision.get("parent")
        )
    else:
        initial["name"] = row.body
    return initial


# --- Create -------------------------------------------------------------------------------


class CampaignChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Campaign) -> str:
        return f"{obj.year} · {obj.issuer.display_name} · {obj.document_reference}"


class CreateCampaignForm(forms.Form):
    parent = CampaignChoiceField(
        label=_("Theo hướng dẫn của (kế hoạch cấp trên)"),
        queryset=Campaign.objects.none(),
        required=False,
        empty_label=_("— Không có —"),
    )
    report_form = forms.ModelChoiceField(
        label=_("Mẫu báo cáo"),
        queryset=Campaign.report_form.field.related_model.objects.none(),
        required=False,
        empty_label=_("— Dùng mẫu báo cáo của kế hoạch cấp trên —"),
        help_text=_("Dùng chung mẫu với cấp trên để số liệu cộng được qua các cấp."),
    )
    slug = forms.SlugField(
        label=_("Mã kế hoạch (dùng trong đường dẫn)"),
        max_length=80,
        required=False,
        help_text=_("Để trống để hệ thống tự đặt, ví dụ long-an-2021."),
        error_messages={"invalid": _("Chỉ dùng chữ không dấu, chữ số và dấu gạch ngang.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parent_campaign_choices(user)
        self.fields["report_form"].queryset = report_form_choices(user)

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or ""
        if slug and Campaign.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("Mã này đã được dùng cho một kế hoạch khác."))
        return slug

    def clean(self):
        data = super().clean()
        parent = data.get("parent")
        if not data.get("report_form") and parent is not None and parent.report_form_id is None:
            self.add_error(
                "report_form", _("Kế hoạch cấp trên chưa có mẫu báo cáo; hãy chọn một mẫu.")
            )
        return data
