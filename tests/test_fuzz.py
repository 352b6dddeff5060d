"""Malformed files and bodies, hundreds of them, at every upload, import and
API endpoint: each answer is a refusal or a success — never a 500 — within
bounded time and memory, and nothing already saved is lost.

The inputs are generated from a fixed seed (the same run every time): real
files cut short, flipped, renamed, padded, zipped into bombs, images with
absurd dimensions, text in the wrong encodings, JSON nested a thousand deep,
numbers too large for any column, control characters everywhere. The
largest time and memory one request took are printed.
"""

from __future__ import annotations

import io
import json
import random
import struct
import time
import tracemalloc
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from openpyxl import Workbook
from PIL import Image

from lifelong_week.accounts.models import User
from lifelong_week.api.tokens import create_token
from lifelong_week.orgs.importer import UnitImportError, import_units
from lifelong_week.orgs.models import OrgUnit
from lifelong_week.reports.models import FigureValue, Photo, Report, SectionText

pytestmark = pytest.mark.django_db

SECONDS = 10
MEGABYTES = 300
SEED = 20261207


def _png(width=8, height=8) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (20, 120, 30)).save(out, "JPEG")
    return out.getvalue()


def _docx() -> bytes:
    document = Document()
    document.add_paragraph("KẾ HOẠCH Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2026")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _xlsx() -> bytes:
    book = Workbook()
    book.active.append(["code", "name", "kind", "admin_level", "parent_code"])
    book.active.append(["X1", "Đơn vị", "other", "commune", ""])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims a huge image (a decompression bomb)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    ihdr = struct.pack(">I", len(header)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    data = zlib.compress(b"\x00" * 1024)
    idat = (
        struct.pack(">I", len(data))
        + b"IDAT"
        + data
        + struct.pack(">I", zlib.crc32(b"IDAT" + data))
    )
    return b"\x89PNG\r\n\x1a\n" + ihdr + idat + struct.pack(">I", 0) + b"IEND\xaeB`\x82"


def _zip_bomb(inner: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(inner, b"A" * (60 * 1024 * 1024))
        archive.writestr("[Content_Types].xml", b"<Types/>")
    return out.getvalue()


def malformed_files(rng: random.Random) -> list[tuple[str, bytes]]:
    """(filename, bytes): damaged versions of every kind the site accepts."""
    seeds = {"png": _png(), "jpg": _jpeg(), "docx": _docx(), "xlsx": _xlsx()}
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
    files = [
        ("rong.jpg", b""),
        ("nul.txt", b"\x00" * 1000),
        ("bom-utf16.txt", "\ufeffKế hoạch".encode("utf-16")),
        ("latin.txt", "Kế hoạch".encode("cp1258", errors="replace")),
        ("anh.png", _png_claiming(100_000, 100_000)),
        ("anh.png", _png_claiming(0, 0)),
        ("bom.docx", _zip_bomb("word/document.xml")),
        ("bom.xlsx", _zip_bomb("xl/worksheets/sheet1.xml")),
        ("ke-hoach.pdf", pdf),
        ("ke-hoach.pdf", pdf[:10]),
        ("that.exe", b"MZ" + bytes(rng.randrange(256) for _ in range(2000))),
        ("svg.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"),
        ("html.jpg", b"<html><script>alert(1)</script></html>"),
    ]
    for kind, good in seeds.items():
        for n in range(12):
            data = bytearray(good)
            how = n % 4
            if how == 0:
                data = data[: rng.randrange(1, max(2, len(data)))]
            elif how == 1:
                for _ in range(rng.randrange(1, 50)):
                    data[rng.randrange(len(data))] = rng.randrange(256)
            elif how == 2:
                data = bytearray(good) + bytes(
                    rng.randrange(256) for _ in range(rng.randrange(1, 5000))
                )
            else:
                data = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 20000)))
            other = rng.choice(["jpg", "png", "webp", "docx", "pdf", "txt", "xlsx", "csv"])
            files.append((f"tep-{n}.{kind if n % 3 else other}", bytes(data)))
    return files


def malformed_bodies(rng: random.Random, codes: list[str]) -> list[bytes]:
    """JSON (and not JSON) bodies for the figures API."""
    deep = "[" * 1000 + "]" * 1000
    values = [
        10**30, -(10**30), 1e308, -1e-308, "NaN", "Infinity", "1.2.3,4", "١٢٣", "12a",
        "\x00", "\u202e123", "𝟙𝟚𝟛", True, None, [], {}, "x" * 100_000, " ", "-0", "0x10",
        "1e5", "9" * 400, "1,5", "1.5", "có", "khong", {"a": [1, 2, {"b": None}]},
    ]  # fmt: skip
    bodies = [
        b"",
        b"{",
        b"null",
        b"[]",
        b"\xff\xfe\x00",
        deep.encode(),
        b'{"figures": ' + deep.encode() + b"}",
        json.dumps({"figures": "not an object"}).encode(),
        json.dumps({"figures": {}, "submit": "yes"}).encode(),
        json.dumps({"figures": {}, "extra": 1}).encode(),
        json.dumps({"notes": {codes[0]: "\x00" * 10}}).encode(),
        json.dumps({"notes": {codes[0]: "x" * 100_000}}).encode(),
    ]
    for _ in range(120):
        figures = {
            rng.choice([*codes, "khong-co", "", "\x00"]): rng.choice(values) for _ in range(3)
        }
        body = json.dumps({"figures": figures}, ensure_ascii=rng.random() < 0.5).encode()
        if rng.random() < 0.15:
            body = body[: rng.randrange(1, len(body))]
        bodies.append(body)
    return bodies


class Meter:
    """Time and memory of each request; the worst of each."""

    def __init__(self):
        self.count = 0
        self.seconds = 0.0
        self.megabytes = 0.0

    def __call__(self, send, what: str):
        tracemalloc.start()
        started = time.perf_counter()
        try:
            return send()
        finally:  # a refusal raised (an import) is measured too
            seconds = time.perf_counter() - started
            peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
            tracemalloc.stop()
            self.count += 1
            self.seconds = max(self.seconds, seconds)
            self.megabytes = max(self.megabytes, peak)
            assert seconds < SECONDS, f"{what} took {seconds:.1f} s"
            assert peak < MEGABYTES, f"{what} used {peak:.0f} MB"


def _saved(report: Report) -> tuple:
    return (
        sorted(
            FigureValue.objects.filter(report=report).values_list(
                "indicator_id", "value", "text", "note"
            )
        ),
        sorted(SectionText.objects.filter(report=report).values_list("section_id", "text")),
        Photo.objects.filter(report=report).count(),
        OrgUnit.objects.count(),
    )


def test_hundreds_of_malformed_inputs_get_answers_not_errors(full_demo, client, tmp_path):
    rng = random.Random(SEED)
    meter = Meter()
    reporter = User.objects.get(username="tanan.baocao")
    report = Report.objects.get(campaign=full_demo.campaign, unit__code="794")
    Report.objects.filter(pk=report.pk).update(status="draft")  # writable again
    before = _saved(report)
    coordinator = User.objects.get(username="sogd.dieuphoi")
    department = full_demo.units["80-SGDDT"]
    files = malformed_files(rng)

    # Photos, as the report page uploads them.
    client.force_login(reporter)
    for name, data in files:
        response = meter(
            lambda name=name, data=data: client.post(
                reverse("reports:photos", args=[report.pk]),
                {"image": SimpleUploadedFile(name, data), "caption": "Ảnh\x00 thử"},
            ),
            f"photo {name}",
        )
        assert response.status_code in (200, 302), (name, response.status_code)

    # Plans, as the coordinator imports them.
    client.force_login(coordinator)
    for name, data in files:
        response = meter(
            lambda name=name, data=data: client.post(
                reverse("campaigns:plan_import"),
                {"document": SimpleUploadedFile(name, data), "coordinator": department.pk},
            ),
            f"plan {name}",
        )
        assert response.status_code in (200, 302), (name, response.status_code)

    # Unit lists, as the administrator imports them.
    for number, (name, data) in enumerate(files):
        path = tmp_path / f"{number}-{name.rsplit('.', 1)[0]}.{rng.choice(['csv', 'xlsx', 'txt'])}"
        path.write_bytes(data)
        try:
            meter(lambda path=path: import_units(path), f"units {name}")
        except UnitImportError as refused:
            assert refused.problems and all(str(p) for p in refused.problems)

    # The figures API, as another system pushes them.
    _token, key = create_token(reporter, name="hệ thống khác")
    headers = {"Authorization": f"Bearer {key}"}
    codes = list(report.campaign.report_form.indicators.values_list("code", flat=True))
    for body in malformed_bodies(rng, codes):
        figures_before = _saved(report)[0]
        response = meter(
            lambda body=body: client.generic(
                "PUT",
                f"/api/v1/reports/{report.pk}/figures",
                body,
                content_type="application/json",
                headers=headers,
            ),
            f"api {body[:60]!r}",
        )
        assert response.status_code in (200, 400, 409, 413, 422), (body[:200], response.status_code)
        assert response["Content-Type"].startswith("application/json")
        if response.status_code != 200:  # all or nothing: a refusal saved nothing
            assert _saved(report)[0] == figures_before, body[:200]
    for path in (
        "/api/v1/reports/%00/figures",
        "/api/v1/campaigns/%ff/rollup",
        "/api/v1/steps/99999999999999999999/completeness",
    ):
        response = meter(lambda path=path: client.get(path, headers=headers), path)
        assert response.status_code in (400, 404, 405, 422), (path, response.status_code)

    print(
        f"fuzz: {meter.count} requests, slowest {meter.seconds:.2f} s, "
        f"most memory {meter.megabytes:.0f} MB"
    )
    assert meter.count >= 300
    # Sections were never touched; refused figures left the saved ones as they were.
    assert _saved(report)[1] == before[1]
