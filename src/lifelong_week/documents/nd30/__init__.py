"""Official documents laid out by Decree 30/2020/NĐ-CP (see ``shared/ND30.md``).

Pure python-docx, no Django: renderers pass plain values in and get a
python-docx ``Document`` (or bytes) out.

* :mod:`.settings` — :class:`LayoutSettings`, every adjustable rule;
* :mod:`.layout` — :class:`OfficialDocument`, the one layout module;
* :mod:`.vietnamese` — numbers, dates, numbering the Vietnamese way;
* :mod:`.report` — :func:`render_report` for a unit's report (Mẫu BC).
"""

from .data import Issuer, Signature
from .layout import OfficialDocument
from .report import (
    Appendix,
    FigureRow,
    ReportDocument,
    ReportSection,
    render_report,
    report_to_bytes,
)
from .settings import DEFAULT_SETTINGS, LayoutSettings
from .tables import Column, TableRow
from .vietnamese import (
    format_money,
    format_number,
    format_place_date,
    point_label,
    roman_numeral,
    vietnamese_letter,
)

__all__ = [
    "DEFAULT_SETTINGS",
    "Appendix",
    "Column",
    "FigureRow",
    "Issuer",
    "LayoutSettings",
    "OfficialDocument",
    "ReportDocument",
    "ReportSection",
    "Signature",
    "TableRow",
    "format_money",
    "format_number",
    "format_place_date",
    "point_label",
    "render_report",
    "report_to_bytes",
    "roman_numeral",
    "vietnamese_letter",
]
