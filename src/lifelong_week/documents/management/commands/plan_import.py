"""``lifelong-week plan-import FILE [--json]``: read a plan and show what it says.

With ``--json`` it prints exactly one JSON object (the parser's contract) on
standard output. Without, a readable Vietnamese summary. A file it cannot
read — missing, a folder, binary, a damaged Word or PDF file — gives a
one-line Vietnamese message on standard error and exit status 2; so does any
unexpected error, never a traceback. Nothing is written to the database.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from lifelong_week.documents.planparser import PlanExtract, PlanReadError, parse_plan, read_document

EXIT_UNREADABLE = 2
_PREVIEW_CHARS = 90


class Command(BaseCommand):
    help = "Đọc một kế hoạch/công văn (.txt, .docx, .pdf) và in các thông tin trích ra."

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp văn bản cần đọc (.txt, .docx, .pdf)")
        parser.add_argument(
            "--json",
            action="store_true",
            dest="as_json",
            help="in kết quả dạng JSON (một đối tượng)",
        )

    def handle(self, *args, file: str, as_json: bool = False, **options):
        _use_utf8()
        try:
            extract = parse_plan(read_document(Path(file)))
            output = _as_json(extract) if as_json else _summary(extract)
        except PlanReadError as error:
            self._fail(str(error))
        except Exception as error:
            # The contract is one line and status 2, whatever went wrong.
            self._fail(f"Lỗi không mong đợi khi đọc văn bản ({type(error).__name__}).")
        self.stdout.write(output)

    def _fail(self, message: str) -> None:
        self.stderr.write(" ".join(message.split()))
        raise SystemExit(EXIT_UNREADABLE)


def _use_utf8() -> None:
    """Vietnamese text must reach a pipe intact whatever the locale says."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8")


def _as_json(extract: PlanExtract) -> str:
    return json.dumps(extract.to_json_dict(), ensure_ascii=False)


def _date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "(không rõ)"


def _text(value: str | None) -> str:
    return value if value else "(không có)"


def _preview(text: str) -> str:
    first = text.split("\n", 1)[0]
    return first if len(first) <= _PREVIEW_CHARS else first[: _PREVIEW_CHARS - 1] + "…"


def _summary(extract: PlanExtract) -> str:
    """A readable Vietnamese summary of the extract."""
    issuer = _text(extract.issuer)
    if extract.issuer_inferred:
        issuer += " (suy ra từ nội dung)"
    lines = [
        f"Loại văn bản: {_text(extract.doc_type)}",
        f"Số, ký hiệu: {_text(extract.number)}",
        f"Cơ quan ban hành: {issuer}",
        f"Nơi ban hành: {_text(extract.place)} — ngày {_date(extract.date)}",
        f"Trích yếu: {_text(extract.title)}",
        f"Năm: {extract.year or '(không rõ)'}",
        f"Chủ đề: {_text(extract.theme)}",
        f"Thời gian: {_date(extract.start_date)} – {_date(extract.end_date)}; "
        f"khai mạc {_date(extract.opening_date)}",
    ]
    lines += _section("Căn cứ", extract.legal_bases)
    lines += _section("Khẩu hiệu", extract.slogans)
    lines += _section("Hoạt động", [f"{a.number}. {_preview(a.text)}" for a in extract.activities])
    lines += _section(
        "Phân công",
        [f"{a.body}: {len(a.duties)} nhiệm vụ" for a in extract.assignments],
    )
    lines += _section(
        "Hạn báo cáo",
        [f"{d.sender} → {d.recipient}: {_date(d.date)}" for d in extract.report_deadlines],
    )
    lines += _section("Nơi nhận", extract.recipients)
    signer = extract.signer
    parts = [p for p in (signer.authority, signer.title, signer.name) if p]
    lines.append(f"Người ký: {' / '.join(parts) if parts else '(không rõ)'}")
    lines += _section("Cảnh báo", extract.warnings)
    return "\n".join(lines)


def _section(title: str, items: list[str]) -> list[str]:
    if not items:
        return [f"{title}: (không có)"]
    return [f"{title} ({len(items)}):", *(f"  - {item}" for item in items)]
