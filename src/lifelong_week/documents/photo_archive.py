"""All photos of a report (or of a campaign) as one ZIP, one folder per unit."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

from django.utils.text import slugify

from lifelong_week.core.text import fold
from lifelong_week.reports.models import Photo, Report


def unit_folder(report: Report) -> str:
    return slugify(fold(f"{report.unit.code} {report.unit.display_name}"))


def _write(archive: zipfile.ZipFile, photos: Iterable[Photo]) -> None:
    counters: dict[str, int] = {}
    for photo in photos:
        folder = unit_folder(photo.report)
        counters[folder] = counters.get(folder, 0) + 1
        extension = photo.image.name.rsplit(".", 1)[-1]
        caption = slugify(fold(photo.caption))[:60] or "anh"
        name = f"{folder}/{counters[folder]:02d}-{caption}.{extension}"
        with photo.image.open("rb") as source:
            archive.writestr(name, source.read())


def report_photos_zip(report: Report) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        _write(archive, report.photos.select_related("report__unit"))
    return buffer.getvalue()
