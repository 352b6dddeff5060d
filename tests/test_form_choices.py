"""Every choice a form offers is scoped: walked for a coordinator of another
province, no form in the project offers a Long An unit, campaign or report
form, and no issuer above the province's own People's Committee. And the
server re-checks a posted value against the same scope, so a forged choice
is refused at its field with nothing saved."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from django import forms

import lifelong_week
from lifelong_week.accounts.models import User
from lifelong_week.campaigns.forms import AssignmentForm, CampaignForm, StepForm
from lifelong_week.campaigns.models import Campaign, ReportForm
from lifelong_week.campaigns.plan_import.forms import (
    BodyDecisionForm,
    CreateCampaignForm,
    PlanFieldsForm,
    UploadForm,
)
from lifelong_week.campaigns.plan_import.queries import candidate_units
from lifelong_week.documents.views import ExportForm
from lifelong_week.orgs.models import OrgUnit
from lifelong_week.reports.events import EventForm
from lifelong_week.reports.monitor import ExtensionForm

pytestmark = pytest.mark.django_db

LONG_AN = "/BGDDT/80/"
# Forms whose choices are a fixed list (kinds, statuses), never data to scope.
FIXED_CHOICES = {"TokenForm"}  # how long a key lasts
HAU_GIANG = "/BGDDT/93/"


def _all_form_classes() -> set[type]:
    for module in pkgutil.walk_packages(lifelong_week.__path__, "lifelong_week."):
        if ".migrations" not in module.name and "management" not in module.name:
            importlib.import_module(module.name)
    found, todo = set(), [forms.BaseForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("lifelong_week."):
                found.add(sub)
    return found


def _offers_choices(form_class) -> bool:
    fields = getattr(form_class, "base_fields", {})
    return any(isinstance(f, forms.ChoiceField) for f in fields.values()) or ("campaign" in fields)


@pytest.fixture
def hau_giang_only_form(full_demo):
    """A report form only Hậu Giang's plan uses (a province may have its own)."""
    form = ReportForm.objects.create(
        code="mau-hau-giang", title="Mẫu riêng Hậu Giang", report_title="Báo cáo"
    )
    Campaign.objects.filter(slug="hau-giang-2021").update(report_form=form)
    return form


def builders(demo):
    """How each form that offers choices is built for a user, as its view builds it."""
    hau_giang = Campaign.objects.get(slug="hau-giang-2021")
    step = hau_giang.steps.order_by("order").first()
    department = OrgUnit.objects.get(code="93-SGDDT")
    return {
        CampaignForm: lambda user: CampaignForm(user=user, instance=hau_giang),
        AssignmentForm: lambda user: AssignmentForm(user=user),
        StepForm: lambda user: StepForm(user=user),
        UploadForm: lambda user: UploadForm(user=user),
        PlanFieldsForm: lambda user: PlanFieldsForm(user=user),
        CreateCampaignForm: lambda user: CreateCampaignForm(user=user),
        EventForm: lambda user: EventForm(user=user),
        ExtensionForm: lambda user: ExtensionForm(step=step),
        ExportForm: lambda user: ExportForm(user=user),
        BodyDecisionForm: lambda user: BodyDecisionForm(
            row=_row(),
            candidates=list(candidate_units(user, department.parent)),
            suggestions=[],
            parents=[department],
        ),
    }


def _row():
    from types import SimpleNamespace

    return SimpleNamespace(
        match=SimpleNamespace(matched=False, units=[], group=False), body="Sở Y tế", key="x"
    )


def _offered(form) -> dict[str, list]:
    """field name → what it offers (model objects, or values of plain choices)."""
    offered = {}
    for name, field in form.fields.items():
        if isinstance(field, forms.ModelChoiceField):
            offered[name] = list(field.queryset)
        elif isinstance(field, forms.ChoiceField):
            offered[name] = [value for value, _label in field.choices if value]
        elif isinstance(getattr(field, "widget", None), forms.Select):
            offered[name] = [value for value, _label in field.widget.choices if value]
    return offered


def test_no_form_offers_another_province_anything(full_demo, hau_giang_only_form):
    table = builders(full_demo)
    with_choices = {c for c in _all_form_classes() if _offers_choices(c)}
    # Every form offering choices is in the table, so a new one is walked too
    # (forms whose choices are fixed lists, not data, need no scope).
    fixed = {name for name in FIXED_CHOICES}
    assert {c.__name__ for c in with_choices - set(table)} == fixed

    long_an = Campaign.objects.get(slug="long-an-2021")
    outsider = User.objects.get(username="sogd.dieuphoi")  # Long An's coordinator
    for form_class, build in table.items():
        form = build(outsider)
        for name, values in _offered(form).items():
            for value in values:
                where = f"{form_class.__name__}.{name}: {value!r}"
                if isinstance(value, OrgUnit):
                    assert not value.path.startswith(HAU_GIANG), where
                elif isinstance(value, Campaign):
                    assert value.slug != "hau-giang-2021", where
                elif isinstance(value, ReportForm):
                    assert value != hau_giang_only_form, where
                else:
                    assert value != "hau-giang-2021", where
    # And Long An's coordinator may issue only as its own People's Committee or below.
    issuers = CampaignForm(user=outsider, instance=long_an).fields["issuer"].queryset
    assert {u.code for u in issuers if not u.path.startswith(LONG_AN)} == set()
    assert issuers.filter(code="80").exists()


def test_a_forged_issuer_or_report_form_is_refused_at_its_field(full_demo, hau_giang_only_form):
    long_an = Campaign.objects.get(slug="long-an-2021")
    coordinator = User.objects.get(username="sogd.dieuphoi")
    data = {
        name: field.widget.format_value(field.prepare_value(value))
        if not isinstance(value, list)
        else "\n".join(value)
        for name, field in CampaignForm(user=coordinator, instance=long_an).fields.items()
        if (value := CampaignForm(user=coordinator, instance=long_an).initial.get(name)) is not None
    }
    ministry = OrgUnit.objects.get(code="BGDDT")
    for field, forged in (("issuer", ministry.pk), ("report_form", hau_giang_only_form.pk)):
        form = CampaignForm({**data, field: forged}, user=coordinator, instance=long_an)
        assert not form.is_valid()
        assert form.errors[field] == [
            "Hãy chọn một lựa chọn hợp lệ. Lựa chọn đó không phải là một trong các lựa chọn khả thi."
        ]
    long_an.refresh_from_db()
    assert (long_an.issuer.code, long_an.report_form.code) == ("80", "mau-bc-tuan-le-htsd-2021")
