"""Figures summed up the organisation tree, kept up to date as reports move.

For a unit and a campaign (optionally one reporting step), every indicator is
totalled over the reports of the unit's subtree that count under the
campaign's policy — submitted and accepted, or accepted only.

No double counting: a unit's report stands for its whole subtree (a district
consolidates its schools), so when a unit and units below it both have a
counted report, only the highest one counts. Units are taken as they existed
during the campaign (their validity dates), so a unit closed or merged after
reporting still counts, and one closed before the week does not.

How it stays instant at national size: the totals are not recomputed on each
request. A unit's *effective* totals are its own counted reports' figures when
it has any, otherwise the sum of its children's effective totals. The second
kind are stored (``RollupNode``/``RollupCell``), one family per reporting step
and one (``step_key`` 0) for the whole campaign. When a report starts or stops
counting, the change notes itself (``note_change``, in its transaction) and
``fold`` — run by the fold worker and by every reader before it reads —
updates its unit and adds the difference to each ancestor up to the first
one that has a counted report of its own, for many reports at a time.
Anything that changes which reports count wholesale — the policy, the
campaign's dates, a unit closed or moved — calls ``rebuild``.
``Report.in_rollup`` records which reports the stored totals hold, so a
repeated fold is a no-op.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Count, Q, Sum

from lifelong_week.campaigns.enums import CountPolicy, ValueType
from lifelong_week.campaigns.models import Campaign, Indicator, ReportingStep
from lifelong_week.core.rows import decimal_or_none, raw_rows
from lifelong_week.orgs.models import PATH_SEPARATOR, OrgUnit
from lifelong_week.reports.enums import ReportStatus
from lifelong_week.reports.models import (
    FigureValue,
    Report,
    RollupCell,
    RollupNode,
    RollupPending,
)

SUMMABLE = (ValueType.INTEGER, ValueType.MONEY, ValueType.DECIMAL)
WHOLE_CAMPAIGN = 0
_LOCK_NAMESPACE = 0x4C57  # "LW": the advisory-lock namespace of roll-up upkeep


def counted_statuses(campaign: Campaign) -> tuple[str, ...]:
    if campaign.count_policy == CountPolicy.ACCEPTED:
        return (ReportStatus.ACCEPTED,)
    return (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)


@dataclass
class Total:
    indicator: Indicator
    total: Decimal | None = None  # summing indicators only
    units: int = 0  # units that gave a value
    yes: int = 0  # yes/no indicators: how many said yes
    texts: list[tuple[str, str]] = field(default_factory=list)  # text indicators: (unit, text)

    @property
    def sums(self) -> bool:
        return self.indicator.sums_up and self.indicator.value_type in SUMMABLE


@dataclass
class Rollup:
    unit: OrgUnit
    campaign: Campaign
    policy_label: str
    reports: int  # counted reports after removing the superseded ones
    totals: list[Total]


# --- vectors of sums -------------------------------------------------------------

# indicator id → [total, valued, units, yes]
Cells = dict[int, list]


def _zero() -> list:
    return [Decimal(0), 0, 0, 0]


def _add_into(target: Cells, other: Cells, sign: int = 1) -> None:
    for indicator_id, vector in other.items():
        row = target.setdefault(indicator_id, _zero())
        for i in range(4):
            row[i] += sign * vector[i]


def _minus(a: Cells, b: Cells) -> Cells:
    result: Cells = {k: list(v) for k, v in a.items()}
    _add_into(result, b, -1)
    return result


def _figure_sums(figures, *group: str) -> dict[tuple, Cells]:
    """Sum ``figures`` (a FigureValue queryset) by ``group`` fields and indicator."""
    rows = figures.values(*group, "indicator").annotate(
        total=Sum("value"),
        valued=Count("value"),
        given=Count("pk", filter=Q(value__isnull=False) | ~Q(text="")),
        yes=Count("pk", filter=Q(value__gt=0)),
    )
    result: dict[tuple, Cells] = defaultdict(dict)
    width = len(group)
    for row in raw_rows(rows):
        result[row[:width]][row[width]] = [_decimal(row[width + 1]), *row[width + 2 :]]
    return result


def _decimal(value) -> Decimal:
    return decimal_or_none(value) or Decimal(0)


# --- which reports count ---------------------------------------------------------


def campaign_window(campaign: Campaign, last_deadline=None):
    """The days during which a unit must have existed for its report to count:
    from the week's start to the last step's deadline (``last_deadline`` when
    the caller has already read it)."""
    if last_deadline is None:
        last_deadline = max((s.deadline for s in campaign.steps.all()), default=None)
    end = last_deadline.date() if last_deadline else campaign.week_end
    return campaign.week_start, end


def _members(campaign: Campaign, step_key: int) -> Q:
    condition = Q(campaign=campaign, in_rollup=True)
    if step_key != WHOLE_CAMPAIGN:
        condition &= Q(step_id=step_key)
    return condition


def _lock(campaign_id: int) -> None:
    """Serialise roll-up upkeep per campaign (SQLite already serialises writers)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s, %s)", [_LOCK_NAMESPACE, campaign_id % 2**31]
            )


# --- stored totals ---------------------------------------------------------------


def _stored(campaign: Campaign, step_key: int, unit_ids: Iterable[int]) -> dict[int, tuple]:
    """Units' stored totals in one family: unit → (reports, cells)."""
    return _stored_by(campaign, "unit_id", step_key=step_key, unit_id__in=list(unit_ids))


def _stored_by(campaign: Campaign, key: str, **lookup) -> dict[int, tuple]:
    """Stored totals matching ``lookup``, grouped by ``key`` (``unit_id`` or
    ``step_key``): key → (reports, cells)."""
    result: dict[int, tuple[int, Cells]] = {}
    nodes = RollupNode.objects.filter(campaign=campaign, **lookup)
    for group, reports in nodes.values_list(key, "reports"):
        result[group] = (reports, {})
    cells = RollupCell.objects.filter(campaign=campaign, **lookup)
    for group, indicator_id, total, *counts in raw_rows(
        cells.values(key, "indicator_id", "total", "valued", "units", "yes")
    ):
        result.setdefault(group, (0, {}))[1][indicator_id] = [_decimal(total), *counts]
    return result


def _replace(campaign: Campaign, step_key: int, unit_id: int, reports: int, cells: Cells) -> None:
    RollupNode.objects.filter(campaign=campaign, step_key=step_key, unit_id=unit_id).delete()
    RollupCell.objects.filter(campaign=campaign, step_key=step_key, unit_id=unit_id).delete()
    if reports:
        _insert(campaign, step_key, {unit_id: (reports, cells)})


def _insert(campaign: Campaign, step_key: int, totals: dict[int, tuple[int, Cells]]) -> None:
    RollupNode.objects.bulk_create(
        RollupNode(campaign=campaign, step_key=step_key, unit_id=unit_id, reports=reports)
        for unit_id, (reports, _cells) in totals.items()
    )
    RollupCell.objects.bulk_create(
        (
            RollupCell(
                campaign=campaign,
                step_key=step_key,
                unit_id=unit_id,
                indicator_id=indicator_id,
                total=vector[0],
                valued=vector[1],
                units=vector[2],
                yes=vector[3],
            )
            for unit_id, (_reports, cells) in totals.items()
            for indicator_id, vector in cells.items()
        ),
        batch_size=2000,
    )


def _effective(campaign: Campaign, step_key: int, units: list[OrgUnit]) -> dict[int, tuple]:
    """(counted reports, totals) of each unit: its own reports', else the stored sums."""
    ids = [u.pk for u in units]
    own_reports = dict(
        Report.objects.filter(_members(campaign, step_key), unit_id__in=ids)
        .values("unit_id")
        .annotate(n=Count("pk"))
        .values_list("unit_id", "n")
    )
    result: dict[int, tuple[int, Cells]] = {}
    if own_reports:
        sums = _figure_sums(
            FigureValue.objects.filter(
                report__in=Report.objects.filter(
                    _members(campaign, step_key), unit_id__in=list(own_reports)
                )
            ),
            "report__unit_id",
        )
        for unit_id, n in own_reports.items():
            result[unit_id] = (n, sums.get((unit_id,), {}))
    result.update(_stored(campaign, step_key, (i for i in ids if i not in own_reports)))
    return result


def _children_sum(campaign: Campaign, step_key: int, unit: OrgUnit) -> tuple[int, Cells]:
    children = list(OrgUnit.objects.filter(parent=unit).only("pk"))
    reports, cells = 0, {}
    for n, child_cells in _effective(campaign, step_key, children).values():
        reports += n
        _add_into(cells, child_cells)
    return reports, cells


def _upsert(table: str, keys: list[str], adding: list[str], rows: list[tuple]) -> None:
    """Insert ``rows`` into ``table``, adding ``adding`` onto a row already
    there with the same ``keys``: on PostgreSQL one statement whatever the
    number of rows, elsewhere one per thousand."""
    columns = [*keys, *adding]
    # VALUES (SQLite) carries a parameter per value: keep under its limit.
    size = len(rows) if connection.vendor == "postgresql" else 1000
    for start in range(0, len(rows), size or 1):
        source, params = _rows_source(tuple(columns), rows[start : start + size])
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {connection.ops.quote_name(table)} ({', '.join(columns)}) {source}"
                + _adding_on_conflict(table, keys, adding),
                params,
            )


def _adding_on_conflict(table: str, keys: list[str], adding: list[str]) -> str:
    qn = connection.ops.quote_name
    return f" ON CONFLICT ({', '.join(keys)}) DO UPDATE SET " + ", ".join(
        f"{c} = {qn(table)}.{c} + excluded.{c}" for c in adding
    )


_CELL_KEYS = ["campaign_id", "step_key", "unit_id", "indicator_id"]
_CELL_SUMS = ["total", "valued", "units", "yes"]
# What one figure row ``f`` adds to a cell's four sums, as ``_figure_sums``
# counts them, and those sums over many rows.
_FIGURE_PARTS = [
    "COALESCE(f.value, 0)",
    "CASE WHEN f.value IS NOT NULL THEN 1 ELSE 0 END",
    "CASE WHEN f.value IS NOT NULL OR f.text <> '' THEN 1 ELSE 0 END",
    "CASE WHEN f.value > 0 THEN 1 ELSE 0 END",
]
_FIGURE_SUMS = [f"SUM({part})" for part in _FIGURE_PARTS]


def _add_figures(campaign: Campaign, targets: list[tuple[int, int, int, int]]) -> None:
    """Add reports' figures, times a sign, to the cells of each target —
    (report, step key, unit, sign) — straight from the figures (one row per
    indicator), summed per cell: one statement, nothing carried through
    Python, whatever the number of reports."""
    if not targets:
        return
    qn = connection.ops.quote_name
    table = RollupCell._meta.db_table
    parts = ", ".join(f"SUM(k.sign * {part})" for part in _FIGURE_PARTS)
    source, params = _rows_source(("report_id", "step_key", "unit_id", "sign"), targets)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH k (report_id, step_key, unit_id, sign) AS ({source})"  # noqa: S608 - quoted table names, placeholders only
            f" INSERT INTO {qn(table)} ({', '.join(_CELL_KEYS + _CELL_SUMS)})"
            f" SELECT %s, k.step_key, k.unit_id, f.indicator_id, {parts}"
            f" FROM k JOIN {qn(FigureValue._meta.db_table)} f ON f.report_id = k.report_id"
            # WHERE: SQLite would otherwise read ON CONFLICT as the join's ON.
            " WHERE 1 = 1 GROUP BY k.step_key, k.unit_id, f.indicator_id"
            + _adding_on_conflict(table, _CELL_KEYS, _CELL_SUMS),
            [*params, campaign.pk],
        )


def _rows_source(columns: tuple[str, ...], rows: list[tuple]) -> tuple[str, list]:
    """A SELECT of literal ``rows``: on PostgreSQL one array per column
    (a handful of parameters whatever the number of rows), elsewhere VALUES."""
    if connection.vendor == "postgresql":
        arrays = ", ".join(f"%s::{_ARRAY_TYPES[c]}[]" for c in columns)
        columns_of = [list(c) for c in zip(*rows, strict=True)]
        return f"SELECT * FROM unnest({arrays})", columns_of  # noqa: S608 - type names, placeholders only
    row = "(" + ", ".join(["%s"] * len(columns)) + ")"
    return "VALUES " + ", ".join([row] * len(rows)), [v for r in rows for v in r]


_ARRAY_TYPES = {
    "report_id": "bigint",
    "sign": "integer",
    "campaign_id": "bigint",
    "step_key": "integer",
    "unit_id": "bigint",
    "indicator_id": "bigint",
    "reports": "integer",
    "total": "numeric",
    "valued": "integer",
    "units": "integer",
    "yes": "integer",
}


@dataclass
class Change:
    """What one family of totals (``step_key``) takes at each of ``units``:
    ``reports`` more counted reports, ``sign`` times the report's own
    figures, plus ``cells``."""

    step_key: int
    units: list[int]
    reports: int
    sign: int
    cells: Cells


def _add_to(campaign: Campaign, report: Report, changes: list[Change]) -> None:
    """Add each change to the stored totals of its units (upkeep is
    serialised per campaign): one upsert for the nodes, one for the report's
    figures and, when the unit's own stored totals move too, one for those —
    whatever the number of step keys, ancestors and indicators, and nothing
    read back. Nodes left standing for no report are removed, as a rebuild
    would not store them."""
    changes = [change for change in changes if change.units]
    _upsert(
        RollupNode._meta.db_table,
        ["campaign_id", "step_key", "unit_id"],
        ["reports"],
        [(campaign.pk, c.step_key, unit_id, c.reports) for c in changes for unit_id in c.units],
    )
    _add_figures(
        campaign,
        [(report.pk, c.step_key, unit_id, c.sign) for c in changes for unit_id in c.units],
    )
    _upsert(
        RollupCell._meta.db_table,
        _CELL_KEYS,
        _CELL_SUMS,
        [
            (campaign.pk, c.step_key, unit_id, indicator_id, *vector)
            for c in changes
            for unit_id in c.units
            for indicator_id, vector in c.cells.items()
        ],
    )
    for c in changes:
        if c.reports <= 0:
            _remove_emptied(campaign, c.step_key, c.units)


def _remove_emptied(campaign: Campaign, step_key: int, unit_ids: list[int]) -> None:
    """Remove the nodes of ``unit_ids`` left standing for no report, and their
    cells, as a rebuild would not store them."""
    emptied = RollupNode.objects.filter(
        campaign=campaign, step_key=step_key, unit_id__in=unit_ids, reports__lte=0
    )
    RollupCell.objects.filter(
        campaign=campaign, step_key=step_key, unit_id__in=emptied.values("unit_id")
    ).delete()
    emptied.delete()


def _apply(campaign: Campaign, report: Report, adding: bool) -> None:
    """Add (or take away) ``report``'s figures in both families of totals —
    its step's and the whole campaign's — at its unit and up to the first
    ancestor with a counted report of its own, in a fixed number of queries.
    ``report`` is as ``_read_batch`` reads it (whether its unit has children)."""
    unit = report.unit
    step_keys = (report.step_id, WHOLE_CAMPAIGN)
    codes = unit.ancestor_codes
    unit_of, counted_steps = _counted_on(campaign, {*codes, unit.code}, other_than=report.pk)
    ancestors = [unit_of[code] for code in reversed(codes)]  # nearest first
    has_children = report.has_children
    other_steps = counted_steps.get(unit.pk, set())
    others = {report.step_id: report.step_id in other_steps, WHOLE_CAMPAIGN: bool(other_steps)}
    # The unit's own sums stop standing for its children (adding) or start
    # to; a unit without children (a school) never stores any.
    alone = [key for key in step_keys if not others[key]]
    stored = _take_stored(campaign, unit.pk, alone) if adding and alone and has_children else {}
    # Each family takes the report's figures, plus or minus, and where the
    # unit stands alone, less what it stored for its children (adding) or
    # plus its children's sums stored again (taking away).
    deltas = {}
    for step_key in step_keys:
        if others[step_key]:
            deltas[step_key] = (1, 1, {}) if adding else (-1, -1, {})
        elif adding:
            old_reports, old_cells = stored.get(step_key, (0, {}))
            deltas[step_key] = (1 - old_reports, 1, _minus({}, old_cells))
        else:
            new_reports, new_cells = 0, {}
            if has_children:
                new_reports, new_cells = _children_sum(campaign, step_key, unit)
                _replace(campaign, step_key, unit.pk, new_reports, new_cells)
            deltas[step_key] = (new_reports - 1, -1, new_cells)
    changes = []
    for step_key, (reports, sign, cells) in deltas.items():
        receiving = []
        for ancestor in ancestors:  # nearest first, up to one with its own counted report
            steps = counted_steps.get(ancestor, ())
            if steps and (step_key == WHOLE_CAMPAIGN or step_key in steps):
                break
            receiving.append(ancestor)
        changes.append(Change(step_key, receiving, reports, sign, cells))
    _add_to(campaign, report, changes)


def _take_stored(campaign: Campaign, unit_id: int, step_keys: list[int]) -> dict[int, tuple]:
    """Remove a unit's stored totals in ``step_keys`` and return them, as
    ``_stored_by`` would have read them: step key → (reports, cells)."""
    qn = connection.ops.quote_name
    keys = ", ".join(["%s"] * len(step_keys))
    where = f" WHERE campaign_id = %s AND unit_id = %s AND step_key IN ({keys})"
    params = [campaign.pk, unit_id, *step_keys]
    result: dict[int, tuple[int, Cells]] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {qn(RollupNode._meta.db_table)}{where} RETURNING step_key, reports",  # noqa: S608 - quoted table names, placeholders only
            params,
        )
        for step_key, reports in cursor.fetchall():
            result[step_key] = (reports, {})
        cursor.execute(
            f"DELETE FROM {qn(RollupCell._meta.db_table)}{where}"  # noqa: S608 - quoted table names, placeholders only
            " RETURNING step_key, indicator_id, total, valued, units, yes",
            params,
        )
        for step_key, indicator_id, total, *counts in cursor.fetchall():
            result.setdefault(step_key, (0, {}))[1][indicator_id] = [_decimal(total), *counts]
    return result


# --- pending changes, folded in batches -------------------------------------------


def note_change(report: Report) -> None:
    """Record, in the transaction of the change, that ``report``'s status
    may have moved the totals: one row written, nothing waited for. Every
    report of a campaign adds to the same province and Ministry totals, so
    updating them here would queue a deadline day's submissions one behind
    the other; ``fold`` brings them in, many reports at a time."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {connection.ops.quote_name(RollupPending._meta.db_table)}"  # noqa: S608 - quoted table names, placeholders only
            " (campaign_id, report_id) VALUES (%s, %s)",
            [report.campaign_id, report.pk],
        )


def fold_pending(campaign_ids: Iterable[int]) -> None:
    """Fold what is pending for any of ``campaign_ids`` — what each reader of
    the totals calls first, so that it reads every change committed before
    it (one query when nothing is pending)."""
    ids = list(campaign_ids)
    if not ids:
        return
    waiting = (
        RollupPending.objects.filter(campaign_id__in=ids)
        .values_list("campaign_id", flat=True)
        .distinct()
    )
    for campaign_id in sorted(waiting):
        fold(campaign_id)


def fold_all() -> int:
    """Fold every campaign's pending changes (the fold worker's round), in
    one transaction: on a deadline day every province has some, and one
    commit instead of one each is most of a round's cost. The campaigns'
    locks are taken in order, so two rounds at once never deadlock."""
    waiting = sorted(RollupPending.objects.values_list("campaign_id", flat=True).distinct())
    with transaction.atomic():
        return sum(_fold_locked(campaign_id) for campaign_id in waiting)


def fold(campaign_id: int) -> int:
    """Bring the stored totals in line with every change noted for the
    campaign and committed; return how many reports were looked at.

    Under the campaign's upkeep lock, in one transaction: the noted rows are
    taken, the reports read in one query, and those of units without
    children (schools: nearly all of them) whose line up the tree holds no
    other report of the batch are added or taken away together — one upsert
    for the nodes and one for the cells, summed per province and commune
    first. The rest (a district's or province's own report, or a school
    whose commune reported in the same batch) take the one-at-a-time path.
    The result is the same as folding each change alone, in any order.
    """
    with transaction.atomic():
        return _fold_locked(campaign_id)


def _fold_locked(campaign_id: int) -> int:
    """``fold`` inside a transaction: takes the campaign's lock to its end."""
    _lock(campaign_id)
    report_ids = _take_pending(campaign_id)
    if not report_ids:
        return 0
    campaign = (
        Campaign.objects.filter(pk=campaign_id)
        .only("count_policy", "week_start", "week_end")
        .first()
    )
    if campaign is None:
        return 0
    last_deadline = max(
        ReportingStep.objects.filter(campaign_id=campaign_id).values_list("deadline", flat=True),
        default=None,
    )
    window = campaign_window(campaign, last_deadline)
    statuses = counted_statuses(campaign)
    changed = [
        (report, counts)
        for report in _read_batch(campaign_id, report_ids)
        if (counts := report.status in statuses and report.unit.existed_during(*window))
        != report.in_rollup
    ]
    changed_paths = {report.unit.path for report, _counts in changed}
    together, alone = [], []
    for report, counts in changed:
        on_line = any(p in changed_paths for p in _strict_prefixes(report.unit.path))
        (alone if report.has_children or on_line else together).append((report, counts))
    for report, counts in alone:  # each one sees those before it counted
        _apply(campaign, report, adding=counts)
        Report.objects.filter(pk=report.pk).update(in_rollup=counts)
    _apply_together(campaign, together)
    for counts in (True, False):
        ids = [report.pk for report, c in together if c == counts]
        if ids:
            Report.objects.filter(pk__in=ids).update(in_rollup=counts)
    return len(report_ids)


def _take_pending(campaign_id: int) -> list[int]:
    """Remove the campaign's committed notes; return their reports, sorted."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {connection.ops.quote_name(RollupPending._meta.db_table)}"  # noqa: S608 - quoted table names, placeholders only
            " WHERE campaign_id = %s RETURNING report_id",
            [campaign_id],
        )
        return sorted({report_id for (report_id,) in cursor.fetchall()})


def _read_batch(campaign_id: int, report_ids: list[int]) -> list[Report]:
    """The reports as the upkeep needs them, in one query: status, step and
    in-roll-up flag, the unit's place, life and whether it has children."""
    qn = connection.ops.quote_name
    report, unit = qn(Report._meta.db_table), qn(OrgUnit._meta.db_table)
    found = []
    for start in range(0, len(report_ids), 2000):
        chunk = report_ids[start : start + 2000]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT r.id, r.step_id, r.unit_id, r.status, r.in_rollup,"  # noqa: S608 - quoted table names, placeholders only
                " u.code, u.path, u.valid_from, u.valid_to,"
                f" EXISTS (SELECT 1 FROM {unit} c WHERE c.parent_id = u.id)"
                f" FROM {report} r JOIN {unit} u ON u.id = r.unit_id"
                f" WHERE r.campaign_id = %s AND r.id IN ({', '.join(['%s'] * len(chunk))})",
                [campaign_id, *chunk],
            )
            rows = cursor.fetchall()
        for report_id, step_id, unit_id, status, in_rollup, *unit, parent in rows:
            code, path, born, closed = unit
            row = _deferred(
                Report,
                id=report_id,
                step_id=step_id,
                unit_id=unit_id,
                campaign_id=campaign_id,
                status=status,
                in_rollup=bool(in_rollup),
            )
            row.unit = _deferred(
                OrgUnit, id=unit_id, code=code, path=path, valid_from=born, valid_to=closed
            )
            row.has_children = bool(parent)
            found.append(row)
    return found


def _apply_together(campaign: Campaign, changes: list[tuple[Report, bool]]) -> None:
    """Add or take away, together, reports of units without children none of
    which lies on another's line. Such a report moves its own figures (plus
    or minus) and one report to each ancestor, nearest first, up to one with
    a counted report of its own — in its step's family and the whole
    campaign's — whatever else the unit has: it stores no sums to take or
    give back. With no report of the batch on any of these lines, each
    report's receivers are as they would be alone, and sums commute."""
    if not changes:
        return
    codes = {code for report, _c in changes for code in report.unit.ancestor_codes}
    unit_of, steps = _counted_on(campaign, codes)
    targets: list[tuple[int, int, int, int]] = []  # (report, step key, unit, sign)
    nodes: dict[tuple[int, int], int] = defaultdict(int)
    emptying = set()
    for report, adding in changes:
        sign = 1 if adding else -1
        ancestors = [unit_of[code] for code in reversed(report.unit.ancestor_codes)]
        for step_key in (report.step_id, WHOLE_CAMPAIGN):
            for ancestor in ancestors:
                counted = steps.get(ancestor, ())
                if counted and (step_key == WHOLE_CAMPAIGN or step_key in counted):
                    break
                targets.append((report.pk, step_key, ancestor, sign))
                nodes[step_key, ancestor] += sign
                if not adding:
                    emptying.add((step_key, ancestor))
    _upsert(
        RollupNode._meta.db_table,
        ["campaign_id", "step_key", "unit_id"],
        ["reports"],
        [(campaign.pk, key, unit_id, n) for (key, unit_id), n in sorted(nodes.items()) if n],
    )
    for start in range(0, len(targets), 2000):
        _add_figures(campaign, targets[start : start + 2000])
    by_step: dict[int, list[int]] = defaultdict(list)
    for step_key, unit_id in emptying:
        by_step[step_key].append(unit_id)
    for step_key, unit_ids in by_step.items():
        _remove_emptied(campaign, step_key, unit_ids)


def _counted_on(
    campaign: Campaign, codes: set[str], *, other_than: int = 0
) -> tuple[dict[str, int], dict[int, set]]:
    """The units of ``codes``: code → id, and the steps of each one's counted
    reports other than report ``other_than`` (one query)."""
    qn = connection.ops.quote_name
    units, reports = qn(OrgUnit._meta.db_table), qn(Report._meta.db_table)
    unit_of: dict[str, int] = {}
    steps: dict[int, set[int]] = defaultdict(set)
    if not codes:
        return unit_of, steps
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT u.id, u.code, r.step_id FROM {units} u LEFT JOIN {reports} r"  # noqa: S608 - quoted table names, placeholders only
            " ON r.unit_id = u.id AND r.campaign_id = %s AND r.in_rollup AND r.id <> %s"
            f" WHERE u.code IN ({', '.join(['%s'] * len(codes))})",
            [campaign.pk, other_than, *sorted(codes)],
        )
        for unit_id, code, step_id in cursor.fetchall():
            unit_of[code] = unit_id
            if step_id is not None:
                steps[unit_id].add(step_id)
    return unit_of, steps


def _deferred(model, **values):
    """An instance of ``model`` with ``values`` and every other field
    deferred, as ``.only()`` would give it."""
    names = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db(connection.alias, names, [values[name] for name in names])


@transaction.atomic
def rebuild(campaign: Campaign) -> None:
    """Recompute the campaign's stored totals from its reports, from scratch."""
    _lock(campaign.pk)
    campaign = Campaign.objects.get(pk=campaign.pk)
    _take_pending(campaign.pk)  # the rebuild reads every report as it stands
    start, end = campaign_window(campaign)
    reports = Report.objects.filter(campaign=campaign)
    reports.filter(in_rollup=True).update(in_rollup=False)
    reports.filter(
        status__in=counted_statuses(campaign),
        unit__in=OrgUnit.objects.overlapping(start, end),
    ).update(in_rollup=True)
    RollupNode.objects.filter(campaign=campaign).delete()
    RollupCell.objects.filter(campaign=campaign).delete()

    members = list(reports.filter(in_rollup=True).values_list("unit_id", "unit__path", "step_id"))
    if not members:
        return
    codes = {code for _u, path, _s in members for code in path.split(PATH_SEPARATOR) if code}
    parents = dict(OrgUnit.objects.filter(code__in=codes).values_list("pk", "parent_id"))
    own: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for unit_id, _path, step_id in members:
        own[step_id][unit_id] += 1
        own[WHOLE_CAMPAIGN][unit_id] += 1
    # A unit's own reports count at every ancestor up to, not including, the
    # first one with counted reports of its own; only those ancestors store sums.
    nodes: list[RollupNode] = []
    routes: list[tuple[int, int, int]] = []  # (step key, reporting unit, ancestor)
    for step_key, counts in own.items():
        stored: dict[int, int] = defaultdict(int)
        for unit_id, n in counts.items():
            parent = parents[unit_id]
            while parent is not None and parent not in counts:
                stored[parent] += n
                routes.append((step_key, unit_id, parent))
                parent = parents[parent]
        nodes.extend(
            RollupNode(campaign=campaign, step_key=step_key, unit_id=unit_id, reports=n)
            for unit_id, n in stored.items()
        )
    RollupNode.objects.bulk_create(nodes, batch_size=2000)
    _sum_routes(campaign, routes)


def _sum_routes(campaign: Campaign, routes: list[tuple[int, int, int]]) -> None:
    """Store, set-wise in the database, each ancestor's sums of the figures of
    the counted reports routed to it."""
    qn = connection.ops.quote_name
    cell, report, figure = (qn(model._meta.db_table) for model in (RollupCell, Report, FigureValue))
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS lw_rollup_route")
        cursor.execute(
            "CREATE TEMPORARY TABLE lw_rollup_route"
            " (step_key integer NOT NULL, source integer NOT NULL, target integer NOT NULL)"
        )
        if connection.vendor == "postgresql":
            with cursor.cursor.copy("COPY lw_rollup_route FROM STDIN") as copy:
                for route in routes:
                    copy.write_row(route)
            cursor.execute("ANALYZE lw_rollup_route")
        else:
            cursor.executemany("INSERT INTO lw_rollup_route VALUES (%s, %s, %s)", routes)
        sums = (
            f"INSERT INTO {cell}"  # noqa: S608 - quoted table names, placeholders only
            " (campaign_id, step_key, unit_id, indicator_id, total, valued, units, yes)"
            f" SELECT %s, m.step_key, m.target, f.indicator_id, {', '.join(_FIGURE_SUMS)}"
            f" FROM lw_rollup_route m JOIN {report} r ON r.unit_id = m.source"
            f" JOIN {figure} f ON f.report_id = r.id"
            " WHERE r.campaign_id = %s AND r.in_rollup = %s AND m.step_key {step}"
            " GROUP BY m.step_key, m.target, f.indicator_id"
        )
        # The whole campaign takes every step's reports; a step's family its own.
        cursor.execute(sums.format(step="= 0"), [campaign.pk, campaign.pk, True])
        cursor.execute(
            sums.format(step="<> 0 AND r.step_id = m.step_key"), [campaign.pk, campaign.pk, True]
        )
        cursor.execute("DROP TABLE lw_rollup_route")


def rebuild_for_units(unit: OrgUnit) -> None:
    """Rebuild every campaign with reports from ``unit``'s subtree (after a tree change)."""
    for campaign in Campaign.objects.filter(reports__unit__path__startswith=unit.path).distinct():
        rebuild(campaign)


# --- reading ---------------------------------------------------------------------


def _totals(indicators: list[Indicator], cells: Cells) -> list[Total]:
    totals = []
    zero = _zero()
    for indicator in indicators:
        total, valued, units, yes = cells.get(indicator.pk, zero)
        row = Total(indicator, None, units)
        if valued and indicator.sums_up and indicator.value_type in SUMMABLE:
            row.total = total
        elif indicator.value_type == ValueType.BOOLEAN:
            row.yes = yes
        totals.append(row)
    return totals


def rollup_each(campaigns: list[Campaign]) -> list[Rollup]:
    """Each campaign's whole-campaign totals at its issuing unit, in one pass of
    four queries whatever their number: the national line as the sum of the
    provinces' plans. Text answers are not listed here."""
    if not campaigns:
        return []
    by_id = {c.pk: c for c in campaigns}
    fold_pending(by_id)
    issuer_of = {c.pk: c.issuer_id for c in campaigns}
    wanted = set(issuer_of.items())
    own = defaultdict(int)
    for campaign_id, unit_id in Report.objects.filter(
        campaign_id__in=by_id, in_rollup=True, unit_id__in=issuer_of.values()
    ).values_list("campaign_id", "unit_id"):
        if (campaign_id, unit_id) in wanted:
            own[campaign_id] += 1
    cells: dict[int, Cells] = defaultdict(dict)
    reports: dict[int, int] = dict(own)
    if own:
        figures = FigureValue.objects.filter(
            report__campaign_id__in=list(own),
            report__in_rollup=True,
            report__unit_id__in=[issuer_of[c] for c in own],
        )
        for (campaign_id, unit_id), row in _figure_sums(
            figures, "report__campaign_id", "report__unit_id"
        ).items():
            if (campaign_id, unit_id) in wanted:
                cells[campaign_id] = row
    stored = [c for c in by_id if c not in own]
    scope = {"campaign_id__in": stored, "step_key": WHOLE_CAMPAIGN}
    for campaign_id, unit_id, n in RollupNode.objects.filter(
        **scope, unit_id__in=[issuer_of[c] for c in stored]
    ).values_list("campaign_id", "unit_id", "reports"):
        if (campaign_id, unit_id) in wanted:
            reports[campaign_id] = n
    for campaign_id, unit_id, indicator_id, total, *counts in raw_rows(
        RollupCell.objects.filter(**scope, unit_id__in=[issuer_of[c] for c in stored]).values(
            "campaign_id", "unit_id", "indicator_id", "total", "valued", "units", "yes"
        )
    ):
        if (campaign_id, unit_id) in wanted:
            cells[campaign_id][indicator_id] = [_decimal(total), *counts]
    forms: dict[int, list[Indicator]] = {}
    for form_id in {c.report_form_id for c in campaigns}:
        forms[form_id] = list(Indicator.objects.filter(form_id=form_id))
    return [
        Rollup(
            unit=c.issuer,
            campaign=c,
            policy_label=CountPolicy(c.count_policy).label,
            reports=reports.get(c.pk, 0),
            totals=_totals(forms[c.report_form_id], cells.get(c.pk, {})),
        )
        for c in campaigns
    ]


def counted_reports(
    campaign: Campaign, unit: OrgUnit, *, step: ReportingStep | None = None
) -> list[int]:
    """Ids of the reports that count for ``unit``'s subtree, highest one per branch."""
    step_key = step.pk if step is not None else WHOLE_CAMPAIGN
    fold_pending([campaign.pk])
    return _highest(
        Report.objects.filter(_members(campaign, step_key), unit__path__startswith=unit.path)
    )


def counted_in_step(step: ReportingStep) -> set[int]:
    """Ids of ``step``'s reports whose figures count — THE counting rule that
    every output of figures goes through (step page, appendices, exports,
    API): the report is in the roll-up (its status counts under the
    campaign's policy and its unit existed during the campaign) and no other
    counted report of the step stands above it on its branch. A report not
    in this set is listed with its status and no figures, so the rows of any
    table always add up to the step's totals at the receiving unit."""
    fold_pending([step.campaign_id])
    return set(_highest(Report.objects.filter(_members(step.campaign, step.pk))))


def _highest(reports) -> list[int]:
    """Ids of ``reports`` not below another of them on the same branch."""
    rows = sorted(
        reports.values_list("pk", "unit__path").order_by(),
        key=lambda row: len(row[1]),
    )
    kept: list[int] = []
    kept_paths: set[str] = set()
    for pk, path in rows:
        if any(prefix in kept_paths for prefix in _strict_prefixes(path)):
            continue
        kept.append(pk)
        kept_paths.add(path)
    return kept


def _strict_prefixes(path: str) -> list[str]:
    codes = [code for code in path.split(PATH_SEPARATOR) if code][:-1]
    return [
        PATH_SEPARATOR + PATH_SEPARATOR.join(codes[: i + 1]) + PATH_SEPARATOR
        for i in range(len(codes))
    ]


def _texts(campaign: Campaign, unit: OrgUnit, step_key: int, indicators: list[Indicator]):
    """(indicator id, unit name, text) of the text answers that count for ``unit``."""
    text_ids = [i.pk for i in indicators if i.value_type == ValueType.TEXT]
    if not text_ids:
        return []
    rows = list(
        FigureValue.objects.filter(
            report__in=Report.objects.filter(
                _members(campaign, step_key), unit__path__startswith=unit.path
            ),
            indicator_id__in=text_ids,
        )
        .exclude(text="")
        .values_list(
            "indicator",
            "report__unit__short_name",
            "report__unit__name",
            "text",
            "report__unit__path",
        )
        .order_by("report__unit__path")
    )
    if not rows:
        return []
    # Drop answers superseded by a counted report of an ancestor inside the subtree.
    candidates = {
        prefix
        for *_rest, path in rows
        for prefix in _strict_prefixes(path)
        if prefix.startswith(unit.path)
    }
    superseding = set(
        Report.objects.filter(_members(campaign, step_key), unit__path__in=candidates).values_list(
            "unit__path", flat=True
        )
    )
    return [
        (indicator_id, short_name or name, text)
        for indicator_id, short_name, name, text, path in rows
        if not superseding.intersection(_strict_prefixes(path))
    ]


def rollup(campaign: Campaign, unit: OrgUnit, *, step: ReportingStep | None = None) -> Rollup:
    """Every indicator of the campaign's form totalled over ``unit``'s subtree."""
    step_key = step.pk if step is not None else WHOLE_CAMPAIGN
    fold_pending([campaign.pk])
    indicators = list(campaign.report_form.indicators.all())
    reports, cells = _effective(campaign, step_key, [unit]).get(unit.pk, (0, {}))
    totals = _totals(indicators, cells)
    by_id = {t.indicator.pk: t for t in totals}
    for indicator_id, name, text in _texts(campaign, unit, step_key, indicators):
        by_id[indicator_id].texts.append((name, text))
    return Rollup(
        unit=unit,
        campaign=campaign,
        policy_label=CountPolicy(campaign.count_policy).label,
        reports=reports,
        totals=totals,
    )


def breakdown(
    campaign: Campaign,
    unit: OrgUnit,
    *,
    step: ReportingStep | None = None,
    children: Iterable[OrgUnit] | None = None,
) -> list[Rollup]:
    """One roll-up per child of ``unit`` (units that existed during the campaign),
    in tree order — the per-province or per-commune table of a dashboard.
    Text answers are not listed here."""
    step_key = step.pk if step is not None else WHOLE_CAMPAIGN
    fold_pending([campaign.pk])
    if children is None:
        start, end = campaign_window(campaign)
        children = OrgUnit.objects.filter(parent=unit).overlapping(start, end).order_by("path")
    children = list(children)
    indicators = list(campaign.report_form.indicators.all())
    effective = _effective(campaign, step_key, children)
    policy_label = CountPolicy(campaign.count_policy).label
    return [
        Rollup(
            unit=child,
            campaign=campaign,
            policy_label=policy_label,
            reports=effective.get(child.pk, (0, {}))[0],
            totals=_totals(indicators, effective.get(child.pk, (0, {}))[1]),
        )
        for child in children
    ]
