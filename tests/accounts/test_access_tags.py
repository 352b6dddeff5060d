"""A unit's or a step's name is linked only where the user may open the page
(``accounts/templatetags/access_tags.py``), and viewers read the step pages
their home links to, without the actions."""

from __future__ import annotations

import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from lifelong_week.accounts.models import User


@pytest.fixture
def users(full_demo):
    return {u.username: u for u in User.objects.all()}


def links(html: str) -> dict[str, str]:
    """Link text → href."""
    return {
        re.sub(r"\s+", " ", text).strip(): href
        for href, text in re.findall(r'<a[^>]* href="([^"]*)"[^>]*>(.*?)</a>', html, re.S)
    }


def render(source: str, user, **context) -> str:
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load access_tags %}" + source)
    return template.render(Context({"request": request, **context}))


def test_unit_link_links_only_units_within_reach(full_demo, users):
    own, department = full_demo.units["803"], full_demo.units["80-SGDDT"]
    source = "{% unit_link own %} | {% unit_link department %}"
    reporter = render(source, users["benluc.baocao"], own=own, department=department)
    assert reporter == '<a href="/don-vi/803/">UBND huyện Bến Lức</a> | Sở GD&amp;ĐT Long An'
    viewer = render(source, users["ubndtinh.theodoi"], own=own, department=department)
    assert viewer == (
        '<a href="/don-vi/803/">UBND huyện Bến Lức</a> | '
        '<a href="/don-vi/80-SGDDT/">Sở GD&amp;ĐT Long An</a>'
    )


def test_step_link_links_only_those_who_follow_the_step(full_demo, users):
    step = full_demo.campaign.steps.select_related("receiver").get(order=1)
    source = "{% step_link step 'Các đơn vị' %}"
    followed = f'<a href="/bao-cao/buoc/{step.pk}/">Các đơn vị</a>'
    for who in ("sogd.dieuphoi", "sogd.giamdoc", "ubndtinh.theodoi", "bo.theodoi", "quantri"):
        assert render(source, users[who], step=step) == followed, who
    for who in ("sogd.baocao", "benluc.baocao", "haugiang.dieuphoi"):
        assert render(source, users[who], step=step) == "Các đơn vị", who


def test_the_ministry_viewer_follows_each_province_from_its_home(client, users):
    client.force_login(users["bo.theodoi"])
    html = client.get(reverse("accounts:home")).content.decode()
    found = links(html)
    # Each row names the province's Department, not "Sở Giáo dục và Đào tạo" twice.
    for name in ("Sở GD&amp;ĐT Long An", "Sở GD&amp;ĐT Hậu Giang"):
        assert client.get(found[name]).status_code == 200
    assert "UBND tỉnh Long An · theo dõi</span>" in html
    assert "UBND tỉnh Hậu Giang · theo dõi</span>" in html
    assert "gia hạn" not in html  # a viewer grants no extension


def test_a_viewer_reads_the_step_page_without_its_actions(client, full_demo, users):
    step = full_demo.campaign.steps.get(order=1)
    url = reverse("reports:step", args=[step.pk])
    remind, extend = (
        reverse("reports:remind", args=[step.pk]),
        reverse("reports:extension", args=[step.pk]),
    )
    client.force_login(users["ubndtinh.theodoi"])
    html = client.get(url).content.decode()
    assert "<h1>Theo dõi nộp báo cáo</h1>" in html
    assert remind not in html and extend not in html
    assert reverse("reports:not_sent", args=[step.pk]) in html  # reading, not acting
    assert client.get(remind).status_code == 404
    assert client.post(extend).status_code == 404
    # The coordinator's copy of the same board keeps them (the cached board is per kind).
    client.force_login(users["sogd.dieuphoi"])
    html = client.get(url).content.decode()
    assert remind in html and extend in html


def test_a_reporter_of_the_receiving_unit_sees_the_step_unlinked(client, full_demo, users):
    step = full_demo.campaign.steps.get(order=1)
    client.force_login(users["sogd.baocao"])
    html = client.get(reverse("accounts:home")).content.decode()
    assert "các sở ngành, đoàn thể, UBND các huyện, thị xã, thành phố" in html
    assert reverse("reports:step", args=[step.pk]) not in html
