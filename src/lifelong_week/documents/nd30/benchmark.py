"""Time the rendering of a consolidated report with a large appendix.

    uv run python -m lifelong_week.documents.nd30.benchmark [rows] [repeats]

The budget is 2 s for a 1,000-row × 8-column appendix, .docx bytes included.
Two cases are timed: a consolidated report built on :class:`OfficialDocument`
with an 8-column landscape appendix, and :func:`render_report` with as many
figure rows (4 columns plus group rows).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import replace

from .layout import OfficialDocument
from .report import FigureRow, report_to_bytes
from .samples import DEPARTMENT, department_report
from .tables import Column, TableRow
from .vietnamese import format_number

CONSOLIDATED_COLUMNS = (
    Column("TT", 0.6, "center"),
    Column("Đơn vị", 3.0),
    Column("Số lớp học", 1.2, "right"),
    Column("Lượt người học", 1.4, "right"),
    Column("Lượt bạn đọc", 1.4, "right"),
    Column("Tin, bài", 1.0, "right"),
    Column("Kinh phí (đồng)", 1.8, "right"),
    Column("Ghi chú", 1.6),
)


def consolidated_rows(count: int) -> list[TableRow]:
    """``count`` rows of 8 columns, as a province-wide roll-up by unit."""
    return [
        TableRow(
            (
                str(i),
                f"Trường Trung học cơ sở số {i}",
                format_number(i % 40 + 1),
                format_number(i * 37 % 5000),
                format_number(i * 53 % 9000),
                format_number(i % 17),
                format_number(i * 125_000),
                "Đúng hạn" if i % 7 else "Trễ hạn",
            )
        )
        for i in range(1, count + 1)
    ]


def render_consolidated(rows: list[TableRow]) -> bytes:
    """A consolidated report: header, a short body, closing, landscape appendix."""
    out = OfficialDocument()
    out.add_header(DEPARTMENT, type_abbr="BC", number=45, date=None, month=10, year=2021)
    out.add_title("BÁO CÁO", "Tổng hợp kết quả tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2021")
    out.add_heading("I. Kết quả", level=1)
    out.add_paragraph("Số liệu chi tiết tại Phụ lục I kèm theo.")
    out.end_text()
    out.add_closing(["Bộ GD&ĐT (b/c)", "Lưu: VT"], department_report().signature)
    out.add_appendix(
        "Tổng hợp số liệu theo đơn vị",
        "(Kèm theo Báo cáo số 45/BC-SGDĐT ngày 25/10/2021 của Sở Giáo dục và Đào tạo)",
        landscape=True,
    )
    out.add_table(CONSOLIDATED_COLUMNS, rows)
    return out.to_bytes()


def render_figures_report(count: int) -> bytes:
    """The unit report renderer with ``count`` figure rows in its appendix."""
    figures = [
        FigureRow(f"Nhóm {i // 20 + 1}", str(i), f"Chỉ tiêu số {i}", "người", format_number(i * 11))
        for i in range(1, count + 1)
    ]
    return report_to_bytes(replace(department_report(), figures=figures))


def _best_of(repeats: int, action: Callable[[], bytes]) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(repeats):
        start = time.perf_counter()
        size = len(action())
        times.append(time.perf_counter() - start)
    return min(times), size


def main(argv: list[str]) -> None:
    count = int(argv[0]) if argv else 1000
    repeats = int(argv[1]) if len(argv) > 1 else 5
    rows = consolidated_rows(count)
    cases = {
        f"consolidated, {count} rows x 8 columns": lambda: render_consolidated(rows),
        f"render_report, {count} figure rows": lambda: render_figures_report(count),
    }
    for name, action in cases.items():
        seconds, size = _best_of(repeats, action)
        print(f"{name}: best of {repeats} {seconds:.3f} s, {size / 1024:.0f} KiB")


if __name__ == "__main__":
    main(sys.argv[1:])
