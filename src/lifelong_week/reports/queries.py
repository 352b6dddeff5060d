"""Reusable, scoped questions about reports."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

from lifelong_week.accounts.access import scope_entry_reports, scope_reports
from lifelong_week.campaigns.models import FormSection, Indicator
from lifelong_week.reports.checks import ranges_of
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


# What a workflow action reads with the report it changes: the step's
# deadline, lock and receiving unit (who is told, named in the message), the
# campaign's title, form and rule on the head's approval, the unit's names.
# A submission on a deadline day reads nothing else: the rest stays unread.
_ACTION_FIELDS = (
    *(f.name for f in Report._meta.concrete_fields),
    "step__campaign",
    "step__deadline",
    "step__lock_at",
    "step__receiver__code",
    "step__receiver__name",
    "step__receiver__short_name",
    "campaign__title",
    "campaign__report_form",
    "campaign__requires_head_approval",
    "unit__code",
    "unit__name",
    "unit__short_name",
    "unit__path",
)


def reports_entered_by(user) -> QuerySet[Report]:
    """The reports ``user`` writes, read as a workflow action needs them."""
    return scope_entry_reports(
        user,
        Report.objects.select_related("step__receiver", "campaign", "unit").only(*_ACTION_FIELDS),
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

    @property
    def explained(self) -> bool:
        return bool(self.note.strip())


def report_entries(report: Report) -> tuple[list[SectionEntry], list[FigureEntry]]:
    """The report's sections and figures in form order, with their saved values."""
    from lifelong_week.reports.domain import display_figure, report_warnings

    form = report.campaign.report_form
    texts = {row.section_id: row for row in report.texts.all()}
    sections = [SectionEntry(s, texts.get(s.pk)) for s in form.sections.all()]
    rows = {row.indicator_id: row for row in report.figures.select_related("updated_by")}
    indicators = list(form.indicators.all())
    values = {i.code: rows[i.pk].value if i.pk in rows else None for i in indicators}
    ranges = ranges_of(
        (i.code, i.plausible_min, i.plausible_max, i.unit_of_measure) for i in indicators
    )
    warnings: dict[str, list[str]] = {}
    for warning in report_warnings(report, values, ranges):
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
