"""Export: the national .xlsx — every unit's report × 40 figures — time and peak memory.

Ours: ``documents.exporters.FiguresExporter`` over each province's plan,
chained into one ``write_xlsx`` workbook (openpyxl write-only, rows read in
batches), as the export page and ``export-figures`` do for one plan. The
floor: a bare openpyxl write-only loop writing the same cells, read back
from a file of marshalled rows (written beforehand, not timed). Each run is
its own process, so its peak resident memory is the
export's (``VmHWM``); the process's memory before the export starts is shown too.
Targets: ≤ 1.5× the floor's time, peak memory ≤ 300 MB.

    uv run python bench/export.py [--units 50000] [--runs 3]
"""

from __future__ import annotations

import json
import marshal
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import (
    BENCH_DIR,
    arguments,
    broken,
    ensure_dataset,
    machine,
    median,
    setup_django,
    verdict,
)

NAME = "export"
TARGET = 1.5
PEAK_MB = 300
CHUNK = 1000


def _rss_mb() -> float:
    """Peak resident memory of this process so far (Linux: VmHWM, which
    unlike ``ru_maxrss`` does not count the parent's memory before exec)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _plans():
    from lifelong_week.campaigns.models import Campaign
    from lifelong_week.national.generator import MINISTRY_SLUG

    return list(
        Campaign.objects.filter(parent__slug=MINISTRY_SLUG)
        .select_related("report_form")
        .order_by("issuer__code")
    )


def _ours_rows():
    from lifelong_week.documents.exporters import FiguresExporter

    exporters = [FiguresExporter(plan) for plan in _plans()]
    header = exporters[0].header()

    def rows():
        for exporter in exporters:
            yield from exporter.rows()

    return header, rows()


def child(mode: str, out: Path, cells: Path) -> None:
    """One timed export in this process; prints a JSON line with the figures."""
    if mode == "ours":
        setup_django()
        from lifelong_week.documents.exporters import write_xlsx

        before = _rss_mb()
        started = time.perf_counter()
        header, rows = _ours_rows()
        write_xlsx(header, rows, out, title="Số liệu toàn quốc")
    else:
        from openpyxl import Workbook

        before = _rss_mb()
        started = time.perf_counter()
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title="Số liệu toàn quốc")
        with cells.open("rb") as source:
            while True:
                try:
                    chunk = marshal.load(source)  # noqa: S302 - our own file, written above
                except EOFError:
                    break
                for row in chunk:
                    sheet.append(row)
        workbook.save(out)
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "peak_mb": _rss_mb(), "before_mb": before}))


def run_child(mode: str, out: Path, cells: Path) -> dict:
    result = subprocess.run(  # noqa: S603 - this very script
        [sys.executable, str(BENCH_DIR / "export.py"), "--child", mode, str(out), str(cells)],
        capture_output=True,
        text=True,
        check=False,
        env=os.environ.copy(),
    )
    if result.returncode != 0:
        print(result.stderr[-3000:], file=sys.stderr)
        raise RuntimeError(f"the {mode} export failed")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
        return 0
    args = arguments(NAME, __doc__, runs=3).parse_args()
    setup_django()
    ensure_dataset(args.units, args.seed)
    from openpyxl import load_workbook

    print(f"{NAME}: {machine()}")
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        directory = Path(tmp)
        cells = directory / "cells.marshal"
        count = 0
        with cells.open("wb") as out:
            header, rows = _ours_rows()
            chunk = [header]
            for row in rows:
                chunk.append(row)
                count += 1
                if len(chunk) == CHUNK:
                    marshal.dump(chunk, out)
                    chunk = []
            if chunk:
                marshal.dump(chunk, out)
        print(f"  dataset: {args.units} units; workbook: {count} rows × {len(header)} columns")
        results = {"ours": [], "floor": []}
        for attempt in range(args.runs + 1):  # the first of each is the warm-up
            for mode in results:
                measured = run_child(mode, directory / f"{mode}.xlsx", cells)
                if attempt:
                    results[mode].append(measured)
        workbook = load_workbook(directory / "ours.xlsx", read_only=True)
        written = sum(1 for _row in workbook.active.iter_rows(max_col=1, values_only=True)) - 1
        workbook.close()
        size = (directory / "ours.xlsx").stat().st_size / 1024 / 1024
    ours = median([r["seconds"] for r in results["ours"]])
    floor = median([r["seconds"] for r in results["floor"]])
    peak = max(r["peak_mb"] for r in results["ours"])
    before = max(r["before_mb"] for r in results["ours"])
    floor_peak = max(r["peak_mb"] for r in results["floor"])
    if written != count:
        broken(f"the workbook has {written} data rows, not {count}")
    ok = peak <= PEAK_MB
    print(f"  ours:  {ours:.1f} s, peak memory {peak:.0f} MB ({before:.0f} MB before the export)")
    print(f"  floor: {floor:.1f} s, peak memory {floor_peak:.0f} MB")
    print(f"  the workbook has {written} data rows ({size:.1f} MB); target peak ≤ {PEAK_MB} MB")
    verdict(NAME, ours / floor, TARGET, ok=ok)
    return 0


if __name__ == "__main__":
    sys.exit(main())
