"""The campaign's photos as one ZIP: one folder per unit, every photo intact."""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile

import pytest
from django.utils import timezone

from lifelong_week.accounts.models import User
from lifelong_week.documents.models import ExportJob, ExportKind, ExportStatus
from lifelong_week.documents.photo_archive import INDEX_NAME, unit_folder
from lifelong_week.documents.tasks import make_export
from lifelong_week.reports.enums import ReportStatus
from lifelong_week.reports.models import Photo, Report

SENT_UP = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED, ReportStatus.RETURNED)


@pytest.fixture
def coordinator(full_demo):
    return User.objects.get(username="sogd.dieuphoi")


def photos_job(client, user, **data) -> ExportJob:
    client.force_login(user)
    response = client.post("/tai-lieu/xuat/", {"kind": ExportKind.PHOTOS, **data})
    assert response.status_code == 302
    job = ExportJob.objects.get()
    assert make_export(job.pk) == ExportStatus.DONE
    job.refresh_from_db()
    return job


def archive_of(client, job) -> zipfile.ZipFile:
    response = client.get(job.urls.download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == f'attachment; filename="{job.download_name}"'
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_every_photo_sent_up_is_in_its_units_folder_byte_for_byte(client, full_demo, coordinator):
    photos = list(
        Photo.objects.filter(report__campaign=full_demo.campaign, report__status__in=SENT_UP)
        .select_related("report__unit")
        .order_by("report__unit__path", "uploaded_at", "pk")
    )
    assert len(photos) == 19  # nine units with two photos, one returned with one

    job = photos_job(client, coordinator, campaign="long-an-2021")

    archive = archive_of(client, job)
    assert archive.testzip() is None
    members = [name for name in archive.namelist() if name != INDEX_NAME]
    assert len(members) == len(photos)
    folders = {name.split("/")[0] for name in members}
    assert folders == {unit_folder(photo.report) for photo in photos}
    assert "794-ubnd-thanh-pho-tan-an" in folders  # code and name, without diacritics
    assert not any(folder.startswith("803-") for folder in folders)  # Bến Lức sent nothing
    by_hash = {
        hashlib.sha256(archive.read(name)).hexdigest(): name.split("/")[0] for name in members
    }
    assert by_hash == {photo.sha256: unit_folder(photo.report) for photo in photos}
    assert job.done == job.total == len(photos)
    assert job.download_name == "anh-long-an-2021.zip"


def test_photos_are_named_by_order_and_caption_with_an_index(client, full_demo, coordinator):
    job = photos_job(client, coordinator, campaign="long-an-2021", unit="794")

    archive = archive_of(client, job)
    photos = list(Photo.objects.filter(report__unit__code="794").order_by("uploaded_at", "pk"))
    folder = unit_folder(photos[0].report)
    assert folder.startswith("794-")
    names = [name for name in archive.namelist() if name != INDEX_NAME]
    assert [name.split("/")[1][:3] for name in names] == ["01-", "02-"]
    assert all(name.startswith(folder + "/") and name.endswith(".jpg") for name in names)

    index = archive.read(INDEX_NAME).decode("utf-8")
    assert index.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(index.lstrip("\ufeff"))))
    assert rows[0] == [
        "Thư mục",
        "Tệp",
        "Mã đơn vị",
        "Đơn vị",
        "Chú thích",
        "Thời điểm chụp",
        "Đồng ý đăng công khai",
    ]
    assert [row[:3] for row in rows[1:]] == [[folder, name.split("/")[1], "794"] for name in names]
    assert [row[4] for row in rows[1:]] == [photo.caption for photo in photos]
    assert [row[6] for row in rows[1:]] == [
        "có" if photo.may_publish else "không" for photo in photos
    ]
    assert [row[5] for row in rows[1:]] == [
        timezone.localtime(photo.taken_at).strftime("%d/%m/%Y %H:%M") for photo in photos
    ]


def test_a_draft_units_photos_stay_with_the_unit(client, full_demo, coordinator):
    sent = Photo.objects.filter(report__unit__code="794").first()
    draft = Report.objects.get(campaign=full_demo.campaign, unit__code="798")
    assert draft.status == ReportStatus.DRAFT
    Photo.objects.create(
        report=draft,
        image=sent.image.name,
        thumbnail=sent.thumbnail.name,
        caption="Ảnh chưa gửi",
        width=sent.width,
        height=sent.height,
        sha256=sent.sha256,
    )

    job = photos_job(client, coordinator, campaign="long-an-2021")

    names = archive_of(client, job).namelist()
    assert not any(name.startswith("798-") for name in names)
    assert len(names) - 1 == job.total == 19


def test_a_step_without_photos_gives_an_archive_with_an_empty_index(client, full_demo):
    head = User.objects.get(username="sogd.giamdoc")
    step = full_demo.campaign.steps.get(order=1)
    Photo.objects.all().delete()

    job = photos_job(client, head, step=step.pk)

    archive = archive_of(client, job)
    assert archive.namelist() == [INDEX_NAME]
    assert job.total == 0
    page = client.get(job.urls.detail).content.decode()
    assert "Chưa có ảnh nào trong phạm vi này" in page
