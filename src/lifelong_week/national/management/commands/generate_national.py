from django.core.management.base import BaseCommand, CommandError

from lifelong_week.core.numbers import format_number
from lifelong_week.demo.accounts import DEMO_PASSWORD
from lifelong_week.national.generator import (
    FULL_SIZE,
    MINISTRY_SLUG,
    USERNAME_PREFIX,
    YEAR,
    GeneratorError,
    generate_national,
)


class Command(BaseCommand):
    help = (
        "Tạo bộ dữ liệu toàn quốc mô phỏng (Bộ → 34 tỉnh → xã → trường, trung tâm) với kế hoạch, "
        "tài khoản và báo cáo ở mọi trạng thái, để đo hiệu năng. Cần một cơ sở dữ liệu riêng."
    )
    # Data only: the pages' checks (URLs, templates) are not needed to write rows.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--units", type=int, default=FULL_SIZE, help="Số đơn vị báo cáo (mặc định 50000)"
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=YEAR,
            help="Hạt giống ngẫu nhiên: cùng hạt giống, cùng dữ liệu",
        )

    def handle(self, *args, units: int, seed: int, **options):
        try:
            result = generate_national(units=units, seed=seed, log=self.stdout.write)
        except GeneratorError as error:
            raise CommandError(error.message) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã tạo {format_number(result.units)} đơn vị, {result.campaigns} kế hoạch, "
                f"{format_number(result.reports)} báo cáo, {format_number(result.values)} số liệu "
                f"trong {result.seconds:.1f} giây."
            )
        )
        if not result.rebuilt:
            self.stdout.write(
                self.style.WARNING(
                    "Chưa có hàm rebuild() của roll-up: số liệu tổng hợp chưa được lưu."
                )
            )
        self.stdout.write(
            f"Kế hoạch của Bộ: {MINISTRY_SLUG}. Tài khoản: {USERNAME_PREFIX}<mã đơn vị> "
            f"(ví dụ {USERNAME_PREFIX}bgddt, {USERNAME_PREFIX}01-sgddt), mật khẩu {DEMO_PASSWORD} — "
            "chỉ dùng để thử nghiệm."
        )
