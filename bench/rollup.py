"""Roll-up: our live totals against DuckDB scanning the same values in Parquet.

What the dashboards ask for:

- national: every province's totals (each province's plan rolled up at the
  province, from every unit below it — a Department's counted consolidated
  report standing for its province, else its communes' and schools') and the
  national totals they add up to;
- one province (the largest): its totals and the per-commune breakdown.

Ours: ``reports.rollup.rollup`` per province and ``rollup`` + ``breakdown``
for the province, as the pages call them. The floor: every figure value of the
34 plans exported to Parquet with its unit's level codes (as an analytics
table has them), and DuckDB computing the same totals from scratch — the
counting rule (submitted and accepted count; a unit's report stands for its
subtree) applied in the query, then GROUP BY. Export time is excluded. Both
answers are compared number by number before anything is timed.

    uv run python bench/rollup.py [--units 50000]
"""

from __future__ import annotations

import csv
import sys
import tempfile
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from _common import (
    arguments,
    broken,
    ensure_dataset,
    machine,
    median,
    ms,
    setup_django,
    timed,
    verdict,
)

NAME = "rollup"
TARGET = 1.0


def export(plans, directory: Path) -> Path:
    """Every figure value of the plans, with level codes, as Parquet."""
    import duckdb

    from lifelong_week.reports.models import FigureValue

    raw = directory / "values.csv"
    rows = FigureValue.objects.filter(report__campaign__in=plans).values_list(
        "report__campaign_id", "report__unit__path", "report__status", "indicator_id", "value"
    )
    with raw.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(
            ["campaign", "province", "department", "commune", "unit", "depth", "status",
             "indicator", "value"]
        )  # fmt: skip
        for campaign, path, status, indicator, value in rows.iterator(chunk_size=20_000):
            codes = path.strip("/").split("/")
            writer.writerow(
                [
                    campaign,
                    codes[1],
                    codes[2] if len(codes) > 2 else "",
                    codes[3] if len(codes) > 3 else "",
                    codes[-1],
                    len(codes) - 1,
                    status,
                    indicator,
                    value,
                ]
            )
    parquet = directory / "values.parquet"
    duckdb.sql(
        f"COPY (SELECT * FROM read_csv('{raw}', header = true, types = "  # noqa: S608 - our files
        "{'campaign': 'INTEGER', 'province': 'VARCHAR', 'department': 'VARCHAR', "
        "'commune': 'VARCHAR', 'unit': 'VARCHAR', 'depth': 'INTEGER', 'status': 'VARCHAR', "
        "'indicator': 'INTEGER', 'value': 'DECIMAL(20,2)'})) "
        f"TO '{parquet}' (FORMAT parquet)"
    )
    raw.unlink()
    return parquet


# A value counts when its report is submitted or accepted and no ancestor of
# its unit, inside the subtree asked about, has a counted report of its own.
COUNTED = """
WITH v AS (SELECT * FROM '{parquet}'
           WHERE status IN ('submitted', 'accepted') AND indicator IN ({summing}) {where}),
     r AS (SELECT DISTINCT campaign, unit FROM v)
SELECT {key} AS key, v.indicator, SUM(v.value) AS total, COUNT(v.value) AS n
FROM v
LEFT JOIN r a1 ON a1.campaign = v.campaign AND a1.unit = v.department AND v.depth > 2 {a1}
LEFT JOIN r a2 ON a2.campaign = v.campaign AND a2.unit = v.commune AND v.depth > 3
WHERE a1.unit IS NULL AND a2.unit IS NULL {rows}
GROUP BY ALL
"""


def national_sql(parquet: Path, summing: str) -> str:
    """Per province, from every unit; the national line is their sum."""
    return COUNTED.format(
        parquet=parquet, summing=summing, where="", key="v.province", a1="", rows=""
    )


def province_sql(parquet: Path, summing: str, campaign_id: int) -> str:
    """The province's totals (key '') and each commune's (key: commune code)."""
    where = f"AND campaign = {campaign_id}"
    totals = COUNTED.format(parquet=parquet, summing=summing, where=where, key="''", a1="", rows="")
    # Inside one commune's subtree the Department's report does not supersede.
    communes = COUNTED.format(
        parquet=parquet,
        summing=summing,
        where=where,
        key="v.commune",
        a1="AND FALSE",
        rows="AND v.depth > 2",
    )
    return f"({totals}) UNION ALL ({communes})"


def duck_answer(connection, sql: str) -> dict:
    answer: dict = defaultdict(dict)
    for key, indicator, total, n in connection.execute(sql).fetchall():
        answer[key][indicator] = (Decimal(total), n)
    return answer


def our_answer(rollups) -> dict:
    answer: dict = defaultdict(dict)
    for key, result in rollups:
        for total in result.totals:
            if total.sums and total.total is not None:
                answer[key][total.indicator.pk] = (total.total, total.units)
    return answer


def compare(label: str, ours: dict, floor: dict) -> bool:
    keys = set(ours) | set(floor)
    wrong = [
        (k, i)
        for k in keys
        for i in set(ours.get(k, {})) | set(floor.get(k, {}))
        if ours.get(k, {}).get(i) != floor.get(k, {}).get(i)
    ]
    if wrong:
        k, i = wrong[0]
        print(
            f"  MISMATCH {label}: {len(wrong)} cells differ, e.g. {k!r}/{i}: "
            f"ours {ours.get(k, {}).get(i)} vs DuckDB {floor.get(k, {}).get(i)}"
        )
    return not wrong


def main() -> int:
    args = arguments(NAME, __doc__).parse_args()
    setup_django()
    ensure_dataset(args.units, args.seed)
    import duckdb

    from lifelong_week.campaigns.models import Campaign
    from lifelong_week.national.generator import MINISTRY_SLUG
    from lifelong_week.orgs.models import OrgUnit
    from lifelong_week.reports import rollup as rollups
    from lifelong_week.reports.national import build_national_board

    guidance = Campaign.objects.get(slug=MINISTRY_SLUG)
    plans = list(
        Campaign.objects.filter(parent=guidance)
        .select_related("issuer", "coordinator", "report_form")
        .order_by("issuer__code")
    )
    largest = max(
        plans,
        key=lambda p: OrgUnit.objects.filter(path__startswith=p.coordinator.path).count(),
    )
    department = largest.coordinator
    breakdown = getattr(rollups, "breakdown", None)
    rollup_each = getattr(rollups, "rollup_each", None)

    def national():
        if rollup_each is not None:  # every plan's totals in one pass
            per_province = [(r.unit.code, r) for r in rollup_each(plans)]
        else:  # before rollup_each() existed: one roll-up per plan
            per_province = [(p.issuer.code, rollups.rollup(p, p.issuer)) for p in plans]
        totals: dict = defaultdict(Decimal)
        for _code, result in per_province:
            for total in result.totals:
                if total.sums and total.total is not None:
                    totals[total.indicator.pk] += total.total
        return per_province

    def province():
        rows = [("", rollups.rollup(largest, department))]
        if breakdown is not None:
            rows += [(r.unit.code, r) for r in breakdown(largest, department)]
        else:  # before breakdown() existed: one roll-up per commune
            rows += [(c.code, rollups.rollup(largest, c)) for c in department.children.all()]
        return rows

    print(f"{NAME}: {machine()}")
    print(
        f"  dataset: {args.units} units; province: {largest.issuer.display_name} "
        f"({department.children.count()} communes)"
    )
    with tempfile.TemporaryDirectory(prefix="bench-rollup-") as tmp:
        parquet = export(plans, Path(tmp))
        db = duckdb.connect()
        query = f"SELECT COUNT(*) FROM '{parquet}'"  # noqa: S608 - our own file
        values = db.execute(query).fetchone()[0]
        print(f"  Parquet: {values} figure values of {len(plans)} plans")
        summing = ", ".join(
            str(i.pk)
            for i in guidance.report_form.indicators.all()
            if i.sums_up and i.value_type in rollups.SUMMABLE
        )
        nat_sql = national_sql(parquet, summing)
        prov_sql = province_sql(parquet, summing, largest.pk)

        exact = compare("national", our_answer(national()), duck_answer(db, nat_sql))
        exact &= compare("province", our_answer(province()), duck_answer(db, prov_sql))
        if not exact:
            broken("our roll-up and DuckDB's differ (see above)")
        print("  same numbers as DuckDB: yes")

        ours_nat = median(timed(national, runs=args.runs))
        ours_prov = median(timed(province, runs=args.runs))
        duck_nat = median(timed(lambda: db.execute(nat_sql).fetchall(), runs=args.runs))
        duck_prov = median(timed(lambda: db.execute(prov_sql).fetchall(), runs=args.runs))
    board = median(timed(lambda: build_national_board(guidance), runs=args.runs))
    print(f"  national (34 provinces + total): ours {ms(ours_nat)}, DuckDB {ms(duck_nat)}")
    print(f"  province (totals + communes):    ours {ms(ours_prov)}, DuckDB {ms(duck_prov)}")
    print(f"  (the Ministry's board of consolidated reports, build_national_board: {ms(board)})")
    ratio = (ours_nat + ours_prov) / (duck_nat + duck_prov)
    verdict(NAME, ratio, TARGET)
    return 0


if __name__ == "__main__":
    sys.exit(main())
