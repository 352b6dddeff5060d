from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from lifelong_week.demo import settings as demo_settings
from lifelong_week.demo.accounts import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Chạy bản trình diễn: tạo cơ sở dữ liệu, nạp dữ liệu Long An 2021 và phục vụ trang web."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument(
            "--no-serve", action="store_true", help="Chỉ chuẩn bị dữ liệu, không chạy máy chủ."
        )

    def handle(self, *args, port: int, host: str, threads: int, no_serve: bool, **options):
        self.stdout.write(f"Thư mục dữ liệu: {settings.DATA_DIR}")
        mail_dir = self._keep_mail_in_files()
        # As in demo/settings.py: anyone tries the accounts; two-factor is offered.
        settings.TWO_FACTOR_REQUIRED = demo_settings.TWO_FACTOR_REQUIRED
        call_command("migrate", interactive=False, verbosity=0)
        from lifelong_week.demo.load import load_demo

        data = load_demo()
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"Đã nạp kế hoạch: {data.campaign.title}"))
        self.stdout.write(f"\nTài khoản trình diễn (mật khẩu chung: {DEMO_PASSWORD}):")
        width = max(len(u) for u, _r, _unit in data.accounts)
        for username, role, unit in data.accounts:
            self.stdout.write(f"  {username.ljust(width)}  {role} — {unit}")
        if mail_dir is not None:
            self.stdout.write(
                f"\nChưa cấu hình máy chủ thư (EMAIL_HOST): thư điện tử không gửi đi mà được lưu "
                f"thành tệp trong {mail_dir}"
            )
        if not settings.TWO_FACTOR_REQUIRED:
            self.stdout.write(
                "Đăng nhập hai bước: không bắt buộc trong bản trình diễn (bật được ở trang "
                "Việc của tôi); bản chính thức bắt buộc với quản trị và điều phối cấp tỉnh trở lên."
            )
        if no_serve:
            return
        worker = self._start_worker(mail_in_files=mail_dir is not None)
        try:
            self._serve(host, port, threads)
        finally:
            worker.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                worker.wait(timeout=10)

    def _keep_mail_in_files(self) -> Path | None:
        """Without a mail server, e-mail goes to files in the data folder (as in
        ``demo/settings.py``, which the worker runs with) rather than to this
        terminal, where a raw message with its encoded subject reads like an
        error. Returns the folder, or None when a mail server is configured."""
        if settings.EMAIL_BACKEND != demo_settings.CONSOLE_EMAIL:
            return None
        settings.EMAIL_BACKEND = demo_settings.EMAIL_BACKEND
        settings.EMAIL_FILE_PATH = demo_settings.MAIL_DIR
        return demo_settings.MAIL_DIR

    def _start_worker(self, *, mail_in_files: bool) -> subprocess.Popen:
        """The background worker (reminders, later exports) beside the web server,
        with a daily reminder run enqueued now and every morning at 07:00."""
        from lifelong_week.reports.tasks import send_daily_reminders

        log_path = settings.DATA_DIR / "worker.log"
        log = log_path.open("a", encoding="utf-8")
        env = os.environ.copy()
        if mail_in_files and env.get("DJANGO_SETTINGS_MODULE") == "lifelong_week.settings":
            env["DJANGO_SETTINGS_MODULE"] = "lifelong_week.demo.settings"
        worker = subprocess.Popen(
            [sys.executable, "-m", "lifelong_week", "db_worker", "--no-reload", "--interval", "5"],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
        send_daily_reminders.enqueue()

        def every_morning():
            while True:
                now = dt.datetime.now()
                morning = now.replace(hour=7, minute=0, second=0, microsecond=0)
                if morning <= now:
                    morning += dt.timedelta(days=1)
                threading.Event().wait((morning - now).total_seconds())
                send_daily_reminders.enqueue()

        threading.Thread(target=every_morning, daemon=True, name="daily-reminders").start()
        self.stdout.write(
            f"Tác vụ nền (nhắc nộp báo cáo hằng ngày) đang chạy; nhật ký ghi vào {log_path}."
        )
        return worker

    def _serve(self, host: str, port: int, threads: int) -> None:
        from waitress import serve

        from lifelong_week.wsgi import application

        url = f"http://{'localhost' if host in ('127.0.0.1', '0.0.0.0') else host}:{port}/"  # noqa: S104
        self.stdout.write(self.style.SUCCESS(f"\nĐang phục vụ tại {url} — nhấn Ctrl-C để dừng."))
        self.stdout.flush()

        def stop(_signum, _frame):
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, stop)
        with contextlib.suppress(KeyboardInterrupt):
            serve(application, host=host, port=port, threads=threads, ident="lifelong-week")
        self.stdout.write("Đã dừng.")
        sys.stdout.flush()
