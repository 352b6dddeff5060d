"""Reusable, scoped questions about reports."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

from lifelong_week.accounts.access import scope_reports
from lifelong_week.campaigns.models import FormSection, Indicator
from lifelong_week.reports.checks import cross_check
from lifelong_week.reports.models import FigureValue, Report, SectionText


def reports_visible_to(user) -> QuerySet[Report]:
    # Not the plan's imported text: no report page shows it, and a province's
    # plan runs to tens of kilobytes read on every autosave and submission.
    return scope_reports(
        user,
        Report.objects.select_related("step__receiver", "campaign__report_form", "unit").defer(
            "campaign__source_text"
        ),
    )


@dataclass
class SectionEntry:
    section: FormSection
    row: SectionText | None

    @property
    def key(self) -> str:
        """The form field's name, shared by the autosave and the full-form save."""
        return f"section-{self.section.pk}"

    @property
    def text(self) -> str:
        return self.row.text if self.row else ""

    @property
    def version(self) -> int:
        return self.row.version if self.row else 0


@dataclass
class FigureEntry:
    indicator: Indicator
    row: FigureValue | None
    display: str
    suggestion: int | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"figure-{self.indicator.pk}"

    @property
    def version(self) -> int:
        return self.row.version if self.row else 0

    @property
    def note(self) -> str:
        return self.row.note if self.row else ""


def report_entries(report: Report) -> tuple[list[SectionEntry], list[FigureEntry]]:
    """The report's sections and figures in form order, with their saved values."""
    from lifelong_week.reports.domain import display_figure

    form = report.campaign.report_form
    texts = {row.section_id: row for row in report.texts.all()}
    sections = [SectionEntry(s, texts.get(s.pk)) for s in form.sections.all()]
    rows = {row.indicator_id: row for row in report.figures.select_related("updated_by")}
    indicators = list(form.indicators.all())
    values = {i.code: rows[i.pk].value if i.pk in rows else None for i in indicators}
    warnings: dict[str, list[str]] = {}
    for warning in cross_check(values):
        warnings.setdefault(warning.code, []).append(warning.message)
    figures = [
        FigureEntry(
            indicator=i,
            row=rows.get(i.pk),
            display=display_figure(i, rows[i.pk].value, rows[i.pk].text) if i.pk in rows else "",
            warnings=warnings.get(i.code, []),
        )
        for i in indicators
    ]
    return sections, figures
