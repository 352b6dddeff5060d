"""A unit's report as its official Decree 30 document (the plan's *Mẫu BC*)."""

from __future__ import annotations

from django.utils.text import slugify

from lifelong_week.core.text import fold
from lifelong_week.documents.nd30 import report as nd30
from lifelong_week.documents.nd30.data import Issuer, Signature
from lifelong_week.orgs.enums import UnitKind
from lifelong_week.orgs.models import OrgUnit
from lifelong_week.reports.consolidate import units_table
from lifelong_week.reports.domain import display_figure
from lifelong_week.reports.models import Report

FALLBACK_SIGNER_TITLE = "THỦ TRƯỞNG ĐƠN VỊ"


def issuer_of(unit: OrgUnit) -> Issuer:
    return Issuer(
        governing_body=unit.governing_body,
        issuing_name=unit.issuing_name or unit.name,
        symbol=unit.doc_symbol,
        place=unit.place_name,
    )


def signature_of(unit: OrgUnit) -> Signature:
    """The unit's head signs; a People's Committee signs on behalf of the body."""
    authority = ["TM. ỦY BAN NHÂN DÂN"] if unit.kind == UnitKind.PEOPLES_COMMITTEE else []
    return Signature(
        authority_lines=authority,
        title=unit.head_title or FALLBACK_SIGNER_TITLE,
        name=unit.head_name,
    )


def recipients_of(report: Report) -> list[str]:
    """ "Nơi nhận": the form's own lines when the report goes where the form says
    (the campaign's coordinating unit), else the receiving unit; then the
    copies, each "(b/c)" since they are reported to; then the archive."""
    form = report.campaign.report_form
    step = report.step
    if form.recipients and step.receiver_id == report.campaign.coordinator_id:
        lines = list(form.recipients)
    else:
        lines = [f"{step.receiver.display_name} (b/c)"]
    lines += [f"{unit.display_name} (b/c)" for unit in step.copy_to.all()]
    lines.append("Lưu: VT")
    return lines


UNITS_APPENDIX_TITLE = "DANH SÁCH ĐƠN VỊ BÁO CÁO VÀ MỘT SỐ SỐ LIỆU CHÍNH"


def report_document(report: Report) -> nd30.ReportDocument:
    form = report.campaign.report_form
    texts = {row.section_id: row.text for row in report.texts.all()}
    values = {row.indicator_id: row for row in report.figures.all()}
    figures = []
    # Numbered 1, 2, 3… as an official table's "TT" column: the indicator's
    # code is the platform's key, never printed.
    for number, indicator in enumerate(form.indicators.all(), start=1):
        row = values.get(indicator.pk)
        shown = display_figure(indicator, row.value, row.text) if row else ""
        figures.append(
            nd30.FigureRow(
                group=indicator.group,
                code=str(number),
                label=indicator.label,
                unit=indicator.unit_of_measure,
                value=shown,
            )
        )
    date = report.doc_date
    month = date.month if date else report.step.deadline.month
    year = date.year if date else report.campaign.year
    return nd30.ReportDocument(
        issuer=issuer_of(report.unit),
        number=report.doc_number,
        date=date,
        month=month,
        year=year,
        summary=form.report_title,
        sections=[
            nd30.ReportSection(
                code=section.code,
                part_title=section.part_title,
                title=section.title,
                body=texts.get(section.pk, ""),
            )
            for section in form.sections.all()
        ],
        figures=figures,
        recipients=recipients_of(report),
        signature=signature_of(report.unit),
        appendices=_units_appendix(report),
    )


def _units_appendix(report: Report) -> list[nd30.Appendix]:
    """A consolidated report lists the units it consolidates."""
    table = units_table(report)
    if table is None:
        return []
    columns, rows = table
    return [nd30.Appendix(title=UNITS_APPENDIX_TITLE, columns=columns, rows=rows)]


def report_docx_bytes(report: Report) -> bytes:
    return nd30.report_to_bytes(report_document(report))


def report_filename(report: Report) -> str:
    """ "bao-cao-long-an-2021-803-ubnd-huyen-ben-luc" — safe on every system."""
    return slugify(
        fold(f"bao cao {report.campaign.slug} {report.unit.code} {report.unit.display_name}")
    )
