"""Parser for Vietnamese administrative plans (Kế hoạch) and letters (Công văn).

Pure Python, no Django. The public API:

* :func:`read_document` — a .txt, .docx or .pdf file → list of lines;
  raises :class:`PlanReadError` (message in Vietnamese) when it cannot.
* :func:`parse_plan` — text or list of lines → :class:`PlanExtract`, whose
  ``to_json_dict()`` is the exchange contract and whose ``spans`` map each
  value's JSON path to its source lines (0-based, inclusive).

Example::

    lines = read_document("ke-hoach.docx")
    extract = parse_plan(lines)
    extract.to_json_dict()["theme"], extract.spans.get("theme")
"""

from .errors import PlanReadError
from .model import Activity, Assignment, PlanExtract, ReportDeadline, Signer
from .parser import parse_plan
from .readers import read_document

__all__ = [
    "Activity",
    "Assignment",
    "PlanExtract",
    "PlanReadError",
    "ReportDeadline",
    "Signer",
    "parse_plan",
    "read_document",
]
