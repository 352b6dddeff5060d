"""The export job through the real worker (django-tasks' db_worker), which opens
and closes its own database connections — so the demo must be committed."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from lifelong_week.accounts.models import User
from lifelong_week.documents.models import ExportJob, ExportKind, ExportStatus
from lifelong_week.documents.tasks import make_export
from lifelong_week.reports.models import Report
from tests.documents.test_export_jobs import HEADER, ask, download, sent_up_codes


@pytest.fixture
def step(committed_full_demo):
    return committed_full_demo.campaign.steps.get(order=1)


@pytest.fixture
def coordinator(committed_full_demo):
    return User.objects.get(username="sogd.dieuphoi")


@pytest.mark.django_db(transaction=True)  # the worker opens and closes its own connections
def test_a_step_export_runs_in_the_worker_and_downloads_as_xlsx(client, step, coordinator):
    response = ask(client, coordinator, kind=ExportKind.FIGURES_XLSX, step=step.pk)

    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/tai-lieu/xuat/{job.pk}/"
    assert job.status == ExportStatus.QUEUED
    assert job.requested_by == coordinator
    page = client.get(response["Location"]).content.decode()
    assert f'hx-get="/tai-lieu/xuat/{job.pk}/trang-thai/"' in page
    assert 'hx-trigger="every 2s"' in page
    assert "Tải lại trang" in page

    call_command("db_worker", batch=True, no_reload=True, no_startup_delay=True, verbosity=0)

    job.refresh_from_db()
    expected = sent_up_codes(step)
    assert job.status == ExportStatus.DONE
    assert job.total == len(expected) == 10
    assert job.done == job.total
    sheet = load_workbook(io.BytesIO(download(client, job)), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == HEADER
    assert [row[0] for row in rows[1:]] == expected
    assert not {"798", "799", "80-BAOLA"} & {row[0] for row in rows[1:]}  # drafts
    status = client.get(job.urls.status).content.decode()
    assert "đã xử lý 10/10 đơn vị" in status
    assert "hx-trigger" not in status  # polling stops once done
    assert f'href="/tai-lieu/xuat/{job.pk}/tai-ve/"' in status


# Deletes a photo file and leaves the job failed: kept away from the shared demo.
@pytest.mark.django_db(transaction=True)
def test_an_unexpected_error_fails_with_a_plain_message_and_no_traceback(
    client, committed_full_demo, coordinator
):
    report = Report.objects.filter(
        campaign=committed_full_demo.campaign, photos__isnull=False
    ).first()
    photo = report.photos.first()
    photo.image.storage.delete(photo.image.name)  # the file went missing from storage
    job = ExportJob.objects.create(
        kind=ExportKind.PHOTOS, campaign=committed_full_demo.campaign, requested_by=coordinator
    )

    assert make_export(job.pk) == ExportStatus.FAILED

    job.refresh_from_db()
    assert job.error.startswith("Không tạo được tệp do lỗi hệ thống.")
    client.force_login(coordinator)
    page = client.get(job.urls.detail).content.decode()
    assert job.error in page
    assert "Traceback" not in page
    assert "FileNotFoundError" not in page
