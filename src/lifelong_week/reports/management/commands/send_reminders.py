from django.core.management.base import BaseCommand

from lifelong_week.reports.tasks import send_daily_reminders


class Command(BaseCommand):
    help = "Gửi nhắc nhở hôm nay cho các đơn vị chưa nộp báo cáo (chạy lại trong ngày không gửi trùng)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Đưa vào hàng đợi để db_worker chạy, thay vì chạy ngay.",
        )

    def handle(self, *args, enqueue: bool, **options):
        if enqueue:
            result = send_daily_reminders.enqueue()
            self.stdout.write(f"Đã đưa vào hàng đợi: {result.id}")
            return
        sent = send_daily_reminders.call()
        self.stdout.write(f"Đã gửi nhắc nhở cho {sent} đơn vị.")
