"""A report's photos reach those who may see the report, and published ones
everyone — through a checked view, never through the storage's address."""

from __future__ import annotations

import io
import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse
from PIL import Image

from lifelong_week.accounts.enums import Role
from lifelong_week.accounts.models import User
from lifelong_week.orgs.enums import AdminLevel, UnitKind
from lifelong_week.reports.domain import accept_report, add_photo, return_report, submit_report
from tests.factories import OrgUnitFactory, member
from tests.reports.conftest import fill_all_figures


def jpeg(colour=(30, 120, 200)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (640, 480), colour).save(out, "JPEG")
    return out.getvalue()


def photo_of(report, by, *, may_publish: bool, caption: str = "Lễ khai mạc Tuần lễ"):
    return add_photo(
        report, data=jpeg(), filename="IMG_1.jpg", caption=caption, may_publish=may_publish, by=by
    )


@pytest.fixture
def sent(report, reporter):
    """Bến Lức's report with an internal photo, sent to the Sở GD&ĐT."""
    photo_of(report, reporter, may_publish=False)
    fill_all_figures(report, reporter)
    submit_report(report, by=reporter)
    return report


@pytest.fixture
def internal(sent):
    return sent.photos.get()


def as_user(username: str | None) -> Client:
    client = Client()
    if username is not None:
        client.force_login(User.objects.get(username=username))
    return client


@pytest.fixture
def other_province_coordinator(demo):
    province = OrgUnitFactory(
        code="72",
        name="Ủy ban nhân dân tỉnh Tây Ninh",
        kind=UnitKind.PEOPLES_COMMITTEE,
        admin_level=AdminLevel.PROVINCE,
        parent=demo.units["BGDDT"],
    )
    return member(province, Role.COORDINATOR, user__username="tayninh.dieuphoi")


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def page_photo_links(client, report) -> list[str]:
    """The photo addresses the report page shows: each link and thumbnail."""
    html = client.get(report.urls.edit).content.decode()
    gallery = html[html.index('<ul class="photos">') :]
    gallery = gallery[: gallery.index("</ul>")]
    return [unescape(url) for url in re.findall(r'(?:href|src)="([^"]+)"', gallery)]


@pytest.mark.parametrize("username", ["benluc.baocao", "sogd.dieuphoi"])
def test_the_owner_and_the_reviewer_get_every_photo_the_page_shows(username, sent, internal):
    client = as_user(username)
    links = page_photo_links(client, sent)
    assert links == [internal.urls.image, internal.urls.thumbnail]
    for url, stored in zip(links, (internal.image, internal.thumbnail), strict=True):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "private, max-age=3600"
        with stored.open("rb") as source:
            assert body(response) == source.read()
    image = Image.open(io.BytesIO(body(client.get(internal.urls.thumbnail))))
    assert (image.format, image.size) == ("JPEG", (400, 300))


def test_the_browser_is_given_a_safe_name_shown_in_the_page(internal):
    client = as_user("benluc.baocao")
    assert client.get(internal.urls.image)["Content-Disposition"] == (
        'inline; filename="le-khai-mac-tuan-le.jpg"'
    )
    assert client.get(internal.urls.thumbnail)["Content-Disposition"] == (
        'inline; filename="le-khai-mac-tuan-le-nho.jpg"'
    )


def test_another_units_reporter_and_another_province_get_404(internal, other_province_coordinator):
    for client in (as_user("tanan.baocao"), as_user("tayninh.dieuphoi")):
        assert client.get(internal.urls.image).status_code == 404
        assert client.get(internal.urls.thumbnail).status_code == 404


def test_a_draft_photo_is_the_units_own_business(report, reporter):
    photo = photo_of(report, reporter, may_publish=True)
    assert as_user("benluc.baocao").get(photo.urls.thumbnail).status_code == 200
    for username in ("sogd.dieuphoi", "tanan.baocao", None):
        assert as_user(username).get(photo.urls.thumbnail).status_code == 404


def test_anonymous_gets_404_for_an_internal_photo_and_a_published_one_once_sent(
    report, reporter, coordinator
):
    internal = photo_of(report, reporter, may_publish=False)
    published = photo_of(report, reporter, may_publish=True, caption="Lớp học tiếng Anh")
    anonymous = as_user(None)
    # A draft keeps even a published photo to itself.
    assert anonymous.get(published.urls.image).status_code == 404

    fill_all_figures(report, reporter)
    submit_report(report, by=reporter)
    assert anonymous.get(internal.urls.image).status_code == 404
    assert anonymous.get(internal.urls.thumbnail).status_code == 404
    response = anonymous.get(published.urls.image)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=3600"
    with published.image.open("rb") as source:
        assert body(response) == source.read()
    assert anonymous.get(published.urls.thumbnail).status_code == 200
    # Another province's staff see what the public sees, no more.
    assert as_user("tanan.baocao").get(published.urls.image).status_code == 200
    assert as_user("tanan.baocao").get(internal.urls.image).status_code == 404

    accept_report(report, by=coordinator)
    assert anonymous.get(published.urls.thumbnail).status_code == 200


def test_a_returned_reports_published_photo_is_no_longer_public(report, reporter, coordinator):
    published = photo_of(report, reporter, may_publish=True)
    fill_all_figures(report, reporter)
    submit_report(report, by=reporter)
    return_report(report, by=coordinator, comment="Thiếu ảnh lễ khai mạc.")
    assert as_user(None).get(published.urls.image).status_code == 404
    assert as_user("benluc.baocao").get(published.urls.image).status_code == 200


def test_an_unknown_photo_is_404_and_the_storage_folder_has_no_route(internal):
    client = as_user("benluc.baocao")
    assert client.get(reverse("reports:photo_image", args=[internal.pk + 1000])).status_code == 404
    assert client.get(f"/media/{internal.image.name}").status_code == 404


def test_a_photo_whose_file_is_gone_is_404(internal):
    internal.image.storage.delete(internal.image.name)
    assert as_user("benluc.baocao").get(internal.urls.image).status_code == 404


def test_with_nginx_the_answer_names_the_internal_location_and_has_no_body(settings, internal):
    settings.FILE_DELIVERY = "nginx"
    settings.FILE_NGINX_LOCATION = "/_protected/"
    response = as_user("sogd.dieuphoi").get(internal.urls.thumbnail)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_protected/{internal.thumbnail.name}"
    assert response.content == b""
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == 'inline; filename="le-khai-mac-tuan-le-nho.jpg"'
    assert response["Cache-Control"] == "private, max-age=3600"
    assert response["X-Content-Type-Options"] == "nosniff"
    # Refused requests never point nginx at the file.
    refused = as_user("tanan.baocao").get(internal.urls.thumbnail)
    assert refused.status_code == 404
    assert "X-Accel-Redirect" not in refused


def test_with_nginx_a_name_is_quoted_so_nginx_cannot_read_it_differently(settings, internal):
    settings.FILE_DELIVERY = "nginx"
    internal.image.name = "photos/x/803/ảnh 1?.jpg"
    internal.save(update_fields=["image"])
    response = as_user("benluc.baocao").get(internal.urls.image)
    assert response["X-Accel-Redirect"] == "/_protected/photos/x/803/%E1%BA%A3nh%201%3F.jpg"


def test_no_route_serves_the_storage_folder_even_with_debug(settings):
    import importlib

    from django.urls import Resolver404, resolve

    import lifelong_week.urls

    settings.DEBUG = True
    try:
        urls = importlib.reload(lifelong_week.urls)
        with pytest.raises(Resolver404):
            resolve("/media/photos/long-an-2021/803/anh.jpg", urlconf=urls)
    finally:
        settings.DEBUG = False
        importlib.reload(lifelong_week.urls)
