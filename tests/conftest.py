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


@pytest.fixture
def full_demo(db):
    """The demo exactly as `lifelong-week demo` serves it, reports included."""
    from lifelong_week.demo.load import load_demo

    return load_demo()


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    # The hashed-manifest storage needs collectstatic; tests serve from the finders.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
