"""Import organisation units from the CSV or XLSX files offices already keep.

All or nothing: every bad row is reported with its line number and reason, and
when any row is bad nothing is written. Column headers may be the English field
names or the Vietnamese ones offices type ("Mã đơn vị", "Mã cấp trên", …),
with or without diacritics.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from lifelong_week.core.text import clean_line, fold
from lifelong_week.orgs.domain import move_unit
from lifelong_week.orgs.enums import AdminLevel, UnitKind
from lifelong_week.orgs.models import OrgUnit, code_validator

COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("ma", "ma don vi", "ma so"),
    "name": ("ten", "ten don vi", "ten day du"),
    "short_name": ("ten viet tat", "ten ngan"),
    "kind": ("loai", "loai don vi"),
    "admin_level": ("cap", "cap hanh chinh"),
    "parent_code": ("parent", "ma cap tren", "ma don vi cap tren", "don vi cap tren"),
    "valid_from": ("hieu luc tu", "tu ngay", "hieu luc tu ngay"),
    "valid_to": ("hieu luc den", "den ngay", "hieu luc den ngay"),
    "governing_body": ("co quan chu quan",),
    "issuing_name": ("ten co quan ban hanh", "ten in tren tieu de"),
    "doc_symbol": ("ky hieu", "ky hieu van ban"),
    "place_name": ("dia danh",),
    "head_title": ("chuc vu thu truong", "chuc vu nguoi dung dau"),
    "head_name": ("ho ten thu truong", "nguoi dung dau", "thu truong"),
    "address": ("dia chi",),
    "email": ("thu dien tu", "e-mail"),
    "phone": ("dien thoai", "so dien thoai"),
}
REQUIRED = ("code", "name", "kind", "admin_level", "parent_code")
_ALIASES = {fold(alias): key for key, aliases in COLUMNS.items() for alias in (key, *aliases)}
_TEXT_FIELDS = (
    "name",
    "short_name",
    "governing_body",
    "issuing_name",
    "doc_symbol",
    "place_name",
    "head_title",
    "head_name",
    "address",
    "email",
    "phone",
)


@dataclass(frozen=True)
class RowProblem:
    line: int | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        return _("Dòng %(line)s: %(message)s") % {"line": self.line, "message": self.message}


class UnitImportError(Exception):
    """The file was refused; ``problems`` lists every reason, none was imported."""

    def __init__(self, problems: list[RowProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)


@dataclass
class _Row:
    line: int
    values: dict[str, object]


# --- Reading ---------------------------------------------------------------


# Bounds checked before any work: a real list of a country's units is a few
# megabytes; anything far larger is a mistake or an attack.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_INFLATED_BYTES = 200 * 1024 * 1024  # an .xlsx is a zip: what it unpacks to
MAX_ROWS = 200_000
MAX_CELL_CHARS = 10_000  # no unit field is longer than a few hundred characters


def read_rows(path: Path) -> tuple[list[str], Iterator[tuple[int, list[object]]]]:
    """Header and (line number, cells) rows of a CSV or XLSX file."""
    suffix = path.suffix.lower()
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise UnitImportError(
                [
                    RowProblem(
                        None,
                        _("Tệp %(name)s quá lớn (tối đa %(mb)s MB).")
                        % {"name": path.name, "mb": MAX_FILE_BYTES // (1024 * 1024)},
                    )
                ]
            )
        data = path.read_bytes()
    except OSError:
        raise UnitImportError([RowProblem(None, _("Không đọc được tệp %s.") % path.name)]) from None
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(data, path.name)
    if suffix in (".csv", ".txt"):
        return _read_csv(data, path.name)
    raise UnitImportError([RowProblem(None, _("Tệp %s không phải CSV hoặc XLSX.") % path.name)])


def _read_csv(data: bytes, name: str):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnitImportError(
            [
                RowProblem(
                    None, _("Tệp %s không phải văn bản UTF-8. Hãy lưu lại dạng CSV UTF-8.") % name
                )
            ]
        ) from None
    # Excel's CSV: quotes doubled inside quoted fields, the delimiter its
    # regional setting's (";" in Vietnamese Windows). The delimiter is the one
    # the header line uses most; everything else is Excel's dialect, never
    # guessed — a guess from one line misreads doubled quotes in names.
    first_line = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]
    delimiter = max(",;\t", key=first_line.count)

    class Dialect(csv.excel):
        pass

    Dialect.delimiter = delimiter
    # newline="": lines may end in \r\n, \n or a lone \r (old Mac exports).
    reader = csv.reader(io.StringIO(text, newline=""), Dialect)
    rows = _bounded_csv(reader, name)
    try:
        _line, header = next(rows)
    except StopIteration:
        raise UnitImportError([RowProblem(None, _("Tệp %s trống.") % name)]) from None
    return header, rows


def _bounded_csv(reader, name: str) -> Iterator[tuple[int, list[object]]]:
    """The reader's rows with their line numbers; a malformed or oversized
    field, or too many rows, is a problem named by its line."""
    count = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error:
            raise UnitImportError(
                [
                    RowProblem(
                        reader.line_num,
                        _(
                            "không đọc được dòng này của tệp %s (một ô quá dài hoặc dấu ngoặc kép "
                            "không đóng). Hãy mở tệp bằng Excel và lưu lại dạng CSV UTF-8."
                        )
                        % name,
                    )
                ]
            ) from None
        count += 1
        if count > MAX_ROWS + 1:
            raise UnitImportError(
                [RowProblem(None, _("Tệp có quá %s dòng.") % f"{MAX_ROWS:,}".replace(",", "."))]
            )
        yield reader.line_num, row


def _read_xlsx(data: bytes, name: str):
    from openpyxl import load_workbook

    invalid = UnitImportError(
        [RowProblem(None, _("Tệp %s không phải tệp Excel (.xlsx) hợp lệ.") % name)]
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            inflated = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise invalid from None
    if inflated > MAX_INFLATED_BYTES:
        raise UnitImportError(
            [RowProblem(None, _("Tệp %s giải nén ra quá lớn, không phải danh sách đơn vị.") % name)]
        )
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        raise invalid from None
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    try:
        header = [str(cell or "") for cell in next(rows)]
    except StopIteration:
        raise UnitImportError([RowProblem(None, _("Tệp %s trống.") % name)]) from None

    def numbered():
        for number, row in enumerate(rows, start=2):
            if number > MAX_ROWS + 1:
                raise UnitImportError(
                    [RowProblem(None, _("Tệp có quá %s dòng.") % f"{MAX_ROWS:,}".replace(",", "."))]
                )
            yield number, list(row)

    return header, numbered()


# --- Checking --------------------------------------------------------------


def _map_header(header: list[str]) -> tuple[list[str | None], list[RowProblem]]:
    problems = []
    keys: list[str | None] = []
    for title in header:
        key = _ALIASES.get(fold(title).replace("_", " ")) or _ALIASES.get(fold(title))
        if key is None and title.strip():
            problems.append(
                RowProblem(
                    1,
                    _("cột “%(column)s” không được hỗ trợ. Các cột hợp lệ: %(valid)s.")
                    % {"column": title.strip(), "valid": ", ".join(COLUMNS)},
                )
            )
        keys.append(key)
    seen = {k for k in keys if k}
    for key in REQUIRED:
        if key not in seen:
            problems.append(RowProblem(1, _("thiếu cột bắt buộc “%s”.") % key))
    return keys, problems


def _choice(value: str, enum) -> str | None:
    wanted = fold(value)
    for choice_value, label in enum.choices:
        if wanted in (fold(choice_value), fold(str(label))):
            return choice_value
    return None


def _date(value: object) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def _check_row(line: int, cells: dict[str, object]) -> tuple[dict[str, object], list[RowProblem]]:
    problems: list[RowProblem] = []
    values: dict[str, object] = {}

    def text(key: str) -> str:
        raw = cells.get(key)
        # Cleaned here, at the boundary: no NUL or pasted control character
        # reaches the database, and a name is one line.
        return clean_line("" if raw is None else str(raw)[:MAX_CELL_CHARS])

    values["code"] = code = text("code")
    try:
        code_validator(code)
    except ValidationError:
        problems.append(RowProblem(line, _("mã đơn vị “%s” không hợp lệ.") % code[:40]))
    for key in _TEXT_FIELDS:
        values[key] = text(key)
        limit = OrgUnit._meta.get_field(key).max_length
        if limit and len(values[key]) > limit:
            problems.append(
                RowProblem(
                    line,
                    _("“%(field)s” dài %(length)s ký tự, tối đa %(limit)s.")
                    % {
                        "field": OrgUnit._meta.get_field(key).verbose_name,
                        "length": len(values[key]),
                        "limit": limit,
                    },
                )
            )
    if not values["name"]:
        problems.append(RowProblem(line, _("thiếu tên đơn vị.")))
    kind = _choice(text("kind"), UnitKind)
    if kind is None:
        problems.append(
            RowProblem(line, _("loại đơn vị “%s” không có trong danh mục.") % text("kind"))
        )
    values["kind"] = kind
    level = _choice(text("admin_level"), AdminLevel)
    if level is None:
        problems.append(
            RowProblem(line, _("cấp “%s” không có trong danh mục.") % text("admin_level"))
        )
    values["admin_level"] = level
    values["parent_code"] = text("parent_code")
    for key in ("valid_from", "valid_to"):
        try:
            values[key] = _date(cells.get(key))
        except ValueError:
            problems.append(
                RowProblem(line, _("ngày “%s” không đúng dạng ngày/tháng/năm.") % cells.get(key))
            )
            values[key] = None
    if values["valid_from"] and values["valid_to"] and values["valid_from"] > values["valid_to"]:
        problems.append(RowProblem(line, _("ngày hết hiệu lực trước ngày bắt đầu hiệu lực.")))
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError:
            problems.append(RowProblem(line, _("địa chỉ thư “%s” không hợp lệ.") % values["email"]))
    return values, problems


def check_rows(header: list[str], rows: Iterable[tuple[int, list[object]]]) -> list[_Row]:
    """Validate the whole file; raise ``UnitImportError`` listing every problem."""
    keys, problems = _map_header(header)
    if any(key not in keys for key in REQUIRED):
        # Without the required columns no row can be read; an unknown column
        # alone is reported beside the row problems.
        raise UnitImportError(problems)
    checked: list[_Row] = []
    first_line_of: dict[str, int] = {}
    for line, cells in rows:
        if all(cell in (None, "") for cell in cells):
            continue
        named = {key: cell for key, cell in zip(keys, cells, strict=False) if key}
        values, row_problems = _check_row(line, named)
        problems.extend(row_problems)
        code = values["code"]
        if code in first_line_of:
            problems.append(
                RowProblem(
                    line,
                    _("mã đơn vị “%(code)s” bị trùng (đã có ở dòng %(first)s).")
                    % {"code": code, "first": first_line_of[code]},
                )
            )
        elif code:
            first_line_of[code] = line
        checked.append(_Row(line, values))
    problems.extend(_check_parents(checked))
    if problems:
        raise UnitImportError(sorted(problems, key=lambda p: p.line or 0))
    return checked


def _check_parents(rows: list[_Row]) -> list[RowProblem]:
    in_file = {row.values["code"]: row for row in rows}
    parent_codes = {row.values["parent_code"] for row in rows if row.values["parent_code"]}
    in_db = dict(
        OrgUnit.objects.filter(code__in=parent_codes | set(in_file)).values_list(
            "code", "parent__code"
        )
    )
    problems = []
    for row in rows:
        parent = row.values["parent_code"]
        if parent and parent not in in_file and parent not in in_db:
            problems.append(RowProblem(row.line, _("đơn vị cấp trên “%s” không tồn tại.") % parent))

    def parent_of(code: str) -> str | None:
        if code in in_file:
            return in_file[code].values["parent_code"] or None
        if code in in_db:
            return in_db[code]
        return OrgUnit.objects.filter(code=code).values_list("parent__code", flat=True).first()

    reported: set[str] = set()
    for row in rows:
        code = row.values["code"]
        seen = [code]
        current = parent_of(code)
        while current and current not in seen and len(seen) < 1000:
            seen.append(current)
            current = parent_of(current)
        if current == code and code not in reported:
            reported.update(seen)
            chain = " → ".join([*seen, code])
            problems.append(
                RowProblem(row.line, _("quan hệ cấp trên tạo thành vòng lặp: %s.") % chain)
            )
    return problems


# --- Writing ---------------------------------------------------------------


def import_units(path: Path) -> ImportResult:
    """Create or update the units in ``path``; all or nothing.

    Side effects: creates new units, updates existing ones with the same code,
    moves a unit (with its subtree) when its parent changed. The file is read
    and checked before the transaction that writes: on SQLite a transaction
    holds the one write lock every other user needs.
    """
    header, rows = read_rows(Path(path))
    checked = check_rows(header, rows)
    with transaction.atomic():
        return _write(checked)


def _write(checked: list[_Row]) -> ImportResult:
    result = ImportResult()
    by_code = {row.values["code"]: row for row in checked}
    ordered: list[_Row] = []
    placed: set[str] = set()

    def place(code: str) -> None:
        if code in placed:
            return
        parent = by_code[code].values["parent_code"]
        if parent in by_code:
            place(parent)
        placed.add(code)
        ordered.append(by_code[code])

    for code in by_code:
        place(code)

    existing = {unit.code: unit for unit in OrgUnit.objects.filter(code__in=by_code)}
    for row in ordered:
        values = dict(row.values)
        parent_code = values.pop("parent_code")
        parent = OrgUnit.objects.get(code=parent_code) if parent_code else None
        unit = existing.get(values["code"])
        if unit is None:
            OrgUnit.objects.create(parent=parent, **values)
            result.created.append(values["code"])
            continue
        for key, value in values.items():
            setattr(unit, key, value)
        if unit.parent_id != (parent.pk if parent else None):
            move_unit(unit, new_parent=parent)
        else:
            unit.save()
        result.updated.append(values["code"])
    return result
