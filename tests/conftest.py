from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def pytest_collection_modifyitems(config, items):
    """Browser tests need Debian's Chromium: skipped with a reason on a laptop
    without it, but in CI a missing browser is a failure, never a skip."""
    if CHROMIUM:
        return
    if IN_CI:
        raise pytest.UsageError(
            "CI=true but Chromium is not installed: browser tests must run in CI "
            "(apt-get install -y chromium)."
        )
    skip = pytest.mark.skip(reason="Chromium not installed (apt-get install -y chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: rolled-back rows may come back
    with the same ids, and a cached board must not outlive its test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _two_factor_as_the_demo(settings):
    """Tests sign in as the demo's accounts, as the demo does: two-factor
    sign-in offered, not required (tests/accounts/test_two_factor.py turns
    the production default back on)."""
    settings.TWO_FACTOR_REQUIRED = False


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Argon2 is slow on purpose; tests that are not about hashing need not pay.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def browser_type_launch_args():
    return {
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def demo(db):
    """The Long An 2021 demo (units, campaign, accounts) without the units'
    reports, loaded through the same code as `lifelong-week demo`."""
    from lifelong_week.demo.load import load_demo

    return load_demo(reports=False)


@pytest.fixture(scope="module")
def _full_demo_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The full demo, built once per test module inside a transaction that is
    rolled back when the module ends. Each test runs in a savepoint inside it
    (pytest-django's ``db``), so a test's changes vanish after it as usual —
    and the demo is not rebuilt test after test."""
    from django.db import transaction
    from django.test import override_settings

    from lifelong_week.demo.load import load_demo

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            media = tmp_path_factory.mktemp("full-demo-media")
            with override_settings(
                PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
                MEDIA_ROOT=media,
            ):
                data = load_demo()
            data.media_root = media
            yield data
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def full_demo(_full_demo_once, db, settings):
    """The demo exactly as `lifelong-week demo` serves it, reports included.
    Fresh objects each time, so one test's in-memory changes never reach another."""
    from lifelong_week.campaigns.models import Campaign

    settings.MEDIA_ROOT = _full_demo_once.media_root  # where its photos are
    from lifelong_week.demo.load import DemoData
    from lifelong_week.orgs.models import OrgUnit

    return DemoData(
        units=OrgUnit.objects.in_bulk(list(_full_demo_once.units), field_name="code"),
        campaign=Campaign.objects.get(pk=_full_demo_once.campaign.pk),
        accounts=list(_full_demo_once.accounts),
    )


@pytest.fixture
def committed_full_demo(transactional_db):
    """The full demo committed for real, for a test whose code opens its own
    connections (a worker). Keep such tests in modules of their own: the
    shared ``full_demo`` holds a transaction open for its whole module."""
    from lifelong_week.demo.load import load_demo

    return load_demo()


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    # The hashed-manifest storage needs collectstatic; tests serve from the finders.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
