"""Debian's nginx, started by a test with its own configuration, prefix,
logs and pid file in a temporary folder and a free port. Without nginx the
tests that need it are skipped on a laptop and fail in CI."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import IN_CI

NGINX = shutil.which("nginx") or next(
    (path for path in ("/usr/sbin/nginx",) if os.access(path, os.X_OK)), None
)
# Running as root, nginx would switch to "nobody", who cannot read pytest's
# temporary folders.
NGINX_USER = "user root;" if os.geteuid() == 0 else ""


_CONF = """
daemon off;
master_process off;
{user}
pid {run}/nginx.pid;
error_log {run}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {run}/access.log;
    client_body_temp_path {run}/client_body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
    server {{
{server}
    }}
}}
"""


def write_conf(run: Path, server: str) -> Path:
    """An nginx configuration in ``run`` (pid, logs, temporary files there too)
    with one ``server`` block's body."""
    conf = run / "nginx.conf"
    conf.write_text(_CONF.format(user=NGINX_USER, run=run, server=server), encoding="utf-8")
    return conf


def require_nginx() -> None:
    if NGINX is None:
        if IN_CI:
            pytest.fail("CI=true but nginx is not installed (apt-get install -y nginx)")
        pytest.skip("nginx is not installed (apt-get install -y nginx)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, what: str, log: Path | None = None):
    deadline = time.monotonic() + 30
    while True:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        if process.poll() is not None or time.monotonic() > deadline:
            output = ""
            if process.poll() is not None and process.stderr is not None:
                output = process.stderr.read().decode(errors="replace")
            if log is not None and log.exists():
                output += log.read_text()
            pytest.fail(f"{what} did not start: {output}")
        time.sleep(0.05)


@contextlib.contextmanager
def running_nginx(conf: Path, run: Path, port: int):
    """nginx with ``conf`` (prefix ``run``) until the block ends: its base URL."""
    process = subprocess.Popen(
        [NGINX, "-c", str(conf), "-p", str(run), "-e", str(run / "error.log")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(port, process, "nginx", run / "error.log")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
