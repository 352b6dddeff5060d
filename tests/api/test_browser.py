"""In a real browser: the token page journey, and docs that load nothing from
outside the site (offices behind restrictive networks)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import live_demo, sign_in  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser


def test_a_coordinator_creates_a_token_and_another_system_uses_it(sign_in, live_demo, playwright):  # noqa: F811
    page = sign_in("sogd.dieuphoi")
    page.goto(f"{live_demo.url}/tai-khoan/api/")
    page.get_by_label("Tên gợi nhớ").fill("Hệ thống thống kê của Bộ")
    page.get_by_label("90 ngày").check()
    page.get_by_role("button", name="Tạo mã").click()
    key = page.get_by_label("Mã truy cập", exact=True).input_value()
    assert page.get_by_text("Mã chỉ hiện một lần này").is_visible()

    other_system = playwright.request.new_context()  # no cookies: only the key
    response = other_system.get(
        f"{live_demo.url}/api/v1/campaigns/long-an-2021/rollup",
        headers={"Authorization": f"Bearer {key}"},
    )
    assert response.status == 200
    assert response.json()["unit"]["code"] == "80-SGDDT"
    other_system.dispose()

    page.goto(f"{live_demo.url}/tai-khoan/api/")
    assert key not in page.content()
    page.get_by_text("Thu hồi…").click()
    page.get_by_role("button", name="Thu hồi mã").click()
    assert page.get_by_text("Đã thu hồi mã “Hệ thống thống kê của Bộ”").is_visible()


def test_the_docs_load_only_from_the_site_itself(page, live_server, db):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{live_server.url}/api/v1/docs")
    page.wait_for_selector(".swagger-ui .info")
    page.get_by_text("/api/v1/campaigns/{slug}/rollup", exact=True).first.wait_for()
    origins = {urlsplit(url)._replace(path="", query="", fragment="").geturl() for url in requested}
    assert origins == {live_server.url}
    assert f"{live_server.url}/api/v1/openapi.json" in requested
