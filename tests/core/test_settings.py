"""Settings come from the environment; junk stops start-up, production is locked down."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def run_cli(*args: str, env: dict[str, str], tmp_path) -> subprocess.CompletedProcess:
    full_env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(
            ("DATABASE_URL", "DEBUG", "SECRET_KEY", "LIFELONG_WEEK", "DJANGO_ALLOW_ASYNC_UNSAFE")
        )
    }
    full_env.update({"LIFELONG_WEEK_DATA_DIR": str(tmp_path / "data"), **env})
    return subprocess.run(
        [sys.executable, "-m", "lifelong_week", *args],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_junk_value_stops_start_up_with_the_variable_named(tmp_path):
    result = run_cli("check", env={"DEBUG": "maybe"}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "DEBUG='maybe' is not a yes/no value (use true or false)." in result.stderr


def test_a_short_secret_key_is_refused(tmp_path):
    result = run_cli("check", env={"SECRET_KEY": "short"}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY must be at least 50 characters long." in result.stderr


def test_secret_key_is_generated_once_and_kept_in_the_data_folder(tmp_path):
    assert run_cli("check", env={}, tmp_path=tmp_path).returncode == 0
    key_file = tmp_path / "data" / "secret_key"
    first = key_file.read_text()
    assert len(first) >= 50
    assert run_cli("check", env={}, tmp_path=tmp_path).returncode == 0
    assert key_file.read_text() == first
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"


def test_secret_can_come_from_a_file(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("x" * 64 + "\n")
    result = run_cli("check", env={"SECRET_KEY_FILE": str(secret)}, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "data" / "secret_key").exists()


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_production_settings_pass_check_deploy(tmp_path, database):
    env = {
        "SECRET_KEY": "p" * 30 + "r0dUct10n-k3y-th4t-1s-l0ng-3n0ugh!",
        "LIFELONG_WEEK_HTTPS": "true",
        "ALLOWED_HOSTS": "htsd.longan.gov.vn",
    }
    if database == "postgresql":
        env["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/postgres"
    result = run_cli("check", "--deploy", "--fail-level", "WARNING", env=env, tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("switch", "options"),
    [
        ({}, "{'server_side_binding': True, 'prepare_threshold': 5}"),
        ({"DATABASE_PREPARED_STATEMENTS": "false"}, "{}"),
    ],
)
def test_prepared_statements_are_on_for_postgresql_unless_switched_off(tmp_path, switch, options):
    env = {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres", **switch}
    show = "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'])"
    result = run_cli("shell", "-c", show, env=env, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == options


SHOW_DELIVERY = (
    "from django.conf import settings; print(settings.FILE_DELIVERY, settings.FILE_NGINX_LOCATION)"
)


@pytest.mark.parametrize(
    ("env", "shown"),
    [
        ({}, "app /_protected/"),
        ({"LIFELONG_WEEK_FILE_DELIVERY": "nginx"}, "nginx /_protected/"),
        (
            {
                "LIFELONG_WEEK_FILE_DELIVERY": "nginx",
                "LIFELONG_WEEK_NGINX_LOCATION": "/tep-noi-bo/",
            },
            "nginx /tep-noi-bo/",
        ),
    ],
)
def test_files_are_sent_by_the_application_unless_nginx_is_named(tmp_path, env, shown):
    result = run_cli("shell", "-c", SHOW_DELIVERY, env=env, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == shown


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"LIFELONG_WEEK_FILE_DELIVERY": "apache"},
            "LIFELONG_WEEK_FILE_DELIVERY='apache' must be app, nginx or s3.",
        ),
        (
            {"LIFELONG_WEEK_FILE_DELIVERY": "s3"},
            "LIFELONG_WEEK_FILE_DELIVERY=s3 needs a bucket: set LIFELONG_WEEK_S3_BUCKET.",
        ),
        (
            {"LIFELONG_WEEK_FILE_DELIVERY": "nginx", "LIFELONG_WEEK_S3_BUCKET": "tuan-le"},
            "LIFELONG_WEEK_FILE_DELIVERY=nginx serves files from the data folder, but "
            "LIFELONG_WEEK_S3_BUCKET keeps them in a bucket: use s3 (or app).",
        ),
        (
            {"LIFELONG_WEEK_NGINX_LOCATION": "/_protected"},
            "LIFELONG_WEEK_NGINX_LOCATION='/_protected' must be a path such as /_protected/ "
            "(starting and ending with /, letters, digits, . _ ~ - only).",
        ),
        (
            {"LIFELONG_WEEK_NGINX_LOCATION": "/media/../"},
            "LIFELONG_WEEK_NGINX_LOCATION='/media/../' must be a path such as /_protected/ "
            "(starting and ending with /, letters, digits, . _ ~ - only).",
        ),
    ],
)
def test_a_junk_file_delivery_stops_start_up_naming_the_variable(tmp_path, env, message):
    result = run_cli("check", env=env, tmp_path=tmp_path)
    assert result.returncode != 0
    assert message in result.stderr
