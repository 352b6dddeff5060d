"""The README's production command, run as written, behind a real nginx that
terminates TLS with a self-made certificate: pages load over HTTPS, nobody
is redirected in a loop, a clerk signs in, cookies are secure and HSTS is on.

The command is read from the README itself (the ``waitress-serve`` lines of
"Deploying with PostgreSQL"), so the documentation cannot drift from what
is tested. It runs in a process of its own with production settings (DEBUG
off, ``LIFELONG_WEEK_HTTPS`` and ``BEHIND_PROXY`` on) against the test
database.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from lifelong_week.accounts.models import User
from tests.deploy.conftest import (
    free_port,
    require_nginx,
    running_nginx,
    wait_for_port,
    write_conf,
)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

README = Path(__file__).resolve().parents[2] / "README.md"
PASSWORD = "mat-khau-thu-nghiem-2026"

TLS_SERVER = """
        listen 127.0.0.1:{port} ssl;
        ssl_certificate {run}/cert.pem;
        ssl_certificate_key {run}/key.pem;
        location / {{
            proxy_pass http://127.0.0.1:{upstream};
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_set_header X-Forwarded-Proto $scheme;
        }}
"""


def readme_command() -> list[str]:
    """The production server command of the README's deployment section."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Deploying with PostgreSQL") :]
    match = re.search(r"^uv run waitress-serve(?:.*\\\n)*.*$", section, re.MULTILINE)
    assert match, "the README's deployment section has no waitress-serve command"
    return shlex.split(match.group(0).replace("\\\n", " "))


def _database_url() -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user, host, port = settings["USER"], settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
    return f"postgres://{user}@{host}:{port}/{settings['NAME']}"


@pytest.fixture
def production(tmp_path, transactional_db):
    """The README's command on a free port, with production settings."""
    command = readme_command()
    assert command[:2] == ["uv", "run"]
    port = free_port()
    # The venv's own script, as `uv run` would find it; our port.
    program = [str(Path(sys.executable).with_name(command[2]))]
    args, rest = [], iter(command[3:])
    for arg in rest:
        option = arg.split("=", 1)[0]
        if option in ("--port", "--listen"):
            if "=" not in arg:
                next(rest)  # its value
            args.append(f"--listen=127.0.0.1:{port}")
        else:
            args.append(arg)
    data = tmp_path / "data"
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "LIFELONG_WEEK_DATA_DIR": str(data),
        "SECRET_KEY": "x" * 64,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LIFELONG_WEEK_HTTPS": "true",
        "BEHIND_PROXY": "true",
        "DEBUG": "false",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    manage = [str(Path(sys.executable).with_name("lifelong-week"))]
    subprocess.run([*manage, "collectstatic", "--noinput", "-v", "0"], env=env, check=True)
    process = subprocess.Popen(
        [*program, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        wait_for_port(port, process, "the README's server command")
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def https(production, tmp_path):
    """nginx terminating TLS with a self-made certificate in front of it."""
    require_nginx()
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed")
    run = tmp_path / "nginx"
    run.mkdir()
    subprocess.run(
        [
            openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=127.0.0.1", "-keyout", str(run / "key.pem"), "-out", str(run / "cert.pem"),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    port = free_port()
    conf = write_conf(run, TLS_SERVER.format(port=port, run=run, upstream=production))
    with running_nginx(conf, run, port):
        yield f"https://127.0.0.1:{port}"


def test_the_readme_deployment_serves_https_without_a_redirect_loop(browser, https, settings):
    # Hashed as production checks it (the tests' fast hasher is not there).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    User.objects.create_user(username="thu.nghiem", password=PASSWORD)
    context = browser.new_context(ignore_https_errors=True)
    page = context.new_page()

    response = page.goto(https + "/")
    assert response.status == 200
    assert page.url == https + "/"
    assert response.request.redirected_from is None
    assert "max-age=31536000" in response.headers["strict-transport-security"]

    page.goto(https + "/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("thu.nghiem")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(https + "/tai-khoan/")
    cookies = {cookie["name"]: cookie for cookie in context.cookies()}
    assert cookies["sessionid"]["secure"] is True
    assert cookies["csrftoken"]["secure"] is True
    context.close()
