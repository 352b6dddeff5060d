"""All photos of a report (or of a campaign) as one ZIP, one folder per unit.

Photos are copied into the archive member by member, in chunks, so memory
stays flat however many photos a campaign has; JPEGs are already compressed,
so they are stored, not deflated. A campaign archive ends with an index
(``danh-sach-anh.csv``) of folder, file, unit, caption, when the photo was
taken and whether it may be published.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from typing import BinaryIO

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import slugify

from lifelong_week.core.text import fold
from lifelong_week.documents.exporters import _safe
from lifelong_week.reports.models import Photo, Report

INDEX_NAME = "danh-sach-anh.csv"
INDEX_HEADER = [
    "Thư mục",
    "Tệp",
    "Mã đơn vị",
    "Đơn vị",
    "Chú thích",
    "Thời điểm chụp",
    "Đồng ý đăng công khai",
]
_CHUNK = 1024 * 1024
# ZIP timestamps cannot go before 1980.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def unit_folder(report: Report) -> str:
    return slugify(fold(f"{report.unit.code} {report.unit.display_name}"))


def _member_name(photo: Photo, folder: str, number: int) -> str:
    extension = photo.image.name.rsplit(".", 1)[-1].lower()
    caption = slugify(fold(photo.caption))[:60] or "anh"
    return f"{folder}/{number:02d}-{caption}.{extension}"


def _zip_time(photo: Photo) -> tuple[int, int, int, int, int, int]:
    when = photo.taken_at or photo.uploaded_at
    if when is None:
        return _ZIP_EPOCH
    local = timezone.localtime(when)
    return max(_ZIP_EPOCH, local.timetuple()[:6])


def _write(
    archive: zipfile.ZipFile,
    photos: Iterable[Photo],
    *,
    on_photo: Callable[[Photo, str], None] | None = None,
) -> None:
    """Copy each photo into ``archive`` as ``<unit folder>/<nn>-<caption>.<ext>``."""
    counters: dict[str, int] = {}
    for photo in photos:
        folder = unit_folder(photo.report)
        counters[folder] = counters.get(folder, 0) + 1
        name = _member_name(photo, folder, counters[folder])
        member = zipfile.ZipInfo(name, date_time=_zip_time(photo))
        member.compress_type = zipfile.ZIP_STORED
        with photo.image.open("rb") as source, archive.open(member, "w") as target:
            shutil.copyfileobj(source, target, _CHUNK)
        if on_photo is not None:
            on_photo(photo, name)


def report_photos_zip(report: Report) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        _write(archive, report.photos.select_related("report__unit"))
    return buffer.getvalue()


def photos_of(reports: QuerySet[Report]) -> QuerySet[Photo]:
    """The photos of ``reports``, unit by unit in tree order, each unit's in upload order."""
    return (
        Photo.objects.filter(report__in=reports)
        .select_related("report__unit")
        .order_by("report__unit__path", "report__step__order", "uploaded_at", "pk")
    )


def campaign_photos_zip(
    reports: QuerySet[Report],
    target: str | BinaryIO,
    *,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write the photos of ``reports`` (a campaign, a step, a subtree) as a ZIP to
    ``target`` (a path or a seekable binary file), with an index at the end.

    ``progress`` is called with the number of photos written so far after each
    photo. Returns the number of photos written.
    """
    # The index grows beside the archive (a spooled temporary file, on disk
    # once large) because a ZIP takes one member at a time.
    with (
        tempfile.SpooledTemporaryFile(
            max_size=_CHUNK, mode="w+", encoding="utf-8", newline=""
        ) as index,
        zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as archive,
    ):
        writer = csv.writer(index)
        index.write("\ufeff")  # Excel reads the Vietnamese text as UTF-8
        writer.writerow(INDEX_HEADER)
        written = 0

        def on_photo(photo: Photo, name: str) -> None:
            nonlocal written
            folder, _slash, filename = name.partition("/")
            taken = photo.taken_at and timezone.localtime(photo.taken_at)
            writer.writerow(
                [
                    _safe(folder),
                    _safe(filename),
                    _safe(photo.report.unit.code),
                    _safe(photo.report.unit.name),
                    _safe(photo.caption),
                    taken.strftime("%d/%m/%Y %H:%M") if taken else "",
                    "có" if photo.may_publish else "không",
                ]
            )
            written += 1
            if progress is not None:
                progress(written)

        _write(archive, photos_of(reports).iterator(chunk_size=200), on_photo=on_photo)
        index.seek(0)
        member = zipfile.ZipInfo(INDEX_NAME, date_time=timezone.localtime().timetuple()[:6])
        member.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(member, "w") as out:
            while chunk := index.read(_CHUNK):
                out.write(chunk.encode("utf-8"))
    return written
