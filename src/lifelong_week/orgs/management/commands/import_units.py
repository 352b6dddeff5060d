from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lifelong_week.orgs.importer import UnitImportError, import_units


class Command(BaseCommand):
    help = "Nhập danh sách đơn vị từ tệp CSV hoặc XLSX (tất cả hoặc không gì cả)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            result = import_units(file)
        except UnitImportError as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"Không nhập được: {len(exc.problems)} lỗi. Cơ sở dữ liệu không thay đổi."
            ) from None
        self.stdout.write(
            f"Đã nhập {len(result.created)} đơn vị mới, cập nhật {len(result.updated)} đơn vị."
        )
