"""What every benchmark shares: arguments, the dataset, timing, the verdict line.

Each script in ``bench/`` measures one figure against a floor measured in the
same run and ends with one line::

    RESULT <name> ratio=<x> target=<y> <pass|fail>

``ratio`` is always *our cost ÷ the floor's cost* (time, or the inverse of
throughput), so lower is better and ``target`` is the highest ratio that
passes; a script may also fail on an absolute target (a p95, a peak memory),
which it prints above the verdict. A result that cannot be trusted — numbers
that differ from the floor's, a server error, a lost or duplicated row — stops
the script with ``ERROR:`` and no verdict at all.

The scripts run against the database in ``DATABASE_URL`` (required: never the
default development database). An empty database gets the national dataset
first (``generate-national``); one that already holds it is reused when it has
the requested number of units.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
# Python puts a script's folder first on the path; this folder holds docx.py,
# which would then shadow python-docx. It goes last instead.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != BENCH_DIR] + [str(BENCH_DIR)]
# The benchmarks' own settings and URLs (``bench_settings``, ``bench_urls``).
SITE_DIR = BENCH_DIR / "site"
DEFAULT_UNITS = 50_000
DEFAULT_SEED = 2025


def arguments(name: str, description: str, *, runs: int = 7) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"bench/{name}.py", description=description)
    parser.add_argument("--units", type=int, default=DEFAULT_UNITS, help="size of the dataset")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the dataset")
    parser.add_argument("--runs", type=int, default=runs, help="timed runs after the warm-up")
    return parser


def setup_django(settings_module: str = "lifelong_week.settings") -> None:
    """Django configured against ``DATABASE_URL`` (a database of its own)."""
    if not os.environ.get("DATABASE_URL"):
        sys.exit(
            "DATABASE_URL is not set: the benchmarks need a database of their own, e.g.\n"
            "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/lw_national "
            "uv run python bench/rollup.py"
        )
    if str(SITE_DIR) not in sys.path:
        sys.path.append(str(SITE_DIR))
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    import django

    django.setup()


def ensure_dataset(units: int, seed: int) -> None:
    """Migrate, then generate the national dataset unless it is already there."""
    from django.core.management import call_command

    from lifelong_week.campaigns.models import Campaign
    from lifelong_week.national.generator import MINISTRY_SLUG, generate_national
    from lifelong_week.orgs.models import OrgUnit

    call_command("migrate", verbosity=0, skip_checks=True)
    existing = OrgUnit.objects.count()
    if existing == 0:
        print(f"generating the national dataset: {units} units, seed {seed} …", flush=True)
        result = generate_national(units=units, seed=seed)
        print(
            f"generated {result.units} units, {result.reports} reports, {result.values} values "
            f"in {result.seconds:.1f} s (roll-up rebuild {result.rebuild_seconds:.1f} s)",
            flush=True,
        )
        return
    if existing != units or not Campaign.objects.filter(slug=MINISTRY_SLUG).exists():
        sys.exit(
            f"The database already has {existing} units, not a national dataset of {units}: "
            f"use --units {existing} or an empty database."
        )


def machine() -> str:
    cores = os.cpu_count()
    memory = ""
    try:
        with open("/proc/meminfo", encoding="ascii") as info:
            kb = int(info.readline().split()[1])
        memory = f", {kb / 1024 / 1024:.1f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    database = os.environ.get("DATABASE_URL", "").split("@")[-1]
    return (
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC · {cores} cores{memory} · "
        f"Python {platform.python_version()} · {database}"
    )


def timed(fn: Callable[[], object], *, runs: int, warmup: int = 1) -> list[float]:
    """Seconds of each of ``runs`` calls after ``warmup`` untimed ones."""
    for _ in range(warmup):
        fn()
    durations = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        durations.append(time.perf_counter() - started)
    return durations


def median(values: list[float]) -> float:
    return statistics.median(values)


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (``share`` 0.95 for p95)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def broken(message: str) -> None:
    """Stop without a verdict: the figure cannot be trusted (wrong numbers,
    server errors, lost rows). CI fails on this, never on a slow verdict."""
    print(f"ERROR: {message}", flush=True)
    sys.exit(2)


def verdict(name: str, ratio: float, target: float, *, ok: bool = True) -> bool:
    """Print the last line; ``ok`` carries the absolute targets and checks."""
    shown = f"{ratio:.2f}"
    passed = ok and float(shown) <= target  # judged as printed
    print(f"RESULT {name} ratio={shown} target={target:g} {'pass' if passed else 'fail'}")
    return passed
