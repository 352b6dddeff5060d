"""Long exports as background jobs: ask, follow the progress, download.

The file is read back with the real format (openpyxl, csv); the worker is
the real `db_worker`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from lifelong_week.accounts.enums import Role
from lifelong_week.accounts.models import User
from lifelong_week.documents import tasks
from lifelong_week.documents.models import ExportJob, ExportKind, ExportStatus
from lifelong_week.documents.tasks import make_export, run_export
from lifelong_week.orgs.enums import AdminLevel, UnitKind
from lifelong_week.reports.enums import ReportStatus
from lifelong_week.reports.models import Report
from tests.factories import CampaignFactory, OrgUnitFactory, member

REQUEST = "/tai-lieu/xuat/"
SENT_UP = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED, ReportStatus.RETURNED)
PHOTOS_CHECKED = 'value="photos" id="id_kind_2" required checked'
HEADER = ("Mã đơn vị", "Đơn vị", "Báo cáo về", "Trạng thái", "Thời điểm gửi", "Gửi muộn (ngày)")


@pytest.fixture
def step(full_demo):
    return full_demo.campaign.steps.get(order=1)


@pytest.fixture
def coordinator(full_demo):
    return User.objects.get(username="sogd.dieuphoi")


@pytest.fixture
def outsider(full_demo):
    """A coordinator of another province."""
    tay_ninh = OrgUnitFactory(
        code="72",
        name="Ủy ban nhân dân tỉnh Tây Ninh",
        kind=UnitKind.PEOPLES_COMMITTEE,
        admin_level=AdminLevel.PROVINCE,
        parent=full_demo.units["BGDDT"],
    )
    return member(tay_ninh, Role.COORDINATOR, user__username="outsider")


def sent_up_codes(step) -> list[str]:
    """Units of the step whose report has gone up (drafts stay with their unit)."""
    return list(
        Report.objects.filter(step=step, status__in=SENT_UP)
        .order_by("unit__path")
        .values_list("unit__code", flat=True)
    )


def ask(client, user, **data):
    client.force_login(user)
    return client.post(REQUEST, data)


def download(client, job) -> bytes:
    response = client.get(job.urls.download)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


# --- The whole way through the real worker -----------------------------------------


def test_a_campaign_export_as_csv_has_one_row_per_report_sent_up(
    client, full_demo, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as queued:
        ask(client, coordinator, kind=ExportKind.FIGURES_CSV, campaign="long-an-2021")
    job = ExportJob.objects.get()
    assert len(queued) == 1  # enqueued once the request's transaction commits

    assert run_export.call(job.pk) == ExportStatus.DONE

    job.refresh_from_db()
    text = download(client, job).decode("utf-8")
    assert text.startswith("\ufeffMã đơn vị,")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    codes = [row[0] for row in rows[1:]]
    reports = Report.objects.filter(campaign=full_demo.campaign, status__in=SENT_UP)
    assert sorted(codes) == sorted(reports.values_list("unit__code", flat=True))
    assert job.done == job.total == len(codes)
    assert job.download_name == "so-lieu-long-an-2021.csv"


def test_a_subtree_export_holds_only_that_subtree(client, step, coordinator):
    ask(client, coordinator, kind=ExportKind.FIGURES_XLSX, step=step.pk, unit="794")
    job = ExportJob.objects.get()
    assert job.unit.code == "794"

    make_export(job.pk)

    job.refresh_from_db()
    sheet = load_workbook(job.file.path, read_only=True).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["794"]
    assert job.download_name == "so-lieu-long-an-2021-buoc-1-794.xlsx"


def test_an_unknown_unit_code_is_refused_at_the_field(client, step, coordinator):
    response = ask(client, coordinator, kind=ExportKind.PHOTOS, step=step.pk, unit="XYZ")

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "unit": ["Không có đơn vị mã “XYZ” trong phạm vi bạn được xuất."]
    }
    page = response.content.decode()
    assert 'value="XYZ"' in page  # what was typed stays
    assert PHOTOS_CHECKED in page
    assert not ExportJob.objects.exists()


def test_the_form_page_offers_the_campaigns_the_user_may_export(client, full_demo, coordinator):
    client.force_login(coordinator)
    page = client.get(REQUEST).content.decode()

    assert '<option value="long-an-2021">' in page
    assert "Bạn chưa xuất tệp nào trong 7 ngày qua." in page
    missing = client.post(REQUEST, {"kind": ExportKind.FIGURES_XLSX})
    assert missing.context["form"].errors == {"campaign": ["Chọn kế hoạch cần xuất."]}


def test_the_job_page_shows_progress_the_vietnamese_way(client, step, coordinator):
    job = ExportJob.objects.create(
        kind=ExportKind.FIGURES_XLSX,
        campaign=step.campaign,
        step=step,
        requested_by=coordinator,
        status=ExportStatus.RUNNING,
        done=120,
        total=1500,
    )
    client.force_login(coordinator)

    status = client.get(job.urls.status).content.decode()

    assert '<progress class="w-full" max="1500" value="120"' in status
    assert "đã xử lý 120/1.500 đơn vị" in status
    assert 'hx-trigger="every 2s"' in status
    assert "<html" not in status  # the block alone, for htmx to swap


# --- Progress, idempotence, failure, clean-up --------------------------------------------


def test_progress_is_written_every_few_rows_not_on_every_row(step, coordinator, monkeypatch):
    monkeypatch.setattr(tasks, "MIN_PROGRESS_STEP", 1)
    monkeypatch.setattr(tasks, "PROGRESS_WRITES", 5)
    job = ExportJob.objects.create(
        kind=ExportKind.FIGURES_XLSX, campaign=step.campaign, step=step, requested_by=coordinator
    )

    with CaptureQueriesContext(connection) as queries:
        make_export(job.pk)

    progress_writes = [
        q["sql"] for q in queries if q["sql"].startswith('UPDATE "documents_exportjob" SET "done"')
    ]
    job.refresh_from_db()
    assert job.total == 10
    # Every second row (10 rows / 5 writes), the last one by finishing the job.
    assert len(progress_writes) == 4
    assert job.done == 10


def test_running_a_finished_job_again_leaves_it_alone(step, coordinator):
    job = ExportJob.objects.create(
        kind=ExportKind.FIGURES_XLSX, campaign=step.campaign, step=step, requested_by=coordinator
    )
    assert make_export(job.pk) == ExportStatus.DONE
    job.refresh_from_db()
    first = (job.file.name, job.finished_at)

    assert make_export(job.pk) == ExportStatus.DONE

    job.refresh_from_db()
    assert (job.file.name, job.finished_at) == first
    assert ExportJob.objects.count() == 1


def test_a_campaign_without_a_report_form_ends_as_failed_with_a_message(client, full_demo):
    coordinator = User.objects.get(username="sogd.dieuphoi")
    unit = full_demo.units["80-SGDDT"]
    campaign = CampaignFactory(slug="sgd-2022", year=2022, issuer=unit, report_form=None)
    client.force_login(coordinator)
    client.post(REQUEST, {"kind": ExportKind.FIGURES_XLSX, "campaign": campaign.slug})
    job = ExportJob.objects.get()

    assert make_export(job.pk) == ExportStatus.FAILED

    job.refresh_from_db()
    assert job.error == "Kế hoạch này chưa có mẫu báo cáo nên chưa có số liệu để xuất."
    assert not job.file
    page = client.get(job.urls.detail).content.decode()
    assert "Không tạo được tệp." in page
    assert job.error in page
    assert "hx-trigger" not in page
    assert "Thử lại" in page
    assert client.get(job.urls.download).status_code == 404


def test_exports_older_than_a_week_are_removed_with_their_file(step, coordinator):
    old = ExportJob.objects.create(
        kind=ExportKind.FIGURES_CSV,
        campaign=step.campaign,
        step=step,
        requested_by=coordinator,
        status=ExportStatus.DONE,
    )
    old.file.save("cu.csv", ContentFile(b"x"))
    ExportJob.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - dt.timedelta(days=8),
        expires_at=timezone.now() - dt.timedelta(days=1),
    )
    storage, name = old.file.storage, old.file.name
    new = ExportJob.objects.create(
        kind=ExportKind.FIGURES_CSV, campaign=step.campaign, step=step, requested_by=coordinator
    )

    run_export.call(new.pk)

    assert list(ExportJob.objects.values_list("pk", flat=True)) == [new.pk]
    assert not storage.exists(name)


# --- Who may export, and whose job it is ------------------------------------------------------


# A successful request redirects to the new job's page; anything else is 404.
STEP_EXPORT = {
    "sogd.dieuphoi": 302,
    "sogd.giamdoc": 302,  # the receiving unit's head
    "quantri": 302,
    "sogd.baocao": 404,  # a reporter of the receiving unit
    "benluc.baocao": 404,
    "benluc.lanhdao": 404,
    "ubndtinh.theodoi": 302,  # a viewer above the receiving unit follows the step
    "outsider": 404,
}
CAMPAIGN_EXPORT = {
    **STEP_EXPORT,
    "ubndtinh.theodoi": 302,  # a viewer of the issuing unit
    "bo.theodoi": 302,  # a viewer above the issuer
}


def test_who_may_export_a_step(client, step, outsider):
    observed = {}
    for who in STEP_EXPORT:
        user = User.objects.get(username=who)
        observed[who] = ask(client, user, kind=ExportKind.PHOTOS, step=step.pk).status_code
        assert client.get(REQUEST, {"step": step.pk}).status_code == (
            200 if observed[who] == 302 else 404
        )
    assert observed == STEP_EXPORT
    assert ExportJob.objects.count() == 4


def test_who_may_export_a_whole_campaign(client, full_demo, outsider):
    observed = {}
    for who in CAMPAIGN_EXPORT:
        user = User.objects.get(username=who)
        response = ask(client, user, kind=ExportKind.FIGURES_XLSX, campaign="long-an-2021")
        observed[who] = response.status_code
        assert client.get(REQUEST, {"campaign": "long-an-2021"}).status_code == (
            200 if observed[who] == 302 else 404
        )
    assert observed == CAMPAIGN_EXPORT


def test_anonymous_users_are_sent_to_sign_in(client, step):
    response = client.post(REQUEST, {"kind": ExportKind.PHOTOS, "step": step.pk})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not ExportJob.objects.exists()


def test_a_job_belongs_to_its_requester_only(client, step, coordinator):
    job = ExportJob.objects.create(
        kind=ExportKind.FIGURES_XLSX, campaign=step.campaign, step=step, requested_by=coordinator
    )
    make_export(job.pk)
    head = User.objects.get(username="sogd.giamdoc")  # may export the step, not see this job
    client.force_login(head)
    for url in (job.urls.detail, job.urls.status, job.urls.download):
        assert client.get(url).status_code == 404
    assert f'data-job="{job.pk}"' not in client.get(REQUEST).content.decode()

    client.force_login(coordinator)
    assert client.get(job.urls.download).status_code == 200
    assert f'data-job="{job.pk}"' in client.get(REQUEST).content.decode()


def test_a_requester_who_lost_the_role_no_longer_downloads(client, step, coordinator):
    job = ExportJob.objects.create(
        kind=ExportKind.FIGURES_XLSX, campaign=step.campaign, step=step, requested_by=coordinator
    )
    make_export(job.pk)
    coordinator.memberships.all().delete()
    client.force_login(coordinator)
    assert client.get(job.urls.download).status_code == 404


def test_asking_for_an_export_needs_the_csrf_token(step, coordinator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    response = client.post(REQUEST, {"kind": ExportKind.PHOTOS, "step": step.pk})
    assert response.status_code == 403
    assert not ExportJob.objects.exists()
