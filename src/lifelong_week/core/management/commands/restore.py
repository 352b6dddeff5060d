from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lifelong_week.core.backup import BackupError, check_archive, restore_backup


class Command(BaseCommand):
    help = (
        "Khôi phục cơ sở dữ liệu và các tệp từ một bản sao lưu (thay thế toàn bộ dữ liệu hiện có). "
        "Hãy dừng máy chủ web và các tác vụ nền trước."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Tệp sao lưu do lifelong-week backup tạo")
        parser.add_argument("--yes", action="store_true", help="Không hỏi lại (khi chạy tự động)")

    def handle(self, *args, file: Path, yes: bool, **options):
        try:
            manifest = check_archive(file)
        except BackupError as error:
            raise CommandError(str(error)) from None
        if not yes:
            self.stdout.write(
                f"Bản sao lưu lúc {manifest.created_at}, {sum(manifest.tables.values()):,} dòng, "
                f"{len(manifest.files):,} tệp. Dữ liệu hiện có sẽ bị thay thế.".replace(",", ".")
            )
            if input("Gõ “khoi phuc” để tiếp tục: ").strip() != "khoi phuc":
                raise CommandError("Đã hủy, dữ liệu không thay đổi.")
        try:
            restored = restore_backup(file)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Đã khôi phục bản sao lưu lúc {restored.manifest.created_at}.")
        if restored.previous_files:
            self.stdout.write(
                f"Các tệp có trước khi khôi phục được giữ ở {restored.previous_files}."
            )
        if restored.problems:
            for problem in restored.problems:
                self.stderr.write(problem)
            raise CommandError("Dữ liệu sau khi khôi phục khác bản sao lưu (xem trên).")
        self.stdout.write("Đã kiểm tra: mọi bảng và mọi tệp khớp với bản sao lưu.")
