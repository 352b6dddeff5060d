"""Photos behind a real nginx, as production serves them: DEBUG off, the
application answers X-Accel-Redirect, nginx sends the bytes from an
``internal;`` location — and nobody reaches the storage folder directly.

Debian's nginx is started by the test (its own configuration, prefix, logs
and pid file in a temporary folder, a free port) in front of the application
served by waitress, as the README deploys it. (Not pytest-django's live
server: Django's test server serves MEDIA_URL from MEDIA_ROOT by itself.)
Without nginx the test is skipped on a laptop and fails in CI.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.deploy.conftest import free_port, require_nginx, running_nginx, write_conf

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "hoctap-2021"
LOCATION = "/_protected/"

SERVER = """
        listen 127.0.0.1:{port};
        # Reached only through the application's X-Accel-Redirect.
        location {location} {{
            internal;
            alias {media}/;
            add_header X-Content-Type-Options nosniff always;
        }}
        location / {{
            proxy_pass http://{upstream};
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-Proto $scheme;
        }}
"""


@pytest.fixture
def application(transactional_db, settings):
    """The application under waitress on a free port, DEBUG off, files by nginx."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.wsgi import get_wsgi_application
    from waitress import create_server

    settings.DEBUG = False
    settings.FILE_DELIVERY = "nginx"
    settings.FILE_NGINX_LOCATION = LOCATION
    # The tests' static files come from the app folders (no collectstatic).
    server = create_server(
        StaticFilesHandler(get_wsgi_application()), host="127.0.0.1", port=0, threads=4
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.effective_port}"
    server.close()
    thread.join(timeout=10)


@pytest.fixture
def nginx(application, settings, tmp_path):
    """nginx on a free port in front of the application."""
    require_nginx()
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    run = tmp_path / "nginx"
    run.mkdir()
    port = free_port()
    conf = write_conf(
        run,
        SERVER.format(port=port, location=LOCATION, media=media, upstream=application),
    )
    with running_nginx(conf, run, port) as base:
        yield base


@pytest.fixture
def demo_behind_nginx(nginx):
    from lifelong_week.demo.load import load_demo

    load_demo()
    return nginx


def sign_in(page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/tai-khoan/")


def test_photos_show_to_who_may_see_them_and_the_storage_stays_closed(page, demo_behind_nginx):
    from lifelong_week.reports.models import Photo, Report

    base = demo_behind_nginx
    page.set_default_timeout(15_000)
    report = Report.objects.get(unit__code="804", step__order=1)  # Thủ Thừa, sent
    photos = list(report.photos.order_by("pk"))
    internal = next(p for p in photos if not p.may_publish)
    assert len(photos) == 2

    for username in ("thuthua.baocao", "sogd.dieuphoi"):  # the owner, the reviewer
        sign_in(page, base, username)
        page.goto(base + report.urls.edit)
        images = page.locator("ul.photos img")
        assert images.count() == 2
        for index in range(2):
            images.nth(index).scroll_into_view_if_needed()
        # Each image loaded (asked for by Playwright, not by a string the page
        # would have to evaluate: the CSP forbids eval).
        for index in range(images.count()):
            expect(images.nth(index)).to_have_js_property("complete", True)
        widths = page.eval_on_selector_all("img", "all => all.map(i => i.naturalWidth)")
        assert len(widths) >= 2
        assert all(width > 0 for width in widths), widths
        assert page.eval_on_selector_all(
            "ul.photos img", "all => all.map(i => new URL(i.src).pathname)"
        ) == [p.urls.thumbnail for p in photos]

        # nginx sent the bytes with the application's headers.
        response = page.request.get(base + internal.urls.image)
        assert response.status == 200
        with internal.image.open("rb") as source:
            assert response.body() == source.read()
        headers = response.headers
        assert headers["content-type"] == "image/jpeg"
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["cache-control"] == "private, max-age=3600"
        assert headers["content-disposition"].startswith('inline; filename="')
        assert "x-accel-redirect" not in headers

    # Another unit's reporter: 404 for the internal photo and its thumbnail.
    sign_in(page, base, "benluc.baocao")
    for url in (internal.urls.image, internal.urls.thumbnail):
        response = page.request.get(base + url)
        assert response.status == 404
        assert not response.headers["content-type"].startswith("image/")

    # The storage path itself, asked for directly: refused by nginx and the application.
    sign_in(page, base, "thuthua.baocao")
    for path in (LOCATION + internal.image.name, "/media/" + internal.image.name):
        response = page.request.get(base + path)
        assert response.status == 404, path
        assert not response.headers["content-type"].startswith("image/")
    assert Photo.objects.filter(pk=internal.pk).exists()
