"""The plan side and the organisation leave an audit trail: a deadline moved
on the campaign page shows on the audit page with who, when, before and
after; an extension granted twice keeps both grants; each coordinator reads
only the entries of their own units."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from lifelong_week.accounts.models import User
from lifelong_week.reports.domain import grant_extension

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _audit(client, username):
    client.force_login(User.objects.get(username=username))
    return client.get(reverse("audit:log"))


def test_a_deadline_change_shows_who_when_before_and_after(full_demo, client):
    coordinator = User.objects.get(username="sogd.dieuphoi")
    client.force_login(coordinator)
    campaign = full_demo.campaign
    steps = list(campaign.steps.order_by("order"))
    url = reverse("campaigns:edit_part", args=[campaign.slug, "bao-cao"])
    data = {"steps-TOTAL_FORMS": str(len(steps)), "steps-INITIAL_FORMS": str(len(steps))}
    for n, step in enumerate(steps):
        data.update(
            {
                f"steps-{n}-id": step.pk,
                f"steps-{n}-order": step.order,
                f"steps-{n}-title": step.title,
                f"steps-{n}-senders_text": step.senders_text,
                f"steps-{n}-senders": [u.pk for u in step.senders.all()],
                f"steps-{n}-receiver": step.receiver_id,
                f"steps-{n}-receiver_text": step.receiver_text,
                f"steps-{n}-copy_to": [u.pk for u in step.copy_to.all()],
                f"steps-{n}-deadline": step.deadline.astimezone(VN).strftime("%Y-%m-%dT%H:%M"),
                f"steps-{n}-lock_at": "",
            }
        )
    data["steps-0-deadline"] = "2021-10-20T00:00"  # five more days for step 1

    saved = client.post(url, data)

    assert saved.status_code == 302
    steps[0].refresh_from_db()
    assert steps[0].deadline == dt.datetime(2021, 10, 20, tzinfo=VN)
    page = _audit(client, "sogd.dieuphoi").content.decode()
    changes = re.findall(r'<ul class="small changes">(.*?)</ul>', page)
    # Only what changed is listed: the deadline of step 1, before and after.
    assert changes[0] == (
        "<li><strong>Hạn nộp:</strong> trước ngày 15/10/2021 → trước ngày 20/10/2021</li>"
    )
    assert coordinator.get_full_name() in page or "sogd.dieuphoi" in page
    # Another province's coordinator sees none of it; a reporter has no such page.
    other = _audit(client, "haugiang.dieuphoi")
    assert other.status_code == 200
    assert "20/10/2021" not in other.content.decode()
    assert _audit(client, "benluc.baocao").status_code == 404


def test_an_extension_granted_twice_keeps_both_grants(full_demo, client):
    coordinator = User.objects.get(username="sogd.dieuphoi")
    step = full_demo.campaign.steps.get(order=1)
    unit = full_demo.units["803"]
    first = dt.datetime(2030, 10, 20, 17, tzinfo=VN)
    second = dt.datetime(2030, 10, 25, 17, tzinfo=VN)
    grant_extension(step, unit, until=first, by=coordinator, reason="Bão lụt")
    grant_extension(step, unit, until=second, by=coordinator, reason="Mất điện")

    client.force_login(coordinator)
    page = client.get(reverse("audit:log"), {"loai": "extension"}).content.decode()

    assert page.count("<tr data-entry=") == 2
    assert "Bão lụt" in page and "Mất điện" in page
    assert "trước 17:00 ngày 20/10/2030" in page and "trước 17:00 ngày 25/10/2030" in page


def test_another_province_reads_none_of_long_an_in_the_audit_log(full_demo, client):
    from lifelong_week.audit.domain import entries_visible_to

    long_an = entries_visible_to(User.objects.get(username="sogd.dieuphoi"))
    hau_giang = entries_visible_to(User.objects.get(username="haugiang.dieuphoi"))
    assert long_an.exists() and hau_giang.exists()  # the demo's units, accounts, plans
    paths = set(hau_giang.values_list("additional_data__unit_path", flat=True))
    assert paths and all(path.startswith("/BGDDT/93/") for path in paths)
    assert not set(long_an.values_list("pk", flat=True)) & set(
        hau_giang.values_list("pk", flat=True)
    )
