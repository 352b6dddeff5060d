"""A plan upload is read and parsed outside any transaction — on SQLite a
transaction holds the one write lock every other user needs — and a file
built to exhaust the server gets a message at the file field, nothing saved."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from lifelong_week.accounts.models import User
from lifelong_week.campaigns.models import PlanImport
from lifelong_week.campaigns.plan_import import domain
from lifelong_week.demo.long_an import SEED_PLAN


@pytest.mark.django_db(transaction=True)
def test_the_plan_is_parsed_outside_any_transaction(demo, client, monkeypatch):
    seen = []
    parse = domain.extract_plan

    def watching(lines):
        seen.append(connection.in_atomic_block)
        return parse(lines)

    monkeypatch.setattr(domain, "extract_plan", watching)
    client.force_login(User.objects.get(username="sogd.dieuphoi"))

    response = client.post(
        reverse("campaigns:plan_import"),
        {
            "document": SimpleUploadedFile("ke-hoach.txt", SEED_PLAN.read_bytes()),
            "coordinator": demo.units["80-SGDDT"].pk,
            "issuer": "",
        },
    )

    assert response.status_code == 302
    assert seen == [False]
    assert PlanImport.objects.count() == 1


@pytest.mark.django_db
def test_a_text_far_longer_than_a_plan_gets_a_message_at_the_field(demo, client):
    client.force_login(User.objects.get(username="sogd.dieuphoi"))
    huge = ("Kế hoạch tổ chức Tuần lễ học tập suốt đời " * 400 + "\n") * 200  # 3.4 M characters

    response = client.post(
        reverse("campaigns:plan_import"),
        {
            "document": SimpleUploadedFile("ke-hoach.txt", huge.encode()),
            "coordinator": demo.units["80-SGDDT"].pk,
            "issuer": "",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["document"] == [
        "Tệp có hơn 2 triệu ký tự, quá dài để là một kế hoạch."
    ]
    assert PlanImport.objects.count() == 0
