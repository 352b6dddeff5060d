import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from lifelong_week.reports.rollup import fold_all


class Command(BaseCommand):
    help = (
        "Cộng dồn vào số liệu tổng hợp các báo cáo vừa đổi trạng thái, theo lô "
        "(mỗi trang đọc số liệu cũng tự cộng dồn trước khi đọc)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=float,
            default=0.1,
            help="Số giây giữa hai lượt (mặc định 0,1): số liệu tổng hợp trễ chừng ấy cộng thời gian một lượt.",
        )
        parser.add_argument(
            "--once", action="store_true", help="Chạy một lượt rồi dừng, thay vì chạy liên tục."
        )

    def handle(self, *args, interval: float, once: bool, **options):
        if once:
            self.stdout.write(f"Đã cộng dồn {fold_all()} báo cáo.")
            return
        self.stdout.write(
            f"Đang cộng dồn số liệu, mỗi {interval:g} giây một lượt (Ctrl+C để dừng)."
        )
        try:
            while True:
                close_old_connections()
                try:
                    fold_all()
                except DatabaseError as error:  # the database restarting: try again next round
                    self.stderr.write(f"Lỗi cơ sở dữ liệu, thử lại sau: {error}")
                # A round every interval, not back to back: a round costs
                # nearly the same for one report as for hundreds.
                time.sleep(interval)
        except KeyboardInterrupt:
            return
