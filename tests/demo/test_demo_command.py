"""`lifelong-week demo` on a fresh data folder: serves, keeps its data there, stops cleanly."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request

THEME = (
    "Chuyển đổi số và cơ hội học tập suốt đời cho tất cả mọi người trong bối cảnh đại dịch COVID-19"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_demo(data_dir, port):
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env["LIFELONG_WEEK_DATA_DIR"] = str(data_dir)
    return subprocess.Popen(
        [sys.executable, "-m", "lifelong_week", "demo", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_for_page(url: str, process, timeout: float = 120) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"demo exited early:\n{process.stdout.read()}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - localhost
                return response.read().decode()
        except OSError:
            time.sleep(0.5)
    raise AssertionError("demo did not serve within the time limit")


def stop(process) -> str:
    process.send_signal(signal.SIGINT)
    output, _ = process.communicate(timeout=30)
    return output


def test_demo_serves_the_theme_keeps_data_in_its_folder_and_stops_cleanly(tmp_path):
    data_dir = tmp_path / "du-lieu"
    port = free_port()
    process = start_demo(data_dir, port)
    try:
        page = wait_for_page(f"http://127.0.0.1:{port}/", process)
        assert THEME in page
        css = wait_for_page(f"http://127.0.0.1:{port}/static/lifelong_week/site.css", process)
        assert "--brand" in css
    finally:
        output = stop(process)
    assert process.returncode == 0, output
    assert "hoctap-2021" in output  # demo accounts are printed with their password
    assert "sogd.dieuphoi" in output
    assert "Đã dừng." in output
    database = data_dir / "lifelong-week.sqlite3"
    assert database.exists()
    assert (data_dir / "secret_key").exists()

    with sqlite3.connect(database) as db:
        before = db.execute("select count(*) from campaigns_campaign").fetchone()[0]
        db.execute("update accounts_user set full_name = 'Đã đổi' where username = 'benluc.baocao'")

    process = start_demo(data_dir, port)
    try:
        wait_for_page(f"http://127.0.0.1:{port}/", process)
    finally:
        stop(process)
    with sqlite3.connect(database) as db:
        assert db.execute("select count(*) from campaigns_campaign").fetchone()[0] == before
        name = db.execute(
            "select full_name from accounts_user where username = 'benluc.baocao'"
        ).fetchone()[0]
    assert name == "Đã đổi"


def test_start_up_output_lists_the_accounts_and_keeps_e_mail_out_of_the_terminal(tmp_path):
    # Loading the demo returns Cần Đước's report, which e-mails its reporter:
    # the console backend printed the raw message (a base64 subject) here.
    data_dir = tmp_path / "du-lieu"
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env["LIFELONG_WEEK_DATA_DIR"] = str(data_dir)
    result = subprocess.run(
        [sys.executable, "-m", "lifelong_week", "demo", "--no-serve"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    output = result.stdout + result.stderr
    assert "Content-Type" not in output
    assert "=?utf-8?" not in output
    assert "— —" not in output
    lines = output.splitlines()
    assert "  quantri              Quản trị hệ thống — toàn hệ thống" in lines
    assert "  benluc.baocao        Người nhập báo cáo — UBND huyện Bến Lức" in lines
    mail_dir = data_dir / "thu-dien-tu"
    assert (
        f"Chưa cấu hình máy chủ thư (EMAIL_HOST): thư điện tử không gửi đi mà được lưu "
        f"thành tệp trong {mail_dir}"
    ) in lines
    messages = [path.read_text(encoding="utf-8") for path in mail_dir.iterdir()]
    assert len(messages) == 1
    assert "To: canduoc.baocao@demo.invalid" in messages[0]
    assert "Đề nghị bổ sung số liệu lớp học trực tuyến và ảnh lễ khai mạc." in messages[0]
