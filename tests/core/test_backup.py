"""Backup and restore: a demo is backed up, destroyed, restored, and every
table and every file is exactly as it was — on SQLite and on PostgreSQL.
A damaged or foreign archive is refused before anything is touched."""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection

from lifelong_week.accounts.models import User
from lifelong_week.reports.models import Photo

pytestmark = pytest.mark.django_db(transaction=True)


def tables() -> dict[str, list]:
    """Every row of every table, in a stable order."""
    snapshot = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            if model._meta.proxy or not model._meta.managed:
                continue
            table = model._meta.db_table
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - a model's own table
            snapshot[table] = sorted(map(repr, cursor.fetchall()))
    return snapshot


def files(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def demo(settings, tmp_path):
    from lifelong_week.demo.load import load_demo

    settings.MEDIA_ROOT = tmp_path / "media"
    load_demo()
    assert Photo.objects.exists()
    return Path(settings.MEDIA_ROOT)


def test_a_demo_backed_up_destroyed_and_restored_is_identical(demo, tmp_path, capsys):
    before_tables, before_files = tables(), files(demo)
    assert len(before_files) > 10
    archive = tmp_path / "sao-luu" / "htsd.tar"

    call_command("backup", out=archive)
    assert "Đã sao lưu" in capsys.readouterr().out

    # Destroyed: every row gone, files gone, and something new written since.
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(demo)
    demo.mkdir()
    (demo / "la.txt").write_text("một tệp mới")
    User.objects.create_user(username="nguoi.moi", password="x" * 12)
    assert tables() != before_tables

    call_command("restore", str(archive), yes=True)

    out = capsys.readouterr().out
    assert "mọi bảng và mọi tệp khớp với bản sao lưu" in out
    assert tables() == before_tables
    assert files(demo) == before_files
    kept = next(demo.parent.glob("media.truoc-khoi-phuc-*"))
    assert (kept / "la.txt").read_text() == "một tệp mới"  # nothing is lost


def _rewrite(archive: Path, out: Path, change) -> None:
    """Copy ``archive`` to ``out``, passing each (member, bytes) through ``change``."""
    with tarfile.open(archive) as source, tarfile.open(out, "w") as target:
        for member in source:
            data = source.extractfile(member).read()
            member, data = change(member, data)
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))


def test_a_damaged_or_foreign_archive_is_refused_and_nothing_changes(demo, tmp_path):
    archive = tmp_path / "htsd.tar"
    call_command("backup", out=archive)
    before_tables, before_files = tables(), files(demo)

    def flip_a_photo(member, data):
        if member.name.startswith("media/") and member.name.endswith(".jpg"):
            data = data[:-1] + bytes([data[-1] ^ 1])
        return member, data

    def other_engine(member, data):
        if member.name == "manifest.json":
            manifest = json.loads(data)
            manifest["engine"] = "postgresql" if connection.vendor == "sqlite" else "sqlite"
            data = json.dumps(manifest).encode()
        return member, data

    damaged, foreign, junk = tmp_path / "hong.tar", tmp_path / "khac.tar", tmp_path / "rac.tar"
    _rewrite(archive, damaged, flip_a_photo)
    _rewrite(archive, foreign, other_engine)
    junk.write_bytes(b"day khong phai tep sao luu")

    for path, message in (
        (damaged, "bị hỏng (sai mã kiểm tra)"),
        (foreign, "hãy khôi phục vào cùng loại cơ sở dữ liệu"),
        (junk, "không phải tệp sao lưu của hệ thống"),
    ):
        with pytest.raises(CommandError, match=re.escape(message)):
            call_command("restore", str(path), yes=True)
        assert tables() == before_tables
        assert files(demo) == before_files
