"""Back up and restore everything the platform keeps: the database and every
uploaded or generated file, in one archive.

The database is dumped with its own tools through django-dbbackup's
connectors — SQLite's online backup (safe while the site runs), PostgreSQL's
``pg_dump`` in its custom format — and restored the same way (SQLite through
the live connection's backup API, so its write-ahead log stays consistent;
PostgreSQL by ``pg_restore``). Files are read from the storage folder.

The archive is a plain tar:

- ``manifest.json`` — format, date, database engine, the migrations applied,
  the number of rows of every table, and each file's size and SHA-256;
- ``database/<dump>``;
- ``media/<path>`` for every file.

A restore checks the whole archive before it touches anything (format,
engine, every file against its hash), keeps the files it replaces in a
folder beside the storage folder, and checks afterwards that every table has
the rows and every file the bytes the manifest lists.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why, in Vietnamese."""


@dataclass
class Manifest:
    format: int
    created_at: str
    engine: str
    connector: str
    dump: str
    migrations: list[list[str]]
    tables: dict[str, int]
    files: dict[str, dict] = field(default_factory=dict)
    files_included: bool = True

    def to_json(self) -> bytes:
        return json.dumps(self.__dict__, ensure_ascii=False, indent=1, sort_keys=True).encode()

    @classmethod
    def from_json(cls, data: bytes) -> Manifest:
        try:
            raw = json.loads(data)
            return cls(**raw)
        except (ValueError, TypeError) as error:
            raise BackupError(_("Tệp sao lưu bị hỏng: không đọc được mục lục.")) from error


# --- what is there ---------------------------------------------------------------


def table_counts() -> dict[str, int]:
    """Rows of every table the project's models (and their many-to-many links) keep."""
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        counts[model._meta.db_table] = model._base_manager.using(connection.alias).count()
    return dict(sorted(counts.items()))


def _applied_migrations() -> list[list[str]]:
    return sorted(
        [app, name]
        for app, name in MigrationRecorder(connection).migration_qs.values_list("app", "name")
    )


def _media_root() -> Path | None:
    """The storage folder, when files are kept on this machine's disk."""
    if isinstance(default_storage, FileSystemStorage):
        return Path(default_storage.location)
    return None


def _media_files(root: Path):
    if not root.exists():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path, PurePosixPath(path.relative_to(root).as_posix())


def _sha256(stream) -> str:
    digest = hashlib.sha256()
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def _connector():
    from dbbackup.db.base import get_connector

    return get_connector(connection.alias)


# --- backup ----------------------------------------------------------------------


def create_backup(out: Path) -> Manifest:
    """Write the database and every stored file to the archive ``out``.

    Side effects: reads the database (the dump is consistent: SQLite's backup
    API, PostgreSQL's snapshot) and the storage folder; writes ``out``
    through a temporary file, so a failed backup never leaves half an archive.
    """
    out = Path(out)
    connector = _connector()
    engine = connection.vendor
    if engine not in ("sqlite", "postgresql"):
        raise BackupError(_("Chỉ sao lưu được SQLite và PostgreSQL."))
    try:
        dump = connector.create_dump()
    except Exception as error:
        raise BackupError(_("Không sao lưu được cơ sở dữ liệu: %s") % error) from error
    # Counted after the dump: on a busy site the numbers may differ by the
    # rows written meanwhile, which the restore's check then names.
    manifest = Manifest(
        format=FORMAT,
        created_at=timezone.now().isoformat(),
        engine=engine,
        connector=f"{type(connector).__module__}.{type(connector).__qualname__}",
        dump=f"database/db.{connector.extension}",
        migrations=_applied_migrations(),
        tables=table_counts(),
    )
    root = _media_root()
    manifest.files_included = root is not None
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".dang-ghi")
    try:
        with tarfile.open(partial, "w", format=tarfile.PAX_FORMAT) as archive:
            dump.seek(0, os.SEEK_END)
            size = dump.tell()
            dump.seek(0)
            archive.addfile(_member(manifest.dump, size), dump)
            for path, relative in _media_files(root) if root else ():
                with path.open("rb") as source:
                    digest = _sha256(source)
                size = path.stat().st_size
                manifest.files[str(relative)] = {"size": size, "sha256": digest}
                with path.open("rb") as source:
                    archive.addfile(_member(f"media/{relative}", size), source)
            data = manifest.to_json()
            archive.addfile(_member(MANIFEST, len(data)), io.BytesIO(data))
        partial.replace(out)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise BackupError(_("Không ghi được tệp sao lưu %(file)s: %(why)s") % {
            "file": out, "why": error.strerror or error,
        }) from error  # fmt: skip
    finally:
        dump.close()
    return manifest


def _member(name: str, size: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(dt.datetime.now(dt.UTC).timestamp())
    info.mode = 0o600
    return info


# --- restore ---------------------------------------------------------------------


def read_manifest(path: Path) -> Manifest:
    try:
        with tarfile.open(path, "r:*") as archive:
            member = archive.getmember(MANIFEST)
            return Manifest.from_json(archive.extractfile(member).read())
    except (tarfile.TarError, KeyError, OSError) as error:
        raise BackupError(
            _("%s không phải tệp sao lưu của hệ thống (hoặc đã bị hỏng).") % Path(path).name
        ) from error


def check_archive(path: Path) -> Manifest:
    """Everything a restore needs, checked before anything is touched."""
    manifest = read_manifest(path)
    if manifest.format != FORMAT:
        raise BackupError(_("Tệp sao lưu có định dạng %s, phiên bản này không đọc được.") % (
            manifest.format
        ))  # fmt: skip
    if manifest.engine != connection.vendor:
        raise BackupError(
            _(
                "Tệp sao lưu là của cơ sở dữ liệu %(backup)s, hệ thống đang dùng %(here)s: "
                "hãy khôi phục vào cùng loại cơ sở dữ liệu."
            )
            % {"backup": manifest.engine, "here": connection.vendor}
        )
    if manifest.files_included and _media_root() is None:
        raise BackupError(
            _("Hệ thống đang lưu tệp trên kho S3: khôi phục tệp vào kho đó không được hỗ trợ.")
        )
    seen = set()
    with tarfile.open(path, "r:*") as archive:
        for member in archive:
            name = PurePosixPath(member.name)
            if member.name == MANIFEST:
                continue
            if not member.isfile() or name.is_absolute() or ".." in name.parts:
                raise BackupError(_("Tệp sao lưu chứa mục không hợp lệ: %s") % member.name)
            if member.name == manifest.dump:
                seen.add(member.name)
                continue
            relative = str(PurePosixPath(*name.parts[1:])) if name.parts[0] == "media" else None
            expected = manifest.files.get(relative) if relative else None
            if expected is None:
                raise BackupError(
                    _("Tệp sao lưu chứa mục không có trong mục lục: %s") % member.name
                )
            if _sha256(archive.extractfile(member)) != expected["sha256"]:
                raise BackupError(
                    _("Tệp %s trong bản sao lưu bị hỏng (sai mã kiểm tra).") % relative
                )
            seen.add(member.name)
    missing = {manifest.dump} | {f"media/{name}" for name in manifest.files}
    missing -= seen
    if missing:
        raise BackupError(_("Tệp sao lưu thiếu: %s") % ", ".join(sorted(missing)[:5]))
    return manifest


@dataclass
class Restored:
    manifest: Manifest
    previous_files: Path | None  # where the files that were there before now are
    problems: list[str]  # what does not match the manifest after the restore


def restore_backup(path: Path) -> Restored:
    """Replace the database and the stored files with the archive's.

    Side effects: checks the archive first (nothing changes when it is
    wrong); replaces every table; moves the current storage folder aside
    (``<folder>.truoc-khoi-phuc-<time>``) and puts the archive's files in its
    place; then compares every table's rows and every file's hash with the
    manifest and returns what differs.
    """
    path = Path(path)
    manifest = check_archive(path)
    with tarfile.open(path, "r:*") as archive, tempfile.TemporaryDirectory() as work:
        dump_path = Path(work) / "database"
        with dump_path.open("wb") as target:
            shutil.copyfileobj(archive.extractfile(manifest.dump), target, CHUNK)
        _restore_database(manifest, dump_path)
        previous = _restore_files(manifest, archive) if manifest.files_included else None
    return Restored(manifest=manifest, previous_files=previous, problems=verify(manifest))


def _restore_database(manifest: Manifest, dump_path: Path) -> None:
    if connection.vendor == "sqlite":
        # Through the live connection: the write-ahead log and any other
        # connection stay consistent (copying the file over would not).
        connection.ensure_connection()
        with sqlite3.connect(dump_path) as source:
            source.backup(connection.connection)
        return
    from dbbackup.db.base import get_connector

    connector = get_connector(connection.alias, connector_path=manifest.connector)
    connection.close()  # pg_restore drops the tables this session may hold
    try:
        with dump_path.open("rb") as dump:
            connector.restore_dump(dump)
    except Exception as error:
        raise BackupError(_("Không khôi phục được cơ sở dữ liệu: %s") % error) from error


def _restore_files(manifest: Manifest, archive: tarfile.TarFile) -> Path | None:
    root = _media_root()
    staging = Path(tempfile.mkdtemp(prefix=".khoi-phuc-", dir=root.parent))
    for member in archive:
        if member.name.startswith("media/") and member.isfile():
            target = staging / PurePosixPath(member.name).relative_to("media")
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("wb") as out:
                shutil.copyfileobj(archive.extractfile(member), out, CHUNK)
    previous = None
    if root.exists() and any(root.iterdir()):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        previous = root.with_name(f"{root.name}.truoc-khoi-phuc-{stamp}")
        root.rename(previous)
    elif root.exists():
        root.rmdir()
    staging.rename(root)
    return previous


def verify(manifest: Manifest) -> list[str]:
    """What differs from the manifest: tables' row counts, files' bytes."""
    problems = []
    counts = table_counts()
    for table, rows in manifest.tables.items():
        if counts.get(table) != rows:
            problems.append(
                _("Bảng %(table)s có %(now)s dòng, bản sao lưu có %(then)s.")
                % {"table": table, "now": counts.get(table), "then": rows}
            )
    root = _media_root()
    if manifest.files_included and root is not None:
        for name, expected in manifest.files.items():
            path = root / name
            if not path.is_file():
                problems.append(_("Thiếu tệp %s.") % name)
                continue
            with path.open("rb") as source:
                if _sha256(source) != expected["sha256"]:
                    problems.append(_("Tệp %s khác bản sao lưu.") % name)
    return problems
