"""Every stored file leaves through a checked view, delivered as the settings
say; nothing links to the storage's own address."""

from __future__ import annotations

import re
from pathlib import Path

from django.core.files.base import ContentFile
from django.urls import reverse

import lifelong_week
from lifelong_week.accounts.models import User
from lifelong_week.documents.models import ExportJob, ExportKind, ExportStatus

SOURCE = Path(lifelong_week.__file__).parent


def test_the_campaigns_source_document_goes_through_nginx_as_an_attachment(client, demo, settings):
    settings.FILE_DELIVERY = "nginx"
    client.force_login(User.objects.get(username="benluc.baocao"))
    response = client.get(reverse("campaigns:source", args=["long-an-2021"]))
    name = demo.campaign.source_file.name
    assert name.startswith("plans/")
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_protected/{name}"
    assert response.content == b""
    assert response["Content-Type"] == "text/plain"
    assert response["Content-Disposition"] == f'attachment; filename="{Path(name).name}"'
    assert response["Cache-Control"] == "private, max-age=3600"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_finished_export_goes_through_nginx_to_its_requester_only(client, demo, settings):
    settings.FILE_DELIVERY = "nginx"
    coordinator = User.objects.get(username="sogd.dieuphoi")
    job = ExportJob.objects.create(
        kind=ExportKind.FIGURES_CSV,
        campaign=demo.campaign,
        requested_by=coordinator,
        status=ExportStatus.DONE,
    )
    job.file.save("so-lieu.csv", ContentFile("Mã đơn vị\n803\n".encode()))

    client.force_login(coordinator)
    response = client.get(job.urls.download)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_protected/exports/{job.pk}-so-lieu.csv"
    assert response["Content-Type"] == "text/csv"
    assert response["Content-Disposition"] == 'attachment; filename="so-lieu-long-an-2021.csv"'
    assert response["Cache-Control"] == "private, max-age=3600"

    client.force_login(User.objects.get(username="ubndtinh.theodoi"))
    refused = client.get(job.urls.download)
    assert refused.status_code == 404
    assert "X-Accel-Redirect" not in refused


def test_the_administrators_campaign_page_links_the_source_through_the_checked_view(client, demo):
    client.force_login(User.objects.get(username="quantri"))
    page = client.get(reverse("admin:campaigns_campaign_change", args=[demo.campaign.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    link = f'<a href="/ke-hoach/long-an-2021/van-ban-goc/">{demo.campaign.source_file.name}</a>'
    assert link in html
    assert "/media/" not in html


def test_no_template_or_view_links_a_stored_file_by_its_storage_address():
    """`.url` of a FileField is the storage's address (a dead /media/ link, or
    an S3 link that skips the access check): objects give their checked URLs."""
    pattern = re.compile(r"\b(image|thumbnail|file|source_file)\.url\b")
    found = [
        f"{path.relative_to(SOURCE)}:{number}"
        for path in sorted(SOURCE.rglob("*"))
        if path.suffix in {".html", ".py"} and "migrations" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if pattern.search(line)
    ]
    assert found == []
