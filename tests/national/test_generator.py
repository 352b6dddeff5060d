"""The synthetic national dataset: its tree, its campaigns, its reports, and the
same dataset for the same seed."""

from __future__ import annotations

import hashlib
from collections import Counter
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from vietnam_provinces import Province, Ward

from lifelong_week.accounts.access import has_role
from lifelong_week.accounts.enums import Role
from lifelong_week.accounts.models import User
from lifelong_week.campaigns.enums import ValueType
from lifelong_week.campaigns.models import Campaign, ReportingStep
from lifelong_week.national.generator import (
    MINISTRY_SLUG,
    GeneratorError,
    generate_national,
    tree_size,
)
from lifelong_week.orgs.enums import AdminLevel, UnitKind
from lifelong_week.orgs.models import OrgUnit
from lifelong_week.reports.domain import submission_problems
from lifelong_week.reports.enums import ReportStatus
from lifelong_week.reports.models import FigureValue, Report, SectionText
from lifelong_week.reports.rollup import breakdown, rollup

pytestmark = pytest.mark.django_db

SENT = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)


class _Undo(Exception):
    pass


def fingerprint() -> str:
    """Everything a user would see of the dataset, without database ids."""
    parts = [
        sorted(
            OrgUnit.objects.values_list(
                "code", "parent__code", "name", "kind", "admin_level", "path"
            )
        ),
        sorted(
            Report.objects.values_list(
                "unit__code",
                "campaign__slug",
                "step__title",
                "status",
                "submitted_at",
                "reviewed_at",
                "late_by",
                "doc_number",
            )
        ),
        sorted(FigureValue.objects.values_list("report__unit__code", "indicator__code", "value")),
        sorted(SectionText.objects.values_list("report__unit__code", "section__code", "text")),
        sorted(Campaign.objects.values_list("slug", "parent__slug", "issuer__code")),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def generated(units: int, seed: int) -> str:
    """Generate, fingerprint, and undo, leaving the database as it was."""
    try:
        with transaction.atomic():
            generate_national(units=units, seed=seed)
            found = fingerprint()
            raise _Undo
    except _Undo:
        return found


def test_the_same_seed_gives_the_same_dataset_and_another_seed_another():
    first = generated(150, seed=7)
    assert OrgUnit.objects.count() == 0
    assert generated(150, seed=7) == first
    assert generated(150, seed=8) != first


def test_the_tree_is_ministry_provinces_communes_schools_with_real_names():
    result = generate_national(units=400, seed=1)

    assert result.units == OrgUnit.objects.count() == 400
    communes, members = tree_size(400)
    ministry = OrgUnit.objects.get(parent=None)
    assert (ministry.code, ministry.kind) == ("BGDDT", UnitKind.MINISTRY)
    provinces = OrgUnit.objects.filter(parent=ministry)
    assert provinces.count() == 34
    assert set(provinces.values_list("code", flat=True)) == {
        f"{int(p.code):02d}" for p in Province.iter_all()
    }
    assert OrgUnit.objects.get(code="01").name == "Ủy ban nhân dân thành phố Hà Nội"
    assert OrgUnit.objects.get(code="04").name == "Ủy ban nhân dân tỉnh Cao Bằng"
    for province in provinces:  # each province has its Department of Education below it
        (department,) = province.children.all()
        assert department.code == f"{province.code}-SGDDT"
        assert department.kind == UnitKind.DEPARTMENT
    commune_units = OrgUnit.objects.filter(admin_level=AdminLevel.COMMUNE)
    assert commune_units.count() == communes
    assert set(commune_units.values_list("depth", flat=True)) == {3}
    for commune in commune_units:  # real wards and communes, in their real province
        ward = Ward.from_code(int(commune.code))
        assert commune.name.endswith(ward.name.split(" ", 1)[1])
        assert commune.parent.parent.code == f"{int(ward.province_code):02d}"
        kinds = Counter(commune.children.values_list("kind", flat=True))
        assert kinds[UnitKind.LEARNING_CENTRE] == 1
    grassroots = OrgUnit.objects.filter(admin_level=AdminLevel.GRASSROOTS)
    assert grassroots.count() == members
    assert set(grassroots.values_list("depth", flat=True)) == {4}
    assert OrgUnit.objects.filter(search_text__contains="ha noi").exists()


def test_campaign_chain_and_steps_follow_the_reporting_line():
    generate_national(units=300, seed=2)

    guidance = Campaign.objects.get(slug=MINISTRY_SLUG)
    plans = Campaign.objects.filter(parent=guidance)
    assert plans.count() == 34
    assert guidance.report_form.indicators.count() == 40
    hanoi = plans.get(slug="ha-noi-2025")
    assert (hanoi.issuer.code, hanoi.coordinator.code) == ("01", "01-SGDDT")
    for commune in OrgUnit.objects.filter(admin_level=AdminLevel.COMMUNE):
        step = ReportingStep.objects.get(receiver=commune)
        assert set(step.senders.all()) == set(commune.children.all())
    for plan in plans:
        to_department = plan.steps.get(order=2)
        assert to_department.receiver == plan.coordinator
        assert set(to_department.senders.all()) == set(plan.coordinator.children.all())
        to_ministry = plan.steps.get(order=3)
        assert to_ministry.receiver.code == "BGDDT"
        assert list(to_ministry.senders.all()) == [plan.coordinator]


def test_reports_in_every_state_mostly_sent_with_every_figure_and_no_warning():
    result = generate_national(units=700, seed=3)

    statuses = Counter(Report.objects.values_list("status", flat=True))
    assert set(statuses) == {
        ReportStatus.DRAFT,
        ReportStatus.SUBMITTED,
        ReportStatus.ACCEPTED,
        ReportStatus.RETURNED,
    }
    assert sum(statuses[s] for s in SENT) > 0.75 * result.reports
    not_started = OrgUnit.objects.exclude(depth__lte=1).filter(reports=None).count()
    assert 0 < not_started < 0.1 * 700
    for report in Report.objects.filter(status__in=SENT)[:200]:
        problems = submission_problems(report)
        assert not problems.blocking
        assert not problems.explained
        assert report.submitted_at is not None
        assert report.texts.count() == 8
    full = (*SENT, ReportStatus.RETURNED)
    assert FigureValue.objects.filter(report__status__in=full).count() == 40 * sum(
        statuses[s] for s in full
    )
    assert (
        FigureValue.objects.filter(report__status=ReportStatus.DRAFT).count()
        < 40 * (statuses[ReportStatus.DRAFT])
    )
    late = Report.objects.filter(late_by__isnull=False)
    assert late.exists()
    for report in late[:50]:
        assert report.submitted_at - report.step.deadline == report.late_by


def test_a_commune_reports_at_least_what_its_schools_sent():
    generate_national(units=400, seed=4)
    summing = [
        code
        for code, kind in Campaign.objects.get(
            slug=MINISTRY_SLUG
        ).report_form.indicators.values_list("code", "value_type")
        if kind != ValueType.BOOLEAN
    ]
    for commune_report in Report.objects.filter(
        unit__admin_level=AdminLevel.COMMUNE, status__in=SENT
    )[:30]:
        own = dict(commune_report.figures.values_list("indicator__code", "value"))
        below = Counter()
        for code, value in FigureValue.objects.filter(
            report__unit__parent=commune_report.unit,
            report__status__in=[*SENT, ReportStatus.RETURNED],
        ).values_list("indicator__code", "value"):
            below[code] += value
        for code in summing:
            assert own[code] >= below[code], code


def expected_totals(campaign: Campaign, unit: OrgUnit) -> dict[str, Decimal]:
    """The roll-up computed by hand: counted reports, the highest one per branch."""
    counted = list(
        Report.objects.filter(
            campaign=campaign, status__in=SENT, unit__path__startswith=unit.path
        ).values_list("pk", "unit__path")
    )
    paths = {path for _pk, path in counted}
    kept = [
        pk
        for pk, path in counted
        if not any(path != other and path.startswith(other) for other in paths)
    ]
    totals: Counter = Counter()
    for code, value in FigureValue.objects.filter(report__in=kept).values_list(
        "indicator__code", "value"
    ):
        totals[code] += value
    return totals


def test_the_stored_rollup_matches_the_reports_after_generation():
    generate_national(units=400, seed=5)

    plan = Campaign.objects.get(slug="ha-noi-2025")
    department = plan.coordinator
    totals = {t.indicator.code: t.total for t in rollup(plan, department).totals if t.sums}
    expected = expected_totals(plan, department)
    assert totals == {code: expected.get(code) for code in totals}
    for row in breakdown(plan, department):
        expected = expected_totals(plan, row.unit)
        got = {t.indicator.code: t.total for t in row.totals if t.sums}
        assert got == {code: expected.get(code) for code in got}


def test_every_unit_has_an_account_receiving_units_coordinate():
    generate_national(units=200, seed=6)

    assert User.objects.filter(username__startswith="qg.").count() == 200
    ministry_user = User.objects.get(username="qg.bgddt")
    assert has_role(ministry_user, OrgUnit.objects.get(code="BGDDT"), Role.COORDINATOR)
    department_user = User.objects.get(username="qg.01-sgddt")
    assert has_role(department_user, OrgUnit.objects.get(code="01-SGDDT"), Role.COORDINATOR)
    assert has_role(department_user, OrgUnit.objects.get(code="01-SGDDT"), Role.REPORTER)
    school = OrgUnit.objects.filter(kind=UnitKind.SCHOOL).first()
    school_user = User.objects.get(username=f"qg.{school.code.lower()}")
    assert has_role(school_user, school, Role.REPORTER)
    assert not has_role(school_user, school.parent, Role.REPORTER)
    assert school_user.check_password("hoctap-2021")


def test_a_database_with_units_is_refused():
    OrgUnit.objects.create(code="X1", name="Đơn vị có sẵn", kind="other", admin_level="central")
    with pytest.raises(GeneratorError) as error:
        generate_national(units=200)
    assert "đã có đơn vị" in error.value.message
    assert OrgUnit.objects.count() == 1


def test_the_command_prints_what_it_made(capsys):
    call_command("generate_national", units=150, seed=9)
    out = capsys.readouterr().out
    assert "Đã tạo 150 đơn vị, 35 kế hoạch" in out
    assert "qg.bgddt" in out
    with pytest.raises(CommandError, match="đã có đơn vị"):
        call_command("generate_national", units=150)
