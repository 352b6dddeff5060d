"""Past one machine: object storage and Redis switched on by the environment,
then used for real — photos stored in an S3-compatible server (moto's, on
127.0.0.1), cache and sessions in the Redis on 127.0.0.1:6379."""

from __future__ import annotations

import io
import json
import os
import socket
import subprocess
import sys
import urllib.request
import zipfile

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from PIL import Image

from lifelong_week.accounts.enums import Role
from lifelong_week.reports.domain import add_photo, open_report
from tests.factories import CampaignFactory, OrgUnitFactory, StepFactory, member

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
REDIS = "redis://127.0.0.1:6379/15"

PRINT_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({
    "storage": settings.STORAGES["default"],
    "file_delivery": settings.FILE_DELIVERY,
    "caches": settings.CACHES,
    "sessions": settings.SESSION_ENGINE,
}))
"""


def configured(env: dict[str, str], tmp_path) -> subprocess.CompletedProcess:
    """Start the settings in a fresh process with only ``env`` set."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_URL", "DEBUG", "SECRET_KEY", "LIFELONG_WEEK", "REDIS"))
    }
    clean.update(
        {
            "LIFELONG_WEEK_DATA_DIR": str(tmp_path / "data"),
            "DJANGO_SETTINGS_MODULE": "lifelong_week.settings",
            **env,
        }
    )
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def settings_with(env: dict[str, str], tmp_path) -> dict:
    result = configured(env, tmp_path)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_by_default_files_stay_on_disk_cache_in_memory_sessions_in_the_database(tmp_path):
    found = settings_with({}, tmp_path)
    assert found["storage"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert found["file_delivery"] == "app"
    assert found["caches"]["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert found["sessions"] == "django.contrib.sessions.backends.db"


def test_a_bucket_sends_uploads_to_object_storage_with_keys_from_files(tmp_path):
    key_id, secret = tmp_path / "key-id", tmp_path / "secret"
    key_id.write_text("AKIA-ĐƠN-VỊ\n")
    secret.write_text("bí-mật\n")
    found = settings_with(
        {
            "LIFELONG_WEEK_S3_BUCKET": "tuan-le-htsd",
            "LIFELONG_WEEK_S3_ENDPOINT_URL": "https://s3.example.vn",
            "LIFELONG_WEEK_S3_REGION": "hcm-1",
            "LIFELONG_WEEK_S3_ACCESS_KEY_ID_FILE": str(key_id),
            "LIFELONG_WEEK_S3_SECRET_ACCESS_KEY_FILE": str(secret),
            "LIFELONG_WEEK_S3_PREFIX": "media",
        },
        tmp_path,
    )
    assert found["storage"] == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "tuan-le-htsd",
            "endpoint_url": "https://s3.example.vn",
            "region_name": "hcm-1",
            "access_key": "AKIA-ĐƠN-VỊ",
            "secret_key": "bí-mật",
            "location": "media",
            "addressing_style": None,
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": 3600,
            "signature_version": "s3v4",
            "file_overwrite": False,
        },
    }
    assert found["file_delivery"] == "s3"  # files leave through signed links


def test_a_key_without_its_secret_stops_start_up(tmp_path):
    result = configured(
        {"LIFELONG_WEEK_S3_BUCKET": "b", "LIFELONG_WEEK_S3_ACCESS_KEY_ID": "AKIA"}, tmp_path
    )
    assert result.returncode != 0
    assert (
        "LIFELONG_WEEK_S3_ACCESS_KEY_ID and LIFELONG_WEEK_S3_SECRET_ACCESS_KEY go together"
        in result.stderr
    )


def test_a_redis_url_of_another_kind_stops_start_up_without_repeating_it(tmp_path):
    result = configured({"REDIS_URL": "http://:hunter2@cache:6379"}, tmp_path)
    assert result.returncode != 0
    assert "REDIS_URL must start with redis://, rediss:// or unix://." in result.stderr
    assert "hunter2" not in result.stderr


# --- Redis, for real -------------------------------------------------------------------


@pytest.fixture
def redis_settings(settings, tmp_path):
    """The cache and sessions the settings make of REDIS_URL, in use here."""
    import redis

    client = redis.Redis.from_url(REDIS)
    try:
        client.ping()
    except redis.ConnectionError:
        if IN_CI:
            pytest.fail("CI=true but Redis is not running on 127.0.0.1:6379")
        pytest.skip("Redis is not running on 127.0.0.1:6379 (apt-get install redis-server)")
    found = settings_with({"REDIS_URL": REDIS}, tmp_path)
    settings.CACHES = found["caches"]
    settings.SESSION_ENGINE = found["sessions"]
    yield client
    for key in client.scan_iter("lifelong-week:*"):
        client.delete(key)


def test_redis_holds_the_shared_cache(redis_settings):
    cache.set("thu", "Tuần lễ học tập", 60)
    assert cache.get("thu") == "Tuần lễ học tập"
    assert redis_settings.exists("lifelong-week:1:thu")


@pytest.mark.django_db
def test_sessions_live_in_redis_and_survive_its_restart(redis_settings):
    user = member(OrgUnitFactory(), Role.REPORTER)
    client = Client()
    client.force_login(user)
    session_key = client.cookies["sessionid"].value
    assert client.get(reverse("accounts:home")).status_code == 200
    cached = [k for k in redis_settings.scan_iter("lifelong-week:*") if session_key in k.decode()]
    assert len(cached) == 1

    redis_settings.delete(*cached)  # Redis restarted with nothing in it
    assert client.get(reverse("accounts:home")).status_code == 200


# --- S3-compatible object storage, for real ---------------------------------------------


@pytest.fixture
def s3_settings(settings, tmp_path):
    """A local S3-compatible server with a bucket, and the storage the settings
    make of the LIFELONG_WEEK_S3_* variables pointed at it."""
    import boto3
    from moto.server import ThreadedMotoServer

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    s3 = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="thu-nghiem",
        aws_secret_access_key="thu-nghiem",
    )
    s3.create_bucket(Bucket="tuan-le-htsd")
    found = settings_with(
        {
            "LIFELONG_WEEK_S3_BUCKET": "tuan-le-htsd",
            "LIFELONG_WEEK_S3_ENDPOINT_URL": endpoint,
            "LIFELONG_WEEK_S3_REGION": "us-east-1",
            "LIFELONG_WEEK_S3_ACCESS_KEY_ID": "thu-nghiem",
            "LIFELONG_WEEK_S3_SECRET_ACCESS_KEY": "thu-nghiem",
            "LIFELONG_WEEK_S3_PREFIX": "media",
            "LIFELONG_WEEK_S3_ADDRESSING_STYLE": "path",
        },
        tmp_path,
    )
    settings.STORAGES = {**settings.STORAGES, "default": found["storage"]}
    settings.FILE_DELIVERY = found["file_delivery"]
    yield s3
    server.stop()


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (640, 480), (30, 120, 200)).save(out, "JPEG")
    return out.getvalue()


@pytest.mark.django_db
def test_photos_go_to_the_bucket_and_come_back_through_signed_links(s3_settings):
    unit = OrgUnitFactory(code="803")
    campaign = CampaignFactory(slug="long-an-2021")
    step = StepFactory(campaign=campaign)
    reporter = member(unit, Role.REPORTER)
    report = open_report(step, unit, by=reporter)

    photo = add_photo(
        report,
        data=jpeg(),
        filename="IMG_20211001.jpg",
        caption="Lễ khai mạc Tuần lễ",
        may_publish=True,
        by=reporter,
    )

    keys = sorted(
        item["Key"] for item in s3_settings.list_objects_v2(Bucket="tuan-le-htsd")["Contents"]
    )
    assert keys == sorted([f"media/{photo.image.name}", f"media/{photo.thumbnail.name}"])
    assert photo.image.name.startswith("photos/long-an-2021/803/")
    url = photo.image.url
    assert url.startswith(s3_settings.meta.endpoint_url + "/tuan-le-htsd/media/photos/")
    assert "X-Amz-Signature=" in url
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - local test server
        stored = response.read()
    with photo.image.open("rb") as source:
        assert source.read() == stored
    assert Image.open(io.BytesIO(stored)).size == (photo.width, photo.height)

    from lifelong_week.documents.photo_archive import report_photos_zip

    archive = zipfile.ZipFile(io.BytesIO(report_photos_zip(report)))
    (member_name,) = archive.namelist()
    assert archive.read(member_name) == stored


@pytest.mark.django_db
def test_the_photo_view_redirects_those_who_may_see_it_to_a_short_signed_link(s3_settings):
    unit = OrgUnitFactory(code="803")
    campaign = CampaignFactory(slug="long-an-2021")
    step = StepFactory(campaign=campaign)
    reporter = member(unit, Role.REPORTER)
    report = open_report(step, unit, by=reporter)
    photo = add_photo(
        report,
        data=jpeg(),
        filename="IMG_20211001.jpg",
        caption="Lễ khai mạc Tuần lễ",
        may_publish=False,
        by=reporter,
    )
    client = Client()
    client.force_login(reporter)

    response = client.get(photo.urls.thumbnail)

    assert response.status_code == 302
    link = response["Location"]
    assert link.startswith(
        f"{s3_settings.meta.endpoint_url}/tuan-le-htsd/media/{photo.thumbnail.name}?"
    )
    assert "X-Amz-Signature=" in link
    assert "X-Amz-Expires=3600" in link
    assert response["Cache-Control"] == "private, max-age=1800"
    with urllib.request.urlopen(link, timeout=10) as stored:  # noqa: S310 - local test server
        assert stored.headers["Content-Type"] == "image/jpeg"
        assert stored.headers["Content-Disposition"] == (
            'inline; filename="le-khai-mac-tuan-le-nho.jpg"'
        )
        assert stored.headers["Cache-Control"] == "private, max-age=1800"
        data = stored.read()
    with photo.thumbnail.open("rb") as source:
        assert data == source.read()

    outsider = Client()
    outsider.force_login(member(OrgUnitFactory(code="794"), Role.REPORTER))
    refused = outsider.get(photo.urls.thumbnail)
    assert refused.status_code == 404
    assert "Location" not in refused
