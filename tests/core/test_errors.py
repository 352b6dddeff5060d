"""Error pages are Vietnamese, in the site's layout, and lead somewhere (DEBUG off)."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from lifelong_week.accounts.enums import Role
from tests.factories import OrgUnitFactory, member

pytestmark = [pytest.mark.urls("tests.core.error_urls"), pytest.mark.django_db]

HOME, MY_DESK, SIGN_IN = 'href="/"', 'href="/tai-khoan/"', 'href="/tai-khoan/dang-nhap/"'


@pytest.fixture(autouse=True)
def _production(settings):
    settings.DEBUG = False


@pytest.fixture
def reporter():
    return member(OrgUnitFactory(), Role.REPORTER, user__username="baocao")


def page(response, status: int) -> str:
    assert response.status_code == status
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert 'class="topbar"' in html  # the site's layout
    return html


def test_404_for_a_visitor_offers_sign_in_and_home(client):
    html = page(client.get("/khong-co-trang-nay/"), 404)
    assert "<h1>Không tìm thấy trang</h1>" in html
    assert "nằm ngoài phạm vi mà tài khoản của bạn được xem" in html
    assert SIGN_IN in html and HOME in html
    assert MY_DESK not in html


def test_404_for_a_signed_in_user_leads_to_their_desk(client, reporter):
    client.force_login(reporter)
    html = page(client.get("/bao-cao/999999/"), 404)
    assert "<h1>Không tìm thấy trang</h1>" in html
    assert ">Về Việc của tôi</a>" in html and MY_DESK in html and HOME in html
    assert "Đăng xuất" in html  # the navigation knows who is signed in


def test_403(client, reporter):
    client.force_login(reporter)
    html = page(client.get("/loi/403/"), 403)
    assert "<h1>Không có quyền truy cập</h1>" in html
    assert ">Về Việc của tôi</a>" in html and HOME in html


def test_400(client, reporter):
    client.force_login(reporter)
    html = page(client.get("/loi/400/"), 400)
    assert "<h1>Yêu cầu không hợp lệ</h1>" in html
    assert ">Về Việc của tôi</a>" in html and HOME in html
    assert "Đăng xuất" in html


@pytest.mark.parametrize("url", ["/loi/500/", "/loi/csdl/"])
def test_500_renders_without_touching_the_database(reporter, url):
    client = Client(raise_request_exception=False)
    client.force_login(reporter)
    with CaptureQueriesContext(connection) as queries:
        html = page(client.get(url + "?lan=2"), 500)
    # The error page read nothing: a database that is down cannot take it down
    # with it. Only the two-factor gate, before any view, read who is signed in
    # (the session and the user; were the database down, that error is the one
    # this page would show).
    tables = [re.search(r'FROM "(\w+)"', q["sql"]).group(1) for q in queries]
    assert tables == ["django_session", "accounts_user"]
    assert "<h1>Hệ thống đang gặp sự cố</h1>" in html
    assert "Những gì bạn đã lưu trước đó không bị mất." in html
    assert f'<a class="btn" href="{url}?lan=2">Thử lại</a>' in html
    assert MY_DESK in html and HOME in html


def test_500_after_a_form_retries_from_the_page_the_form_was_on(reporter):
    client = Client(raise_request_exception=False)
    html = page(client.post("/loi/500/", HTTP_REFERER="http://testserver/bao-cao/7/"), 500)
    assert '<a class="btn" href="http://testserver/bao-cao/7/">Thử lại</a>' in html


def test_csrf_failure_without_cookies_says_so_and_leads_back(reporter):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/tai-khoan/dang-nhap/",
        {"username": "baocao", "password": "x"},
        HTTP_REFERER="http://testserver/tai-khoan/dang-nhap/",
    )
    html = page(response, 403)
    assert "<h1>Chưa gửi được biểu mẫu</h1>" in html
    assert "<strong>Trình duyệt đang chặn cookie.</strong>" in html
    assert "tải lại trang (phím F5) rồi làm lại thao tác" in html
    assert (
        '<a class="btn" href="http://testserver/tai-khoan/dang-nhap/">Quay lại trang trước</a>'
        in html
    )
    assert SIGN_IN in html and HOME in html


def test_csrf_failure_of_a_form_open_too_long(reporter):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reporter)
    client.get("/tai-khoan/")  # the CSRF cookie is set
    response = client.post(
        "/tai-khoan/dang-xuat/",
        {"csrfmiddlewaretoken": "x" * 32},  # the token of a page from before
        HTTP_REFERER="http://testserver/tai-khoan/",
    )
    html = page(response, 403)
    assert (
        "<strong>Trang đã mở quá lâu, hoặc bạn vừa đăng nhập, đăng xuất ở một thẻ khác.</strong>"
        in html
    )
    assert '<a class="btn" href="http://testserver/tai-khoan/">Quay lại trang trước</a>' in html
    assert MY_DESK in html


def test_csrf_failure_never_leads_off_the_site(reporter):
    client = Client(enforce_csrf_checks=True)
    html = page(client.post("/tai-khoan/dang-nhap/", HTTP_REFERER="https://evil.example/"), 403)
    assert "evil.example" not in html
    assert "Quay lại trang trước" not in html
