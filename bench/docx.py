"""Docx: a province's consolidated report to the Ministry, drafted and rendered.

The province whose Department stands over the number of units closest to
1,000 (the largest below that size at small sizes). Each run, in a
transaction rolled back afterwards, its Department's report to the Ministry
is reopened empty and drafted from its communes' reports
(``reports.consolidate.draft_consolidated``: every figure from the roll-up,
every section from what the communes wrote), then rendered as the Decree 30
document with its appendix listing every commune
(``documents.unit_report.report_docx_bytes``). The floor: python-docx writing
the same content bare — the same section texts as plain paragraphs and the
same cells as two plain tables. Targets: ≤ 2 s, ratio ≤ 3.

    uv run python bench/docx.py [--units 50000]
"""

from __future__ import annotations

import io
import sys
import time

from _common import arguments, ensure_dataset, machine, median, setup_django, verdict

NAME = "docx"
TARGET = 3.0
SECONDS = 2.0
UNITS = 1000


def bare_docx(document) -> bytes:
    """python-docx with no layout: paragraphs and two plain tables."""
    from docx import Document

    doc = Document()
    for section in document.sections:
        doc.add_paragraph(section.title)
        for line in section.body.splitlines():
            doc.add_paragraph(line)
    table = doc.add_table(rows=0, cols=4)
    for figure in document.figures:
        cells = table.add_row().cells
        for cell, text in zip(
            cells, (figure.code, figure.label, figure.unit, figure.value), strict=True
        ):
            cell.text = text
    for appendix in document.appendices:
        table = doc.add_table(rows=1, cols=len(appendix.columns))
        for cell, column in zip(table.rows[0].cells, appendix.columns, strict=True):
            cell.text = column.title
        for row in appendix.rows:
            texts = row.cells if hasattr(row, "cells") else row
            for cell, text in zip(table.add_row().cells, texts, strict=True):
                cell.text = text
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def main() -> int:
    args = arguments(NAME, __doc__, runs=5).parse_args()
    setup_django()
    ensure_dataset(args.units, args.seed)
    from django.db import transaction

    from lifelong_week.accounts.models import User
    from lifelong_week.campaigns.models import Campaign, ReportingStep
    from lifelong_week.documents.unit_report import report_document, report_docx_bytes
    from lifelong_week.national.generator import MINISTRY_SLUG, USERNAME_PREFIX
    from lifelong_week.orgs.models import OrgUnit
    from lifelong_week.reports.consolidate import draft_consolidated
    from lifelong_week.reports.domain import open_report
    from lifelong_week.reports.enums import ReportStatus
    from lifelong_week.reports.models import FigureValue, Report, SectionText

    plans = list(Campaign.objects.filter(parent__slug=MINISTRY_SLUG).select_related("coordinator"))
    sizes = {
        p.pk: OrgUnit.objects.filter(path__startswith=p.coordinator.path).count() for p in plans
    }
    plan = min(plans, key=lambda p: (abs(sizes[p.pk] - UNITS), -sizes[p.pk]))
    department = plan.coordinator
    step = plan.steps.get(senders=department)
    clerk = User.objects.get(username=f"{USERNAME_PREFIX}{department.code.lower()}")

    def fresh_report() -> Report:
        """The Department's report to the Ministry, reopened empty (inside the
        transaction that is rolled back): a draft, entry open."""
        ReportingStep.objects.filter(pk=step.pk).update(lock_at=None)
        Report.objects.filter(step=step, unit=department).update(
            status=ReportStatus.DRAFT, in_rollup=False
        )
        FigureValue.objects.filter(report__step=step, report__unit=department).delete()
        SectionText.objects.filter(report__step=step, report__unit=department).delete()
        return open_report(step, department, by=clerk)

    ours, drafts, floor = [], [], []
    for attempt in range(args.runs + 1):  # the first is the warm-up
        with transaction.atomic():
            report = fresh_report()
            started = time.perf_counter()
            draft_consolidated(report, by=clerk)
            drafted = time.perf_counter() - started
            data = report_docx_bytes(report)
            seconds = time.perf_counter() - started
            document = report_document(report)
            started = time.perf_counter()
            bare = bare_docx(document)
            floor_seconds = time.perf_counter() - started
            transaction.set_rollback(True)
        if attempt:
            ours.append(seconds)
            drafts.append(drafted)
            floor.append(floor_seconds)
    appendix_rows = sum(len(a.rows) for a in document.appendices)
    text = sum(len(s.body) for s in document.sections)
    print(f"{NAME}: {machine()}")
    print(
        f"  dataset: {args.units} units; {department.display_name}: {sizes[plan.pk]} units, "
        f"appendix of {appendix_rows} communes, {len(document.figures)} figures, "
        f"{text} characters of drafted text"
    )
    ours_median, floor_median = median(ours), median(floor)
    print(
        f"  ours:  {ours_median:.2f} s (draft {median(drafts):.2f} s + render, "
        f"{len(data) // 1024} KB .docx)"
    )
    print(f"  floor: {floor_median:.2f} s (bare python-docx, {len(bare) // 1024} KB)")
    print(f"  target ≤ {SECONDS:.0f} s")
    verdict(NAME, ours_median / floor_median, TARGET, ok=ours_median <= SECONDS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
