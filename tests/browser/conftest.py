from __future__ import annotations

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop

PASSWORD = "hoctap-2021"


@pytest.fixture
def live_demo(transactional_db, live_server):
    from lifelong_week.demo.load import load_demo

    load_demo()
    return live_server


@pytest.fixture
def sign_in(page, live_demo):
    def _sign_in(username: str):
        page.goto(f"{live_demo.url}/tai-khoan/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url(f"{live_demo.url}/tai-khoan/")
        return page

    return _sign_in
